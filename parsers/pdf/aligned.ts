// Tables without ruling lines, rebuilt from column alignment; and half-ruled tables (horizontal
// rules only: top, header and bottom rules, or a rule under every row), whose rules give the rows.
//
// Lines are cut into tokens (runs split at their spaces: pdf.js often gives a whole table row,
// "82,096,797.42 82,096,797.42", as one item). In a block of consecutive lines that are not prose,
// the columns are the x-ranges the data lines ("body": ≥ 3 tokens) cover, separated by gutters no
// body line (but a few) crosses; header cells standing alone in a gutter add their own column.
// A token crossing a gutter is a cell spanning columns. A block is a table when ≥ 3 lines put text
// in ≥ 3 columns. Lines are grouped into rows: a line that only continues the text of a cell
// filled to its column's edge, or that fills columns the row left empty, belongs to that row.
import type { Cell } from '../../schemas/document.ts';
import type { Line, Segment } from './geometry.ts';
import { median, minConfidence, rect, union, type Rect } from './geometry.ts';
import { isPageNumber } from './furniture.ts';
import type { PageTable } from './tables.ts';
import { charWeight, joinWrapped, tidy } from './text.ts';

interface Token { str: string; x0: number; x1: number; size: number; confidence?: number }
interface TLine { line: Line; tokens: Token[]; size: number }
interface Col { x0: number; x1: number }

/** Lines that are a table's caption or unit, never one of its rows. */
const META = /^(金额)?单位[:：]|^(编制|填报|报送)?(部门|单位|机关)(名称)?[（(]?(单位)?[)）]?[:：]|^公开表\s*\d|^表\s*\d+$/;
const isMeta = (t: TLine) => META.test(t.line.text) || t.tokens.some((k) => /^(金额)?单位[:：]/.test(k.str));
const NUMERIC = /^[-+]?[\d,，.]+%?$|^[-—–]$/;


/** Cuts a line's runs at their spaces, placing each piece by the widths of its characters. */
function tokenize(line: Line): Token[] {
  const out: Token[] = [];
  for (const r of line.runs) {
    const conf = r.confidence != null ? { confidence: r.confidence } : {};
    if (!/\s/.test(r.str.trim())) { out.push({ str: r.str.trim(), x0: r.x0, x1: r.x1, size: r.size, ...conf }); continue; }
    const chars = Array.from(r.str);
    const total = chars.reduce((s, c) => s + charWeight(c), 0) || 1;
    const unit = (r.x1 - r.x0) / total;
    let x = r.x0, start = -1, sx = 0, buf = '';
    for (let i = 0; i <= chars.length; i++) {
      const ch = chars[i];
      if (ch === undefined || /\s/.test(ch)) {
        if (start >= 0) out.push({ str: buf, x0: sx, x1: x, size: r.size, ...conf });
        start = -1; buf = '';
      } else if (start < 0) { start = i; sx = x; buf = ch; } else buf += ch;
      if (ch !== undefined) x += charWeight(ch) * unit;
    }
  }
  out.sort((a, b) => a.x0 - b.x0);
  return out;
}

export interface AlignedResult { tables: PageTable[]; rest: Line[] }

/**
 * Finds tables among the lines of a page (those not in a ruled table). `hrules` are the page's
 * horizontal ruling segments outside ruled tables; `left`/`right` bound the page's text.
 */
