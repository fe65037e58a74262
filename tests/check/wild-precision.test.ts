// The prose, conflict and cross-report rules on real published budgets (fixtures/wild/docs, copied unchanged from
// the wild corpus): what the report writes correctly raises nothing, and the same text with one number or word
// changed is flagged. Each case cites the file and page it comes from.
import { join } from 'node:path';
import { segmentedFile } from '../helpers.ts';
import { describe, expect, it } from 'vitest';
import { extract } from '../../pipeline/extract/index.ts';
import { buildContext } from '../../pipeline/check/index.ts';
import type { CheckContext, ReportSummary } from '../../pipeline/check/types.ts';
import type { SegmentedDocument } from '../../schemas/sections.ts';
import type { DocumentMeta } from '../../schemas/records.ts';
import { figureValues } from '../../pipeline/check/rules/figure-values.ts';
import { figureParts } from '../../pipeline/check/rules/figure-parts.ts';
import { proseGrowth } from '../../pipeline/check/rules/prose-growth.ts';
import { proseShare } from '../../pipeline/check/rules/prose-share.ts';
import { comparisonWord } from '../../pipeline/check/rules/comparison-word.ts';
import { ownOrganisation } from '../../pipeline/check/rules/entity-name.ts';
import { sameUnit } from '../../pipeline/check/cross.ts';
import { printedPercentFits } from '../../pipeline/check/util.ts';

const WILD = join(import.meta.dirname, '../../fixtures/wild/docs');
const SH_EMERGENCY = 'calinchow-del_2026年上海市应急管理局_部门预算_663ac9f2.pdf';
const JS_NPC_2018 = 'ae86jack_省人大办公厅2018预算公开_ac3b6bb6.pdf';
const BJ_SASAC = 'calinchow-del_2026年北京市人民政府国有资产监督管理委员会部门预算_b3d20c6f.pdf';
const BJ_HRSS = 'calinchow-del_2026年北京市人力资源和社会保障局部门预算_f4fc3823.pdf';
const BJ_TRAFFIC = 'calinchow-del_2026年北京市公安局交通管理局部门预算_80d7c275.pdf';
const PT_JUSTICE = 'zxj6827111-blip_unit_budget_30d3176a.pdf';
const JS_CPPCC_2017 = 'ae86jack_江苏省政协办公厅2017年度部门预算_2f038515.pdf';
const JS_PARTY_2019 = 'ae86jack_江苏省委办公厅2019年度部门预算公开文件_1246b045.pdf';
const JS_PROCURATORATE = 'ae86jack_2019年度部门预算公开_afc66731.pdf';
const PT_PLANNING = 'zxj6827111-blip_上海市普陀区规划和自然资源局_2024_年度部门决算_fa222afc.pdf';
const GZ_COMMERCE = 'calinchow-del_2026年广州市商务局部门预算_45a87e25.pdf';

function load(name: string): Promise<SegmentedDocument> {
  return segmentedFile(join(WILD, name));
}

const squash = (s: string) => s.replace(/[\s\u3000]+/g, '');

/**
 * The report's context, read and extracted afresh, with the `nth` occurrence of `from` replaced by `to` (in a
 * paragraph, white space ignored, or a whole table cell): the same report with one thing printed differently.
 */
async function report(name: string, edit?: { from: string; to: string; nth?: number }): Promise<CheckContext> {
  const doc: SegmentedDocument = structuredClone(await load(name));
  if (edit) {
    let seen = 0, done = false;
    for (const b of doc.blocks) {
      if (done) break;
      if (b.kind === 'paragraph') {
        const t = squash(b.text);
        if (t.includes(squash(edit.from)) && seen++ === (edit.nth ?? 0)) { b.text = t.replace(squash(edit.from), edit.to); done = true; }
      } else {
        for (const row of b.rows) for (const cell of row) {
          if (!done && squash(cell.text) === squash(edit.from) && seen++ === (edit.nth ?? 0)) { cell.text = edit.to; done = true; }
        }
      }
    }
    if (!done) throw new Error(`not in ${name}: ${edit.from}`);
  }
  return buildContext(doc, extract(doc));
}

const messages = (flags: Array<{ message: string }>) => flags.map((f) => f.message);

