// County-scale benchmark of the full import (parse, segment, extract, check, store) against raw
// pdf.js text extraction of the same PDFs, in the same run. For each size it builds a corpus of real
// PDFs (the text PDFs of fixtures/wild/docs, fixtures/real and fixtures/corpus/pdf, plus any --from
// folder), each copy with distinct bytes so nothing is deduplicated, and alternates:
//   A  raw pdf.js: one thread of a child process, getDocument + getTextContent of every page of the first --raw files
//   B  the import of all of them into a fresh database, with the default parsing workers
//   A  raw pdf.js again
// The ratio is import pages/s ÷ raw pages/s (the mean of the two A runs; both are printed, since
// other processes on the machine move every figure). CPU time per page (all threads) is printed for
// both as well: it moves far less with the machine's load than the wall-clock figures. Peak RSS is the whole process (main thread and
// workers are threads of it) over the import: the kernel's high-water mark, reset before B.
// Usage: npx tsx scripts/bench.ts [--sizes 100,500,1000] [--jobs N] [--raw 100] [--from DIR ...]
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openSqlite } from '../pipeline/store/sqlite.ts';
import { defaultJobs, importPaths } from '../pipeline/ingest/index.ts';
import { limitHeapGrowth } from '../pipeline/ingest/heap.ts';
import { buildPdfCorpus, realPdfs } from './county-corpus.ts';
import { rawPdfjsInChild } from './raw-pdf.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100,500,1000' }, jobs: { type: 'string' }, raw: { type: 'string', default: '100' },
    from: { type: 'string', multiple: true, default: [] },
  },
});
const sizes = values.sizes!.split(',').map(Number);
const jobs = values.jobs ? Number(values.jobs) : defaultJobs();
const rawCount = Number(values.raw);
const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;
const sources = realPdfs([join(FIXTURES, 'wild', 'docs'), join(FIXTURES, 'real'), join(FIXTURES, 'corpus', 'pdf'), ...values.from!]);

const mib = (kb: number) => (kb / 1024).toFixed(0);
const status = (key: string) => Number(readFileSync('/proc/self/status', 'utf8').match(new RegExp(`${key}:\\s+(\\d+)`))?.[1] ?? 0);
/** Resets the kernel's peak-RSS mark of this process to its current RSS (Linux). */
const resetPeak = () => { try { writeFileSync('/proc/self/clear_refs', '5'); } catch { /* not Linux: the mark covers the run so far */ } };

/** Raw pdf.js in a child process (one thread), so its pdf.js is not in this process's memory: pages/s and CPU ms a page. */
function raw(paths: string[]): { pps: number; cpuMs: number } {
  const { pages, seconds, cpuSeconds } = rawPdfjsInChild(paths);
  return { pps: pages / seconds, cpuMs: (1000 * cpuSeconds) / pages };
}

// the import's heaps as `jixiao import` sets them (pipeline/ingest/heap.ts)
limitHeapGrowth();
console.log(`jixiao county benchmark — ${jobs} parsing workers, node ${process.version}, ${sources.length} distinct PDFs`);
for (const size of sizes) {
  const dir = join(tmpdir(), `jixiao-bench-${size}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  const files = buildPdfCorpus(sources, join(dir, 'in'), size);
  const rawPaths = files.slice(0, Math.min(rawCount, size)).map((f) => f.path);
  const before = raw(rawPaths);
  const db = openSqlite(join(dir, 'bench.sqlite'));
  resetPeak();
  const t = performance.now();
  const cpu = process.cpuUsage();
  const summary = await importPaths(db, [join(dir, 'in')], { jobs });
  const seconds = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000 / summary.pages;
  const peak = status('VmHWM');
  await db.close();
  const after = raw(rawPaths);
  const rawPps = (before.pps + after.pps) / 2;
  const rawCpuMs = (before.cpuMs + after.cpuMs) / 2;
  const pps = summary.pages / seconds;
  console.log([
    `${size} PDFs: ${summary.imported} imported, ${summary.skipped} skipped, ${summary.failed} failed, ${summary.pages} pages in ${seconds.toFixed(1)} s`,
    `  import ${pps.toFixed(1)} pages/s (${(summary.imported / seconds).toFixed(2)} documents/s) : raw pdf.js ${rawPps.toFixed(1)} pages/s (${before.pps.toFixed(1)} before, ${after.pps.toFixed(1)} after, ${rawPaths.length} files) = ratio ${(pps / rawPps).toFixed(2)}`,
    `  CPU a page, all threads: import ${cpuMs.toFixed(1)} ms, raw pdf.js ${rawCpuMs.toFixed(1)} ms (${(cpuMs / rawCpuMs).toFixed(2)} ×)`,
    `  peak RSS over the import ${mib(peak)} MiB`,
  ].join('\n'));
  for (const f of summary.outcomes) if (f.status === 'failed') console.log(`  failed: ${f.path}: ${f.reason}`);
  rmSync(dir, { recursive: true, force: true });
}
