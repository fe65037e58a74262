// Every database access of the review server, in one place: reads for the pages and the analysts'
// decisions, through the same store and review functions as `jixiao review` (so `jixiao review log`,
// exports and re-checks see them). Each call is one short statement or transaction, on a WAL SQLite file
// or a shared PostgreSQL, so several analysts (several servers or the command line) work on one store at once.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { Box, Paragraph } from '../../schemas/document.ts';
import type { Evidence } from '../../schemas/records.ts';
import { lineBoxesOfText } from '../boxes/index.ts';
import { isPostgresUrl, openStore } from '../store/open.ts';
import type { Db } from '../store/types.ts';
import type { DocumentRow } from '../store/read.ts';
import { loadFlagReviews, loadReviewLog } from '../store/corrections.ts';
import { loadDataset, type ReviewedDocument, type ReviewedFlag } from '../export/dataset.ts';
import { correct, decideFlag, kindOf, locateById, locateFlagById, ReviewError, type FlagDecision } from '../review/index.ts';
import { flagKey } from '../review/keys.ts';
import { BlockIndex, viewEvidence, type EvidenceView } from '../report/evidence.ts';

export { ReviewError };

export interface ServeData {
  db: Db;
  /** Where the database file is: a document imported by a relative path is looked for from there too. */
  dbPath: string;
}

export async function openData(dbPath: string): Promise<ServeData> {
  if (!isPostgresUrl(dbPath) && !existsSync(dbPath)) throw new Error(`${dbPath}: no such database (import reports first: jixiao import DIR --db ${dbPath})`);
  return { db: await openStore(dbPath), dbPath };
}

export type FlagStatus = 'open' | 'confirmed' | 'dismissed';

export interface OverviewRow {
  id: number; file: string; unit: string | null; region: string | null; year: number | null; reportType: string; format: string; pages: number | null;
  score: number | null; scoreKind: string | null;
  flags: { total: number; open: number; confirmed: number; dismissed: number; byCategory: Record<string, number> };
}

/** Every report with its document score and its flags counted by category and status. */
export async function overview(d: ServeData): Promise<OverviewRow[]> {
  const { db } = d;
  const docs = await db.all('SELECT id, sha256, file, unit, region, year, report_type, format, pages FROM documents ORDER BY unit, year, file');
  const scores = new Map<number, { value: number; kind: string }>();
  for (const s of await db.all("SELECT document_id, value, kind FROM scores WHERE scope = 'document' AND value IS NOT NULL ORDER BY CASE kind WHEN 'review' THEN 0 ELSE 1 END DESC, id")) {
    scores.set(s.document_id, { value: s.value, kind: s.kind });
  }
  const reviews = new Map((await loadFlagReviews(db)).map((r) => [`${r.sha256}\u0000${r.flag_key}`, r.status]));
  const shaOf = new Map(docs.map((r) => [r.id as number, r.sha256 as string]));
  const counts = new Map<number, OverviewRow['flags']>();
  for (const f of await db.all('SELECT document_id, category, rule, stated, evidence FROM flags')) {
    const c = counts.get(f.document_id) ?? { total: 0, open: 0, confirmed: 0, dismissed: 0, byCategory: {} };
    const status = (reviews.get(`${shaOf.get(f.document_id)}\u0000${flagKey({ rule: f.rule, stated: f.stated, evidence: f.evidence })}`) ?? 'open') as FlagStatus;
    c.total++; c[status]++;
    c.byCategory[f.category] = (c.byCategory[f.category] ?? 0) + 1;
    counts.set(f.document_id, c);
  }
  return docs.map((r) => ({
    id: r.id, file: r.file, unit: r.unit, region: r.region, year: r.year, reportType: r.report_type, format: r.format, pages: r.pages,
    score: scores.get(r.id)?.value ?? null, scoreKind: scores.get(r.id)?.kind ?? null,
    flags: counts.get(r.id) ?? { total: 0, open: 0, confirmed: 0, dismissed: 0, byCategory: {} },
  }));
}

/** One report with its records, statements, line items and flags, corrections and decisions applied. */
export async function report(d: ServeData, id: number): Promise<ReviewedDocument | null> {
  return (await loadDataset(d.db, { id })).documents[0] ?? null;
}

export async function documentRow(d: ServeData, id: number): Promise<DocumentRow | null> {
  return (await d.db.get<DocumentRow>('SELECT * FROM documents WHERE id = ?', [id])) ?? null;
}

/** The document a piece of evidence quotes (a cross-report flag quotes other reports too). */
export async function documentOfEvidence(d: ServeData, ev: Evidence, fallback: DocumentRow): Promise<DocumentRow> {
  if (!ev.file || ev.file === fallback.file) return fallback;
  return (await d.db.get<DocumentRow>('SELECT * FROM documents WHERE file = ? ORDER BY id LIMIT 1', [ev.file])) ?? fallback;
}

export interface FlagPage {
  doc: DocumentRow;
  flag: ReviewedFlag;
  /** Every flag in review order (report by report), for next / previous. */
  prev: number | null; next: number | null; position: number; count: number;
  history: Array<Record<string, unknown>>;
}

