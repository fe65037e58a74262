// Shared geometry types. All coordinates are in viewport space: points, origin top-left, y growing downwards.

/** A piece of text on one baseline: a pdf.js text item, or part of one. */
export interface Run {
  str: string;
  x0: number;
  x1: number;
  /** baseline */
  y: number;
  /** font size (glyph height) */
  size: number;
  /** 0–1 when the run was read by OCR: the recogniser's confidence; absent for a text layer. */
  confidence?: number;
}

/** Runs sharing a baseline, left to right. */
export interface Line {
  runs: Run[];
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
  page: number;
}

/** A horizontal (y0 === y1) or vertical (x0 === x1) ruling line segment. */
export interface Segment {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export const top = (r: { y: number; size: number }) => r.y - r.size * 0.85;
export const bottom = (r: { y: number; size: number }) => r.y + r.size * 0.2;

export function median(values: number[]): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function quantile(values: number[], q: number): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))];
}

/** A rectangle in viewport space, rounded to 0.1 pt (finer says nothing on a page and bloats stored JSON). */
export interface Rect { x0: number; y0: number; x1: number; y1: number }

const r1 = (v: number) => Math.round(v * 10) / 10;
export const rect = (x0: number, y0: number, x1: number, y1: number): Rect => ({ x0: r1(x0), y0: r1(y0), x1: r1(x1), y1: r1(y1) });

/** The smallest rectangle holding all of them, or undefined for none. */
export function union(boxes: Array<Rect | undefined>): Rect | undefined {
  let out: Rect | undefined;
  for (const b of boxes) {
    if (!b) continue;
    out = out ? { x0: Math.min(out.x0, b.x0), y0: Math.min(out.y0, b.y0), x1: Math.max(out.x1, b.x1), y1: Math.max(out.y1, b.y1) } : { ...b };
  }
  return out;
}

/** The rectangle the glyphs of these runs fill (top of the tallest to the descenders). */
export function runsBox(runs: readonly Run[]): Rect | undefined {
  if (!runs.length) return undefined;
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const r of runs) {
    x0 = Math.min(x0, r.x0); x1 = Math.max(x1, r.x1);
    y0 = Math.min(y0, top(r)); y1 = Math.max(y1, bottom(r));
  }
  return rect(x0, y0, x1, y1);
}

/** The lowest OCR confidence among the runs; undefined when none was read by OCR. */
export function minConfidence(items: ReadonlyArray<{ confidence?: number }>): number | undefined {
  let out: number | undefined;
  for (const it of items) if (it.confidence != null) out = out == null ? it.confidence : Math.min(out, it.confidence);
  return out;
}
