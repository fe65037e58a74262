// The CSV export written document by document: the same files, byte for byte, as writeCsvFolder
// (csv.ts) writes from the in-memory tables. All seven files are open at once and each document's rows
// go to their file as they are built; line items in batches. A file appears under its name only when
// every file is complete (output.ts).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../store/types.ts';
import { csvHeaderLine, csvLine, type HeaderStyle } from './csv.ts';
import { openOutput, writeAll, ExportWriteError, type Output } from './output.ts';
import { COLUMNS, EXPORT_TABLE_NAMES, documentTables, lineItemRows, type Row, type TableName } from './tables.ts';
import { lineItemBatches, walkDocuments, type ExportPlan } from './walk.ts';

export interface CsvResult { paths: string[]; rows: Record<TableName, number> }

export async function writeCsvExport(db: Db, plan: ExportPlan, dir: string, headers: HeaderStyle = 'zh', batchSize?: number): Promise<CsvResult> {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new ExportWriteError(dir, e);
  }
  const paths = EXPORT_TABLE_NAMES.map((name) => join(dir, `${name}.csv`));
  const outs: Output[] = [];
  try {
    for (const p of paths) outs.push(await openOutput(p));
  } catch (e) {
    for (const o of outs) await o.abort();
    throw e;
  }
  const out = Object.fromEntries(EXPORT_TABLE_NAMES.map((name, i) => [name, outs[i]])) as Record<TableName, Output>;
  const rows = Object.fromEntries(EXPORT_TABLE_NAMES.map((name) => [name, 0])) as Record<TableName, number>;
  const put = async (name: TableName, list: Row[]) => {
    if (!list.length) return;
    await out[name].write(list.map((r) => csvLine(COLUMNS[name], r) + '\r\n').join(''));
    rows[name] += list.length;
  };
  await writeAll(outs, async () => {
    for (const name of EXPORT_TABLE_NAMES) await out[name].write('\uFEFF' + csvHeaderLine(COLUMNS[name], headers) + '\r\n');
    for await (const d of walkDocuments(db, plan)) {
      const own = documentTables(d);
      for (const name of EXPORT_TABLE_NAMES) if (name !== 'line-items') await put(name, own[name]);
      for await (const batch of lineItemBatches(db, d.row.id, batchSize)) await put('line-items', lineItemRows(d, batch));
    }
  });
  return { paths, rows };
}
