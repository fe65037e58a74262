// Money figures of the reporting unit: from prose (prose.ts) and tables (tables.ts), with the label
// vocabulary in lexicon.ts. Project-level money (a project's section or 自评表), fund money and
// changes are left out; identical (key, phase, year, value) are kept once, distinct values all kept.
import type { DocumentMeta, Figure, Phase } from '../../../schemas/records.ts';
import type { SegmentedDocument } from '../../../schemas/sections.ts';
import { originOf } from '../origin.ts';
import { PROJECT_CONTEXT_RE } from './lexicon.ts';
import { proseFigures, type Candidate } from './prose.ts';
import { tableFigures } from './tables.ts';

export { proseFigures } from './prose.ts';
export { tableFigures, unitIn, isProjectTable } from './tables.ts';
export { findLabels, labelOfCell, normalizeForMatch, LABELS } from './lexicon.ts';

/** Whether a block stands in a section about one project (its money is not the unit's). */
export function inProjectSection(doc: SegmentedDocument, blockIndex: number): boolean {
  let id = doc.blockSection[blockIndex];
  while (id != null) {
    const s = doc.sections[id];
    if (PROJECT_CONTEXT_RE.test(s.title)) return true;
    id = s.parentId;
  }
  return false;
}

/** Whether the document as a whole evaluates one project (its title says 项目…绩效评价报告, not 部门整体). */
export function isProjectReport(doc: SegmentedDocument, title: string | null): boolean {
  const head = [title ?? '', ...doc.blocks.slice(0, 6).map((b) => (b.kind === 'paragraph' ? b.text : ''))].join(' ').replace(/[\s\u3000]/g, '');
  const first = /^[^。]{0,80}?(项目(?:支出)?绩效(?:评价|自评)报告|项目支出绩效自评表)/.exec(head);
  return first != null && !/部门整体|整体支出|部门决算|部门预算/.test(head.slice(0, first.index + first[0].length));
}

export function extractFigures(doc: SegmentedDocument, meta: Pick<DocumentMeta, 'year' | 'reportType'> & Partial<DocumentMeta>): Figure[] {
  // a report about one project has no whole-unit figures to give
  if (meta.reportType === 'project_self_eval' || isProjectReport(doc, meta.title ?? null)) return [];
  const defaultPhase: Phase = meta.reportType === 'budget' ? 'budget' : 'final';
  const reportYear = meta.year ?? null;
  const figures: Figure[] = [];
  const seen = new Set<string>();
  const add = (c: Candidate, blockIndex: number, row?: number) => {
    const id = `${c.key}|${c.phase}|${c.year ?? ''}|${c.valueYuan}`;
    if (seen.has(id)) {
      // keep the shortest evidence for a figure stated more than once
      const f = figures.find((x) => `${x.key}|${x.phase}|${x.year ?? ''}|${x.valueYuan}` === id);
      if (f && c.raw.length < f.raw.length) Object.assign(f, { raw: c.raw, label: c.label, ...originOf(doc, blockIndex, row, c.raw) });
      return;
    }
    seen.add(id);
    figures.push({ ...originOf(doc, blockIndex, row, c.raw), key: c.key, phase: c.phase, valueYuan: c.valueYuan, raw: c.raw, year: c.year, label: c.label });
  };

  doc.blocks.forEach((block, i) => {
    if (inProjectSection(doc, i)) return;
    if (block.kind === 'paragraph') {
      for (const c of proseFigures(block.text, { reportYear, defaultPhase })) add(c, i);
    } else {
      const before: string[] = [];
      for (let k = i - 1; k >= 0 && k >= i - 3; k--) {
        const b = doc.blocks[k];
        if (b.kind !== 'paragraph') break;
        before.unshift(b.text);
      }
      for (const c of tableFigures(block, { reportYear, defaultPhase, before: before.join('\n') })) add(c, i, c.row);
    }
  });
  return figures;
}
