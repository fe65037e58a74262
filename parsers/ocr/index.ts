// OCR of the pages of a PDF that have no usable text layer, into the same page model the text
// pages have, so one document can mix both.
//   select.ts   which pages need OCR (no text, a few characters over a full-page image, garbled text)
//   images.ts   what a page draws besides text (image cover, paths), from its operator list
//   render.ts   pages → greyscale pixels (pdf.js on @napi-rs/canvas)
//   image.ts    skew measured and undone
//   recogniser.ts / paddle.ts   the engine behind a small interface (PP-OCRv4 on ONNX Runtime)
//   rulings.ts  ruling lines found in the image → the PDF parser's Segments
//   runs.ts     text boxes → the PDF parser's Runs with confidence
//   layout.ts   runs + segments → tables and lines, by the PDF parser's builders
import type { Message } from '../../schemas/document.ts';
import type { PdfDocument } from '../pdf/load.ts';
import type { FlowPage } from '../pdf/paragraphs.ts';
import { deskew } from './image.ts';
import { pageDrawing } from './images.ts';
import { layoutPage } from './layout.ts';
import { PaddleRecogniser } from './paddle.ts';
import type { Recogniser } from './recogniser.ts';
import { openForRendering, renderPage } from './render.ts';
import { findRulings } from './rulings.ts';
import { boxesToRuns } from './runs.ts';
import { ocrReason, type OcrReason } from './select.ts';

export type { Recogniser, TextBox } from './recogniser.ts';
export { ocrReason, textQuality, isGarbled } from './select.ts';

export interface OcrOptions {
  /** Longest one page may take to OCR, in seconds; a page over it is left unread, with a warning. */
  pageSeconds?: number;
  /** Pixels per point the pages are drawn at (default 150 dpi: 150/72). */
  scale?: number;
  /** Called after each page OCR'd (for progress). */
  onPage?: (page: number) => void;
}

export const DEFAULT_PAGE_SECONDS = 120;
const DEFAULT_SCALE = 150 / 72;

let engine: Promise<Recogniser> | undefined;

/** The engine, loaded once per process (per parse worker) and only when a page needs it. */
export function recogniser(): Promise<Recogniser> {
  engine ??= PaddleRecogniser.create().catch((err) => { engine = undefined; throw err; });
  return engine;
}

const pageText = (p: FlowPage) => [
  ...p.lines.map((l) => l.text),
  ...p.tables.flatMap((t) => t.rows.flatMap((r) => r.map((c) => c.text))),
].join('\n');

/** The pages that need OCR and why, from their text and (where the text is short) their drawing. */
export async function selectPages(doc: PdfDocument, pages: FlowPage[]): Promise<Array<{ page: FlowPage; reason: OcrReason }>> {
  const out: Array<{ page: FlowPage; reason: OcrReason }> = [];
  for (const p of pages) {
    const text = pageText(p);
    let drawing = { imageCover: 0, paths: 0 };
    // the operator list is read only where the text alone cannot decide
    if (text.replace(/\s/g, '').length < 40) {
      const page = await doc.getPage(p.page);
      try {
        drawing = pageDrawing(await page.getOperatorList(), page.getViewport({ scale: 1 }).transform as number[], p.width, p.height);
      } finally {
        page.cleanup();
      }
    }
    const reason = ocrReason({ text, ...drawing });
    if (reason) out.push({ page: p, reason });
  }
  return out;
}

const REASON: Record<OcrReason, string> = {
  'no-text': 'no text layer',
  'image-page': 'a page image with a few characters of text',
  garbled: 'a text layer that is not text (fonts without a usable ToUnicode map)',
};

/**
 * OCRs the pages that need it, replacing their lines and tables in `pages`; returns how many
 * pages were read. Messages: one info per page read (rule `ocr/page`), a warning per page over
 * the time limit (`ocr/page-timeout`).
 */
export async function ocrPages(bytes: Uint8Array, doc: PdfDocument, pages: FlowPage[], messages: Message[], file: string, options: OcrOptions = {}): Promise<number> {
  const wanted = await selectPages(doc, pages);
  if (!wanted.length) return 0;
  const engine = await recogniser();
  const scale = options.scale ?? DEFAULT_SCALE;
  const limit = (options.pageSeconds ?? DEFAULT_PAGE_SECONDS) * 1000;
  const drawn = await openForRendering(bytes);
  let done = 0;
  try {
    for (const { page: p, reason } of wanted) {
      const started = Date.now();
      const signal = AbortSignal.timeout(limit);
      const { image, degrees } = deskew(await renderPage(drawn, p.page, scale));
      const boxes = await engine.read(image, signal);
      if (signal.aborted) {
        messages.push({ level: 'warning', rule: 'ocr/page-timeout', text: `page ${p.page}: OCR took longer than ${limit / 1000} s; page left unread`, source: { file, page: p.page } });
        continue;
      }
      const runs = boxesToRuns(boxes, scale);
      const segments = findRulings(image, { scale, text: boxes });
      const laid = layoutPage(runs, segments, p.page, p.width, p.height);
      p.lines = laid.lines;
      p.tables = laid.tables;
      // the text layer's "no text on this page" no longer holds
      const stale = messages.findIndex((m) => m.rule === 'pdf/page-no-text' && m.source?.page === p.page);
      if (stale >= 0) messages.splice(stale, 1);
      const conf = runs.length ? runs.reduce((s, r) => s + (r.confidence ?? 1), 0) / runs.length : 0;
      messages.push({
        level: 'info', rule: 'ocr/page',
        text: `page ${p.page} read by OCR (${REASON[reason]}): ${runs.length} text boxes, ${laid.tables.length} tables, mean confidence ${conf.toFixed(2)}, skew ${degrees}°, ${((Date.now() - started) / 1000).toFixed(1)} s, ${engine.name}`,
        source: { file, page: p.page },
      });
      done++;
      options.onPage?.(p.page);
    }
  } finally {
    await drawn.destroy().catch(() => undefined);
  }
  return done;
}