describe('conflict.figure-values compares only the same quantity', () => {
  it('a 元 table row 支出总计 | 合计 | 人员经费 | 公用经费 | 项目支出 holds one total, not four (上海市应急管理局 p7)', async () => {
    // p7 收支预算总表 (元): 支出总计 | 17,312,300 | 10,923,200 | 3,065,800 | 3,323,300; p6 '支出预算1,731万元'
    const ctx = await report(SH_EMERGENCY);
    expect(messages(figureValues.check(ctx))).toEqual([]);
    const onPage7 = (c: CheckContext) => c.extraction.figures.filter((f) => f.key === 'expenditure.total' && f.source.page === 7).map((f) => f.valueYuan);
    expect(onPage7(ctx)).toEqual([17_312_300]);
    // the row's 合计 cell is the one read: misprinted, the figure reads the misprint, and the part columns stay out
    expect(onPage7(await report(SH_EMERGENCY, { from: '17,312,300', to: '19,312,300', nth: 3 }))).toEqual([19_312_300]);
  }, 60_000);

  it('购置费 under 公务用车购置及运行费 is a sub-item, not the whole (上海市应急管理局 p19-20)', async () => {
    // p19 三公 table: 公务用车购置及运行费 小计 17.50 | 购置费 0.00 | 运行费 17.50; p20 '公务用车购置及运行费17.50万元'
    const ctx = await report(SH_EMERGENCY, { from: '（二）公务用车购置及运行费17.50万元', to: '（二）公务用车购置及运行费19.50万元' });
    expect(messages(figureValues.check(ctx)).join('\n')).toMatch(/19\.50万元[\s\S]*17\.50|17\.50[\s\S]*19\.50/);
  }, 60_000);

  it('the 合计 of a “三公”经费、会议费、培训费 table is no 三公 figure (江苏省人大办公厅 2018 p15)', async () => {
    // 合计 2542.60 = 三公 833.60 + 会议费 1305.25 + 培训费 403.75
    expect(messages(figureValues.check(await report(JS_NPC_2018)))).toEqual([]);
    // the 三公 小计 misprinted 883.60: against the 三公 items' prose (p27 因公出国 222.5 …) the tables still read 833.60 elsewhere
    const ctx = await report(JS_NPC_2018, { from: '833.60', to: '883.60' });
    expect(ctx.extraction.figures.some((f) => f.key === 'threePublic.total' && f.valueYuan === 25_426_000)).toBe(false);
  }, 60_000);

  it('一般公共预算拨款收入 is a part of 财政拨款收入, not a second value of it (北京市国资委 p3)', async () => {
    // p3 '（一）本年财政拨款收入515,256.66万元 1.一般公共预算拨款收入19,756.66万元' (+ 国有资本经营预算拨款 495,500.00)
    expect(messages(figureValues.check(await report(BJ_SASAC)))).toEqual([]);
  }, 60_000);

  it('其他资金收入 (all non-fiscal money) is not the 其他收入 line (北京市人力资源和社会保障局 p4-5)', async () => {
    expect(messages(figureValues.check(await report(BJ_HRSS)))).toEqual([]);
  }, 60_000);

  it('公务接待费（款） is a classification line, not the 三公 公务接待费 (江苏省政协办公厅 2017 p12, p18)', async () => {
    // p12 '（8）公务接待费（款）支出16万元。用于除专项接待费外的…' beside p18 '公务接待费支出443.50万元'
    expect(messages(figureValues.check(await report(JS_CPPCC_2017)))).toEqual([]);
    const plain = await report(JS_CPPCC_2017, { from: '（8）公务接待费（款）支出16万元', to: '（8）公务接待费支出16万元' });
    expect(messages(figureValues.check(plain)).join('\n')).toContain('16万元');
  }, 60_000);

  it('a project line 因公出国（境）经费 of one unit is not the department’s 三公 item (广州市商务局 p24)', async () => {
    const ctx = await report(GZ_COMMERCE);
    expect(ctx.extraction.figures.filter((f) => f.key === 'threePublic.abroad').map((f) => f.valueYuan / 10_000)).not.toContain(163);
    expect(messages(figureValues.check(ctx))).toEqual([]);
  }, 60_000);
});

