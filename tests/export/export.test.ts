import { describe, expect, it, beforeAll } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { openDatabase } from '../../pipeline/store/db.ts';
import { parseCsv, tableToCsv, decodeCsv } from '../../pipeline/export/csv.ts';
import type { Table } from '../../pipeline/export/tables.ts';
import { cli, corpusDatabase } from './setup.ts';

const XLSX = createRequire(import.meta.url)('xlsx') as typeof import('xlsx');

let env: Awaited<ReturnType<typeof corpusDatabase>>;
let csvDir: string;
const readCsv = (name: string) => parseCsv(decodeCsv(readFileSync(join(csvDir, name))));
const objects = (rows: string[][]) => rows.slice(1).map((r) => Object.fromEntries(rows[0].map((h, i) => [h, r[i] ?? ''])));

beforeAll(async () => {
  env = await corpusDatabase();
  // a figure stated twice (same document, key, phase, year, value) at another line: collapses to one row
  const db = openDatabase(env.path);
  db.prepare(`INSERT INTO figures (document_id, key, phase, value_yuan, year, label, raw, section, page, line, source)
    SELECT document_id, key, phase, value_yuan, year, label, raw || '（重复）', section, page, 9999, json_set(source, '$.line', 9999) FROM figures WHERE id = ?`).run(env.figureId);
  db.close();
  csvDir = join(env.dir, 'csv');
  const r = cli(['export', '--db', env.path, '--format', 'csv', '--out', csvDir]);
  expect(r.status, r.stderr).toBe(0);
});

