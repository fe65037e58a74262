// The JSON export: one object per document in the shape the project's scorer reads
// (file, unit, year, reportType, figures, indicators, scores, projects, flags, lineItems), with provenance kept.
// Each line item carries the scorer's fields (statement, code, name, level, entity, measure, phase, valueYuan)
// and where it was read: page, the cell as printed (raw, in moneyUnit), statementTitle, row and column.
// Beside the scorer's fields each record carries its row `id`, stable `recordKey`, the `flagIds` of flags
// pointing at it and, when an analyst corrected it, the corrected value in place with
// `corrections: [{field, valueOriginal, valueCorrected, reason, correctedBy, correctedAt}]`.
// Each flag carries its `id`, stable `flagKey`, review `status` (open | confirmed | dismissed), `review` and
// the `rows` it points at. Records are not de-duplicated here (the tables exports are).
import type { Db } from '../store/types.ts';
import { loadExtraction, type DocumentFilter, type StoredLineItem } from '../store/read.ts';
import type { Extraction } from '../../schemas/records.ts';
import { loadDataset, type ReviewedDocument, type ReviewedRecord } from './dataset.ts';
import { FIELDS } from '../review/fields.ts';
import { isLowConfidence, ocrConfidence } from '../../schemas/confidence.ts';

function decorate<T extends object>(base: T, r: ReviewedRecord | undefined): T {
  if (!r) return base;
  const out: Record<string, unknown> = { ...base, id: r.id, recordKey: r.key, flagIds: r.flagIds };
  // a value read by OCR carries the recogniser's confidence, and lowConfidence where the digits need a look
  const conf = ocrConfidence(r.source);
  if (conf != null) { out.ocrConfidence = conf; out.lowConfidence = isLowConfidence(r.source); }
  if (r.corrections.length) {
    out.corrections = r.corrections.map((c) => {
      const json = FIELDS[r.kind].find((f) => f.column === c.field)?.json ?? c.field;
      out[json] = c.value_corrected;
      return { field: json, valueOriginal: r.original[c.field] ?? c.value_original, valueCorrected: c.value_corrected,
        reason: c.reason, correctedBy: c.corrected_by, correctedAt: c.corrected_at };
    });
  }
  return out as T;
}

export async function exportDocuments(db: Db, filter: DocumentFilter = {}) {
  const { documents } = await loadDataset(db, filter);
  const extractions = await Promise.all(documents.map((d) => loadExtraction(db, d.row)));
  return documents.map((d, i) => ({ ...documentJson(d, extractions[i]), lineItems: d.lineItems.map(lineItemJson) }));
}

/** The records of a document as extracted (before corrections), as loadExtraction reads them. */
type Extracted = Pick<Extraction, 'meta' | 'figures' | 'indicators' | 'scores' | 'projects'>;

/** A document's JSON object without its line items (they come last: lineItemJson each). */
export function documentJson(d: ReviewedDocument, x: Extracted) {
  const row = d.row;
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
    scope: row.scope ?? null,
    consolidates: x.meta.consolidates,
    figures: x.figures.map((f, i) => decorate(f, d.figures[i])),
    indicators: x.indicators.map((f, i) => decorate(f, d.indicators[i])),
    scores: x.scores.map((f, i) => decorate(f, d.scores[i])),
    projects: x.projects.map((f, i) => decorate(f, d.projects[i])),
    flags: d.flags.map((f) => ({
      scope: f.scope, category: f.category, rule: f.rule, severity: f.severity, message: f.message, formula: f.formula,
      stated: f.stated, computed: f.computed, tolerance: f.tolerance, evidence: f.evidence,
      id: f.id, flagKey: f.key, status: f.status,
      review: f.review ? { status: f.review.status, reason: f.review.reason, reviewedBy: f.review.reviewed_by, reviewedAt: f.review.reviewed_at } : null,
      rows: f.links,
    })),
  };
}

export function lineItemJson(li: StoredLineItem) {
  return {
    id: li.id, statement: li.statement, statementTitle: li.statementTitle, code: li.code, name: li.name, level: li.level,
    parentCode: li.parentCode, entity: li.entity, measure: li.measure, phase: li.phase, year: li.year, valueYuan: li.valueYuan,
    moneyUnit: li.moneyUnit, raw: li.raw, row: li.row, column: li.column, page: li.source.page ?? null, section: li.section, source: li.source,
  };
}

export async function exportJson(db: Db, filter: DocumentFilter = {}): Promise<string> {
  return JSON.stringify({ documents: await exportDocuments(db, filter) }, null, 1) + '\n';
}

/** JSON Lines: one document per line, for streaming tools. */
export async function exportJsonl(db: Db, filter: DocumentFilter = {}): Promise<string> {
  return (await exportDocuments(db, filter)).map((d) => JSON.stringify(d)).join('\n') + '\n';
}
