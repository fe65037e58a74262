// The figures label vocabulary: match text normalisation, label boundaries, phase words, table cells.
import { describe, expect, it } from 'vitest';
import { findLabels, labelOfCell, normalizeForMatch, phaseWordsIn } from '../../pipeline/extract/figures/lexicon.ts';

const keys = (s: string) => findLabels(normalizeForMatch(s).text).filter((l) => l.free && !l.blocked).map((l) => l.key);

describe('figures lexicon', () => {
  it('folds quotes, spaces, full-width digits and digit-free parentheticals', () => {
    expect(normalizeForMatch('“三公” 经费 １２．５万元').text).toBe('三公经费12.5万元');
    expect(normalizeForMatch('资产总额（账面净值，下同）69.91万元').text).toBe('资产总额69.91万元');
    expect(normalizeForMatch('因公出国（境）费').text).toBe('因公出国费');
    const m = normalizeForMatch('净资产 67.16万元');
    expect('净资产 67.16万元'.slice(m.map[3], m.map[7] + 1)).toBe('67.16');
  });

  it('matches label variants to keys, longest first', () => {
    expect(keys('"三公"经费')).toEqual(['threePublic.total']);
    expect(keys('公务用车购置及运行维护费')).toEqual(['threePublic.vehicle']);
    expect(keys('公务用车购置费')).toEqual(['threePublic.vehiclePurchase']);
    expect(keys('公车运行维护费')).toEqual(['threePublic.vehicleOps']);
    expect(keys('一般公共预算财政拨款收入')).toEqual(['income.fiscal']);
    expect(keys('日常公用经费')).toEqual(['expenditure.public']);
    expect(keys('政府采购支出总额')).toEqual(['procurement.total']);
    expect(keys('实际在用固定资产总额')).toEqual(['fixedAssets.inUse']);
    expect(keys('年末财政拨款结转和结余')).toEqual(['carryover.end']);
  });

  it('rejects labels inside longer names and lookalikes', () => {
    expect(keys('劳务派遣人员经费')).toEqual([]);
    expect(keys('生育保险基金支出总额')).toEqual([]);
    expect(keys('年初结转和结余')).toEqual([]);
    expect(keys('政府采购货物支出')).toEqual([]);
    expect(keys('工资福利支出')).toEqual([]);
  });

  it('reads phase words, masking 一般公共预算 and rates', () => {
    const words = (s: string) => phaseWordsIn(normalizeForMatch(s).text).map((w) => `${w.phase}${w.strong ? '' : '?'}`);
    expect(words('调整后预算数')).toEqual(['adjusted']);
    expect(words('全年预算数')).toEqual(['adjusted']);
    expect(words('年初预算')).toEqual(['budget']);
    expect(words('预算数')).toEqual(['budget?']);
    expect(words('支出决算数')).toEqual(['final']);
    expect(words('一般公共预算财政拨款支出执行率')).toEqual([]);
  });

  it('recognises label cells with 其中 and enumeration prefixes', () => {
    expect(labelOfCell('其中：人员经费')?.key).toBe('expenditure.personnel');
    expect(labelOfCell('一、一般公共预算财政拨款收入')?.key).toBe('income.fiscal');
    expect(labelOfCell('本 年 收 入 合 计')?.key).toBe('income.total');
    expect(labelOfCell('居民医疗保险征缴达到目标值')).toBeNull();
  });
});
