// Throughput of the job queue: the same county corpus (scripts/county-corpus.ts, every format) enqueued
// on a fresh PostgreSQL database and drained by 1, 2 and 4 worker processes (`jixiao worker --until-empty`,
// one parse at a time each); documents per second from the first job to the last worker's exit.
// Usage: npx tsx scripts/queue-bench.ts [--docs 40] [--workers 1,2,4] [--db postgres://…]
// Without --db it starts a throwaway cluster with scripts/pg-test-cluster.sh and stops it after.
import { execFileSync, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildCountyCorpus } from './county-corpus.ts';

const ROOT = new URL('../', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/jixiao.mjs');
const { values } = parseArgs({ options: { docs: { type: 'string', default: '40' }, workers: { type: 'string', default: '1,2,4' }, db: { type: 'string' } } });
const docs = Number(values.docs);
const counts = values.workers!.split(',').map(Number);

function run(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`jixiao ${args[0]} exited ${code}`))));
  });
}

let admin = values.db;
let cluster: string | null = null;
if (!admin) {
  const [url, dir] = execFileSync(join(ROOT, 'scripts/pg-test-cluster.sh'), ['start'], { encoding: 'utf8' }).trim().split(' ');
  admin = url; cluster = dir;
}
const input = join(tmpdir(), `jixiao-queue-bench-${process.pid}`);
rmSync(input, { recursive: true, force: true });
buildCountyCorpus(new URL('../fixtures/', import.meta.url).pathname, input, docs);
console.log(`jixiao queue benchmark — ${docs} documents (county corpus, every format), node ${process.version}, ${cpus().length} cores`);
try {
  for (const n of counts) {
    const name = `bench_${process.pid}_${n}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    const url = new URL(admin); url.pathname = `/${name}`;
    await run(['enqueue', input, '--db', url.toString()]);
    const t = performance.now();
    await Promise.all(Array.from({ length: n }, () => run(['worker', '--db', url.toString(), '--until-empty', '--quiet', '--supervise-seconds', '5'])));
    const seconds = (performance.now() - t) / 1000;
    const db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
    const stored = Number((await db.query('SELECT count(*) AS n FROM documents')).rows[0].n);
    await db.end();
    console.log(`${n} worker(s): ${stored} documents stored in ${seconds.toFixed(1)} s — ${(stored / seconds).toFixed(2)} documents/s`);
  }
} finally {
  rmSync(input, { recursive: true, force: true });
  if (cluster) execFileSync(join(ROOT, 'scripts/pg-test-cluster.sh'), ['stop', cluster]);
}
