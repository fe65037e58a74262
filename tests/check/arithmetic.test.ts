// Arithmetic rules on real corpus text and on records built from real lines.
import { describe, expect, it } from 'vitest';
import { classItems } from '../../pipeline/check/rules/class-items.ts';
import { figureParts } from '../../pipeline/check/rules/figure-parts.ts';
import { formula } from '../../pipeline/check/rules/formula.ts';
import { buildContext } from '../../pipeline/check/index.ts';
import { corpusDoc, ctxOf, emptyExtraction, figureAt } from './helpers.ts';

describe('arithmetic.class-items', () => {
  it('flags 卫生健康支出 2212.80万元 whose 项 lines sum to 560.28万元 (emeishan)', () => {
    const flags = classItems.check(ctxOf('emeishan-2023-final-accounts'));
    expect(flags).toHaveLength(1);
    expect(flags[0].message).toContain('2212.80');
    expect(flags[0].message).toContain('560.28');
    expect(flags[0].tolerance).toBeGreaterThan(0);
  });
  it('does not flag 社会保障和就业: its items sum to 2017.51 against 2017.52, a rounding difference', () => {
    const flags = classItems.check(ctxOf('emeishan-2023-final-accounts'));
    expect(flags.some((f) => f.message.includes('社会保障'))).toBe(false);
  });
});

describe('arithmetic.figure-parts', () => {
  const doc = corpusDoc('xuwen-2023-dept-self-eval');
  const figures = [
    figureAt(doc, '实际项目支出金额为33064.87万元', 'expenditure.project', 'final', 33064.87),
    figureAt(doc, '实际支出33064.87万元', 'expenditure.total', 'final', 33064.87),
    figureAt(doc, '决算支出为4.4万元', 'expenditure.public', 'final', 4.4),
  ];
  it('flags 项目支出 33064.87 + 公用经费 4.4 over 总支出 33064.87 (xuwen)', () => {
    const flags = figureParts.check(buildContext(doc, emptyExtraction(doc, { figures })));
    expect(flags).toHaveLength(1);
    expect(flags[0].message).toContain('33064.87');
    expect(flags[0].evidence.map((e) => e.text).join()).toContain('4.4万元');
  });
  it('does not flag 基本支出 379.64 + 项目支出 174.84 = 554.48 (xihu), nor a total one cent off', () => {
    const x = corpusDoc('xihu-2022-dept-self-eval');
    const fs = [
      figureAt(x, '决算支出554.48万元', 'expenditure.total', 'final', 554.48),
      figureAt(x, '基本支出379.64万元', 'expenditure.basic', 'final', 379.64),
      figureAt(x, '项目支出174.84万元', 'expenditure.project', 'final', 174.84),
    ];
    expect(figureParts.check(buildContext(x, emptyExtraction(x, { figures: fs })))).toEqual([]);
    const off = [{ ...fs[0], valueYuan: 5544900 }, fs[1], fs[2]]; // 554.49: within 0.005 × 3 terms
    expect(figureParts.check(buildContext(x, emptyExtraction(x, { figures: off })))).toEqual([]);
    const wrong = [{ ...fs[0], valueYuan: 5564800 }, fs[1], fs[2]]; // 556.48: two 万元 off
    expect(figureParts.check(buildContext(x, emptyExtraction(x, { figures: wrong })))).toHaveLength(1);
  });
  it('does not add figures of different years', () => {
    const fs = figures.map((f, i) => (i === 2 ? { ...f, year: 2022 } : f));
    expect(figureParts.check(buildContext(doc, emptyExtraction(doc, { figures: fs })))).toEqual([]);
  });
});

describe('ratio.formula (written-out calculations)', () => {
  it('finds nothing wrong in the verification report’s formulas (72.96%, 17.96%, 4.20, 100%)', () => {
    expect(formula.check(ctxOf('suixi-2022-verification'))).toEqual([]);
    expect(formula.check(ctxOf('xihu-2022-dept-self-eval'))).toEqual([]);
  });
  it('flags a formula whose result was changed', () => {
    const ctx = ctxOf('xihu-2022-dept-self-eval');
    const s = ctx.sentences.find((x) => x.text.includes('58.93%'))!;
    const bad = { ...ctx, sentences: [{ ...s, text: s.text.replace('58.93%', '59.93%') }] };
    const flags = formula.check(bad);
    expect(flags).toHaveLength(1);
    expect(flags[0].category).toBe('ratio');
    expect(flags[0].computed).toBeCloseTo(58.93, 1);
  });
});

describe('arithmetic.table-total', async () => {
  const { tableTotal } = await import('../../pipeline/check/rules/table-total.ts');
  it('accepts the 固定资产利用情况表 合计 (596000 + 411639 + 114540.48 = 1122179.48; 其中 rows left out) and the 综合评价结果表 合计 75.06', () => {
    expect(tableTotal.check(ctxOf('xuwen-2023-dept-self-eval'))).toEqual([]);
    expect(tableTotal.check(ctxOf('suixi-2022-verification'))).toEqual([]);
  });
  it('flags a 合计 changed by one yuan', () => {
    const ctx = ctxOf('xuwen-2023-dept-self-eval');
    const bump = (g: string[][]) => g.map((r) => r.map((c) => (c === '1122179.48' ? '1122180.48' : c)));
    const tables = ctx.tables.map((t) => ({ ...t, rows: bump(t.rows), grid: bump(t.grid), spanned: bump(t.spanned) }));
    const flags = tableTotal.check({ ...ctx, tables });
    expect(flags.length).toBeGreaterThanOrEqual(1);
    expect(flags[0].message).toContain('1122180.48');
  });
});
