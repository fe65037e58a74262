// The rules on real published reports outside the development corpus (fixtures/real): budgets and a 决算 with their
// standard tables, a markdown 绩效评价报告. What these reports write correctly must not be flagged (行次/栏次 columns,
// merged cells, tables continued over pages, 总计 over 小计, outline-coded rows, fiscal-only tables beside whole-unit
// ones, the same amount in 元 and in 万元); the same tables with one total changed must be.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extract } from '../../pipeline/extract/index.ts';
import { buildContext, checkDocument } from '../../pipeline/check/index.ts';
import type { CheckContext } from '../../pipeline/check/types.ts';
import { tableTotal } from '../../pipeline/check/rules/table-total.ts';
import { figureParts, otherSpendingStated } from '../../pipeline/check/rules/figure-parts.ts';
import { figureValues } from '../../pipeline/check/rules/figure-values.ts';
import { figureScope } from '../../pipeline/check/rules/figure-common.ts';
import type { Figure } from '../../schemas/records.ts';
import { REAL, segmentedFile } from '../helpers.ts';

const FOSHAN = 'rw_2019年佛山市轨道交通局部门决算.pdf';
const YANTAI = 'rw_2026年烟台市审计局部门预算.pdf';
const JIANGSU = 'aeob_江苏省人大常委会2019年度部门预算公开.pdf';
const PUTUO = 'gbc_上海市普陀区人民政府办公室25年预算.pdf';
const HENAN = 'awr_2021-2024年省级职业技能竞赛经费项目绩效评价报告_河南_mineru.md';
const GUANGZHOU = 'rw_广州市生态环境局2026年部门整体预算绩效目标申报表.pdf';

const cache = new Map<string, Promise<CheckContext>>();
function real(name: string): Promise<CheckContext> {
  if (!cache.has(name)) {
    cache.set(name, (async () => {
      const path = join(REAL, name);
      const doc = await segmentedFile(path);
      return buildContext(doc, extract(doc));
    })());
  }
  return cache.get(name)!;
}

/** The context with one table cell changed: the `nth` cell reading `from` in the table whose title or cells hold `where`. */
function withCell(ctx: CheckContext, where: string, from: string, to: string, nth = 0): CheckContext {
  let seen = 0, done = false;
  const tables = ctx.tables.map((t) => {
    if (done || !((t.title ?? '').includes(where) || t.grid.some((r) => r.includes(where)))) return t;
    const change = (g: string[][]) => g.map((r) => r.map((c) => c));
    const grid = change(t.grid), spanned = change(t.spanned), rows = change(t.rows);
    for (let r = 0; r < grid.length && !done; r++) {
      for (let c = 0; c < grid[r].length && !done; c++) {
        if (grid[r][c] !== from || seen++ !== nth) continue;
        grid[r][c] = to; spanned[r][c] = to;
        const i = rows[r]?.indexOf(from) ?? -1;
        if (i >= 0) rows[r][i] = to;
        done = true;
      }
    }
    return { ...t, grid, spanned, rows };
  });
  if (!done) throw new Error(`no cell ${from} in a table with ${where}`);
  return { ...ctx, tables };
}

const figure = (ctx: CheckContext, key: Figure['key'], raw: string) => {
  const f = ctx.extraction.figures.find((x) => x.key === key && x.raw.includes(raw));
  if (!f) throw new Error(`no ${key} figure ${raw}`);
  return f;
};

