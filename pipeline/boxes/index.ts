// Where a stretch of a block's text is drawn on its page: the box an extracted value or a piece of
// evidence gets, from the line spans of a paragraph and the rectangles of table cells (PDF, OCR).
// Text is compared in a cleaned form (widths and radicals folded, no white space), and offsets in the
// cleaned text are mapped back to the block's own text, so a value found in either form is placed.
import type { Block, Box, Cell, Paragraph, Provenance } from '../../schemas/document.ts';
import { normalizeText } from '../normalize/text.ts';

export interface Placed { page: number; box: Box; confidence?: number }

/** A text cleaned character by character, with the index in the original of each cleaned character. */
export interface CleanIndex { clean: string; raw: number[] }

export function cleanIndex(text: string): CleanIndex {
  let clean = '';
  const raw: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = normalizeText(text[i]).replace(/[\s\u3000]+/g, '');
    for (let k = 0; k < c.length; k++) raw.push(i);
    clean += c;
  }
  return { clean, raw };
}

export const squashClean = (s: string) => cleanIndex(s).clean;

const weight = (ch: string) => (/[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFF60\u3000-\u303F]/.test(ch) ? 1 : 0.5);

/**
 * The box of characters start–end (offsets in the paragraph's text) on the page where they begin:
 * whole lines where the stretch covers them, the part of a line by its characters' widths elsewhere.
 */
export function boxOfRange(p: Paragraph, start: number, end: number): Placed | null {
  const parts = lineBoxesOfRange(p, start, end);
  if (!parts.length) return null;
  const page = parts[0].page;
  let box: Box | null = null;
  let confidence: number | undefined;
  for (const part of parts) {
    if (part.page !== page) continue;
    const b = part.box;
    box = box ? { x0: Math.min(box.x0, b.x0), y0: Math.min(box.y0, b.y0), x1: Math.max(box.x1, b.x1), y1: Math.max(box.y1, b.y1) } : { ...b };
    if (part.confidence != null) confidence = confidence == null ? part.confidence : Math.min(confidence, part.confidence);
  }
  return box ? { page, box, ...(confidence != null ? { confidence } : {}) } : null;
}

/** The part of each line that characters start–end cover, line by line (for drawing a stretch of text exactly). */
export function lineBoxesOfRange(p: Paragraph, start: number, end: number): Placed[] {
  const out: Placed[] = [];
  for (const s of p.spans ?? []) {
    if (!(s.end > start && s.start < end)) continue;
    const line = p.text.slice(s.start, s.end);
    const total = Array.from(line).reduce((a, ch) => a + weight(ch), 0) || 1;
    const unit = (s.box.x1 - s.box.x0) / total;
    const a = Math.max(start, s.start) - s.start, b = Math.min(end, s.end) - s.start;
    const x = (n: number) => s.box.x0 + Array.from(line.slice(0, n)).reduce((acc, ch) => acc + weight(ch), 0) * unit;
    out.push({ page: s.page, box: { x0: round(x(a)), y0: s.box.y0, x1: round(x(b)), y1: s.box.y1 }, ...(s.confidence != null ? { confidence: s.confidence } : {}) });
  }
  return out;
}

/** Line by line, where `text` stands in a paragraph (its first occurrence); empty when not found. */
export function lineBoxesOfText(p: Paragraph, text: string): Placed[] {
  const needle = squashClean(text);
  if (!needle || !p.spans?.length) return [];
  const index = cleanIndex(p.text);
  const at = index.clean.indexOf(needle);
  if (at < 0) return [];
  return lineBoxesOfRange(p, index.raw[at], index.raw[at + needle.length - 1] + 1);
}

const round = (v: number) => Math.round(v * 10) / 10;

/** The box of a stretch of cleaned text (offsets in cleanIndex(p.text).clean). */
export function boxOfCleanRange(p: Paragraph, index: CleanIndex, start: number, end: number): Placed | null {
  if (end <= start || start >= index.raw.length) return null;
  return boxOfRange(p, index.raw[start], index.raw[Math.min(end, index.raw.length) - 1] + 1);
}

/** Where `text` stands in a paragraph (its first occurrence), or null when it is not there as such. */
export function boxOfTextInParagraph(p: Paragraph, text: string): Placed | null {
  const needle = squashClean(text);
  if (!needle || !p.spans?.length) return null;
  const index = cleanIndex(p.text);
  const at = index.clean.indexOf(needle);
  return at < 0 ? null : boxOfCleanRange(p, index, at, at + needle.length);
}

/**
 * The cells of a table row that hold `text`: the one cell equal to it or holding it, else every
 * cell whose text is part of it (a value quoted with its label from two cells).
 */
export function cellsFor(row: Cell[], text: string): Cell[] {
  const needle = squashClean(text);
  if (!needle) return [];
  const cells = row.map((c) => ({ c, t: squashClean(c.text) })).filter((x) => x.t && x.c.box);
  const equal = cells.filter((x) => x.t === needle);
  if (equal.length) return [equal[0].c];
  const holding = cells.filter((x) => x.t.includes(needle));
  if (holding.length) return [holding[0].c];
  return cells.filter((x) => needle.includes(x.t)).map((x) => x.c);
}

function unionCells(cells: Cell[]): Box | null {
  let box: Box | null = null;
  for (const { box: b } of cells) {
    if (!b) continue;
    box = box ? { x0: Math.min(box.x0, b.x0), y0: Math.min(box.y0, b.y0), x1: Math.max(box.x1, b.x1), y1: Math.max(box.y1, b.y1) } : { ...b };
  }
  return box;
}

/**
 * The provenance of `text` found in a block (and row): the block's or row's own provenance, narrowed to
 * the box of the text where the text is found there. Unchanged where the block has no geometry (DOCX,
 * XLSX, text) or the text is not found.
 */
export function placeText(block: Block, source: Provenance, text: string | undefined, row?: number): Provenance {
  if (!text) return source;
  if (block.kind === 'paragraph') {
    const hit = boxOfTextInParagraph(block, text);
    return hit ? withPlace(source, hit) : source;
  }
  if (row == null || !block.rows[row]) return source;
  const cells = cellsFor(block.rows[row], text);
  const box = unionCells(cells);
  if (!box) return source;
  const conf = cells.map((c) => c.confidence).filter((c): c is number => c != null);
  return withPlace(source, { page: source.page ?? 1, box, ...(conf.length ? { confidence: Math.min(...conf) } : {}) });
}

export function withPlace(source: Provenance, hit: Placed): Provenance {
  const out: Provenance = { ...source, page: hit.page, box: hit.box };
  if (hit.confidence != null) out.confidence = hit.confidence; else delete out.confidence;
  return out;
}
