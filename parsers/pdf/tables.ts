// Tables from ruling lines: connected rulings form a grid; a cell whose border is missing is
// merged with its neighbour (rowSpan/colSpan); text runs are placed into the cells.
import type { Cell } from '../../schemas/document.ts';
import type { Run, Segment } from './geometry.ts';
import { minConfidence, rect } from './geometry.ts';
import { buildLines } from './lines.ts';
import { charWeight, joinWrapped, tidy } from './text.ts';

/** A table found on one page, before joining across pages. */
export interface PageTable {
  page: number;
  x0: number; y0: number; x1: number; y1: number;
  /** column boundaries (for matching a continuation on the next page) */
  xs: number[];
  rows: Cell[][];
  /** grid column of each cell, parallel to rows */
  cols: number[][];
  /** rebuilt from text alignment (no vertical rulings): empty cells say nothing of merged cells */
  unruled?: boolean;
}

const TOL = 2;
const MIN_SEG = 4;
const MAX_SEGMENTS = 4000;

interface Seg1 { c: number; a: number; b: number }

export function findTables(segments: Segment[], runs: Run[], page: number): { tables: PageTable[]; rest: Run[] } {
  const segs = segments.filter((s) => s.x1 - s.x0 >= MIN_SEG || s.y1 - s.y0 >= MIN_SEG);
  if (segs.length < 4 || segs.length > MAX_SEGMENTS) return { tables: [], rest: runs };
  const hs = segs.filter((s) => s.y0 === s.y1);
  const vs = segs.filter((s) => s.x0 === s.x1);
  // connected components of crossing/touching h and v rulings (union-find)
  const parent = segs.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const idx = new Map(segs.map((s, i) => [s, i] as const));
  for (const h of hs) {
    for (const v of vs) {
      if (v.x0 >= h.x0 - TOL && v.x0 <= h.x1 + TOL && h.y0 >= v.y0 - TOL && h.y0 <= v.y1 + TOL) {
        const a = find(idx.get(h)!), b = find(idx.get(v)!);
        if (a !== b) parent[a] = b;
      }
    }
  }
  const groups = new Map<number, Segment[]>();
  segs.forEach((s, i) => {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(s); else groups.set(r, [s]);
  });

  const tables: PageTable[] = [];
  const taken = new Set<Run>();
  for (const g of groups.values()) {
    const gh = g.filter((s) => s.y0 === s.y1).map((s) => ({ c: s.y0, a: s.x0, b: s.x1 }));
    const gv = g.filter((s) => s.x0 === s.x1).map((s) => ({ c: s.x0, a: s.y0, b: s.y1 }));
    if (gh.length < 2 && gv.length < 2) continue;
    const x0 = Math.min(...g.map((s) => s.x0)), x1 = Math.max(...g.map((s) => s.x1));
    const y0 = Math.min(...g.map((s) => s.y0)), y1 = Math.max(...g.map((s) => s.y1));
    if (x1 - x0 < 20 || y1 - y0 < 8) continue;
    const xs = clusterCoords([x0, x1, ...gv.map((s) => s.c)]);
    const ys = clusterCoords([y0, y1, ...gh.map((s) => s.c)]);
    const nc = xs.length - 1, nr = ys.length - 1;
    if (nc < 1 || nr < 1 || nc * nr < 2) continue; // a box around text is not a table
    // the runs inside this grid
    const inside = runs.filter((r) => {
      const cx = (r.x0 + r.x1) / 2, cy = r.y - r.size * 0.35;
      return !taken.has(r) && cx > x0 && cx < x1 && cy > y0 && cy < y1;
    });
    const table = buildGrid(xs, ys, gh, gv, inside, page);
    if (!table) continue;
    for (const r of inside) taken.add(r);
    tables.push(table);
  }
  tables.sort((a, b) => a.y0 - b.y0);
  return { tables, rest: taken.size ? runs.filter((r) => !taken.has(r)) : runs };
}

