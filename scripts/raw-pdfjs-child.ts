// Raw pdf.js text extraction in a process of its own (for scripts/bench.ts, so the baseline's pdf.js
// does not count in the import's memory): prints {"pages":N,"seconds":S,"cpuSeconds":C} for the PDFs named.
//   node --import tsx scripts/raw-pdfjs-child.ts FILE...
import { register } from 'node:module';
import { rawPdfjsPages } from './raw-pdf.ts';

// pdf.js as it ships: loaded as plain JavaScript like the import's, without jixiao's changes
register('../pipeline/ingest/plain-modules.mjs', import.meta.url, { data: { patched: false } });
const t = performance.now();
const cpu = process.cpuUsage();
const pages = await rawPdfjsPages(process.argv.slice(2));
const used = process.cpuUsage(cpu);
console.log(JSON.stringify({ pages, seconds: (performance.now() - t) / 1000, cpuSeconds: (used.user + used.system) / 1e6 }));
