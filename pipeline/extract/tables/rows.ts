// A table's rows as the readers need them: texts per row, and whether the positions can be trusted.
// Parsers that know merged cells (DOCX, PDF, XLSX, HTML) give spans: the grid then repeats a merged
// cell's text and every row is full width. Plain-text extractions drop covered cells and often empty
// ones too, so their rows are ragged and must be aligned to the header by content (see align.ts).
import type { Table } from '../../../schemas/document.ts';
import { toGrid } from '../grid.ts';

export interface TableRow {
  /** Cell texts, trimmed. */
  cells: string[];
  /** Parallel to cells: true where the position is covered by a vertical span from above. */
  fromAbove: boolean[];
}

export interface TableRows {
  rows: TableRow[];
  /** True when the table declares spans, so that every row is a full-width grid row. */
  spanned: boolean;
}

export function tableRows(table: Table): TableRows {
  const spanned = table.rows.some((r) => r.some((c) => c.rowSpan > 1 || c.colSpan > 1));
  if (spanned) {
    const grid = toGrid(table);
    return {
      spanned,
      rows: grid.map((row) => ({ cells: row.map((c) => c.text.trim()), fromAbove: row.map((c) => c.fromAbove) })),
    };
  }
  return {
    spanned,
    rows: table.rows.map((row) => ({ cells: row.map((c) => c.text.trim()), fromAbove: row.map(() => false) })),
  };
}

/** A row's cells joined as the raw text records keep. */
export const rawOf = (cells: string[]): string => cells.filter((c) => c.trim() !== '').join(' | ');
