// Rebuilds visual lines from runs: same baseline, ordered left to right, spaces from the gaps.
import type { Line, Run } from './geometry.ts';
import { tidy } from './text.ts';

/** Groups runs into lines, top to bottom. O(n log n). */
export function buildLines(runs: Run[], page: number): Line[] {
  if (!runs.length) return [];
  const sorted = [...runs].sort((a, b) => a.y - b.y || a.x0 - b.x0);
  const groups: Run[][] = [];
  let cur: Run[] = [];
  let curY = 0;
  let curSize = 0;
  for (const r of sorted) {
    // same line when the baselines are within a third of the font size (superscripts, mixed fonts)
    if (cur.length && Math.abs(r.y - curY) <= Math.max(1.5, 0.35 * Math.min(curSize, r.size))) {
      cur.push(r);
      if (r.size > curSize) { curSize = r.size; curY = r.y; }
    } else {
      if (cur.length) groups.push(cur);
      cur = [r];
      curY = r.y;
      curSize = r.size;
    }
  }
  if (cur.length) groups.push(cur);
  const lines: Line[] = [];
  for (const g of groups) {
    g.sort((a, b) => a.x0 - b.x0);
    lines.push(makeLine(g, page));
  }
  return lines;
}

export function makeLine(runs: Run[], page: number): Line {
  let text = '';
  let prev: Run | undefined;
  let size = 0;
  let y = runs[0].y;
  for (const r of runs) {
    if (prev) {
      const gap = r.x0 - prev.x1;
      if (gap > 0.25 * Math.min(r.size, prev.size) && !text.endsWith(' ') && !r.str.startsWith(' ')) text += ' ';
    }
    text += r.str;
    if (r.size > size) { size = r.size; y = r.y; }
    prev = r;
  }
  return {
    runs,
    text: tidy(text),
    x0: runs[0].x0,
    x1: Math.max(...runs.map((r) => r.x1)),
    y,
    size,
    page,
  };
}

/** Splits a line into segments where the gap between runs is wide (column alignment). */
export function splitByGaps(line: Line, minGap: number): Run[][] {
  const out: Run[][] = [];
  let cur: Run[] = [];
  let prevX1 = -Infinity;
  for (const r of line.runs) {
    if (cur.length && r.x0 - prevX1 > minGap) { out.push(cur); cur = []; }
    cur.push(r);
    prevX1 = Math.max(prevX1, r.x1);
  }
  if (cur.length) out.push(cur);
  return out;
}
