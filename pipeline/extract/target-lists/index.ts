// Target lists: project rows of budget target tables, each with its money and inline indicator list
// (tables.ts finds them, inline.ts reads the lists), as Indicator and Project records.
import type { Indicator, Project } from '../../../schemas/records.ts';
import type { SegmentedDocument } from '../../../schemas/sections.ts';
import { parseMoney, parseQuantity } from '../../normalize/numbers.ts';
import { originOf } from '../origin.ts';
import { splitCode } from '../tables/project-name.ts';
import { readTargetLists, type TargetListRow } from './tables.ts';

export { parseInlineIndicators } from './inline.ts';
export { readTargetLists } from './tables.ts';

export interface TargetListRecords { indicators: Indicator[]; projects: Project[] }

export function extractTargetLists(doc: SegmentedDocument, rows: TargetListRow[] = readTargetLists(doc)): TargetListRecords {
  const indicators: Indicator[] = [];
  const projects: Project[] = [];
  for (const row of rows) {
    const at = originOf(doc, row.block, row.row);
    // the spending unit a project is listed under is the innermost part of where it stands
    const origin = row.group ? { ...at, section: at.section ? `${at.section} / ${row.group}` : row.group } : at;
    const { code, name } = splitCode(row.project);
    projects.push({
      ...origin, code, name,
      budgetYuan: row.total != null ? parseMoney(row.total, row.unit) : null,
      adjustedYuan: null, executedYuan: null, executionRate: null, score: null,
      raw: row.raw,
    });
    for (const item of row.indicators) {
      const q = parseQuantity(item.target);
      indicators.push({
        ...origin,
        project: name,
        level1: item.level1, level2: item.level2, level3: item.level3,
        comparator: q.comparator, target: item.target, targetValue: q.value, targetUnit: q.unit,
        actual: null, actualValue: null,
        raw: item.raw,
      });
    }
  }
  return { indicators, projects };
}
