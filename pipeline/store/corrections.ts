// Reads and writes the analyst's review: corrections of extracted values, decisions on flags, and the log.
// The tables are keyed by document sha256 and stable record keys (see pipeline/review/keys.ts), not row ids.
import type { DB } from './db.ts';

export interface CorrectionRow {
  sha256: string; record: string; record_key: string; field: string;
  value_original: number | string | null; value_corrected: number | string | null;
  reason: string | null; corrected_by: string; corrected_at: string;
}

export interface FlagReviewRow {
  sha256: string; flag_key: string; status: 'confirmed' | 'dismissed'; reason: string | null;
  rule: string; message: string; reviewed_by: string; reviewed_at: string;
}

/** A database written before the review tables existed (opened read-only) has none: treat as empty. */
export function hasReviewTables(db: DB): boolean {
  return Boolean(db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'corrections'").get());
}

export function loadCorrections(db: DB): CorrectionRow[] {
  if (!hasReviewTables(db)) return [];
  return db.prepare('SELECT * FROM corrections ORDER BY sha256, record, record_key, field').all() as CorrectionRow[];
}

export function loadFlagReviews(db: DB): FlagReviewRow[] {
  if (!hasReviewTables(db)) return [];
  return db.prepare('SELECT * FROM flag_reviews ORDER BY sha256, flag_key').all() as FlagReviewRow[];
}

function log(db: DB, e: { at: string; by: string; action: string; sha256: string; record: string; record_key: string; field?: string | null; value?: unknown; reason?: string | null }) {
  db.prepare('INSERT INTO review_log (at, by, action, sha256, record, record_key, field, value, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(e.at, e.by, e.action, e.sha256, e.record, e.record_key, e.field ?? null, (e.value ?? null) as any, e.reason ?? null);
}

export function upsertCorrection(db: DB, c: CorrectionRow): void {
  db.transaction(() => {
    db.prepare(`INSERT INTO corrections (sha256, record, record_key, field, value_original, value_corrected, reason, corrected_by, corrected_at)
      VALUES (@sha256, @record, @record_key, @field, @value_original, @value_corrected, @reason, @corrected_by, @corrected_at)
      ON CONFLICT (sha256, record, record_key, field) DO UPDATE SET value_corrected = excluded.value_corrected, reason = excluded.reason,
      corrected_by = excluded.corrected_by, corrected_at = excluded.corrected_at`).run(c);
    log(db, { at: c.corrected_at, by: c.corrected_by, action: 'correct', sha256: c.sha256, record: c.record, record_key: c.record_key, field: c.field, value: c.value_corrected, reason: c.reason });
  }).immediate();
}

export function deleteCorrection(db: DB, key: { sha256: string; record: string; record_key: string; field: string }, by: string, at: string, reason: string | null): boolean {
  return db.transaction(() => {
    const n = db.prepare('DELETE FROM corrections WHERE sha256 = ? AND record = ? AND record_key = ? AND field = ?').run(key.sha256, key.record, key.record_key, key.field).changes;
    if (n) log(db, { at, by, action: 'revert', ...key, reason });
    return n > 0;
  }).immediate();
}

export function upsertFlagReview(db: DB, r: FlagReviewRow): void {
  db.transaction(() => {
    db.prepare(`INSERT INTO flag_reviews (sha256, flag_key, status, reason, rule, message, reviewed_by, reviewed_at)
      VALUES (@sha256, @flag_key, @status, @reason, @rule, @message, @reviewed_by, @reviewed_at)
      ON CONFLICT (sha256, flag_key) DO UPDATE SET status = excluded.status, reason = excluded.reason, rule = excluded.rule,
      message = excluded.message, reviewed_by = excluded.reviewed_by, reviewed_at = excluded.reviewed_at`).run(r);
    log(db, { at: r.reviewed_at, by: r.reviewed_by, action: r.status === 'confirmed' ? 'confirm' : 'dismiss', sha256: r.sha256, record: 'flag', record_key: r.flag_key, reason: r.reason });
  }).immediate();
}

export function deleteFlagReview(db: DB, sha256: string, flagKey: string, by: string, at: string, reason: string | null): boolean {
  return db.transaction(() => {
    const n = db.prepare('DELETE FROM flag_reviews WHERE sha256 = ? AND flag_key = ?').run(sha256, flagKey).changes;
    if (n) log(db, { at, by, action: 'reopen', sha256, record: 'flag', record_key: flagKey, reason });
    return n > 0;
  }).immediate();
}

export function loadReviewLog(db: DB): Array<Record<string, unknown>> {
  if (!hasReviewTables(db)) return [];
  return db.prepare('SELECT * FROM review_log ORDER BY id').all() as Array<Record<string, unknown>>;
}
