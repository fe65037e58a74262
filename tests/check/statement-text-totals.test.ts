// statement.text-amount on the totals the text writes in its own words (收入支出总计, 财政拨款收入支出总计) and
// statement.across on two statements of one document (一般公共预算基本支出 by function and by economic class): the real 普陀区规划和自然资源局 2024 部门决算, as published
// (silent) and with one sentence or cell of its parsed model changed the way an error would print it.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { extract } from '../../pipeline/extract/index.ts';
import { checkDocument } from '../../pipeline/check/index.ts';
import type { SegmentedDocument } from '../../schemas/sections.ts';
import { FIXTURES, segmentedFile } from '../helpers.ts';

const FILE = join(FIXTURES, 'wild', 'docs', 'zxj6827111-blip_上海市普陀区规划和自然资源局_2024_年度部门决算_fa222afc.pdf');
let doc: SegmentedDocument;
beforeAll(async () => { doc = await segmentedFile(FILE); }, 120_000);

/** The document with the first paragraph holding `from` rewritten to hold `to`. */
function withText(from: string, to: string): SegmentedDocument {
  const i = doc.blocks.findIndex((b) => b.kind === 'paragraph' && b.text.includes(from));
  expect(i, `a paragraph holds ${from}`).toBeGreaterThanOrEqual(0);
  const blocks = doc.blocks.map((b, k) => (k === i && b.kind === 'paragraph' ? { ...b, text: b.text.replace(from, to) } : b));
  return { ...doc, blocks };
}
const flags = (d: SegmentedDocument, rule: string) => checkDocument(d, extract(d)).filter((f) => f.rule === rule);

describe('totals the text writes in its own words', () => {
  it('is silent on the document as published (收入支出总计9859.38万元, 财政拨款收入支出总计9746.50万元)', () => {
    expect(flags(doc, 'statement.text-amount')).toEqual([]);
  });

  it('flags 收入支出总计 written as 0万元 against the 收入支出决算总表', () => {
    const found = flags(withText('收入支出总计9859.38万元', '收入支出总计0万元'), 'statement.text-amount');
    expect(found.map((f) => f.message).join('\n')).toContain('0万元');
    expect(found[0].computed).toBe(98_593_800);
  });

  it('reads 财政拨款收入支出总计 against the 财政拨款收入支出决算总表, not the whole-unit 总计', () => {
    expect(flags(withText('财政拨款收入支出总计9746.50万元', '财政拨款收入支出总计9746.50万元'), 'statement.text-amount')).toEqual([]);
    const found = flags(withText('财政拨款收入支出总计9746.50万元', '财政拨款收入支出总计9764.50万元'), 'statement.text-amount');
    expect(found.map((f) => f.computed)).toEqual([97_465_000]);
  });
});

/** The document with one table cell's text rewritten. */
function withCell(from: string, to: string): SegmentedDocument {
  let done = false;
  const blocks = doc.blocks.map((b) => (b.kind !== 'table' || done ? b : {
    ...b, rows: b.rows.map((r) => r.map((c) => (!done && c.text.trim() === from ? (done = true, { ...c, text: to }) : c))),
  }));
  expect(done, `a cell reads ${from}`).toBe(true);
  return { ...doc, blocks };
}

describe('the same quantity in two statements', () => {
  it('is silent where 人员经费合计 + 公用经费合计 equals the 基本支出 of the table by function (4884.09 + 480.66 = 5364.75)', () => {
    expect(flags(doc, 'statement.across')).toEqual([]);
  });

  it('flags 人员经费合计 changed so the economic table no longer adds up to the 基本支出 by function', () => {
    const found = flags(withCell('4884.09', '4894.09'), 'statement.across');
    expect(found.map((f) => f.message).join('\n')).toContain('一般公共预算基本支出');
    expect(found[0].stated).toBe(53_647_500);
    expect(found[0].computed).toBe(53_747_500);
  });
});
