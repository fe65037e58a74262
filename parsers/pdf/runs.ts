// Text items of a page as runs in viewport coordinates (y down), whitespace-only items dropped.
import type { Run } from './geometry.ts';
import { cleanRunText } from './text.ts';

interface TextItemLike { str: string; transform: number[]; width: number; height: number }

/** m1 × m2 for pdf.js 6-number matrices. */
export function mul(m1: number[], m2: number[]): number[] {
  return [
    m1[0] * m2[0] + m1[2] * m2[1], m1[1] * m2[0] + m1[3] * m2[1],
    m1[0] * m2[2] + m1[2] * m2[3], m1[1] * m2[2] + m1[3] * m2[3],
    m1[0] * m2[4] + m1[2] * m2[5] + m1[4], m1[1] * m2[4] + m1[3] * m2[5] + m1[5],
  ];
}

export function toRuns(items: readonly unknown[], viewportTransform: number[]): Run[] {
  const runs: Run[] = [];
  for (const raw of items) {
    const it = raw as TextItemLike;
    if (typeof it.str !== 'string' || !it.transform) continue;
    if (!it.str.trim()) continue;
    const m = mul(viewportTransform, it.transform);
    const horizontal = Math.abs(m[0]) >= Math.abs(m[1]);
    const size = horizontal ? Math.hypot(m[2], m[3]) : Math.hypot(m[0], m[1]);
    if (!(size > 0)) continue;
    const str = cleanRunText(it.str);
    if (!str.trim()) continue;
    const scale = Math.hypot(viewportTransform[0], viewportTransform[1]) || 1;
    const w = it.width * scale;
    if (horizontal) {
      const dir = Math.sign(m[0]) || 1;
      const x = m[4];
      runs.push({ str, x0: dir > 0 ? x : x - w, x1: dir > 0 ? x + w : x, y: m[5], size });
    } else {
      // vertical text (rotated): keep it, placed at its start point, as one short run
      runs.push({ str, x0: m[4] - size / 2, x1: m[4] + size / 2, y: m[5], size });
    }
  }
  return runs;
}
