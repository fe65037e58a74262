// OCR on real scanned pages (scans made by scripts/make-scans.ts from the corpus PDFs: 150 dpi,
// greyscale, turned a fraction of a degree, noise), through the real engine (PP-OCRv4 on ONNX
// Runtime) and the PDF parser's own builders. Few pages: each takes seconds.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../../parsers/index.ts';
import { segment } from '../../pipeline/segment/index.ts';
import { analyse } from '../../pipeline/ingest/document.ts';
import type { ParsedDocument } from '../../schemas/document.ts';
import { FIXTURES } from '../helpers.ts';

const SCANNED = join(FIXTURES, 'scanned');
const read = (name: string, ocr?: false) => parseFile(join(SCANNED, name), new Uint8Array(readFileSync(join(SCANNED, name))), ocr === false ? { ocr: false } : {});
const tables = (d: ParsedDocument) => d.blocks.filter((b) => b.kind === 'table');
const ocrPages = (d: ParsedDocument) => d.messages.filter((m) => m.rule === 'ocr/page').map((m) => m.source?.page);

describe('OCR of scanned pages', () => {
  it('a mixed PDF keeps its text page and OCRs its scanned page; the scanned table comes out as a table', async () => {
    const doc = await read('xuwen-p5-text-p6-scan.pdf');
    expect(ocrPages(doc)).toEqual([2]);
    // page 1 from the text layer
    expect(doc.blocks.some((b) => b.source.page === 1 && b.kind === 'paragraph' && b.text.length > 50)).toBe(true);
    // page 2: the 固定资产利用情况表, its merged header cells and its rows, as the text PDF gives them
    const t = tables(doc).find((b) => b.source.page === 2)!;
    expect(t).toBeDefined();
    const rows = t.rows.map((r) => r.map((c) => c.text));
    expect(rows[0]).toEqual(['项目名称', '数量', '金额', '在用资产', '闲置资产']);
    expect(t.rows[0][0].rowSpan).toBe(2);
    expect(t.rows[0][3].colSpan).toBe(2);
    expect(rows).toContainEqual(['二、通用设备', '116', '411639', '411639', '36.68%', '0', '0']);
    expect(rows).toContainEqual(['合计', '205', '1122179.48', '1122179.48', '100%', '0', '0']);
    expect(doc.messages.some((m) => m.rule === 'pdf/page-no-text')).toBe(false);
  });

  it('a scanned verification page gives its score and grade, and its score table', async () => {
    const parsed = await read('suixi-p4-scan.pdf');
    const { extraction } = analyse(segment(parsed));
    const doc = extraction.scores.find((s) => s.scope === 'document' && s.kind === 'review');
    expect(doc?.value).toBe(75.06);
    expect(doc?.grade).toBe('中');
    const t = tables(parsed)[0];
    expect(t.rows.map((r) => r.map((c) => c.text).join('|')).join('\n')).toMatch(/预算编制情况\|20\|10\.5/);
  });

  it('a garbled text layer is detected and OCR\'d: the page reads as it is printed', async () => {
    const doc = await read('garbled-no-tounicode.pdf');
    expect(doc.messages.find((m) => m.rule === 'ocr/page')?.text).toMatch(/not text/);
    const text = doc.blocks.map((b) => (b.kind === 'paragraph' ? b.text : b.rows.map((r) => r.map((c) => c.text).join('|')).join('\n'))).join('\n');
    expect(text).toContain('自评得分为92.5分');
    expect(text).toMatch(/高标准农田建设面积\|≥2000亩\|2150亩\|20\|20/);
  });

  it('--no-ocr leaves a scan unread, with a clear error', async () => {
    await expect(read('suixi-p4-scan.pdf', false)).rejects.toThrow(/no text layer.*OCR turned off \(--no-ocr\)/);
  });
});
