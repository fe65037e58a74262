// The reviewed dataset every export and the review page read: each document's records as stored, with
// the analyst's corrections applied (originals kept), their stable keys, and the flags that point at them.
//
// How a flag points at rows: each piece of a flag's evidence names a file, a place (line range, page,
// DOCX block, XLSX sheet) and the text it quotes. A record is linked when it comes from the same file,
// its place overlaps the evidence's place (same page / block / sheet, or overlapping lines), and the
// texts agree: the evidence quotes the record's raw text or the raw text contains the evidence
// (white space and cell separators ignored), or, for an indicator or project, the evidence names its
// level-3 indicator or project name. Evidence without a place is matched by text alone.
import type { Provenance } from '../../schemas/document.ts';
import type { Evidence } from '../../schemas/records.ts';
import type { Db } from '../store/types.ts';
import { listDocuments, loadStatements, loadStoredLineItems, type DocumentFilter, type DocumentRow, type StoredLineItem } from '../store/read.ts';
import type { Statement } from '../../schemas/statements.ts';
import { loadCorrections, loadFlagReviews, type CorrectionRow, type FlagReviewRow } from '../store/corrections.ts';
import { compact, flagKey, recordKeys } from '../review/keys.ts';
import type { RecordKind } from '../review/fields.ts';

export interface ReviewedRecord {
  kind: RecordKind;
  id: number;
  documentId: number;
  /** Stable identity within the document (pipeline/review/keys.ts). */
  key: string;
  /** The stored row (database column names) with corrections applied. */
  row: Record<string, any>;
  /** The extracted values of corrected fields, by column. */
  original: Record<string, unknown>;
  corrections: CorrectionRow[];
  source: Provenance;
  flagIds: number[];
}

export interface ReviewedFlag {
  id: number; documentId: number; scope: string; category: string; rule: string; severity: string; message: string;
  formula: string | null; stated: number | null; computed: number | null; tolerance: number | null; evidence: Evidence[];
  key: string;
  status: 'open' | 'confirmed' | 'dismissed';
  review: FlagReviewRow | null;
  links: Array<{ kind: RecordKind; id: number }>;
}

export interface ReviewedDocument {
  row: DocumentRow;
  figures: ReviewedRecord[];
  indicators: ReviewedRecord[];
  scores: ReviewedRecord[];
  projects: ReviewedRecord[];
  flags: ReviewedFlag[];
  /** The statements read from the document and their line items, as stored (not reviewable yet). */
  statements: Statement[];
  lineItems: StoredLineItem[];
}

export interface Dataset {
  documents: ReviewedDocument[];
  /** Corrections and flag decisions for documents in the set whose record or flag no longer exists (extraction changed). */
  orphans: Array<CorrectionRow | FlagReviewRow>;
}

const TABLE: Record<RecordKind, { table: string; order: string }> = {
  figure: { table: 'figures', order: 'id' },
  indicator: { table: 'indicators', order: 'ord, id' },
  score: { table: 'scores', order: 'id' },
  project: { table: 'projects', order: 'id' },
};

export const corrKey = (sha256: string, record: string, key: string) => `${sha256}\u0000${record}\u0000${key}`;

export async function loadRecords(db: Db, doc: DocumentRow, kind: RecordKind): Promise<Array<{ row: Record<string, any>; key: string }>> {
  const { table, order } = TABLE[kind];
  const rows = await db.all(`SELECT * FROM ${table} WHERE document_id = ? ORDER BY ${order}`, [doc.id]);
  const keys = recordKeys(kind, rows);
  return rows.map((row, i) => ({ row, key: keys[i] }));
}

/** The analyst's decisions for the whole store, indexed by key, and which of them the export met (for orphans). */
export interface ReviewState {
  corrections: Map<string, CorrectionRow[]>;
  reviews: Map<string, FlagReviewRow>;
  usedCorrections: Set<string>;
  usedReviews: Set<string>;
}

export async function loadReviewState(db: Db): Promise<ReviewState> {
  const corrections = new Map<string, CorrectionRow[]>();
  for (const c of await loadCorrections(db)) {
    const k = corrKey(c.sha256, c.record, c.record_key);
    corrections.set(k, [...(corrections.get(k) ?? []), c]);
  }
  const reviews = new Map((await loadFlagReviews(db)).map((r) => [`${r.sha256}\u0000${r.flag_key}`, r]));
  return { corrections, reviews, usedCorrections: new Set(), usedReviews: new Set() };
}

/**
 * One document's records with corrections applied and its flags with their reviews, not yet linked
 * (linkFlags). `lineItems: false` leaves the line items out (a streaming export reads them in batches).
 */
