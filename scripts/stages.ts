// Per-stage timing of the import on one thread: where a PDF's time goes, from the bytes to SQLite.
// Every stage is the code the import runs, called one after another on the same document:
//   raw text       pdf.js as it ships, getTextContent for every page, in a child process (the baseline)
//   text + drawing getTextContent with the drawing observer (parsers/pdf/drawing.ts): text and rulings
//   parsePdf       the whole PDF parser (text with drawing, tables, lines, paragraphs)
//   operator list  what getOperatorList would add (the parser's fallback, and its way before drawing.ts)
//   segment, copy (the structured clone between a worker and the importing thread),
//   meta, statements, figures, indicators, scores, projects, validate, checks, store (SQLite).
// The PDF parser's layout work is parsePdf less text content and operator list, read apart.
//   npx tsx scripts/stages.ts [DIR|FILE ...]    (default: fixtures/wild/docs)
import { readdirSync, readFileSync, statSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { serialize, deserialize } from 'node:v8';
import { tmpdir } from 'node:os';
import { register } from 'node:module';
import { parsePdf } from '../parsers/pdf/index.ts';
import { openPdf } from '../parsers/pdf/load.ts';
import { withDrawing } from '../parsers/pdf/drawing.ts';
import { segment } from '../pipeline/segment/index.ts';
import { extractMeta } from '../pipeline/extract/meta.ts';
import { readStatements } from '../pipeline/statements/index.ts';
import { headlineFigures } from '../pipeline/statements/figures.ts';
import { extractFigures } from '../pipeline/extract/figures/index.ts';
import { extractIndicators } from '../pipeline/extract/indicators/index.ts';
import { extractScores } from '../pipeline/extract/scores.ts';
import { extractProjects } from '../pipeline/extract/projects.ts';
import { extract } from '../pipeline/extract/index.ts';
import { validateExtraction } from '../pipeline/validate/index.ts';
import { checkDocument } from '../pipeline/check/index.ts';
import { openSqlite } from '../pipeline/store/sqlite.ts';
import { storeDocument } from '../pipeline/store/write.ts';
import { jieba } from '../pipeline/lexicon/jieba.ts';
import { rawPdfjsInChild } from './raw-pdf.ts';

// as under bin/jixiao.mjs and in the parsing workers: pdf.js loads as plain JavaScript
register('../pipeline/ingest/plain-modules.mjs', import.meta.url);

const args = process.argv.slice(2);
const roots = args.length ? args : [join(import.meta.dirname, '..', 'fixtures', 'wild', 'docs')];
const files = roots.flatMap((r) => statSync(r).isDirectory() ? readdirSync(r).filter((f) => f.endsWith('.pdf')).sort().map((f) => join(r, f)) : [r]);

const ms: Record<string, number> = {};
const time = async <T>(stage: string, fn: () => T | Promise<T>): Promise<T> => {
  const t = performance.now();
  const out = await fn();
  ms[stage] = (ms[stage] ?? 0) + performance.now() - t;
  return out;
};

jieba(); // loaded once, before the clock
const dbPath = join(tmpdir(), `jixiao-stages-${process.pid}.sqlite`);
const db = openSqlite(dbPath);
// one warm-up document, so module loading and JIT warm-up are not counted
{ const bytes = new Uint8Array(readFileSync(files[0])); await parsePdf(files[0], bytes); }

let pages = 0;
for (const path of files) {
  const bytes = new Uint8Array(readFileSync(path));
  await time('text + drawing', async () => {
    const doc = await openPdf(path, bytes);
    for (let n = 1; n <= doc.numPages; n++) { const p = await doc.getPage(n); await withDrawing(doc, n, () => p.getTextContent()); p.cleanup(); }
    await doc.destroy();
  });
  await time('operator list', async () => {
    const doc = await openPdf(path, bytes);
    for (let n = 1; n <= doc.numPages; n++) { const p = await doc.getPage(n); await p.getOperatorList(); p.cleanup(); }
    await doc.destroy();
  });
  const parsed = await time('parsePdf', () => parsePdf(path, bytes));
  pages += parsed.pages ?? 0;
  const seg0 = await time('segment', () => segment(parsed));
  const seg = await time('copy (structured clone)', () => deserialize(serialize(seg0)));
  const meta = await time('extract: meta', () => extractMeta(seg));
  const st = await time('extract: statements', () => readStatements(seg, meta));
  await time('extract: figures', () => [...extractFigures(seg, meta), ...headlineFigures(st.statements)]);
  await time('extract: indicators', () => extractIndicators(seg, meta));
  await time('extract: scores', () => extractScores(seg, meta));
  await time('extract: projects', () => extractProjects(seg, meta));
  const x = extract(seg);
  const v = await time('validate', () => validateExtraction(seg.file, x));
  const flags = await time('checks', () => checkDocument(seg, v.extraction));
  await time('store (SQLite)', () => storeDocument(db, seg, v.extraction, [...seg.messages, ...v.messages], flags));
}
await db.close();
rmSync(dbPath, { force: true }); rmSync(dbPath + '-wal', { force: true }); rmSync(dbPath + '-shm', { force: true });

// the baseline: pdf.js as it ships, one thread of a child process (scripts/raw-pdfjs-child.ts)
const text = 1000 * rawPdfjsInChild(files).seconds;
const layout = ms['parsePdf'] - ms['text + drawing'];
const rows: Array<[string, number]> = [
  ['pdf.js text content with drawing', ms['text + drawing']], ['PDF layout (runs, rulings, tables, lines, paragraphs)', layout],
  ...Object.entries(ms).filter(([k]) => !['text + drawing', 'operator list', 'parsePdf'].includes(k)),
];
const total = rows.reduce((s, [, v]) => s + v, 0);
console.log(`${files.length} PDFs, ${pages} pages, one thread; raw pdf.js text content ${(pages / text * 1000).toFixed(0)} pages/s`);
console.log('| stage | ms | ms/page | share | × text content |\n|---|---:|---:|---:|---:|');
for (const [k, v] of rows) console.log(`| ${k} | ${v.toFixed(0)} | ${(v / pages).toFixed(2)} | ${(100 * v / total).toFixed(1)}% | ${(v / text).toFixed(2)} |`);
console.log(`| total | ${total.toFixed(0)} | ${(total / pages).toFixed(2)} | 100% | ${(total / text).toFixed(2)} |`);
console.log(`(raw pdf.js text content, as shipped, in a child process: ${text.toFixed(0)} ms; getOperatorList, no longer run by the parser, would add ${ms['operator list'].toFixed(0)} ms = ${(ms['operator list'] / text).toFixed(2)} ×)`);
