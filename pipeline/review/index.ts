// Analyst review: correct an extracted value, confirm or dismiss a flag, and undo either.
// Everything is stored by document sha256 + stable record key (keys.ts), so it survives re-importing the
// same files and re-running the checks; row ids are only used to find the record when a command names it.
import { userInfo } from 'node:os';
import type { Db } from '../store/types.ts';
import type { DocumentRow } from '../store/read.ts';
import {
  deleteCorrection, deleteFlagReview, loadCorrections, loadFlagReviews, upsertCorrection, upsertFlagReview,
  type CorrectionRow, type FlagReviewRow,
} from '../store/corrections.ts';
import { loadRecords } from '../export/dataset.ts';
import { fieldOf, FIELDS, parseFieldValue, RECORD_KINDS, type FieldSpec, type RecordKind } from './fields.ts';
import { flagKey } from './keys.ts';

export class ReviewError extends Error {}

export function defaultUser(): string {
  try {
    return process.env.JIXIAO_USER || userInfo().username || process.env.USER || 'unknown';
  } catch {
    return process.env.USER || 'unknown';
  }
}

const now = () => new Date().toISOString();

export const KIND_ALIASES: Record<string, RecordKind> = {
  figure: 'figure', figures: 'figure', 金额: 'figure',
  indicator: 'indicator', indicators: 'indicator', 指标: 'indicator',
  score: 'score', scores: 'score', 得分: 'score',
  project: 'project', projects: 'project', 项目: 'project',
};

export function kindOf(name: string): RecordKind {
  const k = KIND_ALIASES[name.trim().toLowerCase()] ?? KIND_ALIASES[name.trim()];
  if (!k) throw new ReviewError(`unknown record kind "${name}" (${RECORD_KINDS.join(', ')})`);
  return k;
}

async function documentBySha(db: Db, sha256: string): Promise<DocumentRow> {
  const doc = await db.get<DocumentRow>('SELECT * FROM documents WHERE sha256 = ?', [sha256]);
  if (!doc) throw new ReviewError(`no document with sha256 ${sha256.slice(0, 12)}… in this database`);
  return doc;
}

export interface Located { doc: DocumentRow; kind: RecordKind; row: Record<string, any>; key: string }

/** Finds a record by its row id (as exported in the 编号 column). */
export async function locateById(db: Db, kind: RecordKind, id: number): Promise<Located> {
  const table = { figure: 'figures', indicator: 'indicators', score: 'scores', project: 'projects' }[kind];
  const hit = await db.get<{ document_id: number }>(`SELECT document_id FROM ${table} WHERE id = ?`, [id]);
  if (!hit) throw new ReviewError(`no ${kind} with id ${id}`);
  const doc = (await db.get<DocumentRow>('SELECT * FROM documents WHERE id = ?', [hit.document_id]))!;
  const found = (await loadRecords(db, doc, kind)).find((r) => r.row.id === id)!;
  return { doc, kind, row: found.row, key: found.key };
}

/** Finds a record by document sha256 and stable key (as exported in the SHA256 and 记录键 columns). */
export async function locateByKey(db: Db, sha256: string, kind: RecordKind, key: string): Promise<Located> {
  const doc = await documentBySha(db, sha256);
  const found = (await loadRecords(db, doc, kind)).find((r) => r.key === key);
  if (!found) throw new ReviewError(`${doc.file}: no ${kind} "${key}" (was the file exported from an older extraction?)`);
  return { doc, kind, row: found.row, key };
}

function spec(kind: RecordKind, field: string | null | undefined): FieldSpec {
  const s = fieldOf(kind, field);
  if (!s) {
    const names = FIELDS[kind].map((f) => `${f.column} (${f.zh})`).join(', ');
    throw new ReviewError(field ? `a ${kind} has no correctable field "${field}": ${names}` : `say which field of the ${kind} to correct: ${names}`);
  }
  return s;
}

export interface CorrectInput { field?: string | null; value: string; reason?: string | null; by?: string; at?: string }

