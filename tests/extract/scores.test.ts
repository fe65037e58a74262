// Score extraction on the corpus text files, compared with the gold answers read at test time.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseText } from '../../parsers/text/index.ts';
import { segment } from '../../pipeline/segment/index.ts';
import { extractMeta } from '../../pipeline/extract/meta.ts';
import { extractScores, gradeOf } from '../../pipeline/extract/scores.ts';
import type { Score } from '../../schemas/records.ts';

const load = (stem: string) => {
  const path = `fixtures/corpus/txt/${stem}.txt`;
  const doc = segment(parseText(path, readFileSync(path)));
  return { doc, meta: extractMeta(doc), gold: JSON.parse(readFileSync(`fixtures/gold/${stem}.json`, 'utf8')) };
};
const key = (s: string | null | undefined) => (s ?? '').normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '');

const STEMS = ['xihu-2022-dept-self-eval', 'suixi-2022-verification', 'emeishan-2023-final-accounts', 'xuwen-2023-dept-self-eval', 'wuchuan-2025-dept-self-eval'];

describe('extractScores on the corpus', () => {
  for (const stem of STEMS) {
    it(`${stem}: every gold score and grade`, () => {
      const { doc, meta, gold } = load(stem);
      const got: Score[] = extractScores(doc, meta);
      for (const g of gold.scores) {
        const s = got.find((x) => x.scope === g.scope && x.kind === g.kind && x.value != null && Math.abs(x.value - g.value) < 0.005 &&
          (g.scope === 'document' || key(x.name) === key(g.name)));
        expect(s, `${g.scope} ${g.kind} ${g.name} ${g.value}`).toBeDefined();
        expect(s!.grade).toBe(g.grade ?? null);
      }
      for (const g of gold.grades ?? []) expect(got.some((x) => x.scope === g.scope && x.grade === g.grade)).toBe(true);
      // nothing on top of the gold's document scores
      const docs = got.filter((x) => x.scope === 'document' && x.value != null);
      expect(docs.length).toBe(gold.scores.filter((g: Score) => g.scope === 'document').length);
    });
  }

  it('suixi: review and self totals from the 评分表 合计 row, grade from the prose, section subtotals with maxima', () => {
    const { doc, meta } = load('suixi-2022-verification');
    const got = extractScores(doc, meta);
    expect(got.find((s) => s.scope === 'document' && s.kind === 'review')).toMatchObject({ value: 75.06, max: 100, grade: '中' });
    expect(got.find((s) => s.scope === 'document' && s.kind === 'self')).toMatchObject({ value: 100 });
    expect(got.find((s) => s.scope === 'section' && s.name === '预算编制情况')).toMatchObject({ kind: 'review', value: 10.5, max: 20 });
    expect(got.filter((s) => s.scope === 'section')).toHaveLength(4);
  });

  it('emeishan: project totals by project name without code; a grade with no number', () => {
    const { doc, meta } = load('emeishan-2023-final-accounts');
    const got = extractScores(doc, meta);
    expect(got.find((s) => s.scope === 'project' && s.name === '城乡居民医疗保险县级配套资金')).toMatchObject({ kind: 'self', value: 99.5, max: 100 });
    expect(got.find((s) => s.scope === 'document')).toMatchObject({ kind: 'self', value: null, grade: '优' });
  });

  it('wuchuan: 自评分数为95分 in prose', () => {
    const { doc, meta } = load('wuchuan-2025-dept-self-eval');
    expect(extractScores(doc, meta)).toEqual([expect.objectContaining({ scope: 'document', kind: 'self', value: 95, raw: expect.stringContaining('95') })]);
  });

  it('maps grade words', () => {
    expect(gradeOf('优秀')).toBe('优');
    expect(gradeOf('良好')).toBe('良');
    expect(gradeOf('中')).toBe('中');
    expect(gradeOf('较差')).toBe('差');
    expect(gradeOf('合格')).toBeNull();
  });
});

describe('scores an evaluation report states in prose', () => {
  // conclusions as 财政局 and third-party evaluation reports write them (the 评价结论 of a 重点绩效评价报告)
  const report = (lines: string[]) => {
    const doc = segment(parseText('eval.txt', new TextEncoder().encode(['某某县财政局关于2023年农村公路养护资金的重点绩效评价报告', '一、评价结论', ...lines].join('\n'))));
    const meta = extractMeta(doc);
    return { meta, scores: extractScores(doc, meta) };
  };
  it('an evaluation of one fund by the 财政局 is a verification, and its stated score a review score with its grade', () => {
    const { meta, scores } = report(['经评价，该项目综合得分88.50分，评价等级为“良”。']);
    expect(meta.reportType).toBe('verification');
    expect(scores.map((s) => [s.scope, s.kind, s.value, s.grade])).toEqual([['document', 'review', 88.5, '良']]);
  });
  it('reads the grade wherever the conclusion puts it: 绩效评级为“良”, 评价结果为“优”，得分…, 评价结果为良好', () => {
    expect(report(['本项目绩效评价综合评分为86.2分，绩效评级为“良”。']).scores[0]?.grade).toBe('良');
    expect(report(['经综合评定，评价结果为“优”，得分92.3分。']).scores[0]?.grade).toBe('优');
    expect(report(['项目总得分91.25分，评价结果为良好。']).scores[0]?.grade).toBe('良');
  });
  it('takes no grade from a word that only starts with one (评价结果为中期目标…)', () => {
    expect(report(['项目总得分91.25分，评价结果为中期目标基本完成。']).scores[0]?.grade).toBeNull();
  });
});