describe('CSV export', () => {
  it('writes one UTF-8 file with BOM per table, CRLF, Chinese headers', () => {
    expect(readdirSync(csvDir).sort()).toEqual(['documents.csv', 'figures.csv', 'flags.csv', 'indicators.csv', 'line-items.csv', 'projects.csv', 'scores.csv']);
    const bytes = readFileSync(join(csvDir, 'figures.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('\r\n');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[^\r]\n(?=[^"]*$)/); // no bare LF outside quoted fields at the end
    const docs = objects(readCsv('documents.csv'));
    expect(docs).toHaveLength(5);
    expect(docs.map((d) => d['单位'])).toContain('南昌市西湖区医疗保障局');
    const head = readCsv('figures.csv')[0];
    for (const h of ['文件', '单位', '年度', '指标键', '阶段', '金额（元）', '原文', '章节', '行', '标记', '原值', '已更正为', '更正人', '更正时间', '记录键', 'SHA256', '更正值', '处理', '理由']) expect(head).toContain(h);
  });

  it('quotes per RFC 4180 and defuses spreadsheet formulas', () => {
    const t: Table = { name: 'flags', sheet: 'x', columns: [{ key: 'a', zh: '甲', type: 'text' }, { key: 'b', zh: '乙', type: 'number' }], rows: [
      { a: '逗号,引号"和\n换行', b: -1.5 }, { a: '=1+2', b: null }, { a: '-12.5', b: 3 }, { a: '-(x)', b: 0 },
    ] };
    const csv = tableToCsv(t);
    expect(csv).toBe('\uFEFF甲,乙\r\n"逗号,引号""和\n换行",-1.5\r\n\'=1+2,\r\n-12.5,3\r\n\'-(x),0\r\n');
    expect(parseCsv(csv)).toEqual([['甲', '乙'], ['逗号,引号"和\n换行', '-1.5'], ["'=1+2", ''], ['-12.5', '3'], ["'-(x)", '0']]);
  });

  it('collapses duplicate figures, keeps yuan, links rows to their source and flags', () => {
    const figs = objects(readCsv('figures.csv'));
    const mine = figs.filter((f) => f['编号'] === String(env.figureId));
    expect(mine).toHaveLength(1);
    expect(mine[0]['出现次数']).toBe('2');
    expect(mine[0]['其他出处']).toContain('9999');
    expect(mine[0]['文件']).toMatch(/^xihu-2022/);
    expect(Number(mine[0]['行'])).toBeGreaterThan(0);
    expect(mine[0]['标记'].split(';')).toContain(String(env.flagIds[0]));
    expect(Number(mine[0]['金额（元）'])).toBeGreaterThan(100000); // 万元 converted to yuan
    const dupKeys = new Set<string>();
    for (const f of figs) {
      const k = [f['文件'], f['指标键'], f['阶段'], f['所属年度'], f['金额（元）']].join('|');
      expect(dupKeys.has(k), k).toBe(false);
      dupKeys.add(k);
    }
    const inds = objects(readCsv('indicators.csv'));
    const ind = inds.find((i) => i['编号'] === String(env.indicatorId))!;
    expect(ind['标记'].split(';')).toContain(String(env.flagIds[1]));
    const flags = objects(readCsv('flags.csv'));
    const f0 = flags.find((f) => f['编号'] === String(env.flagIds[0]))!;
    expect(f0['关联记录']).toContain(`figures ${env.figureId}`);
    expect(f0['状态']).toBe('open');
    expect(f0['标记键']).toMatch(/^test\.figure-conflict\|[0-9a-f]{16}$/);
  });

  it('splits comparators, targets and units out of indicator rows', () => {
    const inds = objects(readCsv('indicators.csv'));
    const withTarget = inds.filter((i) => i['目标值'] !== '' && i['指标性质'] !== '');
    expect(withTarget.length).toBeGreaterThan(5);
    for (const i of withTarget) {
      expect(['>', '>=', '=', '<=', '<', 'qualitative']).toContain(i['指标性质']);
      expect(Number.isFinite(Number(i['目标值']))).toBe(true);
    }
  });

  it('headers en gives snake_case keys', () => {
    const dir = join(env.dir, 'csv-en');
    expect(cli(['export', '--db', env.path, '--format', 'csv', '--out', dir, '--headers', 'en']).status).toBe(0);
    const head = parseCsv(decodeCsv(readFileSync(join(dir, 'figures.csv'))))[0];
    expect(head.slice(0, 6)).toEqual(['id', 'file', 'unit', 'year', 'key', 'key_zh']);
  });

  it('filters by unit, year and flagged', () => {
    const dir = join(env.dir, 'csv-xihu');
    expect(cli(['export', '--db', env.path, '--format', 'csv', '--out', dir, '--unit', '西湖', '--year', '2022']).status).toBe(0);
    const docs = parseCsv(decodeCsv(readFileSync(join(dir, 'documents.csv'))));
    expect(docs).toHaveLength(2);
  });
});

describe('XLSX export', () => {
  it('one sheet per table, Chinese headers, frozen header row, numbers with formats', () => {
    const out = join(env.dir, 'county.xlsx');
    const r = cli(['export', '--db', env.path, '--format', 'xlsx', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const bytes = readFileSync(out);
    const wb = XLSX.read(bytes, { type: 'buffer', cellNF: true });
    expect(wb.SheetNames).toEqual(['报告', '金额', '指标', '得分', '项目', '标记', '明细']);
    const ws = wb.Sheets['金额'];
    const header = XLSX.utils.sheet_to_json<string[]>(ws, { header: 1 })[0];
    expect(header).toContain('金额（元）');
    const col = header.indexOf('金额（元）');
    const cell = ws[XLSX.utils.encode_cell({ r: 1, c: col })];
    expect(cell.t).toBe('n');
    expect(cell.z).toBe('#,##0.00');
    const scores = wb.Sheets['得分'];
    const sh = XLSX.utils.sheet_to_json<string[]>(scores, { header: 1 })[0];
    const sc = scores[XLSX.utils.encode_cell({ r: 1, c: sh.indexOf('得分') })];
    if (sc) expect(sc.z).toBe('0.00');
    const proj = wb.Sheets['项目'];
    const ph = XLSX.utils.sheet_to_json<string[]>(proj, { header: 1 })[0];
    const rates = XLSX.utils.sheet_to_json<any[]>(proj, { header: 1 }).slice(1).map((_r, i) => proj[XLSX.utils.encode_cell({ r: i + 1, c: ph.indexOf('执行率') })]).filter(Boolean);
    for (const rc of rates) expect(rc.z).toBe('0.00"%"');
    const files = unzipSync(bytes);
    for (let i = 1; i <= 7; i++) expect(strFromU8(files[`xl/worksheets/sheet${i}.xml`])).toContain('state="frozen"');
  });
});

describe('JSON export', () => {
  it('keeps the scorer shape and adds ids, links and review fields', () => {
    const out = join(env.dir, 'export.json');
    expect(cli(['export', '--db', env.path, '--format', 'json', '--out', out]).status).toBe(0);
    const j = JSON.parse(readFileSync(out, 'utf8'));
    const d = j.documents.find((x: any) => x.file.startsWith('xihu'));
    for (const k of ['file', 'unit', 'year', 'reportType', 'figures', 'indicators', 'scores', 'projects', 'flags']) expect(d).toHaveProperty(k);
    const f = d.figures.find((x: any) => x.id === env.figureId);
    expect(f).toMatchObject({ key: 'expenditure.basic', phase: expect.any(String), valueYuan: expect.any(Number), raw: expect.any(String) });
    expect(f.flagIds).toContain(env.flagIds[0]);
    expect(f.recordKey).toMatch(/^expenditure\.basic\|/);
    const flag = d.flags.find((x: any) => x.id === env.flagIds[0]);
    expect(flag).toMatchObject({ category: 'conflict', status: 'open', review: null });
    expect(flag.rows).toContainEqual({ kind: 'figure', id: env.figureId });
  });

  it('refuses an unknown format with a usage error', () => {
    const r = cli(['export', '--db', env.path, '--format', 'ods', '--out', join(env.dir, 'x')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown export format');
  });
});
