// The XLSX export: one sheet per table (报告, 金额, 指标, 得分, 项目, 标记) with Chinese headers, a frozen
// and filterable header row, column widths, and numbers stored as numbers with formats:
// #,##0.00 for yuan, 0.00 for scores, 0.00"%" for rates (stored as percent points: 98.5 → 98.50%),
// 0 for years and counts. Written with SheetJS (writing only; it never reads a file here).
// SheetJS community edition does not write frozen panes, so each worksheet's <sheetView> gets its
// <pane> afterwards (fflate re-packs the zip).
import { createRequire } from 'node:module';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Column, Table } from './tables.ts';

const require = createRequire(import.meta.url);
const XLSX = require('xlsx') as typeof import('xlsx');

export const FORMATS: Record<Column['type'], string | null> = {
  text: null, int: '0', yuan: '#,##0.00', score: '0.00', rate: '0.00"%"', number: 'General',
};

/** Excel's limit on one cell's text. */
export const CELL_MAX = 32767;

/** A table cell as the workbook holds it: a number (in a numeric column), text (cut at Excel's limit), or nothing. */
export function cellValue(c: Column, v: string | number | null | undefined): string | number | null {
  if (v == null || v === '') return null;
  if (c.type !== 'text' && typeof v === 'number') return v;
  const s = String(v);
  return s.length > CELL_MAX ? s.slice(0, CELL_MAX - 1) + '…' : s;
}

/** The column widths the workbook gives each table's columns (characters). */
export const columnWidths = (columns: Column[]) => columns.map((c) => ({ wch: c.width ?? Math.max(8, c.zh.length * 2 + 2) }));

export function tablesToXlsx(tables: Table[]): Buffer {
  const wb = XLSX.utils.book_new();
  for (const t of tables) {
    const aoa: unknown[][] = [t.columns.map((c) => c.zh)];
    for (const r of t.rows) aoa.push(t.columns.map((c) => cellValue(c, r[c.key])));
    const ws = XLSX.utils.aoa_to_sheet(aoa, { cellDates: false });
    t.columns.forEach((c, ci) => {
      const z = FORMATS[c.type];
      for (let ri = 1; ri <= t.rows.length; ri++) {
        const cell = ws[XLSX.utils.encode_cell({ r: ri, c: ci })];
        if (!cell) continue;
        if (cell.t === 'n' && z) cell.z = z;
      }
    });
    ws['!cols'] = columnWidths(t.columns);
    const range = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: Math.max(t.rows.length, 1), c: t.columns.length - 1 } });
    ws['!autofilter'] = { ref: range };
    XLSX.utils.book_append_sheet(wb, ws, t.sheet);
  }
  const out = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
  return freezeHeaderRows(out);
}

const PANE = '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>';

/** Freezes the first row of every worksheet in an XLSX package. */
export function freezeHeaderRows(xlsx: Uint8Array): Buffer {
  const files = unzipSync(xlsx);
  for (const name of Object.keys(files)) {
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) continue;
    files[name] = strToU8(freezeSheetXml(strFromU8(files[name])));
  }
  return Buffer.from(zipSync(files, { level: 6 }));
}

/** A worksheet's XML with its first row frozen. */
export const freezeSheetXml = (xml: string) => xml.replace(/<sheetView\b([^>]*?)\/>/, (_m, attrs: string) => `<sheetView${attrs}>${PANE}</sheetView>`);
