// Records files as import jobs: one batch, one job per file. The files stay where they are (a folder
// every worker sees) unless `store` is set, when their bytes go into the database with the job.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type PgBoss from 'pg-boss';
import { sha256 } from '../../parsers/shared/hash.ts';
import { listInputFiles } from '../ingest/files.ts';
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

export interface EnqueueResult { batch: string; files: number; missing: string[] }

export async function enqueue(db: Db, boss: PgBoss, paths: string[], options: EnqueueOptions): Promise<EnqueueResult> {
  const { files, missing } = await listInputFiles(paths);
  const batch = randomUUID();
  const jobs: ImportJob[] = [];
  for (const file of files) {
    const path = resolve(file);
    if (!options.store) { jobs.push({ path, batch }); continue; }
    const bytes = await readFile(path);
    const hash = sha256(bytes);
    await db.run('INSERT INTO queue_files (sha256, bytes) VALUES (?, ?) ON CONFLICT (sha256) DO NOTHING', [hash, bytes]);
    jobs.push({ path, batch, sha256: hash });
  }
  await db.run('INSERT INTO queue_batches (id, created_at, files) VALUES (?, ?, ?)', [batch, new Date().toISOString(), jobs.length]);
  for (let at = 0; at < jobs.length; at += 500) {
    await boss.insert(jobs.slice(at, at + 500).map((data) => ({
      name: IMPORT_QUEUE, data, retryLimit: options.retries, retryDelay: 1, expireInSeconds: options.timeoutSeconds,
    })));
  }
  return { batch, files: jobs.length, missing };
}
