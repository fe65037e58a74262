import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ParsedDocument, type Block, type Table } from '../../schemas/document.ts';
import { parsePdf } from '../../parsers/pdf/index.ts';
import { isPageNumber } from '../../parsers/pdf/furniture.ts';
import { cleanRunText, tidy } from '../../parsers/pdf/text.ts';
import { parseText } from '../../parsers/text/index.ts';
import { ParseError } from '../../parsers/shared/errors.ts';

const FIX = join(import.meta.dirname, '..', '..', 'fixtures');
const STEMS: Record<string, number> = {
  'xuwen-2023-dept-self-eval': 7,
  'xihu-2022-dept-self-eval': 15,
  'suixi-2022-verification': 23,
  'emeishan-2023-final-accounts': 43,
  'wuchuan-2025-dept-self-eval': 10,
};
const REAL = readdirSync(join(FIX, 'real')).filter((f) => f.endsWith('.pdf'));
const SCAN = REAL.find((f) => f.includes('扫描'))!;
const squash = (s: string) => s.replace(/[\s\u3000]+/g, '');
const tables = (d: ParsedDocument) => d.blocks.filter((b): b is Table => b.kind === 'table');
const paragraphs = (d: ParsedDocument) => d.blocks.filter((b) => b.kind === 'paragraph').map((b) => (b as { text: string }).text);

const corpus = new Map<string, ParsedDocument>();
const real = new Map<string, ParsedDocument>();

beforeAll(async () => {
  for (const stem of Object.keys(STEMS)) {
    const path = join(FIX, 'corpus', 'pdf', `${stem}.pdf`);
    corpus.set(stem, await parsePdf(path, new Uint8Array(readFileSync(path))));
  }
  for (const f of REAL.filter((f) => f !== SCAN)) {
    const path = join(FIX, 'real', f);
    real.set(f, await parsePdf(path, new Uint8Array(readFileSync(path))));
  }
});