export function findAlignedTables(lines: Line[], hrules: Segment[], page: number, pageWidth: number): AlignedResult {
  if (lines.length < 3) return { tables: [], rest: lines };
  // top to bottom (a page may draw its lines in another order)
  const tl: TLine[] = lines.map((line) => ({ line, tokens: tokenize(line), size: line.size })).sort((a, b) => a.line.y - b.line.y);
  const left = Math.min(...lines.map((l) => l.x0));
  const right = Math.max(...lines.map((l) => l.x1));
  const textWidth = Math.max(1, right - left);
  const tables: PageTable[] = [];
  const taken = new Set<number>();

  // half-ruled tables first: a stack of long horizontal rules of one width, with lines between them
  for (const stack of ruleStacks(hrules, pageWidth)) {
    const y0 = stack[0].y0, y1 = stack[stack.length - 1].y0;
    const xa = Math.min(...stack.map((s) => s.x0)), xb = Math.max(...stack.map((s) => s.x1));
    const idx: number[] = [];
    tl.forEach((t, i) => {
      const cy = t.line.y - t.size * 0.35;
      if (!taken.has(i) && cy > y0 && cy < y1 && t.line.x0 >= xa - 4 && t.line.x1 <= xb + 4) idx.push(i);
    });
    if (idx.length < 2) continue;
    const block = idx.map((i) => tl[i]);
    const cols = columns(block, 2);
    if (!cols || cols.length < 2) continue;
    const bands = stack.map((s) => s.y0);
    const table = build(block, cols, page, bands);
    if (!table) continue;
    table.x0 = Math.min(table.x0, xa); table.x1 = Math.max(table.x1, xb);
    table.y0 = y0; table.y1 = y1;
    tables.push(table);
    for (const i of idx) taken.add(i);
  }

  // unruled tables: blocks of consecutive non-prose lines
  let start = -1;
  const flush = (end: number) => {
    if (start < 0) return;
    const idx: number[] = [];
    for (let i = start; i < end; i++) idx.push(i);
    start = -1;
    for (const t of detect(idx)) tables.push(t);
  };
  for (let i = 0; i < tl.length; i++) {
    const t = tl[i];
    const breaks = taken.has(i) || isProse(t, textWidth) || isMeta(t) || isPageNumber(t.line.text) || t.tokens.length === 0;
    if (breaks) { flush(i); continue; }
    if (start >= 0) {
      const prev = tl[i - 1];
      const gap = t.line.y - prev.line.y;
      const size = Math.max(t.size, prev.size);
      if (gap > 4.5 * size || Math.abs(t.size - prev.size) > 0.3 * size) flush(i);
    }
    if (start < 0) start = i;
  }
  flush(tl.length);

  function detect(idx: number[]): PageTable[] {
    // trim single-token lines at the ends (titles, notes); a table needs ≥ 3 body lines
    let a = 0, b = idx.length;
    while (a < b && tl[idx[a]].tokens.length < 2) a++;
    while (b > a && tl[idx[b - 1]].tokens.length < 2) b--;
    const part = idx.slice(a, b);
    if (part.length < 3) return [];
    const block = part.map((i) => tl[i]);
    if (block.filter((t) => t.tokens.length >= 3).length < 3) return [];
    const cols = columns(block, 3);
    if (!cols) return [];
    // ≥ 3 lines with text in ≥ 3 columns
    let wide = 0;
    for (const t of block) {
      const used = new Set<number>();
      for (const k of t.tokens) used.add(colOf(cols, (k.x0 + k.x1) / 2));
      if (used.size >= 3) wide++;
    }
    if (wide < 3) return [];
    const table = build(block, cols, page, null);
    if (!table) return [];
    for (const i of part) taken.add(i);
    return [table];
  }

  tables.sort((p, q) => p.y0 - q.y0);
  if (!taken.size) return { tables, rest: lines };
  const gone = new Set([...taken].map((i) => tl[i].line));
  return { tables, rest: lines.filter((l) => !gone.has(l)) };
}

/** A line of running text: wide, with no gap wider than a character or so between its tokens. */
function isProse(t: TLine, textWidth: number): boolean {
  const w = t.line.x1 - t.line.x0;
  if (w < 0.6 * textWidth) return false;
  for (let k = 1; k < t.tokens.length; k++) if (t.tokens[k].x0 - t.tokens[k - 1].x1 > 1.2 * t.size) return false;
  return true;
}

