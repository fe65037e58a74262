// Ratio rules: rates and shares stated in prose, against the numbers beside them.
import { describe, expect, it } from 'vitest';
import { proseRate } from '../../pipeline/check/rules/prose-rate.ts';
import { proseShare } from '../../pipeline/check/rules/prose-share.ts';
import { proseGrowth } from '../../pipeline/check/rules/prose-growth.ts';
import { staffControl } from '../../pipeline/check/rules/staff-control.ts';
import { projectRate } from '../../pipeline/check/rules/project-prose.ts';
import type { CheckContext } from '../../pipeline/check/types.ts';
import { readNumbers } from '../../pipeline/check/sentences.ts';
import { corpusDoc, ctxOf, projectAt } from './helpers.ts';

const only = (ctx: CheckContext, snippet: string, replace?: [string, string]) => ({
  ...ctx,
  sentences: ctx.sentences.filter((s) => s.block === ctx.sentences.find((x) => x.text.includes(snippet))!.block)
    .map((s) => { const text = replace ? s.text.replace(...replace) : s.text; return { ...s, text, nums: readNumbers(text) }; }),
});

describe('ratio.prose-rate', () => {
  it('flags 预算执行率为4.8% where 执行0.63 of 全年预算数0.63 is 100% (emeishan)', () => {
    const flags = proseRate.check(ctxOf('emeishan-2023-final-accounts'));
    expect(flags).toHaveLength(1);
    expect(flags[0].message).toContain('4.8%');
    expect(flags[0].computed).toBeCloseTo(100);
    expect(flags[0].tolerance).toBeGreaterThan(0);
  });
  it('does not flag 完成预算的99.72% (4265.40 / 4277.40 = 99.7195%: rounding), nor 控制率为0% of a 0元 spend', () => {
    expect(proseRate.check(ctxOf('xuwen-2023-dept-self-eval'))).toEqual([]);
    const ctx = ctxOf('emeishan-2023-final-accounts');
    expect(proseRate.check(only(ctx, '完成预算的99.72%'))).toEqual([]);
  });
});

describe('ratio.prose-share', () => {
  it('flags 基本支出预算365.32万元 占总支出的65% (365.32/556.87 = 65.60%) (wuchuan)', () => {
    const flags = proseShare.check(ctxOf('wuchuan-2025-dept-self-eval'));
    expect(flags).toHaveLength(1);
    expect(flags[0].message).toContain('65%');
    expect(flags[0].computed).toBeCloseTo(65.6, 1);
  });
  it('does not flag the correct shares (占11.23%, 占47.30%, 占80.59%) of the final accounts', () => {
    expect(proseShare.check(ctxOf('emeishan-2023-final-accounts'))).toEqual([]);
  });
});

describe('ratio.prose-growth', () => {
  it('accepts the stated growth rates of the corpus (增长6.10%, 增长214.49%, 下降0.3%)', () => {
    for (const stem of ['wuchuan-2025-dept-self-eval', 'emeishan-2023-final-accounts']) expect(proseGrowth.check(ctxOf(stem))).toEqual([]);
  });
  it('flags a growth rate that does not follow from the change and the current amount', () => {
    const ctx = ctxOf('wuchuan-2025-dept-self-eval');
    const flags = proseGrowth.check(only(ctx, '增长6.10%', ['增长6.10%', '增长9.10%']));
    expect(flags).toHaveLength(1);
    expect(flags[0].computed).toBeCloseTo(6.1, 1);
  });
});

describe('ratio.staff-control', () => {
  it('flags 在职人员控制率为79% where 34 staff over 22 编制 is 154.5% (xuwen)', () => {
    const flags = staffControl.check(ctxOf('xuwen-2023-dept-self-eval'));
    expect(flags).toHaveLength(1);
    expect(flags[0].message).toContain('79%');
  });
  it('accepts the rate when it is what the counts give', () => {
    const ctx = ctxOf('xuwen-2023-dept-self-eval');
    expect(staffControl.check(only(ctx, '在职人员控制率', ['79%', '154.5%']))).toEqual([]);
    expect(staffControl.check(only(ctx, '在职人员控制率', ['79%', '100%']))).toEqual([]);
  });
});

describe('ratio.project-rate', () => {
  const doc = corpusDoc('emeishan-2023-final-accounts');
  const base = projectAt(doc, '51118123T000009136639-标准化服务大厅建设经费', { name: '标准化服务大厅建设经费', budgetYuan: 138500, adjustedYuan: 120000, executedYuan: 0, executionRate: 0 });
  it('accepts 0 of 12.00万元 at 0.00%', () => {
    expect(projectRate.check({ ...ctxOf('emeishan-2023-final-accounts', { projects: [base] }) })).toEqual([]);
  });
  it('flags a rate that the executed and adjusted amounts do not give', () => {
    const flags = projectRate.check(ctxOf('emeishan-2023-final-accounts', { projects: [{ ...base, executionRate: 4.8 }] }));
    expect(flags).toHaveLength(1);
    expect(flags[0].stated).toBe(4.8);
  });
});