/** Flag ids in the order a reviewer goes through them: report by report, as the overview lists them. */
async function flagOrder(db: Db): Promise<number[]> {
  return (await db.all<{ id: number }>('SELECT f.id FROM flags f JOIN documents d ON d.id = f.document_id ORDER BY d.unit, d.year, d.file, f.scope, f.id')).map((r) => r.id);
}

export async function flagPage(d: ServeData, flagId: number): Promise<FlagPage | null> {
  const row = await d.db.get<{ document_id: number }>('SELECT document_id FROM flags WHERE id = ?', [flagId]);
  if (!row) return null;
  const doc = await report(d, row.document_id);
  const flag = doc?.flags.find((f) => f.id === flagId);
  if (!doc || !flag) return null;
  const order = await flagOrder(d.db);
  const i = order.indexOf(flagId);
  const history = (await loadReviewLog(d.db)).filter((e) => e.sha256 === doc.row.sha256 && e.record === 'flag' && e.record_key === flag.key);
  return { doc: doc.row, flag, prev: i > 0 ? order[i - 1] : null, next: i >= 0 && i + 1 < order.length ? order[i + 1] : null, position: i + 1, count: order.length, history };
}

/** The evidence in the text of its document (DOCX, XLSX, text; and PDF as a fallback). */
export async function evidenceInContext(d: ServeData, ev: Evidence, file: string): Promise<EvidenceView> {
  return viewEvidence(await BlockIndex.load(d.db, [ev.file || file, file]), ev, file);
}

const overlap = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/**
 * The rectangles to draw for a piece of evidence on its page: line by line where it is a stretch of a
 * paragraph (one box around a sentence that starts mid-line would take in words not quoted), else its box.
 */
export async function evidenceBoxes(d: ServeData, doc: DocumentRow, ev: Evidence): Promise<Box[]> {
  const page = ev.source.page;
  if (page == null) return [];
  const own = ev.source.box ? [ev.source.box] : [];
  const pageOf = d.db.dialect === 'postgres' ? "(source::json->>'page')::int" : "json_extract(source, '$.page')";
  const rows = await d.db.all<{ json: string }>(`SELECT json FROM blocks WHERE document_id = ? AND kind = 'paragraph'
    AND ${pageOf} BETWEEN ? AND ? ORDER BY ord`, [doc.id, page - 1, page]);
  for (const r of rows) {
    const p = JSON.parse(r.json) as Paragraph;
    const boxes = lineBoxesOfText(p, ev.text).filter((b) => b.page === page).map((b) => b.box);
    if (boxes.length && (!own.length || boxes.some((b) => overlap(b, own[0])))) return boxes;
  }
  return own;
}

export type DecisionAction = 'confirm' | 'dismiss' | 'reopen' | 'undo';

/**
 * Records an analyst's decision on a flag, as `jixiao review confirm|dismiss|reopen` does. Undo puts back
 * the state before the flag's last logged action (which is itself logged: nothing is rewritten).
 */
export async function decide(d: ServeData, flagId: number, action: DecisionAction, reason: string | null, by: string): Promise<{ status: FlagStatus; changed: boolean }> {
  const flag = await locateFlagById(d.db, flagId);
  let status: FlagDecision;
  let why = reason;
  if (action === 'undo') {
    const log = (await loadReviewLog(d.db)).filter((e) => e.sha256 === flag.doc.sha256 && e.record === 'flag' && e.record_key === flag.key);
    if (!log.length) throw new ReviewError('nothing to undo on this flag');
    const before = log[log.length - 2];
    const state = (e: Record<string, unknown> | undefined): FlagDecision => (!e || e.action === 'reopen' ? 'open' : e.action === 'confirm' ? 'confirmed' : 'dismissed');
    status = state(before);
    why = status === 'open' ? 'undo' : ((before!.reason as string | null) ?? null);
  } else status = action === 'confirm' ? 'confirmed' : action === 'dismiss' ? 'dismissed' : 'open';
  const changed = await decideFlag(d.db, flag, status, why, by);
  return { status: status === 'open' ? 'open' : status, changed };
}

/** Corrects one field of an extracted record, as `jixiao review correct` does. */
export async function correctValue(d: ServeData, kind: string, id: number, field: string, value: string, reason: string | null, by: string) {
  const at = await locateById(d.db, kindOf(kind), id);
  return correct(d.db, at, { field, value, reason, by });
}

/**
 * The bytes of a stored document, read from the path the database keeps for it (as imported, else
 * beside the database) and only when they still hash to the stored sha256. Null when not found.
 */
export function documentBytes(d: ServeData, doc: DocumentRow): Uint8Array | null {
  const candidates = isAbsolute(doc.path) ? [doc.path] : [resolve(doc.path), resolve(dirname(d.dbPath), doc.path)];
  for (const p of candidates) {
    if (!existsSync(p)) continue;
    const bytes = readFileSync(p);
    if (createHash('sha256').update(bytes).digest('hex') === doc.sha256) return new Uint8Array(bytes);
  }
  return null;
}

export function close(d: ServeData): Promise<void> {
  return d.db.close();
}
