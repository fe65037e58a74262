// target.execution-score on the budget-execution blocks of emeishan's 项目支出绩效自评表 (real tables).
import { describe, expect, it } from 'vitest';
import { executionScore } from '../../pipeline/check/rules/execution-score.ts';
import { ctxOf } from './helpers.ts';

const E = 'emeishan-2023-final-accounts';

/** The report with the total line of the block that reads 执行率 0.00%, 权重 10, 得分 0 (标准化服务大厅建设经费) rewritten. */
function withLine(rate: string, score: string) {
  const ctx = ctxOf(E);
  const at = ctx.tables.findIndex((t) => t.spanned.some((row) => row.includes('0.00%') && row.some((c) => /^总额$/.test(c.trim()))));
  expect(at).toBeGreaterThanOrEqual(0);
  const t = ctx.tables[at];
  const r = t.spanned.findIndex((row) => row.includes('0.00%') && row.some((c) => /^总额$/.test(c.trim())));
  const rewrite = (grid: string[][]) => grid.map((row, i) => (i !== r ? row : row.map((c, k) => (c === '0.00%' ? rate : k === row.indexOf('0.00%') + 2 ? score : c))));
  const tables = [...ctx.tables];
  tables[at] = { ...t, spanned: rewrite(t.spanned), grid: rewrite(t.grid) };
  return { ...ctx, tables };
}

describe('target.execution-score', () => {
  it('does not flag the report as published: 100% with 10 of 10, and 0% with 0 of 10', () => {
    expect(executionScore.check(ctxOf(E))).toEqual([]);
  });
  it('flags a 执行率 of 96.20% that keeps the full 10 points, naming the project and the due 9.62', () => {
    const flags = executionScore.check(withLine('96.20%', '10'));
    expect(flags).toHaveLength(1);
    expect(flags[0].message).toContain('96.20%');
    expect(flags[0].message).toContain('9.62');
    expect(flags[0].message).toContain('标准化服务大厅建设经费');
  });
  it('does not flag 99.96% scored 10 (执行率 × 分值 = 9.996 prints as 10), nor 96.20% scored 9.62', () => {
    expect(executionScore.check(withLine('99.96%', '10'))).toEqual([]);
    expect(executionScore.check(withLine('96.20%', '9.62'))).toEqual([]);
  });
  it('does not flag a full score where the report states the band that earns it (执行率达到95%以上得满分)', () => {
    const ctx = withLine('96.20%', '10');
    const said = { ...ctx.sentences[0], text: '预算执行率达到95%以上得满分，每降低1个百分点扣0.5分。' };
    expect(executionScore.check({ ...ctx, sentences: [...ctx.sentences, said] })).toEqual([]);
  });
});
