// The PDF parser reads a page's ruling lines from what pdf.js reports while it extracts the text
// (parsers/pdf/drawing.ts, through the hook in pipeline/ingest/plain-modules.mjs), instead of a second
// pass with getOperatorList. The two must agree segment for segment on real PDFs.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPdf } from '../../parsers/pdf/load.ts';
import { drawingObserved, withDrawing } from '../../parsers/pdf/drawing.ts';
import { readRulings } from '../../parsers/pdf/rulings.ts';
// @ts-expect-error: a plain JavaScript module hook, without types
import { patchPdfjs } from '../../pipeline/ingest/plain-modules.mjs';

const FIXTURES = new URL('../../fixtures/', import.meta.url).pathname;
const pdfs = [
  ...readdirSync(join(FIXTURES, 'wild', 'docs')).filter((f) => f.endsWith('.pdf')).map((f) => join(FIXTURES, 'wild', 'docs', f)),
  join(FIXTURES, 'corpus', 'pdf', readdirSync(join(FIXTURES, 'corpus', 'pdf')).find((f) => f.endsWith('.pdf'))!),
];

describe('ruling lines from the text pass', () => {
  it('is the path the tests run (pdf.js loaded through the hook)', async () => {
    await openPdf(pdfs[0], new Uint8Array(readFileSync(pdfs[0]))).then((d) => d.destroy());
    expect(drawingObserved()).toBe(true);
  });

  const drawn = new Map<string, number>();
  it.each(pdfs.map((p) => [p.split('/').pop()!, p]))('%s: the same segments as getOperatorList on every page', async (name, path) => {
    const doc = await openPdf(path, new Uint8Array(readFileSync(path)));
    let segments = 0;
    try {
      for (let n = 1; n <= doc.numPages; n++) {
        const page = await doc.getPage(n);
        const vt = page.getViewport({ scale: 1 }).transform as number[];
        const { drawing } = await withDrawing(doc, n, () => page.getTextContent());
        const fromText = readRulings(drawing, vt);
        const fromOperators = readRulings(await page.getOperatorList(), vt);
        expect(fromText, `page ${n}`).toEqual(fromOperators);
        segments += fromText.length;
        page.cleanup();
      }
    } finally {
      await doc.destroy();
    }
    drawn.set(name, segments);
  });

  it('was put to the test: most of those PDFs draw ruled tables', () => {
    const ruled = [...drawn.values()].filter((n) => n > 0).length;
    expect(ruled).toBeGreaterThanOrEqual(pdfs.length / 2);
  });

  it('refuses a pdf.js whose code is not the one the hook was written for, by name', () => {
    const source = readFileSync(new URL('../../node_modules/pdfjs-dist/legacy/build/pdf.worker.mjs', import.meta.url), 'utf8');
    expect(patchPdfjs('pdf.worker.mjs', source, 'pdf.worker.mjs')).toContain('jixiao.pdfjs.drawing');
    const changed = source.replace('currentTextState ||= textState.clone();', 'currentTextState = textState.clone();');
    expect(() => patchPdfjs('pdf.worker.mjs', changed, 'pdf.worker.mjs')).toThrow(/pdf\.worker\.mjs: cannot patch pdf\.js \(path, paint.*anchor is missing/);
  });
});