/** Records a correction of one field; returns it, or null when the same correction is already stored. */
export async function correct(db: Db, at: Located, input: CorrectInput): Promise<CorrectionRow | null> {
  const s = spec(at.kind, input.field);
  let value: number | string | null;
  try {
    value = parseFieldValue(s, input.value);
  } catch (e) {
    throw new ReviewError((e as Error).message);
  }
  const reason = input.reason?.trim() || null;
  const existing = (await loadCorrections(db)).find((c) => c.sha256 === at.doc.sha256 && c.record === at.kind && c.record_key === at.key && c.field === s.column);
  if (existing && existing.value_corrected === value && (existing.reason ?? null) === reason) return null;
  const row: CorrectionRow = {
    sha256: at.doc.sha256, record: at.kind, record_key: at.key, field: s.column, value_original: at.row[s.column] ?? null,
    value_corrected: value, reason, corrected_by: input.by || defaultUser(), corrected_at: input.at ?? now(),
  };
  await upsertCorrection(db, row);
  return row;
}

/** Removes a correction (one field, or every field of the record when none is named); returns how many. */
export async function revert(db: Db, at: Located, field: string | null | undefined, by?: string, reason?: string | null): Promise<number> {
  const fields = field ? [spec(at.kind, field).column] : FIELDS[at.kind].map((f) => f.column);
  let n = 0;
  for (const f of fields) if (await deleteCorrection(db, { sha256: at.doc.sha256, record: at.kind, record_key: at.key, field: f }, by || defaultUser(), now(), reason ?? null)) n++;
  return n;
}

export interface LocatedFlag { doc: DocumentRow; id: number | null; key: string; rule: string; message: string }

export async function locateFlagById(db: Db, id: number): Promise<LocatedFlag> {
  const f = await db.get('SELECT * FROM flags WHERE id = ?', [id]);
  if (!f) throw new ReviewError(`no flag with id ${id}`);
  const doc = (await db.get<DocumentRow>('SELECT * FROM documents WHERE id = ?', [f.document_id]))!;
  return { doc, id, key: flagKey({ rule: f.rule, stated: f.stated, evidence: f.evidence }), rule: f.rule, message: f.message };
}

export async function locateFlagByKey(db: Db, sha256: string, key: string): Promise<LocatedFlag> {
  const doc = await documentBySha(db, sha256);
  const flags = await db.all('SELECT * FROM flags WHERE document_id = ? ORDER BY id', [doc.id]);
  const f = flags.find((x) => flagKey({ rule: x.rule, stated: x.stated, evidence: x.evidence }) === key);
  if (!f) throw new ReviewError(`${doc.file}: no flag "${key}" (were the checks changed since the export?)`);
  return { doc, id: f.id, key, rule: f.rule, message: f.message };
}

export type FlagDecision = 'confirmed' | 'dismissed' | 'open';

/** Confirms, dismisses (a reason is required) or reopens a flag; returns false when nothing changed. */
export async function decideFlag(db: Db, flag: LocatedFlag, status: FlagDecision, reason?: string | null, by?: string, at?: string): Promise<boolean> {
  const who = by || defaultUser();
  const why = reason?.trim() || null;
  if (status === 'open') return deleteFlagReview(db, flag.doc.sha256, flag.key, who, at ?? now(), why);
  if (status === 'dismissed' && !why) throw new ReviewError(`dismissing a flag needs a reason (flag ${flag.id ?? flag.key}: ${flag.message.slice(0, 40)}…)`);
  const existing = (await loadFlagReviews(db)).find((r) => r.sha256 === flag.doc.sha256 && r.flag_key === flag.key);
  if (existing && existing.status === status && (existing.reason ?? null) === why) return false;
  const row: FlagReviewRow = { sha256: flag.doc.sha256, flag_key: flag.key, status, reason: why, rule: flag.rule, message: flag.message, reviewed_by: who, reviewed_at: at ?? now() };
  await upsertFlagReview(db, row);
  return true;
}
