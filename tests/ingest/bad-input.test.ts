// Every kind of bad input a county batch meets, each a real file: it fails alone, with its path and
// a clear reason, and the database keeps exactly what it had.
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { zipSync } from 'fflate';
import { openSqlite } from '../../pipeline/store/sqlite.ts';
import type { Db } from '../../pipeline/store/types.ts';
import { importPaths, type FileOutcome } from '../../pipeline/ingest/index.ts';
import { corpusFile, FIXTURES, REAL, tempDir } from '../helpers.ts';

const BAD = join(FIXTURES, 'bad');
const TABLES = ['documents', 'sections', 'blocks', 'figures', 'indicators', 'scores', 'projects', 'messages', 'flags'];
const snapshot = async (db: Db) => Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, (await db.get<{ n: number }>(`SELECT count(*) AS n FROM ${t}`))!.n])));

let dir: string;
let db: Db;
let before: Record<string, number>;
let outcomes: Map<string, FileOutcome>;
const failure = (name: string) => {
  const o = outcomes.get(join(dir, name)) ?? outcomes.get(name);
  return o?.status === 'failed' ? o.reason : `not failed: ${o?.status}`;
};

beforeAll(async () => {
  dir = tempDir('jixiao-bad-');
  db = openSqlite(join(dir, 'county.sqlite'));
  await importPaths(db, [corpusFile('txt', 'xuwen-2023-dept-self-eval')], { jobs: 0 });
  before = await snapshot(db);

  const xuwenText = readFileSync(corpusFile('txt', 'xuwen-2023-dept-self-eval'), 'utf8');
  writeFileSync(join(dir, 'empty.pdf'), '');
  copyFileSync(join(BAD, 'truncated.pdf'), join(dir, 'truncated.pdf'));
  copyFileSync(join(BAD, 'corrupt.pdf'), join(dir, 'corrupt.pdf'));
  copyFileSync(join(BAD, 'encrypted-user-password.pdf'), join(dir, 'encrypted.pdf'));
  copyFileSync(join(REAL, 'rw_2022年度长沙市市场监督管理局项目支出绩效评价结果_扫描.pdf'), join(dir, 'scan.pdf'));
  copyFileSync(join(BAD, 'image.png'), join(dir, 'photo.docx'));
  copyFileSync(join(BAD, 'english-notes.txt'), join(dir, 'notes.txt'));
  // a DOCX whose document.xml inflates far beyond any real report: a zip bomb
  writeFileSync(join(dir, 'bomb.docx'), zipSync({
    '[Content_Types].xml': new TextEncoder().encode('<?xml version="1.0"?><Types/>'),
    'word/document.xml': new Uint8Array(400 * 1024 * 1024),
  }, { level: 9 }));
  // a huge table: 60 000 rows of 10 cells
  const row = Array.from({ length: 10 }, (_, i) => `支出${i}`).join('\t');
  writeFileSync(join(dir, 'huge-table.txt'), `部门决算支出明细表\n${Array.from({ length: 60_000 }, () => row).join('\n')}\n`);
  // a file that vanishes between listing and reading
  writeFileSync(join(dir, 'vanishing.txt'), xuwenText);

  const summary = await importPaths(db, [dir], {
    jobs: 1,
    // OCR off: the scan stands for a PDF with nothing to read (OCR itself is tested in tests/ocr)
    limits: { maxCells: 500_000, ocrPageSeconds: 0 },
    onStart: () => rmSync(join(dir, 'vanishing.txt')),
  });
  outcomes = new Map(summary.outcomes.map((o) => [o.path, o]));
}, 180_000);

describe('bad input never stops the batch and never leaves partial rows', () => {
  it('reports an empty file', () => expect(failure('empty.pdf')).toBe('the file is empty'));
  it('reports a truncated PDF', () => expect(failure('truncated.pdf')).toMatch(/damaged or truncated PDF/));
  it('reports a corrupt PDF', () => expect(failure('corrupt.pdf')).toMatch(/damaged or truncated PDF/));
  it('reports an encrypted PDF', () => expect(failure('encrypted.pdf')).toMatch(/encrypted PDF that needs a password/));
  it('reports a scan with no text layer by name', () => expect(failure('scan.pdf')).toMatch(/scanned PDF with no text layer \(6 pages\) and OCR turned off \(--no-ocr\)/));
  it('reports a file whose extension lies and that is nothing it can read', () => expect(failure('photo.docx')).toBe('not a PDF, DOCX, XLSX, DOC, XLS or text file'));
  it('reports a file that is no report at all', () => expect(failure('notes.txt')).toMatch(/not a report/));
  it('reports a DOCX zip bomb without inflating it', () => expect(failure('bomb.docx')).toMatch(/too large|uncompressed/i));
  it('reports a huge table over the cell limit', () => expect(failure('huge-table.txt')).toMatch(/600000 table cells, more than the limit of 500000/));
  it('reports a file that vanished mid-run', () => expect(failure('vanishing.txt')).toBe('vanished before it could be read'));
  it('leaves the database as it was', async () => {
    expect([...outcomes.values()].filter((o) => o.status === 'imported' || o.status === 'skipped')).toEqual([]);
    expect(await snapshot(db)).toEqual(before);
    expect(await db.get('PRAGMA integrity_check')).toEqual({ integrity_check: 'ok' });
  });
});

describe('text in the encodings Chinese publishing uses', () => {
  it.each([
    ['gb18030', (s: string) => iconv.encode(s, 'gb18030')],
    ['utf-16le with BOM', (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')])],
    ['utf-16be with BOM', (s: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(s, 'utf-16be')])],
  ])('imports %s text like its UTF-8 original', async (_name, encode) => {
    const d = tempDir('jixiao-enc-');
    const path = join(d, 'report.txt');
    writeFileSync(path, encode(readFileSync(corpusFile('txt', 'xihu-2022-dept-self-eval'), 'utf8')));
    const one = openSqlite(join(d, 'one.sqlite'));
    const summary = await importPaths(one, [path], { jobs: 0 });
    expect(summary.imported).toBe(1);
    expect(await one.get('SELECT unit, year FROM documents')).toEqual({ unit: '南昌市西湖区医疗保障局', year: 2022 });
    await one.close();
  });
});
