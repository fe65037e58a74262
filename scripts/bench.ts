// County-scale benchmark: builds corpora of 100, 500 and 1000 documents from the fixtures, imports
// each into a fresh database with the real CLI code path, and reports documents and pages per second,
// peak memory, and, over the same PDFs in the same run, raw pdf.js text extraction and pdftotext.
// Usage: npx tsx scripts/bench.ts [--sizes 100,500,1000] [--jobs N]
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openSqlite } from '../pipeline/store/sqlite.ts';
import { defaultJobs, importPaths } from '../pipeline/ingest/index.ts';
import { hasPdftotext, pdftotextAll, rawPdfjsPages } from './raw-pdf.ts';
import { buildCountyCorpus, type CorpusFile } from './county-corpus.ts';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '100,500,1000' }, jobs: { type: 'string' } } });
const sizes = values.sizes!.split(',').map(Number);
const jobs = values.jobs ? Number(values.jobs) : defaultJobs();
const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;

let peakRss = 0;
const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 50);
const mib = (b: number) => (b / 1024 / 1024).toFixed(0);

async function rawPdfjs(files: CorpusFile[]): Promise<{ pages: number; seconds: number }> {
  const t = performance.now();
  const pages = await rawPdfjsPages(files.map((f) => f.path));
  return { pages, seconds: (performance.now() - t) / 1000 };
}

function pdftotext(files: CorpusFile[]): { seconds: number } | null {
  if (!hasPdftotext()) return null;
  const t = performance.now();
  pdftotextAll(files.map((f) => f.path));
  return { seconds: (performance.now() - t) / 1000 };
}

console.log(`jixiao county benchmark — ${jobs} parsing workers, node ${process.version}`);
const rows: string[] = [];
for (const size of sizes) {
  const dir = join(tmpdir(), `jixiao-bench-${size}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  const files = buildCountyCorpus(FIXTURES, join(dir, 'in'), size);
  const db = openSqlite(join(dir, 'bench.sqlite'));
  peakRss = process.memoryUsage().rss;
  const t = performance.now();
  const summary = await importPaths(db, [join(dir, 'in')], { jobs });
  const seconds = (performance.now() - t) / 1000;
  const importPeak = peakRss;
  await db.close();
  // the PDFs alone through the full pipeline, in their own database, for a like-for-like ratio
  const pdfs = files.filter((f) => f.format === 'pdf');
  const pdfDb = openSqlite(join(dir, 'pdf.sqlite'));
  const tp = performance.now();
  const pdfSummary = await importPaths(pdfDb, pdfs.map((f) => f.path), { jobs });
  const pdfSeconds = (performance.now() - tp) / 1000;
  await pdfDb.close();
  const raw = await rawPdfjs(pdfs);
  const poppler = pdftotext(pdfs);
  const pipelinePps = pdfSummary.pages / pdfSeconds;
  const line = [
    `${size} documents (${pdfs.length} PDF): ${summary.imported} imported, ${summary.skipped} skipped, ${summary.failed} failed in ${seconds.toFixed(1)} s`,
    `  ${(summary.imported / seconds).toFixed(1)} documents/s, ${(summary.pages / seconds).toFixed(0)} PDF pages/s overall; peak RSS ${mib(importPeak)} MiB`,
    `  PDFs only: full pipeline ${pipelinePps.toFixed(0)} pages/s (${jobs} workers) vs raw pdf.js getTextContent ${(raw.pages / raw.seconds).toFixed(0)} pages/s (1 thread): ratio ${(pipelinePps / (raw.pages / raw.seconds)).toFixed(2)}`
      + (poppler ? `; pdftotext ${(raw.pages / poppler.seconds).toFixed(0)} pages/s: ratio ${(pipelinePps / (raw.pages / poppler.seconds)).toFixed(2)}` : '; pdftotext not installed'),
    `  time per document ${(1000 * seconds / size).toFixed(1)} ms`,
  ].join('\n');
  console.log(line);
  rows.push(line);
  for (const f of summary.outcomes) if (f.status === 'failed') console.log(`  failed: ${f.path}: ${f.reason}`);
  rmSync(dir, { recursive: true, force: true });
}
clearInterval(sampler);
