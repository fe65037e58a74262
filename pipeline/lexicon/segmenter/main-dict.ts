// cppjieba's jieba.dict.utf8 ("word freq tag" lines) into a sorted table, as DictTrie::Init reads
// it: weights log(freq / sum of freqs), the minimum and median weight kept for unknown characters
// and user words, a later entry of a word replacing an earlier one. The build script stores the
// result in the compact form (compact.ts); this text path is for the build and for other dictionaries.
import { type DictFile, type MainTable, type Table } from './dictionary.ts';
import { log } from './log.ts';
import { atof, decodeRunes, split, text } from './text.ts';

const SPACE = 0x20;

/** Growable Uint32Array, so 1M code points never live as a JavaScript array. */
class RuneBuffer {
  data = new Uint32Array(1 << 16);
  length = 0;
  push(r: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = r;
  }
}

interface Entries {
  runes: RuneBuffer;
  starts: number[]; // entry i is runes[starts[i], starts[i + 1])
  weights: number[];
  tags: number[];
  tagNames: string[];
  tagIndex: Map<string, number>;
}

/**
 * The main dictionary's lines into `e` (weights still 0), returning their frequencies. One pass over
 * the bytes with no per-line arrays: 350k lines load in a fraction of the time split() would take.
 * A line the fast path does not fit (odd spacing) is read by the general Split/atof rules.
 */
function readMainDict(main: DictFile, e: Entries): Float64Array {
  const { bytes, name } = main;
  let lineCount = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a) lineCount++;
  if (bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a) lineCount++;
  if (lineCount === 0) throw new Error(`${name}: empty dictionary`);
  const freqs = new Float64Array(lineCount);
  const tagByBytes = new Map<number, number>(); // short ASCII tags by their packed bytes
  let a = 0;
  for (let n = 0; n < lineCount; n++) {
    let b = a;
    let sp1 = -1;
    let sp2 = -1;
    let spaces = 0;
    while (b < bytes.length && bytes[b] !== 0x0a) {
      if (bytes[b] === SPACE) {
        spaces++;
        if (sp1 < 0) sp1 = b;
        else if (sp2 < 0) sp2 = b;
      }
      b++;
    }
    let cols: Array<[number, number]>;
    if (spaces === 2 && sp2 + 1 < b && sp1 + 1 < sp2) cols = [[a, sp1], [sp1 + 1, sp2], [sp2 + 1, b]];
    else cols = split(bytes, a, b, SPACE);
    if (cols.length !== 3) throw new Error(`${name}: line ${n + 1} has ${cols.length} columns, not "word freq tag"`);
    if (!decodeInto(bytes, cols[0][0], cols[0][1], e.runes)) throw new Error(`${name}: line ${n + 1} is not UTF-8`);
    e.starts.push(e.runes.length);
    freqs[n] = integerOrAtof(bytes, cols[1][0], cols[1][1]);
    e.weights.push(0);
    const [ts, te] = cols[2];
    let key = -1;
    if (te - ts <= 5) {
      key = te - ts;
      for (let i = ts; i < te && key >= 0; i++) key = bytes[i] < 0x80 ? key * 128 + bytes[i] : -1;
    }
    let t = key >= 0 ? tagByBytes.get(key) : undefined;
    if (t === undefined) {
      t = internTag(e, text(bytes, ts, te));
      if (key >= 0) tagByBytes.set(key, t);
    }
    e.tags.push(t);
    a = b + 1;
  }
  return freqs;
}

/** Decodes like decodeRunes, straight into the buffer; false (buffer unchanged) where cppjieba fails. */
function decodeInto(bytes: Uint8Array, start: number, end: number, out: RuneBuffer): boolean {
  const fast = start < end && bytes[start] >= 0xe0 && bytes[start] <= 0xef;
  if (!fast) {
    const runes = decodeRunes(bytes, start, end);
    if (!runes) return false;
    for (const r of runes) out.push(r);
    return true;
  }
  const mark = out.length;
  let i = start;
  while (i < end) {
    const c = bytes[i];
    if (c >= 0xe0 && c <= 0xef && end - i > 2) {
      out.push(((c & 0x0f) << 12) | ((bytes[i + 1] & 0x3f) << 6) | (bytes[i + 2] & 0x3f));
      i += 3;
    } else {
      // anything but a three-byte character: the general decoder from here on
      const rest = decodeRunes(bytes, i, end);
      if (!rest) {
        out.length = mark;
        return false;
      }
      for (const r of rest) out.push(r);
      return true;
    }
  }
  return true;
}

