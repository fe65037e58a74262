// Money figures from tables: label cells with their amounts (a 绩效目标表's 收入预算合计 | 607.94),
// budget/决算 matrices whose column headers give the phase (预算数 | 决算数), and the 合计 row of a
// 固定资产利用情况表. The unit comes from a header cell, a band row such as 当年预算情况（万元）,
// the table's title or a 单位：万元 line just before the table.
import type { FigureKey, Phase } from '../../../schemas/records.ts';
import type { Table } from '../../../schemas/document.ts';
import { parseNumber, toYuan, type MoneyUnit } from '../../normalize/numbers.ts';
import { normalizeText } from '../../normalize/text.ts';
import { toGrid } from '../grid.ts';
import { FUND_RE, labelOfCell, phaseWordsIn, normalizeForMatch, PROJECT_CONTEXT_RE } from './lexicon.ts';
import type { Candidate } from './prose.ts';

export interface TableCandidate extends Candidate { row: number }

export interface TableContext {
  reportYear: number | null;
  defaultPhase: Phase;
  /** Text of the lines just before the table (title, 单位：万元). */
  before: string;
}

/** The money unit a header text declares: （万元）, 单位：元, 金额单位：万元. */
export function unitIn(text: string): MoneyUnit | null {
  const s = normalizeText(text).replace(/[\s\u3000]/g, '');
  const m = /(?:单位[:：]|[（(])(亿元|万元|元)(?:[)）]|$|[，,；;\s])/.exec(s) ?? /单位[:：]?(亿元|万元|元)/.exec(s);
  return m ? (m[1] as MoneyUnit) : null;
}

const isNumeric = (s: string) => parseNumber(s.replace(/[万亿]?元$/, '')) != null;
const cellNumber = (s: string): { value: number; unit: MoneyUnit | null } | null => {
  const t = normalizeText(s).replace(/[\s\u3000]/g, '');
  const m = /^([+-]?[\d,]*\.?\d+)(亿元|万元|元)?$/.exec(t);
  if (!m) return null;
  const value = parseNumber(m[1]);
  return value == null ? null : { value, unit: (m[2] as MoneyUnit) ?? null };
};

/**
 * Repairs a two-row header written without spans (text extraction): when the second header row
 * starts with k empty cells, the first row's cells after the k-th spread evenly over the rest.
 */
function headerTexts(grid: string[][], headerRows: number, width: number): string[] {
  const rows = grid.slice(0, headerRows).map((r) => [...r]);
  if (rows.length === 2) {
    const [top, sub] = rows;
    let lastFilled = -1;
    top.forEach((t, i) => { if (t !== '') lastFilled = i; });
    const topCells = top.slice(0, lastFilled + 1);
    const lead = sub.findIndex((t) => t !== '');
    const groups = topCells.length - lead;
    const rest = width - lead;
    if (lead > 0 && groups > 0 && rest > groups && rest % groups === 0 && topCells.slice(lead).every((t) => t !== '')) {
      const span = rest / groups;
      const spread = [...topCells.slice(0, lead)];
      for (const g of topCells.slice(lead)) for (let k = 0; k < span; k++) spread.push(g);
      rows[0] = spread;
    }
  }
  const out: string[] = [];
  for (let c = 0; c < width; c++) {
    const parts: string[] = [];
    for (const r of rows) { const t = r[c] ?? ''; if (t && !parts.includes(t)) parts.push(t); }
    out.push(parts.join(' '));
  }
  return out;
}

/** Whether a table belongs to one project (项目支出绩效自评表): its money is project-level. */
export function isProjectTable(table: Table): boolean {
  if (table.title && PROJECT_CONTEXT_RE.test(table.title)) return true;
  const rows = table.rows.slice(0, 4).map((r) => r.map((c) => c.text.replace(/[\s\u3000]/g, '')));
  if (rows.flat().some((t) => /项目支出绩效(?:自评|目标)表|项目绩效(?:自评|目标)表/.test(t))) return true;
  // a form row "项目名称 | <the project>", not a column header 项目名称 | 数量 | 金额
  return rows.some((r) => {
    const cells = [...new Set(r.filter((t) => t !== ''))];
    const at = cells.indexOf('项目名称');
    return at >= 0 && cells.length <= 3 && cells[at + 1] != null && cells[at + 1].length >= 4;
  });
}

