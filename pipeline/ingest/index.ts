// Imports files into a database: each file read once, skipped when its bytes are already stored,
// processed, and written in one transaction. A file that fails is reported with its path and reason
// and never stops the others.
import { readFile } from 'node:fs/promises';
import { sha256 } from '../../parsers/shared/hash.ts';
import type { DB } from '../store/db.ts';
import { findDocument, storeDocument } from '../store/write.ts';
import { listInputFiles } from './files.ts';
import { processFile } from './document.ts';

export type FileOutcome =
  | { path: string; status: 'imported'; id: number; counts: Record<string, number>; warnings: number }
  | { path: string; status: 'skipped'; id: number }
  | { path: string; status: 'failed'; reason: string };

export interface ImportSummary { outcomes: FileOutcome[]; imported: number; skipped: number; failed: number }

export interface ImportOptions { onFile?: (outcome: FileOutcome, done: number, total: number) => void }

export async function importPaths(db: DB, paths: string[], options: ImportOptions = {}): Promise<ImportSummary> {
  const { files, missing } = await listInputFiles(paths);
  const outcomes: FileOutcome[] = missing.map((path) => ({ path, status: 'failed', reason: 'no such file or folder' }));
  const total = files.length + missing.length;
  outcomes.forEach((o, i) => options.onFile?.(o, i + 1, total));
  for (const path of files) {
    const outcome = await importOne(db, path);
    outcomes.push(outcome);
    options.onFile?.(outcome, outcomes.length, total);
  }
  return {
    outcomes,
    imported: outcomes.filter((o) => o.status === 'imported').length,
    skipped: outcomes.filter((o) => o.status === 'skipped').length,
    failed: outcomes.filter((o) => o.status === 'failed').length,
  };
}

export async function importOne(db: DB, path: string): Promise<FileOutcome> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (e) {
    return { path, status: 'failed', reason: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  const known = findDocument(db, sha256(bytes));
  if (known != null) return { path, status: 'skipped', id: known };
  try {
    const { doc, extraction, messages } = await processFile(path, bytes);
    const stored = storeDocument(db, doc, extraction, messages);
    if (stored.status === 'skipped') return { path, status: 'skipped', id: stored.id };
    return {
      path, status: 'imported', id: stored.id,
      counts: { figures: extraction.figures.length, indicators: extraction.indicators.length, scores: extraction.scores.length, projects: extraction.projects.length },
      warnings: messages.filter((m) => m.level !== 'info').length,
    };
  } catch (e) {
    const message = (e as Error).message ?? String(e);
    return { path, status: 'failed', reason: message.startsWith(path) ? message.slice(path.length + 2) : message };
  }
}
