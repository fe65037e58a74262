// Ruling lines of a page from its operator list: stroked axis-aligned lines and thin filled
// rectangles, in viewport coordinates, merged where they touch.
// pdf.js 5 emits paths as OPS.constructPath with args [paintOp, [pathData], minMax], pathData a flat
// Float32Array of DrawOPS (moveTo 0, lineTo 1, curveTo 2, quadraticCurveTo 3, closePath 4).
import type { Segment } from './geometry.ts';
import { mul } from './runs.ts';

// OPS numbers (stable in pdf.js): see OPS in pdfjs-dist
const OP = {
  save: 10, restore: 11, transform: 12, constructPath: 91,
  stroke: 20, closeStroke: 21, fill: 22, eoFill: 23, fillStroke: 24, eoFillStroke: 25,
  closeFillStroke: 26, closeEOFillStroke: 27, formBegin: 74, formEnd: 75,
} as const;
const STROKES = new Set<number>([OP.stroke, OP.closeStroke, OP.fillStroke, OP.eoFillStroke, OP.closeFillStroke, OP.closeEOFillStroke]);
const FILLS = new Set<number>([OP.fill, OP.eoFill, OP.fillStroke, OP.eoFillStroke, OP.closeFillStroke, OP.closeEOFillStroke]);

/** Thicker than this, a filled rectangle is a shape, not a rule. */
const THIN = 3;
const AXIS_TOL = 0.6;

interface OperatorListLike { fnArray: ArrayLike<number>; argsArray: ArrayLike<unknown> }

function pathData(args: unknown[]): ArrayLike<number> | null {
  const d = args[1] as unknown;
  if (!d) return null;
  if (Array.isArray(d)) {
    const first = d[0] as unknown;
    if (first && typeof first === 'object' && 'length' in (first as object)) return first as ArrayLike<number>;
    if (typeof first === 'number') return d as number[];
    return null;
  }
  if (ArrayBuffer.isView(d)) return d as unknown as ArrayLike<number>;
  return null;
}

export function readRulings(ops: OperatorListLike, viewportTransform: number[]): Segment[] {
  const raw: Segment[] = [];
  let ctm = viewportTransform;
  const stack: number[][] = [];
  const { fnArray, argsArray } = ops;
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    if (fn === OP.save) stack.push(ctm);
    else if (fn === OP.restore) ctm = stack.pop() ?? viewportTransform;
    else if (fn === OP.transform) ctm = mul(ctm, argsArray[i] as number[]);
    else if (fn === OP.formBegin) {
      stack.push(ctm);
      const m = (argsArray[i] as unknown[])[0] as number[] | null;
      if (m && m.length === 6) ctm = mul(ctm, Array.from(m));
    } else if (fn === OP.formEnd) ctm = stack.pop() ?? viewportTransform;
    else if (fn === OP.constructPath) {
      const args = argsArray[i] as unknown[];
      const paint = args[0] as number;
      const stroke = STROKES.has(paint);
      const fill = FILLS.has(paint);
      if (!stroke && !fill) continue;
      const data = pathData(args);
      if (data) addPath(data, ctm, stroke, fill, raw);
    }
  }
  return mergeSegments(raw);
}

function addPath(d: ArrayLike<number>, m: number[], stroke: boolean, fill: boolean, out: Segment[]): void {
  const tx = (x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
  let sub: Array<[number, number]> = [];
  const flush = () => {
    if (sub.length >= 2) handleSubpath(sub, stroke, fill, out);
    sub = [];
  };
  let curved = false;
  for (let i = 0; i < d.length;) {
    const op = d[i++];
    if (op === 0) { flush(); curved = false; sub.push(tx(d[i++], d[i++])); }
    else if (op === 1) sub.push(tx(d[i++], d[i++]));
    else if (op === 2) { i += 6; curved = true; sub = []; }
    else if (op === 3) { i += 4; curved = true; sub = []; }
    else if (op === 4) { if (sub.length && !curved) sub.push(sub[0]); }
    else break; // unknown operator: stop reading this path
  }
  flush();
}

function handleSubpath(pts: Array<[number, number]>, stroke: boolean, fill: boolean, out: Segment[]): void {
  if (fill) {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    let axisAligned = true;
    for (let k = 0; k < pts.length; k++) {
      const [x, y] = pts[k];
      if (x < x0) x0 = x; if (x > x1) x1 = x; if (y < y0) y0 = y; if (y > y1) y1 = y;
      if (k) {
        const [px, py] = pts[k - 1];
        if (Math.abs(px - x) > AXIS_TOL && Math.abs(py - y) > AXIS_TOL) axisAligned = false;
      }
    }
    if (axisAligned && pts.length <= 6) {
      const w = x1 - x0, h = y1 - y0;
      if (h <= THIN && w > h) { out.push({ x0, x1, y0: (y0 + y1) / 2, y1: (y0 + y1) / 2 }); return; }
      if (w <= THIN && h > w) { out.push({ x0: (x0 + x1) / 2, x1: (x0 + x1) / 2, y0, y1 }); return; }
    }
    if (!stroke) return;
  }
  for (let k = 1; k < pts.length; k++) {
    const [ax, ay] = pts[k - 1];
    const [bx, by] = pts[k];
    if (Math.abs(ay - by) <= AXIS_TOL && Math.abs(ax - bx) > AXIS_TOL) {
      const y = (ay + by) / 2;
      out.push({ x0: Math.min(ax, bx), x1: Math.max(ax, bx), y0: y, y1: y });
    } else if (Math.abs(ax - bx) <= AXIS_TOL && Math.abs(ay - by) > AXIS_TOL) {
      const x = (ax + bx) / 2;
      out.push({ x0: x, x1: x, y0: Math.min(ay, by), y1: Math.max(ay, by) });
    }
  }
}

const SNAP = 1.5;
const JOIN_GAP = 2.5;

/** Merges collinear segments that overlap or nearly touch. */
export function mergeSegments(segs: Segment[]): Segment[] {
  const hs = segs.filter((s) => s.y0 === s.y1).map((s) => ({ c: s.y0, a: s.x0, b: s.x1 }));
  const vs = segs.filter((s) => s.x0 === s.x1 && s.y0 !== s.y1).map((s) => ({ c: s.x0, a: s.y0, b: s.y1 }));
  const out: Segment[] = [];
  for (const m of merge1d(hs)) out.push({ x0: m.a, x1: m.b, y0: m.c, y1: m.c });
  for (const m of merge1d(vs)) out.push({ x0: m.c, x1: m.c, y0: m.a, y1: m.b });
  return out;
}

function merge1d(list: Array<{ c: number; a: number; b: number }>): Array<{ c: number; a: number; b: number }> {
  list.sort((p, q) => p.c - q.c || p.a - q.a);
  const out: Array<{ c: number; a: number; b: number }> = [];
  // bands of nearly equal coordinate
  let i = 0;
  while (i < list.length) {
    let j = i;
    while (j + 1 < list.length && list[j + 1].c - list[j].c <= SNAP) j++;
    const band = list.slice(i, j + 1).sort((p, q) => p.a - q.a);
    const c = band.reduce((s, p) => s + p.c, 0) / band.length;
    let cur = { c, a: band[0].a, b: band[0].b };
    for (let k = 1; k < band.length; k++) {
      if (band[k].a <= cur.b + JOIN_GAP) cur.b = Math.max(cur.b, band[k].b);
      else { out.push(cur); cur = { c, a: band[k].a, b: band[k].b }; }
    }
    out.push(cur);
    i = j + 1;
  }
  return out;
}
