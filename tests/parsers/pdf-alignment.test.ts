// Tables rebuilt from column alignment (no ruling lines, or horizontal rules only), and titles
// wrapped over centred lines. The real PDFs at hand rule their tables, so the unruled and
// half-ruled cases read real pages with their rules left out (`rulings: 'none' | 'horizontal'`).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ParsedDocument, type Table } from '../../schemas/document.ts';
import { parsePdf, type PdfParseOptions } from '../../parsers/pdf/index.ts';

const FIX = join(import.meta.dirname, '..', '..', 'fixtures');
const real = (name: string) => join(FIX, 'real', readdirSync(join(FIX, 'real')).find((f) => f.includes(name) && f.endsWith('.pdf'))!);
const corpus = (stem: string) => join(FIX, 'corpus', 'pdf', `${stem}.pdf`);
const parse = (path: string, options?: PdfParseOptions) => parsePdf(path, new Uint8Array(readFileSync(path)), options);
const tables = (d: ParsedDocument) => d.blocks.filter((b): b is Table => b.kind === 'table');
const texts = (row: Table['rows'][number]) => row.map((c) => c.text);
const width = (row: Table['rows'][number]) => row.reduce((s, c) => s + c.colSpan, 0);
const squash = (s: string) => s.replace(/[\s\u3000]+/g, '');

const docs = new Map<string, ParsedDocument>();
beforeAll(async () => {
  docs.set('yantai/none', await parse(real('烟台'), { rulings: 'none' }));
  docs.set('yantai/horizontal', await parse(real('烟台'), { rulings: 'horizontal' }));
  docs.set('foshan/none', await parse(real('佛山'), { rulings: 'none' }));
  docs.set('jiangsu', await parse(real('江苏')));
  docs.set('jiangsu/none', await parse(real('江苏'), { rulings: 'none' }));
  docs.set('wuchuan/none', await parse(corpus('wuchuan-2025-dept-self-eval'), { rulings: 'none' }));
  docs.set('suixi', await parse(corpus('suixi-2022-verification')));
});

/** Yantai p. 11, 支出总体情况表: 类 款 项 科目名称 合计 基本支出 项目支出 结转下年, continued on p. 12. */
function expectYantaiExpenditure(doc: ParsedDocument) {
  expect(ParsedDocument.safeParse(doc).success).toBe(true);
  const t = tables(doc).find((x) => x.source.page === 11)!;
  expect(t).toBeDefined();
  expect(t.title).toBe('支出总体情况表');
  for (const row of t.rows) expect(width(row)).toBe(8);
  const header = t.rows.find((r) => r.some((c) => c.text === '结转下年'))!;
  expect(texts(header).slice(-4)).toEqual(['合计', '基本支出', '项目支出', '结转下年']);
  const total = t.rows.find((r) => squash(r.map((c) => c.text).join('')).startsWith('合计'))!;
  expect(texts(total).filter(Boolean).map(squash)).toEqual(['合计', '3,558.35', '2,776.85', '781.50']);
  const row = t.rows.find((r) => r.some((c) => c.text === '机关事业单位基本养老保险缴费支出'))!;
  // the label wrapped over two lines around its amounts comes back whole, in one row
  expect(texts(row).filter(Boolean)).toEqual(['05', '机关事业单位基本养老保险缴费支出', '221.01', '221.01']);
  // continued on p. 12 without its header again
  expect(new Set(t.rowSources!.map((s) => s.page))).toEqual(new Set([11, 12]));
  expect(t.rows.filter((r) => r.some((c) => c.text === '结转下年'))).toHaveLength(1);
  expect(t.rows.at(-1)!.filter((c) => c.text).map((c) => c.text)).toEqual(['01', '住房公积金', '204.86', '204.86']);
}

describe('tables without vertical rulings', () => {
  it('rebuilds an unruled table from column alignment (Yantai p. 11 read without its rules)', () => {
    expectYantaiExpenditure(docs.get('yantai/none')!);
  });

  it('rebuilds a half-ruled table: horizontal rules for the rows, alignment for the columns', () => {
    expectYantaiExpenditure(docs.get('yantai/horizontal')!);
  });

  it('rebuilds the two-sided 收入支出决算总表 (Foshan p. 5) with its six columns', () => {
    const t = tables(docs.get('foshan/none')!).find((x) => x.source.page === 5)!;
    expect(t.title).toBe('收入支出决算总表');
    for (const row of t.rows) expect(width(row)).toBe(6);
    const row = t.rows.find((r) => r[0].text === '一、一般公共预算财政拨款收入')!;
    expect(texts(row)).toEqual(['一、一般公共预算财政拨款收入', '1', '1668.14', '一、一般公共服务支出', '27', '0.00']);
    // rows where only the right half is filled keep their empty cells on the left
    const eighth = t.rows.find((r) => r[3].text === '八、社会保障和就业支出')!;
    expect(texts(eighth)).toEqual(['', '8', '', '八、社会保障和就业支出', '34', '76.23']);
  });
});

describe('prose stays prose', () => {
  it('finds no table in the Jiangsu budget, whose tables are not in the file (prose only)', () => {
    for (const key of ['jiangsu', 'jiangsu/none']) {
      const doc = docs.get(key)!;
      expect(tables(doc), key).toEqual([]);
      expect(doc.blocks.length).toBeGreaterThan(100);
    }
  });

  it('finds no table in a report of prose and lists', () => {
    expect(tables(docs.get('wuchuan/none')!)).toEqual([]);
  });
});

describe('titles', () => {
  it('joins a centred title wrapped over two lines into one paragraph', () => {
    const first = docs.get('suixi')!.blocks[0];
    expect(first).toMatchObject({ kind: 'paragraph', source: { page: 1 } });
    expect(squash((first as { text: string }).text)).toBe('关于2022年度遂溪县医疗保障局部门整体支出绩效自评核查报告');
    expect(docs.get('suixi')!.blocks[1]).toMatchObject({ kind: 'paragraph', text: '湛泰咨字【2024】第8号' });
  });
});
