// Conflict rules: the same quantity stated with two values, in prose, tables and records.
import { describe, expect, it } from 'vitest';
import { figureValues } from '../../pipeline/check/rules/figure-values.ts';
import { labelValues } from '../../pipeline/check/rules/label-values.ts';
import { projectProse } from '../../pipeline/check/rules/project-prose.ts';
import { headcount } from '../../pipeline/check/rules/headcount.ts';
import { changeComponents } from '../../pipeline/check/rules/change-components.ts';
import { subsidiaryScope } from '../../pipeline/check/rules/subsidiary-scope.ts';
import { indicatorDuplicate } from '../../pipeline/check/rules/indicator-duplicate.ts';
import { indicatorStandard } from '../../pipeline/check/rules/indicator-standard.ts';
import { readNumbers } from '../../pipeline/check/sentences.ts';
import { corpusDoc, ctxOf, figureAt, indicatorAt, projectAt } from './helpers.ts';

const E = 'emeishan-2023-final-accounts';

describe('conflict.figure-values', () => {
  const doc = corpusDoc(E);
  const a = figureAt(doc, '本年支出合计4265.40万元', 'expenditure.total', 'final', 4265.4);
  const b = figureAt(doc, '总支出：2408.42万元', 'expenditure.total', 'final', 2408.42);
  it('flags 支出合计 4265.40 and 2408.42 for the same year and phase (emeishan)', () => {
    const flags = figureValues.check(ctxOf(E, { figures: [a, b] }));
    expect(flags).toHaveLength(1);
    expect(flags[0].message).toContain('2408.42');
    expect(flags[0].evidence).toHaveLength(2);
  });
  it('does not flag two values of different years or phases', () => {
    expect(figureValues.check(ctxOf(E, { figures: [a, { ...b, year: 2022 }] }))).toEqual([]);
    expect(figureValues.check(ctxOf(E, { figures: [a, { ...b, phase: 'adjusted' }] }))).toEqual([]);
  });
});

describe('conflict.label-values', () => {
  it('flags 基本支出预算 written as 412.21万元 and 365.32万元 (wuchuan)', () => {
    const flags = labelValues.check(ctxOf('wuchuan-2025-dept-self-eval'));
    expect(flags).toHaveLength(1);
    expect(flags[0].message).toContain('412.21');
  });
  it('does not flag 决算 and 预算 labels with different values, or repeated equal values', () => {
    for (const stem of [E, 'xihu-2022-dept-self-eval', 'suixi-2022-verification', 'xuwen-2023-dept-self-eval']) expect(labelValues.check(ctxOf(stem))).toEqual([]);
  });
});

describe('conflict.project-prose', () => {
  const doc = corpusDoc(E);
  const hall = projectAt(doc, '51118123T000009136639-标准化服务大厅建设经费', { code: '51118123T000009136639', name: '标准化服务大厅建设经费', budgetYuan: 138500, adjustedYuan: 120000, executedYuan: 0, executionRate: 0 });
  const talent = projectAt(doc, '51118122T000007158756-人才开发专项资助金', { code: '51118122T000007158756', name: '人才开发专项资助金', budgetYuan: 131300, adjustedYuan: 6300, executedYuan: 6300, executionRate: 100 });
  it('flags 全年预算数13.85万元 in prose against 调整后预算数12.00 in the 自评表', () => {
    const flags = projectProse.check(ctxOf(E, { projects: [hall] }));
    expect(flags).toHaveLength(1);
    expect(flags[0].message).toContain('13.85');
  });
  it('does not flag a project whose prose and table agree (人才开发: 0.63 and 0.63)', () => {
    expect(projectProse.check(ctxOf(E, { projects: [talent] }))).toEqual([]);
  });
});

describe('conflict.headcount', () => {
  it('flags 编制人数24人 in the text against 编制控制数 23 in the target table (xihu)', () => {
    const flags = headcount.check(ctxOf('xihu-2022-dept-self-eval'));
    expect(flags).toHaveLength(1);
    expect(flags[0].message).toMatch(/24.*23/);
  });
  it('does not compare sub-counts (行政编制, 事业编制) or flag equal 实有人数 36 / 在职人员总数 36', () => {
    const flags = headcount.check(ctxOf('xihu-2022-dept-self-eval'));
    expect(flags.some((f) => f.message.includes('实有人数'))).toBe(false);
    for (const stem of ['xuwen-2023-dept-self-eval', 'wuchuan-2025-dept-self-eval', 'suixi-2022-verification', E]) expect(headcount.check(ctxOf(stem))).toEqual([]);
  });
});

