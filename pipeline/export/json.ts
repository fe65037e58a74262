// The JSON export: one object per document in the shape the project's scorer reads
// (file, unit, year, reportType, figures, indicators, scores, projects, flags), with provenance kept.
import type { DB } from '../store/db.ts';
import { listDocuments, loadExtraction, loadFlags, type DocumentFilter } from '../store/read.ts';

export function exportDocuments(db: DB, filter: DocumentFilter = {}) {
  return listDocuments(db, filter).map((row) => {
    const x = loadExtraction(db, row);
    return {
      id: row.id,
      file: row.file,
      path: row.path,
      sha256: row.sha256,
      format: row.format,
      pages: row.pages,
      unit: row.unit,
      region: row.region,
      year: row.year,
      reportType: row.report_type,
      title: row.title,
      figures: x.figures,
      indicators: x.indicators,
      scores: x.scores,
      projects: x.projects,
      flags: loadFlags(db, row.id),
    };
  });
}

export function exportJson(db: DB, filter: DocumentFilter = {}): string {
  return JSON.stringify({ documents: exportDocuments(db, filter) }, null, 1) + '\n';
}

/** JSON Lines: one document per line, for streaming tools. */
export function exportJsonl(db: DB, filter: DocumentFilter = {}): string {
  return exportDocuments(db, filter).map((d) => JSON.stringify(d)).join('\n') + '\n';
}
