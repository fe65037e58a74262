// Indicator extraction on the corpus text files, compared with the gold answers read at test time.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseText } from '../../parsers/text/index.ts';
import { segment } from '../../pipeline/segment/index.ts';
import { extractMeta } from '../../pipeline/extract/meta.ts';
import { extractIndicators, valueInSentence } from '../../pipeline/extract/indicators/index.ts';
import { alignCells } from '../../pipeline/extract/tables/align.ts';
import type { Indicator } from '../../schemas/records.ts';

const load = (stem: string) => {
  const path = `fixtures/corpus/txt/${stem}.txt`;
  const doc = segment(parseText(path, readFileSync(path)));
  return { doc, meta: extractMeta(doc), gold: JSON.parse(readFileSync(`fixtures/gold/${stem}.json`, 'utf8')) };
};
const key = (s: string | null | undefined) => (s ?? '').normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '');

/** Pairs gold rows with extracted rows by project and level3, in order, as the scorer does. */
function pair(gold: Array<Record<string, unknown>>, got: Indicator[]) {
  const pool = new Map<string, Indicator[]>();
  for (const row of got) {
    const k = `${key(row.project)}|${key(row.level3)}`;
    pool.set(k, [...(pool.get(k) ?? []), row]);
  }
  let found = 0, fields = 0, right = 0;
  for (const g of gold) {
    const row = pool.get(`${key(g.project as string)}|${key(g.level3 as string)}`)?.shift();
    if (!row) continue;
    found++;
    for (const f of ['level1', 'level2', 'comparator', 'targetValue', 'targetUnit', 'actualValue', 'weight', 'score', 'selfScore'] as const) {
      if (g[f] === undefined) continue;
      fields++;
      const want = g[f];
      const have = (row as Record<string, unknown>)[f] ?? null;
      if (typeof want === 'number' ? have === want : key(have as string) === key(want as string) && (want === null) === (have === null)) right++;
    }
  }
  return { recall: found / gold.length, accuracy: fields ? right / fields : 1, extra: got.length - found };
}

const STEMS = ['xihu-2022-dept-self-eval', 'suixi-2022-verification', 'emeishan-2023-final-accounts', 'xuwen-2023-dept-self-eval', 'wuchuan-2025-dept-self-eval'];

