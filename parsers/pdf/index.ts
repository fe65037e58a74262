// PDF parser: text in reading order, paragraphs rebuilt from wrapped lines, tables rebuilt from
// ruling lines with merged cells, running headers/footers/page numbers dropped, page provenance.
//   load.ts       pdf.js setup, errors
//   runs.ts       text items → positioned runs (viewport space)
//   drawing.ts    what a page draws, recorded while pdf.js reads its text (one pass, no operator list)
//   rulings.ts    operator list → ruling segments
//   tables.ts     rulings + runs → tables with rowSpan/colSpan
//   lines.ts      runs → lines
//   aligned.ts    lines (+ horizontal rules) → tables without vertical rulings, from column alignment
//   furniture.ts  headers, footers, page numbers
//   paragraphs.ts lines + tables → blocks (wrapped paragraphs, tables across pages)
import { basename } from 'node:path';
import type { Message, ParsedDocument } from '../../schemas/document.ts';
import { ParseError } from '../shared/errors.ts';
import { sha256 } from '../shared/hash.ts';
import { removeFurniture } from './furniture.ts';
import { buildLines } from './lines.ts';
import { openPdf, toParseError, type PdfDocument, type PdfPage } from './load.ts';
import { drawingObserved, withDrawing, type RecordedOperators } from './drawing.ts';
import { assemble, type FlowPage } from './paragraphs.ts';
import { readRulings } from './rulings.ts';
import { toRuns } from './runs.ts';
import { findTables } from './tables.ts';
import { findAlignedTables } from './aligned.ts';
import { ocrPages, type OcrOptions } from '../ocr/index.ts';

export { isPageNumber } from './furniture.ts';

export interface PdfParseOptions {
  /** Read ruling lines (needed for tables); off makes parsing faster for text-only use. */
  tables?: boolean;
  /**
   * Which ruling lines to read (default 'all'). 'horizontal' and 'none' read a page as if its
   * vertical (or all) rules were not drawn: for diagnostics and tests of the alignment path.
   */
  rulings?: 'all' | 'horizontal' | 'none';
  /** OCR of pages without a usable text layer (parsers/ocr); false leaves them unread. Default on. */
  ocr?: OcrOptions | false;
}

export async function parsePdf(path: string, bytes: Uint8Array, options: PdfParseOptions = {}): Promise<ParsedDocument> {
  const file = basename(path);
  const hash = sha256(bytes);
  const doc = await openPdf(path, bytes);
  const messages: Message[] = [];
  try {
    const pages = await readPages(path, doc, options.tables !== false ? (options.rulings ?? 'all') : null, messages, file);
    if (options.ocr !== false) await ocrPages(bytes, doc, pages, messages, file, options.ocr);
    const textPages = pages.filter((p) => p.lines.length || p.tables.length).length;
    if (!textPages) {
      throw new ParseError(path, 'pdf/no-text-layer', options.ocr === false
        ? `scanned PDF with no text layer (${doc.numPages} pages) and OCR turned off (--no-ocr)`
        : `scanned PDF in which OCR found no text (${doc.numPages} pages)`);
    }
    const removed = removeFurniture(pages);
    if (removed) messages.push({ level: 'info', rule: 'pdf/furniture', text: `${removed} running header/footer/page-number lines removed` });
    const blocks = assemble(pages, file);
    return { file, path, format: 'pdf', sha256: hash, pages: doc.numPages, blocks, messages };
  } catch (err) {
    throw toParseError(path, err);
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}

type TextContent = Awaited<ReturnType<PdfPage['getTextContent']>>;
interface FetchedPage { page: PdfPage; content: TextContent; drawing: RecordedOperators | null }

/**
 * A page and its text content, fetched ahead; a failure is kept for the moment it is awaited. Where
 * the loaded pdf.js reports drawing with text (drawing.ts), the page's operators come in the same pass.
 */
function fetchPage(doc: PdfDocument, n: number, drawing: boolean): Promise<FetchedPage> {
  const p = doc.getPage(n).then(async (page) => {
    if (!drawing) return { page, content: await page.getTextContent(), drawing: null };
    const { result, drawing: ops } = await withDrawing(doc, n, () => page.getTextContent());
    return { page, content: result, drawing: ops };
  });
  p.catch(() => undefined); // awaited later, or dropped when an earlier page fails
  return p;
}

async function readPages(path: string, doc: PdfDocument, rulings: 'all' | 'horizontal' | 'none' | null, messages: Message[], file: string): Promise<FlowPage[]> {
  const out: FlowPage[] = [];
  const observed = rulings !== null && rulings !== 'none' && drawingObserved();
  let next = fetchPage(doc, 1, observed);
  for (let n = 1; n <= doc.numPages; n++) {
    const { page, content, drawing } = await next.catch((err) => { throw err instanceof ParseError ? err : toParseError(path, err); });
    // the next page's text is read while this page is laid out (or its operator list built): pdf.js
    // waits on decompression and messages, and two tasks fill each other's gaps
    if (n < doc.numPages) next = fetchPage(doc, n + 1, observed);
    try {
      const viewport = page.getViewport({ scale: 1 });
      const vt = viewport.transform as number[];
      let runs = toRuns(content.items, vt);
      let tables: FlowPage['tables'] = [];
      let lines: FlowPage['lines'];
      if (runs.length && rulings) {
        let segments = rulings === 'none' ? [] : readRulings(drawing ?? await page.getOperatorList(), vt);
        if (rulings === 'horizontal') segments = segments.filter((s) => s.y0 === s.y1);
        const found = findTables(segments, runs, n);
        tables = found.tables;
        runs = found.rest;
        // horizontal rules outside the ruled tables may bound a half-ruled table
        const free = segments.filter((s) => s.y0 === s.y1 && !tables.some((t) => s.y0 >= t.y0 - 2 && s.y0 <= t.y1 + 2 && s.x0 >= t.x0 - 2 && s.x1 <= t.x1 + 2));
        const aligned = findAlignedTables(buildLines(runs, n), free, n, viewport.width);
        if (aligned.tables.length) tables = [...tables, ...aligned.tables].sort((a, b) => a.y0 - b.y0);
        lines = aligned.rest;
      } else lines = buildLines(runs, n);
      if (!lines.length && !tables.length) {
        messages.push({ level: 'warning', rule: 'pdf/page-no-text', text: `page ${n} has no text layer`, source: { file, page: n } });
      }
      out.push({ page: n, width: viewport.width, height: viewport.height, lines, tables });
    } catch (err) {
      throw err instanceof ParseError ? err : toParseError(path, err);
    } finally {
      page.cleanup();
    }
  }
  return out;
}