function clusterCoords(values: number[]): number[] {
  const s = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  let band: number[] = [];
  for (const v of s) {
    if (band.length && v - band[band.length - 1] > TOL) { out.push(band.reduce((p, q) => p + q, 0) / band.length); band = []; }
    band.push(v);
  }
  if (band.length) out.push(band.reduce((p, q) => p + q, 0) / band.length);
  return out;
}

/** Whether some segment at coordinate c (±TOL) covers the interval [a, b] (with slack). */
function covered(list: Seg1[], c: number, a: number, b: number): boolean {
  const slack = Math.min(TOL * 2, (b - a) / 3);
  for (const s of list) if (Math.abs(s.c - c) <= TOL && s.a <= a + slack && s.b >= b - slack) return true;
  return false;
}

function locate(bounds: number[], v: number): number {
  // index i with bounds[i] <= v < bounds[i+1]
  let lo = 0, hi = bounds.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (bounds[mid] <= v) lo = mid; else hi = mid - 1;
  }
  return lo;
}

function buildGrid(xs: number[], ys: number[], gh: Seg1[], gv: Seg1[], runs: Run[], page: number): PageTable | null {
  const nc = xs.length - 1, nr = ys.length - 1;
  // border presence
  const vb: boolean[][] = []; // vb[r][c]: border on the left of column c in row r (c = 1..nc-1)
  const hb: boolean[][] = []; // hb[r][c]: border above row r in column c (r = 1..nr-1)
  for (let r = 0; r < nr; r++) {
    vb.push(xs.map((x, c) => c === 0 || c === nc || covered(gv, x, ys[r], ys[r + 1])));
  }
  for (let r = 0; r <= nr; r++) {
    hb.push(Array.from({ length: nc }, (_, c) => r === 0 || r === nr || covered(gh, ys[r], xs[c], xs[c + 1])));
  }
  // owner of each grid slot
  const owner: number[][] = Array.from({ length: nr }, () => new Array<number>(nc).fill(-1));
  interface Box { r: number; c: number; rs: number; cs: number; runs: Run[] }
  const boxes: Box[] = [];
  for (let r = 0; r < nr; r++) {
    for (let c = 0; c < nc; c++) {
      if (owner[r][c] >= 0) continue;
      let cs = 1;
      while (c + cs < nc && !vb[r][c + cs] && owner[r][c + cs] < 0) cs++;
      let rs = 1;
      while (r + rs < nr) {
        let open = true;
        for (let k = c; k < c + cs; k++) if (hb[r + rs][k] || owner[r + rs][k] >= 0) { open = false; break; }
        for (let k = c + 1; open && k < c + cs; k++) if (vb[r + rs][k]) open = false;
        if (!open) break;
        rs++;
      }
      const id = boxes.length;
      boxes.push({ r, c, rs, cs, runs: [] });
      for (let i = r; i < r + rs; i++) for (let k = c; k < c + cs; k++) owner[i][k] = id;
    }
  }
  // place runs; a run crossing a column border is split proportionally to its characters
  for (const run of runs) {
    const cy = run.y - run.size * 0.35;
    const r = locate(ys, cy);
    for (const piece of splitAtBorders(run, xs, vb[r])) {
      const c = locate(xs, (piece.x0 + piece.x1) / 2);
      boxes[owner[r][c]].runs.push(piece);
    }
  }
  // rows of cells; grid rows where no cell starts are folded into the spans above
  const startsIn = new Array<boolean>(nr).fill(false);
  for (const b of boxes) startsIn[b.r] = true;
  const rowIndex: number[] = [];
  let k = 0;
  for (let r = 0; r < nr; r++) { rowIndex.push(k); if (startsIn[r]) k++; }
  const rows: Cell[][] = Array.from({ length: k }, () => []);
  const cols: number[][] = Array.from({ length: k }, () => []);
  for (const b of boxes) {
    const first = rowIndex[b.r];
    const last = b.r + b.rs < nr ? rowIndex[b.r + b.rs] - 1 : k - 1;
    const cell: Cell = { text: cellText(b.runs, page), rowSpan: Math.max(1, last - first + 1), colSpan: b.cs, box: rect(xs[b.c], ys[b.r], xs[b.c + b.cs], ys[b.r + b.rs]) };
    const confidence = minConfidence(b.runs);
    if (confidence != null) cell.confidence = confidence;
    rows[first].push(cell);
    cols[first].push(b.c);
  }
  // columns that never start a cell are folded into the spans to their left
  const colStarts = new Array<boolean>(nc).fill(false);
  for (const b of boxes) colStarts[b.c] = true;
  const colIndex: number[] = [];
  let kc = 0;
  for (let c = 0; c < nc; c++) { colIndex.push(kc); if (colStarts[c]) kc++; }
  if (kc < nc) {
    for (let i = 0; i < rows.length; i++) {
      rows[i] = rows[i].map((cell, j) => {
        const c = cols[i][j];
        const end = c + cell.colSpan < nc ? colIndex[c + cell.colSpan] : kc;
        return { ...cell, colSpan: Math.max(1, end - colIndex[c]) };
      });
      cols[i] = cols[i].map((c) => colIndex[c]);
    }
  }
  if (!rows.length || rows.every((r) => !r.length)) return null;
  if (rows.length * kc < 2) return null;
  const keptXs = xs.filter((_, c) => c === 0 || colStarts[c]).concat(xs[nc]);
  return { page, x0: xs[0], x1: xs[nc], y0: ys[0], y1: ys[nr], xs: keptXs, rows, cols };
}

