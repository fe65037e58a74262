// The main dictionary's table in a compact binary form, so loading it is one gunzip and a few
// typed-array views: no 350k lines parsed, sorted and thrown away, and so no transient heap that
// the process would keep resident. scripts/build-jieba-dict.ts writes it from jieba.dict.utf8.
//
// Layout (little-endian), each section starting at a multiple of 8:
//   "JXJIEBA1"  u32 words  u32 runes  u32 rune bytes (2|4)  u32 weights  u32 tags  u32 tag bytes
//   f64 sum  f64 min weight  f64 median weight
//   runes (u16|u32 each)  lengths (u8 each)  weightOf (u16 each)  tagOf (u8 each)  weights (f64 each)
//   tags (UTF-8, joined by \n)
import type { MainTable } from './dictionary.ts';

const MAGIC = 'JXJIEBA1';
const HEADER = 8 + 6 * 4 + 3 * 8;

const pad8 = (n: number) => (n + 7) & ~7;

interface Sections { runes: number; lengths: number; weightOf: number; tagOf: number; weights: number; tags: number; end: number }

function sections(words: number, runes: number, runeBytes: number, weights: number, tagBytes: number): Sections {
  const s = { runes: HEADER } as Sections;
  s.lengths = pad8(s.runes + runes * runeBytes);
  s.weightOf = pad8(s.lengths + words);
  s.tagOf = pad8(s.weightOf + words * 2);
  s.weights = pad8(s.tagOf + words);
  s.tags = s.weights + weights * 8;
  s.end = s.tags + tagBytes;
  return s;
}

export function encodeMainTable(t: MainTable): Uint8Array {
  const words = t.starts.length - 1;
  const runeBytes = t.runes instanceof Uint32Array ? 4 : 2;
  const tagText = new TextEncoder().encode(t.tags.join('\n'));
  if (t.weights.length > 0x10000 || t.tags.length > 0x100) throw new Error('dictionary has too many distinct weights or tags for the compact form');
  if (t.tags.some((tag) => tag.includes('\n'))) throw new Error('a dictionary tag holds a line break');
  const s = sections(words, t.runes.length, runeBytes, t.weights.length, tagText.length);
  const out = new Uint8Array(s.end);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode(MAGIC), 0);
  [words, t.runes.length, runeBytes, t.weights.length, t.tags.length, tagText.length].forEach((v, i) => view.setUint32(8 + i * 4, v, true));
  [t.sum, t.minWeight, t.median].forEach((v, i) => view.setFloat64(32 + i * 8, v, true));
  for (let i = 0; i < t.runes.length; i++) {
    if (runeBytes === 4) view.setUint32(s.runes + i * 4, t.runes[i], true);
    else view.setUint16(s.runes + i * 2, t.runes[i], true);
  }
  for (let k = 0; k < words; k++) {
    const len = t.starts[k + 1] - t.starts[k];
    if (len > 0xff) throw new Error('a dictionary word is longer than 255 characters');
    out[s.lengths + k] = len;
    view.setUint16(s.weightOf + k * 2, t.weightOf[k], true);
    out[s.tagOf + k] = t.tagOf[k];
  }
  t.weights.forEach((w, i) => view.setFloat64(s.weights + i * 8, w, true));
  out.set(tagText, s.tags);
  return out;
}

/** Reads the compact form; the typed arrays are views of `bytes` where its alignment allows. */
export function decodeMainTable(input: Uint8Array, name: string): MainTable {
  const bytes = input.byteOffset % 8 === 0 ? input : input.slice();
  if (bytes.length < HEADER || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) throw new Error(`${name}: not a compact jieba dictionary (no ${MAGIC} header)`);
  if (new Uint16Array(Uint8Array.of(1, 0).buffer)[0] !== 1) throw new Error(`${name}: the compact dictionary is little-endian and this machine is not`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [words, runeCount, runeBytes, weightCount, , tagBytes] = [0, 1, 2, 3, 4, 5].map((i) => view.getUint32(8 + i * 4, true));
  const [sum, minWeight, median] = [0, 1, 2].map((i) => view.getFloat64(32 + i * 8, true));
  const s = sections(words, runeCount, runeBytes, weightCount, tagBytes);
  if (s.end !== bytes.length || (runeBytes !== 2 && runeBytes !== 4)) throw new Error(`${name}: truncated or damaged compact dictionary`);
  const at = (offset: number) => bytes.byteOffset + offset;
  const runes = runeBytes === 4 ? new Uint32Array(bytes.buffer, at(s.runes), runeCount) : new Uint16Array(bytes.buffer, at(s.runes), runeCount);
  const lengths = bytes.subarray(s.lengths, s.lengths + words);
  const starts = new Uint32Array(words + 1);
  for (let k = 0; k < words; k++) starts[k + 1] = starts[k] + lengths[k];
  if (starts[words] !== runeCount) throw new Error(`${name}: word lengths do not add up to the runes stored`);
  return {
    runes,
    starts,
    weightOf: new Uint16Array(bytes.buffer, at(s.weightOf), words),
    tagOf: bytes.subarray(s.tagOf, s.tagOf + words),
    weights: new Float64Array(bytes.buffer, at(s.weights), weightCount),
    tags: new TextDecoder().decode(bytes.subarray(s.tags, s.end)).split('\n'),
    sum,
    minWeight,
    median,
  };
}