describe('arithmetic.figure-parts takes all the parts the text gives', () => {
  it('支出预算 = 基本 + 项目 + 年终结转结余 (北京市公安局交通管理局 p5-6)', async () => {
    // 529,260.34 = 376,567.92 + 138,255.42 + （三）年终结转结余资金14437
    expect(messages(figureParts.check(await report(BJ_TRAFFIC)))).toEqual([]);
    const none = await report(BJ_TRAFFIC, { from: '（三）年终结转结余资金14437万元。', to: '（三）年终结转结余资金0万元。' });
    expect(messages(figureParts.check(none)).join('\n')).toContain('529260.34');
  }, 60_000);

  it('a whole number of 元 is exact to the yuan: 22,118,861 holds 22,118,861.34 (上海市普陀区司法局 p12, p19)', async () => {
    expect(messages(figureParts.check(await report(PT_JUSTICE)))).toEqual([]);
    // p19 人员经费 misprinted 20,282,981.00: 20,282,981.00 + 1,845,880.34 is 10,000.34元 over 基本支出 22,118,861
    const off = await report(PT_JUSTICE, { from: '20,272,981.00', to: '20,282,981.00' });
    expect(figureParts.check(off).length).toBeGreaterThan(0);
  }, 60_000);
});

describe('ratio.prose-growth: rounded or truncated, from the numbers as printed', () => {
  it('the bounds: 16.078% may read 16.08% or 16.07%, 29.15% neither 30% nor 29.2%', () => {
    expect(printedPercentFits(16.07, 2, [16.0776, 16.0779])).toBe(true);
    expect(printedPercentFits(16.08, 2, [16.0776, 16.0779])).toBe(true);
    expect(printedPercentFits(16.06, 2, [16.0776, 16.0779])).toBe(false);
    expect(printedPercentFits(30, 0, [29.150, 29.151])).toBe(false);
  });

  it('flags 增长30% for 878.93 on 3,015.16 (29.15%) and accepts 增长16.07% for 1297.83 on 8072.29 (江苏省委办公厅 2019 p9)', async () => {
    const flags = messages(proseGrowth.check(await report(JS_PARTY_2019)));
    expect(flags.some((m) => m.includes('878.93') && m.includes('30%'))).toBe(true);
    expect(flags.some((m) => m.includes('1297.83'))).toBe(false);
    const changed = messages(proseGrowth.check(await report(JS_PARTY_2019, { from: '增长16.07%', to: '增长16.17%' })));
    expect(changed.some((m) => m.includes('1297.83'))).toBe(true);
  }, 60_000);

  it('flags 收支总计各增加2214.39万元 增长10.06% (10.09%), accepts 2228.78 增长10.15% (10.158%, truncated) (江苏省人民检察院 2019 p25-27)', async () => {
    const flags = messages(proseGrowth.check(await report(JS_PROCURATORATE)));
    expect(flags.some((m) => m.includes('2214.39') && m.includes('10.06%'))).toBe(true);
    expect(flags.some((m) => m.includes('2228.78'))).toBe(false);
  }, 60_000);

  it('an amount dated last year is the base: 2016年度…为8,648.07万元，增加498.72万元，增长5.77% (江苏省政协办公厅 2017 p6)', async () => {
    expect(messages(proseGrowth.check(await report(JS_CPPCC_2017))).filter((m) => m.includes('5.77%'))).toEqual([]);
    const changed = messages(proseGrowth.check(await report(JS_CPPCC_2017, { from: '增加498.72万元，增长5.77%', to: '增加498.72万元，增长5.97%' })));
    expect(changed.some((m) => m.includes('5.97%'))).toBe(true);
  }, 60_000);

  it('a change is no base: 公务接待费支出决算减少0.15万元，下降27.78% (0.39 + 0.15 = 0.54) (普陀区规划和自然资源局 2024 p25)', async () => {
    expect(messages(proseGrowth.check(await report(PT_PLANNING)))).toEqual([]);
  }, 60_000);
});

