// What the queue holds, from any machine: jobs by state, the batches and whether their checks ran,
// and the failures with their reasons.
import type { Db } from '../store/types.ts';
import { CHECKS_QUEUE, IMPORT_QUEUE } from './boss.ts';

export interface QueueStatus {
  /** Import jobs by state: queued (created), retrying (failed, to run again), active, done, failed (no tries left). */
  jobs: { queued: number; retrying: number; active: number; done: number; failed: number };
  checks: { pending: number };
  documents: number;
  batches: Array<{ id: string; created_at: string; files: number; checked_at: string | null }>;
  failures: Array<{ path: string; reason: string; tries: number }>;
}

const STATE: Record<string, keyof QueueStatus['jobs']> = { created: 'queued', retry: 'retrying', active: 'active', completed: 'done', failed: 'failed' };

/** Jobs not yet ended (queued, retrying, running), of one batch or of every batch, plus queued checks when no batch is named. */
export async function pendingJobs(db: Db, batch?: string): Promise<number> {
  const row = batch
    ? await db.get<{ n: number }>("SELECT count(*) AS n FROM pgboss.job WHERE name = ? AND state IN ('created', 'retry', 'active') AND data->>'batch' = ?", [IMPORT_QUEUE, batch])
    : await db.get<{ n: number }>("SELECT count(*) AS n FROM pgboss.job WHERE name IN (?, ?) AND state IN ('created', 'retry', 'active')", [IMPORT_QUEUE, CHECKS_QUEUE]);
  return row!.n;
}

export async function queueStatus(db: Db): Promise<QueueStatus> {
  const jobs: QueueStatus['jobs'] = { queued: 0, retrying: 0, active: 0, done: 0, failed: 0 };
  // finished jobs move to pgboss.archive after a while: count both
  const rows = await db.all<{ state: string; n: number }>(`SELECT state, count(*) AS n FROM (
      SELECT state FROM pgboss.job WHERE name = ? UNION ALL SELECT state FROM pgboss.archive WHERE name = ?) j GROUP BY state`, [IMPORT_QUEUE, IMPORT_QUEUE]);
  for (const r of rows) if (STATE[r.state]) jobs[STATE[r.state]] += r.n;
  const checks = (await db.get<{ n: number }>("SELECT count(*) AS n FROM pgboss.job WHERE name = ? AND state IN ('created', 'retry', 'active')", [CHECKS_QUEUE]))!.n;
  const documents = (await db.get<{ n: number }>('SELECT count(*) AS n FROM documents'))!.n;
  const batches = await db.all<QueueStatus['batches'][number]>('SELECT id, created_at, files, checked_at FROM queue_batches ORDER BY created_at, id');
  const failures = (await db.all<{ path: string; reason: string | null; tries: number }>(`SELECT data->>'path' AS path, COALESCE(output->>'message', output->'value'->>'message') AS reason, retry_count + 1 AS tries
      FROM pgboss.job WHERE name = ? AND state = 'failed' UNION ALL
      SELECT data->>'path', COALESCE(output->>'message', output->'value'->>'message'), retry_count + 1 FROM pgboss.archive WHERE name = ? AND state = 'failed' ORDER BY 1`, [IMPORT_QUEUE, IMPORT_QUEUE]))
    .map((f) => ({ path: f.path, reason: f.reason ?? 'unknown', tries: f.tries }));
  return { jobs, checks: { pending: checks }, documents, batches, failures };
}
