// How fast the review workbench answers over a database: the overview, every report page and every
// flag page, each requested over HTTP from a server started here (pages are not rendered: images are
// fetched by the browser separately and cached). Usage: npx tsx scripts/bench-serve.ts DB [ROUNDS]
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../pipeline/store/db.ts';
import { startServer } from '../pipeline/serve/server.ts';

const [db, roundsArg] = process.argv.slice(2);
if (!db) { console.error('usage: npx tsx scripts/bench-serve.ts DB [ROUNDS]'); process.exit(2); }
const rounds = Number(roundsArg ?? 5);

const get = (port: number, path: string) => new Promise<number>((ok, fail) => {
  const t = performance.now();
  request({ host: '127.0.0.1', port, path }, (res) => { res.resume(); res.on('end', () => (res.statusCode === 200 ? ok(performance.now() - t) : fail(new Error(`${path}: ${res.statusCode}`)))); }).on('error', fail).end();
});

const raw = openDatabase(db, { readonly: true });
const docs = (raw.prepare('SELECT id FROM documents').all() as Array<{ id: number }>).map((r) => r.id);
const pdf = raw.prepare("SELECT id, pages FROM documents WHERE format = 'pdf' AND pages >= 3 ORDER BY id LIMIT 1").get() as { id: number; pages: number } | undefined;
const flags = (raw.prepare('SELECT id FROM flags').all() as Array<{ id: number }>).map((r) => r.id);
raw.close();
const cacheDir = mkdtempSync(join(tmpdir(), 'jixiao-bench-pages-'));
const srv = await startServer({ db, port: 0, user: 'bench', cacheDir });
const stats = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return `median ${s[s.length >> 1].toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms (n=${s.length})`; };
const overview: number[] = [];
for (let i = 0; i < rounds; i++) overview.push(await get(srv.port, '/'));
const reports: number[] = [];
for (const id of docs) reports.push(await get(srv.port, `/report/${id}`));
const flagPages: number[] = [];
for (const id of flags) flagPages.push(await get(srv.port, `/flag/${id}`));
console.log(`${docs.length} documents, ${flags.length} flags`);
console.log(`overview: ${stats(overview)}`);
console.log(`report pages: ${stats(reports)}`);
if (flagPages.length) console.log(`flag pages: ${stats(flagPages)}`);
if (pdf) {
  // page images: drawn once (cold, a fresh cache), then read from the cache (warm)
  const cold: number[] = [], warm: number[] = [];
  for (let n = 1; n <= 3; n++) cold.push(await get(srv.port, `/page/${pdf.id}/${n}.png`));
  for (let n = 1; n <= 3; n++) warm.push(await get(srv.port, `/page/${pdf.id}/${n}.png`));
  console.log(`page images, drawn: ${stats(cold)}; from the cache: ${stats(warm)}`);
}
await srv.close();
rmSync(cacheDir, { recursive: true, force: true });
