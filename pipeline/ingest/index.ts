// Imports files into a database. The inputs are listed first (files, folders, zip archives: see
// sources/); each is read and hashed here, and one whose bytes are already stored is skipped before
// any parsing; one that is no report format is left out with its reason. Parsing runs in a pool
// of workers, which get the bytes, so an archive's entry parses like a file. Extraction, validation
// and storage run here, one document per transaction, so the store has one writer here and an interrupted
// import leaves only whole documents. A file that fails is reported with its path and reason and
// never stops the others.
import { availableParallelism } from 'node:os';
import PQueue from 'p-queue';
import type { SegmentedDocument } from '../../schemas/sections.ts';
import { sha256 } from '../../parsers/shared/hash.ts';
import { analyse } from './document.ts';
import type { Db } from '../store/types.ts';
import { findDocument, storeDocument } from '../store/write.ts';
import { listInputs } from './sources/disk.ts';
import { kindOf } from './sources/kind.ts';
import type { Source } from './sources/types.ts';
import { DEFAULT_LIMITS, type Limits } from './limits.ts';
import { ParsePool } from './pool.ts';
import { runParseTask, type ParseReply } from './parse-task.ts';

export type FileOutcome =
  | { path: string; status: 'imported'; id: number; pages: number; counts: Record<string, number>; warnings: number; ocrPages?: number }
  | { path: string; status: 'skipped'; id: number }
  /** No report format (data, images, archives nested too deep): left out, not a failure. */
  | { path: string; status: 'ignored'; reason: string }
  | { path: string; status: 'failed'; reason: string };

export interface ImportSummary {
  outcomes: FileOutcome[]; total: number; imported: number; skipped: number; ignored: number; failed: number; pages: number; interrupted: boolean;
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

export async function importPaths(db: Db, paths: string[], options: ImportOptions = {}): Promise<ImportSummary> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const jobs = options.jobs ?? defaultJobs();
  const listed = await listInputs(paths, limits);
  const files = listed.flatMap((l) => (l.kind === 'source' ? [l.source] : []));
  const total = listed.length;
  options.onStart?.(total);
  const outcomes: FileOutcome[] = [];
  const record = (o: FileOutcome) => { outcomes.push(o); options.onFile?.(o, outcomes.length, total); };
  for (const l of listed) {
    if (l.kind === 'failed') record({ path: l.path, status: 'failed', reason: l.reason });
    else if (l.kind === 'ignored') record({ path: l.path, status: 'ignored', reason: l.reason });
  }

  const pool = jobs > 0 ? new ParsePool(Math.min(jobs, Math.max(1, files.length)), limits) : null;
  const parse = (path: string, bytes: Uint8Array): Promise<ParseReply> =>
    pool ? pool.parse(path, bytes) : runParseTask({ id: 0, path, bytes, limits });
  // a few files read ahead of the workers, no more, so memory does not grow with the batch: two per
  // worker, as a file holds its place while it is extracted and stored here, and a worker that
  // finishes must find the next file already waiting
  const files$ = new PQueue({ concurrency: 2 * Math.max(1, jobs) + 1 });
  const seen = new Map<string, Promise<number | null>>();
  const onAbort = () => { files$.clear(); pool?.clear(); };
  options.signal?.addEventListener('abort', onAbort, { once: true });

  try {
    for (const source of files) {
      void files$.add(async () => {
        if (options.signal?.aborted) return;
        const outcome = await importOne(db, source, limits, parse, seen);
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
    outcomes, total, imported: count('imported'), skipped: count('skipped'), ignored: count('ignored'), failed: count('failed'),
    pages: outcomes.reduce((n, o) => n + (o.status === 'imported' ? o.pages : 0), 0),
    interrupted: options.signal?.aborted ?? false,
  };
}

async function importOne(
  db: Db, source: Source, limits: Limits,
  parse: (path: string, bytes: Uint8Array) => Promise<ParseReply>,
  seen: Map<string, Promise<number | null>>,
): Promise<FileOutcome> {
  const path = source.name;
  if (source.size > limits.maxFileMb * 1024 * 1024) {
    return { path, status: 'failed', reason: `${(source.size / 1024 / 1024).toFixed(1)} MiB, larger than the limit of ${limits.maxFileMb} MiB (--max-file-mb)` };
  }
  let bytes: Uint8Array;
  try {
    bytes = await source.read();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { path, status: 'failed', reason: code === 'ENOENT' ? 'vanished before it could be read' : code ? `cannot read (${code})` : (e as Error).message };
  }
  // the bytes rule out what the name could not (an image or a data file without a telling extension)
  const kind = kindOf(path, bytes);
  if (kind.kind === 'ignore') return { path, status: 'ignored', reason: kind.reason };
  if (kind.kind === 'archive' && source.inArchive) {
    return { path, status: 'ignored', reason: 'a zip archive inside an archive without a .zip name: not opened' };
  }
  const hash = sha256(bytes);
  const known = await findDocument(db, hash);
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
    const outcome = await storeParsed(db, path, reply.doc);
    settle('id' in outcome ? outcome.id : null);
    return outcome;
  } finally {
    settle(null);
  }
}

/** Extracts, validates and stores a parsed document (on the importing thread: one jieba, one store writer). */
export async function storeParsed(db: Db, path: string, doc: SegmentedDocument): Promise<FileOutcome> {
  try {
    const { extraction, flags, messages: all } = analyse(doc);
    const stored = await storeDocument(db, doc, extraction, all, flags);
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
