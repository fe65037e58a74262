// Tables of the real budget PDFs (fixtures/real) where the ruled-table reader went wrong: a pdf.js
// text item crossing a column border, rows joined at a page break, a header of two rows.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ParsedDocument, type Table } from '../../schemas/document.ts';
import { parsePdf } from '../../parsers/pdf/index.ts';

const FIX = join(import.meta.dirname, '..', '..', 'fixtures');
const real = (name: string) => join(FIX, 'real', readdirSync(join(FIX, 'real')).find((f) => f.includes(name) && f.endsWith('.pdf'))!);
const tables = (d: ParsedDocument) => d.blocks.filter((b): b is Table => b.kind === 'table');
const texts = (row: Table['rows'][number]) => row.map((c) => c.text);
const width = (row: Table['rows'][number]) => row.reduce((s, c) => s + c.colSpan, 0);
const squash = (s: string) => s.replace(/[\s\u3000]+/g, '');
const titled = (d: ParsedDocument, title: string) => {
  const t = tables(d).find((x) => x.title && squash(x.title).endsWith(title));
  expect(t, title).toBeDefined();
  return t!;
};
const rowWith = (t: Table, text: string) => {
  const rows = t.rows.filter((r) => r.some((c) => c.text === text));
  expect(rows, text).toHaveLength(1);
  return rows[0];
};

const docs = new Map<string, ParsedDocument>();
beforeAll(async () => {
  for (const name of ['普陀区', '烟台市']) {
    const path = real(name);
    const doc = await parsePdf(path, new Uint8Array(readFileSync(path)));
    expect(ParsedDocument.safeParse(doc).success).toBe(true);
    docs.set(name, doc);
  }
});

describe('a text item crossing a column border (普陀 财务收支预算总表, p. 8)', () => {
  // pdf.js gives "91,016,775.35 一、一般公共服务支出" as one item over two cells; the amount
  // overruns its cell's right border by a little
  it('keeps the amount whole in its cell, the label in the next', () => {
    const t = titled(docs.get('普陀区')!, '部门财务收支预算总表');
    expect(texts(rowWith(t, '一、财政拨款收入'))).toEqual(['一、财政拨款收入', '91,016,775.35', '一、一般公共服务支出', '82,096,797.42']);
    expect(texts(rowWith(t, '1.一般公共预算资金'))).toEqual(['1.一般公共预算资金', '91,016,775.35', '二、社会保障和就业支出', '4,213,779.28']);
    for (const row of t.rows) for (const c of row) expect(c.text).not.toMatch(/^\d[\d,.]*[一二三四]、/);
  });

  it('splits the same item in the 财政拨款收支预算总表 (p. 13) and 烟台 p. 13', () => {
    const pt = titled(docs.get('普陀区')!, '部门财政拨款收支预算总表');
    expect(texts(rowWith(pt, '一、一般公共预算资金')).slice(0, 3)).toEqual(['一、一般公共预算资金', '91,016,775.35', '一、一般公共服务支出']);
    const yt = titled(docs.get('烟台市')!, '财政拨款收支总体情况表');
    expect(texts(rowWith(yt, '一、一般公共预算收入')).slice(0, 3)).toEqual(['一、一般公共预算收入', '2,776.75', '一、一般公共服务支出']);
  });
});

describe('rows at a page break stay separate', () => {
  // p. 9 ends with 208 05 99 其他行政事业单位养老支出 14,820.00; p. 10 starts with 210 卫生健康支出,
  // whose 款 and 项 are empty: not the rest of the row above
  for (const title of ['部门收入预算总表', '部门支出预算总表']) {
    it(`普陀 ${title}: 208 05 99 on one row, 210 卫生健康支出 on the next`, () => {
      const t = titled(docs.get('普陀区')!, title);
      const a = rowWith(t, '其他行政事业单位养老支出');
      const b = rowWith(t, '卫生健康支出');
      expect(texts(a).slice(0, 6)).toEqual(['208', '05', '99', '其他行政事业单位养老支出', '14,820.00', '14,820.00']);
      expect(texts(b).slice(0, 6)).toEqual(['210', '', '', '卫生健康支出', '1,097,073.43', '1,097,073.43']);
      expect(t.rows.indexOf(b)).toBe(t.rows.indexOf(a) + 1);
      for (const row of t.rows) for (const c of row) expect(c.text).not.toMatch(/\.\d\d\d/);
      const total = t.rows.at(-1)!;
      expect(total[0].text).toBe('合计');
      expect(total[1].text).toBe('91,016,775.35');
    });
  }

  it('烟台 支出总体情况表: 221 住房保障支出 (p. 11) and 02 住房改革支出 (p. 12) are two rows', () => {
    const t = titled(docs.get('烟台市')!, '支出总体情况表');
    const a = rowWith(t, '住房保障支出');
    const b = rowWith(t, '住房改革支出');
    expect(texts(a).filter(Boolean)).toEqual(['221', '住房保障支出', '204.86', '204.86']);
    expect(texts(b).filter(Boolean)).toEqual(['02', '住房改革支出', '204.86', '204.86']);
    expect(t.rowSources![t.rows.indexOf(a)].page).toBe(11);
    expect(t.rowSources![t.rows.indexOf(b)].page).toBe(12);
  });
});

describe('multi-row header (烟台 收入总体情况表, p. 9)', () => {
  it('keeps both header rows, with their spans', () => {
    const t = titled(docs.get('烟台市')!, '收入总体情况表');
    expect(t.source.page).toBe(9);
    const [h0, h1] = t.rows;
    expect(texts(h0).slice(0, 4)).toEqual(['科目编码', '科目名称', '合计', '财政拨款收入']);
    expect(h0[0].colSpan).toBe(3);
    expect(h0[1].rowSpan).toBe(2);
    expect(h0[3].colSpan).toBe(4);
    expect(texts(h0)).toContain('上年结转');
    expect(texts(h1)).toEqual(['类', '款', '项', '小计', '一般公共预算收入', '政府性基金预算收入', '国有资本经营预算收入']);
    const w = width(h0);
    expect(w).toBe(17);
    const total = t.rows[2];
    expect(width(total)).toBe(w);
    expect(texts(total).filter(Boolean).map(squash)).toEqual(['合计', '3,558.35', '2,776.75', '2,776.75', '781.60']);
  });
});