describe('extractIndicators on the corpus', () => {
  for (const stem of STEMS) {
    it(`${stem}: finds the gold rows with their fields`, () => {
      const { doc, meta, gold } = load(stem);
      const got = extractIndicators(doc, meta);
      if (!gold.indicators.length) { expect(got).toHaveLength(0); return; }
      const { recall, accuracy, extra } = pair(gold.indicators, got);
      expect(recall).toBeGreaterThanOrEqual(0.98);
      expect(accuracy).toBeGreaterThanOrEqual(0.99);
      expect(extra).toBe(0);
    });
  }

  it('fills level1 and level2 down from merged (omitted) cells and reads the target prefix', () => {
    const { doc, meta } = load('xihu-2022-dept-self-eval');
    const rows = extractIndicators(doc, meta);
    // 绩效目标表: a header mid-table after 部门基本信息 rows, merged level cells dropped by the extraction
    const byName = rows.filter((r) => r.level3 === '稽核覆盖率');
    expect(byName[0]).toMatchObject({ project: null, level1: '产出指标', level2: '时效指标', comparator: '=', targetValue: 100, targetUnit: '%' });
    // 成本指标 under 产出指标 is a level2, not a new level1
    const cost = rows.find((r) => r.level3 === '职工医疗保险待遇支付')!;
    expect(cost).toMatchObject({ level1: '产出指标', level2: '成本指标', comparator: '>', targetValue: 4482, targetUnit: '万元' });
    // the 自评表 has 实际完成值 but no weight or score column: those fields are absent
    const self = rows.find((r) => r.level3 === '居民医疗保险参保人数达到目标值' && r.actual != null)!;
    expect(self).toMatchObject({ actual: '185164', actualValue: 185164, targetValue: 183690, targetUnit: '人' });
    expect('weight' in self).toBe(false);
    expect('score' in self).toBe(false);
    expect(self.raw).toContain('185164');
    expect(self.source.line).toBeGreaterThan(0);
  });

  it('reads the verification 评分表: a header over two rows, shifted OCR rows, selfScore and score', () => {
    const { doc, meta } = load('suixi-2022-verification');
    const rows = extractIndicators(doc, meta);
    expect(rows).toHaveLength(30);
    expect(rows[0]).toMatchObject({ level1: '预算编制情况', level2: '预算编制', level3: '预算编制合理性', weight: 3, selfScore: 3, score: 3 });
    expect(rows.find((r) => r.level3 === '预算编制准确性')).toMatchObject({ weight: 5, selfScore: 5, score: 1.5 });
    // rows whose cells the OCR shifted are realigned by content
    expect(rows.find((r) => r.level3 === '目标完整性')).toMatchObject({ level2: '目标设置', weight: 4, selfScore: 4, score: 2 });
    expect(rows.find((r) => r.level3 === '政府采购执行率')).toMatchObject({ level1: '预算执行情况', level2: '支出管理', weight: 2, selfScore: 2, score: 0.36 });
    expect(rows.find((r) => r.level3 === '项目监管')).toMatchObject({ level2: '项目管理', weight: 5, selfScore: 5, score: 5 });
    // a table continued on the next page keeps level1 from the previous one; spaces inside level names go
    expect(rows.find((r) => r.level3 === '财务合规性')).toMatchObject({ level1: '预算执行情况', score: 5 });
    expect(rows.find((r) => r.level3 === '绩效目标')).toMatchObject({ level1: '预算监督情况', level2: '信息公开' });
  });

  it('reads project tables: comparator column, unit column, project name without code, rows split by a blank', () => {
    const { doc, meta } = load('emeishan-2023-final-accounts');
    const rows = extractIndicators(doc, meta);
    const first = rows[0];
    expect(first).toMatchObject({ project: '城乡居民医疗保险县级配套资金', level1: '产出指标', level2: '数量指标', level3: '县级补助人数', comparator: '>', targetValue: 300000, targetUnit: '人数', actualValue: 289325, weight: 15, score: 14.5 });
    const qualitative = rows.find((r) => r.level3 === '保障参保人员享受医保待遇')!;
    expect(qualitative).toMatchObject({ comparator: 'qualitative', target: '优', targetValue: null, actual: '优', actualValue: null, weight: 15, score: 15 });
    // 效益指标 row broken in two by an empty unit cell
    const split = rows.find((r) => r.level3 === '确保医保窗口更方便群众办事')!;
    expect(split).toMatchObject({ project: '标准化服务大厅建设经费', comparator: 'qualitative', targetUnit: null, weight: 15, score: 15 });
    expect(rows.find((r) => r.level3 === '乡村振兴第一书记经费控制全额')).toMatchObject({ comparator: '<=', targetValue: 41850, targetUnit: '元/年', actualValue: 1.74 });
  });
});

describe('alignCells', () => {
  it('places a short row by content: hierarchy cells omitted on the left, empty reason omitted on the right', () => {
    const kinds = ['free', 'hier', 'hier', 'name', 'cmp', 'value', 'unit', 'value', 'num', 'num', 'text'] as const;
    const a = alignCells(['质量指标', '县级补助率', '＝', '100', '%', '100', '15', '15'], [...kinds])!;
    expect(a.columns).toEqual([null, null, '质量指标', '县级补助率', '＝', '100', '%', '100', '15', '15', null]);
  });
});

describe('valueInSentence: a completion value written as a sentence', () => {
  it('gives the one number the sentence states in the target unit', () => {
    expect(valueInSentence('全年参保185164人，超额完成', '人')).toBe(185164);
    expect(valueInSentence('参保率达到96.5%', '%')).toBe(96.5);
  });
  it('gives none where the sentence has other numbers, another unit or magnitude, or none', () => {
    expect(valueInSentence('完成2次培训，覆盖300人', '次')).toBeNull();
    expect(valueInSentence('2023年完成96%', '%')).toBeNull();
    expect(valueInSentence('完成1.5万人', '人')).toBeNull();
    expect(valueInSentence('已按时完成', '%')).toBeNull();
  });
});

describe('indicator headers of the national self-evaluation form', () => {
  it('takes the row that numbers the columns (① ② … ⑦=⑥×⑤/④) as part of the header, not as an indicator', async () => {
    const { detectIndicatorHeader } = await import('../../pipeline/extract/tables/header.ts');
    const row = (cells: string[]) => ({ cells, fromAbove: cells.map(() => false) });
    const rows = [
      row(['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施']),
      row(['①', '②', '③', '④', '⑤', '⑥', '⑦=⑥×⑤/④', '⑧']),
      row(['产出指标', '数量指标', '培训人数', '≥100人', '120人', '10', '10', '']),
    ];
    const h = detectIndicatorHeader(rows, 0);
    expect(h?.end).toBe(2);
    expect(h?.roles).toEqual(['level1', 'level2', 'level3', 'target', 'actual', 'weight', 'score', 'text']);
  });
});
