// Extraction stage: a segmented document in, every record type out (not yet validated).
import type { Extraction, Figure, Project } from '../../schemas/records.ts';
import type { SegmentedDocument } from '../../schemas/sections.ts';
import { extractMeta } from './meta.ts';
import { extractFigures } from './figures/index.ts';
import { extractIndicators } from './indicators/index.ts';
import { extractScores } from './scores.ts';
import { extractProjects } from './projects.ts';
import { extractTargetLists } from './target-lists/index.ts';
import { extractProjectLists } from './project-lists.ts';
import { readStatements } from '../statements/index.ts';
import { headlineFigures } from '../statements/figures.ts';

export function extract(doc: SegmentedDocument): Extraction {
  const meta = extractMeta(doc);
  const statements = readStatements(doc, meta);
  const targetLists = extractTargetLists(doc);
  return {
    meta,
    // the statements' figures join those of the text and tables; the same value stated twice is one figure, kept
    // where it was first read
    figures: uniqueFigures([...extractFigures(doc, meta), ...headlineFigures(statements.statements)]),
    indicators: [...extractIndicators(doc, meta), ...targetLists.indicators],
    scores: extractScores(doc, meta),
    projects: uniqueProjects([...extractProjects(doc, meta), ...targetLists.projects], extractProjectLists(doc)),
    ...statements,
  };
}

/** A project a list names again (the same name) is the one its own form or row already gave. */
function uniqueProjects(projects: Project[], listed: Project[]): Project[] {
  const named = new Set(projects.map((p) => p.name.replace(/\s+/g, '')));
  return [...projects, ...listed.filter((p) => !named.has(p.name.replace(/\s+/g, '')))];
}

function uniqueFigures(figures: Figure[]): Figure[] {
  const seen = new Set<string>();
  return figures.filter((f) => {
    const id = `${f.key}|${f.phase}|${f.year ?? ''}|${f.valueYuan}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
