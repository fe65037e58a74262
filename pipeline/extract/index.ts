// Extraction stage: a segmented document in, every record type out (not yet validated).
import type { Extraction } from '../../schemas/records.ts';
import type { SegmentedDocument } from '../../schemas/sections.ts';
import { extractMeta } from './meta.ts';
import { extractFigures } from './figures/index.ts';
import { extractIndicators } from './indicators/index.ts';
import { extractScores } from './scores.ts';
import { extractProjects } from './projects.ts';
import { readStatements } from '../statements/index.ts';

export function extract(doc: SegmentedDocument): Extraction {
  const meta = extractMeta(doc);
  return {
    meta,
    figures: extractFigures(doc, meta),
    indicators: extractIndicators(doc, meta),
    scores: extractScores(doc, meta),
    projects: extractProjects(doc, meta),
    ...readStatements(doc, meta),
  };
}
