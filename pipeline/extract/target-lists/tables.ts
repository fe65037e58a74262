// Target tables that give one row per project, its money and its whole indicator list in one cell
// (项目支出绩效目标表 of a budget: 项目名称 | 总计 | 财政拨款 | … | 绩效目标 | 绩效指标). Found by content: a column
// whose cells read as inline indicator lists (inline.ts), under a header that names the project column.
import type { Table } from '../../../schemas/document.ts';
import type { SegmentedDocument } from '../../../schemas/sections.ts';
import type { MoneyUnit } from '../../../schemas/statements.ts';
import { normalizeText } from '../../normalize/text.ts';
import { clean, isBlank, isNumeric } from '../tables/cells.ts';
import { tableRows } from '../tables/rows.ts';
import { parseInlineIndicators, type InlineIndicator } from './inline.ts';

export interface TargetListColumns {
  name: number;
  /** The project's total (总计, 合计, 金额, 预算数): the first money column after the name. */
  total: number | null;
  goal: number | null;
  indicators: number;
  unit: MoneyUnit;
}

export interface TargetListRow {
  block: number;
  row: number;
  project: string;
  /**
   * The unit the project's money goes to, where the table groups projects under their units' subtotal rows
   * (项目名称（资金使用单位）): two units' projects often share a name (机构运行辅助经费) and are not one project.
   */
  group: string | null;
  total: string | null;
  unit: MoneyUnit;
  goal: string | null;
  indicators: InlineIndicator[];
  raw: string;
}

const NAME_HEADER = /项目名称|^项目$|项目\(|项目（/;
const INDICATOR_HEADER = /绩效指标|指标/;
const GOAL_HEADER = /绩效目标|目标/;
const TOTAL_HEADER = /总计|合计|小计|金额|预算数|资金总额|预算/;
const TOTAL_ROW = /^(合计|总计|小计)/;
const UNIT = /(?:单位|金额)\s*[:：（(]\s*(亿元|万元|元)/;

/** The header of a target list, in the first rows of a table. */
function headerOf(cells: string[][], unitText: string[]): { row: number; columns: TargetListColumns } | null {
  for (let r = 0; r < Math.min(3, cells.length); r++) {
    const labels = cells[r].map((c) => clean(c));
    const name = labels.findIndex((l) => NAME_HEADER.test(l));
    const indicators = labels.findIndex((l, k) => k > name && INDICATOR_HEADER.test(l) && !GOAL_HEADER.test(l.replace(/指标/, '')));
    if (name < 0 || indicators < 0) continue;
    const goal = labels.findIndex((l, k) => k > name && k !== indicators && /绩效目标|^目标/.test(l));
    const total = labels.findIndex((l, k) => k > name && k < indicators && TOTAL_HEADER.test(l));
    const unit = unitOf([...labels, ...unitText]);
    return { row: r, columns: { name, total: total >= 0 ? total : null, goal: goal >= 0 ? goal : null, indicators, unit } };
  }
  return null;
}

function unitOf(texts: string[]): MoneyUnit {
  for (const t of texts) {
    const m = UNIT.exec(normalizeText(t));
    if (m) return m[1] as MoneyUnit;
  }
  // these tables print money in 万元 where they say nothing (the budget tables' convention)
  return '万元';
}

/** Paragraph text just before a table: its title and 单位 line. */
function textBefore(doc: SegmentedDocument, b: number): string[] {
  const out: string[] = [];
  const table = doc.blocks[b] as Table;
  if (table.title) out.push(table.title);
  for (let i = b - 1; i >= Math.max(0, b - 3) && doc.blocks[i].kind === 'paragraph'; i--) out.push((doc.blocks[i] as { text: string }).text);
  return out;
}

export function readTargetLists(doc: SegmentedDocument): TargetListRow[] {
  const out: TargetListRow[] = [];
  let carried: { block: number; width: number; columns: TargetListColumns; group: string | null } | null = null;
  doc.blocks.forEach((block, b) => {
    if (block.kind !== 'table') return;
    const { rows } = tableRows(block);
    const cells = rows.map((r) => r.cells);
    const found = headerOf(cells, textBefore(doc, b));
    // a continuation on the next page without its header: the same columns as the list above it
    const width = Math.max(...cells.map((c) => c.length));
    const columns = found?.columns ?? (carried && b - carried.block <= 3 && width === carried.width ? carried.columns : null);
    if (!columns) return;
    const read: TargetListRow[] = [];
    let group: string | null = carried && !found ? carried.group : null;
    for (let r = found ? found.row + 1 : 0; r < cells.length; r++) {
      const row = cells[r];
      const name = clean(row[columns.name]);
      const indicators = parseInlineIndicators(row[columns.indicators] ?? '');
      const goal = columns.goal != null ? (row[columns.goal] ?? '').trim() : '';
      if (!name || isNumeric(name)) continue;
      // a unit's subtotal row (its projects follow) and the 合计 row carry money but no goal and no indicators
      if (!indicators.length && !goal) {
        if (!TOTAL_ROW.test(name)) group = (row[columns.name] ?? '').trim().replace(/\s+/g, '');
        continue;
      }
      const total = columns.total != null && !isBlank(row[columns.total]) ? clean(row[columns.total]) : null;
      read.push({
        block: b, row: r, project: (row[columns.name] ?? '').trim().replace(/\s+/g, ''), group,
        total: total && isNumeric(total) ? total : null, unit: columns.unit,
        goal: goal || null, indicators,
        raw: row.filter((c) => c.trim() !== '').join(' | '),
      });
    }
    // only a table whose list column holds indicator lists is a target list
    if (!read.some((x) => x.indicators.length)) return;
    out.push(...read);
    carried = { block: b, width, columns, group };
  });
  return out;
}