/** Stacks of ≥ 2 long horizontal rules sharing their left and right ends, top to bottom. */
function ruleStacks(hrules: Segment[], pageWidth: number): Segment[][] {
  const long = hrules.filter((s) => s.x1 - s.x0 >= 0.25 * pageWidth).sort((a, b) => a.y0 - b.y0);
  const out: Segment[][] = [];
  const used = new Set<Segment>();
  for (const s of long) {
    if (used.has(s)) continue;
    const stack = long.filter((o) => !used.has(o) && Math.abs(o.x0 - s.x0) <= 6 && Math.abs(o.x1 - s.x1) <= 6);
    if (stack.length < 2) continue;
    for (const o of stack) used.add(o);
    out.push(stack);
  }
  return out;
}

/** Column x-ranges of a block, or null when fewer than `min` columns. */
function columns(block: TLine[], min: number): Col[] | null {
  const body = block.filter((t) => t.tokens.length >= Math.min(3, Math.max(...block.map((b) => b.tokens.length))));
  if (!body.length) return null;
  let lo = Infinity, hi = -Infinity;
  for (const t of block) for (const k of t.tokens) { if (k.x0 < lo) lo = k.x0; if (k.x1 > hi) hi = k.x1; }
  const step = 0.5;
  const n = Math.ceil((hi - lo) / step) + 1;
  if (!(n > 1) || n > 20000) return null;
  const cover = new Uint16Array(n);
  const bin = (x: number) => Math.max(0, Math.min(n - 1, Math.floor((x - lo) / step)));
  for (const t of body) {
    // a line counts once where its tokens overlap
    let last = -1;
    for (const k of t.tokens) {
      const a = Math.max(bin(k.x0), last + 1), b = bin(k.x1 - 0.01);
      for (let i = a; i <= b; i++) cover[i]++;
      if (b > last) last = b;
    }
  }
  const allow = Math.floor(body.length * 0.1);
  const size = median(block.map((t) => t.size));
  const minGutter = Math.max(1.5, 0.2 * size) / step;
  // body columns: maximal runs of bins covered by more than `allow` body lines, merged over narrow gutters
  let cols: Col[] = [];
  let s = -1;
  for (let i = 0; i <= n; i++) {
    const on = i < n && cover[i] > allow;
    if (on && s < 0) s = i;
    else if (!on && s >= 0) { cols.push({ x0: lo + s * step, x1: lo + i * step }); s = -1; }
  }
  cols = mergeNarrow(cols, minGutter * step);
  if (!cols.length) return null;
  // a token standing wholly in a gutter is the header of the neighbour column it stands next to,
  // when that column has no other text on its line; else it marks a column the body leaves empty
  for (const t of block) {
    for (const k of t.tokens) {
      if (cols.some((c) => k.x1 > c.x0 + 0.5 && k.x0 < c.x1 - 0.5)) continue;
      const free = (c: Col) => !t.tokens.some((o) => o !== k && o.x1 > c.x0 + 0.5 && o.x0 < c.x1 - 0.5);
      let li = -1, ri = -1;
      for (let i = 0; i < cols.length; i++) {
        if (cols[i].x1 <= k.x0 + 0.5) li = i;
        if (ri < 0 && cols[i].x0 >= k.x1 - 0.5) ri = i;
      }
      const cand = [li, ri].filter((i) => i >= 0 && free(cols[i]) && Math.min(Math.abs(cols[i].x0 - k.x1), Math.abs(k.x0 - cols[i].x1)) <= 3 * size);
      if (cand.length) {
        const dist = (i: number) => (i === li ? k.x0 - cols[i].x1 : cols[i].x0 - k.x1);
        const c = cols[cand.sort((p, q) => dist(p) - dist(q))[0]];
        c.x0 = Math.min(c.x0, k.x0); c.x1 = Math.max(c.x1, k.x1);
      } else {
        cols.push({ x0: k.x0, x1: k.x1 });
        cols.sort((p, q) => p.x0 - q.x0);
      }
    }
  }
  cols = mergeNarrow(cols, minGutter * step);
  // neighbour columns that no line fills both of are one column (a header off its numbers, an indent)
  for (let i = 0; i + 1 < cols.length;) {
    const both = block.some((t) => {
      let l = false, r = false;
      for (const k of t.tokens) {
        const [a, b] = colRange(cols, k);
        if (a !== b) continue;
        if (a === i) l = true; else if (a === i + 1) r = true;
      }
      return l && r;
    });
    if (both) i++;
    else cols.splice(i, 2, { x0: cols[i].x0, x1: cols[i + 1].x1 });
  }
  return cols.length >= min ? cols : null;
}

