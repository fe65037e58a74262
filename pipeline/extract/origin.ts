// Provenance of extracted values: the block (and table row) they came from and its section path.
import type { Provenance } from '../../schemas/document.ts';
import type { Origin } from '../../schemas/records.ts';
import type { SegmentedDocument } from '../../schemas/sections.ts';
import { sectionPathOf } from '../segment/index.ts';

export function originOf(doc: SegmentedDocument, blockIndex: number, rowIndex?: number): Origin {
  const block = doc.blocks[blockIndex];
  let source: Provenance = block.source;
  if (rowIndex != null && block.kind === 'table' && block.rowSources?.[rowIndex]) source = block.rowSources[rowIndex];
  return { source, section: sectionPathOf(doc, blockIndex) };
}
