// Reads and writes the analyst's review: corrections of extracted values, decisions on flags, and the log.
// The tables are keyed by document sha256 and stable record keys (see pipeline/review/keys.ts), not row ids.
import type { Db, Value } from './types.ts';

export interface CorrectionRow {
  sha256: string; record: string; record_key: string; field: string;
  value_original: number | string | null; value_corrected: number | string | null;
  reason: string | null; corrected_by: string; corrected_at: string;
}

export interface FlagReviewRow {
  sha256: string; flag_key: string; status: 'confirmed' | 'dismissed'; reason: string | null;
  rule: string; message: string; reviewed_by: string; reviewed_at: string;
}

/** A value that is a number or a text: SQLite keeps either in an ANY column, PostgreSQL in jsonb (read back as either). */
const loose = (db: Db, v: unknown): Value => (v == null ? null : db.dialect === 'postgres' ? JSON.stringify(v) : (v as Value));

/** A database written before the review tables existed (opened read-only) has none: treat as empty. */
export function hasReviewTables(db: Db): Promise<boolean> {
  return db.hasTable('corrections');
}

export async function loadCorrections(db: Db): Promise<CorrectionRow[]> {
  if (!(await hasReviewTables(db))) return [];
  return db.all<CorrectionRow>('SELECT * FROM corrections ORDER BY sha256, record, record_key, field');
}

export async function loadFlagReviews(db: Db): Promise<FlagReviewRow[]> {
  if (!(await hasReviewTables(db))) return [];
  return db.all<FlagReviewRow>('SELECT * FROM flag_reviews ORDER BY sha256, flag_key');
}

function log(db: Db, e: { at: string; by: string; action: string; sha256: string; record: string; record_key: string; field?: string | null; value?: unknown; reason?: string | null }) {
  return db.run('INSERT INTO review_log (at, by, action, sha256, record, record_key, field, value, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [e.at, e.by, e.action, e.sha256, e.record, e.record_key, e.field ?? null, loose(db, e.value), e.reason ?? null]);
}

export function upsertCorrection(db: Db, c: CorrectionRow): Promise<void> {
  return db.transaction(async (tx) => {
    await tx.run(`INSERT INTO corrections (sha256, record, record_key, field, value_original, value_corrected, reason, corrected_by, corrected_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (sha256, record, record_key, field) DO UPDATE SET value_corrected = excluded.value_corrected, reason = excluded.reason,
      corrected_by = excluded.corrected_by, corrected_at = excluded.corrected_at`,
    [c.sha256, c.record, c.record_key, c.field, loose(tx, c.value_original), loose(tx, c.value_corrected), c.reason, c.corrected_by, c.corrected_at]);
    await log(tx, { at: c.corrected_at, by: c.corrected_by, action: 'correct', sha256: c.sha256, record: c.record, record_key: c.record_key, field: c.field, value: c.value_corrected, reason: c.reason });
  });
}

export function deleteCorrection(db: Db, key: { sha256: string; record: string; record_key: string; field: string }, by: string, at: string, reason: string | null): Promise<boolean> {
  return db.transaction(async (tx) => {
    const n = await tx.run('DELETE FROM corrections WHERE sha256 = ? AND record = ? AND record_key = ? AND field = ?', [key.sha256, key.record, key.record_key, key.field]);
    if (n) await log(tx, { at, by, action: 'revert', ...key, reason });
    return n > 0;
  });
}

export function upsertFlagReview(db: Db, r: FlagReviewRow): Promise<void> {
  return db.transaction(async (tx) => {
    await tx.run(`INSERT INTO flag_reviews (sha256, flag_key, status, reason, rule, message, reviewed_by, reviewed_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (sha256, flag_key) DO UPDATE SET status = excluded.status, reason = excluded.reason, rule = excluded.rule,
      message = excluded.message, reviewed_by = excluded.reviewed_by, reviewed_at = excluded.reviewed_at`,
    [r.sha256, r.flag_key, r.status, r.reason, r.rule, r.message, r.reviewed_by, r.reviewed_at]);
    await log(tx, { at: r.reviewed_at, by: r.reviewed_by, action: r.status === 'confirmed' ? 'confirm' : 'dismiss', sha256: r.sha256, record: 'flag', record_key: r.flag_key, reason: r.reason });
  });
}

export function deleteFlagReview(db: Db, sha256: string, flagKey: string, by: string, at: string, reason: string | null): Promise<boolean> {
  return db.transaction(async (tx) => {
    const n = await tx.run('DELETE FROM flag_reviews WHERE sha256 = ? AND flag_key = ?', [sha256, flagKey]);
    if (n) await log(tx, { at, by, action: 'reopen', sha256, record: 'flag', record_key: flagKey, reason });
    return n > 0;
  });
}

export async function loadReviewLog(db: Db): Promise<Array<Record<string, unknown>>> {
  if (!(await hasReviewTables(db))) return [];
  return db.all('SELECT * FROM review_log ORDER BY id');
}
