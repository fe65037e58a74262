// Placeholder until indicators extraction lands (being written now).
import type { SegmentedDocument } from '../../../schemas/sections.ts';
import type { DocumentMeta } from '../../../schemas/records.ts';

export function extractIndicators(_doc: SegmentedDocument, _meta: DocumentMeta) {
  return [];
}