const SOLID = /[^\s\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFF60\u3000-\u303F]/;

/**
 * Splits a run at the column borders it crosses (one pdf.js item may hold the text of two cells:
 * "91,016,775.35 一、一般公共服务支出"). Characters are placed by their widths (CJK square, the rest
 * half), and a cut falls only between characters that can be split: never inside a number or a
 * Latin word. Such a token stays whole on the side where most of it lies (numbers are
 * right-aligned and may overrun their cell's right border a little).
 */
function* splitAtBorders(run: Run, xs: number[], borders: boolean[]): Generator<Run> {
  const inner: number[] = [];
  for (let c = 1; c < xs.length - 1; c++) if (borders[c] && xs[c] > run.x0 + 1 && xs[c] < run.x1 - 1) inner.push(xs[c]);
  if (!inner.length || run.str.length < 2) { yield run; return; }
  const chars = Array.from(run.str);
  const n = chars.length;
  // pos[i]: x where character i starts (pos[n] = run.x1)
  const pos = new Array<number>(n + 1);
  const total = chars.reduce((s, ch) => s + charWeight(ch), 0) || 1;
  const unit = (run.x1 - run.x0) / total;
  pos[0] = run.x0;
  for (let i = 0; i < n; i++) pos[i + 1] = pos[i] + charWeight(chars[i]) * unit;
  // a cut before character i is allowed unless it falls between two characters of one token
  const cuttable = (i: number) => i === 0 || i === n || !(SOLID.test(chars[i - 1]) && SOLID.test(chars[i]));
  let start = 0;
  for (const cut of [...inner, Infinity]) {
    let end = n;
    if (cut !== Infinity) {
      let best = -1, bd = Infinity;
      for (let i = start; i <= n; i++) {
        if (!cuttable(i)) continue;
        const d = Math.abs(pos[i] - cut);
        if (d < bd) { bd = d; best = i; }
      }
      end = best < 0 ? start : best;
    }
    const str = chars.slice(start, end).join('');
    if (str.trim()) yield { ...run, str, x0: pos[start], x1: pos[end] };
    start = end;
  }
}

/** Lines of a cell joined without spaces (Chinese wraps inside a cell). */
function cellText(runs: Run[], page: number): string {
  if (!runs.length) return '';
  let text = '';
  for (const line of buildLines(runs, page)) text = joinWrapped(text, line.text);
  return tidy(text);
}
