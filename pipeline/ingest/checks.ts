// Runs the consistency checks over what a database holds: every document's own rules again
// (`jixiao check`), and the rules across reports (the same unit over years, verification against
// self-evaluation). Both replace the flags they own, so running them twice changes nothing.
// The rules across reports read every document and rewrite their flags in one transaction under one
// lock: two imports (or two workers) finishing at once run them one after the other, never interleaved.
import type { Flag } from '../../schemas/records.ts';
import { checkAcross, checkDocument } from '../check/index.ts';
import type { Db } from '../store/types.ts';
import { listDocuments, loadExtraction, loadSegmented } from '../store/read.ts';
import { replaceFlags } from '../store/write.ts';

export interface CheckSummary { documents: number; flags: number; across: number; byCategory: Record<string, number> }

export const ACROSS_LOCK = 'jixiao checks across';

export function checkAcrossDatabase(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await listDocuments(tx);
    const reports = [];
    for (const row of rows) {
      const x = await loadExtraction(tx, row);
      reports.push({ file: row.file, meta: x.meta, figures: x.figures, scores: x.scores, projects: x.projects, indicators: x.indicators });
    }
    const found = checkAcross(reports);
    const byFile = new Map<string, Flag[]>();
    for (const { file, flag } of found) byFile.set(file, [...(byFile.get(file) ?? []), flag]);
    for (const row of rows) await replaceFlags(tx, row.id, 'across', byFile.get(row.file) ?? []);
    return found.length;
  }, { lock: ACROSS_LOCK });
}

export async function checkDatabase(db: Db): Promise<CheckSummary> {
  const rows = await listDocuments(db);
  let flags = 0;
  for (const row of rows) {
    const found = checkDocument(await loadSegmented(db, row), await loadExtraction(db, row));
    await replaceFlags(db, row.id, 'document', found);
    flags += found.length;
  }
  const across = await checkAcrossDatabase(db);
  const byCategory = Object.fromEntries((await db.all<{ category: string; n: number }>('SELECT category, count(*) AS n FROM flags GROUP BY category ORDER BY n DESC, category'))
    .map((r) => [r.category, r.n]));
  return { documents: rows.length, flags, across, byCategory };
}
