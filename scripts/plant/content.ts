// The glyphs a page shows, in content-stream order, each tied to the bytes of the string operand
// that shows it, so text found on the page can be rewritten glyph by glyph.
import { isRegular, readHexString, readLiteralString, skipWhite, parseValue, type PdfValue } from './pdf-object.ts';
import { contentStreams, dictOf, isFiltered, resolve, streamData, type PageRef, type QdfFile } from './qdf-file.ts';
import { readFont, type Font } from './font.ts';

export interface StringOperand { stream: number; start: number; end: number; bytes: string }
export interface Glyph { operand: StringOperand; offset: number; code: string; text: string; font: Font }

type Token =
  | { kind: 'string'; start: number; end: number; bytes: string }
  | { kind: 'op'; v: string }
  | { kind: 'name'; v: string }
  | { kind: 'other' }
  | { kind: 'open' }
  | { kind: 'close' };

/** Splits a content stream into operands and operators, skipping inline image data. */
export function tokenize(s: string): Token[] {
  const out: Token[] = [];
  let pos = 0;
  for (;;) {
    pos = skipWhite(s, pos);
    if (pos >= s.length) return out;
    const c = s[pos];
    if (c === '(') { const r = readLiteralString(s, pos); out.push({ kind: 'string', start: pos, end: r.end, bytes: r.bytes }); pos = r.end; }
    else if (c === '<' && s[pos + 1] !== '<') { const r = readHexString(s, pos); out.push({ kind: 'string', start: pos, end: r.end, bytes: r.bytes }); pos = r.end; }
    else if (c === '<' || c === '{' || c === '}') {
      if (c === '<') { const r = parseValue(s, pos); pos = r.end; } else pos++;
      out.push({ kind: 'other' });
    }
    else if (c === '[') { out.push({ kind: 'open' }); pos++; }
    else if (c === ']') { out.push({ kind: 'close' }); pos++; }
    else if (c === '/') { let e = pos + 1; while (e < s.length && isRegular(s[e])) e++; out.push({ kind: 'name', v: s.slice(pos + 1, e) }); pos = e; }
    else if (c === ')' || c === '>') pos++;
    else {
      let e = pos;
      while (e < s.length && isRegular(s[e])) e++;
      const word = s.slice(pos, e);
      pos = e;
      if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word) || word === 'true' || word === 'false' || word === 'null') { out.push({ kind: 'other' }); continue; }
      out.push({ kind: 'op', v: word });
      if (word === 'BI') {
        // Inline image: its data runs from "ID " to the "EI" that stands alone.
        const id = s.indexOf('ID', pos);
        const ei = /[\0\t\n\f\r ]EI(?=[\0\t\n\f\r ]|$)/g;
        ei.lastIndex = id + 3;
        const m = ei.exec(s);
        pos = m ? m.index + m[0].length : s.length;
      }
    }
  }
}

function glyphsOfString(op: StringOperand, font: Font): Glyph[] {
  const out: Glyph[] = [];
  for (let i = 0; i < op.bytes.length; ) {
    const len = font.codeLength(op.bytes.charCodeAt(i));
    const code = op.bytes.slice(i, i + len);
    out.push({ operand: op, offset: i, code, text: font.toUnicode.get(code) ?? '\uFFFD', font });
    i += len;
  }
  return out;
}

/** Every glyph shown by the page (and the form XObjects it draws), in drawing order. */
export function pageGlyphs(file: QdfFile, page: PageRef): Glyph[] {
  const fonts = new Map<number, Font>();
  const fontFor = (ref: PdfValue) => {
    if (ref.t !== 'ref') throw new Error('font is not a reference');
    if (!fonts.has(ref.v)) fonts.set(ref.v, readFont(file, ref));
    return fonts.get(ref.v)!;
  };
  const out: Glyph[] = [];
  const run = (streams: number[], resources: Map<string, PdfValue>, depth: number) => {
    const fontDict = dictOf(file, resources.get('Font'));
    const xobjects = dictOf(file, resources.get('XObject'));
    let font: Font | undefined;
    for (const num of streams) {
      if (isFiltered(file, num)) throw new Error(`content stream ${num} is still compressed: run qpdf --qdf first`);
      const tokens = tokenize(streamData(file, num));
      let operands: Token[] = [];
      for (const t of tokens) {
        if (t.kind !== 'op') { operands.push(t); continue; }
        const strings = operands.filter((o): o is Extract<Token, { kind: 'string' }> => o.kind === 'string');
        if (t.v === 'Tf') {
          const name = operands.find((o) => o.kind === 'name');
          const ref = name?.kind === 'name' ? fontDict?.get(name.v) : undefined;
          font = ref ? fontFor(ref) : undefined;
        } else if (['Tj', 'TJ', "'", '"'].includes(t.v)) {
          if (!font) throw new Error(`text shown with no font in stream ${num}`);
          for (const s of t.v === 'TJ' ? strings : strings.slice(-1))
            out.push(...glyphsOfString({ stream: num, start: s.start, end: s.end, bytes: s.bytes }, font));
        } else if (t.v === 'Do' && depth < 8) {
          const name = operands.find((o) => o.kind === 'name');
          const ref = name?.kind === 'name' ? xobjects?.get(name.v) : undefined;
          const x = dictOf(file, ref);
          const sub = resolve(file, x?.get('Subtype'));
          if (ref?.t === 'ref' && sub?.t === 'name' && sub.v === 'Form')
            run([ref.v], dictOf(file, x!.get('Resources')) ?? resources, depth + 1);
        }
        operands = [];
      }
    }
  };
  run(contentStreams(file, page), page.resources, 0);
  return out;
}

/** Content-stream text with each rewritten string operand replaced by a hex string of its new bytes. */
export function rewriteStream(data: string, operands: { start: number; end: number; bytes: string }[]): string {
  const hex = (b: string) => '<' + [...b].map((c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('') + '>';
  let out = data;
  for (const o of [...operands].sort((a, b) => b.start - a.start)) out = out.slice(0, o.start) + hex(o.bytes) + out.slice(o.end);
  return out;
}
