// Placeholder until figures extraction lands (being written now).
import type { SegmentedDocument } from '../../../schemas/sections.ts';
import type { DocumentMeta } from '../../../schemas/records.ts';

export function extractFigures(_doc: SegmentedDocument, _meta: DocumentMeta) {
  return [];
}
