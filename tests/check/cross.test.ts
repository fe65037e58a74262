// Cross-report rules. Each test builds a second, related report's summary from a real one by changing its
// year, type or figures (said in each test), since the corpus holds one report per unit.
import { describe, expect, it } from 'vitest';
import { checkAcross, type ReportSummary } from '../../pipeline/check/index.ts';
import { crossProjectSum, crossVerificationScore, crossYearFigures } from '../../pipeline/check/cross.ts';
import { corpusDoc, emptyExtraction, figureAt, indicatorAt, projectAt, scoreAt } from './helpers.ts';

const summary = (stem: string, over: Partial<ReportSummary> = {}): ReportSummary => {
  const doc = corpusDoc(stem);
  const e = emptyExtraction(doc);
  return { file: `${stem}.txt`, meta: e.meta, figures: [], scores: [], projects: [], indicators: [], ...over };
};

describe('cross.year-figures', () => {
  const W = 'wuchuan-2025-dept-self-eval';
  const doc = corpusDoc(W);
  // 2025 report: 基本支出预算365.32万元，比上年增加20.99万元 → the 2024 budget it implies is 344.33万元
  const implied = { ...figureAt(doc, '比上年增加20.99万元', 'expenditure.basic', 'budget', 344.33, 2024) };
  const current = summary(W, { figures: [figureAt(doc, '基本支出预算365.32万元', 'expenditure.basic', 'budget', 365.32), implied] });
  // the 2024 report: the same unit's summary with its year changed to 2024 and its basic budget set
  const lastYear = (wan: number): ReportSummary => ({
    ...summary(W), file: 'wuchuan-2024-dept-self-eval.txt', meta: { ...current.meta, year: 2024 },
    figures: [{ ...figureAt(doc, '基本支出预算365.32万元', 'expenditure.basic', 'budget', wan), raw: `基本支出预算${wan}万元` }],
  });
  it('accepts 比上年增加 that agrees with last year’s report (344.33万元)', () => {
    expect(crossYearFigures.check([current, lastYear(344.33)])).toEqual([]);
  });
  it('flags last year’s report giving 350.00万元 against the 344.33万元 the growth implies', () => {
    const flags = crossYearFigures.check([current, lastYear(350)]);
    expect(flags).toHaveLength(1);
    expect(flags[0].file).toBe(`${W}.txt`);
    expect(flags[0].flag.message).toContain('344.33');
  });
  it('does not compare reports of different units', () => {
    const other = { ...lastYear(350), meta: { ...current.meta, year: 2024, unit: '徐闻县医疗保障局' } };
    expect(crossYearFigures.check([current, other])).toEqual([]);
  });
});

describe('cross.project-sum', () => {
  const E = 'emeishan-2023-final-accounts';
  const doc = corpusDoc(E);
  const proj = (cell: string, name: string, wan: number) => projectAt(doc, cell, { name, executedYuan: Math.round(wan * 10000) });
  const projects = [
    proj('51118121T000000046261-城乡居民医疗保险县级配套资金', '城乡居民医疗保险县级配套资金', 1946.77),
    proj('51118121T000000046649-老征地人员参加城乡居民医疗保险财政补贴', '老征地人员参加城乡居民医疗保险财政补贴', 1809.37),
    proj('51118121T000000046650-新征地人员遗留问题参加城乡居民医疗保险财政补贴', '新征地人员遗留问题参加城乡居民医疗保险财政补贴', 18.04),
  ];
  const dept = summary(E, { figures: [figureAt(doc, '项目支出3786.54万元', 'expenditure.project', 'final', 3786.54)], projects });
  it('accepts project tables that stay within the 项目支出 决算', () => {
    expect(crossProjectSum.check([dept])).toEqual([]);
  });
  it('flags project tables of a second report (a project self-evaluation of the same unit and year, built by adding a 100万元 project) that exceed it', () => {
    const second: ReportSummary = { ...summary(E), file: 'emeishan-2023-project-self-eval.txt', meta: { ...dept.meta, reportType: 'project_self_eval' },
      projects: [{ ...projects[0], name: '城乡居民大病保险补助', executedYuan: 1_000_000 }] };
    const flags = crossProjectSum.check([dept, second]);
    expect(flags).toHaveLength(1);
    expect(flags[0].flag.message).toContain('3786.54');
  });
});

describe('cross.verification-self-score', () => {
  const S = 'suixi-2022-verification';
  const doc = corpusDoc(S);
  const rows = [indicatorAt(doc, '预算编制合理性', { weight: 3, selfScore: 3, score: 3 }), indicatorAt(doc, '预算编制规范性', { weight: 4, selfScore: 4, score: 4 })];
  const verification = summary(S, { indicators: rows, scores: [scoreAt(doc, { text: '综合得分75.06分' }, { scope: 'document', kind: 'self', value: 100, max: 100 })] });
  // the self-evaluation it checks: the verification's summary with its type changed to dept_self_eval and its own self score
  const selfEval = (value: number): ReportSummary => ({ ...summary(S), file: 'suixi-2022-dept-self-eval.txt', meta: { ...verification.meta, reportType: 'dept_self_eval' },
    scores: [scoreAt(doc, { text: '综合得分75.06分' }, { scope: 'document', kind: 'self', value, max: 100 })] });
  it('accepts a 自评得分 of 100 that the self-evaluation also gives', () => {
    expect(crossVerificationScore.check([verification, selfEval(100)])).toEqual([]);
  });
  it('flags a self-evaluation that reports 95 where the verification lists 自评得分 100', () => {
    const flags = checkAcross([verification, selfEval(95)]);
    expect(flags).toHaveLength(1);
    expect(flags[0].flag.category).toBe('score');
  });
});
