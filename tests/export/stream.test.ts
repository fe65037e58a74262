// The streaming exports against the in-memory exporters, on both stores: a real set imported through the
// CLI (the txt corpus, a real budget PDF with line items, and a second report under the same file name as
// another), with flags written on top that link across documents (evidence naming another file, and a
// file name two documents share), an analyst correction, a flag decision and an orphaned correction.
// JSON, JSONL, every CSV file and every part of the XLSX package must come out byte for byte the same;
// line items are read in batches of 7 so batch edges fall inside documents.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, appendFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../pipeline/store/open.ts';
import type { Db } from '../../pipeline/store/types.ts';
import { replaceFlags } from '../../pipeline/store/write.ts';
import { upsertCorrection, upsertFlagReview } from '../../pipeline/store/corrections.ts';
import { loadDataset } from '../../pipeline/export/dataset.ts';
import { exportJson, exportJsonl } from '../../pipeline/export/json.ts';
import { loadTables } from '../../pipeline/export/tables.ts';
import { tableToCsv } from '../../pipeline/export/csv.ts';
import { tablesToXlsx } from '../../pipeline/export/xlsx.ts';
import { planExport, planOrphans } from '../../pipeline/export/walk.ts';
import { openOutput, writeAll } from '../../pipeline/export/output.ts';
import { writeJson, type JsonStyle } from '../../pipeline/export/stream-json.ts';
import { writeCsvExport } from '../../pipeline/export/stream-csv.ts';
import { writeXlsxExport } from '../../pipeline/export/stream-xlsx.ts';
import type { DocumentFilter } from '../../pipeline/store/read.ts';
import type { Flag } from '../../schemas/records.ts';
import { CORPUS, FIXTURES, corpusFile, tempDir } from '../helpers.ts';
import { STORES } from '../stores.ts';
import { addTestFlags, cli } from './setup.ts';

const XLSX = createRequire(import.meta.url)('xlsx') as typeof import('xlsx');
const GUANGZHOU = join(FIXTURES, 'wild/docs', 'calinchow-del_2026年广州市应急管理局部门预算_9a1eb357.pdf');
const BATCH = 7;

/** The set of documents and review state the tests export (see the head of this file). */
async function buildSet(spec: string, dir: string): Promise<void> {
  // the same report name in another folder, one line longer: another document under the same file name
  const copy = join(dir, 'again');
  mkdirSync(copy);
  copyFileSync(corpusFile('txt', 'xihu-2022-dept-self-eval'), join(copy, 'xihu-2022-dept-self-eval.txt'));
  appendFileSync(join(copy, 'xihu-2022-dept-self-eval.txt'), '\n附：本报告另存一份。\n');
  const r = cli(['import', join(CORPUS, 'txt'), GUANGZHOU, copy, '--db', spec, '--quiet', '--jobs', '0']);
  expect(r.status, r.stderr).toBe(0);

  const db = await openStore(spec);
  try {
    const { flagIds } = await addTestFlags(db);
    const doc = (file: string) => db.get<{ id: number; file: string; sha256: string }>('SELECT id, file, sha256 FROM documents WHERE file LIKE ? ORDER BY id', [`${file}%`]);
    const wuchuan = (await doc('wuchuan'))!;
    const guangzhou = (await doc('calinchow'))!;
    const xihuCopy = (await db.get<{ id: number; file: string }>("SELECT id, file FROM documents WHERE file LIKE 'xihu%' ORDER BY id DESC LIMIT 1"))!;
    const fig = (await db.get('SELECT * FROM figures WHERE document_id = ? ORDER BY id LIMIT 1', [wuchuan.id]))!;
    const xihuFig = (await db.get("SELECT f.* FROM figures f JOIN documents d ON d.id = f.document_id WHERE d.file LIKE 'xihu%' ORDER BY f.id LIMIT 1"))!;
    const ev = (file: string, r: any) => ({ text: r.raw, file, section: r.section, source: JSON.parse(r.source) });
    // a flag on the budget quoting a figure of another report (as the rules across reports write them)
    const across: Flag[] = [{ category: 'conflict', rule: 'test.across-files', severity: 'warning', message: '两份报告的金额不一致', formula: null,
      stated: fig.value_yuan, computed: null, tolerance: null, evidence: [ev(wuchuan.file, fig)] }];
    await replaceFlags(db, guangzhou.id, 'across', across);
    // a flag on the second xihu report whose evidence names no file: it reaches both documents of that name
    const shared: Flag[] = [{ category: 'conflict', rule: 'test.shared-name', severity: 'info', message: '同名报告', formula: null,
      stated: null, computed: null, tolerance: null, evidence: [{ ...ev('', xihuFig) }] }];
    await replaceFlags(db, xihuCopy.id, 'across', shared);

    const dataset = await loadDataset(db);
    const xihu = dataset.documents.find((d) => d.row.file.startsWith('xihu'))!;
    const corrected = xihu.figures[0];
    await upsertCorrection(db, { sha256: xihu.row.sha256, record: 'figure', record_key: corrected.key, field: 'value_yuan',
      value_original: corrected.row.value_yuan, value_corrected: 123456, reason: '核对原文', corrected_by: 'tester', corrected_at: '2026-01-02T03:04:05Z' });
    await upsertCorrection(db, { sha256: xihu.row.sha256, record: 'figure', record_key: 'no.such|record', field: 'value_yuan',
      value_original: 1, value_corrected: 2, reason: null, corrected_by: 'tester', corrected_at: '2026-01-02T03:04:06Z' });
    const flag = xihu.flags.find((f) => f.id === flagIds[0])!;
    await upsertFlagReview(db, { sha256: xihu.row.sha256, flag_key: flag.key, status: 'confirmed', reason: '属实', rule: flag.rule,
      message: flag.message, reviewed_by: 'tester', reviewed_at: '2026-01-02T03:04:07Z' });
  } finally {
    await db.close();
  }
}