function phaseOf(text: string): Phase | null {
  const { text: t } = normalizeForMatch(text);
  const words = phaseWordsIn(t);
  const strong = words.find((w) => w.strong);
  return strong ? strong.phase : words[0]?.phase ?? null;
}

/** The 合计 row of a fixed-assets table: 金额 → fixedAssets.total, 在用 金额 → fixedAssets.inUse. */
function fixedAssets(grid: string[][], unit: MoneyUnit | null, ctx: TableContext): TableCandidate[] {
  const width = Math.max(...grid.map((r) => r.length));
  const headerRows = grid.findIndex((r, i) => i > 0 && r.slice(1).some((t) => isNumeric(t)));
  if (headerRows < 1 || !unit) return [];
  const headers = headerTexts(grid, headerRows, width);
  const out: TableCandidate[] = [];
  grid.forEach((row, r) => {
    if (r < headerRows || !/^(合计|总计)$/.test(normalizeText(row[0] ?? '').replace(/[\s\u3000]/g, ''))) return;
    headers.forEach((h, c) => {
      const n = cellNumber(row[c] ?? '');
      if (!n || /闲置|比例|占|数量|%/.test(h.replace(/在用资产 金额/, '在用'))) return;
      let key: FigureKey | null = null;
      if (/在用/.test(h) && /金额|价值|原值|在用资产$/.test(h)) key = 'fixedAssets.inUse';
      else if (/^(?:账面)?(?:金额|原值|价值|账面价值|总额)$/.test(h)) key = 'fixedAssets.total';
      if (!key) return;
      out.push({ key, phase: 'final', valueYuan: toYuan(n.value, n.unit ?? unit), raw: `${row[0]} ${h} ${row[c]}`, year: null, label: `${row[0]} ${h}`, row: r });
    });
  });
  void ctx;
  return out;
}

const SKIP_COLUMN = /行次|栏次|编码|序号|编号|代码|率|%|％|比例|占比|数量|人数|个数|得分|权重|辆|台|套/;
const isSequenceRow = (row: string[]) => {
  const nums = row.filter((t) => t !== '').map((t) => parseNumber(t));
  return nums.length >= 2 && nums.every((n, i) => n === i + 1 || n === (nums[0] ?? 0) + i);
};
const yearOf = (text: string): number | null => {
  const m = /(\d{4})年/.exec(text);
  return m ? Number(m[1]) : null;
};

/**
 * How a table's title narrows its figures: a 财政拨款 or 一般公共预算 table covers the fiscal part only, so its
 * 收入总计 is fiscal income, and its totals and its 基本支出 / 项目支出 are not the unit's (a budget's 一般公共预算
 * 支出表 gives 基本支出 2,772.25 where the unit's is 2,776.85). Its 人员经费 / 公用经费 and 三公 amounts stay: reports
 * state those for fiscal money only.
 */
function retarget(key: FigureKey, title: string): FigureKey | null {
  if (/财政拨款|一般公共预算/.test(title)) {
    if (key === 'income.total') return 'income.fiscal';
    if (key === 'expenditure.total' || key === 'income.other' || key === 'expenditure.basic' || key === 'expenditure.project') return null;
  }
  return key;
}

const TOTAL_WORD = /^(?:合计|总计|小计)$/;
const squashed = (s: string) => normalizeText(s).replace(/[\s\u3000]/g, '');

/**
 * The quantity a table's title names, for its 合计 column: 基本支出预算情况表 → 基本支出, 政府采购预算表 →
 * 政府采购, 部门收入预算总表 / 收入决算表 → 收入合计, 支出总体情况表 → 支出合计.
 */
