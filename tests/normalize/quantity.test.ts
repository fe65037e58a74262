// Targets as real target tables write them: comparators after the number, units of any length.
import { describe, expect, it } from 'vitest';
import { parseQuantity } from '../../pipeline/normalize/numbers.ts';

describe('parseQuantity', () => {
  it.each([
    ['400条以上', '>=', 400, '条'],
    ['5个以内', '<=', 5, '个'],
    ['3天内', '<=', 3, '天'],
    ['100%以上', '>=', 100, '%'],
    ['≤560元/人/天', '<=', 560, '元/人/天'],
    ['≤25微克/立方米', '<=', 25, '微克/立方米'],
    ['>=400元/人·次', '>=', 400, '元/人·次'],
    ['2次/年', null, 2, '次/年'],
    ['≥1.07亿元', '>=', 1.07, '亿元'],
    ['100%，或者达到95%以上且对存在违法违规开发利用的地块全部依法处理', null, 100, '%'],
    ['=21人', '=', 21, '人'],
  ])('%s', (raw, comparator, value, unit) => {
    expect(parseQuantity(raw)).toEqual({ comparator, value, unit });
  });
  it('a prefix comparator wins over a suffix word', () => {
    expect(parseQuantity('≥90%以上').comparator).toBe('>=');
  });
});
