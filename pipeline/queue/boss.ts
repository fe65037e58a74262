// The job queue on the team's PostgreSQL: pg-boss (its own tables in the `pgboss` schema of the same
// database) holds the jobs; two small tables of ours beside the store's hold each enqueued batch (so
// the rules across reports run once it is done) and, when asked, the files' bytes (for workers that
// see no shared folder).
import PgBoss from 'pg-boss';
import type { Db } from '../store/types.ts';

/** One job per file: parse, extract, store. */
export const IMPORT_QUEUE = 'jixiao-import';
/** One job per finished batch: the rules across reports. At most one queued per batch (pg-boss 'stately'). */
export const CHECKS_QUEUE = 'jixiao-checks';

export interface ImportJob { path: string; batch: string; /** set when the bytes are in queue_files */ sha256?: string }
export interface ChecksJob { batch: string }

const TABLES = `
CREATE TABLE IF NOT EXISTS queue_batches (
  id         text PRIMARY KEY,
  created_at text NOT NULL,
  files      integer NOT NULL,
  checked_at text                     -- when the rules across reports ran after its last file
);
CREATE TABLE IF NOT EXISTS queue_files (
  sha256 text PRIMARY KEY,
  bytes  bytea NOT NULL
);`;

export interface BossOptions {
  /** How often a worker looks for jobs that ran past their time (a crashed worker's) to hand them out again. */
  superviseSeconds?: number;
}

export async function openBoss(db: Db, url: string, options: BossOptions = {}): Promise<PgBoss> {
  if (db.dialect !== 'postgres') throw new Error(`${db.name}: the job queue needs a PostgreSQL database (--db postgres://…)`);
  await db.transaction(async (tx) => { await tx.run(TABLES); }, { lock: 'jixiao queue tables' });
  const boss = new PgBoss({ connectionString: url, max: 4, maintenanceIntervalSeconds: options.superviseSeconds ?? 10, monitorStateIntervalSeconds: 60 });
  boss.on('error', (e) => process.stderr.write(`jixiao queue: ${(e as Error).message}\n`));
  await boss.start();
  // createQueue is idempotent; every enqueue and worker makes sure both exist
  await boss.createQueue(IMPORT_QUEUE, { name: IMPORT_QUEUE, policy: 'standard' });
  await boss.createQueue(CHECKS_QUEUE, { name: CHECKS_QUEUE, policy: 'stately' });
  return boss;
}