describe('ratio.prose-share: the whole the sentence names, shares balanced to 100%', () => {
  it('accepts 65.56% + 17.94% + 16.5% = 100% (65.553% nudged), flags 65.66% (江苏省人民检察院 2019 p26-27)', async () => {
    expect(messages(proseShare.check(await report(JS_PROCURATORATE)))).toEqual([]);
    const changed = messages(proseShare.check(await report(JS_PROCURATORATE, { from: '基本支出15,844.04万元，占65.56%', to: '基本支出15,844.04万元，占65.66%' })));
    expect(changed.some((m) => m.includes('65.66%'))).toBe(true);
  }, 60_000);

  it('占本年支出预算的53.59% is of 基本 + 项目, not of a 支出预算 that holds 年终结转结余 (北京市人力资源和社会保障局 p6)', async () => {
    expect(messages(proseShare.check(await report(BJ_HRSS)))).toEqual([]);
  }, 60_000);

  it('占本年支出合计的99.86% is not read against 财政拨款收入支出总计 (普陀区规划和自然资源局 2024 p21)', async () => {
    expect(messages(proseShare.check(await report(PT_PLANNING)))).toEqual([]);
  }, 60_000);
});

describe('conflict.comparison-word', () => {
  it('flags 决算数大于预算数 where 支出决算446.11 < 年初预算452.40, not 小于 (普陀区规划和自然资源局 2024 p22)', async () => {
    expect(messages(comparisonWord.check(await report(PT_PLANNING)))).toEqual([]);
    const ctx = await report(PT_PLANNING, { from: '完成年初预算的98.61%。决算数小于预算数', to: '完成年初预算的98.61%。决算数大于预算数' });
    const flags = messages(comparisonWord.check(ctx));
    expect(flags).toHaveLength(1);
    expect(flags[0]).toContain('大于');
    expect(flags[0]).toContain('446.11');
  }, 60_000);
});

describe('cross.year-figures: the same unit only', () => {
  const meta = (unit: string, region: string | null, scope: DocumentMeta['scope'] = 'department'): ReportSummary => ({
    file: unit, meta: { unit, region, year: 2017, reportType: 'budget', title: null, scope, consolidates: [] }, figures: [], scores: [], projects: [], indicators: [],
  });
  it('never two departments: 江苏省委办公厅 and 江苏省政协办公厅 (the two 2017 budgets)', () => {
    expect(sameUnit(meta('江苏省委办公厅', '江苏省'), meta('江苏省政协办公厅', '江苏省'))).toBe(false);
  });
  it('one Party office written three ways: 中共江苏省委办公厅 = 江苏省委办公厅 = 中国共产党江苏省委员会办公厅', () => {
    expect(sameUnit(meta('中共江苏省委办公厅', '江苏省'), meta('江苏省委办公厅', '江苏省'))).toBe(true);
    expect(sameUnit(meta('中国共产党江苏省委员会办公厅', '江苏省'), meta('江苏省委办公厅', null))).toBe(true);
  });
  it('a short name matches a long one only where the regions agree', () => {
    expect(sameUnit(meta('西湖区医疗保障局', '西湖区'), meta('南昌市西湖区医疗保障局', '南昌市西湖区'))).toBe(true);
    expect(sameUnit(meta('西湖区医疗保障局', '杭州市西湖区'), meta('南昌市西湖区医疗保障局', '南昌市西湖区'))).toBe(false);
  });
  it('a 单位预算 is not its department’s: 上海市普陀区商务委员会 部门预算 and 单位预算 (2025)', () => {
    expect(sameUnit(meta('上海市普陀区商务委员会', '上海市普陀区', 'department'), meta('上海市普陀区商务委员会', '上海市普陀区', 'unit'))).toBe(false);
  });
});

describe('entity.other-unit: the unit’s own names are not another unit', () => {
  it('longer and shorter forms, subordinate units and listed units are its own; another bureau is not', () => {
    expect(ownOrganisation('广州市生态环境局', '广州市生态环境局部', [])).toBe(true);
    expect(ownOrganisation('上海市应急管理局执法总队', '上海市应急管理局', [])).toBe(true);
    expect(ownOrganisation('北京市社会组织管理中心', '北京市民政局', ['北京市民政局（本级）', '北京市社会组织管理中心'])).toBe(true);
    expect(ownOrganisation('徐闻县统计局', '徐闻县医疗保障局', [])).toBe(false);
  });
});
