import { describe, expect, it } from 'vitest';
import { findNumbers, parseComparator, parseMoney, parseNumber, parsePercent, parseQuantity, toYuan } from '../../pipeline/normalize/numbers.ts';
import { foldWidth, labelKey, normalizeText } from '../../pipeline/normalize/text.ts';

describe('numbers', () => {
  it('reads thousands separators and full-width digits', () => {
    expect(parseNumber('14,057.72')).toBe(14057.72);
    expect(parseNumber('１２３．５')).toBe(123.5);
    expect(parseNumber(' 24 315.81 ')).toBe(24315.81);
    expect(parseNumber('-24.34')).toBe(-24.34);
    expect(parseNumber('约100')).toBeNull();
    expect(parseNumber('')).toBeNull();
  });

  it('converts 万元 and 亿元 to yuan without binary noise', () => {
    expect(toYuan(607.94, '万元')).toBe(6079400);
    expect(toYuan(33064.87, '万元')).toBe(330648700);
    expect(toYuan(1.2345, '亿元')).toBe(123450000);
    expect(parseMoney('14,057.72万元')).toBe(140577200);
    expect(parseMoney('1122179.48元')).toBe(1122179.48);
    expect(parseMoney('1万')).toBe(10000);
    expect(parseMoney('390.22', '万元')).toBe(3902200);
    expect(parseMoney('390.22')).toBeNull();
  });

  it('finds amounts with units and percentages in a sentence', () => {
    const found = findNumbers('2023年度本年支出合计4265.40万元，其中：基本支出478.86万元，占11.23%');
    expect(found.map((n) => [n.value, n.unit, n.percent])).toEqual([
      [2023, null, false], [4265.4, '万元', false], [478.86, '万元', false], [11.23, null, true],
    ]);
  });

  it('does not take a count in 万 for money', () => {
    expect(findNumbers('参保人数93.89万人，筹资2万元').map((n) => [n.value, n.unit])).toEqual([[93.89, null], [2, '万元']]);
  });

  it('reads percentages', () => {
    expect(parsePercent('52.50%')).toBe(52.5);
    expect(parsePercent('１００％')).toBe(100);
  });

  it('splits comparators written as signs, words or target prefixes', () => {
    expect(parseComparator('＞').comparator).toBe('>');
    expect(parseComparator('≥98%')).toEqual({ comparator: '>=', rest: '98%' });
    expect(parseComparator('>=310元').comparator).toBe('>=');
    expect(parseComparator('＜=150万元').comparator).toBe('<=');
    expect(parseComparator('定性').comparator).toBe('qualitative');
    expect(parseComparator('优').comparator).toBeNull();
  });

  it('splits a target into comparator, value and unit', () => {
    expect(parseQuantity('>14804万元')).toEqual({ comparator: '>', value: 14804, unit: '万元' });
    expect(parseQuantity('=3次')).toEqual({ comparator: '=', value: 3, unit: '次' });
    expect(parseQuantity('>=98%')).toEqual({ comparator: '>=', value: 98, unit: '%' });
    expect(parseQuantity('185164')).toEqual({ comparator: null, value: 185164, unit: null });
    expect(parseQuantity('优')).toEqual({ comparator: null, value: null, unit: null });
  });
});

describe('text', () => {
  it('folds full-width digits and signs but keeps Chinese punctuation', () => {
    expect(foldWidth('２０２３年（一）：１００％，')).toBe('2023年（一）：100%，');
  });
  it('maps Kangxi radicals that PDFs emit to ordinary characters', () => {
    expect(normalizeText('⼀、单位基本情况')).toBe('一、单位基本情况');
  });
  it('builds label keys without spaces or punctuation', () => {
    expect(labelKey('“三公” 经费')).toBe('三公经费');
  });
});
