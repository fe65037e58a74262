// Figures extraction on the real corpus text, scored against fixtures/gold as score.mjs scores it,
// plus the cases the extractor must get right in any report.
import { describe, expect, it } from 'vitest';
import { extractFigures } from '../../pipeline/extract/figures/index.ts';
import { proseFigures } from '../../pipeline/extract/figures/prose.ts';
import { tableFigures } from '../../pipeline/extract/figures/tables.ts';
import type { Table } from '../../schemas/document.ts';
import type { DocumentMeta, Figure } from '../../schemas/records.ts';
import { STEMS, gold, segmentedText } from '../helpers.ts';

const near = (a: number, b: number) => Math.abs(a - b) <= Math.max(1, 1e-6 * Math.abs(b));

/** Recall and precision as the scorer counts them (figuresComplete: extra keys are wrong). */
function score(figures: Figure[], g: any) {
  const yearKey = (y: number | null | undefined) => (y == null || y === g.year ? '' : String(y));
  const got = new Map<string, number[]>();
  for (const f of figures) {
    const k = `${f.key}|${f.phase}|${yearKey(f.year)}`;
    got.set(k, [...(got.get(k) ?? []), f.valueYuan]);
  }
  let tp = 0, fn = 0, fp = 0;
  const goldKeys = new Set<string>();
  for (const gf of g.figures) {
    const k = `${gf.key}|${gf.phase}|${yearKey(gf.year)}`;
    goldKeys.add(k);
    const vals = got.get(k) ?? [];
    for (const v of gf.values) (vals.some((x) => near(x, v)) ? tp++ : fn++);
    fp += [...new Set(vals)].filter((x) => !gf.values.some((v: number) => near(x, v))).length;
  }
  if (g.figuresComplete) for (const [k, vals] of got) if (!goldKeys.has(k)) fp += new Set(vals).size;
  return { recall: tp / (tp + fn), precision: tp + fp ? tp / (tp + fp) : 1 };
}

const metaOf = (g: any): DocumentMeta => ({ unit: g.unit, region: null, year: g.year, reportType: g.reportType, title: null, scope: null, consolidates: [] });

// measured on the five reports (all 100% precision; recall misses are a formula operand and a 申报金额)
const THRESHOLDS: Record<string, { recall: number; precision: number }> = {
  'emeishan-2023-final-accounts': { recall: 1, precision: 1 },
  'suixi-2022-verification': { recall: 1, precision: 1 },
  'wuchuan-2025-dept-self-eval': { recall: 1, precision: 1 },
  'xihu-2022-dept-self-eval': { recall: 0.95, precision: 1 },
  'xuwen-2023-dept-self-eval': { recall: 0.92, precision: 1 },
};

describe('figures on the corpus text', () => {
  for (const stem of STEMS) {
    it(`${stem}: recall and precision against gold`, () => {
      const g = gold(stem);
      const figures = extractFigures(segmentedText(stem), metaOf(g));
      const { recall, precision } = score(figures, g);
      const t = THRESHOLDS[stem] ?? { recall: 0.9, precision: 0.9 };
      expect(recall).toBeGreaterThanOrEqual(t.recall);
      expect(precision).toBeGreaterThanOrEqual(t.precision);
      for (const f of figures) {
        expect(f.raw.length).toBeGreaterThan(0);
        expect(f.source.file).toBe(`${stem}.txt`);
      }
    });
  }

  it('keeps provenance: line and section of a prose figure', () => {
    const g = gold('xihu-2022-dept-self-eval');
    const figures = extractFigures(segmentedText('xihu-2022-dept-self-eval'), metaOf(g));
    const assets = figures.find((f) => f.key === 'assets.total')!;
    expect(assets.valueYuan).toBe(699100);
    expect(assets.source.line).toBeGreaterThan(0);
    expect(assets.section).toContain('现有资产情况');
  });

  it('skips project-level money (a project section, a 项目支出绩效自评表)', () => {
    const g = gold('emeishan-2023-final-accounts');
    const figures = extractFigures(segmentedText('emeishan-2023-final-accounts'), metaOf(g));
    // 1946.77万元 is one project's budget and execution, never the unit's
    expect(figures.some((f) => f.valueYuan === 19467700)).toBe(false);
    expect(figures.some((f) => f.valueYuan === 69700 && f.key === 'expenditure.personnel')).toBe(false);
  });
});

const ctx = { reportYear: 2023, defaultPhase: 'final' as const };
const one = (text: string, c = ctx) => proseFigures(text, c).map((f) => `${f.key} ${f.phase} ${f.valueYuan}${f.year ? ' ' + f.year : ''}`);