export function titleFigure(title: string): { key: FigureKey; label: string } | null {
  const t = squashed(title)
    .replace(/^.*?[0-9]{4}年度?/, '').replace(/^(?:部门|单位|本级)+/, '')
    .replace(/(?:（[^）]*）)?$/, '').replace(/(?:情况)?(?:汇总|明细)?(?:总体)?(?:情况)?(?:总)?表$/, '');
  if (!t) return null;
  const label = labelOfCell(t);
  if (label && !label.weak) return { key: label.key, label: label.label };
  const m = /^(?:财务)?(收入|支出)(?:预算|决算)?$/.exec(t);
  if (m) return { key: m[1] === '收入' ? 'income.total' : 'expenditure.total', label: `${m[1]}合计` };
  return null;
}

/** The label a (combined) column header gives: the last part that names one, a 合计 column taking the title's. */
function columnLabel(header: string, title: { key: FigureKey; label: string } | null): { key: FigureKey; label: string; also: FigureKey[] } | null {
  const parts = header.split(' ').filter(Boolean);
  for (let k = parts.length - 1; k >= 0; k--) {
    if (TOTAL_WORD.test(squashed(parts[k]))) continue;
    const l = labelOfCell(parts[k]);
    if (l) return { key: l.key, label: l.label, also: l.also };
    // a group header that names no figure (收入预算, 一般公共预算支出) leaves the column to the title
    break;
  }
  // a 合计 column is the title's quantity only when nothing above it narrows it (财政拨款 合计 is the fiscal part)
  if (title && parts.length && TOTAL_WORD.test(squashed(parts.at(-1)!)) && parts.slice(0, -1).every((p) => FILLER_HEADER.test(squashed(p)))) return { ...title, also: [] };
  return null;
}

const FILLER_HEADER = /^(?:合计|小计|总计|预算数|决算数|预算|决算|金额|数额|\d{4}年(?:度)?(?:预算数?|决算数?)?|年初预算数?|调整后预算数?|全年预算数?|本年|当年|[（(]?(?:万元|元|亿元)[）)]?)+$/;

/**
 * The label a stacked column header names: its innermost part, climbing to the group above only over
 * totals and phase words (小计, 预算数). A sub-item the vocabulary does not know (购置费 under 公务用车购置及运行费)
 * names no figure: it is not the group's value.
 */
function headerLabel(header: string): ReturnType<typeof labelOfCell> {
  const parts = header.split(' ').filter(Boolean);
  for (let k = parts.length - 1; k >= 0; k--) {
    const l = labelOfCell(parts[k]);
    if (l) return l;
    if (!FILLER_HEADER.test(squashed(parts[k]))) return null;
  }
  return null;
}

/** Whether any part of a column header names a figure other than `key` (人员经费 over a 支出总计 row). */
function namesOtherFigure(header: string, key: FigureKey): boolean {
  return header.split(' ').filter(Boolean).some((p) => {
    const l = labelOfCell(p);
    return l != null && !l.weak && l.key !== key && !l.also.includes(key);
  });
}

