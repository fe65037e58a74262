// Joins lines into paragraphs (a paragraph wraps over lines and across page breaks) and tables
// continued on the next page into one table. Cues: indentation, line width against the column,
// end punctuation, vertical gaps, font size, numbered-heading shapes.
import type { Block, Cell, Provenance, TextSpan } from '../../schemas/document.ts';
import type { Line } from './geometry.ts';
import { minConfidence, quantile, rect, runsBox, union } from './geometry.ts';
import type { PageTable } from './tables.ts';
import { joinWrapped, tidy } from './text.ts';

export interface FlowPage { page: number; width: number; height: number; lines: Line[]; tables: PageTable[] }

interface Layout { left: number; right: number; pitch: Map<number, number>; body: number }

const HEADING = /^(第[一二三四五六七八九十百]+[章节部分条]|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|\d{1,2}[、．.](?!\d)|[（(]\d{1,2}[)）]|[①-⑳])/;
const END_PUNCT = /[。！？!?]$/;

/** Column edges and line pitch per page size (pages of one size share a layout). */
function layouts(pages: FlowPage[]): Map<string, Layout> {
  const bySize = new Map<string, Line[]>();
  for (const p of pages) {
    const k = `${Math.round(p.width)}x${Math.round(p.height)}`;
    const list = bySize.get(k) ?? [];
    for (const l of p.lines) list.push(l);
    bySize.set(k, list);
  }
  const out = new Map<string, Layout>();
  for (const [k, lines] of bySize) {
    const body = lines.filter((l) => l.text.length >= 6);
    const src = body.length ? body : lines;
    const left = quantile(src.map((l) => l.x0), 0.1);
    const right = quantile(src.map((l) => l.x1), 0.9);
    const gaps = new Map<number, number[]>();
    for (let i = 1; i < lines.length; i++) {
      const a = lines[i - 1], b = lines[i];
      if (a.page !== b.page || Math.abs(a.size - b.size) > 0.3) continue;
      const g = b.y - a.y;
      if (g > 0.8 * a.size && g < 2.6 * a.size) {
        const s = Math.round(a.size);
        (gaps.get(s) ?? gaps.set(s, []).get(s)!).push(g);
      }
    }
    const pitch = new Map<number, number>();
    for (const [s, g] of gaps) pitch.set(s, quantile(g, 0.25));
    out.set(k, { left, right, pitch, body: quantile(src.map((l) => l.size), 0.5) });
  }
  return out;
}

type Item = { kind: 'line'; line: Line; y: number } | { kind: 'table'; table: PageTable; y: number };

export function assemble(pages: FlowPage[], file: string): Block[] {
  const lay = layouts(pages);
  const blocks: Block[] = [];
  let para: { lines: Line[]; page: number } | null = null;
  let prevItem: Item | null = null;
  let prevLayout: Layout | null = null;
  let pendingTable: Pending | null = null;
  let skipped: Line[] = []; // lines held back while a table might continue after them

  const flushPara = () => {
    if (!para) return;
    let text = '';
    for (const l of para.lines) text = joinWrapped(text, l.text);
    text = tidy(text);
    if (text) {
      const spans = lineSpans(para.lines, text);
      const source: Provenance = { file, page: para.page };
      const box = union(spans.filter((sp) => sp.page === para!.page).map((sp) => sp.box));
      if (box) source.box = box;
      const confidence = minConfidence(spans);
      if (confidence != null) source.confidence = confidence;
      blocks.push({ kind: 'paragraph', text, spans, source });
    }
    para = null;
  };

  for (const p of pages) {
    const layout = lay.get(`${Math.round(p.width)}x${Math.round(p.height)}`)!;
    const items: Item[] = [
      ...p.lines.map((line) => ({ kind: 'line' as const, line, y: line.y })),
      ...p.tables.map((table) => ({ kind: 'table' as const, table, y: table.y0 })),
    ].sort((a, b) => a.y - b.y);
    for (let idx = 0; idx < items.length; idx++) {
      const it = items[idx];
      if (it.kind === 'table') {
        const t = it.table;
        // a table continued after a page break, or after a repeat of its own title lines
        if (pendingTable && (t.page === pendingTable.last.page + 1 || (t.page === pendingTable.last.page && skipped.length > 0))
          && canContinue(pendingTable.last, t)
          // after a repeat of the title, only a repeat of the header too makes it the same table
          && (!skipped.length || repeatsHeader(pendingTable.block.rows, t.rows))) {
          appendTable(pendingTable, t, file);
          skipped = [];
          prevItem = it;
          continue;
        }
        releaseSkipped();
        flushPara();
        const titleLines = trailingTitleLines(blocks);
        const block: Extract<Block, { kind: 'table' }> = {
          kind: 'table',
          rows: t.rows,
          source: tableSource(file, t),
          rowSources: t.rows.map((row) => rowSource(file, t.page, row)),
        };
        const title = titleLines.find((s) => /表/.test(s) && !/[。；，,;]$/.test(s) && s.length <= 60);
        if (title) block.title = title;
        blocks.push(block);
        pendingTable = { block, last: t, titleLines, cols: t.cols.map((r) => [...r]) };
        prevItem = it;
        continue;
      }
      const line = it.line;
      if (pendingTable) {
        // a repeat of the pending table's title lines, followed by a table: held back
        if (skipped.length < 4 && pendingTable.titleLines.some((s) => squashEq(s, line.text)) && hasTableLater(items, idx)) {
          skipped.push(line);
          continue;
        }
        releaseSkipped();
        pendingTable = null;
      }
      if (para && continues(para.lines[para.lines.length - 1], line, prevItem, prevLayout!, layout)) {
        para.lines.push(line);
      } else {
        flushPara();
        para = { lines: [line], page: p.page };
      }
      prevItem = it;
      prevLayout = layout;
    }
  }
  releaseSkipped();
  flushPara();
  return blocks;

  function releaseSkipped() {
    if (!skipped.length) return;
    const held = skipped;
    skipped = [];
    for (const l of held) {
      flushPara();
      para = { lines: [l], page: l.page };
    }
    pendingTable = null;
  }
}

