// Work over machines: 300 documents enqueued on a real PostgreSQL, three worker processes draining the
// queue, one of them killed (SIGKILL) while jobs are running. Its job runs past its time, is handed out
// again and done by another worker: every document is stored once, no job is lost or failed, and the
// rules across reports ran once for the batch. `jixiao status` reports the same.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../pipeline/store/open.ts';
import type { Db } from '../../pipeline/store/types.ts';
import { CORPUS, tempDir } from '../helpers.ts';
import { ROOT } from '../export/setup.ts';
import { freshPostgres } from '../stores.ts';

const BIN = join(ROOT, 'bin/jixiao.mjs');
const DOCUMENTS = 300;

function jixiao(args: string[]): { child: ChildProcess; done: Promise<{ status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT });
  // decoded as a stream: a chunk may end inside a character
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8');
  let stdout = ''; let stderr = '';
  child.stdout!.on('data', (d) => { stdout += d; });
  child.stderr!.on('data', (d) => { stderr += d; });
  const done = new Promise<any>((resolve) => child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr })));
  return { child, done };
}

/**
 * 300 reports: the text corpus copied, each copy one byte-different (a trailing line), so 300 distinct sha256.
 * Each copy holds its report three times over, so that a job lasts longer than the gap between a worker's
 * polls: on a fast machine short jobs leave the three workers seldom busy at the same moment.
 */
function documents(dir: string): void {
  const sources = readdirSync(join(CORPUS, 'txt')).map((f) => readFileSync(join(CORPUS, 'txt', f), 'utf8'));
  for (let i = 0; i < DOCUMENTS; i++) {
    const text = sources[i % sources.length];
    writeFileSync(join(dir, `copy-${String(i).padStart(3, '0')}.txt`), `${text}\n${text}\n${text}\n（副本 ${i}）\n`);
  }
}

const until = async (test: () => Promise<boolean>, what: string, seconds = 300) => {
  const end = Date.now() + seconds * 1000;
  while (!(await test())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('three workers drain a queue of 300 documents, one killed mid-job', () => {
  let url: string;
  let db: Db;
  let killedSignal: NodeJS.Signals | null = null;
  let results: Array<{ status: number | null; stdout: string; stderr: string }>;

  beforeAll(async () => {
    url = await freshPostgres();
    const dir = tempDir('jixiao-queue-');
    documents(dir);
    const enq = jixiao(['enqueue', dir, '--db', url, '--job-timeout', '15', '--retries', '3']);
    const e = await enq.done;
    expect(e.status, e.stderr).toBe(0);
    expect(e.stdout).toContain(`${DOCUMENTS} file(s) enqueued`);
    db = await openStore(url);

    const workers = [0, 1, 2].map(() => jixiao(['worker', '--db', url, '--until-empty', '--quiet', '--supervise-seconds', '1']));
    // all three busy, and some documents already stored: then one dies without a word
    const count = async (sql: string) => (await db.get<{ n: number }>(sql))!.n;
    await until(async () => (await count("SELECT count(*) AS n FROM pgboss.job WHERE name = 'jixiao-import' AND state = 'active'")) >= 3
      && (await count('SELECT count(*) AS n FROM documents')) >= 20, 'three busy workers');
    workers[0].child.kill('SIGKILL');
    killedSignal = (await workers[0].done).signal;
    results = await Promise.all(workers.slice(1).map((w) => w.done));
  }, 900_000);

  afterAll(async () => { await db?.close(); });

  it('the killed worker died by the signal and the others ended when the queue was empty', () => {
    expect(killedSignal).toBe('SIGKILL');
    for (const r of results) expect(r.status, r.stderr).toBe(0);
  });

  it('stores every document once', async () => {
    expect((await db.get<{ n: number }>('SELECT count(*) AS n FROM documents'))!.n).toBe(DOCUMENTS);
    expect(await db.all('SELECT sha256 FROM documents GROUP BY sha256 HAVING count(*) > 1')).toEqual([]);
  });

  it('finishes every job, the killed worker\'s taken again', async () => {
    const states = await db.all("SELECT state, count(*) AS n FROM pgboss.job WHERE name = 'jixiao-import' GROUP BY state");
    expect(states).toEqual([{ state: 'completed', n: DOCUMENTS }]);
    const retried = (await db.get<{ n: number }>("SELECT count(*) AS n FROM pgboss.job WHERE name = 'jixiao-import' AND retry_count > 0"))!.n;
    expect(retried).toBeGreaterThanOrEqual(1);
  });

  it('ran the rules across reports once, after the batch, and status shows it from anywhere', async () => {
    const [batch] = await db.all('SELECT files, checked_at FROM queue_batches');
    expect(batch.files).toBe(DOCUMENTS);
    expect(batch.checked_at).not.toBeNull();
    const s = await jixiao(['status', '--db', url]).done;
    expect(s.status, s.stderr).toBe(0);
    expect(s.stdout).toContain(`jobs: 0 queued, 0 retrying, 0 active, ${DOCUMENTS} done, 0 failed`);
    expect(s.stdout).toContain(`documents stored: ${DOCUMENTS}`);
    expect(s.stdout).toMatch(/checked \d{4}-/);
  });
});