export async function loadReviewedDocument(db: Db, doc: DocumentRow, state: ReviewState, options: { lineItems?: boolean } = {}): Promise<ReviewedDocument> {
  const { corrections, reviews, usedCorrections, usedReviews } = state;
  const load = async (kind: RecordKind): Promise<ReviewedRecord[]> => (await loadRecords(db, doc, kind)).map(({ row, key }) => {
    const k = corrKey(doc.sha256, kind, key);
    const cs = corrections.get(k) ?? [];
    if (cs.length) usedCorrections.add(k);
    const original: Record<string, unknown> = {};
    const eff = { ...row };
    for (const c of cs) {
      if (!(c.field in eff)) continue;
      original[c.field] = row[c.field];
      eff[c.field] = c.value_corrected;
    }
    return { kind, id: row.id, documentId: doc.id, key, row: eff, original, corrections: cs, source: JSON.parse(row.source) as Provenance, flagIds: [] };
  });
  const flags = (await db.all('SELECT * FROM flags WHERE document_id = ? ORDER BY scope, id', [doc.id])).map((f): ReviewedFlag => {
    const evidence = JSON.parse(f.evidence) as Evidence[];
    const key = flagKey({ rule: f.rule, stated: f.stated, evidence });
    const rk = `${doc.sha256}\u0000${key}`;
    const review = reviews.get(rk) ?? null;
    if (review) usedReviews.add(rk);
    return {
      id: f.id, documentId: doc.id, scope: f.scope, category: f.category, rule: f.rule, severity: f.severity, message: f.message,
      formula: f.formula, stated: f.stated, computed: f.computed, tolerance: f.tolerance, evidence, key,
      status: review?.status ?? 'open', review, links: [],
    };
  });
  const [figures, indicators, scores, projects, statements, lineItems] = await Promise.all([
    load('figure'), load('indicator'), load('score'), load('project'), loadStatements(db, doc.id),
    options.lineItems === false ? [] : loadStoredLineItems(db, doc.id),
  ]);
  return { row: doc, figures, indicators, scores, projects, flags, statements, lineItems };
}

/** Decisions for documents in the set (by sha256) that matched no record or flag in a full pass over it. */
export function orphansOf(shas: Set<string>, state: ReviewState): Dataset['orphans'] {
  return [
    ...[...state.corrections.entries()].filter(([k, cs]) => shas.has(cs[0].sha256) && !state.usedCorrections.has(k)).flatMap(([, cs]) => cs),
    ...[...state.reviews.entries()].filter(([k, r]) => shas.has(r.sha256) && !state.usedReviews.has(k)).map(([, r]) => r),
  ];
}

export async function loadDataset(db: Db, filter: DocumentFilter = {}): Promise<Dataset> {
  const docs = await listDocuments(db, filter);
  const state = await loadReviewState(db);
  const documents: ReviewedDocument[] = [];
  for (const doc of docs) documents.push(await loadReviewedDocument(db, doc, state));
  linkFlags(documents);
  return { documents, orphans: orphansOf(new Set(docs.map((d) => d.sha256)), state) };
}

export function overlaps(ev: Provenance, rec: Provenance): boolean {
  if (ev.line != null) {
    if (rec.line == null) return false;
    const [a, b] = [ev.line, ev.lineEnd ?? ev.line];
    const [c, d] = [rec.line, rec.lineEnd ?? rec.line];
    return a <= d && c <= b;
  }
  if (ev.page != null) return rec.page === ev.page;
  if (ev.block != null) return rec.block === ev.block;
  if (ev.sheet != null) return rec.sheet === ev.sheet;
  return true;
}

export function textAgrees(evidence: string, r: ReviewedRecord): boolean {
  const e = compact(evidence);
  if (e.length < 2) return false;
  const raw = compact(r.row.raw);
  if (raw.length >= 2 && (e.includes(raw) || (e.length >= 4 && raw.includes(e)))) return true;
  const name = r.kind === 'indicator' ? compact(r.row.level3) : r.kind === 'project' ? compact(r.row.name) : '';
  return name.length >= 2 && e.includes(name);
}

/** Links each flag to the records its evidence quotes (see the head of this file). */
export function linkFlags(documents: ReviewedDocument[]): void {
  const byFile = new Map<string, ReviewedRecord[]>();
  for (const d of documents) {
    const all = [...d.figures, ...d.indicators, ...d.scores, ...d.projects];
    byFile.set(d.row.file, [...(byFile.get(d.row.file) ?? []), ...all]);
  }
  for (const d of documents) {
    for (const f of d.flags) {
      const seen = new Set<ReviewedRecord>();
      for (const ev of f.evidence) {
        for (const r of byFile.get(ev.file || d.row.file) ?? []) {
          if (seen.has(r) || !overlaps(ev.source ?? { file: ev.file }, r.source) || !textAgrees(ev.text, r)) continue;
          seen.add(r);
          f.links.push({ kind: r.kind, id: r.id });
          r.flagIds.push(f.id);
        }
      }
    }
  }
}
