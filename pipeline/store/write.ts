// Writes one document and everything extracted from it in a single transaction:
// either all of it is stored or none of it, so an interrupted import leaves no half-written document.
// Two imports of the same bytes at once (two processes, two machines) store it once: the documents row
// is inserted ON CONFLICT (sha256) DO NOTHING, and the one that inserted nothing reports it skipped.
import { blockText, type Message, type Provenance } from '../../schemas/document.ts';
import type { Extraction, Flag } from '../../schemas/records.ts';
import type { SegmentedDocument } from '../../schemas/sections.ts';
import type { Db } from './types.ts';
import { statementOf } from './statement-of.ts';

export type StoreResult = { status: 'imported'; id: number } | { status: 'skipped'; id: number };

const json = (v: unknown) => JSON.stringify(v);
const place = (s: Provenance) => ({ page: s.page ?? null, line: s.line ?? null, source: json(s), box: s.box ? json(s.box) : null });

export async function findDocument(db: Db, sha256: string): Promise<number | null> {
  const row = await db.get<{ id: number }>('SELECT id FROM documents WHERE sha256 = ?', [sha256]);
  return row?.id ?? null;
}

export async function storeDocument(db: Db, doc: SegmentedDocument, extraction: Extraction, messages: Message[], flags: Flag[] = []): Promise<StoreResult> {
  const existing = await findDocument(db, doc.sha256);
  if (existing != null) return { status: 'skipped', id: existing };
  return db.transaction(async (tx): Promise<StoreResult> => {
    const { meta } = extraction;
    const inserted = await tx.get<{ id: number }>(`INSERT INTO documents (sha256, file, path, format, pages, unit, region, year, report_type, title, imported_at, scope, consolidates)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING RETURNING id`, [doc.sha256, doc.file, doc.path, doc.format, doc.pages ?? null,
      meta.unit, meta.region, meta.year, meta.reportType, meta.title, new Date().toISOString(), meta.scope ?? null, json(meta.consolidates ?? [])]);
    // another import stored the same bytes after we looked (it committed first)
    if (!inserted) return { status: 'skipped', id: (await findDocument(tx, doc.sha256))! };
    const id = inserted.id;

    await tx.insertMany('sections', doc.sections.map((s) => ({
      document_id: id, ord: s.id, parent_ord: s.parentId, style: s.style, number: s.number, title: s.title, depth: s.depth, path: s.path, source: json(s.source),
    })));
    await tx.insertMany('blocks', doc.blocks.map((b, i) => ({
      document_id: id, ord: i, kind: b.kind, text: blockText(b), section_ord: doc.blockSection[i], source: json(b.source), json: json(b),
    })));
    await tx.insertMany('figures', extraction.figures.map((f) => ({
      document_id: id, key: f.key, phase: f.phase, value_yuan: f.valueYuan, year: f.year, label: f.label, raw: f.raw, section: f.section, ...place(f.source),
    })));
    await tx.insertMany('indicators', extraction.indicators.map((r, ord) => ({
      document_id: id, ord, project: r.project, level1: r.level1, level2: r.level2, level3: r.level3, comparator: r.comparator,
      target: r.target, target_value: r.targetValue, target_unit: r.targetUnit, actual: r.actual, actual_value: r.actualValue,
      weight: r.weight ?? null, score: r.score ?? null, self_score: r.selfScore ?? null,
      columns: (['weight', 'score', 'selfScore'] as const).filter((k) => k in r && r[k] !== undefined).join(','),
      raw: r.raw, section: r.section, ...place(r.source),
    })));
    await tx.insertMany('scores', extraction.scores.map((s) => ({
      document_id: id, scope: s.scope, kind: s.kind, name: s.name, value: s.value, max: s.max, grade: s.grade, raw: s.raw, section: s.section, ...place(s.source),
    })));
    await tx.insertMany('projects', extraction.projects.map((p) => ({
      document_id: id, code: p.code, name: p.name, budget_yuan: p.budgetYuan, adjusted_yuan: p.adjustedYuan, executed_yuan: p.executedYuan,
      execution_rate: p.executionRate, score: p.score, raw: p.raw, section: p.section, ...place(p.source),
    })));
    await insertStatements(tx, id, extraction);
    await tx.insertMany('messages', messages.map((m) => ({ document_id: id, level: m.level, rule: m.rule, text: m.text, source: m.source ? json(m.source) : null })));
    await insertFlags(tx, id, 'document', flags);
    return { status: 'imported', id };
  });
}

async function insertStatements(db: Db, documentId: number, { statements, lineItems }: Extraction): Promise<void> {
  await db.insertMany('statements', statements.map((s, ord) => ({
    document_id: documentId, ord, kind: s.kind, title: s.title, number: s.number, money_unit: s.moneyUnit, entity: s.entity,
    columns: json(s.columns), empty_note: s.emptyNote, page: s.source.page ?? null, page_end: s.pageEnd,
    section: s.section, source: json(s.source), json: json(s),
  })));
  const ords = statementOf(statements, lineItems);
  await db.insertMany('line_items', lineItems.map((li, i) => ({
    document_id: documentId, statement_ord: ords[i], statement: li.statement, statement_title: li.statementTitle, code: li.code, name: li.name,
    level: li.level, parent_code: li.parentCode, entity: li.entity, measure: li.measure, phase: li.phase, year: li.year, value_yuan: li.valueYuan,
    money_unit: li.moneyUnit, raw: li.raw, row: li.row, col: li.column, page: li.source.page ?? null, section: li.section, source: json(li.source),
  })));
}

function insertFlags(db: Db, documentId: number, scope: 'document' | 'across', flags: Flag[]): Promise<void> {
  return db.insertMany('flags', flags.map((f) => ({
    document_id: documentId, scope, category: f.category, rule: f.rule, severity: f.severity, message: f.message,
    formula: f.formula, stated: f.stated, computed: f.computed, tolerance: f.tolerance, evidence: json(f.evidence),
  })));
}

/** Replaces a document's flags of one scope: running the checks twice gives the same rows. */
export function replaceFlags(db: Db, documentId: number, scope: 'document' | 'across', flags: Flag[]): Promise<void> {
  return db.transaction(async (tx) => {
    await tx.run('DELETE FROM flags WHERE document_id = ? AND scope = ?', [documentId, scope]);
    await insertFlags(tx, documentId, scope, flags);
  });
}
