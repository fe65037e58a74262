// Benchmark: pages/second of parsePdf vs raw pdf.js getTextContent (and pdftotext when on PATH),
// over fixtures/corpus/pdf and the text PDFs of fixtures/real, warm, several rounds. Wall clock on
// one thread: compare rows of one run only (other processes on the machine move all of them).
//   npx tsx scripts/bench-pdf.ts [rounds]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePdf } from '../parsers/pdf/index.ts';
import { hasPdftotext, pdftotextAll, rawPdfjsPages } from './raw-pdf.ts';

const rounds = Number(process.argv[2] ?? 3);
const root = join(import.meta.dirname, '..', 'fixtures');
const files = [
  ...readdirSync(join(root, 'corpus', 'pdf')).map((f) => join(root, 'corpus', 'pdf', f)),
  ...readdirSync(join(root, 'real')).filter((f) => f.endsWith('.pdf') && !f.includes('扫描')).map((f) => join(root, 'real', f)),
].filter((f) => f.endsWith('.pdf'));
const data = files.map((f) => ({ path: f, bytes: new Uint8Array(readFileSync(f)) }));

const paths = data.map((d) => d.path);
const rawText = () => rawPdfjsPages(paths);
/** The floor for tables: raw text and the operator list (ruling lines), page by page. */
const rawTextAndOps = () => rawPdfjsPages(paths, { operatorList: true });

async function parseAll(tables: boolean): Promise<number> {
  let pages = 0;
  for (const { path, bytes } of data) pages += (await parsePdf(path, bytes, { tables })).pages ?? 0;
  return pages;
}

let pdfPages = 0;
function pdftotext(): number | null {
  if (!hasPdftotext()) return null;
  pdftotextAll(paths);
  return pdfPages;
}

async function measure(label: string, run: () => Promise<number | null> | number | null): Promise<[string, number] | null> {
  await run(); // warm-up
  let best = Infinity;
  let pages = 0;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    const n = await run();
    if (n === null) return null;
    pages = n;
    best = Math.min(best, performance.now() - t0);
  }
  return [label, pages / (best / 1000)];
}

pdfPages = await rawText();
const results: Array<[string, number]> = [];
for (const [label, fn] of [
  ['pdfjs getTextContent (raw)', rawText],
  ['pdfjs getTextContent + getOperatorList (raw)', rawTextAndOps],
  ['parsePdf (text + tables)', () => parseAll(true)],
  ['parsePdf (text only)', () => parseAll(false)],
  ['pdftotext (poppler, incl. spawn)', pdftotext],
] as Array<[string, () => Promise<number | null> | number | null]>) {
  const r = await measure(label, fn);
  if (r) results.push(r); else console.log(`${label}: skipped (not on PATH)`);
}
const base = results[0][1];
console.log(`${files.length} files, best of ${rounds} warm rounds`);
console.log('| method | pages/s | vs raw pdfjs |\n|---|---:|---:|');
for (const [label, pps] of results) console.log(`| ${label} | ${pps.toFixed(0)} | ${(pps / base).toFixed(2)}× |`);