/** Figures from one table that is not a project's. */
export function tableFigures(table: Table, ctx: TableContext): TableCandidate[] {
  if (isProjectTable(table)) return [];
  const grid = toGrid(table).map((row) => row.map((c) => c.text.trim()));
  if (!grid.length) return [];
  const titleLine = table.title ?? ctx.before.split('\n').filter((l) => /表/.test(l)).at(-1) ?? '';
  const titleText = [table.title ?? '', ctx.before, grid[0].join(' ')].join(' ');
  if (/基金|国有资本经营/.test(titleLine)) return [];
  let unit = unitIn(table.title ?? '') ?? unitIn(ctx.before) ?? unitIn(grid[0].join(' '));

  if (/固定资产/.test(titleText) && grid.slice(0, 3).flat().some((t) => /在用/.test(t))) return fixedAssets(grid, unit, ctx);

  const width = Math.max(...grid.map((r) => r.length));
  const tablePhase = phaseOf(titleLine);
  const out: TableCandidate[] = [];
  let bandPhase: Phase | null = null;
  // column headers: the text rows above the first row that holds numbers (a 栏次 row 1 2 3 … is a header too)
  let firstData = grid.findIndex((r) => r.some((t) => cellNumber(t) != null) && !isSequenceRow(r));
  if (firstData < 0) firstData = grid.length;
  const headerRows = grid.slice(0, firstData).filter((r) => !isSequenceRow(r));
  const headers = headerRows.length ? headerTexts(headerRows, headerRows.length, width) : new Array<string>(width).fill('');
  // a list of purchases or of projects names its lines by economic class (公务用车运行维护费, 因公出国（境）经费):
  // those lines are one purchase's or one project's money, not the unit's figure of that name
  const procurementList = /采购/.test(titleLine);
  const projectList = /项目(?:支出)?/.test(titleLine) && !/基本支出|收支|总体|总表/.test(titleLine);
  const emit = (key: FigureKey, phase: Phase, year: number | null, value: number, u: MoneyUnit, raw: string, label: string, row: number) => {
    const k = retarget(key, titleLine);
    if (!k || (procurementList && k !== 'procurement.total')) return;
    out.push({ key: k, phase, valueYuan: toYuan(value, u), raw, year: year != null && year !== ctx.reportYear ? year : null, label, row });
  };

  // 1. labels in the header, amounts below (a "三公" table: 合计 | 因公出国（境）费 | … over one row of numbers)
  // a title that joins other items to the 三公 (“三公”经费、会议费、培训费支出预算表) has a 合计 that is not a 三公 figure
  const titleLabel = /三公”?经费[”"]?[、和及与]/.test(squashed(titleLine)) ? null : labelOfCell(titleLine.replace(/^.*?(“?三公”?经费).*$/, '$1'));
  const dataRows = grid.slice(firstData).filter((r) => !isSequenceRow(r));
  if (headerRows.length && dataRows.length === 1 && dataRows[0].every((t) => t === '' || cellNumber(t))) {
    const row = dataRows[0];
    headers.forEach((h, c) => {
      const n = cellNumber(row[c] ?? '');
      if (!n || SKIP_COLUMN.test(h)) return;
      const label = headerLabel(h) ?? (/合计|总计/.test(h.split(' ').at(-1) ?? '') ? titleLabel : null);
      const u = n.unit ?? unitIn(h) ?? unit;
      if (!label || !u) return;
      const phase = phaseOf(h) ?? tablePhase ?? ctx.defaultPhase;
      emit(label.key, phase, yearOf(h), n.value, u, `${h} ${row[c]}`, label.label, grid.indexOf(row));
    });
    return out;
  }

  // 2. a 合计 row under column headers that name figures (支出总表: 合计 | 基本支出 | 项目支出; 基本支出表:
  // 合计 | 人员经费 | 公用经费); the 合计 column takes what the table's title names
  const tTitle = titleFigure(titleLine);
  // in a spending table a 财政拨款 column is the fiscal part of the spending, not income
  const spending = /支出|采购/.test(titleLine) && !/收入|收支/.test(titleLine);
  grid.forEach((row, r) => {
    if (r < firstData) return;
    const first = row.findIndex((t) => t !== '' && !cellNumber(t) && !/^\d+$/.test(t));
    if (first < 0 || !/^(?:合计|总计)$/.test(squashed(row[first]))) return;
    // one quantity per row and phase: a second 合计 column for the same figure (总计 | 合计 under 财政拨款, its
    // group header lost) is a part's subtotal
    const taken = new Set<string>();
    for (let c = first + 1; c < row.length; c++) {
      const n = cellNumber(row[c] ?? '');
      const h = headers[c] ?? '';
      if (!n || !h || SKIP_COLUMN.test(h) || FUND_RE.test(h)) continue;
      const label = columnLabel(h, tTitle);
      const u = n.unit ?? unitIn(h) ?? unit;
      if (!label || !u || (spending && label.key.startsWith('income.'))) continue;
      const phase = phaseOf(h.replace(/合计|小计|总计/g, '')) ?? tablePhase ?? ctx.defaultPhase;
      const quantity = `${label.key}|${phase}|${yearOf(h) ?? ''}`;
      if (taken.has(quantity)) continue;
      taken.add(quantity);
      emit(label.key, phase, yearOf(h), n.value, u, `${row[first]} ${h} ${row[c]}`, label.label, r);
      for (const also of label.also) emit(also, phase, yearOf(h), n.value, u, `${row[first]} ${h} ${row[c]}`, label.label, r);
    }
  });

  // 3. label cells with the amounts to their right
  // columns inside a 结转和结余 breakdown (its 一般公共预算财政拨款 line is carried-over money, not income)
  const inCarry = new Set<number>();
  grid.forEach((row, r) => {
    // a band row (当年预算情况（万元）) sets unit and phase for the rows below it
    const band = [...new Set(row.filter((t) => t !== ''))];
    if (band.length === 1 && !cellNumber(band[0])) {
      unit = unitIn(band[0]) ?? unit;
      bandPhase = phaseOf(band[0]) ?? bandPhase;
      return;
    }
    if (r < firstData) { unit = unitIn(row.join(' ')) ?? unit; return; }
    const carryBefore = new Set(inCarry);
    row.forEach((t, c) => {
      if (/结转/.test(t)) inCarry.add(c);
      else if (/合计|总计|^[一二三四五六七八九十]+、/.test(t)) inCarry.delete(c);
    });
    for (let c = 0; c < row.length; c++) {
      if (c > 0 && row[c] === row[c - 1]) continue;
      if (projectList && !TOTAL_WORD.test(squashed(row[c]).replace(/^.*(合计|总计)$/, '$1'))) continue;
      const label = labelOfCell(row[c]);
      if (!label || FUND_RE.test(row[c])) continue;
      // an item under a classification code (302 | 17 | 公务接待费) is a sub-item, not the unit's figure
      if (c > 0 && /^\d{2,}$/.test(row[c - 1].replace(/\s/g, '')) && !/行次|栏次/.test(headers[c - 1] ?? '')) continue;
      if (carryBefore.has(c) && label.key !== 'carryover.end' && !/合计|总计|^[一二三四五六七八九十]+、/.test(row[c])) continue;
      const amounts: number[] = [];
      for (let k = c + 1; k < row.length; k++) {
        if (row[k] === row[c]) continue; // a span repeated over the grid
        if (cellNumber(row[k])) amounts.push(k);
        else if (row[k] !== '') break;
      }
      const labelPhase = phaseOf(row[c]);
      // a column headed by another figure (支出总计 | 合计 | 人员经费 | 公用经费 | 项目支出) holds that part of the
      // row, not the row's quantity; of columns of one phase and year only the first is the row's value
      const usable = amounts.filter((k) => !SKIP_COLUMN.test(headers[k] ?? '') && !namesOtherFigure(headers[k] ?? '', label.key));
      const seenColumns = new Set<string>();
      for (const k of usable) {
        const header = headers[k] ?? '';
        const colPhase = header ? phaseOf(header) : null;
        if (usable.length > 1 && !colPhase && k !== usable[0]) continue;
        const columnKey = `${colPhase ?? ''}|${yearOf(header) ?? ''}`;
        if (seenColumns.has(columnKey)) continue;
        seenColumns.add(columnKey);
        const n = cellNumber(row[k])!;
        const u = n.unit ?? unitIn(header) ?? unit;
        if (!u) continue;
        const phase = colPhase ?? labelPhase ?? bandPhase ?? tablePhase ?? ctx.defaultPhase;
        emit(label.key, phase, yearOf(header), n.value, u, `${row[c]} ${row[k]}`, label.label, r);
        for (const also of label.also) emit(also, phase, yearOf(header), n.value, u, `${row[c]} ${row[k]}`, label.label, r);
      }
    }
  });
  return out;
}
