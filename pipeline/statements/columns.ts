// What each column of a statement holds: its role (code, name, money) from the data rows, and for a money
// column its measure, phase and year from the header rows above it.
import type { Phase } from '../../schemas/phase.ts';
import type { Measure } from '../../schemas/statements.ts';
import { hasHan, isAmount, type SlotGrid } from './grid.ts';

export type Role = 'code' | 'name' | 'money' | 'none';

export interface ColumnReading {
  roles: Role[];
  /** Header label parts over each column, top to bottom: the groups that span it, then its own. */
  labels: Array<{ group: string; leaf: string }>;
  headerRows: number;
}

const GENERIC_TOTAL = /^(其中[:：]?)?(合计|小计|总计|金额|预算数?|本年预算数?|预算金额|决算数?|本年决算数?|支出预算|收入预算|本年收入|本年支出|预算安排|\d{4}年(预算|决算)数?|本年(收入|支出)合计|(收入|支出)合计)$/;
const CODE_LABEL = /^(类|款|项|科目编码|功能科目编码|功能分类科目编码|经济分类科目编码|功能科目代码|科目代码|编码|代码)$/;
const NAME_LABEL = /(名称|^项目$|^科目$|^项目名称$|单位名称|^收入$|^支出$)/;

/** Rows at the top that hold no amount: the header. A 合计/总计 row in the first column starts the data. */
export function headerRowCount(grid: SlotGrid): number {
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r];
    if (row.some((s) => s.origin && isAmount(s.text) && !/^\d{1,2}$/.test(s.text))) return r;
    if (row.every((s) => !s.origin || s.text === '')) return r;
    // an empty statement's 合计 row: the label, then nothing but blanks
    const printedCells = row.filter((s) => s.origin && s.text !== '');
    if (r > 0 && printedCells.length === 1 && /^(合计|总计)$/.test(printedCells[0].text)) return r;
  }
  return grid.length;
}

/** Code columns hold 2–7 digit codes (201, 08, 2010101) with no separators; money columns hold amounts. */
export function readColumns(grid: SlotGrid): ColumnReading {
  const headerRows = headerRowCount(grid);
  const width = grid[0]?.length ?? 0;
  const labels = Array.from({ length: width }, (_, c) => labelOf(grid, headerRows, c));
  const data = grid.slice(headerRows);
  const roles: Role[] = [];
  for (let c = 0; c < width; c++) {
    const cells = data.map((row) => row[c]).filter((s) => s.origin && s.text !== '').map((s) => s.text);
    const { leaf, group } = labels[c];
    const han = cells.filter((t) => hasHan(t) && !isAmount(t)).length;
    const amounts = cells.filter(isAmount);
    const codeLike = amounts.length > 0 && amounts.every((t) => /^\d{2,7}$/.test(t));
    if (CODE_LABEL.test(leaf) || (codeLike && han === 0 && !leaf && CODE_LABEL.test(group))) roles.push('code');
    else if (han > 0 && han >= amounts.length) roles.push('name');
    // an unlabelled column of bare digits is a code column only where names stand to its right (201 | 一般公共服务支出)
    else if (amounts.length > 0 && codeLike && roles.every((r) => r !== 'name') && namesRightOf(data, c)) roles.push('code');
    else if (amounts.length > 0 || (cells.length === 0 && leaf && !NAME_LABEL.test(leaf) && !CODE_LABEL.test(leaf))) roles.push('money');
    else if (NAME_LABEL.test(leaf) || NAME_LABEL.test(group)) roles.push('name');
    else roles.push('none');
  }
  return { roles, labels, headerRows };
}

function namesRightOf(data: SlotGrid, c: number): boolean {
  return data.some((row) => row.slice(c + 1).some((s) => s.origin && hasHan(s.text) && !isAmount(s.text)));
}

function labelOf(grid: SlotGrid, headerRows: number, c: number): { group: string; leaf: string } {
  const groups: string[] = [];
  const own: string[] = [];
  let last: string | null = null;
  for (let r = 0; r < headerRows; r++) {
    const s = grid[r][c];
    const key = `${s.row}:${s.col}`;
    if (key === last || s.text === '') continue;
    last = key;
    if (s.colSpan > 1) groups.push(s.text);
    else own.push(s.text);
  }
  return { group: groups.join('/'), leaf: own.join('') };
}

const MEASURES: Array<[RegExp, Measure]> = [
  [/上年结转|年初结转|上年结余|年初结余|上年财政拨款结转/, 'carryoverStart'],
  [/年末结转|结转下年|年终结转|结转结余下年|下年结转/, 'carryoverEnd'],
  [/人员经费|人员支出/, 'personnel'],
  [/公用经费|公用支出/, 'public'],
  [/基本支出/, 'basic'],
  [/项目支出/, 'project'],
  [/一般公共预算/, 'generalBudget'],
  [/政府性基金/, 'governmentFund'],
  [/国有资本经营/, 'stateCapital'],
  [/财政专户管理资金|财政专户拨款$|^财政专户/, 'fiscalAccount'],
  [/经营(收入|支出)/, 'operating'],
  [/^事业收入/, 'business'],
  [/^其他收入$|^其他资金$/, 'other'],
  [/^财政拨款(收入)?(合计|小计)?$/, 'fiscal'],
];
const NOT_A_MEASURE = /增减|增长|变动|比上年|[%％]|率|对附属单位补助|上缴上级|附属单位上缴|上级补助|预留机动|教育收费|其他专户|债务|用事业基金弥补/;

/** A money column's measure from its own label, else from the group it stands under; null for columns outside the vocabulary. */
export function measureOf(label: { group: string; leaf: string }, totalTaken: boolean): Measure | null {
  const leaf = label.leaf.replace(/^其中[:：]?/, '');
  if (NOT_A_MEASURE.test(leaf)) return null;
  if (!leaf || GENERIC_TOTAL.test(leaf)) {
    if (!totalTaken) return 'total';
    const groupLast = label.group.split('/').at(-1) ?? '';
    if (NOT_A_MEASURE.test(groupLast)) return null;
    for (const [re, m] of MEASURES) if (re.test(groupLast)) return m;
    return null;
  }
  for (const [re, m] of MEASURES) if (re.test(leaf)) return m;
  return null;
}

export function phaseOf(label: { group: string; leaf: string }, fallback: Phase): Phase {
  // 预算 inside a fund's name (一般公共预算财政拨款) says nothing of the phase
  const t = (label.group + label.leaf).replace(/一般公共预算|政府性基金预算|国有资本经营预算/g, '');
  if (/调整/.test(t)) return 'adjusted';
  if (/决算|执行数|实际/.test(t)) return 'final';
  if (/年初预算|预算数|预算/.test(t)) return 'budget';
  return fallback;
}

export function yearOf(label: { group: string; leaf: string }, reportYear: number | null): number | null {
  const t = label.group + label.leaf;
  if (/上年(?!(财政拨款)?结转|结余)/.test(t)) return reportYear != null ? reportYear - 1 : null;
  const m = /(20\d{2})年?/.exec(t);
  if (m && reportYear != null && Number(m[1]) !== reportYear) return Number(m[1]);
  return null;
}

/** A reading that found no amount column has nothing to give (a table of amounts alone is its own 合计 row). */
export const hasMoney = (reading: ColumnReading) => reading.roles.includes('money');
