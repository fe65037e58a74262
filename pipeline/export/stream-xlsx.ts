// The XLSX export written as a streamed zip (fflate's Zip + ZipDeflate), row by row: SheetJS builds the
// whole workbook in memory, so the worksheets' rows are written here in the markup SheetJS writes
// (inline strings as t="str", numbers with the number-format style of their column), and everything
// else (each sheet's head and tail, styles, workbook, content types …) is taken from a workbook SheetJS
// writes with the header rows only. The parts unzip to what tablesToXlsx (xlsx.ts) gives, byte for byte.
//
// A worksheet's head names its size (<dimension>) and the workbook's styles list the number formats in
// the order the cells first use them, and zip entries go one after another, so the sheets are written one
// at a time: a first pass over the documents counts each table's rows, then one pass per sheet writes
// its rows (line items only in the last, in batches). Memory holds one document's rows and the zip's window.
import { createRequire } from 'node:module';
import { Zip, ZipDeflate, strFromU8, strToU8, unzipSync } from 'fflate';
import type { Db } from '../store/types.ts';
import { loadStatements } from '../store/read.ts';
import type { ReviewedDocument } from './dataset.ts';
import { openOutput, writeAll, type Output } from './output.ts';
import { COLUMNS, EXPORT_TABLE_NAMES, SHEET_NAMES, documentTables, lineItemRows, type Column, type Row, type TableName } from './tables.ts';
import { FORMATS, cellValue, columnWidths, freezeSheetXml } from './xlsx.ts';
import { lineItemBatches, walkDocuments, type ExportPlan } from './walk.ts';

const require = createRequire(import.meta.url);
const XLSX = require('xlsx') as typeof import('xlsx');

// SheetJS's XML escaping (escapexml) and its rule for xml:space="preserve" (writetag / writextag)
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', "'": '&apos;', '"': '&quot;' };
const escapeXml = (s: string) => s.replace(/[&<>'"]/g, (ch) => ESCAPES[ch])
  .replace(/[\u0000-\u0008\u000b-\u001f]/g, (ch) => `_x${('000' + ch.charCodeAt(0).toString(16)).slice(-4)}_`);
const preserve = (g: string) => (/(^\s|\s$|\n)/.test(g) ? ' xml:space="preserve"' : '');

const colName = (i: number): string => (i < 26 ? String.fromCharCode(65 + i) : colName(Math.floor(i / 26) - 1) + String.fromCharCode(65 + (i % 26)));

/** The number formats in the order cells first use them: a cell's style index (SheetJS: get_cell_style). */
class Styles {
  readonly formats: string[] = ['General']; // the first cell written, a header, has no format
  index(z: string): number {
    let i = this.formats.indexOf(z);
    if (i < 0) i = this.formats.push(z) - 1;
    return i;
  }
}

function cellXml(ref: string, c: Column, v: string | number | null | undefined, styles: Styles): string {
  const x = cellValue(c, v);
  if (x == null) return '';
  if (typeof x === 'number') {
    const s = styles.index(FORMATS[c.type] ?? 'General');
    return `<c r="${ref}"${s ? ` s="${s}"` : ''}><v>${escapeXml(String(x))}</v></c>`;
  }
  const e = escapeXml(x);
  const g = `<v${preserve(e)}>${e}</v>`;
  return `<c r="${ref}" t="str"${preserve(g)}>${g}</c>`;
}

function rowXml(r: number, columns: Column[], letters: string[], row: Row, styles: Styles): string {
  let cells = '';
  for (let i = 0; i < columns.length; i++) cells += cellXml(letters[i] + r, columns[i], row[columns[i].key], styles);
  return cells ? `<row r="${r}"${preserve(cells)}>${cells}</row>` : '';
}

const lastCol = (name: TableName) => colName(COLUMNS[name].length - 1);
/** The sheet's cell range as SheetJS gives it (header plus rows) and its filter range (at least two rows). */
const sheetRef = (name: TableName, rows: number) => `A1:${lastCol(name)}${rows + 1}`;
const filterRef = (name: TableName, rows: number) => `A1:${lastCol(name)}${Math.max(rows, 1) + 1}`;

/**
 * A workbook of the export's sheets holding only their header rows, the real filter ranges and, when
 * given, cells using `formats` in that order (so the styles part lists them as the full workbook would),
 * written by SheetJS as tablesToXlsx writes; its parts by name.
 */
function skeleton(counts: Record<TableName, number>, formats: string[] = []): Record<string, Uint8Array> {
  const wb = XLSX.utils.book_new();
  EXPORT_TABLE_NAMES.forEach((name, k) => {
    const columns = COLUMNS[name];
    const aoa: unknown[][] = [columns.map((c) => c.zh)];
    const probes = k === 0 ? formats.slice(1) : [];
    if (probes.length) aoa.push(probes.map(() => 0));
    const ws = XLSX.utils.aoa_to_sheet(aoa, { cellDates: false });
    probes.forEach((z, i) => { ws[XLSX.utils.encode_cell({ r: 1, c: i })].z = z; });
    ws['!cols'] = columnWidths(columns);
    ws['!autofilter'] = { ref: filterRef(name, counts[name]) };
    XLSX.utils.book_append_sheet(wb, ws, SHEET_NAMES[name]);
  });
  return unzipSync(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: false }) as Buffer);
}

