// A table as a rectangular grid that remembers, at every position, which printed cell covers it and how far
// that cell spans: header reading needs to tell a group label spanning several columns from a column's own.
// Amounts as statements print them.
import type { Box, Table } from '../../schemas/document.ts';
import { normalizeText, squash } from '../normalize/text.ts';
import { toGrid } from '../extract/grid.ts';

export interface Slot { text: string; row: number; col: number; rowSpan: number; colSpan: number; /** the printed cell starts here */ origin: boolean; /** the printed cell's box on its page (PDF) */ box?: Box }
export type SlotGrid = Slot[][];

/** The table's grid (pipeline/extract/grid.ts) with texts normalised and each position's printed cell. */
export function slotGrid(table: Table): SlotGrid {
  return toGrid(table).map((cells, r) => cells.map((g, c) => ({
    text: squash(normalizeText(g.text)), row: g.origin?.row ?? r, col: g.origin?.col ?? c,
    rowSpan: g.origin?.rowSpan ?? 1, colSpan: g.origin?.colSpan ?? 1, origin: !g.spanned, ...(g.box ? { box: g.box } : {}),
  })));
}

/** A printed amount: 15,343.43, 195,774,300, -24.5, 0.00; "-" and "—" as printed zeros are not amounts. */
// Some tables group digits irregularly (121748,642 for 121,748,642): a comma is accepted before any three digits.
export const AMOUNT = /^[-−]?\d+(,\d{3})*(\.\d+)?$/;
export const isAmount = (s: string) => AMOUNT.test(s);
export const amountOf = (s: string): number | null => (isAmount(s) ? Number(s.replace(/[,]/g, '').replace('−', '-')) : null);
export const hasHan = (s: string) => /\p{Script=Han}/u.test(s);
