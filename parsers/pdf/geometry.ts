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
