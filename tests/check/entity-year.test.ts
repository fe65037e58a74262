// Entity and year rules on the real texts.
import { describe, expect, it } from 'vitest';
import { entityName } from '../../pipeline/check/rules/entity-name.ts';
import { fundsYear } from '../../pipeline/check/rules/funds-year.ts';
import { ctxOf } from './helpers.ts';

describe('entity.other-unit / entity.other-place', () => {
  it('flags 徐闻县统计局 named as the reporting unit of a 徐闻县医疗保障局 report, once', () => {
    const flags = entityName.check(ctxOf('xuwen-2023-dept-self-eval'));
    expect(flags).toHaveLength(1);
    expect(flags[0].rule).toBe('entity.other-unit');
    expect(flags[0].message).toContain('统计局');
    expect(flags[0].evidence.length).toBeGreaterThanOrEqual(2);
  });
  it('flags 吴州市医疗保障局 on the cover of a 吴川市 report', () => {
    const flags = entityName.check(ctxOf('wuchuan-2025-dept-self-eval'));
    expect(flags).toHaveLength(1);
    expect(flags[0].rule).toBe('entity.other-place');
    expect(flags[0].message).toContain('吴州市');
  });
  it('does not flag units legitimately named: 县财政局, 县卫生健康局, 医保服务中心, 会计师事务所, 乐山市医疗保障局 in a document title', () => {
    for (const stem of ['emeishan-2023-final-accounts', 'suixi-2022-verification', 'xihu-2022-dept-self-eval']) expect(entityName.check(ctxOf(stem))).toEqual([]);
  });
  // the emeishan report with one more 实施单位 row, as a project form of a consolidated report writes it
  const withOwner = (owner: string, scope: 'department' | 'unit') => {
    const ctx = ctxOf('emeishan-2023-final-accounts');
    const t = ctx.tables[0];
    return { ...ctx, meta: { ...ctx.meta, scope }, tables: [...ctx.tables, { ...t, rows: [['实施单位', owner]], rowSources: [t.rowSources[0]] }] };
  };
  it('does not flag a department report naming its own institutions (a 中心, a hospital) as a project\'s 实施单位', () => {
    expect(entityName.check(withOwner('峨眉山市医疗保障事务中心', 'department'))).toEqual([]);
    expect(entityName.check(withOwner('峨眉山市人民医院', 'department'))).toEqual([]);
  });
  it('still flags another department (统计局) there, and a 中心 named as itself in one unit\'s own budget', () => {
    expect(entityName.check(withOwner('峨眉山市统计局', 'department'))).toHaveLength(1);
    expect(entityName.check(withOwner('峨眉山市医疗保障事务中心', 'unit'))).toHaveLength(1);
  });
});

describe('year.funds-arrival', () => {
  it('flags 2023 project money said to have arrived 实际在2022年 (emeishan)', () => {
    const flags = fundsYear.check(ctxOf('emeishan-2023-final-accounts'));
    expect(flags).toHaveLength(1);
    expect(flags[0].evidence[0].text).toContain('2022年及时全额到位');
  });
  it('does not flag 实际在2023年及时全额到位 in the same report, nor reports of other years', () => {
    const flags = fundsYear.check(ctxOf('emeishan-2023-final-accounts'));
    expect(flags.some((f) => f.evidence[0].text.includes('2023年及时'))).toBe(false);
    expect(fundsYear.check(ctxOf('wuchuan-2025-dept-self-eval'))).toEqual([]);
  });
});
