// Reads stored documents back: as the document model (for re-running checks) and as records.
import type { Block, Provenance } from '../../schemas/document.ts';
import type { DocumentMeta, Evidence, Extraction, Figure, Flag, Indicator, Project, ReportType, Score } from '../../schemas/records.ts';
import type { Section, SegmentedDocument } from '../../schemas/sections.ts';
import { Statement, type LineItem } from '../../schemas/statements.ts';
import type { Db } from './types.ts';

export interface DocumentRow {
  id: number; sha256: string; file: string; path: string; format: string; pages: number | null;
  unit: string | null; region: string | null; year: number | null; report_type: string; title: string | null; imported_at: string;
  scope: string | null;
  /** JSON array of unit names. */
  consolidates: string;
}

export interface DocumentFilter { unit?: string; region?: string; year?: number; reportType?: string; flaggedOnly?: boolean; /** one document by row id */ id?: number }

export function listDocuments(db: Db, filter: DocumentFilter = {}): Promise<DocumentRow[]> {
  const where: string[] = [];
  const args: Array<string | number> = [];
  if (filter.id != null) { where.push('id = ?'); args.push(filter.id); }
  if (filter.unit) { where.push('unit LIKE ?'); args.push(`%${filter.unit}%`); }
  if (filter.region) { where.push('region LIKE ?'); args.push(`%${filter.region}%`); }
  if (filter.year != null) { where.push('year = ?'); args.push(filter.year); }
  if (filter.reportType) { where.push('report_type = ?'); args.push(filter.reportType); }
  if (filter.flaggedOnly) where.push('EXISTS (SELECT 1 FROM flags WHERE flags.document_id = documents.id)');
  return db.all<DocumentRow>(`SELECT * FROM documents ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY file, id`, args);
}

export function metaOf(row: DocumentRow): DocumentMeta {
  return { unit: row.unit, region: row.region, year: row.year, reportType: row.report_type as ReportType, title: row.title,
    scope: (row.scope ?? null) as DocumentMeta['scope'], consolidates: row.consolidates ? (JSON.parse(row.consolidates) as string[]) : [] };
}

const src = (s: string) => JSON.parse(s) as Provenance;

export async function loadSegmented(db: Db, row: DocumentRow): Promise<SegmentedDocument> {
  const blocks = await db.all<{ json: string; section_ord: number | null }>('SELECT json, section_ord FROM blocks WHERE document_id = ? ORDER BY ord', [row.id]);
  const sections = (await db.all('SELECT * FROM sections WHERE document_id = ? ORDER BY ord', [row.id])).map((s): Section => ({
    id: s.ord as number, parentId: s.parent_ord as number | null, style: s.style as Section['style'], number: s.number as string | null,
    title: s.title as string, depth: s.depth as number, path: s.path as string, block: 0, source: src(s.source as string),
  }));
  const blockSection = blocks.map((b) => b.section_ord);
  blockSection.forEach((sid, i) => { if (sid != null && (i === 0 || blockSection[i - 1] !== sid)) sections[sid].block ||= i; });
  return {
    file: row.file, path: row.path, format: row.format as SegmentedDocument['format'], sha256: row.sha256, pages: row.pages ?? undefined,
    blocks: blocks.map((b) => JSON.parse(b.json) as Block), messages: [], sections, blockSection,
  };
}

export async function loadExtraction(db: Db, row: DocumentRow): Promise<Extraction> {
  const [figureRows, indicatorRows, scoreRows, projectRows, statements, lineItems] = await Promise.all([
    q(db, row, 'figures'), q(db, row, 'indicators', 'ord'), q(db, row, 'scores'), q(db, row, 'projects'), loadStatements(db, row.id), loadLineItems(db, row.id),
  ]);
  const figures = figureRows.map(figureOf);
  const indicators = indicatorRows.map(indicatorOf);
  const scores = scoreRows.map(scoreOf);
  const projects = projectRows.map(projectOf);
  return { meta: metaOf(row), figures, indicators, scores, projects, statements, lineItems };
}