function mergeNarrow(cols: Col[], minGap: number): Col[] {
  const out: Col[] = [];
  for (const c of cols) {
    const m = out[out.length - 1];
    if (m && c.x0 - m.x1 < minGap) m.x1 = c.x1; else out.push({ ...c });
  }
  return out;
}

/** Index of the column at x (nearest when x falls in a gutter). */
function colOf(cols: Col[], x: number): number {
  let best = 0, bd = Infinity;
  for (let i = 0; i < cols.length; i++) {
    const c = cols[i];
    const d = x < c.x0 ? c.x0 - x : x > c.x1 ? x - c.x1 : 0;
    if (d < bd) { bd = d; best = i; }
  }
  return best;
}

/** The columns a token covers: those it overlaps, and both sides of a gutter it sits across. */
function colRange(cols: Col[], k: Token): [number, number] {
  let a = -1, b = -1;
  for (let i = 0; i < cols.length; i++) {
    if (k.x1 > cols[i].x0 + 0.5 && k.x0 < cols[i].x1 - 0.5) { if (a < 0) a = i; b = i; }
  }
  if (a < 0) { const c = colOf(cols, (k.x0 + k.x1) / 2); return [c, c]; }
  return [a, b];
}

/** A cell being built: columns a–b, its text pieces, and where their glyphs are drawn (for the cell's box). */
interface PCell { a: number; b: number; parts: Array<{ text: string; y: number; x1: number }>; boxes: Rect[]; confidence?: number }

const tokenBox = (k: Token, y: number) => rect(k.x0, y - k.size * 0.85, k.x1, y + k.size * 0.2);

function lineCells(t: TLine, cols: Col[]): PCell[] {
  const cells: PCell[] = [];
  for (const k of t.tokens) {
    const [a, b] = colRange(cols, k);
    const last = cells[cells.length - 1];
    if (last && a <= last.b) {
      last.b = Math.max(last.b, b);
      const p = last.parts[last.parts.length - 1];
      p.text += ' ' + k.str;
      p.x1 = Math.max(p.x1, k.x1);
      last.boxes.push(tokenBox(k, t.line.y));
      last.confidence = minConfidence([last, k]);
    } else cells.push({ a, b, parts: [{ text: k.str, y: t.line.y, x1: k.x1 }], boxes: [tokenBox(k, t.line.y)], confidence: k.confidence });
  }
  return cells;
}

