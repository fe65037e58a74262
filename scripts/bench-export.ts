// Benchmark: peak memory (max RSS) and wall time of each export format, the in-memory exporters (the
// path before streaming: loadDataset → one string or buffer → writeFileSync) against the streaming ones
// (what `jixiao export` runs). Each run is a fresh process, so its peak RSS is its own.
//
//   npx tsx scripts/bench-export.ts [--db FILE] [--line-items N] [--formats json,jsonl,csv,xlsx] [--paths old,new] [--heap MiB]
//
// --heap caps each child's V8 heap (--max-old-space-size): a streaming export that finishes under a small
// cap at any size shows its memory does not grow with the database.
// Without --db it builds a large SQLite database once: fixtures/wild/docs imported, then its documents
// copied through the store with fresh sha256 until the set holds --line-items line items (default
// 300,000). The copies carry every table the export reads (records, statements, line items, flags);
// blocks and sections, which no export reads, are left out to keep the file small.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, rmSync, statSync, readdirSync, writeFileSync } from 'node:fs';
import { Unzip, UnzipInflate } from 'fflate';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import { openStore } from '../pipeline/store/open.ts';
import type { Db } from '../pipeline/store/types.ts';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin/jixiao.mjs');
const COPIED = ['figures', 'indicators', 'scores', 'projects', 'statements', 'line_items', 'flags', 'messages'];

async function columns(db: Db, table: string): Promise<string[]> {
  const rows = await db.all<{ name: string }>(`SELECT name FROM pragma_table_info('${table}')`);
  return rows.map((r) => r.name);
}

/** Copies every document of the database (with fresh sha256) until it holds `target` line items. */
async function grow(path: string, target: number): Promise<void> {
  const db = await openStore(path);
  try {
    const originals = await db.all<{ id: number; sha256: string }>('SELECT id, sha256 FROM documents ORDER BY id');
    const docCols = (await columns(db, 'documents')).filter((c) => c !== 'id');
    const childCols = new Map<string, string[]>();
    for (const t of COPIED) {
      const cols = (await columns(db, t)).filter((c) => c !== 'document_id');
      // tables whose rows have their own id get new ones; the others (keyed by document and ord) keep ord
      childCols.set(t, cols.filter((c) => c !== 'id'));
    }
    const count = async () => Number((await db.get<{ n: number }>('SELECT count(*) AS n FROM line_items'))!.n);
    for (let copy = 1; (await count()) < target; copy++) {
      await db.transaction(async (tx) => {
        for (const o of originals) {
          const sha = createHash('sha256').update(`${o.sha256}:${copy}`).digest('hex');
          const sel = docCols.map((c) => (c === 'sha256' ? '?' : c === 'path' ? `path || '#${copy}'` : c)).join(', ');
          const row = await tx.get<{ id: number }>(`INSERT INTO documents (${docCols.join(', ')}) SELECT ${sel} FROM documents WHERE id = ? RETURNING id`, [sha, o.id]);
          for (const [t, cols] of childCols) {
            await tx.run(`INSERT INTO ${t} (document_id, ${cols.join(', ')}) SELECT ?, ${cols.join(', ')} FROM ${t} WHERE document_id = ?`, [row!.id, o.id]);
          }
        }
      });
    }
    const n = await db.get<{ d: number; l: number }>('SELECT (SELECT count(*) FROM documents) AS d, (SELECT count(*) FROM line_items) AS l');
    process.stderr.write(`database ${path}: ${n!.d} documents, ${n!.l} line items, ${(statSync(path).size / 2 ** 20).toFixed(0)} MiB\n`);
  } finally {
    await db.close();
  }
}

/** One export in this process (the child): the old in-memory path or the streaming one (as `jixiao export` runs it). */
async function runOne(db: string, format: string, path: 'old' | 'new', out: string): Promise<void> {
  const store = await openStore(db, { readonly: true });
  try {
    if (path === 'new') {
      const { planExport } = await import('../pipeline/export/walk.ts');
      const plan = await planExport(store);
      if (format === 'csv') await (await import('../pipeline/export/stream-csv.ts')).writeCsvExport(store, plan, out);
      else if (format === 'xlsx') await (await import('../pipeline/export/stream-xlsx.ts')).writeXlsxExport(store, plan, out);
      else {
        const { openOutput, writeAll } = await import('../pipeline/export/output.ts');
        const { writeJson } = await import('../pipeline/export/stream-json.ts');
        const o = await openOutput(out);
        await writeAll([o], () => writeJson(store, plan, o, format as 'json' | 'jsonl'));
      }
    } else if (format === 'json' || format === 'jsonl') {
      const { exportJson, exportJsonl } = await import('../pipeline/export/json.ts');
      writeFileSync(out, format === 'json' ? await exportJson(store) : await exportJsonl(store));
    } else {
      const { loadTables } = await import('../pipeline/export/tables.ts');
      const { tables } = await loadTables(store);
      if (format === 'csv') (await import('../pipeline/export/csv.ts')).writeCsvFolder(out, tables);
      else writeFileSync(out, (await import('../pipeline/export/xlsx.ts')).tablesToXlsx(tables));
    }
  } finally {
    await store.close();
  }
  // peak resident memory of this process (Linux: KiB)
  process.stderr.write(`max-rss-kib ${process.resourceUsage().maxRSS}\n`);
}

