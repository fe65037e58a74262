// jixiao enqueue / worker / status: an import spread over machines, through a job queue on the team's
// PostgreSQL (pipeline/queue).
import { parseArgs } from 'node:util';
import { openStore } from '../../store/open.ts';
import { safeUrl } from '../../store/postgres/index.ts';
import { openBoss } from '../../queue/boss.ts';
import { enqueue } from '../../queue/enqueue.ts';
import { runWorker } from '../../queue/worker.ts';
import { queueStatus } from '../../queue/status.ts';
import { DEFAULT_LIMITS } from '../../ingest/limits.ts';
import { limitHeapGrowth } from '../../ingest/heap.ts';
import { positiveNumber, UsageError, type Command } from '../command.ts';

const needUrl = (db: string | undefined, name: string) => {
  if (!db) throw new UsageError(`${name} needs --db postgres://… (the team's PostgreSQL)`);
  return db;
};

export const enqueueCommand: Command = {
  name: 'enqueue',
  summary: 'record files as import jobs for workers on any machine (PostgreSQL)',
  help: `jixiao enqueue PATH… --db postgres://… [--store-files] [--retries N] [--job-timeout S]

Records every file given, and every file inside the folders given, as one import job each, in one
batch. Workers ("jixiao worker") on any machine take the jobs. By default a worker reads the file at
its absolute path, so the folder must be one every worker sees (a shared folder, mounted at the same
path); --store-files puts the bytes in the database instead.

Options:
  --db URL            the team's PostgreSQL, postgres://user[:password]@host[:port]/database
  --store-files       keep the files' bytes in the database (workers need no shared folder)
  --retries N         tries after the first for a job that fails or whose worker dies (default 2)
  --job-timeout S     seconds a job may run before it counts as lost and is handed out again (default 600)`,
  async run(args) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: {
      db: { type: 'string' }, 'store-files': { type: 'boolean', default: false }, retries: { type: 'string' }, 'job-timeout': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    } });
    if (values.help) { process.stdout.write(enqueueCommand.help + '\n'); return 0; }
    if (!positionals.length) throw new UsageError('enqueue needs at least one file or folder');
    const url = needUrl(values.db, 'enqueue');
    const retries = Math.floor(positiveNumber('retries', values.retries, 2, true));
    const timeoutSeconds = Math.max(1, Math.floor(positiveNumber('job-timeout', values['job-timeout'], 600)));
    const db = await openStore(url);
    try {
      const boss = await openBoss(db, url);
      try {
        const r = await enqueue(db, boss, positionals, { store: values['store-files'], retries, timeoutSeconds });
        for (const m of r.missing) process.stderr.write(`${m}\n`);
        for (const i of r.ignored) process.stderr.write(`left out ${i.path}: ${i.reason}\n`);
        process.stdout.write(`${r.files} file(s) enqueued as batch ${r.batch} — ${safeUrl(url)}\nstart workers with: jixiao worker --db ${safeUrl(url)}\n`);
        return r.missing.length ? 1 : 0;
      } finally {
        await boss.stop({ graceful: false, wait: true });
      }
    } finally {
      await db.close();
    }
  },
};

export const workerCommand: Command = {
  name: 'worker',
  summary: 'take import jobs from the queue, parse and store them (PostgreSQL)',
  help: `jixiao worker --db postgres://… [--jobs N] [--until-empty] [--quiet]

Takes import jobs ("jixiao enqueue") and parses, extracts and stores each file. Run any number, on
any machines that reach the database. A job that fails is tried again (as many times as enqueue
said); a job whose worker dies is handed out again once its time is up. When a batch has no job
left, one worker runs the rules across reports. Ctrl-C finishes the files under way and stops.

Options:
  --db URL               the team's PostgreSQL
  --jobs N               files parsed at once by this worker (default 1)
  --until-empty          stop when no job is queued, retrying or running
  --supervise-seconds S  how often to look for lost jobs (default 10)
  --quiet                print only failures`,
  async run(args) {
    const { values } = parseArgs({ args, options: {
      db: { type: 'string' }, jobs: { type: 'string' }, 'until-empty': { type: 'boolean', default: false },
      'supervise-seconds': { type: 'string' }, quiet: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' },
    } });
    if (values.help) { process.stdout.write(workerCommand.help + '\n'); return 0; }
    const url = needUrl(values.db, 'worker');
    const jobs = Math.floor(positiveNumber('jobs', values.jobs, 1));
    const superviseSeconds = Math.max(1, Math.floor(positiveNumber('supervise-seconds', values['supervise-seconds'], 10)));
    const db = await openStore(url);
    try {
      const boss = await openBoss(db, url, { superviseSeconds });
      let done = 0;
      limitHeapGrowth();
      await runWorker(db, boss, {
        jobs, limits: DEFAULT_LIMITS, untilEmpty: values['until-empty'],
        onFile: (o) => {
          done++;
          if (o.status === 'failed') process.stderr.write(`failed   ${o.path}: ${o.reason}\n`);
          else if (!values.quiet) process.stdout.write(`${o.status.padEnd(9)}${o.path}\n`);
        },
      });
      process.stdout.write(`worker ${process.pid}: ${done} job(s) taken\n`);
      return 0;
    } finally {
      await db.close();
    }
  },
};

export const statusCommand: Command = {
  name: 'status',
  summary: 'what the import queue holds: jobs queued, running, done, failed (PostgreSQL)',
  help: `jixiao status --db postgres://… [--json]

Shows, from any machine, the import jobs by state, the documents stored, each batch and whether the
rules across reports ran after it, and every failed job with its reason.`,
  async run(args) {
    const { values } = parseArgs({ args, options: { db: { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } } });
    if (values.help) { process.stdout.write(statusCommand.help + '\n'); return 0; }
    const url = needUrl(values.db, 'status');
    const db = await openStore(url);
    try {
      const boss = await openBoss(db, url);
      await boss.stop({ graceful: false, wait: true });
      const s = await queueStatus(db);
      if (values.json) { process.stdout.write(JSON.stringify(s, null, 1) + '\n'); return 0; }
      const j = s.jobs;
      const out = [
        `jobs: ${j.queued} queued, ${j.retrying} retrying, ${j.active} active, ${j.done} done, ${j.failed} failed`,
        `documents stored: ${s.documents}`,
        ...s.batches.map((b) => `batch ${b.id} (${b.created_at}, ${b.files} files): ${b.checked_at ? `checked ${b.checked_at}` : 'checks pending'}`),
        ...s.failures.map((f) => `failed  ${f.path} after ${f.tries} tries: ${f.reason}`),
      ];
      process.stdout.write(out.join('\n') + '\n');
      return 0;
    } finally {
      await db.close();
    }
  },
};
