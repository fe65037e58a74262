// Provenance of extracted values: the block (and table row) they came from and its section path,
// narrowed to the box of the value's own text on the page where the parser kept geometry (PDF, OCR).
import type { Provenance } from '../../schemas/document.ts';
import type { Origin } from '../../schemas/records.ts';
import type { SegmentedDocument } from '../../schemas/sections.ts';
import { placeText } from '../boxes/index.ts';
import { sectionPathOf } from '../segment/index.ts';

/** `text`: the value as written (its raw text), to box it within the paragraph or the row's cells. */
export function originOf(doc: SegmentedDocument, blockIndex: number, rowIndex?: number, text?: string): Origin {
  const block = doc.blocks[blockIndex];
  let source: Provenance = block.source;
  if (rowIndex != null && block.kind === 'table' && block.rowSources?.[rowIndex]) source = block.rowSources[rowIndex];
  return { source: placeText(block, source, text, rowIndex), section: sectionPathOf(doc, blockIndex) };
}