/** SHA-256 of a file, or of each part of a zip (read in chunks: the outputs can be large). */
async function digests(p: string): Promise<Record<string, string>> {
  if (statSync(p).isDirectory()) {
    const out: Record<string, string> = {};
    for (const f of readdirSync(p).sort()) Object.assign(out, { [f]: (await digests(join(p, f)))[''] });
    return out;
  }
  if (!p.endsWith('.xlsx')) {
    const h = createHash('sha256');
    for await (const chunk of createReadStream(p)) h.update(chunk as Buffer);
    return { '': h.digest('hex') };
  }
  const parts: Record<string, ReturnType<typeof createHash>> = {};
  const unzip = new Unzip((file) => {
    const h = (parts[file.name] = createHash('sha256'));
    file.ondata = (err, data) => { if (err) throw err; h.update(data); };
    file.start();
  });
  unzip.register(UnzipInflate);
  for await (const chunk of createReadStream(p)) unzip.push(new Uint8Array(chunk as Buffer));
  unzip.push(new Uint8Array(0), true);
  return Object.fromEntries(Object.entries(parts).sort(([a], [b]) => a.localeCompare(b)).map(([k, h]) => [k, h.digest('hex')]));
}

const sizeOf = (p: string): number => (statSync(p).isDirectory() ? readdirSync(p).reduce((s, f) => s + statSync(join(p, f)).size, 0) : statSync(p).size);

/** Runs one export in a child process: wall time (including start-up) and the child's peak RSS. */
function measure(db: string, format: string, path: 'old' | 'new', out: string, heapMiB?: number): { seconds: number; rssMiB: number; bytes: number } {
  rmSync(out, { recursive: true, force: true });
  const t0 = performance.now();
  const args = [...(heapMiB ? [`--max-old-space-size=${heapMiB}`] : []), '--import', 'tsx', join(ROOT, 'scripts/bench-export.ts'), '--child', '--path', path, '--db', db, '--format', format, '--out', out];
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${path} ${format} failed: ${r.stderr}`);
  const m = /max-rss-kib (\d+)/.exec(r.stderr);
  return { seconds, rssMiB: m ? Number(m[1]) / 1024 : NaN, bytes: sizeOf(out) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: {
    db: { type: 'string' }, 'line-items': { type: 'string', default: '300000' },
    formats: { type: 'string', default: 'json,jsonl,csv,xlsx' }, heap: { type: 'string' }, paths: { type: 'string', default: 'old,new' },
    child: { type: 'boolean', default: false }, path: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' },
  } });
  if (values.child) return runOne(values.db!, values.format!, values.path as 'old' | 'new', values.out!);

  const work = join(tmpdir(), 'jixiao-bench-export');
  mkdirSync(work, { recursive: true });
  let db = values.db;
  if (!db) {
    db = join(work, `large-${values['line-items']}.sqlite`);
    if (!existsSync(db)) {
      const r = spawnSync(process.execPath, [BIN, 'import', join(ROOT, 'fixtures/wild/docs'), '--db', db, '--quiet', '--jobs', '1'], { cwd: ROOT, stdio: 'inherit' });
      if (r.status !== 0 && !existsSync(db)) throw new Error('import failed');
      await grow(db, Number(values['line-items']));
    }
  }
  const rows: string[] = [];
  const seen = new Map<string, string>();
  for (const format of values.formats!.split(',')) {
    for (const path of values.paths!.split(',') as Array<'old' | 'new'>) {
      const out = join(work, `out-${path}.${format === 'csv' ? 'csv.d' : format}`);
      try {
        const m = measure(db, format, path, out, values.heap ? Number(values.heap) : undefined);
        // the contents (each file, each part of the workbook) against the other path's, when both ran
        const d = JSON.stringify(await digests(out));
        const same = seen.has(format) ? (seen.get(format) === d ? ', same content as the other path' : ', CONTENT DIFFERS from the other path') : '';
        seen.set(format, d);
        rows.push(`${format.padEnd(6)} ${path.padEnd(4)} ${m.seconds.toFixed(1).padStart(7)} s ${m.rssMiB.toFixed(0).padStart(7)} MiB peak RSS ${(m.bytes / 2 ** 20).toFixed(1).padStart(8)} MiB written${same}`);
      } catch (e) {
        rows.push(`${format.padEnd(6)} ${path.padEnd(4)} failed: ${String((e as Error).message).split('\n').slice(0, 3).join(' ')}`);
      }
      process.stderr.write(rows.at(-1) + '\n');
      rmSync(out, { recursive: true, force: true });
    }
  }
  process.stdout.write(`\nexport of ${db}\n${rows.join('\n')}\n`);
}

await main();