describe('corpus PDFs', () => {
  it.each(Object.entries(STEMS))('%s parses into a valid document with %i pages', (stem, pages) => {
    const doc = corpus.get(stem)!;
    expect(ParsedDocument.safeParse(doc).success).toBe(true);
    expect(doc).toMatchObject({ format: 'pdf', file: `${stem}.pdf`, pages });
    expect(doc.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.blocks.length).toBeGreaterThan(20);
  });

  it('gives every block and every table row its page', () => {
    for (const [stem, doc] of corpus) {
      const seen = new Set<number>();
      for (const b of doc.blocks) {
        expect(b.source.file).toBe(`${stem}.pdf`);
        expect(b.source.page).toBeGreaterThanOrEqual(1);
        expect(b.source.page).toBeLessThanOrEqual(STEMS[stem]);
        seen.add(b.source.page!);
        if (b.kind === 'table') {
          expect(b.rowSources).toHaveLength(b.rows.length);
          for (const s of b.rowSources!) {
            expect(s.page).toBeGreaterThanOrEqual(b.source.page!);
            seen.add(s.page!);
          }
        }
      }
      // text from (nearly) every page
      expect(seen.size).toBeGreaterThanOrEqual(STEMS[stem] - 2);
      // pages never go backwards in reading order
      const order = doc.blocks.map((b) => b.source.page!);
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
  });

  it('gives nearly the same paragraphs as the txt version (page-break splits joined)', () => {
    for (const stem of Object.keys(STEMS)) {
      const txt = parseText(`${stem}.txt`, new Uint8Array(readFileSync(join(FIX, 'corpus', 'txt', `${stem}.txt`))));
      const want = paragraphs(txt).map(squash).filter(Boolean);
      const got = paragraphs(corpus.get(stem)!).map(squash).filter(Boolean);
      const gotSet = new Set(got);
      const joined = got.join('\n');
      // a txt paragraph matches when the PDF has it, or has it inside a longer paragraph the
      // corpus rendering joined across a page break
      const exact = want.filter((p) => gotSet.has(p)).length;
      const found = want.filter((p) => gotSet.has(p) || joined.includes(p)).length;
      expect(found / want.length, stem).toBeGreaterThanOrEqual(0.98); // measured: 99.4–100%
      expect(exact / want.length, stem).toBeGreaterThanOrEqual(0.8); // measured: 83% (suixi: the txt keeps 13 page-break splits) to 100%
      // and nothing the txt does not have (table titles the txt keeps as a table cell aside)
      const wantAll = want.join('') + '\n' + tables(txt).flatMap((t) => t.rows.flat().map((c) => squash(c.text))).join('\n');
      const extra = got.filter((p) => !wantAll.includes(p));
      expect(extra.length, `${stem}: ${extra.slice(0, 3).join(' / ')}`).toBeLessThanOrEqual(1);
    }
  });

  it('keeps the cell texts of the txt tables', () => {
    for (const stem of Object.keys(STEMS)) {
      const txt = parseText(`${stem}.txt`, new Uint8Array(readFileSync(join(FIX, 'corpus', 'txt', `${stem}.txt`))));
      const want = new Set(tables(txt).flatMap((t) => t.rows.flat().map((c) => squash(c.text))).filter(Boolean));
      const got = new Set(tables(corpus.get(stem)!).flatMap((t) => t.rows.flat().map((c) => squash(c.text))).filter(Boolean));
      const missing = [...want].filter((c) => !got.has(c));
      // measured: only table titles the txt writes as a cell are missing (they are Table.title here)
      expect(missing.length, `${stem}: ${missing.slice(0, 3).join(' / ')}`).toBeLessThanOrEqual(1);
    }
  });

  it('folds Kangxi radicals and keeps Chinese punctuation', () => {
    expect(cleanRunText('⼀、⼈员')).toBe('一、人员');
    expect(cleanRunText('（８.８４／１５）＜95%')).toBe('（８.８４／１５）＜95%');
    expect(tidy('开展 2023 年度 ,全面实施 绩效管理')).toBe('开展2023年度,全面实施 绩效管理');
    for (const doc of [...corpus.values(), ...real.values()]) {
      for (const b of doc.blocks) {
        const text = b.kind === 'paragraph' ? b.text : b.rows.flat().map((c) => c.text).join('');
        expect(text).not.toMatch(/[\u2F00-\u2FDF]/);
      }
    }
  });
});

describe('tables', () => {
  const cellsOf = (t: Table) => t.rows.flat();

  it("rebuilds xuwen's 固定资产利用情况表 as one table with its merged header", () => {
    const ts = tables(corpus.get('xuwen-2023-dept-self-eval')!);
    expect(ts).toHaveLength(1);
    const t = ts[0];
    expect(t.title).toBe('固定资产利用情况表');
    expect(t.source.page).toBe(6);
    const cell = (text: string) => cellsOf(t).find((c) => c.text === text)!;
    expect(cell('在用资产')).toMatchObject({ colSpan: 2, rowSpan: 1 });
    expect(cell('闲置资产')).toMatchObject({ colSpan: 2, rowSpan: 1 });
    expect(cell('项目名称')).toMatchObject({ rowSpan: 2 });
    expect(t.rows[0].map((c) => c.text)).toEqual(['项目名称', '数量', '金额', '在用资产', '闲置资产']);
    expect(t.rows[2].map((c) => c.text)).toEqual(['一、土地、房屋及构筑物', '3', '596000', '596000', '53.11%', '0', '0']);
    expect(t.rows.at(-1)![0].text).toBe('合计');
    // every row covers the 7 grid columns
    const width = (row: { colSpan: number }[]) => row.reduce((s, c) => s + c.colSpan, 0);
    expect(width(t.rows[0])).toBe(7);
    expect(width(t.rows[2])).toBe(7);
  });

  it("joins suixi's 评分表 annex (pp. 13–23) into one table, header once, merged cells as spans", () => {
    const ts = tables(corpus.get('suixi-2022-verification')!);
    expect(ts).toHaveLength(2);
    const [result, annex] = ts;
    expect(result.title).toBe('综合评价结果表');
    expect(result.rows.at(-1)![0]).toMatchObject({ text: '合计', colSpan: 2 });
    expect(annex.source.page).toBe(13);
    const pages = new Set(annex.rowSources!.map((s) => s.page ?? 0));
    expect(Math.min(...pages)).toBe(13);
    // the last row, cut by the break before p. 23, is joined back into its p. 22 row
    expect(Math.max(...pages)).toBe(22);
    expect(annex.rows.at(-1)!.map((c) => c.text).join('')).toContain('院大督察');
    const texts = cellsOf(annex).map((c) => c.text);
    expect(texts.filter((t) => t === '评价指标')).toHaveLength(1);
    expect(texts.filter((t) => t === '一级指标')).toHaveLength(1);
    expect(cellsOf(annex).find((c) => c.text === '评价指标')).toMatchObject({ colSpan: 6 });
    expect(cellsOf(annex).find((c) => c.text === '预算编制情况')!.rowSpan).toBeGreaterThanOrEqual(5);
    // a row cut by a page break comes back whole
    expect(texts.some((t) => squash(t).includes('财政拨款收入预决算差异率') && t.length > 60)).toBe(true);
    for (const label of ['预算编制合理性', '支出完成率', '固定资产利用率', '公众或服务对象满意度']) expect(texts).toContain(label);
  });

  it("keeps emeishan's ten 项目支出绩效自评表 as ten tables", () => {
    const ts = tables(corpus.get('emeishan-2023-final-accounts')!);
    const forms = ts.filter((t) => t.title?.includes('项目支出绩效自评表'));
    expect(forms).toHaveLength(10);
  });

  it('finds the tables of the real budget PDFs', () => {
    const count = (name: string) => tables([...real].find(([f]) => f.includes(name))![1]).length;
    expect(count('普陀区')).toBeGreaterThanOrEqual(8);
    expect(count('佛山市')).toBeGreaterThanOrEqual(8);
    expect(count('烟台市')).toBeGreaterThanOrEqual(10);
    expect(count('广州市')).toBe(1);
  });
});

describe('page furniture', () => {
  it('recognises page numbers', () => {
    for (const s of ['3', '- 3 -', '— 12—', '─ 7 ─', '第 3 页', '第3页 共12页', '3/12', 'Page 3 of 9']) expect(isPageNumber(s), s).toBe(true);
    for (const s of ['2023', '一、基本情况', '合计 100', '附件6']) expect(isPageNumber(s) && s.length > 4, s).toBe(false);
  });

  it('removes running page numbers from the real PDFs', () => {
    for (const [f, doc] of real) {
      const stray = paragraphs(doc).filter((p) => /^[-—–─\s]*\d{1,3}[-—–─\s]*$/.test(p));
      expect(stray, f).toEqual([]);
    }
    const yantai = [...real].find(([f]) => f.includes('烟台'))![1];
    expect(yantai.pages).toBe(38);
    expect(yantai.messages.some((m) => m.rule === 'pdf/furniture')).toBe(true);
  });
});

describe('failures', () => {
  it('refuses a scan with no text layer when OCR is off', async () => {
    const path = join(FIX, 'real', SCAN);
    const err = await parsePdf(path, new Uint8Array(readFileSync(path)), { ocr: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ParseError);
    expect(err).toMatchObject({ rule: 'pdf/no-text-layer', path });
    expect((err as Error).message).toContain('scanned PDF with no text layer (6 pages) and OCR turned off (--no-ocr)');
  });

  it('refuses a truncated PDF with a clear ParseError', async () => {
    const bytes = readFileSync(join(FIX, 'corpus', 'pdf', 'xuwen-2023-dept-self-eval.pdf'));
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-pdf-'));
    const path = join(dir, 'truncated.pdf');
    writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const err = await parsePdf(path, new Uint8Array(readFileSync(path))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ParseError);
    expect(err).toMatchObject({ rule: 'pdf/corrupt', path });
    expect((err as Error).message).toMatch(/truncated\.pdf: damaged or truncated PDF/);
  });

  it('refuses garbage after a PDF signature', async () => {
    const err = await parsePdf('junk.pdf', new TextEncoder().encode('%PDF-1.7\nnot really')).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'ParseError', rule: 'pdf/corrupt' });
  });

  const hasQpdf = !spawnSync('qpdf', ['--version']).error;
  it.skipIf(!hasQpdf)('refuses an encrypted PDF (made with qpdf)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-pdf-'));
    const out = join(dir, 'locked.pdf');
    const r = spawnSync('qpdf', ['--encrypt', 'user', 'owner', '256', '--', join(FIX, 'corpus', 'pdf', 'xuwen-2023-dept-self-eval.pdf'), out]);
    expect(r.status).toBe(0);
    const err = await parsePdf(out, new Uint8Array(readFileSync(out))).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'ParseError', rule: 'pdf/encrypted' });
  });

  it('does not detach the caller\'s bytes', async () => {
    const bytes = new Uint8Array(readFileSync(join(FIX, 'corpus', 'pdf', 'xuwen-2023-dept-self-eval.pdf')));
    await parsePdf('x.pdf', bytes);
    expect(bytes.byteLength).toBeGreaterThan(1000);
  });
});

export type { Block };
