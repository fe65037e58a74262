// Reports as counties send them: zip archives made on Chinese Windows (GBK names, no UTF-8 flag),
// folders unpacked from them (names on disk that are GBK bytes), and the files that travel with
// reports but are none (JSON, images). Every archive and file is made here as Windows makes it;
// each is stored or refused by its name, and what is refused leaves the database as it was.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { zipSync } from 'fflate';
import { openSqlite } from '../../pipeline/store/sqlite.ts';
import type { Db } from '../../pipeline/store/types.ts';
import { importPaths, type FileOutcome, type ImportSummary } from '../../pipeline/ingest/index.ts';
import { exportJson } from '../../pipeline/export/json.ts';
import { decodeZipName } from '../../pipeline/ingest/sources/names.ts';
import { corpusFile, tempDir } from '../helpers.ts';
import { makeOverlappingZip, makeZip } from './windows-zip.ts';

const BIN = new URL('../../bin/jixiao.mjs', import.meta.url).pathname;
const XUWEN = readFileSync(corpusFile('txt', 'xuwen-2023-dept-self-eval'));
const XIHU = readFileSync(corpusFile('txt', 'xihu-2022-dept-self-eval'));
const WUCHUAN = readFileSync(corpusFile('txt', 'wuchuan-2025-dept-self-eval'));
const EMEISHAN = readFileSync(corpusFile('txt', 'emeishan-2023-final-accounts'));
/** JSON that mentions budgets: without the skip it would pass the report guard's vocabulary test. */
const BUDGET_JSON = Buffer.from(JSON.stringify({ 说明: '2023年部门预算绩效自评数据，'.repeat(40), 支出: [1, 2, 3] }));
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

const byPath = (s: ImportSummary) => new Map<string, FileOutcome>(s.outcomes.map((o) => [o.path, o]));
/** Outcomes by path: files left out are reported while listing, before the imports finish. */
const statuses = (s: ImportSummary) => s.outcomes.map((o) => [o.path, o.status]).sort((a, b) => (a[0] < b[0] ? -1 : 1));
const stored = (db: Db) => db.all<{ file: string; path: string; unit: string }>('SELECT file, path, unit FROM documents ORDER BY path');

