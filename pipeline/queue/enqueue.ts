// Records files as import jobs: one batch, one job per file. The files stay where they are (a folder
// every worker sees) unless `store` is set, when their bytes go into the database with the job. An entry of a
// zip archive has no path of its own a worker could open, so its bytes always go with its job.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type PgBoss from 'pg-boss';
import { sha256 } from '../../parsers/shared/hash.ts';
import { DEFAULT_LIMITS } from '../ingest/limits.ts';
import { listInputs } from '../ingest/sources/disk.ts';
import type { Db } from '../store/types.ts';
import { IMPORT_QUEUE, type ImportJob } from './boss.ts';

export interface EnqueueOptions {
  /** Keep the bytes in the database, for workers without the shared folder. */
  store?: boolean;
  /** Tries after the first, for a job that fails or whose worker dies. */
  retries: number;
  /** Seconds a job may run before it counts as lost (its worker died) and is handed out again. */
  timeoutSeconds: number;
}

export interface EnqueueResult { batch: string; files: number; missing: string[]; ignored: Array<{ path: string; reason: string }> }

export async function enqueue(db: Db, boss: PgBoss, paths: string[], options: EnqueueOptions): Promise<EnqueueResult> {
  const listed = await listInputs(paths, DEFAULT_LIMITS);
  const missing = listed.flatMap((l) => (l.kind === 'failed' ? [`${l.path}: ${l.reason}`] : []));
  const ignored = listed.flatMap((l) => (l.kind === 'ignored' ? [{ path: l.path, reason: l.reason }] : []));
  const batch = randomUUID();
  const jobs: ImportJob[] = [];
  for (const l of listed) {
    if (l.kind !== 'source') continue;
    const source = l.source;
    const path = source.inArchive ? source.name : resolve(source.name);
    // a name read from bytes that are not UTF-8 (GBK on disk) is stored decoded: no worker could open it by that name
    const openable = !source.inArchive && existsSync(path);
    if (!options.store && openable) { jobs.push({ path, batch }); continue; }
    const bytes = await source.read();
    const hash = sha256(bytes);
    await db.run('INSERT INTO queue_files (sha256, bytes) VALUES (?, ?) ON CONFLICT (sha256) DO NOTHING', [hash, Buffer.from(bytes)]);
    jobs.push({ path, batch, sha256: hash });
  }
  await db.run('INSERT INTO queue_batches (id, created_at, files) VALUES (?, ?, ?)', [batch, new Date().toISOString(), jobs.length]);
  for (let at = 0; at < jobs.length; at += 500) {
    await boss.insert(jobs.slice(at, at + 500).map((data) => ({
      name: IMPORT_QUEUE, data, retryLimit: options.retries, retryDelay: 1, expireInSeconds: options.timeoutSeconds,
    })));
  }
  return { batch, files: jobs.length, missing, ignored };
}
