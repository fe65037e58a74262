// Imports files into a database. Files are read and hashed here; a file whose bytes are already
// stored is skipped before any parsing. Parsing runs in a pool of workers; extraction, validation
// and storage run here, one document per transaction, so SQLite has one writer and an interrupted
// import leaves only whole documents. A file that fails is reported with its path and reason and
// never stops the others.
import { readFile, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import PQueue from 'p-queue';
import type { SegmentedDocument } from '../../schemas/sections.ts';
import { sha256 } from '../../parsers/shared/hash.ts';
import { analyse } from './document.ts';
import type { DB } from '../store/db.ts';
import { findDocument, storeDocument } from '../store/write.ts';
import { listInputFiles } from './files.ts';
import { DEFAULT_LIMITS, type Limits } from './limits.ts';
import { ParsePool } from './pool.ts';
import { runParseTask, type ParseReply } from './parse-task.ts';

export type FileOutcome =
  | { path: string; status: 'imported'; id: number; pages: number; counts: Record<string, number>; warnings: number; ocrPages?: number }
  | { path: string; status: 'skipped'; id: number }
  | { path: string; status: 'failed'; reason: string };

export interface ImportSummary {
  outcomes: FileOutcome[]; total: number; imported: number; skipped: number; failed: number; pages: number; interrupted: boolean;
}

export interface ImportOptions {
  /** Parsing workers; 0 parses on this thread. Default: the machine's cores. */
  jobs?: number;
  limits?: Partial<Limits>;
  signal?: AbortSignal;
  onStart?: (total: number) => void;
  onFile?: (outcome: FileOutcome, done: number, total: number) => void;
}

export const defaultJobs = () => Math.max(1, availableParallelism());

export async function importPaths(db: DB, paths: string[], options: ImportOptions = {}): Promise<ImportSummary> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const jobs = options.jobs ?? defaultJobs();
  const { files, missing } = await listInputFiles(paths);
  const total = files.length + missing.length;
  options.onStart?.(total);
  const outcomes: FileOutcome[] = [];
  const record = (o: FileOutcome) => { outcomes.push(o); options.onFile?.(o, outcomes.length, total); };
  for (const path of missing) record({ path, status: 'failed', reason: 'no such file or folder' });

  const pool = jobs > 0 ? new ParsePool(Math.min(jobs, Math.max(1, files.length)), limits) : null;
  const parse = (path: string, bytes: Uint8Array): Promise<ParseReply> =>
    pool ? pool.parse(path, bytes) : runParseTask({ id: 0, path, bytes, limits });
  // a few files read ahead of the workers, no more, so memory does not grow with the batch
  const files$ = new PQueue({ concurrency: Math.max(1, jobs) + 1 });
  const seen = new Map<string, Promise<number | null>>();
  const onAbort = () => { files$.clear(); pool?.clear(); };
  options.signal?.addEventListener('abort', onAbort, { once: true });

  try {
    for (const path of files) {
      void files$.add(async () => {
        if (options.signal?.aborted) return;
        const outcome = await importOne(db, path, limits, parse, seen);
        if (!options.signal?.aborted || outcome.status !== 'failed') record(outcome);
      });
    }
    await files$.onIdle();
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await pool?.close();
  }
  const count = (s: FileOutcome['status']) => outcomes.filter((o) => o.status === s).length;
  return {
    outcomes, total, imported: count('imported'), skipped: count('skipped'), failed: count('failed'),
    pages: outcomes.reduce((n, o) => n + (o.status === 'imported' ? o.pages : 0), 0),
    interrupted: options.signal?.aborted ?? false,
  };
}

async function importOne(
  db: DB, path: string, limits: Limits,
  parse: (path: string, bytes: Uint8Array) => Promise<ParseReply>,
  seen: Map<string, Promise<number | null>>,
): Promise<FileOutcome> {
  let bytes: Uint8Array;
  try {
    const size = (await stat(path)).size;
    if (size > limits.maxFileMb * 1024 * 1024) {
      return { path, status: 'failed', reason: `${(size / 1024 / 1024).toFixed(1)} MiB, larger than the limit of ${limits.maxFileMb} MiB (--max-file-mb)` };
    }
    bytes = new Uint8Array(await readFile(path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { path, status: 'failed', reason: code === 'ENOENT' ? 'vanished before it could be read' : `cannot read (${code ?? (e as Error).message})` };
  }
  const hash = sha256(bytes);
  const known = findDocument(db, hash);
  if (known != null) return { path, status: 'skipped', id: known };
  // the same bytes twice in one batch: the second waits for the first and is skipped
  const earlier = seen.get(hash);
  if (earlier) {
    const id = await earlier;
    if (id != null) return { path, status: 'skipped', id };
  }
  let settle!: (id: number | null) => void;
  seen.set(hash, new Promise((r) => { settle = r; }));
  try {
    const reply = await parse(path, bytes);
    if (!reply.ok) return { path, status: 'failed', reason: reply.reason };
    const outcome = storeParsed(db, path, reply.doc);
    settle(outcome.status === 'failed' ? null : outcome.id);
    return outcome;
  } finally {
    settle(null);
  }
}

/** Extracts, validates and stores a parsed document (on the importing thread: one jieba, one SQLite writer). */
export function storeParsed(db: DB, path: string, doc: SegmentedDocument): FileOutcome {
  try {
    const { extraction, flags, messages: all } = analyse(doc);
    const stored = storeDocument(db, doc, extraction, all, flags);
    if (stored.status === 'skipped') return { path, status: 'skipped', id: stored.id };
    return {
      path, status: 'imported', id: stored.id, pages: doc.pages ?? 0,
      counts: { figures: extraction.figures.length, indicators: extraction.indicators.length, scores: extraction.scores.length, projects: extraction.projects.length, flags: flags.length },
      warnings: all.filter((m) => m.level !== 'info').length,
      ocrPages: doc.messages.filter((m) => m.rule === 'ocr/page').length,
    };
  } catch (e) {
    return { path, status: 'failed', reason: `could not be extracted or stored: ${(e as Error).message}` };
  }
}
