// Writes one document and everything extracted from it in a single transaction:
// either all of it is stored or none of it, so an interrupted import leaves no half-written document.
import { blockText, type Message, type Provenance } from '../../schemas/document.ts';
import type { Extraction, Flag } from '../../schemas/records.ts';
import type { SegmentedDocument } from '../../schemas/sections.ts';
import type { DB } from './db.ts';
import { statementOf } from './statement-of.ts';

export type StoreResult = { status: 'imported'; id: number } | { status: 'skipped'; id: number };

const json = (v: unknown) => JSON.stringify(v);
const place = (s: Provenance) => ({ page: s.page ?? null, line: s.line ?? null, source: json(s), box: s.box ? json(s.box) : null });

export function findDocument(db: DB, sha256: string): number | null {
  const row = db.prepare('SELECT id FROM documents WHERE sha256 = ?').get(sha256) as { id: number } | undefined;
  return row?.id ?? null;
}

export function storeDocument(db: DB, doc: SegmentedDocument, extraction: Extraction, messages: Message[], flags: Flag[] = []): StoreResult {
  const existing = findDocument(db, doc.sha256);
  if (existing != null) return { status: 'skipped', id: existing };
  const write = db.transaction((): number => {
    const { meta } = extraction;
    const id = Number(db.prepare(`INSERT INTO documents (sha256, file, path, format, pages, unit, region, year, report_type, title, imported_at, scope, consolidates)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(doc.sha256, doc.file, doc.path, doc.format, doc.pages ?? null,
      meta.unit, meta.region, meta.year, meta.reportType, meta.title, new Date().toISOString(), meta.scope ?? null, json(meta.consolidates ?? [])).lastInsertRowid);

    const section = db.prepare('INSERT INTO sections (document_id, ord, parent_ord, style, number, title, depth, path, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    for (const s of doc.sections) section.run(id, s.id, s.parentId, s.style, s.number, s.title, s.depth, s.path, json(s.source));

    const block = db.prepare('INSERT INTO blocks (document_id, ord, kind, text, section_ord, source, json) VALUES (?, ?, ?, ?, ?, ?, ?)');
    doc.blocks.forEach((b, i) => block.run(id, i, b.kind, blockText(b), doc.blockSection[i], json(b.source), json(b)));

    const figure = db.prepare(`INSERT INTO figures (document_id, key, phase, value_yuan, year, label, raw, section, page, line, source, box)
      VALUES (@document_id, @key, @phase, @value_yuan, @year, @label, @raw, @section, @page, @line, @source, @box)`);
    for (const f of extraction.figures) {
      figure.run({ document_id: id, key: f.key, phase: f.phase, value_yuan: f.valueYuan, year: f.year, label: f.label, raw: f.raw, section: f.section, ...place(f.source) });
    }

    const indicator = db.prepare(`INSERT INTO indicators (document_id, ord, project, level1, level2, level3, comparator, target, target_value, target_unit,
      actual, actual_value, weight, score, self_score, columns, raw, section, page, line, source, box)
      VALUES (@document_id, @ord, @project, @level1, @level2, @level3, @comparator, @target, @target_value, @target_unit,
      @actual, @actual_value, @weight, @score, @self_score, @columns, @raw, @section, @page, @line, @source, @box)`);
    extraction.indicators.forEach((r, ord) => {
      const columns = (['weight', 'score', 'selfScore'] as const).filter((k) => k in r && r[k] !== undefined).join(',');
      indicator.run({ document_id: id, ord, project: r.project, level1: r.level1, level2: r.level2, level3: r.level3, comparator: r.comparator,
        target: r.target, target_value: r.targetValue, target_unit: r.targetUnit, actual: r.actual, actual_value: r.actualValue,
        weight: r.weight ?? null, score: r.score ?? null, self_score: r.selfScore ?? null, columns, raw: r.raw, section: r.section, ...place(r.source) });
    });

    const score = db.prepare(`INSERT INTO scores (document_id, scope, kind, name, value, max, grade, raw, section, page, line, source, box)
      VALUES (@document_id, @scope, @kind, @name, @value, @max, @grade, @raw, @section, @page, @line, @source, @box)`);
    for (const s of extraction.scores) score.run({ document_id: id, scope: s.scope, kind: s.kind, name: s.name, value: s.value, max: s.max, grade: s.grade, raw: s.raw, section: s.section, ...place(s.source) });

    const project = db.prepare(`INSERT INTO projects (document_id, code, name, budget_yuan, adjusted_yuan, executed_yuan, execution_rate, score, raw, section, page, line, source, box)
      VALUES (@document_id, @code, @name, @budget_yuan, @adjusted_yuan, @executed_yuan, @execution_rate, @score, @raw, @section, @page, @line, @source, @box)`);
    for (const p of extraction.projects) {
      project.run({ document_id: id, code: p.code, name: p.name, budget_yuan: p.budgetYuan, adjusted_yuan: p.adjustedYuan, executed_yuan: p.executedYuan,
        execution_rate: p.executionRate, score: p.score, raw: p.raw, section: p.section, ...place(p.source) });
    }

    insertStatements(db, id, extraction);

    const message = db.prepare('INSERT INTO messages (document_id, level, rule, text, source) VALUES (?, ?, ?, ?, ?)');
    for (const m of messages) message.run(id, m.level, m.rule, m.text, m.source ? json(m.source) : null);
    insertFlags(db, id, 'document', flags);
    return id;
  });
  return { status: 'imported', id: write.immediate() };
}

function insertStatements(db: DB, documentId: number, { statements, lineItems }: Extraction): void {
  const statement = db.prepare(`INSERT INTO statements (document_id, ord, kind, title, number, money_unit, entity, columns, empty_note, page, page_end, section, source, json)
    VALUES (@document_id, @ord, @kind, @title, @number, @money_unit, @entity, @columns, @empty_note, @page, @page_end, @section, @source, @json)`);
  statements.forEach((s, ord) => statement.run({
    document_id: documentId, ord, kind: s.kind, title: s.title, number: s.number, money_unit: s.moneyUnit, entity: s.entity,
    columns: json(s.columns), empty_note: s.emptyNote, page: s.source.page ?? null, page_end: s.pageEnd,
    section: s.section, source: json(s.source), json: json(s),
  }));
  const item = db.prepare(`INSERT INTO line_items (document_id, statement_ord, statement, statement_title, code, name, level, parent_code, entity,
    measure, phase, year, value_yuan, money_unit, raw, row, col, page, section, source, box)
    VALUES (@document_id, @statement_ord, @statement, @statement_title, @code, @name, @level, @parent_code, @entity,
    @measure, @phase, @year, @value_yuan, @money_unit, @raw, @row, @col, @page, @section, @source, @box)`);
  const ords = statementOf(statements, lineItems);
  lineItems.forEach((li, i) => item.run({
    document_id: documentId, statement_ord: ords[i], statement: li.statement, statement_title: li.statementTitle, code: li.code, name: li.name,
    level: li.level, parent_code: li.parentCode, entity: li.entity, measure: li.measure, phase: li.phase, year: li.year, value_yuan: li.valueYuan,
    money_unit: li.moneyUnit, raw: li.raw, row: li.row, col: li.column, page: li.source.page ?? null, section: li.section, source: json(li.source),
    box: li.source.box ? json(li.source.box) : null,
  }));
}

function insertFlags(db: DB, documentId: number, scope: 'document' | 'across', flags: Flag[]): void {
  const insert = db.prepare(`INSERT INTO flags (document_id, scope, category, rule, severity, message, formula, stated, computed, tolerance, evidence)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  for (const f of flags) insert.run(documentId, scope, f.category, f.rule, f.severity, f.message, f.formula, f.stated, f.computed, f.tolerance, json(f.evidence));
}

/** Replaces a document's flags of one scope: running the checks twice gives the same rows. */
export function replaceFlags(db: DB, documentId: number, scope: 'document' | 'across', flags: Flag[]): void {
  db.transaction(() => {
    db.prepare('DELETE FROM flags WHERE document_id = ? AND scope = ?').run(documentId, scope);
    insertFlags(db, documentId, scope, flags);
  }).immediate();
}