/** A worksheet's markup before its data rows (through the header row) and after them. */
function sheetFrame(xml: string, name: TableName, rows: number): { head: string; tail: string } {
  const one = `A1:${lastCol(name)}1`;
  const real = sheetRef(name, rows);
  const frozen = freezeSheetXml(xml).replace(`<dimension ref="${one}"/>`, `<dimension ref="${real}"/>`).replace(`sqref="${one}"`, `sqref="${real}"`);
  const end = frozen.indexOf('</row>') + '</row>'.length;
  const tail = frozen.indexOf('</sheetData>');
  if (end < 6 || tail < end) throw new Error('unexpected worksheet markup from SheetJS');
  return { head: frozen.slice(0, end), tail: frozen.slice(tail) };
}

export class DatabaseChangedError extends Error {}

/** Rows a worksheet holds (Excel, LibreOffice). */
const SHEET_ROWS = 1_048_576;

/** Writes the workbook to `path`; returns the rows of each sheet. */
export async function writeXlsxExport(db: Db, plan: ExportPlan, path: string, batchSize?: number): Promise<Record<TableName, number>> {
  // pass 1: each table's rows
  const counts = Object.fromEntries(EXPORT_TABLE_NAMES.map((n) => [n, 0])) as Record<TableName, number>;
  for await (const d of walkDocuments(db, plan)) {
    const own = documentTables(d);
    for (const name of EXPORT_TABLE_NAMES) counts[name] += own[name].length;
    const n = await db.get<{ n: number | string }>('SELECT count(*) AS n FROM line_items WHERE document_id = ?', [d.row.id]);
    counts['line-items'] += Number(n?.n ?? 0);
  }
  for (const name of EXPORT_TABLE_NAMES) {
    if (counts[name] + 1 > SHEET_ROWS) throw new Error(`cannot write ${path}: sheet ${SHEET_NAMES[name]} would have ${counts[name]} rows, more than a worksheet holds (${SHEET_ROWS - 1} below the header); export csv, or choose fewer documents with the filters`);
  }
  const frames = skeleton(counts);
  const out = await openOutput(path);
  await writeAll([out], async () => {
    const zip = new ZipWriter(out);
    const styles = new Styles();
    for (const [k, name] of EXPORT_TABLE_NAMES.entries()) {
      const part = `xl/worksheets/sheet${k + 1}.xml`;
      const { head, tail } = sheetFrame(strFromU8(frames[part]), name, counts[name]);
      const file = zip.file(part);
      // the header row's cells take the first style (no format), as in the whole workbook
      await file.write(head);
      const columns = COLUMNS[name];
      const letters = columns.map((_c, i) => colName(i));
      let r = 1;
      const put = async (rows: Row[]) => {
        let xml = '';
        for (const row of rows) xml += rowXml(++r, columns, letters, row, styles);
        if (xml) await file.write(xml);
      };
      if (name === 'line-items') {
        for (const doc of plan.docs) {
          const d = { row: doc, statements: await loadStatements(db, doc.id) } as ReviewedDocument;
          for await (const batch of lineItemBatches(db, doc.id, batchSize)) await put(lineItemRows(d, batch));
        }
      } else {
        for await (const d of walkDocuments(db, plan)) await put(documentTables(d)[name]);
      }
      if (r - 1 !== counts[name]) throw new DatabaseChangedError(`the database changed during the export (${SHEET_NAMES[name]}: ${counts[name]} rows counted, ${r - 1} written); run it again`);
      await file.end(tail);
    }
    const parts = skeleton(counts, styles.formats);
    for (const [part, bytes] of Object.entries(parts)) {
      if (/^xl\/worksheets\/sheet\d+\.xml$/.test(part)) continue;
      const file = zip.file(part);
      await file.end(bytes);
    }
    await zip.end();
  });
  return counts;
}

/** fflate's streaming zip over an Output: each entry deflated as it is written, chunks passed on with backpressure. */
class ZipWriter {
  private pending: Uint8Array[] = [];
  private error: Error | null = null;
  private readonly zip: Zip;
  constructor(private readonly out: Output) {
    this.zip = new Zip((err, chunk) => {
      if (err) this.error = err;
      else this.pending.push(chunk);
    });
  }
  private async drain(): Promise<void> {
    if (this.error) throw this.error;
    const chunks = this.pending;
    this.pending = [];
    for (const c of chunks) await this.out.write(c);
  }
  file(name: string) {
    const entry = new ZipDeflate(name, { level: 6 });
    this.zip.add(entry);
    return {
      write: async (data: string | Uint8Array) => { entry.push(typeof data === 'string' ? strToU8(data) : data); await this.drain(); },
      end: async (data: string | Uint8Array = new Uint8Array(0)) => { entry.push(typeof data === 'string' ? strToU8(data) : data, true); await this.drain(); },
    };
  }
  async end(): Promise<void> {
    this.zip.end();
    await this.drain();
  }
}
