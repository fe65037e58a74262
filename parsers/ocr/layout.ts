// An OCR'd page laid out by the PDF parser's own builders, in the order parsers/pdf/index.ts uses
// them on a text layer: ruled tables from the rulings, then tables from column alignment (bounded
// by free horizontal rules), then lines. The page then joins the others in assemble().
import type { Run, Segment } from '../pdf/geometry.ts';
import { buildLines } from '../pdf/lines.ts';
import { findAlignedTables } from '../pdf/aligned.ts';
import type { FlowPage } from '../pdf/paragraphs.ts';
import { findTables } from '../pdf/tables.ts';

export function layoutPage(runs: Run[], segments: Segment[], page: number, width: number, height: number): FlowPage {
  const found = findTables(segments, runs, page);
  const tables = found.tables;
  const free = segments.filter((s) => s.y0 === s.y1 && !tables.some((t) => s.y0 >= t.y0 - 2 && s.y0 <= t.y1 + 2 && s.x0 >= t.x0 - 2 && s.x1 <= t.x1 + 2));
  const aligned = findAlignedTables(buildLines(found.rest, page), free, page, width);
  return {
    page, width, height,
    lines: aligned.rest,
    tables: aligned.tables.length ? [...tables, ...aligned.tables].sort((a, b) => a.y0 - b.y0) : tables,
  };
}