const squashEq = (a: string, b: string) => a.replace(/[\s\u3000]+/g, '') === b.replace(/[\s\u3000]+/g, '');

function hasTableLater(items: Item[], idx: number): boolean {
  for (let k = idx + 1; k < items.length && k <= idx + 4; k++) if (items[k].kind === 'table') return true;
  return false;
}

/** The short paragraphs just before a table (its title, unit line), nearest last. */
function trailingTitleLines(blocks: Block[]): string[] {
  const out: string[] = [];
  for (let k = blocks.length - 1; k >= 0 && out.length < 3; k--) {
    const b = blocks[k];
    if (b.kind !== 'paragraph' || b.text.length > 60) break;
    out.push(b.text);
  }
  return out;
}

function continues(a: Line, b: Line, prev: Item | null, la: Layout, lb: Layout): boolean {
  if (!prev || prev.kind !== 'line' || prev.line !== a) return false;
  if (Math.abs(a.size - b.size) > 0.6) return false;
  const size = Math.max(a.size, b.size);
  if (a.size >= 1.2 * la.body && a.page === b.page) {
    // a title wrapped over two centred lines: the first one full, the second centred under it
    const centred = Math.abs((a.x0 + a.x1) / 2 - (b.x0 + b.x1) / 2) <= 2 * size && b.x1 - b.x0 < a.x1 - a.x0;
    return b.y - a.y <= (centred ? 2.4 : 1.8) * size && a.x1 >= la.right - 3 * a.size;
  }
  const full = a.x1 >= la.right - 2 * a.size;
  if (!full) return false;
  const indented = b.x0 > lb.left + 0.8 * size;
  if (a.page !== b.page) {
    if (b.page !== a.page + 1) return false;
    return !indented;
  }
  const gap = b.y - a.y;
  if (gap <= 0) return false;
  const pitch = la.pitch.get(Math.round(a.size)) ?? a.size * 1.5;
  if (gap > pitch + Math.max(2, 0.2 * size)) return false;
  if (indented && b.x0 > a.x0 + 0.6 * size) return false;
  if (END_PUNCT.test(a.text) && HEADING.test(b.text)) return false;
  return true;
}

function canContinue(a: PageTable, t: PageTable): boolean {
  if (Math.abs(a.x0 - t.x0) > 4 || Math.abs(a.x1 - t.x1) > 4) return false;
  // the same column grid, or the same outline with a similar number of columns
  if (a.xs.length === t.xs.length && a.xs.every((x, i) => Math.abs(x - t.xs[i]) <= 4)) return true;
  return Math.abs(a.xs.length - t.xs.length) <= 1;
}

const rowKey = (row: Cell[]) => row.map((c) => c.text.replace(/[\s\u3000]+/g, '')).join('\u0001');

function repeatsHeader(head: Cell[][], rows: Cell[][]): boolean {
  if (!(rows.length > 0 && head.length > 0 && rows[0].some((c) => c.text))) return false;
  const a = rowKey(rows[0]), b = rowKey(head[0]);
  // a header read by OCR may differ from its first reading by a character or two (核查得分 / 核查得新分)
  return a === b || (rows[0].length === head[0].length && a.length >= 10 && editDistance(a, b) <= Math.max(1, Math.floor(a.length / 12)));
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 8) return Infinity;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** A cell holding one number: an amount, a percentage, a subject code. */
const CODE_OR_AMOUNT = /^[-+−]?[\d,，.]+%?$/;

type TableBlock = Extract<Block, { kind: 'table' }>;
interface Pending { block: TableBlock; last: PageTable; titleLines: string[]; cols: number[][] }