describe('prose cases', () => {
  it('reads 万 alone as 万元 and keeps the budget phase inside a 其中 breakdown', () => {
    expect(one('2023年“三公经费”预算安排数为2.4万元（其中公务接待费1万，公务用车运行维护费1.4万元，公务用车购置0万元），决算“三公”经费支出为0元，控制率为0%。')).toEqual([
      'threePublic.total budget 24000', 'threePublic.reception budget 10000', 'threePublic.vehicleOps budget 14000',
      'threePublic.vehiclePurchase budget 0', 'threePublic.total final 0',
    ]);
  });

  it('does not read 万人 as money', () => {
    expect(one('基本医疗保险参保人数达93.89万人，基本支出12万元。')).toEqual(['expenditure.basic final 120000']);
  });

  it('reads thousands separators', () => {
    expect(one('县医保局2022年初预算收入为14,057.72万元，为一般公共预算财政拨款收入；', { reportYear: 2022, defaultPhase: 'final' })).toEqual([
      'income.total budget 140577200', 'income.fiscal budget 140577200',
    ]);
  });

  it('skips a change (增加…万元) and percentages', () => {
    expect(one('2023年度收、支总计均为4265.40万元。与2022年度相比，收、支总计各增加2909.12万元，增长214.49%。')).toEqual([
      'income.total final 42654000', 'expenditure.total final 42654000',
    ]);
    expect(one('项目支出预算191.55万元，占总支出的34.40%，比上年增加4.25万元，增长2.27%。', { reportYear: 2025, defaultPhase: 'final' })).toEqual([
      'expenditure.project budget 1915500',
    ]);
  });

  it('tags a figure of another year', () => {
    expect(one('“三公”经费预算比上年减少18万元，主要原因是2024年“三公”经费中安排公务用车购置经费18万元。', { reportYear: 2025, defaultPhase: 'final' })).toEqual([
      'threePublic.vehiclePurchase budget 180000 2024',
    ]);
  });

  it('reads phase words: 调整后, 全年预算数, 决算, 财政下达预算数', () => {
    expect(one('调整后，预算收入554.48万元（其中：财政拨款收入554.48万元，预算支出554.48万元（其中：基本支出379.64万元，项目支出174.84万元）。')).toEqual([
      'income.total adjusted 5544800', 'income.fiscal adjusted 5544800', 'expenditure.total adjusted 5544800',
      'expenditure.basic adjusted 3796400', 'expenditure.project adjusted 1748400',
    ]);
    expect(one('2023年一般公共预算财政拨款支出4265.40万元，全年预算数为4277.40万元，完成预算的99.72%。')).toEqual([
      'expenditure.total final 42654000', 'expenditure.total adjusted 42774000',
    ]);
    expect(one('县医保局 2022 年度部门实际支出 24,315.81 万元，财政下达预算数 24,315.81 万元，支出完成率=100%。', { reportYear: 2022, defaultPhase: 'final' })).toEqual([
      'expenditure.total final 243158100', 'expenditure.total adjusted 243158100',
    ]);
  });

  it('skips fund money, function-class items and labels inside longer names', () => {
    expect(one('生育保险基金支出总额682万元；社会保障和就业支出309.72万元；2023年劳务派遣人员经费，项目全年预算数为6.97万元。')).toEqual([]);
    expect(one('一般公共预算拨款安排的会议费预算支出1469.73万元。')).toEqual([]);
  });

  it('gives a label-less amount the paragraph topic', () => {
    expect(one('2.“公用经费”控制率。本局2023年预算数为4.4万元，决算支出为4.4万元，“公用经费”控制率为100%。')).toEqual([
      'expenditure.public budget 44000', 'expenditure.public final 44000',
    ]);
  });
});

const table = (rows: string[][], title?: string): Table => ({
  kind: 'table', title, source: { file: 't.txt', line: 1 },
  rows: rows.map((r) => r.map((text) => ({ text, rowSpan: 1, colSpan: 1 }))),
});
const tab = (t: Table, before = '') => tableFigures(t, { reportYear: 2022, defaultPhase: 'final', before }).map((f) => `${f.key} ${f.phase} ${f.valueYuan}${f.year ? ' ' + f.year : ''}`);

describe('table cases', () => {
  it('reads a 绩效目标表 band in 万元', () => {
    expect(tab(table([
      ['当年预算情况（万元）', '', '', ''],
      ['收入预算合计', '607.94', '其中：上级财政拨款', ''],
      ['本级财政安排', '607.94', '其他资金', ''],
      ['支出预算合计', '607.94', '其中：人员经费', '390.22'],
      ['公用经费', '67.72', '项目经费', '150'],
    ]))).toEqual([
      'income.total budget 6079400', 'income.fiscal budget 6079400', 'expenditure.total budget 6079400',
      'expenditure.personnel budget 3902200', 'expenditure.public budget 677200', 'expenditure.project budget 1500000',
    ]);
  });

  it('reads a fixed-assets table in 元 from the line before it', () => {
    expect(tab(table([
      ['项目名称', '数量', '金额', '在用资产', '闲置资产'],
      ['', '', '', '金额', '占全部资产比例', '金额', '占全部资产比例'],
      ['一、土地、房屋及构筑物', '3', '596000', '596000', '53.11%', '0', '0'],
      ['合计', '205', '1122179.48', '1122179.48', '100%', '0', '0'],
    ]), '固定资产利用情况表\n单位：元')).toEqual(['fixedAssets.total final 1122179.48', 'fixedAssets.inUse final 1122179.48']);
  });

  it('reads phase and year from column headers, skips 行次 and code columns', () => {
    expect(tab(table([
      ['项目', '行次', '预算数', '决算数'],
      ['本年支出合计', '49', '100.00', '98.50'],
      ['302', '公务接待费', '3.40', '3.00'],
    ]), '单位：万元')).toEqual(['expenditure.total budget 1000000', 'expenditure.total final 985000']);
    expect(tab(table([
      ['2021年预算数', '2021年预算数', '2022年预算数', '2022年预算数'],
      ['合计', '公务接待费', '合计', '公务接待费'],
      ['11.90', '3.40', '3.40', '3.40'],
    ], '一般公共预算“三公”经费支出情况表'), '单位：万元')).toEqual([
      'threePublic.total budget 119000 2021', 'threePublic.reception budget 34000 2021',
      'threePublic.total budget 34000', 'threePublic.reception budget 34000',
    ]);
  });

  it('skips a project self-evaluation table', () => {
    expect(tab(table([
      ['项目名称', '51118121T000000046261-城乡居民医疗保险县级配套资金'],
      ['项目支出', '1,946.77'],
    ]), '单位：万元')).toEqual([]);
  });
});