describe('conflict.change-components', () => {
  it('flags 三公 比2022年减少0.23万元 while its parts changed by 0, −0.0089 and 0 (emeishan)', () => {
    const flags = changeComponents.check(ctxOf(E));
    expect(flags).toHaveLength(1);
    expect(flags[0].message).toContain('0.0089');
  });
  it('accepts the change when the total moved as its parts did', () => {
    const ctx = ctxOf(E);
    const sentences = ctx.sentences.map((s) => { const text = s.text.replace('减少0.23万元', '减少0.0089万元'); return { ...s, text, nums: readNumbers(text) }; });
    expect(changeComponents.check({ ...ctx, sentences })).toEqual([]);
  });
});

describe('conflict.subsidiary-scope', () => {
  it('flags a budget said to include 2个下属单位 and a table row saying 下属单位不做预算 (suixi)', () => {
    const flags = subsidiaryScope.check(ctxOf('suixi-2022-verification'));
    expect(flags).toHaveLength(1);
    expect(flags[0].evidence.map((e) => e.text).join()).toContain('下属单位不做预算');
  });
  it('does not flag a report that names its subordinate unit without denying it a budget', () => {
    expect(subsidiaryScope.check(ctxOf(E))).toEqual([]);
    expect(subsidiaryScope.check(ctxOf('xuwen-2023-dept-self-eval'))).toEqual([]);
  });
});

describe('conflict.duplicate-indicator', () => {
  const doc = corpusDoc('xihu-2022-dept-self-eval');
  const name = '组织专业队伍开展专项稽核工作人员安排人数';
  const row = (nth: number, target: string, unit: string, value: number) =>
    indicatorAt(doc, name, { level1: '产出指标', level2: '数量指标', comparator: '=', target, targetValue: value, targetUnit: unit }, nth);
  it('flags the same 三级指标 with targets =3次 and =6人 in one table, once for the document', () => {
    const flags = indicatorDuplicate.check(ctxOf('xihu-2022-dept-self-eval', { indicators: [row(0, '=3次', '次', 3), row(1, '=6人', '人', 6), row(2, '=3次', '次', 3), row(3, '=6人', '人', 6)] }));
    expect(flags).toHaveLength(1);
    expect(flags[0].message).toContain('3次');
  });
  it('does not flag the same indicator repeated with the same target in two tables', () => {
    expect(indicatorDuplicate.check(ctxOf('xihu-2022-dept-self-eval', { indicators: [row(0, '=3次', '次', 3), row(2, '=3次', '次', 3)] }))).toEqual([]);
  });
});

describe('conflict.indicator-standard', () => {
  const doc = corpusDoc(E);
  const p1 = '城乡居民医疗保险县级配套资金', p2 = '老征地人员参加城乡居民医疗保险财政补贴';
  const cost = indicatorAt(doc, '参保人员县级补助成本', { project: p1, comparator: '>=', target: '50', targetValue: 50, targetUnit: '元/人·次', actual: '58.4', actualValue: 58.4, weight: 10, score: 10 });
  const old = indicatorAt(doc, '老征地人员到龄代缴标准', { project: p2, comparator: '>=', target: '400', targetValue: 400, targetUnit: '元/人·次', actual: '450', actualValue: 450, weight: 5, score: 5 });
  const young = indicatorAt(doc, '新征地人员到龄代缴标准', { project: p2, comparator: '>=', target: '70', targetValue: 70, targetUnit: '元/人·次', actual: '70', actualValue: 70, weight: 5, score: 5 });
  it('flags 完成值58.4 against 县级补助标准为55.4元/人.年 and 450 against 补助标准为420.00元/人.年', () => {
    const flags = indicatorStandard.check(ctxOf(E, { indicators: [cost, old, young] }));
    expect(flags).toHaveLength(2);
    expect(flags[0].message).toContain('58.4');
    expect(flags[1].message).toContain('420');
  });
  it('does not flag 70 where the report states 补助标准70.00元/人.年', () => {
    expect(indicatorStandard.check(ctxOf(E, { indicators: [young] }))).toEqual([]);
  });
});
