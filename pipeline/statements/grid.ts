// A table as a rectangular grid that remembers, at every position, which printed cell covers it and how far
// that cell spans: header reading needs to tell a group label spanning several columns from a column's own.
import type { Table } from '../../schemas/document.ts';
import { normalizeText, squash } from '../normalize/text.ts';

export interface Slot { text: string; row: number; col: number; rowSpan: number; colSpan: number; /** the printed cell starts here */ origin: boolean }
export type SlotGrid = Slot[][];

export function slotGrid(table: Table): SlotGrid {
  const grid: SlotGrid = [];
  table.rows.forEach((cells, r) => {
    grid[r] ??= [];
    let c = 0;
    for (const cell of cells) {
      while (grid[r][c]) c++;
      const text = squash(normalizeText(cell.text));
      for (let dr = 0; dr < cell.rowSpan; dr++) {
        for (let dc = 0; dc < cell.colSpan; dc++) {
          grid[r + dr] ??= [];
          grid[r + dr][c + dc] = { text, row: r, col: c, rowSpan: cell.rowSpan, colSpan: cell.colSpan, origin: dr === 0 && dc === 0 };
        }
      }
      c += cell.colSpan;
    }
  });
  const rows = grid.slice(0, table.rows.length);
  const width = Math.max(0, ...rows.map((row) => row.length));
  rows.forEach((row, r) => { for (let c = 0; c < width; c++) row[c] ??= { text: '', row: r, col: c, rowSpan: 1, colSpan: 1, origin: true }; });
  return rows;
}

/** A printed amount: 15,343.43, 195,774,300, -24.5, 0.00; "-" and "—" as printed zeros are not amounts. */
// Some tables group digits irregularly (121748,642 for 121,748,642): a comma is accepted before any three digits.
export const AMOUNT = /^[-−]?\d+(,\d{3})*(\.\d+)?$/;
export const isAmount = (s: string) => AMOUNT.test(s);
export const amountOf = (s: string): number | null => (isAmount(s) ? Number(s.replace(/[,]/g, '').replace('−', '-')) : null);
export const hasHan = (s: string) => /\p{Script=Han}/u.test(s);
