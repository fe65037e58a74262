// Budget target tables that give each project one row and its whole indicator list in one cell, read from
// six real pages of 广州市生态环境局's 2026 项目支出绩效目标表, against rows checked by hand on those pages.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, segmentedFile } from '../helpers.ts';
import { extract } from '../../pipeline/extract/index.ts';
import { parseInlineIndicators, readTargetLists } from '../../pipeline/extract/target-lists/index.ts';

const DIR = join(FIXTURES, 'targets');
const PDF = join(DIR, '广州市生态环境局2026年项目支出绩效目标表_节选.pdf');
const gold = JSON.parse(readFileSync(join(DIR, 'gold.json'), 'utf8'));
const key = (s: string | null) => (s ?? '').replace(/[\s\p{P}]/gu, '');

describe('target lists on real pages', () => {
  it('reads every hand-checked indicator row with its levels, comparator, value and unit', async () => {
    const { indicators } = extract(await segmentedFile(PDF));
    for (const g of gold.indicators) {
      const rows = indicators.filter((i) => key(i.project) === key(g.project) && key(i.level3) === key(g.level3));
      expect(rows.length, `${g.project} / ${g.level3}`).toBeGreaterThan(0);
      expect(rows.some((i) => i.level1 === g.level1 && i.level2 === g.level2 && i.comparator === g.comparator && i.targetValue === g.targetValue && i.targetUnit === g.targetUnit),
        `${g.project} / ${g.level3}: ${JSON.stringify(rows.map((i) => [i.level1, i.level2, i.comparator, i.targetValue, i.targetUnit]))}`).toBe(true);
    }
  });

  it('gives each project row its budget in yuan, and neither the 合计 row nor a unit subtotal row is a project', async () => {
    const { projects } = extract(await segmentedFile(PDF));
    for (const g of gold.projects) {
      expect(projects.some((p) => p.name === g.name && p.budgetYuan === g.budgetYuan), g.name).toBe(true);
    }
    expect(projects.some((p) => /^合计/.test(p.name) || p.name === '广州市生态环境局')).toBe(false);
  });

  it('places each project under the unit whose subtotal row it follows, so same-named projects of two units stay apart', async () => {
    const rows = readTargetLists(await segmentedFile(PDF));
    expect(rows.find((r) => /越秀区/.test(r.project))?.group).toBe('广州市生态环境局');
    // page 23 closes 广州市生态环境局's projects with a subtotal row of 广州市固体废物管理中心, whose projects follow
    expect(rows.find((r) => /^民安大厦物业管理费$/.test(r.project))?.group).toBe('广州市固体废物管理中心');
    expect(rows.find((r) => /美丽河湖/.test(r.project))?.group).toBe('广州市生态环境局');
  });

  it('keeps each item as written, its year target apart from the whole period target', () => {
    const cell = '1.1－产出指标，11－数量指标，项目成果报告数量；实施周期指标值：9份，年度指标值：4份；2、2－效益指标，23－生态效益，主要污染物总量减排目标任务完成率；实施周期指标值：100%，年度指标值：100%;';
    const items = parseInlineIndicators(cell);
    expect(items.map((i) => [i.level1, i.level2, i.level3, i.target, i.periodTarget])).toEqual([
      ['产出指标', '数量指标', '项目成果报告数量', '4份', '9份'],
      ['效益指标', '生态效益', '主要污染物总量减排目标任务完成率', '100%', '100%'],
    ]);
    expect(items[0].raw).toBe('1.1－产出指标，11－数量指标，项目成果报告数量；实施周期指标值：9份，年度指标值：4份');
  });

  it('reads no list from a goal sentence or a numbered paragraph that names no levels', () => {
    expect(parseInlineIndicators('1、通过政府购买食堂服务及司机服务提供良好的后勤服务保障；2、通过购买印刷服务，提升知晓度。')).toEqual([]);
    expect(parseInlineIndicators('年度指标值：100%')).toEqual([]);
  });
});
