// Statements and line items in both stores: written with the rest of the document, read back unchanged, and a
// database written by the version-1 schema (fixtures/store/schema-v1.sql, the schema text as it was before
// statements) upgraded in place.
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, SCHEMA_VERSION } from '../../pipeline/store/db.ts';
import { openSqlite } from '../../pipeline/store/sqlite.ts';
import type { Db } from '../../pipeline/store/types.ts';
import { importPaths } from '../../pipeline/ingest/index.ts';
import { processFile } from '../../pipeline/ingest/document.ts';
import { listDocuments, loadExtraction } from '../../pipeline/store/read.ts';
import type { Extraction } from '../../schemas/records.ts';
import { corpusFile, FIXTURES, tempDir } from '../helpers.ts';
import { openFresh, STORES } from '../stores.ts';

const GUANGZHOU = join(FIXTURES, 'wild/docs/calinchow-del_2026年广州市应急管理局部门预算_9a1eb357.pdf');
const V1_SCHEMA = readFileSync(join(FIXTURES, 'store/schema-v1.sql'), 'utf8');

const columnsOf = (db: Database.Database, table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name);
const tablesOf = (db: Database.Database) => (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((t) => t.name);
const versionOf = (db: Database.Database) => (db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string }).value;

/** A database as jixiao wrote it before statements: the version-1 schema text, holding one real report and its figures. */
async function versionOneDatabase(): Promise<{ path: string; file: string; figures: number }> {
  const path = join(tempDir('jixiao-v1-'), 'v1.sqlite');
  const source = corpusFile('txt', 'xihu-2022-dept-self-eval');
  const { doc, extraction } = await processFile(source, new Uint8Array(readFileSync(source)));
  const db = new Database(path);
  db.exec(V1_SCHEMA);
  db.prepare("INSERT INTO meta (key, value) VALUES ('schema_version', '1')").run();
  const { meta } = extraction;
  const id = Number(db.prepare(`INSERT INTO documents (sha256, file, path, format, pages, unit, region, year, report_type, title, imported_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(doc.sha256, doc.file, doc.path, doc.format, doc.pages ?? null, meta.unit, meta.region, meta.year,
    meta.reportType, meta.title, '2026-01-01T00:00:00.000Z').lastInsertRowid);
  const figure = db.prepare(`INSERT INTO figures (document_id, key, phase, value_yuan, year, label, raw, section, page, line, source)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  for (const f of extraction.figures) figure.run(id, f.key, f.phase, f.valueYuan, f.year, f.label, f.raw, f.section, f.source.page ?? null, f.source.line ?? null, JSON.stringify(f.source));
  db.close();
  return { path, file: doc.file, figures: extraction.figures.length };
}

describe('schema version 1 upgraded in place', () => {
  it('adds scope and consolidates to documents and the statement tables, keeping every stored row', async () => {
    const v1 = await versionOneDatabase();
    const raw = openDatabase(v1.path);
    expect(versionOf(raw)).toBe(SCHEMA_VERSION);
    expect(columnsOf(raw, 'documents')).toEqual(expect.arrayContaining(['scope', 'consolidates']));
    expect(tablesOf(raw)).toEqual(expect.arrayContaining(['statements', 'line_items']));
    // version 3: the boxes of values on their page, empty for rows stored before
    for (const t of ['figures', 'indicators', 'scores', 'projects', 'line_items']) expect(columnsOf(raw, t), t).toContain('box');
    expect((raw.prepare('SELECT count(*) AS n FROM figures WHERE box IS NOT NULL').get() as { n: number }).n).toBe(0);
    raw.close();
    const db = openSqlite(v1.path);
    const [row] = await listDocuments(db);
    expect(row.file).toBe(v1.file);
    const restored = await loadExtraction(db, row);
    expect(restored.meta).toMatchObject({ unit: '南昌市西湖区医疗保障局', scope: null, consolidates: [] });
    expect(restored.figures).toHaveLength(v1.figures);
    expect(restored.statements).toEqual([]);
    expect(restored.lineItems).toEqual([]);
    // the upgraded database takes a new document with its statements
    const summary = await importPaths(db, [GUANGZHOU]);
    expect(summary).toMatchObject({ imported: 1, failed: 0 });
    await db.close();
  });

  it('a read-only open (export) upgrades it too', async () => {
    const v1 = await versionOneDatabase();
    const raw = openDatabase(v1.path, { readonly: true });
    expect(versionOf(raw)).toBe(SCHEMA_VERSION);
    raw.close();
    const db = openSqlite(v1.path, { readonly: true });
    expect((await loadExtraction(db, (await listDocuments(db))[0])).lineItems).toEqual([]);
    await db.close();
  });

  it('an upgrade that cannot finish leaves the database as it was', async () => {
    const v1 = await versionOneDatabase();
    // a table of the new name but another shape: the new index on it fails after the columns were added
    const raw = new Database(v1.path);
    raw.exec('CREATE TABLE line_items (id INTEGER PRIMARY KEY, note TEXT)');
    raw.close();
    expect(() => openDatabase(v1.path)).toThrow(/v1\.sqlite: not a jixiao database or cannot be opened/);
    const after = new Database(v1.path);
    expect(versionOf(after)).toBe('1');
    expect(columnsOf(after, 'documents')).not.toContain('scope');
    expect(tablesOf(after)).not.toContain('statements');
    after.close();
  });

  it('refuses a database from a newer jixiao, unchanged', () => {
    const path = join(tempDir(), 'v9.sqlite');
    openDatabase(path).close();
    const raw = new Database(path);
    raw.prepare("UPDATE meta SET value = '9' WHERE key = 'schema_version'").run();
    raw.close();
    expect(() => openDatabase(path)).toThrow(/schema version 9, this jixiao writes 3/);
    const after = new Database(path);
    expect(versionOf(after)).toBe('9');
    after.close();
  });
});

describe.each(STORES)('statements and line items of a real budget (广州市应急管理局 2026 部门预算), $name store', (kind) => {
  let processed: Extraction;
  let db: Db;

  beforeAll(async () => {
    processed = (await processFile(GUANGZHOU, new Uint8Array(readFileSync(GUANGZHOU)))).extraction;
    ({ db } = await openFresh(kind));
    expect(await importPaths(db, [GUANGZHOU])).toMatchObject({ imported: 1, failed: 0 });
  }, 120_000);

  it('reads back exactly what the pipeline extracted: meta with scope and consolidated units, statements, line items', async () => {
    const restored = await loadExtraction(db, (await listDocuments(db))[0]);
    expect(restored).toEqual(processed);
  });

  it('stores each line item under the statement it was read from, queryable by subject, measure and phase', async () => {
    expect(processed.lineItems.length).toBeGreaterThan(100);
    const count = await db.get('SELECT count(*) AS n, sum(CASE WHEN statement_ord IS NULL THEN 1 ELSE 0 END) AS unplaced FROM line_items');
    expect(count).toEqual({ n: processed.lineItems.length, unplaced: 0 });
    const mismatched = await db.get<{ n: number }>(`SELECT count(*) AS n FROM line_items l JOIN statements s ON s.document_id = l.document_id AND s.ord = l.statement_ord
      WHERE s.kind <> l.statement OR s.title <> l.statement_title`);
    expect(mismatched!.n).toBe(0);
    // 表5 一般公共预算支出情况表（按功能分类科目）, page 13: [2240101]行政运行 3,900.62 and [2240501]行政运行 434.97 万元
    const admin = await db.all(`SELECT code, value_yuan, raw, page, money_unit FROM line_items
      WHERE statement = 'general_by_function' AND name = '行政运行' AND measure = 'total' AND phase = 'budget' ORDER BY code`);
    expect(admin).toEqual([
      { code: '2240101', value_yuan: 39006200, raw: '3,900.62', page: 13, money_unit: '万元' },
      { code: '2240501', value_yuan: 4349700, raw: '434.97', page: 13, money_unit: '万元' },
    ]);
  });

  afterAll(() => db.close());
});
