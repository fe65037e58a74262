import { describe, expect, it } from 'vitest';
import { extractMeta } from '../../pipeline/extract/meta.ts';
import { findOrganisations } from '../../pipeline/lexicon/organisations.ts';
import { gold, segmentedText, STEMS } from '../helpers.ts';

describe('report metadata', () => {
  it.each(STEMS)('%s: unit, year and report type match the hand-checked answer', (stem) => {
    const meta = extractMeta(segmentedText(stem));
    const g = gold(stem);
    expect({ unit: meta.unit, year: meta.year, reportType: meta.reportType }).toEqual({ unit: g.unit, year: g.year, reportType: g.reportType });
    expect(g.unit.startsWith(meta.region)).toBe(true);
  });

  it('prefers the body over a cover typo in the unit name (吴州市 on the cover, 吴川市 throughout)', () => {
    expect(extractMeta(segmentedText('wuchuan-2025-dept-self-eval')).unit).toBe('吴川市医疗保障局');
  });

  it('finds organisation names where they start, after dates and function words', () => {
    const names = findOrganisations('现将2023年度徐闻县医疗保障局整体支出报告如下，由县财政局负责，成立徐闻县统计局绩效评价小组').map((o) => o.name);
    expect(names).toEqual(['徐闻县医疗保障局', '徐闻县统计局']);
  });
});
