// Statements read from real published budgets and a 决算 of four regional layouts (fixtures/wild/docs), and
// their line items scored against hand-checked gold (fixtures/wild/gold): 广州 (万元, codes in brackets, tables
// continued over pages), 上海 单位预算 (元, codes split over 类|款|项, a 三公 table in 万元), 江苏 (公开NN表, one-row
// tables, a 三公、会议费、培训费 table) and a 上海 部门决算 (预算数/决算数 columns, a two-sided 经济分类 table).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { extract } from '../../pipeline/extract/index.ts';
import type { Extraction } from '../../schemas/records.ts';
import { FIXTURES, segmentedFile } from '../helpers.ts';
import { scoreLineItems } from './line-items.ts';

const DOCS = join(FIXTURES, 'wild', 'docs');
const GOLD = join(FIXTURES, 'wild', 'gold');
const golds = readdirSync(GOLD).map((f) => JSON.parse(readFileSync(join(GOLD, f), 'utf8'))).filter((g) => g.lineItems?.length);
const read = new Map<string, Extraction>();

beforeAll(async () => {
  for (const g of golds) {
    const path = join(DOCS, `${g.stem}.pdf`);
    read.set(g.stem, extract(await segmentedFile(path)));
  }
}, 300_000);

const of = (prefix: string) => read.get([...read.keys()].find((k) => k.includes(prefix))!)!;
const statement = (x: Extraction, kind: string) => x.statements.find((s) => s.kind === kind)!;
const item = (x: Extraction, q: Partial<Extraction['lineItems'][number]>) =>
  x.lineItems.filter((li) => Object.entries(q).every(([k, v]) => (li as Record<string, unknown>)[k] === v));

describe('line items against hand-checked gold', () => {
  it('has gold for four documents of four layouts', () => expect(golds.length).toBeGreaterThanOrEqual(4));

  it('finds ≥ 98% of gold line items with ≥ 98% precision over all of them, and ≥ 95% in each', () => {
    let found = 0, missed = 0, wrong = 0;
    for (const g of golds) {
      const s = scoreLineItems(read.get(g.stem)!.lineItems, g.lineItems, g.lineItemsComplete === true);
      expect(s.found / (s.found + s.missed), `${g.stem} recall`).toBeGreaterThanOrEqual(0.95);
      expect(s.found / Math.max(1, s.found + s.wrong), `${g.stem} precision`).toBeGreaterThanOrEqual(0.95);
      found += s.found; missed += s.missed; wrong += s.wrong;
    }
    expect(found / (found + missed)).toBeGreaterThanOrEqual(0.98);
    expect(found / (found + wrong)).toBeGreaterThanOrEqual(0.98);
  });
});

describe('statements of each regional layout', () => {
  it('广州: a 功能分类 table continued on the next page is one statement, nested by its bracketed codes', () => {
    const s = statement(of('广州市应急管理局'), 'general_by_function');
    expect(s.moneyUnit).toBe('万元');
    expect(s.pageEnd).toBeGreaterThan(s.source.page!);
    const code = (c: string) => s.rows.find((r) => r.code === c)!;
    expect(code('2240599').level).toBe(3);
    expect(s.rows[code('2240599').parent!].code).toBe('22405');
    expect(s.rows[code('22405').parent!].code).toBe('224');
    expect(s.columns.map((c) => c.measure)).toEqual(['total', 'basic', 'project']);
  });

  it('上海 单位预算: amounts in 元, codes joined from 类|款|项 cells, the 三公 table in its own 万元', () => {
    const x = of('上海市审计局');
    expect(statement(x, 'general_by_function').moneyUnit).toBe('元');
    expect(item(x, { statement: 'general_by_function', code: '2010801', measure: 'total' })[0].valueYuan).toBe(114_479_860);
    const tp = statement(x, 'three_public');
    expect(tp.moneyUnit).toBe('万元');
    expect(item(x, { statement: 'three_public', name: '因公出国(境)费' })[0].valueYuan).toBe(2_018_000);
  });

  it('江苏: a one-row 支出总表 is its 合计 row; a 三公、会议费、培训费 table keeps 三公 apart from its 合计', () => {
    const x = of('省人大办公厅2018');
    const total = item(x, { statement: 'expenditure', name: '合计', measure: 'basic' });
    expect(total.map((t) => t.valueYuan)).toEqual([78_777_600]);
    const tp = statement(x, 'three_public');
    expect(tp.number).toBe('公开09表');
    expect(tp.rows.find((r) => r.name === '“三公”经费')!.values).toEqual({ [tp.columns[0].index]: 8_336_000 });
    expect(tp.rows.map((r) => r.name)).toContain('会议费');
  });

  it('部门决算: 预算数 and 决算数 columns keep their phases; each side of a two-sided 经济分类 table keeps its codes', () => {
    const x = of('2024_年度部门决算');
    const reception = item(x, { statement: 'three_public', name: '公务接待费' });
    expect(Object.fromEntries(reception.map((r) => [r.phase, r.valueYuan]))).toEqual({ budget: 28_500, final: 3_900 });
    const codes = statement(x, 'general_basic_by_economic').rows.map((r) => r.code).filter(Boolean) as string[];
    expect(codes).toContain('30201');
    expect(codes.every((c) => c.length <= 5)).toBe(true);
  });

  it('a 目录 line that names a table is not a statement', () => {
    for (const x of read.values()) for (const s of x.statements) expect(s.rows.length > 0 || s.emptyNote != null, s.title).toBe(true);
  });
});

describe('headline figures from the statements', () => {
  const figure = (x: Extraction, key: string, phase: string) => x.figures.filter((f) => f.key === key && f.phase === phase).map((f) => f.valueYuan);

  it('the 支出总表 合计 row gives 支出合计, 基本支出 and 项目支出; the 三公 table its total and items (广州)', () => {
    const x = of('广州市应急管理局');
    expect(figure(x, 'expenditure.total', 'budget')).toContain(153_434_300);
    expect(figure(x, 'expenditure.basic', 'budget')).toContain(89_480_300);
    expect(figure(x, 'threePublic.total', 'budget')).toContain(517_500);
    expect(figure(x, 'threePublic.vehicleOps', 'budget')).toContain(447_500);
  });

  it('a 决算 gives each figure in the phase of its column (预算数 budget, 决算数 final)', () => {
    const x = of('2024_年度部门决算');
    expect(figure(x, 'threePublic.reception', 'budget')).toContain(28_500);
    expect(figure(x, 'threePublic.reception', 'final')).toContain(3_900);
    expect(figure(x, 'expenditure.total', 'final')).toContain(97_593_800);
  });

  it('a 三公、会议费、培训费 table gives the 三公 total, not its 合计 with 会议费 and 培训费 (江苏)', () => {
    const x = of('省人大办公厅2018');
    expect(figure(x, 'threePublic.total', 'budget')).toContain(8_336_000);
    expect(figure(x, 'threePublic.total', 'budget')).not.toContain(25_426_000);
  });
});
