// Header rows of indicator tables: which column holds what.
// Headers come in one row (一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值) or stacked over two or
// three rows (评价指标 over 一级指标 | 二级指标 | 三级指标 over 名称 | 权重(%) pairs); a group label
// covers the columns to its right that the rows below label.
import type { ColumnKind } from './align.ts';
import type { TableRow } from './rows.ts';
import { clean, isNumeric } from './cells.ts';

export type Role =
  | 'level1' | 'level2' | 'level3' | 'level1Weight' | 'level2Weight'
  | 'comparator' | 'target' | 'unit' | 'actual'
  | 'weight' | 'score' | 'selfScore'
  | 'text' | 'other';

const stripParens = (s: string) => s.replace(/[（(][^）)]*[）)]/g, '');

/** The role a (combined) header label gives its column. */
export function roleOf(label: string): Role {
  const t = clean(label);
  const has = (re: RegExp) => re.test(t);
  const weighty = has(/权重|分值|满分|标准分/);
  if (has(/一级/)) return weighty ? 'level1Weight' : 'level1';
  if (has(/二级/)) return weighty ? 'level2Weight' : 'level2';
  if (has(/三级/)) return weighty ? 'weight' : 'level3';
  if (has(/指标性质|比较符|运算符|^符号$|指标类型/)) return 'comparator';
  if (has(/度量单位|计量单位|^单位$/)) return 'unit';
  if (has(/说明|解释|评分标准|规则|依据|原因|分析|备注|意见|方法|口径|问题|措施|偏差/)) return 'text';
  if (has(/自评得分|自评分|自评分数/)) return 'selfScore';
  if (has(/得分率|完成率$/)) return 'other';
  if (has(/得分|核查分|复核分|评价分|^评分$|^分数$/)) return 'score';
  if (weighty) return 'weight';
  if (has(/实际|完成值|完成情况|实现值|执行情况|全年完成/)) return 'actual';
  if (has(/指标值|目标值|目标|预期|计划值|标准值/)) return 'target';
  return 'other';
}

const LEVEL3_FALLBACK = /^(绩效)?指标(名称|内容)?$|^具体指标$|^指标项$/;

export const KIND: Record<Role, ColumnKind> = {
  level1: 'hier', level2: 'hier', level1Weight: 'hnum', level2Weight: 'hnum', level3: 'name',
  comparator: 'cmp', unit: 'unit', target: 'value', actual: 'value',
  weight: 'num', score: 'num', selfScore: 'num', text: 'text', other: 'free',
};

export interface Header {
  /** First and one-past-last row of the header. */
  start: number;
  end: number;
  /** Combined label per column. */
  labels: string[];
  roles: Role[];
  kinds: ColumnKind[];
}