function appendTable(pending: Pending, t: PageTable, file: string): void {
  const { block } = pending;
  const head = block.rows;
  let rows = t.rows.map((r) => r.map((c) => ({ ...c })));
  let cols = t.cols.map((r) => [...r]);
  // drop a repeated header: the first k rows equal to the first k rows of the table
  let k = 0;
  while (k < rows.length && k < head.length && k < 6 && rowKey(rows[k]) === rowKey(head[k]) && rows[k].some((c) => c.text)) k++;
  rows = rows.slice(k);
  cols = cols.slice(k);
  const sameGrid = pending.last.xs.length === t.xs.length;
  if (sameGrid && !t.unruled && rows.length && block.rows.length) {
    const merged = mergeAtBreak(block.rows, pending.cols, rows[0], cols[0], t.xs.length - 1);
    if (merged === 'split') { rows = rows.slice(1); cols = cols.slice(1); }
  }
  block.rows.push(...rows);
  pending.cols.push(...cols);
  block.rowSources!.push(...rows.map((row) => rowSource(file, t.page, row)));
  pending.last = t;
}

/**
 * Mends a table at a page break. A merged cell cut by the break comes back as an empty cell on the
 * new page: its rows are added to the cell above. A row cut by the break (its text continues in the
 * next page's first row, under its own cells, while its label cells are empty there) is joined back.
 * Mutates `first` (empty continuation cells removed) and the cells of `rows`.
 */
function mergeAtBreak(rows: Cell[][], cols: number[][], first: Cell[], firstCols: number[], ncols: number): 'split' | 'merged' | 'none' {
  const R = rows.length - 1;
  const cover: Array<{ cell: Cell; row: number; col: number } | null> = new Array(ncols).fill(null);
  for (let i = 0; i < rows.length; i++) {
    for (let j = 0; j < rows[i].length; j++) {
      const cell = rows[i][j];
      if (i + cell.rowSpan - 1 < R) continue;
      for (let c = cols[i][j]; c < cols[i][j] + cell.colSpan && c < ncols; c++) cover[c] = { cell, row: i, col: cols[i][j] };
    }
  }
  const under = (j: number) => {
    const cv = cover[firstCols[j]];
    return cv && cv.col === firstCols[j] && cv.cell.colSpan === first[j].colSpan ? cv : null;
  };
  let split = false;
  let allUnder = true;
  for (let j = 0; j < first.length; j++) {
    const cv = under(j);
    if (!cv) { allUnder = false; break; }
    if (!first[j].text && cv.row === R && cv.cell.text) split = true;
    if (first[j].text && cv.row !== R) allUnder = false;
    // a code or an amount is whole in its cell: one under another starts a new row (208 | 05 |
    // 99 | … 14,820.00 at a page's foot, 210 | | | 卫生健康支出 1,097,073.43 on the next page)
    if (first[j].text && cv.cell.text && (CODE_OR_AMOUNT.test(first[j].text) || CODE_OR_AMOUNT.test(cv.cell.text))) allUnder = false;
  }
  if (split && allUnder && first.some((c) => c.text)) {
    for (let j = 0; j < first.length; j++) {
      const cv = under(j)!;
      if (first[j].text) cv.cell.text = tidy(joinWrapped(cv.cell.text, first[j].text));
      if (first[j].rowSpan > 1) cv.cell.rowSpan += first[j].rowSpan - 1;
    }
    return 'split';
  }
  let merged = false;
  for (let j = first.length - 1; j >= 0; j--) {
    if (first[j].text) continue;
    const cv = under(j);
    if (cv && cv.row + cv.cell.rowSpan - 1 === R && (cv.cell.rowSpan > 1 || first[j].rowSpan > 1) && cv.cell.text) {
      cv.cell.rowSpan += first[j].rowSpan;
      first.splice(j, 1);
      firstCols.splice(j, 1);
      merged = true;
    }
  }
  return merged ? 'merged' : 'none';
}

/**
 * Where each line of a paragraph stands in its text: the line's text is found in order in the joined
 * text (joining only adds a space between Latin words, tidying only trims), each with its glyphs' box.
 */
export function lineSpans(lines: Line[], text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  let at = 0;
  for (const l of lines) {
    const box = runsBox(l.runs);
    if (!box || !l.text) continue;
    let start = text.indexOf(l.text, at);
    // not found as written (never seen; a safeguard): the line is taken to follow the previous one
    if (start < 0) start = Math.min(at, text.length);
    const end = Math.min(text.length, start + l.text.length);
    const span: TextSpan = { start, end, page: l.page, box };
    const confidence = minConfidence(l.runs);
    if (confidence != null) span.confidence = confidence;
    spans.push(span);
    at = end;
  }
  return spans;
}

function tableSource(file: string, t: PageTable): Provenance {
  return { file, page: t.page, box: rect(t.x0, t.y0, t.x1, t.y1) };
}

/** A table row's provenance: its page and the rectangle its cells cover, with their lowest OCR confidence. */
function rowSource(file: string, page: number, row: Cell[]): Provenance {
  const src: Provenance = { file, page };
  const box = union(row.map((c) => c.box));
  if (box) src.box = box;
  const confidence = minConfidence(row);
  if (confidence != null) src.confidence = confidence;
  return src;
}
