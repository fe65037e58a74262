import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../pipeline/store/open.ts';
import type { Db } from '../../pipeline/store/types.ts';
import { importPaths } from '../../pipeline/ingest/index.ts';
import { listDocuments, loadExtraction, loadSegmented } from '../../pipeline/store/read.ts';
import { exportDocuments } from '../../pipeline/export/json.ts';
import { replaceFlags } from '../../pipeline/store/write.ts';
import { corpusFile, segmentedText, tempDir } from '../helpers.ts';
import { openFresh, STORES } from '../stores.ts';

const count = async (db: Db, table: string) => (await db.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))!.n;
const TABLES = ['documents', 'sections', 'blocks', 'figures', 'indicators', 'scores', 'projects', 'messages'];
const snapshot = async (db: Db) => Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await count(db, t)])));

describe.each(STORES)('$name store', (kind) => {
  it('stores a document with its sections and blocks, and reads the same model back', async () => {
    const { db } = await openFresh(kind);
    const summary = await importPaths(db, [corpusFile('txt', 'xuwen-2023-dept-self-eval')]);
    expect(summary).toMatchObject({ imported: 1, skipped: 0, failed: 0 });
    const [row] = await listDocuments(db);
    expect(row).toMatchObject({ file: 'xuwen-2023-dept-self-eval.txt', unit: '徐闻县医疗保障局', year: 2023, report_type: 'dept_self_eval', format: 'txt' });
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
    const original = segmentedText('xuwen-2023-dept-self-eval');
    const restored = await loadSegmented(db, row);
    expect(restored.blocks).toEqual(original.blocks);
    expect(restored.sections.map((s) => s.path)).toEqual(original.sections.map((s) => s.path));
    expect(restored.blockSection).toEqual(original.blockSection);
    await db.close();
  });

  it('importing the same bytes again duplicates nothing, even under another name', async () => {
    const dir = tempDir();
    const { db } = await openFresh(kind);
    await importPaths(db, [join(corpusFile('txt', 'xihu-2022-dept-self-eval'))]);
    const before = await snapshot(db);
    const renamed = join(dir, 'copy-of-xihu.txt');
    copyFileSync(corpusFile('txt', 'xihu-2022-dept-self-eval'), renamed);
    const again = await importPaths(db, [corpusFile('txt', 'xihu-2022-dept-self-eval'), renamed]);
    expect(again).toMatchObject({ imported: 0, skipped: 2, failed: 0 });
    expect(await snapshot(db)).toEqual(before);
    await db.close();
  });

  it('a bad file fails with its path and reason, and leaves what is stored untouched', async () => {
    const dir = tempDir();
    const { db } = await openFresh(kind);
    await importPaths(db, [corpusFile('txt', 'xuwen-2023-dept-self-eval')]);
    const before = await snapshot(db);
    const empty = join(dir, 'empty.pdf');
    writeFileSync(empty, '');
    const binary = join(dir, 'noise.docx');
    writeFileSync(binary, Buffer.from([0x00, 0x01, 0x02, 0x03, 0xff, 0xfe, 0x00, 0x07, 0x08]));
    const summary = await importPaths(db, [empty, binary, join(dir, 'missing.txt')]);
    expect(summary.failed).toBe(3);
    expect(summary.outcomes.map((o) => (o.status === 'failed' ? `${o.path}: ${o.reason}` : '')).sort()).toEqual([
      `${empty}: the file is empty`,
      `${join(dir, 'missing.txt')}: no such file or folder`,
      `${binary}: not a PDF, DOCX, XLSX, DOC, XLS or text file`,
    ].sort());
    expect(await snapshot(db)).toEqual(before);
    await db.close();
  });

  it('replacing flags is idempotent', async () => {
    const { db } = await openFresh(kind);
    await importPaths(db, [corpusFile('txt', 'xuwen-2023-dept-self-eval')]);
    const [row] = await listDocuments(db);
    const flag = {
      category: 'entity' as const, rule: 'test/rule', severity: 'warning' as const, message: '报告自称徐闻县统计局', formula: null,
      stated: null, computed: null, tolerance: null,
      evidence: [{ text: '成立徐闻县统计局绩效评价小组', file: row.file, section: '二、自评工作情况', source: { file: row.file, line: 39 } }],
    };
    await replaceFlags(db, row.id, 'document', [flag]);
    await replaceFlags(db, row.id, 'document', [flag]);
    expect(await count(db, 'flags')).toBe(1);
    expect((await exportDocuments(db))[0].flags[0]).toMatchObject({ category: 'entity', evidence: [{ text: '成立徐闻县统计局绩效评价小组' }] });
    await db.close();
  });

  it('round-trips every record type unchanged', async () => {
    const { db } = await openFresh(kind);
    const { processFile } = await import('../../pipeline/ingest/document.ts');
    const path = corpusFile('txt', 'emeishan-2023-final-accounts');
    const processed = await processFile(path, new Uint8Array(readFileSync(path)));
    await importPaths(db, [path]);
    const restored = await loadExtraction(db, (await listDocuments(db))[0]);
    expect(restored).toEqual(processed.extraction);
    await db.close();
  });

});

describe('opening a store', () => {
  it('refuses a file that is not a jixiao database, naming it', async () => {
    const dir = tempDir();
    const file = join(dir, 'not-a-db.sqlite');
    writeFileSync(file, 'hello, I am text');
    await expect(openStore(file)).rejects.toThrow(/not-a-db\.sqlite: not a jixiao database/);
  });

  it('refuses a PostgreSQL server it cannot reach, naming it without the password', async () => {
    await expect(openStore('postgres://someone:secret@127.0.0.1:1/nothing')).rejects.toThrow(/postgres:\/\/someone:\*\*\*@127\.0\.0\.1:1\/nothing: not a jixiao database or cannot be opened/);
  });
});