describe('a zip made on Chinese Windows', () => {
  let dir: string, db: Db, summary: ImportSummary, outcomes: Map<string, FileOutcome>;
  beforeAll(async () => {
    dir = tempDir('jixiao-zip-');
    const inner = makeZip([
      { name: '西湖区/南昌市西湖区医疗保障局2022年度部门整体支出绩效自评报告.txt', data: XIHU },
      { name: '更深.zip', data: makeZip([{ name: '报告.txt', data: WUCHUAN }]) },
    ]);
    writeFileSync(join(dir, '县级报告.zip'), makeZip([
      { name: '2023年/' },
      { name: '2023年/部门自评/' },
      { name: '2023年/部门自评/徐闻县2023年部门整体支出绩效自评报告.txt', data: XUWEN },
      { name: '2023年/部门自评/附件数据.json', data: BUDGET_JSON },
      { name: '2023年/照片.jpg', data: PNG, method: 0 },
      { name: '西湖区报告.zip', data: inner },
      // what macOS adds to every zip it makes: left out silently, like hidden files in a folder
      { name: '__MACOSX/2023年/._徐闻县.txt', data: new Uint8Array(10) },
    ]));
    db = openSqlite(join(dir, 'county.sqlite'));
    summary = await importPaths(db, [join(dir, '县级报告.zip')], { jobs: 1 });
    outcomes = byPath(summary);
  }, 120_000);

  it('holds names that are GBK bytes with the UTF-8 flag clear, as Windows writes them', () => {
    const raw = iconv.encode('徐闻县', 'gbk');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(raw)).toThrow();
    expect(decodeZipName({ raw, utf8: false })).toBe('徐闻县');
    expect(decodeZipName({ raw: Buffer.from('徐闻县'), utf8: true })).toBe('徐闻县');
  });

  it('imports the reports in its folders under their decoded names, through the parsing workers', async () => {
    const zip = join(dir, '县级报告.zip');
    expect(outcomes.get(`${zip}/2023年/部门自评/徐闻县2023年部门整体支出绩效自评报告.txt`)?.status).toBe('imported');
    expect(outcomes.get(`${zip}/西湖区报告.zip/西湖区/南昌市西湖区医疗保障局2022年度部门整体支出绩效自评报告.txt`)?.status).toBe('imported');
    expect(await stored(db)).toEqual([
      { file: '徐闻县2023年部门整体支出绩效自评报告.txt', path: `${zip}/2023年/部门自评/徐闻县2023年部门整体支出绩效自评报告.txt`, unit: expect.stringContaining('徐闻县') },
      { file: '南昌市西湖区医疗保障局2022年度部门整体支出绩效自评报告.txt', path: `${zip}/西湖区报告.zip/西湖区/南昌市西湖区医疗保障局2022年度部门整体支出绩效自评报告.txt`, unit: '南昌市西湖区医疗保障局' },
    ]);
  });

  it('leaves out what is no report, each with one reason, and counts none as failed', () => {
    const zip = join(dir, '县级报告.zip');
    expect(outcomes.get(`${zip}/2023年/部门自评/附件数据.json`)).toEqual({ path: `${zip}/2023年/部门自评/附件数据.json`, status: 'ignored', reason: 'a data or web file (.json), not a report format' });
    expect(outcomes.get(`${zip}/2023年/照片.jpg`)).toMatchObject({ status: 'ignored', reason: 'an image (.jpg), not a report format' });
    expect(outcomes.get(`${zip}/西湖区报告.zip/更深.zip`)).toMatchObject({ status: 'ignored', reason: expect.stringMatching(/one level deep/) });
    expect([...outcomes.keys()].some((p) => p.includes('__MACOSX'))).toBe(false);
    expect(summary).toMatchObject({ total: 5, imported: 2, ignored: 3, failed: 0 });
  });

  it('skips the archive the second time: its reports are already stored', async () => {
    const again = await importPaths(db, [join(dir, '县级报告.zip')], { jobs: 0 });
    expect(again).toMatchObject({ imported: 0, skipped: 2, ignored: 3, failed: 0 });
  });

  it('reads UTF-8 names (bit 11 set) and UTF-8 names without the flag (macOS) alike', async () => {
    const d = tempDir('jixiao-zip-utf8-');
    writeFileSync(join(d, 'utf8.zip'), makeZip([{ name: '武川县/报告.txt', data: WUCHUAN, utf8: true }]));
    writeFileSync(join(d, 'mac.zip'), makeZip([{ name: '峨眉山市/决算.txt', data: EMEISHAN, utf8: true, noFlag: true }]));
    // fflate sets bit 11 too, and writes its own directory records
    writeFileSync(join(d, 'fflate.zip'), zipSync({ '西湖区/报告.txt': new Uint8Array(XIHU) }));
    const one = openSqlite(join(tempDir('jixiao-zip-utf8-db-'), 'one.sqlite'));
    const s = await importPaths(one, [d], { jobs: 0 });
    expect(statuses(s)).toEqual([
      [join(d, 'fflate.zip/西湖区/报告.txt'), 'imported'],
      [join(d, 'mac.zip/峨眉山市/决算.txt'), 'imported'],
      [join(d, 'utf8.zip/武川县/报告.txt'), 'imported'],
    ]);
    one.close();
  });
});