describe('no flag on what the real reports write correctly', () => {
  it.each([FOSHAN, YANTAI, JIANGSU, PUTUO, HENAN, GUANGZHOU])('%s: the whole catalogue raises nothing', async (name) => {
    const ctx = await real(name);
    expect(checkDocument(ctx.doc, ctx.extraction).map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
  }, 60_000);
});

describe('arithmetic.table-total on real tables', () => {
  it('leaves out the 行次 column and the 栏次 row of a 决算 收入支出总表 (总计 26 is a row number, not 1 + 2 + … + 25)', async () => {
    const ctx = await real(FOSHAN);
    expect(tableTotal.check(ctx)).toEqual([]);
    const t = ctx.tables.find((x) => x.title === '收入支出决算总表')!;
    expect(t.grid.some((r) => r.includes('行次'))).toBe(true);
  }, 60_000);

  it('checks the 总计 of each half of a side-by-side 收入 | 支出 table against 本年合计 + 结转 rows', async () => {
    const ctx = await real(FOSHAN);
    // 支出 side: 本年支出合计 1668.14 + 结余分配 0.00 + 年末结转和结余 0.01 = 1668.15 ≈ 总计 1668.14 within rounding; 1670.14 is not
    const flags = tableTotal.check(withCell(ctx, '收入支出决算总表', '1668.14', '1670.14', 3));
    expect(flags).toHaveLength(1);
    expect(flags[0].message).toContain('1670.14');
    expect(flags[0].message).not.toContain('行次');
  }, 60_000);

  it('checks a 合计 standing over the rows below it at the top level of the subject codes (208 + 214 + 221, not 20805 or 2080505)', async () => {
    const ctx = await real(FOSHAN);
    const flags = tableTotal.check(withCell(ctx, '支出决算表', '746.39', '747.39'));
    expect(flags).toHaveLength(1);
    expect(flags[0].computed).toBeCloseTo(746.39, 2);
  }, 60_000);

  it('reads subject codes split over 类 | 款 | 项 columns (烟台 一般公共预算支出情况表) and flags a changed 合计', async () => {
    const ctx = await real(YANTAI);
    expect(tableTotal.check(ctx)).toEqual([]);
    const flags = tableTotal.check(withCell(ctx, '一般公共预算支出情况表', '2,776.75', '2,786.75'));
    expect(flags).toHaveLength(1);
    expect(flags[0].computed).toBeCloseTo(2776.75, 2);
  }, 60_000);

  it('reads 元 tables with merged 合计 cells over the code columns (普陀) and flags a changed 合计', async () => {
    const ctx = await real(PUTUO);
    expect(tableTotal.check(ctx)).toEqual([]);
    const flags = tableTotal.check(withCell(ctx, '2025年部门支出预算总表', '24,606,775.35', '24,606,776.35'));
    expect(flags).toHaveLength(1);
  }, 60_000);

  it('takes a 总计 over 小计 rows as the sum of the 小计 (markdown table with merged cells), shares summing to 100 and rates left out', async () => {
    const ctx = await real(HENAN);
    expect(tableTotal.check(ctx)).toEqual([]);
    const total = tableTotal.check(withCell(ctx, '13534.70', '13534.70', '13535.70'));
    expect(total).toHaveLength(1);
    expect(total[0].computed).toBeCloseTo(13534.7, 2); // 7455 + 1669.7 + 4410
    const sub = tableTotal.check(withCell(ctx, '7455.00', '7455.00', '7456.00'));
    expect(sub.some((f) => f.computed != null && Math.abs(f.computed - 7455) < 0.01)).toBe(true); // 605 + 1770 + 2185 + 2895
    const share = tableTotal.check(withCell(ctx, '7455.00', '8.12', '9.12'));
    expect(share).toHaveLength(1); // 资金占比 9.12 + 23.74 + 29.31 + 38.83 ≠ 100
  }, 60_000);

  it('joins a table continued in the next block (repeated header or none) and reads A1 over A101, A102 at one level', async () => {
    const ctx = await real(HENAN);
    // 2806 people: the rows of both parts of the 奖金 table (351 + 11 + … + 5)
    const people = tableTotal.check(withCell(ctx, '2806', '2806', '2836')); // whole numbers: ±0.5 a term
    expect(people).toHaveLength(1);
    expect(people[0].computed).toBe(2806);
    // 决策 15.00 / 10.40: A1 + A2 + A3 from the first part of the table, the 合计 in the second
    const score = tableTotal.check(withCell(ctx, 'A201绩效目标合理性', '10.40', '11.40'));
    expect(score).toHaveLength(1);
    expect(score[0].computed).toBeCloseTo(10.4, 2);
  }, 60_000);

  it('does not add a score sheet whose cells hold explanation text, nor a form whose 合计 also covers a section under other columns', async () => {
    const ctx = await real(HENAN);
    expect(tableTotal.check(withCell(ctx, '65.00', '65.00', '66.00')).filter((f) => f.stated === 66)).toEqual([]);
  }, 60_000);
});

describe('fiscal-only and whole-unit figures (arithmetic.figure-parts, conflict.figure-values)', () => {
  it('烟台: 人员支出 2536.91 + 日常公用支出 235.33 from the 一般公共预算 table are not the whole unit’s 基本支出 2776.85 (4.60 单位资金)', async () => {
    const ctx = await real(YANTAI);
    expect(figureScope(ctx, figure(ctx, 'expenditure.personnel', '2,536.91'))).toBe('fiscal');
    expect(figureScope(ctx, figure(ctx, 'expenditure.basic', '2,776.85'))).toBe('unit');
    expect(figureParts.check(ctx)).toEqual([]);
  }, 60_000);

  it('烟台: fiscal parts above the whole unit’s total are flagged', async () => {
    const ctx = await real(YANTAI);
    const figures = ctx.extraction.figures.map((f) => (f.key === 'expenditure.personnel' ? { ...f, valueYuan: 25_469_100, raw: f.raw.replace('2,536.91', '2,546.91') } : f));
    const changed = { ...withCell(ctx, '一般公共预算支出情况表', '2,536.91', '2,546.91'), extraction: { ...ctx.extraction, figures } };
    expect(figureScope(changed, figures.find((f) => f.key === 'expenditure.personnel')!)).toBe('fiscal');
    const flags = figureParts.check(changed);
    expect(flags).toHaveLength(1);
    expect(flags[0].message).toContain('2,776.85'); // 2546.91 + 235.33 = 2782.24 > 2776.85
  }, 60_000);

  it('佛山: 年末结转和结余 0.01 (whole unit) and 年末财政拨款结转和结余 0.00 are two quantities, not a conflict', async () => {
    const ctx = await real(FOSHAN);
    expect(figureValues.check(ctx)).toEqual([]);
    // the whole unit's figure stated again with another value is a conflict
    const f = figure(ctx, 'carryover.end', '年末结转和结余 0.01');
    const figures = [...ctx.extraction.figures, { ...f, valueYuan: 5000, raw: '年末结转和结余 0.50' }];
    expect(figureValues.check({ ...ctx, extraction: { ...ctx.extraction, figures } })).toHaveLength(1);
  }, 60_000);

  it('江苏: 支出合计 18330.37 = 基本 9312.9 + 项目 6459.58 + 预留机动经费 2557.89, so 基本 + 项目 alone need not equal it', async () => {
    const ctx = await real(JIANGSU);
    expect(otherSpendingStated(ctx)).toBe(true);
    expect(figureParts.check(ctx)).toEqual([]);
  }, 60_000);

  it('普陀: the same total in 元 (91,016,775.35) and 万元 (9,101.68) agrees to the precision written; a changed part is flagged', async () => {
    const ctx = await real(PUTUO);
    expect(figureValues.check(ctx)).toEqual([]);
    expect(figureParts.check(ctx)).toEqual([]);
    const figures = ctx.extraction.figures.map((f) => (f.key === 'expenditure.project' ? { ...f, valueYuan: f.valueYuan + 1_000_000 } : f));
    const flags = figureParts.check({ ...ctx, extraction: { ...ctx.extraction, figures } });
    expect(flags.length).toBeGreaterThanOrEqual(1);
    expect(flags[0].message).toContain('项目支出');
  }, 60_000);
});
