// Boxes the PDF parser keeps: every table cell (ruled grid and alignment path) and every line of a
// paragraph has a rectangle, and the page's own text inside that rectangle (read with pdf.js, not
// through the parser) is the cell's or the line's text. OCR confidence, where runs carry it, reaches
// the cells, spans and provenance as the lowest of their parts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParsedDocument, type Paragraph, type Table } from '../../schemas/document.ts';
import { parsePdf, type PdfParseOptions } from '../../parsers/pdf/index.ts';
import { findTables } from '../../parsers/pdf/tables.ts';
import { buildLines } from '../../parsers/pdf/lines.ts';
import { assemble } from '../../parsers/pdf/paragraphs.ts';
import type { Run } from '../../parsers/pdf/geometry.ts';
import { segment } from '../../pipeline/segment/index.ts';
import { extractFigures } from '../../pipeline/extract/figures/index.ts';
import { readStatements } from '../../pipeline/statements/index.ts';
import { pdfChars, squash, textIn } from './text-under.ts';

const FIX = join(import.meta.dirname, '..', '..', 'fixtures');
const FILES = [
  join(FIX, 'corpus', 'pdf', 'xihu-2022-dept-self-eval.pdf'),
  join(FIX, 'corpus', 'pdf', 'emeishan-2023-final-accounts.pdf'),
  join(FIX, 'wild', 'docs', 'calinchow-del_2026年上海市审计局_部门预算_3363c27c.pdf'),
];
const parse = (path: string, options?: PdfParseOptions) => parsePdf(path, new Uint8Array(readFileSync(path)), options);

describe.each(FILES.flatMap((f) => (['all', 'horizontal'] as const).map((rulings) => [f.split('/').pop()!, rulings, f] as const)))('boxes of %s (rulings: %s)', (_name, rulings, file) => {
  it('puts each cell and each paragraph line over its own text on the page', async () => {
    const doc = await parse(file, { rulings });
    expect(ParsedDocument.safeParse(doc).success).toBe(true);
    const chars = await pdfChars(file);
    let cells = 0, cellsOk = 0, spans = 0, spansOk = 0;
    const wrong: string[] = [];
    for (const b of doc.blocks) {
      if (b.kind === 'table') {
        expect(b.source.box).toBeDefined();
        b.rows.forEach((row, r) => {
          expect(b.rowSources![r].box, 'row box').toBeDefined();
          for (const c of row) {
            expect(c.box, 'every cell has a box').toBeDefined();
            if (!c.text) continue;
            cells++;
            const under = squash(textIn(chars.get(b.rowSources![r].page!)!, [c.box!]));
            if (under === squash(c.text)) cellsOk++; else wrong.push(`cell ${c.text} ≠ ${under}`);
          }
        });
      } else {
        expect(b.spans?.length, 'a PDF paragraph has its lines').toBeGreaterThan(0);
        expect(b.source.box).toBeDefined();
        // the lines cover the text in order
        expect(squash(b.spans!.map((s) => b.text.slice(s.start, s.end)).join(''))).toBe(squash(b.text));
        for (const s of b.spans!) {
          spans++;
          const under = squash(textIn(chars.get(s.page)!, [s.box]));
          if (under === squash(b.text.slice(s.start, s.end))) spansOk++; else wrong.push(`line ${b.text.slice(s.start, s.end)} ≠ ${under}`);
        }
      }
    }
    expect(cells + spans).toBeGreaterThan(100);
    // measured: all but 2 of 4,868 cells and 1,883 lines over these files; the 2 are characters written
    // vertically in a cell of a table read without its rules
    expect(cellsOk / Math.max(1, cells), wrong.slice(0, 5).join('\n')).toBeGreaterThan(0.99);
    expect(spansOk, wrong.slice(0, 5).join('\n')).toBe(spans);
  });
});

describe('boxes of extracted values', () => {
  it('boxes a money figure on its page over the words it was read from', async () => {
    const file = FILES[0];
    const doc = segment(await parse(file));
    const figures = extractFigures(doc, { year: 2022, reportType: 'dept_self_eval' });
    const chars = await pdfChars(file);
    const boxed = figures.filter((f) => f.source.box);
    expect(boxed.length).toBeGreaterThan(5);
    let ok = 0;
    for (const f of boxed) {
      const under = squash(textIn(chars.get(f.source.page!)!, [f.source.box!]));
      // a figure from prose is its own words; one from a table row is the cells it quotes
      if (under.includes(squash(f.raw)) || squash(f.raw).includes(under)) ok++;
    }
    expect(ok / boxed.length).toBeGreaterThan(0.9);
  });
});

describe('boxes of line items', () => {
  it('boxes each amount of a statement on its own cell', async () => {
    const file = FILES[2];
    const doc = segment(await parse(file));
    const { lineItems } = readStatements(doc, { unit: null, region: null, year: 2026, reportType: 'budget', title: null, scope: null, consolidates: [] });
    const items = lineItems.filter((li) => li.raw);
    expect(items.length).toBeGreaterThan(50);
    const chars = await pdfChars(file);
    const ok = items.filter((li) => li.source.box && squash(textIn(chars.get(li.source.page!)!, [li.source.box])) === squash(li.raw)).length;
    expect(ok).toBe(items.length);
  });
});

describe('OCR confidence', () => {
  const run = (str: string, x0: number, y: number, confidence?: number): Run => ({ str, x0, x1: x0 + str.length * 10, y, size: 10, ...(confidence != null ? { confidence } : {}) });

  it('a ruled cell takes the lowest confidence of its runs, its row too', () => {
    const segs = [0, 20, 40].map((y) => ({ x0: 0, y0: y, x1: 200, y1: y })).concat([0, 100, 200].map((x) => ({ x0: x, y0: 0, x1: x, y1: 40 })));
    const runs = [run('项目', 10, 15, 0.9), run('金额', 110, 15, 0.97), run('合计', 10, 35, 0.6), run('12', 110, 35, 0.8), run('3', 140, 35, 0.95)];
    const { tables } = findTables(segs, runs, 1);
    expect(tables).toHaveLength(1);
    const cells = tables[0].rows.flat();
    expect(cells.map((c) => [c.text, c.confidence])).toEqual([['项目', 0.9], ['金额', 0.97], ['合计', 0.6], ['12 3', 0.8]]);
    expect(cells[3].box).toEqual({ x0: 100, y0: 20, x1: 200, y1: 40 });
    const blocks = assemble([{ page: 1, width: 600, height: 800, lines: [], tables }], 'scan.pdf');
    const t = blocks[0] as Table;
    expect(t.rowSources!.map((s) => s.confidence)).toEqual([0.9, 0.6]);
  });

  it('a paragraph line takes the lowest confidence of its runs, the paragraph the lowest of its lines', () => {
    const lines = buildLines([run('预算执行情况良好，', 50, 100, 0.99), run('全年', 170, 100, 0.7), run('支出完成率达到百分之九十九。', 50, 115, 0.95)], 1);
    const blocks = assemble([{ page: 1, width: 600, height: 800, lines, tables: [] }], 'scan.pdf');
    const p = blocks[0] as Paragraph;
    expect(p.spans!.map((s) => s.confidence)).toEqual(lines.map((l) => Math.min(...l.runs.map((r) => r.confidence!))));
    expect(p.source.confidence).toBe(0.7);
  });

  it('text from a text layer carries no confidence', async () => {
    const doc = await parse(FILES[0]);
    expect(doc.blocks.some((b) => b.source.confidence != null || (b.kind === 'paragraph' && b.spans?.some((s) => s.confidence != null)))).toBe(false);
  });
});