async function streamedJson(db: Db, style: JsonStyle, path: string, filter: DocumentFilter = {}): Promise<string> {
  const plan = await planExport(db, filter);
  const out = await openOutput(path);
  await writeAll([out], () => writeJson(db, plan, out, style, BATCH));
  return readFileSync(path, 'utf8');
}

const sheetRows = (bytes: Uint8Array) => {
  const wb = XLSX.read(bytes, { type: 'buffer', cellNF: true });
  return Object.fromEntries(wb.SheetNames.map((n) => {
    const ws = wb.Sheets[n];
    const cells = Object.keys(ws).filter((k) => !k.startsWith('!')).map((k) => [k, ws[k].t, ws[k].v, ws[k].z ?? null]);
    return [n, { rows: XLSX.utils.sheet_to_json(ws, { header: 1 }), cells, ref: ws['!ref'], filter: ws['!autofilter'] }];
  }));
};

describe.each(STORES)('streaming exports on the $name store', (kind) => {
  let spec: string;
  let dir: string;
  let db: Db;

  beforeAll(async () => {
    spec = await kind.fresh();
    dir = tempDir('jixiao-stream-');
    await buildSet(spec, dir);
    db = await openStore(spec, { readonly: true });
  }, 240_000);
  afterAll(async () => { await db?.close(); });

  it('the set links flags across documents, so the per-set state is exercised', async () => {
    const { documents, orphans } = await loadDataset(db);
    const docOf = new Map(documents.flatMap((d) => [...d.figures, ...d.indicators, ...d.scores, ...d.projects].map((r) => [`${r.kind}:${r.id}`, d.row.id])));
    const crossLinks = documents.flatMap((d) => d.flags.flatMap((f) => f.links.filter((l) => docOf.get(`${l.kind}:${l.id}`) !== d.row.id)));
    expect(crossLinks.length).toBeGreaterThanOrEqual(2);
    expect(new Set(documents.map((d) => d.row.file)).size).toBeLessThan(documents.length);
    expect(documents.some((d) => d.lineItems.length > BATCH * 3)).toBe(true);
    expect(orphans).toHaveLength(1);
  });

  it('JSON and JSONL: the same bytes as the in-memory export, whole set and filtered', async () => {
    expect(await streamedJson(db, 'json', join(dir, 'x.json'))).toBe(await exportJson(db));
    expect(await streamedJson(db, 'jsonl', join(dir, 'x.jsonl'))).toBe(await exportJsonl(db));
    for (const filter of [{ unit: '西湖' }, { flaggedOnly: true }, { year: 1999 }] as DocumentFilter[]) {
      expect(await streamedJson(db, 'json', join(dir, 'f.json'), filter)).toBe(await exportJson(db, filter));
      expect(await streamedJson(db, 'jsonl', join(dir, 'f.jsonl'), filter)).toBe(await exportJsonl(db, filter));
    }
  });

  it('CSV: every file the same bytes, both header styles, and the same orphans', async () => {
    const { tables, dataset } = await loadTables(db);
    for (const headers of ['zh', 'en'] as const) {
      const plan = await planExport(db);
      const out = join(dir, `csv-${headers}`);
      const { paths, rows } = await writeCsvExport(db, plan, out, headers, BATCH);
      expect(paths).toHaveLength(tables.length);
      for (const t of tables) {
        expect(readFileSync(join(out, `${t.name}.csv`), 'utf8'), t.name).toBe(tableToCsv(t, headers));
        expect(rows[t.name]).toBe(t.rows.length);
      }
      expect(readdirSync(out).sort()).toEqual(tables.map((t) => `${t.name}.csv`).sort());
      expect(planOrphans(plan)).toEqual(dataset.orphans);
    }
  });

  it('XLSX: every part of the package the same bytes, and SheetJS reads the same cells', async () => {
    const { tables } = await loadTables(db);
    const before = tablesToXlsx(tables);
    const path = join(dir, 'x.xlsx');
    const plan = await planExport(db);
    const counts = await writeXlsxExport(db, plan, path, BATCH);
    for (const t of tables) expect(counts[t.name]).toBe(t.rows.length);
    const after = readFileSync(path);
    const [a, b] = [unzipSync(before), unzipSync(after)];
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    for (const part of Object.keys(a)) expect(Buffer.from(b[part]).equals(Buffer.from(a[part])), part).toBe(true);
    expect(sheetRows(after)).toEqual(sheetRows(before));
  });

  it('filtered XLSX and CSV match the in-memory tables of the same filter', async () => {
    const filter: DocumentFilter = { unit: '医疗保障' };
    const { tables } = await loadTables(db, filter);
    const path = join(dir, 'f.xlsx');
    await writeXlsxExport(db, await planExport(db, filter), path, BATCH);
    const [a, b] = [unzipSync(tablesToXlsx(tables)), unzipSync(readFileSync(path))];
    for (const part of Object.keys(a)) expect(Buffer.from(b[part]).equals(Buffer.from(a[part])), part).toBe(true);
    const out = join(dir, 'csv-f');
    await writeCsvExport(db, await planExport(db, filter), out, 'zh', BATCH);
    for (const t of tables) expect(readFileSync(join(out, `${t.name}.csv`), 'utf8'), t.name).toBe(tableToCsv(t));
  });

  it('the CLI writes the streamed JSON to standard output as to a file', () => {
    const file = join(dir, 'cli.json');
    expect(cli(['export', '--db', spec, '--format', 'json', '--out', file]).status).toBe(0);
    const r = cli(['export', '--db', spec, '--format', 'json', '--out', '-']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(readFileSync(file, 'utf8'));
  });
});

describe('export write failures', () => {
  let db: string;
  beforeAll(() => {
    const dir = tempDir('jixiao-stream-fail-');
    db = join(dir, 'j.sqlite');
    const r = cli(['import', corpusFile('txt', 'xihu-2022-dept-self-eval'), '--db', db, '--quiet', '--jobs', '0']);
    expect(r.status, r.stderr).toBe(0);
  }, 120_000);

  it('--out in a missing folder fails naming the path, for every file format', () => {
    const missing = join(tempDir('jixiao-stream-miss-'), 'no', 'such');
    for (const format of ['json', 'jsonl', 'xlsx']) {
      const out = join(missing, `x.${format}`);
      const r = cli(['export', '--db', db, '--format', format, '--out', out]);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`cannot write ${out}`);
      expect(r.stderr).toContain('does not exist');
      expect(existsSync(out)).toBe(false);
    }
  });

  it('a CSV folder that cannot be made fails naming it', () => {
    const dir = tempDir('jixiao-stream-csv-');
    const file = join(dir, 'taken');
    appendFileSync(file, 'not a folder');
    const r = cli(['export', '--db', db, '--format', 'csv', '--out', join(file, 'csv')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`cannot write ${join(file, 'csv')}`);
  });

  it('a failure part-way leaves neither the file nor its temporary behind, and an earlier export untouched', async () => {
    const dir = tempDir('jixiao-stream-part-');
    const path = join(dir, 'x.json');
    appendFileSync(path, 'the earlier export');
    const out = await openOutput(path);
    await expect(writeAll([out], async () => {
      await out.write('x'.repeat(200_000)); // past the buffer, so part of it is on disk
      throw new Error('database went away');
    })).rejects.toThrow('database went away');
    expect(readFileSync(path, 'utf8')).toBe('the earlier export');
    expect(readdirSync(dir)).toEqual(['x.json']);
  });
});
