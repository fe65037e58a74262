// Runs the consistency checks over what a database holds: every document's own rules again
// (`jixiao check`), and the rules across reports (the same unit over years, verification against
// self-evaluation). Both replace the flags they own, so running them twice changes nothing.
import type { Flag } from '../../schemas/records.ts';
import { checkAcross, checkDocument } from '../check/index.ts';
import type { DB } from '../store/db.ts';
import { listDocuments, loadExtraction, loadSegmented } from '../store/read.ts';
import { replaceFlags } from '../store/write.ts';

export interface CheckSummary { documents: number; flags: number; across: number; byCategory: Record<string, number> }

export function checkAcrossDatabase(db: DB): number {
  const rows = listDocuments(db);
  const reports = rows.map((row) => {
    const x = loadExtraction(db, row);
    return { file: row.file, meta: x.meta, figures: x.figures, scores: x.scores, projects: x.projects, indicators: x.indicators };
  });
  const found = checkAcross(reports);
  const byFile = new Map<string, Flag[]>();
  for (const { file, flag } of found) byFile.set(file, [...(byFile.get(file) ?? []), flag]);
  db.transaction(() => {
    for (const row of rows) replaceFlags(db, row.id, 'across', byFile.get(row.file) ?? []);
  }).immediate();
  return found.length;
}

export function checkDatabase(db: DB): CheckSummary {
  const rows = listDocuments(db);
  let flags = 0;
  for (const row of rows) {
    const found = checkDocument(loadSegmented(db, row), loadExtraction(db, row));
    replaceFlags(db, row.id, 'document', found);
    flags += found.length;
  }
  const across = checkAcrossDatabase(db);
  const byCategory = Object.fromEntries((db.prepare('SELECT category, count(*) n FROM flags GROUP BY category ORDER BY n DESC').all() as Array<{ category: string; n: number }>)
    .map((r) => [r.category, r.n]));
  return { documents: rows.length, flags, across, byCategory };
}
