import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../pipeline/store/db.ts';
import { importPaths } from '../../pipeline/ingest/index.ts';
import { listDocuments, loadExtraction, loadSegmented } from '../../pipeline/store/read.ts';
import { exportDocuments } from '../../pipeline/export/json.ts';
import { replaceFlags } from '../../pipeline/store/write.ts';
import { corpusFile, segmentedText, tempDir } from '../helpers.ts';

const count = (db: ReturnType<typeof openDatabase>, table: string) => (db.prepare(`SELECT count(*) n FROM ${table}`).get() as { n: number }).n;
const TABLES = ['documents', 'sections', 'blocks', 'figures', 'indicators', 'scores', 'projects', 'messages'];
const snapshot = (db: ReturnType<typeof openDatabase>) => Object.fromEntries(TABLES.map((t) => [t, count(db, t)]));

describe('SQLite store', () => {
  it('stores a document with its sections and blocks, and reads the same model back', async () => {
    const dir = tempDir();
    const db = openDatabase(join(dir, 'j.sqlite'));
    const summary = await importPaths(db, [corpusFile('txt', 'xuwen-2023-dept-self-eval')]);
    expect(summary).toMatchObject({ imported: 1, skipped: 0, failed: 0 });
    const [row] = listDocuments(db);
    expect(row).toMatchObject({ file: 'xuwen-2023-dept-self-eval.txt', unit: '徐闻县医疗保障局', year: 2023, report_type: 'dept_self_eval', format: 'txt' });
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
    const original = segmentedText('xuwen-2023-dept-self-eval');
    const restored = loadSegmented(db, row);
    expect(restored.blocks).toEqual(original.blocks);
    expect(restored.sections.map((s) => s.path)).toEqual(original.sections.map((s) => s.path));
    expect(restored.blockSection).toEqual(original.blockSection);
    db.close();
  });

  it('importing the same bytes again duplicates nothing, even under another name', async () => {
    const dir = tempDir();
    const db = openDatabase(join(dir, 'j.sqlite'));
    await importPaths(db, [join(corpusFile('txt', 'xihu-2022-dept-self-eval'))]);
    const before = snapshot(db);
    const renamed = join(dir, 'copy-of-xihu.txt');
    copyFileSync(corpusFile('txt', 'xihu-2022-dept-self-eval'), renamed);
    const again = await importPaths(db, [corpusFile('txt', 'xihu-2022-dept-self-eval'), renamed]);
    expect(again).toMatchObject({ imported: 0, skipped: 2, failed: 0 });
    expect(snapshot(db)).toEqual(before);
    db.close();
  });

  it('a bad file fails with its path and reason, and leaves what is stored untouched', async () => {
    const dir = tempDir();
    const db = openDatabase(join(dir, 'j.sqlite'));
    await importPaths(db, [corpusFile('txt', 'xuwen-2023-dept-self-eval')]);
    const before = snapshot(db);
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
    expect(snapshot(db)).toEqual(before);
    db.close();
  });

  it('replacing flags is idempotent', async () => {
    const dir = tempDir();
    const db = openDatabase(join(dir, 'j.sqlite'));
    await importPaths(db, [corpusFile('txt', 'xuwen-2023-dept-self-eval')]);
    const [row] = listDocuments(db);
    const flag = {
      category: 'entity' as const, rule: 'test/rule', severity: 'warning' as const, message: '报告自称徐闻县统计局', formula: null,
      stated: null, computed: null, tolerance: null,
      evidence: [{ text: '成立徐闻县统计局绩效评价小组', file: row.file, section: '二、自评工作情况', source: { file: row.file, line: 39 } }],
    };
    replaceFlags(db, row.id, 'document', [flag]);
    replaceFlags(db, row.id, 'document', [flag]);
    expect(count(db, 'flags')).toBe(1);
    expect(exportDocuments(db)[0].flags[0]).toMatchObject({ category: 'entity', evidence: [{ text: '成立徐闻县统计局绩效评价小组' }] });
    db.close();
  });

  it('round-trips every record type through SQLite unchanged', async () => {
    const dir = tempDir();
    const db = openDatabase(join(dir, 'j.sqlite'));
    const { processFile } = await import('../../pipeline/ingest/document.ts');
    const path = corpusFile('txt', 'emeishan-2023-final-accounts');
    const processed = await processFile(path, new Uint8Array(readFileSync(path)));
    await importPaths(db, [path]);
    const restored = loadExtraction(db, listDocuments(db)[0]);
    expect(restored).toEqual(processed.extraction);
    db.close();
  });

  it('refuses a file that is not a jixiao database, naming it', () => {
    const dir = tempDir();
    const file = join(dir, 'not-a-db.sqlite');
    writeFileSync(file, 'hello, I am text');
    expect(() => openDatabase(file)).toThrow(/not-a-db\.sqlite: not a jixiao database/);
  });
});
