// Statements stage: finds the standard budget and 决算 tables in a segmented document and reads them as
// typed statements (kind, money unit, entity, typed columns, rows with code, level and parent), then
// spreads their rows × money columns into line items.
import type { DocumentMeta } from '../../schemas/records.ts';
import type { SegmentedDocument } from '../../schemas/sections.ts';
import type { LineItem, Statement } from '../../schemas/statements.ts';

export interface StatementReading { statements: Statement[]; lineItems: LineItem[] }

export function readStatements(_doc: SegmentedDocument, _meta: DocumentMeta): StatementReading {
  return { statements: [], lineItems: [] };
}
