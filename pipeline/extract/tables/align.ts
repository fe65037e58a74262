// Places a row's cells in the header's columns by what the cells look like.
// Text extractions drop merged ("same as above") cells and empty cells, and OCR shifts cells, so a
// row's i-th cell is not always in the header's i-th column. The cells keep their order, so the
// best placement is a monotone assignment of cells to columns, found by dynamic programming over
// how well each cell fits each column's kind and what leaving a column empty costs.
import { clean, hasWords, isBlank, isComparatorCell, isNameLike, isNumeric, isUnitLike, len, LEVEL_WORD, QUALITY_WORD } from './cells.ts';
import { parseComparator } from '../../normalize/numbers.ts';

/**
 * What a column holds.
 * hier: a hierarchy name that may be merged from above (一级/二级指标); hnum: its weight;
 * name: the row's own name, required (三级指标); num: a number (权重, 得分);
 * cmp: a comparator (指标性质); unit: a unit (度量单位); value: a target or result, short;
 * text: explanations, free text; free: a column whose content does not matter (a block label).
 */
export type ColumnKind = 'hier' | 'hnum' | 'name' | 'num' | 'cmp' | 'unit' | 'value' | 'text' | 'free';

export function fit(kind: ColumnKind, text: string): number {
  const t = clean(text);
  const n = len(t);
  switch (kind) {
    case 'hier': {
      if (isNumeric(t) || isComparatorCell(t)) return -6;
      if (!isNameLike(t)) return -3;
      return 1 + (LEVEL_WORD.test(t) ? 1 : 0) + (n <= 10 ? 0.5 : 0) - (n > 15 ? 1.5 : 0);
    }
    case 'name':
      if (!isNameLike(t)) return -6;
      // a sentence (说明 text) is not an indicator's name
      if (n > 12 && (/[。；;]$/.test(t) || /，.*，/.test(t))) return 0;
      return n > 40 ? 0 : n > 25 ? 1 : 2;
    case 'num':
    case 'hnum':
      return isNumeric(t) || isBlank(t) ? 2 : -8;
    case 'cmp':
      return isComparatorCell(t) ? 4 : isBlank(t) ? 0.5 : -8;
    case 'unit':
      return isUnitLike(t) ? 1.5 : isBlank(t) ? 1 : -6;
    case 'value': {
      if (n > 40) return -2;
      if (n > 25) return -0.5;
      const q = parseComparator(t);
      return 1 + (isNumeric(q.rest) || q.comparator != null || QUALITY_WORD.test(t) ? 0.5 : 0);
    }
    case 'text':
      if (isNumeric(t)) return 0;
      return n > 20 ? 0.8 : hasWords(t) ? 0.1 : 0;
    case 'free':
      return 0;
  }
}

/** What leaving a column without a cell costs. */
const SKIP: Record<ColumnKind, number> = { hier: 0, hnum: 0, name: -10, num: -1.5, cmp: -0.5, unit: -0.5, value: -1, text: -0.1, free: 0 };
/** Leaving a lower hierarchy column empty after a higher one got a cell (a new 一级 starts a new 二级). */
const HOLE = -3;
/** Keeping a cell where it stands, for rows that are full width. */
const STAY = 0.5;
/** A slight preference for the leftmost of equally good placements. */
const LEFT = 0.01;
/** Neighbouring cells stay neighbours: gaps are where cells were dropped, which is rarer than not. */
const TOGETHER = 0.3;

export interface Alignment {
  /** Per column, the cell placed there or null. */
  columns: Array<string | null>;
  score: number;
}

/**
 * Aligns cells (empty ones dropped) to columns of the given kinds.
 * `positions`, when given, are the cells' own column indices (full-width rows): staying there earns a bonus.
 * Returns null when the cells cannot all be placed.
 */
export function alignCells(cells: string[], kinds: ColumnKind[], positions?: number[]): Alignment | null {
  const items = cells.map((text, i) => ({ text, pos: positions?.[i] ?? -1 })).filter((c) => c.text.trim() !== '');
  const n = items.length;
  const m = kinds.length;
  if (n > m) return null;
  // best[i][k][h][t]: best score placing the first i cells in the first k columns;
  // h = a hierarchy column got a cell, t = column k-1 got a cell
  const NEG = -Infinity;
  type Step = [number, number, number, number, boolean];
  const best: number[][][][] = Array.from({ length: n + 1 }, () => Array.from({ length: m + 1 }, () => [[NEG, NEG], [NEG, NEG]]));
  const from: Array<Array<Array<Array<Step | null>>>> = Array.from({ length: n + 1 }, () => Array.from({ length: m + 1 }, () => [[null, null], [null, null]]));
  best[0][0][0][0] = 0;
  for (let k = 0; k < m; k++) {
    const kind = kinds[k];
    const hierLike = kind === 'hier' || kind === 'name';
    for (let i = 0; i <= n; i++) {
      for (let h = 0; h < 2; h++) {
        for (let t = 0; t < 2; t++) {
          const cur = best[i][k][h][t];
          if (cur === NEG) continue;
          // leave column k empty
          const skip = cur + SKIP[kind] + (hierLike && h ? HOLE : 0);
          if (skip > best[i][k + 1][h][0]) { best[i][k + 1][h][0] = skip; from[i][k + 1][h][0] = [i, k, h, t, false]; }
          // put cell i in column k
          if (i < n) {
            const item = items[i];
            const gain = fit(kind, item.text) + (item.pos === k ? STAY : 0) - LEFT * k + (t && i > 0 ? TOGETHER : 0);
            const nh = h || (kind === 'hier' ? 1 : 0);
            const take = cur + gain;
            if (take > best[i + 1][k + 1][nh][1]) { best[i + 1][k + 1][nh][1] = take; from[i + 1][k + 1][nh][1] = [i, k, h, t, true]; }
          }
        }
      }
    }
  }
  let end: [number, number] = [0, 0];
  for (const h of [0, 1]) for (const t of [0, 1]) if (best[n][m][h][t] > best[n][m][end[0]][end[1]]) end = [h, t];
  const score = best[n][m][end[0]][end[1]];
  if (score === NEG) return null;
  const columns: Array<string | null> = new Array(m).fill(null);
  let state: [number, number, number, number] = [n, m, end[0], end[1]];
  while (state[1] > 0) {
    const step = from[state[0]][state[1]][state[2]][state[3]];
    if (!step) break;
    const [pi, pk, ph, pt, took] = step;
    if (took) columns[pk] = items[pi].text;
    state = [pi, pk, ph, pt];
  }
  return { columns, score };
}

/** Scores cells where they stand (full-width rows): the same measure alignCells maximises. */
export function positionalScore(cells: Array<string | null>, kinds: ColumnKind[]): number {
  let score = 0;
  let h = false;
  let t = false;
  let placed = 0;
  kinds.forEach((kind, k) => {
    const text = cells[k];
    if (text != null && text.trim() !== '') {
      score += fit(kind, text) + STAY - LEFT * k + (t && placed > 0 ? TOGETHER : 0);
      if (kind === 'hier') h = true;
      t = true;
      placed++;
    } else {
      score += SKIP[kind] + ((kind === 'hier' || kind === 'name') && h ? HOLE : 0);
      t = false;
    }
  });
  return score;
}