/** atof, with a fast path for plain decimal integers (exact below 2^53, as strtod's result is). */
function integerOrAtof(bytes: Uint8Array, start: number, end: number): number {
  if (end - start > 0 && end - start <= 15) {
    let v = 0;
    let i = start;
    for (; i < end; i++) {
      const c = bytes[i] - 0x30;
      if (c < 0 || c > 9) break;
      v = v * 10 + c;
    }
    if (i === end) return v;
  }
  return atof(bytes, start, end);
}

function internTag(e: Entries, tag: string): number {
  let t = e.tagIndex.get(tag);
  if (t === undefined) {
    t = e.tagNames.length;
    e.tagNames.push(tag);
    e.tagIndex.set(tag, t);
  }
  return t;
}

export function readMainTable(main: DictFile): MainTable {
  const e: Entries = { runes: new RuneBuffer(), starts: [0], weights: [], tags: [], tagNames: [], tagIndex: new Map() };
  const freqs = readMainDict(main, e);
  let sum = 0;
  for (const f of freqs) sum += f;
  if (!(sum > 0)) throw new Error(`${main.name}: the frequencies do not add up to a positive number`);
  const logOf = new Map<number, number>();
  for (let n = 0; n < freqs.length; n++) {
    let w = logOf.get(freqs[n]);
    if (w === undefined) logOf.set(freqs[n], (w = log(freqs[n] / sum)));
    e.weights[n] = w;
  }
  const sorted = Float64Array.from(e.weights).sort();
  return { ...build(e), sum, minWeight: sorted[0], median: sorted[sorted.length >> 1] };
}

/** Sorts the entries by code points (insertion order among equals), keeps the last of each word. */
function build(e: Entries): Table {
  const runes = e.runes.data;
  const st = e.starts;
  const count = st.length - 1;
  const order = Array.from({ length: count }, (_, i) => i);
  order.sort((a, b) => {
    let pa = st[a];
    let pb = st[b];
    const ea = st[a + 1];
    const eb = st[b + 1];
    while (pa < ea && pb < eb) {
      const d = runes[pa] - runes[pb];
      if (d !== 0) return d;
      pa++;
      pb++;
    }
    return ea - pa - (eb - pb) || a - b;
  });
  const kept: number[] = [];
  for (let n = 0; n < count; n++) {
    const i = order[n];
    if (st[i + 1] === st[i]) continue;
    const next = order[n + 1];
    if (n + 1 < count && sameWord(runes, st, i, next)) continue; // a later entry of this word wins
    kept.push(i);
  }
  let total = 0;
  for (const i of kept) total += st[i + 1] - st[i];
  let wide = false;
  for (const i of kept) for (let p = st[i]; p < st[i + 1]; p++) if (runes[p] > 0xffff) wide = true;
  const outRunes = wide ? new Uint32Array(total) : new Uint16Array(total);
  const outStarts = new Uint32Array(kept.length + 1);
  // Map keys compare by SameValueZero, so a NaN weight (from a negative frequency) is one key too
  const distinct = new Map<number, number>();
  for (const i of kept) if (!distinct.has(e.weights[i])) distinct.set(e.weights[i], distinct.size);
  const weightOf = distinct.size <= 0x10000 ? new Uint16Array(kept.length) : new Uint32Array(kept.length);
  const tagOf = e.tagNames.length <= 0x100 ? new Uint8Array(kept.length) : new Uint16Array(kept.length);
  let p = 0;
  kept.forEach((i, k) => {
    outRunes.set(runes.subarray(st[i], st[i + 1]), p);
    p += st[i + 1] - st[i];
    outStarts[k + 1] = p;
    weightOf[k] = distinct.get(e.weights[i])!;
    tagOf[k] = e.tags[i];
  });
  const weightList = Float64Array.from(distinct.keys());
  return { runes: outRunes, starts: outStarts, weightOf, weights: weightList, tagOf, tags: e.tagNames };
}

function sameWord(runes: Uint32Array, st: number[], a: number, b: number): boolean {
  const la = st[a + 1] - st[a];
  if (la !== st[b + 1] - st[b]) return false;
  for (let d = 0; d < la; d++) if (runes[st[a] + d] !== runes[st[b] + d]) return false;
  return true;
}