/** Lines → rows of cells. With `bands` (rule y's), rules always separate rows. */
function build(block: TLine[], cols: Col[], page: number, bands: number[] | null): PageTable | null {
  const nc = cols.length;
  const denseRules = bands !== null && bands.length - 1 >= block.length * 0.5;
  const bandOf = (y: number) => (bands ? bands.filter((b) => b < y).length : 0);
  const rows: Array<{ cells: PCell[]; band: number; lastY: number; size: number }> = [];
  for (const t of block) {
    const cells = lineCells(t, cols);
    const band = bandOf(t.line.y - t.size * 0.35);
    const row = rows[rows.length - 1];
    if (row && row.band === band && (denseRules || joins(row, cells, t, cols))) {
      for (const c of cells) {
        const hit = row.cells.find((r) => c.a <= r.b && c.b >= r.a);
        if (hit) { hit.a = Math.min(hit.a, c.a); hit.b = Math.max(hit.b, c.b); hit.parts.push(...c.parts); hit.boxes.push(...c.boxes); hit.confidence = minConfidence([hit, c]); }
        else row.cells.push(c);
      }
      row.cells.sort((p, q) => p.a - q.a);
      // cells that now overlap are one cell
      for (let i = 1; i < row.cells.length; i++) {
        if (row.cells[i].a <= row.cells[i - 1].b) {
          const m = row.cells[i - 1];
          m.b = Math.max(m.b, row.cells[i].b);
          m.parts.push(...row.cells[i].parts);
          m.boxes.push(...row.cells[i].boxes);
          m.confidence = minConfidence([m, row.cells[i]]);
          row.cells.splice(i--, 1);
        }
      }
      row.lastY = t.line.y;
    } else rows.push({ cells, band, lastY: t.line.y, size: t.size });
  }
  if (rows.length < 2) return null;
  const xs = [cols[0].x0];
  for (let i = 1; i < nc; i++) xs.push((cols[i - 1].x1 + cols[i].x0) / 2);
  xs.push(cols[nc - 1].x1);
  const outRows: Cell[][] = [];
  const outCols: number[][] = [];
  for (const r of rows) {
    const cells: Cell[] = [];
    const cs: number[] = [];
    // an empty cell is the columns' width by the row's text height: there is nothing else to draw it by
    const band = union(r.cells.flatMap((pc) => pc.boxes))!;
    const empty = (c: number): Cell => ({ text: '', rowSpan: 1, colSpan: 1, box: rect(xs[c], band.y0, xs[c + 1], band.y1) });
    let c = 0;
    for (const pc of r.cells) {
      for (; c < pc.a; c++) { cells.push(empty(c)); cs.push(c); }
      let text = '';
      for (const p of [...pc.parts].sort((x, y) => x.y - y.y)) text = joinWrapped(text, tidy(p.text));
      const cell: Cell = { text: tidy(text), rowSpan: 1, colSpan: pc.b - pc.a + 1, box: union(pc.boxes) };
      if (pc.confidence != null) cell.confidence = pc.confidence;
      cells.push(cell);
      cs.push(pc.a);
      c = pc.b + 1;
    }
    for (; c < nc; c++) { cells.push(empty(c)); cs.push(c); }
    outRows.push(cells);
    outCols.push(cs);
  }
  const first = block[0], last = block[block.length - 1];
  return {
    page, x0: xs[0], x1: xs[nc], y0: first.line.y - first.size, y1: last.line.y + last.size * 0.3,
    xs, rows: outRows, cols: outCols, unruled: true,
  };
}

/** Whether a line continues the row above rather than starting a new one. */
function joins(row: { cells: PCell[]; lastY: number; size: number }, cells: PCell[], t: TLine, cols: Col[]): boolean {
  const gap = t.line.y - row.lastY;
  if (gap > 1.6 * Math.max(t.size, row.size)) return false;
  const overlapping = cells.filter((c) => row.cells.some((r) => c.a <= r.b && c.b >= r.a));
  // fills only columns the row left empty (a label wrapped around numbers centred in their cells)
  if (!overlapping.length) return cells.length < cols.length && row.cells.length + cells.length <= cols.length + 1;
  // continues cells whose text reached the right edge of their column, and brings no numbers
  if (cells.length * 2 > cols.length) return false;
  for (const c of cells) {
    if (c.parts.some((p) => NUMERIC.test(p.text.replace(/\s+/g, '')))) return false;
    const r = row.cells.find((x) => c.a <= x.b && c.b >= x.a);
    if (!r) continue;
    if (r.a !== c.a || r.b !== c.b) return false;
    const lastPart = r.parts[r.parts.length - 1];
    if (NUMERIC.test(lastPart.text.replace(/\s+/g, ''))) return false;
    if (lastPart.x1 < cols[r.b].x1 - 1.5 * t.size) return false;
  }
  return true;
}
