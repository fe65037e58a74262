// Reads every performance-indicator table of a document into rows placed in their columns:
// finds the header (also mid-table, also stacked sub-tables), aligns each row to it, joins rows that a
// text extraction split in two, fills the hierarchy down, and keeps total rows (合计) and the project.
import type { Table } from '../../../schemas/document.ts';
import type { SegmentedDocument } from '../../../schemas/sections.ts';
import { alignCells, fit, positionalScore } from '../tables/align.ts';
import { cellNumber, clean, isBlank, isNameLike } from '../tables/cells.ts';
import { detectIndicatorHeader, signature, type Header, type Role } from '../tables/header.ts';
import { projectNameBefore, projectNameInRow } from '../tables/project-name.ts';
import { tableRows, type TableRow } from '../tables/rows.ts';

export type RoleValues = Partial<Record<Role, string | null>>;

export interface ReadRow {
  block: number;
  /** Row index in the table (the first, where two rows were joined). */
  row: number;
  values: RoleValues;
  level1: string | null;
  level2: string | null;
  level1Weight: string | null;
  level2Weight: string | null;
  raw: string;
}

export interface IndicatorTable {
  block: number;
  header: Header;
  /** Project name as written (code included), or null for a department table. */
  project: string | null;
  rows: ReadRow[];
  /** The hierarchy in force after the last row, for a table continued in the next block. */
  end: { level1: string | null; level2: string | null; level1Weight: string | null; level2Weight: string | null };
  /** 合计 / 总计 rows, values placed in the header's columns. */
  totals: Array<{ block: number; row: number; values: RoleValues; raw: string }>;
}

const TOTAL = /^(合计|总计|小计|总分|得分合计|合\s*计)/;
const WEIGHT_ONLY = /^[（(]?\d+(?:\.\d+)?分[)）]?$/;
/** Rows of a form that end an indicator block. */
const STOP = /^(评价结论|结论|存在问题|问题|改进措施|整改措施|建议|意见|项目负责人|财务负责人|负责人|填报人|填表人|审核人|联系人|备注|说明|注[:：]?|单位名称|主管部门|项目名称)/;

const roleIndex = (h: Header, role: Role) => h.roles.indexOf(role);

function valuesOf(h: Header, columns: Array<string | null>): RoleValues {
  const out: RoleValues = {};
  h.roles.forEach((role, k) => {
    if (role === 'text' || role === 'other') return;
    const v = columns[k];
    out[role] = v == null || v.trim() === '' ? null : v.trim();
  });
  return out;
}

interface Placed { columns: Array<string | null>; score: number }

/** Places a row's cells in the header's columns. */
function place(h: Header, row: TableRow, spanned: boolean): Placed | null {
  const width = h.roles.length;
  if (spanned || row.cells.length === width) {
    const columns = Array.from({ length: width }, (_, k) => row.cells[k] ?? null);
    if (spanned) {
      // a grid row keeps its positions unless they plainly do not fit (a row broken by a page end)
      const broken = columns.some((c, k) => c != null && c.trim() !== '' && !row.fromAbove[k] && fit(h.kinds[k], c) <= -3);
      if (broken) return alignCells(row.cells.map((c, k) => (row.fromAbove[k] ? '' : c)), h.kinds);
      return { columns, score: positionalScore(columns, h.kinds) };
    }
    const stay = positionalScore(columns, h.kinds);
    // cells that plainly do not belong where they stand: the row was shifted, so positions mean nothing
    const shifted = columns.some((c, k) => c != null && c.trim() !== '' && fit(h.kinds[k], c) <= -3) || !isNameLike(columns[roleIndex(h, 'level3')] ?? '');
    const moved = alignCells(row.cells, h.kinds, shifted ? undefined : row.cells.map((_, i) => i));
    return moved && moved.score > stay + 1e-9 ? moved : { columns, score: stay };
  }
  return alignCells(row.cells, h.kinds);
}

const joinRows = (a: TableRow, b: TableRow): TableRow => ({ cells: [...a.cells, ...b.cells], fromAbove: [...a.fromAbove, ...b.fromAbove] });

/** Places a total row: positionally when full width, else its numbers go to the numeric columns from the right. */
function placeTotal(h: Header, row: TableRow, spanned: boolean): RoleValues {
  const width = h.roles.length;
  if (spanned || row.cells.length === width) return valuesOf(h, Array.from({ length: width }, (_, k) => row.cells[k] ?? null));
  const numbers = row.cells.slice(1).map((c) => c.trim()).filter((c) => c !== '');
  const numeric = h.roles.map((r, k) => ({ r, k })).filter(({ r }) => r === 'weight' || r === 'score' || r === 'selfScore' || r === 'level1Weight' || r === 'level2Weight');
  const columns: Array<string | null> = new Array(width).fill(null);
  const take = numeric.slice(Math.max(0, numeric.length - numbers.length));
  take.forEach(({ k }, i) => { columns[k] = numbers[numbers.length - take.length + i]; });
  return valuesOf(h, columns);
}

// The indicators, the scores and the projects each read a document's indicator tables (five reads
// a document): they are read once and shared, as a document does not change once segmented.
const read = new WeakMap<SegmentedDocument, readonly IndicatorTable[]>();