// Stored rows (database column names) back to the records as extracted; the streaming export maps them one
// document at a time with these too.
const origin = (r: Record<string, any>) => ({ source: src(r.source), section: r.section as string });
export const figureOf = (r: Record<string, any>): Figure => ({ key: r.key, phase: r.phase, valueYuan: r.value_yuan, raw: r.raw, year: r.year, label: r.label, ...origin(r) });
export function indicatorOf(r: Record<string, any>): Indicator {
  const cols = new Set(String(r.columns).split(',').filter(Boolean));
  const row: Indicator = {
    project: r.project, level1: r.level1, level2: r.level2, level3: r.level3, comparator: r.comparator, target: r.target,
    targetValue: r.target_value, targetUnit: r.target_unit, actual: r.actual, actualValue: r.actual_value, raw: r.raw, ...origin(r),
  };
  if (cols.has('weight')) row.weight = r.weight;
  if (cols.has('score')) row.score = r.score;
  if (cols.has('selfScore')) row.selfScore = r.self_score;
  return row;
}
export const scoreOf = (r: Record<string, any>): Score => ({ scope: r.scope, kind: r.kind, name: r.name, value: r.value, max: r.max, grade: r.grade, raw: r.raw, ...origin(r) });
export const projectOf = (r: Record<string, any>): Project => ({ code: r.code, name: r.name, budgetYuan: r.budget_yuan, adjustedYuan: r.adjusted_yuan,
  executedYuan: r.executed_yuan, executionRate: r.execution_rate, score: r.score, raw: r.raw, ...origin(r) });

function q(db: Db, row: DocumentRow, table: string, order = 'id') {
  return db.all(`SELECT * FROM ${table} WHERE document_id = ? ORDER BY ${order}`, [row.id]);
}

export async function loadStatements(db: Db, documentId: number): Promise<Statement[]> {
  // the whole statement is stored as read; parsed by the schema so one stored before a field was added
  // (otherColumns, warnings …) reads back with that field's default
  return (await db.all<{ json: string }>('SELECT json FROM statements WHERE document_id = ? ORDER BY ord', [documentId]))
    .map((r) => Statement.parse(JSON.parse(r.json)));
}

/** A stored line item: the record as extracted, plus its row id and the statement it was read from. */
export type StoredLineItem = LineItem & { id: number; statementOrd: number | null };

export async function loadLineItems(db: Db, documentId: number): Promise<LineItem[]> {
  return (await loadStoredLineItems(db, documentId)).map(({ id: _id, statementOrd: _ord, ...item }) => item);
}

export async function loadStoredLineItems(db: Db, documentId: number): Promise<StoredLineItem[]> {
  return (await db.all('SELECT * FROM line_items WHERE document_id = ? ORDER BY id', [documentId])).map(storedLineItemOf);
}

export function storedLineItemOf(r: Record<string, any>): StoredLineItem {
  return {
    id: r.id, statementOrd: r.statement_ord,
    statement: r.statement, code: r.code, name: r.name, level: r.level, parentCode: r.parent_code, entity: r.entity, measure: r.measure,
    phase: r.phase, year: r.year, valueYuan: r.value_yuan, raw: r.raw, row: r.row, column: r.col, statementTitle: r.statement_title,
    moneyUnit: r.money_unit, source: src(r.source), section: r.section,
  };
}

export async function loadFlags(db: Db, documentId: number): Promise<Array<Flag & { scope: string }>> {
  return (await db.all('SELECT * FROM flags WHERE document_id = ? ORDER BY scope, id', [documentId])).map((r) => ({
    scope: r.scope, category: r.category, rule: r.rule, severity: r.severity, message: r.message, formula: r.formula,
    stated: r.stated, computed: r.computed, tolerance: r.tolerance, evidence: JSON.parse(r.evidence) as Evidence[],
  }));
}
