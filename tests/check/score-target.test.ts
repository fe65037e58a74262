// Score and target rules on rows built from the real score tables.
import { describe, expect, it } from 'vitest';
import { scoreGrade, scoreOverWeight, scoreSectionSum, scoreTableSum } from '../../pipeline/check/rules/scores.ts';
import { indicatorTarget } from '../../pipeline/check/rules/indicator-target.ts';
import { corpusDoc, ctxOf, indicatorAt, scoreAt } from './helpers.ts';

const S = 'suixi-2022-verification', E = 'emeishan-2023-final-accounts';

describe('score.over-weight', () => {
  const doc = corpusDoc(S);
  const row = indicatorAt(doc, '支出完成率', { level1: '预算执行情况', level2: '支出管理', weight: 4, selfScore: 4, score: 7 });
  it('does not flag 支出完成率 scored 7 of 4 where the row says the weight was adjusted (调整至该指标)', () => {
    expect(scoreOverWeight.check(ctxOf(S, { indicators: [row] }))).toEqual([]);
  });
  it('flags a score above its weight when nothing explains it', () => {
    const flags = scoreOverWeight.check(ctxOf(S, { indicators: [{ ...row, raw: '支出管理 | 21 | 支出完成率 | 4 | 4 | 7' }] }));
    expect(flags).toHaveLength(1);
    expect(flags[0].message).toContain('支出完成率');
  });
});

describe('score.section-sum and score.grade-band (suixi 综合评价结果表)', () => {
  const doc = corpusDoc(S);
  const sec = (cell: string, max: number, value: number) => scoreAt(doc, { cell }, { scope: 'section', kind: 'review', name: cell, max, value });
  const sections = [sec('预算编制情况', 20, 10.5), sec('预算执行情况', 40, 35.36), sec('预算监督情况', 10, 5.5), sec('预算执行效益', 30, 23.7)];
  const total = scoreAt(doc, { text: '综合得分75.06分' }, { scope: 'document', kind: 'review', max: 100, value: 75.06, grade: '中' });
  it('accepts 10.50 + 35.36 + 5.50 + 23.70 = 75.06 and grade 中 for 75.06 under the stated bands', () => {
    expect(scoreSectionSum.check(ctxOf(S, { scores: [...sections, total] }))).toEqual([]);
    expect(scoreGrade.check(ctxOf(S, { scores: [total] }))).toEqual([]);
  });
  it('flags a total that is not the sum of its sections, and a grade outside its band', () => {
    expect(scoreSectionSum.check(ctxOf(S, { scores: [...sections, { ...total, value: 76.06 }] }))).toHaveLength(1);
    const g = scoreGrade.check(ctxOf(S, { scores: [{ ...total, grade: '良' }] }));
    expect(g).toHaveLength(1);
    expect(g[0].message).toContain('中');
  });
});

describe('score.table-sum', () => {
  const doc = corpusDoc(E);
  const p = '人才开发专项资助金';
  const rows = [
    indicatorAt(doc, '人才引进安家补助费', { project: p, weight: 15, score: 5 }),
    indicatorAt(doc, '保障硕士研究生发放安家补助率', { project: p, weight: 15, score: 15 }),
    indicatorAt(doc, '规定时间内资金下达率', { project: p, weight: 20, score: 20 }),
    indicatorAt(doc, '安家补助足额发放，保障引进人才待遇', { project: p, weight: 15, score: 15 }),
    indicatorAt(doc, '足额享受安家待遇', { project: p, weight: 15, score: 15 }),
    indicatorAt(doc, '引进人才投诉率', { project: p, weight: 5, score: 5 }),
    indicatorAt(doc, '引进人才满意度', { project: p, weight: 5, score: 5 }),
  ];
  const total = scoreAt(doc, { cell: '合计', nth: 5 }, { scope: 'project', name: p, max: 100, value: 90 });
  it('accepts 合计 90 = 80 from the indicator rows + the 10-point budget row not read as an indicator', () => {
    expect(total.raw).toContain('90');
    expect(scoreTableSum.check(ctxOf(E, { indicators: rows, scores: [total] }))).toEqual([]);
  });
  it('flags a 合计 that the rows cannot reach', () => {
    expect(scoreTableSum.check(ctxOf(E, { indicators: rows, scores: [{ ...total, value: 99.5 }] }))).toHaveLength(1);
  });
});

describe('target.indicator-score', () => {
  const doc = corpusDoc(E);
  const complaint = (nth: number, project: string, t: number, a: number) =>
    indicatorAt(doc, '参保人员投诉率', { project, comparator: '<', target: String(t), targetValue: t, targetUnit: '%', actual: String(a), actualValue: a, weight: 5, score: 5 }, nth);
  it('flags 参保人员投诉率 ＜10% with 完成值 10 and full marks, and ＜9% with 9 (emeishan)', () => {
    const flags = indicatorTarget.check(ctxOf(E, { indicators: [complaint(1, '信息化建设工作经费', 10, 10), complaint(2, '老征地人员参加城乡居民医疗保险财政补贴', 9, 9)] }));
    expect(flags).toHaveLength(2);
    expect(flags[0].message).toContain('参保人员投诉率');
  });
  it('does not flag ＜10% with 完成值 9, a missed target that lost marks, or a qualitative target', () => {
    const missedLost = indicatorAt(doc, '县级补助人数', { comparator: '>', target: '300000', targetValue: 300000, targetUnit: '人数', actual: '289325', actualValue: 289325, weight: 15, score: 14.5 });
    const qual = indicatorAt(doc, '保障参保人员享受医保待遇', { comparator: 'qualitative', target: '优', actual: '优', weight: 15, score: 15 });
    expect(indicatorTarget.check(ctxOf(E, { indicators: [complaint(0, '城乡居民医疗保险县级配套资金', 10, 9), missedLost, qual] }))).toEqual([]);
  });
  it('warns when a met target lost marks without a reason', () => {
    const flags = indicatorTarget.check(ctxOf(E, { indicators: [{ ...complaint(0, 'x', 10, 9), score: 3 }] }));
    expect(flags).toHaveLength(1);
    expect(flags[0].severity).toBe('warning');
  });
  it('reads an actual written with its own comparator as the range it states: >23万人次 meets >23万人次, >5 against ≥10 says nothing', () => {
    const row = (target: string, actual: string) => {
      const t = /([\d.]+)/.exec(target)![1], a = /([\d.]+)/.exec(actual)![1];
      return indicatorAt(doc, '县级补助人数', { comparator: target.startsWith('>') || target.startsWith('大于') ? '>' : '>=', target, targetValue: Number(t), targetUnit: '万人次', actual, actualValue: Number(a), weight: 15, score: 15 });
    };
    expect(indicatorTarget.check(ctxOf(E, { indicators: [row('>23万人次', '>23万人次'), row('≥95%', '大于95%'), row('≥10万人次', '>5万人次')] }))).toEqual([]);
  });
  it('still flags full marks where even the best value an actual allows misses: target ≤5% with actual >5%', () => {
    const row = indicatorAt(doc, '参保人员投诉率', { comparator: '<=', target: '≤5%', targetValue: 5, targetUnit: '%', actual: '>5%', actualValue: 5, weight: 5, score: 5 });
    expect(indicatorTarget.check(ctxOf(E, { indicators: [row] }))).toHaveLength(1);
  });
});
