// Test helpers for the check rules: a real corpus document, its meta, and records built from its real lines.
import type { Extraction, Figure, FigureKey, Indicator, Phase, Project, Score } from '../../schemas/records.ts';
import type { SegmentedDocument } from '../../schemas/sections.ts';
import { extractMeta } from '../../pipeline/extract/meta.ts';
import { originOf } from '../../pipeline/extract/origin.ts';
import { buildContext } from '../../pipeline/check/index.ts';
import type { CheckContext } from '../../pipeline/check/types.ts';
import { segmentedText } from '../helpers.ts';

const docs = new Map<string, SegmentedDocument>();
export function corpusDoc(stem: string): SegmentedDocument {
  if (!docs.has(stem)) docs.set(stem, segmentedText(stem));
  return docs.get(stem)!;
}

export function emptyExtraction(doc: SegmentedDocument, over: Partial<Extraction> = {}): Extraction {
  return { meta: extractMeta(doc), figures: [], indicators: [], scores: [], projects: [], statements: [], lineItems: [], ...over };
}

export function ctxOf(stem: string, over: Partial<Extraction> = {}): CheckContext {
  const doc = corpusDoc(stem);
  return buildContext(doc, emptyExtraction(doc, over));
}

const squash = (s: string) => s.replace(/[\s\u3000]+/g, '');

/** The first paragraph block whose text contains `snippet` (white space ignored). */
export function blockWith(doc: SegmentedDocument, snippet: string): number {
  const i = doc.blocks.findIndex((b) => b.kind === 'paragraph' && squash(b.text).includes(squash(snippet)));
  if (i < 0) throw new Error(`not in the document: ${snippet}`);
  return i;
}

/** A Figure standing where the report writes `raw`. */
export function figureAt(doc: SegmentedDocument, raw: string, key: FigureKey, phase: Phase, wan: number, year: number | null = null): Figure {
  return { ...originOf(doc, blockWith(doc, raw)), key, phase, valueYuan: Math.round(wan * 10_000 * 100) / 100, raw, year, label: raw.replace(/[\d.,]+.*$/, '') };
}

/** The nth table row (0-based) whose cells include `cellText`, with its block and row index. */
export function rowWith(doc: SegmentedDocument, cellText: string, nth = 0): { block: number; row: number; cells: string[] } {
  let seen = 0;
  for (let b = 0; b < doc.blocks.length; b++) {
    const blk = doc.blocks[b];
    if (blk.kind !== 'table') continue;
    for (let r = 0; r < blk.rows.length; r++) {
      if (blk.rows[r].some((c) => squash(c.text) === squash(cellText))) {
        if (seen++ === nth) return { block: b, row: r, cells: blk.rows[r].map((c) => c.text) };
      }
    }
  }
  throw new Error(`no row with ${cellText}`);
}

/** An Indicator from a real table row; fields not given are null. */
export function indicatorAt(doc: SegmentedDocument, level3: string, fields: Partial<Indicator>, nth = 0): Indicator {
  const { block, row, cells } = rowWith(doc, level3, nth);
  return {
    ...originOf(doc, block, row), project: null, level1: null, level2: null, level3, comparator: null, target: null, targetValue: null,
    targetUnit: null, actual: null, actualValue: null, raw: cells.join(' | '), ...fields,
  };
}

export function projectAt(doc: SegmentedDocument, cellText: string, fields: Partial<Project>): Project {
  const { block, row, cells } = rowWith(doc, cellText);
  return { ...originOf(doc, block, row), code: null, name: cellText, budgetYuan: null, adjustedYuan: null, executedYuan: null, executionRate: null, score: null, raw: cells.join(' | '), ...fields };
}

export function scoreAt(doc: SegmentedDocument, where: { cell?: string; text?: string; nth?: number }, fields: Partial<Score>): Score {
  const origin = where.cell ? (() => { const r = rowWith(doc, where.cell!, where.nth ?? 0); return { o: originOf(doc, r.block, r.row), raw: r.cells.join(' | ') }; })()
    : { o: originOf(doc, blockWith(doc, where.text!)), raw: where.text! };
  return { ...origin.o, scope: 'document', kind: 'self', name: null, value: null, max: null, grade: null, raw: origin.raw, ...fields };
}
