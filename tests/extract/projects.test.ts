// Project extraction on the corpus text files, compared with the gold answers read at test time.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseText } from '../../parsers/text/index.ts';
import { segment } from '../../pipeline/segment/index.ts';
import { extractMeta } from '../../pipeline/extract/meta.ts';
import { extractProjects } from '../../pipeline/extract/projects.ts';
import { splitCode } from '../../pipeline/extract/tables/project-name.ts';

const load = (stem: string) => {
  const path = `fixtures/corpus/txt/${stem}.txt`;
  const doc = segment(parseText(path, readFileSync(path)));
  return { doc, meta: extractMeta(doc), gold: JSON.parse(readFileSync(`fixtures/gold/${stem}.json`, 'utf8')) };
};

const STEMS = ['xihu-2022-dept-self-eval', 'suixi-2022-verification', 'emeishan-2023-final-accounts', 'xuwen-2023-dept-self-eval', 'wuchuan-2025-dept-self-eval'];

describe('extractProjects on the corpus', () => {
  for (const stem of STEMS) {
    it(`${stem}: the gold projects, no others`, () => {
      const { doc, meta, gold } = load(stem);
      const got = extractProjects(doc, meta);
      expect(got).toHaveLength(gold.projects.length);
      for (const g of gold.projects) {
        const p = got.find((x) => (g.code && x.code === g.code) || x.name === g.name);
        expect(p, g.name).toBeDefined();
        for (const f of ['budgetYuan', 'adjustedYuan', 'executedYuan', 'executionRate', 'score'] as const) {
          if (g[f] === undefined) continue;
          expect(p![f], `${g.name} ${f}`).toBeCloseTo(g[f], 2);
        }
      }
    });
  }

  it('emeishan: a project table in 万元 read into yuan, code split from the name', () => {
    const { doc, meta } = load('emeishan-2023-final-accounts');
    const got = extractProjects(doc, meta);
    expect(got[0]).toMatchObject({ code: '51118121T000000046261', name: '城乡居民医疗保险县级配套资金', budgetYuan: 17000000, adjustedYuan: 19467700, executedYuan: 19467700, executionRate: 100, score: 99.5 });
    expect(got.find((p) => p.name === '标准化服务大厅建设经费')).toMatchObject({ budgetYuan: 138500, adjustedYuan: 120000, executedYuan: 0, executionRate: 0, score: 90 });
    // a project told only in a paragraph
    expect(got.find((p) => p.name.startsWith('困难尘肺病'))).toMatchObject({ code: null, adjustedYuan: 20000, executedYuan: 0, executionRate: 0, score: null });
    expect(got[0].raw).toContain('项目名称');
  });

  it('splits codes', () => {
    expect(splitCode('51118121T000000046261-城乡居民医疗保险县级配套资金')).toEqual({ code: '51118121T000000046261', name: '城乡居民医疗保险县级配套资金' });
    expect(splitCode('2023年劳务派遣人员经费')).toEqual({ code: null, name: '2023年劳务派遣人员经费' });
  });
});
