// The baselines the benchmarks compare the PDF parser with: raw pdf.js text extraction (optionally with
// the operator list, where ruling lines come from) and poppler's pdftotext when it is on the PATH.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { openPdf } from '../parsers/pdf/load.ts';

/** Reads every page's text content (and operator list) with pdf.js; returns the pages read. */
export async function rawPdfjsPages(paths: string[], options: { operatorList?: boolean } = {}): Promise<number> {
  let pages = 0;
  for (const path of paths) {
    const doc = await openPdf(path, new Uint8Array(readFileSync(path)));
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      await page.getTextContent();
      if (options.operatorList) await page.getOperatorList();
      page.cleanup();
      pages++;
    }
    await doc.destroy();
  }
  return pages;
}

export interface RawRun { pages: number; seconds: number; cpuSeconds: number }

/**
 * Raw pdf.js text extraction of `paths` in a child process (scripts/raw-pdfjs-child.ts: pdf.js as it
 * ships, one thread), so the baseline's pdf.js is not in the caller's memory or timings.
 */
export function rawPdfjsInChild(paths: string[]): RawRun {
  const child = new URL('./raw-pdfjs-child.ts', import.meta.url).pathname;
  const out = execFileSync(process.execPath, ['--import', 'tsx', child, ...paths], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop()!) as RawRun;
}

export const hasPdftotext = () => !spawnSync('pdftotext', ['-v']).error;

/** Extracts every file's text with pdftotext (process start included). */
export function pdftotextAll(paths: string[]): void {
  for (const path of paths) execFileSync('pdftotext', ['-q', path, '-'], { maxBuffer: 64 << 20 });
}
