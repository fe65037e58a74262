// Projects listed in tables of money, on a real evaluation report (河南, as MinerU renders it: HTML tables with
// rowspans), against its hand-checked gold.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REAL, segmentedFile } from '../helpers.ts';
import { extractProjectLists } from '../../pipeline/extract/project-lists.ts';

const STEM = 'awr_2021-2024年省级职业技能竞赛经费项目绩效评价报告_河南_mineru';
const gold = JSON.parse(readFileSync(join(REAL, '..', 'gold-real', `${STEM}.json`), 'utf8'));

describe('project lists', () => {
  it('reads each 子项目 of a 项目支出情况表 grouped by year from its 小计 row: budget, spending and rate', async () => {
    const got = extractProjectLists(await segmentedFile(join(REAL, `${STEM}.md`)));
    expect(got.map((p) => [p.name, p.budgetYuan, p.executedYuan, p.executionRate])).toEqual(
      gold.projects.map((p: any) => [p.name, p.budgetYuan, p.executedYuan, p.executionRate]));
  });
});