/** The document's indicator tables, read on first use and shared by every caller (do not edit them). */
export function readIndicatorTables(doc: SegmentedDocument): readonly IndicatorTable[] {
  let tables = read.get(doc);
  if (!tables) read.set(doc, tables = readAll(doc));
  return tables;
}

function readAll(doc: SegmentedDocument): IndicatorTable[] {
  const out: IndicatorTable[] = [];
  doc.blocks.forEach((block, b) => {
    if (block.kind !== 'table') return;
    readTable(doc, block, b, out);
  });
  return out;
}

function readTable(doc: SegmentedDocument, table: Table, b: number, out: IndicatorTable[]): void {
  const { rows, spanned } = tableRows(table);
  let project: string | null = null;
  let current: IndicatorTable | null = null;
  let level1: string | null = null, level2: string | null = null, l1w: string | null = null, l2w: string | null = null;
  let firstHeaderSeen = false;

  const rawOf = (r: number, r2 = r) => table.rows.slice(r, r2 + 1).flat().map((c) => c.text.trim()).filter(Boolean).join(' | ');

  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const named = projectNameInRow(row);
    if (named) { project = named; current = null; continue; }

    const header = detectIndicatorHeader(rows, r);
    if (header) {
      const prev = out.at(-1);
      // a table continued from the previous block (next page): same columns, no project of its own
      const continued = !firstHeaderSeen && prev && prev.block < b && b - prev.block <= 4 && signature(prev.header) === signature(header) && project == null;
      if (!firstHeaderSeen && project == null) project = projectNameBefore(doc, b);
      if (continued) {
        project = prev.project;
        ({ level1, level2, level1Weight: l1w, level2Weight: l2w } = prev.end);
      } else if (!current || signature(current.header) !== signature(header) || current.project !== project) {
        level1 = level2 = l1w = l2w = null;
      }
      firstHeaderSeen = true;
      current = { block: b, header, project, rows: [], totals: [], end: { level1, level2, level1Weight: l1w, level2Weight: l2w } };
      out.push(current);
      r = header.end - 1;
      continue;
    }
    if (!current) continue;
    const h = current.header;

    const first = clean(row.cells.find((c) => c.trim() !== '') ?? '');
    if (!first) continue;
    if (TOTAL.test(first)) { current.totals.push({ block: b, row: r, values: placeTotal(h, row, spanned), raw: rawOf(r) }); continue; }
    if (STOP.test(first)) { current = null; continue; }
    if (row.cells.every((c) => isBlank(c))) continue;

    let placed = place(h, row, spanned);
    let last = r;
    // a row that a text extraction broke in two (an empty cell read as a row end): join it with the next
    if (!spanned && r + 1 < rows.length) {
      const next = rows[r + 1];
      const nextFirst = clean(next.cells.find((c) => c.trim() !== '') ?? '');
      if (nextFirst && !TOTAL.test(nextFirst) && !STOP.test(nextFirst) && !detectIndicatorHeader(rows, r + 1) && !projectNameInRow(next)) {
        const alone = place(h, next, spanned);
        const joined = alignCells(joinRows(row, next).cells, h.kinds);
        const nameless = (p: Placed | null) => !p || !isNameLike(p.columns[roleIndex(h, 'level3')] ?? '');
        if (joined && !nameless(joined) && (nameless(alone) || joined.score > (placed?.score ?? -99) + (alone?.score ?? -99))) {
          placed = joined;
          last = r + 1;
        }
      }
    }
    if (!placed) continue;
    const values = valuesOf(h, placed.columns);
    // an indicator is named, not described: a sentence in the name column is a fragment of a broken row
    if (!values.level3 || !isNameLike(values.level3) || /[。]$/.test(values.level3.trim())) continue;
    if (detectIndicatorHeader([{ cells: placed.columns.map((c) => c ?? ''), fromAbove: [] }], 0)) continue;
    // a row carried over a page break (its name's last characters, then 指标解释 text where the 分值 should be)
    // is the tail of the row above, not an indicator
    if ((['weight', 'score', 'selfScore'] as const).some((k) => { const t = clean(values[k]); return t.length > 6 && !isBlank(t) && cellNumber(t) == null; })) continue;
    // a level cell that holds only a weight (8分: the tail of "D1经济效益8分" carried over a page) names no level
    for (const k of ['level1', 'level2'] as const) if (values[k] != null && WEIGHT_ONLY.test(clean(values[k]))) values[k] = null;

    // fill the hierarchy down: an empty level cell means "same as above"; a new 一级 starts a new 二级
    if (values.level1) {
      level1 = values.level1; l1w = values.level1Weight ?? null;
      level2 = values.level2 ?? null; l2w = values.level2Weight ?? null;
    } else if (values.level2) {
      level2 = values.level2; l2w = values.level2Weight ?? null;
    }
    current.rows.push({ block: b, row: r, values, level1, level2, level1Weight: l1w, level2Weight: l2w, raw: rawOf(r, last) });
    current.end = { level1, level2, level1Weight: l1w, level2Weight: l2w };
    r = last;
  }
}
