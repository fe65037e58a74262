// Finding printed text among a page's glyphs and rewriting it with glyphs of the same fonts.
// Pure: takes the QDF text, returns the new QDF text; the caller runs qpdf around it.
import { pageGlyphs, rewriteStream, type Glyph, type StringOperand } from './content.ts';
import { pages, readQdf, replaceStreams, streamData, type QdfFile } from './qdf-file.ts';

const fold = (s: string) => s.normalize('NFKC');
const isBlank = (s: string) => /^\s*$/.test(s);
export const compact = (s: string) => [...s].filter((c) => !isBlank(c)).join('');

interface Sequence { chars: string[]; glyphOf: number[]; glyphs: Glyph[] }

/** The page's shown text without blanks, each character tied to the glyph that shows it. */
function sequence(glyphs: Glyph[]): Sequence {
  const chars: string[] = [], glyphOf: number[] = [];
  glyphs.forEach((g, i) => { for (const c of g.text) if (!isBlank(c)) { chars.push(c); glyphOf.push(i); } });
  return { chars, glyphOf, glyphs };
}

function occurrences(seq: Sequence, pattern: string): number[] {
  const p = [...compact(pattern)].map(fold);
  const hits: number[] = [];
  for (let i = 0; i + p.length <= seq.chars.length; i++)
    if (p.every((c, k) => fold(seq.chars[i + k]) === c)) hits.push(i);
  return hits;
}

export interface Occurrence { index: number; context: string; fonts: string[] }

export function findOnPage(qdfText: string, pageNumber: number, pattern: string): Occurrence[] {
  const file = readQdf(qdfText);
  const seq = sequence(pageGlyphs(file, pageAt(file, pageNumber)));
  const n = [...compact(pattern)].length;
  return occurrences(seq, pattern).map((at, k) => ({
    index: k + 1,
    context: seq.chars.slice(Math.max(0, at - 15), at).join('') + '【' + seq.chars.slice(at, at + n).join('') + '】' + seq.chars.slice(at + n, at + n + 15).join(''),
    fonts: [...new Set(seq.glyphOf.slice(at, at + n).map((g) => seq.glyphs[g].font.baseFont))],
  }));
}

function pageAt(file: QdfFile, pageNumber: number) {
  const all = pages(file);
  const page = all[pageNumber - 1];
  if (!page) throw new Error(`page ${pageNumber} out of range (1–${all.length})`);
  return page;
}

export interface PlantRequest { page: number; find: string; replace: string; occurrence?: number }
export interface PlantResult { qdf: string; changed: { from: string; to: string; font: string; code: string; newCode: string }[] }

/**
 * Rewrites the glyphs where `find` and `replace` differ (both compared without blanks, equal length),
 * at the chosen occurrence of `find` on the page. Each new glyph must be one the same font already
 * shows somewhere in the document (so it exists in the embedded subset) and have the old glyph's width.
 */
export function plantText(qdfText: string, req: PlantRequest): PlantResult {
  const file = readQdf(qdfText);
  const find = [...compact(req.find)], replace = [...compact(req.replace)];
  if (find.length !== replace.length) throw new Error(`find and replace differ in length (${find.length} vs ${replace.length} glyphs)`);
  const seq = sequence(pageGlyphs(file, pageAt(file, req.page)));
  const hits = occurrences(seq, req.find);
  if (!hits.length) throw new Error(`"${req.find}" not found on page ${req.page}`);
  if (hits.length > 1 && req.occurrence === undefined) throw new Error(`"${req.find}" occurs ${hits.length} times on page ${req.page}: give an occurrence`);
  const at = hits[(req.occurrence ?? 1) - 1];
  if (at === undefined) throw new Error(`occurrence ${req.occurrence} of ${hits.length}`);

  const shown = new Map<number, Set<string>>();
  for (const p of pages(file)) for (const g of pageGlyphs(file, p)) {
    if (!shown.has(g.font.objectNum)) shown.set(g.font.objectNum, new Set());
    shown.get(g.font.objectNum)!.add(g.code);
  }

  const newBytes = new Map<StringOperand, string[]>();
  const changed: PlantResult['changed'] = [];
  find.forEach((c, k) => {
    if (fold(c) === fold(replace[k])) return;
    const g = seq.glyphs[seq.glyphOf[at + k]];
    if ([...g.text].filter((x) => !isBlank(x)).length !== 1) throw new Error(`glyph "${g.text}" shows several characters`);
    const want = replace[k];
    const candidates = [...g.font.toUnicode].filter(([, t]) => fold(t) === fold(want)).map(([code]) => code);
    const usable = candidates.filter((code) => shown.get(g.font.objectNum)?.has(code));
    if (!usable.length) throw new Error(`"${want}" is not shown anywhere in font ${g.font.baseFont} (codes in its CMap: ${candidates.length}): choose another replacement`);
    const newCode = usable.find((code) => g.font.width(code) === g.font.width(g.code));
    if (!newCode) throw new Error(`"${want}" in ${g.font.baseFont} is ${g.font.width(usable[0])} wide, "${c}" is ${g.font.width(g.code)}`);
    if (newCode.length !== g.code.length) throw new Error('code lengths differ');
    const bytes = newBytes.get(g.operand) ?? [...g.operand.bytes];
    for (let i = 0; i < newCode.length; i++) bytes[g.offset + i] = newCode[i];
    newBytes.set(g.operand, bytes);
    const hex = (s: string) => [...s].map((x) => x.charCodeAt(0).toString(16).padStart(2, '0')).join('');
    changed.push({ from: c, to: want, font: g.font.baseFont, code: hex(g.code), newCode: hex(newCode) });
  });
  if (!changed.length) throw new Error('find and replace are the same text');

  const byStream = new Map<number, { start: number; end: number; bytes: string }[]>();
  for (const [op, bytes] of newBytes) byStream.set(op.stream, [...(byStream.get(op.stream) ?? []), { start: op.start, end: op.end, bytes: bytes.join('') }]);
  const replacements = new Map<number, string>();
  for (const [num, ops] of byStream) replacements.set(num, rewriteStream(streamData(file, num), ops));
  return { qdf: replaceStreams(file, replacements), changed };
}
