// What a font's character codes mean: its ToUnicode CMap (code → text) read both ways, how many
// bytes a code takes, and each code's advance width, so a glyph can be swapped for one of equal width.
import { parseValue, readHexString, skipWhite, type PdfValue } from './pdf-object.ts';
import { dictOf, resolve, streamData, isFiltered, type QdfFile } from './qdf-file.ts';

export interface Font {
  objectNum: number;
  baseFont: string;
  /** code length in bytes for each first byte; simple fonts use 1, Identity-H fonts 2 */
  codeLength: (firstByte: number) => number;
  toUnicode: Map<string, string>;
  fromUnicode: Map<string, string[]>;
  width: (code: string) => number | undefined;
}

const utf16be = (bytes: string) => {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) out += String.fromCharCode((bytes.charCodeAt(i) << 8) | bytes.charCodeAt(i + 1));
  return out;
};
const codeNumber = (code: string) => [...code].reduce((n, c) => n * 256 + c.charCodeAt(0), 0);
const codeOf = (n: number, len: number) => {
  let s = '';
  for (let i = len - 1; i >= 0; i--) s += String.fromCharCode((n >> (8 * i)) & 0xff);
  return s;
};

export interface CMap { ranges: { lo: string; hi: string }[]; map: Map<string, string> }

/** Reads the codespace ranges and bfchar/bfrange mappings of a ToUnicode CMap. */
export function parseToUnicode(text: string): CMap {
  const ranges: CMap['ranges'] = [];
  const map = new Map<string, string>();
  const hexes = (section: string) => {
    const out: (string | string[])[] = [];
    let pos = 0;
    for (;;) {
      pos = skipWhite(section, pos);
      if (pos >= section.length) return out;
      if (section[pos] === '<') { const r = readHexString(section, pos); out.push(r.bytes); pos = r.end; }
      else if (section[pos] === '[') {
        const { value, end } = parseValue(section, pos);
        out.push(value.t === 'array' ? value.v.flatMap((x) => (x.t === 'str' ? [x.v] : [])) : []);
        pos = end;
      } else pos++;
    }
  };
  const sections = (name: string) =>
    [...text.matchAll(new RegExp(`begin${name}([\\s\\S]*?)end${name}`, 'g'))].map((m) => hexes(m[1]));
  for (const items of sections('codespacerange'))
    for (let i = 0; i + 1 < items.length; i += 2) ranges.push({ lo: items[i] as string, hi: items[i + 1] as string });
  for (const items of sections('bfchar'))
    for (let i = 0; i + 1 < items.length; i += 2) map.set(items[i] as string, utf16be(items[i + 1] as string));
  for (const items of sections('bfrange'))
    for (let i = 0; i + 2 < items.length; i += 3) {
      const lo = items[i] as string, hi = items[i + 1] as string, dst = items[i + 2];
      const from = codeNumber(lo), to = codeNumber(hi);
      for (let n = from; n <= to; n++) {
        const code = codeOf(n, lo.length);
        if (Array.isArray(dst)) { if (dst[n - from] !== undefined) map.set(code, utf16be(dst[n - from])); continue; }
        const base = utf16be(dst);
        const last = base.charCodeAt(base.length - 1) + (n - from);
        map.set(code, base.slice(0, -1) + String.fromCharCode(last));
      }
    }
  return { ranges, map };
}

// WinAnsi agrees with Latin-1 on the printable ASCII a simple font's digits and punctuation use.
const winAnsi = (code: string) => (code.charCodeAt(0) >= 0x20 && code.charCodeAt(0) < 0x7f ? code : undefined);

const numberArray = (file: QdfFile, v: PdfValue | undefined) => {
  const r = resolve(file, v);
  return r?.t === 'array' ? r.v.map((x) => resolve(file, x)) : [];
};

export function readFont(file: QdfFile, ref: PdfValue): Font {
  const dict = dictOf(file, ref);
  if (!dict || ref.t !== 'ref') throw new Error('font is not an indirect dictionary');
  const subtype = resolve(file, dict.get('Subtype'));
  const composite = subtype?.t === 'name' && subtype.v === 'Type0';
  const baseFontValue = resolve(file, dict.get('BaseFont'));
  const baseFont = baseFontValue?.t === 'name' ? baseFontValue.v : '?';

  let cmap: CMap = { ranges: [], map: new Map() };
  const tu = dict.get('ToUnicode');
  if (tu?.t === 'ref') {
    if (isFiltered(file, tu.v)) throw new Error(`ToUnicode of ${baseFont} is still compressed: run qpdf --qdf first`);
    cmap = parseToUnicode(streamData(file, tu.v));
  }
  const codeLength = (first: number) => {
    for (const r of cmap.ranges) if (first >= r.lo.charCodeAt(0) && first <= r.hi.charCodeAt(0)) return r.lo.length;
    return composite ? 2 : 1;
  };
  const toUnicode = new Map(cmap.map);
  if (!composite) for (let c = 0x20; c < 0x7f; c++) { const k = String.fromCharCode(c); if (!toUnicode.has(k)) toUnicode.set(k, winAnsi(k)!); }
  const fromUnicode = new Map<string, string[]>();
  for (const [code, text] of toUnicode) fromUnicode.set(text, [...(fromUnicode.get(text) ?? []), code]);

  let width: Font['width'];
  if (composite) {
    const descendant = dictOf(file, numberArray(file, dict.get('DescendantFonts'))[0]);
    const dw = resolve(file, descendant?.get('DW'));
    const widths = new Map<number, number>();
    const w = numberArray(file, descendant?.get('W'));
    for (let i = 0; i < w.length; ) {
      const first = w[i], next = w[i + 1];
      if (first?.t !== 'num') break;
      if (next?.t === 'array') {
        next.v.forEach((x, k) => { const r = resolve(file, x); if (r?.t === 'num') widths.set(first.v + k, r.v); });
        i += 2;
      } else {
        const last = next, wv = w[i + 2];
        if (last?.t === 'num' && wv?.t === 'num') for (let c = first.v; c <= last.v; c++) widths.set(c, wv.v);
        i += 3;
      }
    }
    width = (code) => widths.get(codeNumber(code)) ?? (dw?.t === 'num' ? dw.v : 1000);
  } else {
    const fc = resolve(file, dict.get('FirstChar'));
    const ws = numberArray(file, dict.get('Widths'));
    width = (code) => { const r = ws[codeNumber(code) - (fc?.t === 'num' ? fc.v : 0)]; return r?.t === 'num' ? r.v : undefined; };
  }
  return { objectNum: ref.v, baseFont, codeLength, toUnicode, fromUnicode, width };
}
