// Line items out of the database: a real budget (广州市应急管理局 2026 部门预算, 万元 tables) and a report
// without statements (西湖 self-evaluation) imported through the CLI, then exported as JSON, CSV and XLSX.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { decodeCsv, parseCsv } from '../../pipeline/export/csv.ts';
import { corpusFile, FIXTURES, tempDir } from '../helpers.ts';
import { cli } from './setup.ts';

const XLSX = createRequire(import.meta.url)('xlsx') as typeof import('xlsx');
const GUANGZHOU = 'calinchow-del_2026年广州市应急管理局部门预算_9a1eb357.pdf';

let dir: string;
let db: string;
let json: any;
const csvObjects = (path: string) => {
  const rows = parseCsv(decodeCsv(readFileSync(path)));
  return { header: rows[0], rows: rows.slice(1).map((r) => Object.fromEntries(rows[0].map((h, i) => [h, r[i] ?? '']))) };
};
const storedCount = () => {
  const d = new Database(db, { readonly: true });
  const n = (d.prepare('SELECT count(*) n FROM line_items').get() as { n: number }).n;
  d.close();
  return n;
};

beforeAll(() => {
  dir = tempDir('jixiao-line-items-');
  db = join(dir, 'j.sqlite');
  const r = cli(['import', join(FIXTURES, 'wild/docs', GUANGZHOU), corpusFile('txt', 'xihu-2022-dept-self-eval'), '--db', db, '--quiet', '--jobs', '0']);
  expect(r.status, r.stderr).toBe(0);
  const out = join(dir, 'export.json');
  expect(cli(['export', '--db', db, '--format', 'json', '--out', out]).status).toBe(0);
  json = JSON.parse(readFileSync(out, 'utf8'));
}, 180_000);

const budget = () => json.documents.find((d: any) => d.file === GUANGZHOU);

describe('JSON export of line items', () => {
  it('carries every stored line item in the scorer shape with its provenance, and the document scope', () => {
    const doc = budget();
    expect(doc).toHaveProperty('scope');
    expect(doc.consolidates).toEqual(expect.any(Array));
    expect(doc.lineItems.length).toBe(storedCount());
    for (const li of doc.lineItems) {
      for (const k of ['statement', 'code', 'name', 'level', 'entity', 'measure', 'phase', 'valueYuan', 'page', 'raw', 'statementTitle', 'row', 'column']) expect(li).toHaveProperty(k);
    }
    // 表5 一般公共预算支出情况表（按功能分类科目）, page 13: [2240101]行政运行 小计 3,900.62 (万元)
    const admin = doc.lineItems.find((li: any) => li.statement === 'general_by_function' && li.code === '2240101' && li.measure === 'total' && li.phase === 'budget');
    expect(admin).toMatchObject({ name: '行政运行', level: 3, valueYuan: 39006200, raw: '3,900.62', page: 13, moneyUnit: '万元' });
    expect(admin.statementTitle).toContain('一般公共预算支出情况表');
    const other = json.documents.find((d: any) => d.file.startsWith('xihu-2022'));
    expect(other.lineItems).toEqual([]);
  });
});

describe('line-items.csv', () => {
  it('round-trips the JSON line items: source file, unit, year, page, the cell as printed, yuan', () => {
    const out = join(dir, 'csv');
    expect(cli(['export', '--db', db, '--format', 'csv', '--out', out]).status).toBe(0);
    const { header, rows } = csvObjects(join(out, 'line-items.csv'));
    for (const h of ['文件', '单位', '年度', '表类', '表名', '科目编码', '科目名称', '级次', '所属单位', '口径', '阶段', '金额（元）', '原表单位', '原文', '页']) expect(header).toContain(h);
    const items = budget().lineItems;
    expect(rows).toHaveLength(items.length);
    const byId = new Map(rows.map((r) => [Number(r['编号']), r]));
    for (const li of items) {
      const r = byId.get(li.id)!;
      expect({
        statement: r['表类'], statementTitle: r['表名'], code: r['科目编码'] || null, name: r['科目名称'],
        level: r['级次'] === '' ? null : Number(r['级次']), entity: r['所属单位'] || null, measure: r['口径'], phase: r['阶段'],
        valueYuan: Number(r['金额（元）']), moneyUnit: r['原表单位'], raw: r['原文'], row: Number(r['表内行']), column: Number(r['表内列']),
        page: r['页'] === '' ? null : Number(r['页']),
      }).toEqual({
        statement: li.statement, statementTitle: li.statementTitle, code: li.code, name: li.name, level: li.level, entity: li.entity,
        measure: li.measure, phase: li.phase, valueYuan: li.valueYuan, moneyUnit: li.moneyUnit, raw: li.raw, row: li.row, column: li.column, page: li.page,
      });
      expect(r).toMatchObject({ 文件: GUANGZHOU, 单位: budget().unit, 年度: '2026', 所属年度: String(li.year ?? 2026) });
    }
  });

  it('--headers en gives snake_case keys', () => {
    const out = join(dir, 'csv-en');
    expect(cli(['export', '--db', db, '--format', 'csv', '--out', out, '--headers', 'en']).status).toBe(0);
    const { header } = csvObjects(join(out, 'line-items.csv'));
    expect(header).toEqual(expect.arrayContaining(['file', 'unit', 'year', 'statement', 'code', 'name', 'level', 'entity', 'measure', 'phase', 'value_yuan', 'raw', 'page']));
  });

  it('the document filters choose the line items too', () => {
    const out = join(dir, 'csv-xihu');
    expect(cli(['export', '--db', db, '--format', 'csv', '--out', out, '--unit', '西湖']).status).toBe(0);
    expect(csvObjects(join(out, 'line-items.csv')).rows).toEqual([]);
    const gz = join(dir, 'csv-2026');
    expect(cli(['export', '--db', db, '--format', 'csv', '--out', gz, '--year', '2026']).status).toBe(0);
    expect(csvObjects(join(gz, 'line-items.csv')).rows).toHaveLength(storedCount());
  });
});

describe('XLSX 明细 sheet', () => {
  it('holds the line items, money as numbers in yuan', () => {
    const out = join(dir, 'j.xlsx');
    expect(cli(['export', '--db', db, '--format', 'xlsx', '--out', out]).status).toBe(0);
    const wb = XLSX.read(readFileSync(out), { type: 'buffer', cellNF: true });
    expect(wb.SheetNames).toContain('明细');
    const ws = wb.Sheets['明细'];
    const aoa = XLSX.utils.sheet_to_json<any[]>(ws, { header: 1 });
    const header = aoa[0] as string[];
    expect(aoa.length - 1).toBe(storedCount());
    const at = (name: string) => header.indexOf(name);
    const admin = aoa.findIndex((r) => r[at('表类')] === 'general_by_function' && r[at('科目编码')] === '2240101' && r[at('口径')] === 'total');
    expect(admin).toBeGreaterThan(0);
    const cell = ws[XLSX.utils.encode_cell({ r: admin, c: at('金额（元）') })];
    expect(cell).toMatchObject({ t: 'n', v: 39006200, z: '#,##0.00' });
    expect(aoa[admin][at('原文')]).toBe('3,900.62');
  });
});
