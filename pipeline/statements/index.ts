// Statements stage: finds the standard budget and 决算 tables in a segmented document and reads them as
// typed statements (kind, money unit, entity, typed columns, rows with code, level and parent), then
// spreads their rows × money columns into line items.
import type { Table } from '../../schemas/document.ts';
import type { DocumentMeta } from '../../schemas/records.ts';
import type { SegmentedDocument } from '../../schemas/sections.ts';
import type { LineItem, MoneyUnit, Statement } from '../../schemas/statements.ts';
import { sectionPathOf } from '../segment/index.ts';
import { withHierarchy } from './hierarchy.ts';
import { lineItemsOf } from './line-items.ts';
import { locateStatements, type StatementRegion } from './locate.ts';
import { readTables } from './rows.ts';
import { textRows } from './text-rows.ts';
import { headerRowCount } from './columns.ts';
import { slotGrid } from './grid.ts';

export interface StatementReading { statements: Statement[]; lineItems: LineItem[] }

export function readStatements(doc: SegmentedDocument, meta: DocumentMeta): StatementReading {
  if (meta.reportType !== 'budget' && meta.reportType !== 'final_accounts' && meta.reportType !== 'other') return { statements: [], lineItems: [] };
  const regions = locateStatements(doc);
  // a table whose header line gives no unit is in the unit the document's other tables use
  const units = regions.map((r) => r.moneyUnit).filter((u): u is MoneyUnit => u != null);
  const common = mostCommon(units) ?? '万元';
  // a 目录 line names a statement but holds none of it: left out here (the completeness rule reads the 目录)
  const statements = regions.map((r) => readRegion(doc, r, r.moneyUnit ?? common, meta))
    .filter((s, i) => s.rows.length > 0 || s.emptyNote != null || regions[i].tables.length > 0);
  return { statements, lineItems: statements.flatMap(lineItemsOf) };
}

function readRegion(doc: SegmentedDocument, region: StatementRegion, unit: MoneyUnit, meta: DocumentMeta): Statement {
  const ctx = { kind: region.kind, unit, defaultPhase: meta.reportType === 'final_accounts' ? 'final' as const : 'budget' as const, reportYear: meta.year };
  const all = region.tables.map((i) => ({ table: doc.blocks[i] as Table, index: i }));
  // a page that holds only the top of a table's header (收入 | 支出), its body on the next page: read from the body
  const firstWithData = all.findIndex(({ table }) => headerRowCount(slotGrid(table)) < table.rows.length);
  const tables = firstWithData > 0 ? all.slice(firstWithData) : all;
  const lastBlock = doc.blocks[region.tables.at(-1) ?? region.lines.at(-1) ?? region.start];
  const base = {
    kind: region.kind, title: region.title, number: region.number, moneyUnit: unit, entity: region.entity,
    emptyNote: region.notes.find((n) => /无|空/.test(n)) ?? null,
    source: doc.blocks[region.start].source, pageEnd: lastBlock.source.page ?? null, section: sectionPathOf(doc, region.start),
  };
  if (tables.length) {
    const read = readTables(tables, ctx);
    return { ...base, columns: read.columns, rows: withHierarchy(read.rows), otherColumns: read.otherColumns ?? [], warnings: read.warnings };
  }
  const lines = region.lines.map((i) => doc.blocks[i]).filter((b) => b.kind === 'paragraph').map((b) => ({ text: (b as { text: string }).text, source: b.source }));
  const rows = textRows(lines, 0, unit);
  if (!rows.length) return { ...base, columns: [], rows: [], otherColumns: [], warnings: [] };
  return { ...base, columns: [{ index: 0, header: '金额', measure: 'total', phase: ctx.defaultPhase, side: null, year: null }], rows: withHierarchy(rows), otherColumns: [], warnings: [] };
}

function mostCommon<T>(xs: T[]): T | null {
  const n = new Map<T, number>();
  for (const x of xs) n.set(x, (n.get(x) ?? 0) + 1);
  return [...n].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}