describe('a folder unpacked from a Windows zip: names on disk that are GBK bytes', () => {
  it('finds and reads each file by its bytes and stores it under the decoded name', async () => {
    const dir = tempDir('jixiao-gbk-');
    const root = Buffer.from(join(dir, 'unpacked'));
    const sub = Buffer.concat([root, Buffer.from('/'), iconv.encode('部门决算', 'gbk')]);
    mkdirSync(root);
    mkdirSync(sub);
    const slash = Buffer.from('/');
    writeFileSync(Buffer.concat([sub, slash, iconv.encode('徐闻县2023年自评报告.txt', 'gbk')]), XUWEN);
    writeFileSync(Buffer.concat([sub, slash, iconv.encode('数据.json', 'gbk')]), BUDGET_JSON);
    // the names really are not UTF-8: read as UTF-8 they come out broken
    expect(readdirSync(join(dir, 'unpacked'))[0]).toContain('\uFFFD');

    const db = openSqlite(join(dir, 'county.sqlite'));
    const s = await importPaths(db, [join(dir, 'unpacked')], { jobs: 0 });
    const file = join(dir, 'unpacked', '部门决算', '徐闻县2023年自评报告.txt');
    expect(statuses(s)).toEqual([
      [file, 'imported'],
      [join(dir, 'unpacked', '部门决算', '数据.json'), 'ignored'],
    ].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
    expect(await stored(db)).toEqual([{ file: '徐闻县2023年自评报告.txt', path: file, unit: expect.stringContaining('徐闻县') }]);
    await db.close();
  });
});

describe('a folder with files that are no reports', () => {
  it('imports the report and leaves out JSON and images with one line each, none a failure', async () => {
    const dir = tempDir('jixiao-mixed-');
    const db = openSqlite(join(tempDir('jixiao-mixed-db-'), 'county.sqlite'));
    writeFileSync(join(dir, 'report.txt'), XIHU);
    writeFileSync(join(dir, 'budget-data.json'), BUDGET_JSON);
    writeFileSync(join(dir, 'scan-0001'), PNG); // no extension: the bytes say image
    writeFileSync(join(dir, 'photo.docx'), PNG); // a name that promises a report: the parser fails it by name
    const s = await importPaths(db, [dir], { jobs: 0 });
    const o = byPath(s);
    expect(o.get(join(dir, 'report.txt'))?.status).toBe('imported');
    expect(o.get(join(dir, 'budget-data.json'))).toMatchObject({ status: 'ignored', reason: 'a data or web file (.json), not a report format' });
    expect(o.get(join(dir, 'scan-0001'))).toMatchObject({ status: 'ignored', reason: 'an image (PNG), not a report format' });
    expect(o.get(join(dir, 'photo.docx'))).toMatchObject({ status: 'failed', reason: 'not a PDF, DOCX, XLSX, DOC, XLS or text file' });
    expect(s).toMatchObject({ imported: 1, ignored: 2, failed: 1 });
    expect((await stored(db)).map((r) => r.file)).toEqual(['report.txt']);
    await db.close();
  });
});

describe('corrupt archives and zip bombs are refused by name and change nothing', () => {
  let dir: string, db: Db, before: string, outcomes: Map<string, FileOutcome>, summary: ImportSummary;
  const reason = (name: string) => {
    const o = outcomes.get(join(dir, 'bad', name));
    return o?.status === 'failed' ? o.reason : `not failed: ${o?.status}`;
  };
  beforeAll(async () => {
    dir = tempDir('jixiao-badzip-');
    db = openSqlite(join(dir, 'county.sqlite'));
    await importPaths(db, [corpusFile('txt', 'xuwen-2023-dept-self-eval'), corpusFile('txt', 'xihu-2022-dept-self-eval')], { jobs: 0 });
    before = await exportJson(db);
    const bad = join(dir, 'bad');
    mkdirSync(bad);
    const good = makeZip([{ name: '报告/武川县.txt', data: WUCHUAN }, { name: '报告/峨眉山市.txt', data: EMEISHAN }]);
    // cut off mid-way, as an interrupted download leaves it: no central directory
    writeFileSync(join(bad, '截断.zip'), good.subarray(0, Math.floor(good.length / 2)));
    writeFileSync(join(bad, 'not-a-zip.zip'), XUWEN);
    // one entry's compressed bytes damaged in transit: the other entries' names stay readable
    const damaged = makeZip([{ name: '损坏/武川县.txt', data: WUCHUAN }]);
    for (let i = 200; i < 260; i++) damaged[i] ^= 0x5a;
    writeFileSync(join(bad, '损坏.zip'), damaged);
    // a classic bomb: 64 MiB of zeros in 64 KiB compressed, refused from its directory alone
    writeFileSync(join(bad, 'bomb.zip'), makeZip([{ name: '报告.txt', data: new Uint8Array(64 * 1024 * 1024) }]));
    // a bomb that lies: its directory declares 4 KiB, its data inflates to 32 MiB
    writeFileSync(join(bad, 'liar.zip'), makeZip([{ name: '报告.txt', data: new Uint8Array(32 * 1024 * 1024), declaredSize: 4096 }]));
    // a bomb without nesting: thousands of entries sharing one compressed body
    writeFileSync(join(bad, 'overlap.zip'), makeOverlappingZip(15, new Uint8Array(XUWEN)));
    // more entries than the limit allows
    writeFileSync(join(bad, 'many.zip'), makeZip(Array.from({ length: 30 }, (_, i) => ({ name: `${i}.txt`, data: new Uint8Array(XIHU) }))));
    // plain data, no bomb, but more than the archive size limit declared in all
    const noise = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 2654435761) >>> 24);
    writeFileSync(join(bad, 'big.zip'), makeZip([{ name: 'a.txt', data: noise(700_000), method: 0 }, { name: 'b.txt', data: noise(700_000), method: 0 }]));
    summary = await importPaths(db, [bad], { jobs: 0, limits: { maxArchiveEntries: 20, maxArchiveMb: 1 } });
    outcomes = byPath(summary);
  }, 120_000);

  it('refuses a truncated zip by name', () => expect(reason('截断.zip')).toBe('not a readable zip archive: no end of central directory (damaged or truncated)'));
  it('refuses a .zip that is no zip by name', () => expect(reason('not-a-zip.zip')).toMatch(/^not a readable zip archive/));
  it('refuses a damaged entry by its name inside the archive', () => expect(reason('损坏.zip/损坏/武川县.txt')).toMatch(/does not inflate|CRC|declares/));
  it('refuses a zip bomb from its directory, before inflating it', () => expect(reason('bomb.zip')).toMatch(/^a zip bomb: one entry declares 64\.0 MiB from \d+ compressed bytes \(\d+:1, over the limit of 200:1/));
  it('stops inflating an entry that passes the size its archive declares', () => expect(reason('liar.zip/报告.txt')).toBe('inflates to more than the 4096 bytes the archive declares: a damaged archive or a zip bomb'));
  it('refuses entries that share compressed data', () => expect(reason('overlap.zip')).toBe('a zip bomb: its entries overlap (they share compressed data)'));
  it('refuses an archive with more entries than the limit', () => expect(reason('many.zip')).toBe('30 entries, more than the limit of 20 (--max-archive-entries): refused as a possible zip bomb'));
  it('refuses an archive that declares more than the size limit in all', () => expect(reason('big.zip')).toBe('declares 1.3 MiB uncompressed, more than the limit of 1 MiB per archive (--max-archive-mb)'));
  it('imports nothing from any of them and leaves the database as it was', async () => {
    expect(summary).toMatchObject({ imported: 0, skipped: 0, failed: 8, total: 8 });
    expect(await exportJson(db)).toBe(before);
    expect(await db.get('PRAGMA integrity_check')).toEqual({ integrity_check: 'ok' });
  });
});

describe('jixiao import on a Windows zip', () => {
  it('imports its reports, prints one line on stderr for each file left out, and exits 0', () => {
    const dir = tempDir('jixiao-zip-cli-');
    const zip = join(dir, '报告.zip');
    writeFileSync(zip, makeZip([{ name: '徐闻县/自评报告.txt', data: XUWEN }, { name: '徐闻县/数据.json', data: BUDGET_JSON }]));
    const r = spawnSync(process.execPath, [BIN, 'import', zip, '--db', join(dir, 'county.sqlite'), '--jobs', '0'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr.trim().split('\n')).toEqual([`[1/2] left out ${zip}/徐闻县/数据.json: a data or web file (.json), not a report format`]);
    expect(r.stdout).toMatch(/\[2\/2\] imported .*报告\.zip\/徐闻县\/自评报告\.txt/);
    expect(r.stdout).toContain('1 imported, 0 skipped (already imported), 0 failed, 1 left out (not reports)');
  }, 60_000);
});
