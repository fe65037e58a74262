// A worker: takes import jobs from the queue, parses (in its own pool of parse threads), extracts and
// stores each file, and marks the job done or failed. pg-boss retries a failed job up to its limit, and
// hands out again a job whose worker died (it runs past its time and is expired by whichever worker's
// supervisor looks next). The store writes each document at most once whatever runs twice.
// When a batch has no job left to run, a checks job runs the rules across reports, once per batch.
import { readFile, stat } from 'node:fs/promises';
import type PgBoss from 'pg-boss';
import { sha256 } from '../../parsers/shared/hash.ts';
import { storeParsed, type FileOutcome } from '../ingest/index.ts';
import { checkAcrossDatabase, ACROSS_LOCK } from '../ingest/checks.ts';
import type { Limits } from '../ingest/limits.ts';
import { ParsePool } from '../ingest/pool.ts';
import { findDocument } from '../store/write.ts';
import type { Db } from '../store/types.ts';
import { CHECKS_QUEUE, IMPORT_QUEUE, type ChecksJob, type ImportJob } from './boss.ts';
import { pendingJobs } from './status.ts';

export interface WorkerOptions {
  /** Files parsed at once by this worker. */
  jobs: number;
  limits: Limits;
  /** Stop when no job is queued, retrying or running anywhere. */
  untilEmpty?: boolean;
  pollSeconds?: number;
  onFile?: (outcome: FileOutcome) => void;
}

async function bytesOf(db: Db, job: ImportJob, limits: Limits): Promise<Uint8Array> {
  if (job.sha256) {
    const row = await db.get<{ bytes: Uint8Array }>('SELECT bytes FROM queue_files WHERE sha256 = ?', [job.sha256]);
    if (!row) throw new Error('its bytes are no longer in the database');
    return new Uint8Array(row.bytes);
  }
  const size = (await stat(job.path)).size;
  if (size > limits.maxFileMb * 1024 * 1024) throw new Error(`larger than the limit of ${limits.maxFileMb} MiB`);
  return new Uint8Array(await readFile(job.path));
}

/** One file: already stored (skipped), or parsed and stored; a failure throws with the reason. */
async function importJob(db: Db, pool: ParsePool, job: ImportJob, limits: Limits): Promise<FileOutcome> {
  const bytes = await bytesOf(db, job, limits);
  const known = await findDocument(db, sha256(bytes));
  if (known != null) return { path: job.path, status: 'skipped', id: known };
  const reply = await pool.parse(job.path, bytes);
  if (!reply.ok) throw new Error(reply.reason);
  const outcome = await storeParsed(db, job.path, reply.doc);
  if (outcome.status === 'failed') throw new Error(outcome.reason);
  return outcome;
}

/** The rules across reports for a batch whose jobs have all ended; claimed in the database, so once. */
export async function checkBatch(db: Db, batch: string): Promise<boolean> {
  if (await pendingJobs(db, batch)) return false; // the batch's last job will ask again
  return db.transaction(async (tx) => {
    const claimed = await tx.get('UPDATE queue_batches SET checked_at = ? WHERE id = ? AND checked_at IS NULL RETURNING id', [new Date().toISOString(), batch]);
    if (claimed) await checkAcrossDatabase(tx);
    return Boolean(claimed);
  }, { lock: ACROSS_LOCK });
}

export async function runWorker(db: Db, boss: PgBoss, options: WorkerOptions): Promise<void> {
  const pool = new ParsePool(options.jobs, options.limits);
  const pollingIntervalSeconds = options.pollSeconds ?? 1;
  const askForChecks = (batch: string) => boss.send(CHECKS_QUEUE, { batch } satisfies ChecksJob, { singletonKey: batch, retryLimit: 3 });

  for (let i = 0; i < options.jobs; i++) {
    await boss.work<ImportJob>(IMPORT_QUEUE, { batchSize: 1, pollingIntervalSeconds }, async ([job]) => {
      try {
        const outcome = await importJob(db, pool, job.data, options.limits);
        await boss.complete(IMPORT_QUEUE, job.id);
        if (job.data.sha256) await db.run('DELETE FROM queue_files WHERE sha256 = ?', [job.data.sha256]);
        options.onFile?.(outcome);
      } catch (e) {
        // marked here (not by throwing) so that the job has left `active` before the checks look
        await boss.fail(IMPORT_QUEUE, job.id, { message: (e as Error).message });
        options.onFile?.({ path: job.data.path, status: 'failed', reason: (e as Error).message });
      }
      await askForChecks(job.data.batch);
    });
  }
  await boss.work<ChecksJob>(CHECKS_QUEUE, { batchSize: 1, pollingIntervalSeconds }, async ([job]) => { await checkBatch(db, job.data.batch); });

  // a batch whose last job was lost with its worker on its final try was never checked: ask again
  for (const { id } of await db.all<{ id: string }>('SELECT id FROM queue_batches WHERE checked_at IS NULL')) await askForChecks(id);

  await new Promise<void>((done) => {
    const stop = async () => {
      clearInterval(timer);
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
      await pool.close();
      done();
    };
    const timer = setInterval(async () => {
      if (options.untilEmpty && (await pendingJobs(db)) === 0) await stop();
    }, 1000);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
