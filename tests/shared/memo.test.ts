// The bounded memo the extractors share (pipeline/shared/memo.ts): a result is computed once per
// short string, every caller gets its own copy, long strings are never kept, and the store is bounded.
import { describe, expect, it } from 'vitest';
import { memoByString } from '../../pipeline/shared/memo.ts';
import { findLabels } from '../../pipeline/extract/figures/lexicon.ts';

describe('memoByString', () => {
  it('computes once per short string and hands out copies', () => {
    let calls = 0;
    const split = memoByString((s: string) => { calls++; return s.split(''); }, { maxKeyLength: 10, maxChars: 100, copy: (a) => a.slice() });
    const first = split('一般公共预算');
    first.push('edited');
    expect(split('一般公共预算')).toEqual([...'一般公共预算']);
    expect(calls).toBe(1);
  });

  it('computes a long string every time without keeping it, and starts over when full', () => {
    let calls = 0;
    const len = memoByString((s: string) => { calls++; return s.length; }, { maxKeyLength: 4, maxChars: 2, copy: (n) => n });
    len('长长长长长'); len('长长长长长');
    expect(calls).toBe(2);
    len('a'); len('b'); len('c'); len('a');
    expect(calls).toBe(6); // 'c' would have passed the two characters kept, so the store started over and 'a' was computed again
  });

  it('gives the label matcher the same answers as a fresh match, whatever an earlier caller did', () => {
    const cell = '一般公共预算财政拨款收入';
    const once = findLabels(cell);
    expect(once.length).toBeGreaterThan(0);
    once[0].key = 'expenditure.total';
    expect(findLabels(cell)[0].key).not.toBe('expenditure.total');
  });
});
