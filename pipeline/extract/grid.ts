// Tables as rectangular grids: a merged cell's text is repeated over every position it covers,
// and `origin` tells whether a position holds the cell itself or is covered by a span.
import type { Box, Table } from '../../schemas/document.ts';

export interface GridCell {
  text: string;
  /** true where this position is covered by a span from above or the left */
  spanned: boolean;
  fromAbove: boolean;
  /** The printed cell covering this position: where it starts and how far it spans. */
  origin?: { row: number; col: number; rowSpan: number; colSpan: number };
  /** Where the printed cell is drawn on its page (PDF), when the parser kept it. */
  box?: Box;
}
export type Grid = GridCell[][];

export function toGrid(table: Table): Grid {
  const grid: Grid = [];
  table.rows.forEach((row, r) => {
    grid[r] ??= [];
    let c = 0;
    for (const cell of row) {
      while (grid[r][c]) c++;
      for (let dr = 0; dr < cell.rowSpan; dr++) {
        for (let dc = 0; dc < cell.colSpan; dc++) {
          grid[r + dr] ??= [];
          grid[r + dr][c + dc] = { text: cell.text, spanned: dr > 0 || dc > 0, fromAbove: dr > 0, origin: { row: r, col: c, rowSpan: cell.rowSpan, colSpan: cell.colSpan }, ...(cell.box ? { box: cell.box } : {}) };
        }
      }
      c += cell.colSpan;
    }
  });
  const width = Math.max(0, ...grid.map((row) => row.length));
  for (const row of grid) for (let c = 0; c < width; c++) row[c] ??= { text: '', spanned: false, fromAbove: false };
  return grid.slice(0, table.rows.length);
}

/** The grid's texts, for code that only needs strings. */
export function gridTexts(table: Table): string[][] {
  return toGrid(table).map((row) => row.map((c) => c.text));
}