/** Words a header cell is made of (no values). */
const HEADER_WORD = /指标|名称|权重|分值|得分|评分|说明|标准|单位|性质|目标|完成|实际|原因|备注|序号|内容|评价|分析|[%％]|^[（(]/;
// (a row that only numbers the columns, ① ② ③ ⑥=⑤/④ or (1) (2), as national forms print under their header, is header too)
const SUB_HEADER = /^(名称|权重|分值|[（(]?[%％][）)]?|权重[（(][%％][）)]|内容|指标|目标值|实际值|得分|自评|核查|评价|[①-⑳](?:[=＝][①-⑳+×*/÷\-\d%％]+)?|[（(]\d{1,2}[)）])$/;

function isHeaderish(row: TableRow): boolean {
  const cells = row.cells.map(clean).filter(Boolean);
  return cells.length > 0 && cells.every((c) => !isNumeric(c) && c.length <= 16 && HEADER_WORD.test(c));
}

/** A row of group labels over a header (评价指标 … 自评得分 | 核查得分): short label words, no form field such as 总体目标. */
function isGroupLabels(row: TableRow): boolean {
  const cells = [...new Set(row.cells.map(clean).filter(Boolean))];
  return cells.every((c) => c.length <= 8 && !/^(?:总体|年度|项目|绩效)目标$/.test(c));
}

function isSubHeader(row: TableRow): boolean {
  // cells merged down from the row above are not this row's labels
  const cells = row.cells.filter((_, k) => !row.fromAbove[k]).map((c) => stripParens(clean(c)) || clean(c)).filter(Boolean);
  return cells.length > 0 && cells.every((c) => SUB_HEADER.test(c) || /^(名称|权重)/.test(c));
}

function rolesOf(labels: string[]): Role[] {
  const roles = labels.map(roleOf);
  if (!roles.includes('level3')) {
    const i = labels.findIndex((l) => LEVEL3_FALLBACK.test(stripParens(clean(l))));
    if (i >= 0) roles[i] = 'level3';
  }
  // a single 自评得分 column is the table's score; 自评得分 beside 核查得分 is the self score
  if (roles.includes('selfScore') && !roles.includes('score')) roles[roles.indexOf('selfScore')] = 'score';
  // one column per role: later duplicates become free
  const seen = new Set<Role>();
  return roles.map((r) => {
    if (r === 'text' || r === 'other') return r;
    if (seen.has(r)) return 'other';
    seen.add(r);
    return r;
  });
}

/** Whether a single row's roles make it an indicator header. */
function isIndicatorRoles(roles: Role[]): boolean {
  const levels = ['level1', 'level2', 'level3'].filter((r) => roles.includes(r as Role)).length;
  const values = ['target', 'actual', 'weight', 'score', 'comparator'].some((r) => roles.includes(r as Role));
  return roles.includes('level3') && (levels >= 2 || values);
}

/** Combines stacked header rows into one label per column; a group label spans the empty cells to its right that rows below label. */
export function combineLabels(rows: TableRow[]): string[] {
  const width = Math.max(...rows.map((r) => r.cells.length));
  const grid = rows.map((r) => Array.from({ length: width }, (_, k) => clean(r.cells[k] ?? '')));
  for (let i = 0; i < grid.length - 1; i++) {
    for (let k = 1; k < width; k++) {
      if (grid[i][k] === '' && grid.slice(i + 1).some((row) => row[k] !== '')) grid[i][k] = grid[i][k - 1];
    }
  }
  return Array.from({ length: width }, (_, k) => {
    const parts: string[] = [];
    for (const row of grid) if (row[k] && parts.at(-1) !== row[k]) parts.push(row[k]);
    return parts.join('/');
  });
}

/** Detects an indicator header starting at or around row r; null when row r is not one. */
export function detectIndicatorHeader(rows: TableRow[], r: number): Header | null {
  const row = rows[r];
  if (!row || !isHeaderish(row)) return null;
  // rows below that only say 名称 | 权重(%) belong to the header
  let end = r + 1;
  while (end < rows.length && end < r + 3 && isSubHeader(rows[end])) end++;
  // a row above with group labels (评价指标 … 自评得分 | 核查得分) belongs to it when this row leaves gaps
  let start = r;
  // (gaps: empty cells in a text extraction, or labels repeated by a span in the row above)
  const above = rows[r - 1];
  const gaps = row.cells.some((c, k) => clean(c) === '' || row.fromAbove[k]) || (above != null && above.cells.some((c, k) => k > 0 && c !== '' && c === above.cells[k - 1]));
  // (group labels are short words: a form row 总体目标 | 完成…测评 above the header is not one, however short its text)
  if (r > 0 && isHeaderish(above) && isGroupLabels(above) && gaps && !isIndicatorRoles(rolesOf(above.cells))) start = r - 1;
  const labels = combineLabels(rows.slice(start, end));
  const roles = rolesOf(labels);
  if (!isIndicatorRoles(roles)) return null;
  return { start, end, labels, roles, kinds: roles.map((role) => KIND[role]) };
}

/** A signature to tell whether two headers describe the same columns (a table continued on the next page). */
export const signature = (h: Header): string => h.roles.join(',');
