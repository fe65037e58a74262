// Projects: one per project self-evaluation table (项目名称 row, the 资金 row of its budget block, its
// 合计 得分) and one per project paragraph that states a budget and its execution.
import type { Table } from '../../schemas/document.ts';
import type { SegmentedDocument } from '../../schemas/sections.ts';
import type { DocumentMeta, Project } from '../../schemas/records.ts';
import { parseMoney, parsePercent, type MoneyUnit } from '../normalize/numbers.ts';
import { normalizeText } from '../normalize/text.ts';
import { originOf } from './origin.ts';
import { readIndicatorTables } from './indicators/read.ts';
import { alignCells, type ColumnKind } from './tables/align.ts';
import { cellNumber, clean, isBlank, isNumeric } from './tables/cells.ts';
import { projectNameInRow, splitCode } from './tables/project-name.ts';
import { tableRows, type TableRow } from './tables/rows.ts';

type BudgetRole = 'budget' | 'adjusted' | 'executed' | 'rate' | 'weight' | 'score' | 'name' | 'text' | 'other';

function budgetRole(label: string): BudgetRole {
  const t = clean(label);
  if (/执行率|完成率/.test(t)) return 'rate';
  if (/调整后|全年预算|调整预算|预算调整/.test(t)) return 'adjusted';
  if (/年初预算|预算安排|年初数|批复预算/.test(t)) return 'budget';
  if (/执行数|全年执行|实际支出|支出数|决算数|实际执行|执行金额|支出金额/.test(t)) return 'executed';
  if (/得分/.test(t)) return 'score';
  if (/权重|分值/.test(t)) return 'weight';
  if (/原因|说明|备注|分析/.test(t)) return 'text';
  return 'other';
}

const KINDS: Record<BudgetRole, ColumnKind> = { budget: 'num', adjusted: 'num', executed: 'num', rate: 'num', weight: 'num', score: 'num', name: 'name', text: 'text', other: 'free' };

/** The money unit a table or its surroundings state: 万元 in a header cell, 单位：元 above. */
function unitOf(texts: string[]): MoneyUnit | null {
  for (const t of texts) {
    const m = /(?:单位|金额)?[:：（(]\s*(亿元|万元|元)\s*[）)]?/.exec(normalizeText(t)) ?? /(亿元|万元)/.exec(t);
    if (m) return m[1] as MoneyUnit;
  }
  return null;
}

interface BudgetHeader { row: number; roles: BudgetRole[] }

function budgetHeader(rows: TableRow[], r: number): BudgetHeader | null {
  const cells = rows[r].cells;
  const roles = cells.map(budgetRole);
  const money = ['budget', 'adjusted', 'executed'].filter((x) => roles.includes(x as BudgetRole)).length;
  if (money < 2 || cells.some((c) => isNumeric(c))) return null;
  // the label column: the last text column before the first amount
  const firstMoney = roles.findIndex((x) => x === 'budget' || x === 'adjusted' || x === 'executed');
  for (let k = firstMoney - 1; k >= 0; k--) if (roles[k] === 'other') { roles[k] = 'name'; break; }
  return { row: r, roles };
}

/** The budget line of a project target form (绩效目标表): 年度预算资金总额, 预算资金总额, 项目预算总额. */
const FORM_BUDGET = /^(?:年度|项目)?预算(?:资金)?总额[:：]?$/;

const TOTAL_ROW = /^(总额|合计|总计|年度资金总额|资金总额|项目资金总额|小计|预算资金合计)/;

interface TableProject { name: string; block: number; row: number; budget?: { block: number; row: number; values: Partial<Record<BudgetRole, string | null>>; unit: MoneyUnit } }

function fromTables(doc: SegmentedDocument): TableProject[] {
  const out: TableProject[] = [];
  let current: TableProject | null = null;
  doc.blocks.forEach((block, b) => {
    if (block.kind !== 'table') return;
    const { rows, spanned } = tableRows(block);
    let header: BudgetHeader | null = null;
    for (let r = 0; r < rows.length; r++) {
      const named = projectNameInRow(rows[r]);
      if (named) { current = { name: named, block: b, row: r }; out.push(current); header = null; continue; }
      if (!current || current.budget) continue;
      const h = budgetHeader(rows, r);
      if (h) { header = h; continue; }
      if (!header) {
        // a target form's money line: 项目资金（万元） | 年度预算资金总额： | 31.00
        const cells = rows[r].cells.map((c) => c.trim()).filter((c, i, all) => c !== '' && c !== all[i - 1]);
        const at = cells.findIndex((c) => FORM_BUDGET.test(clean(c)));
        const amount = at >= 0 ? cells.slice(at + 1).find((c) => isNumeric(c)) : undefined;
        if (amount != null) {
          const unit = unitOf([...cells, ...rows.slice(0, r).flatMap((x) => x.cells), ...precedingText(doc, b)]) ?? unstatedUnit([amount], current.name, doc);
          current.budget = { block: b, row: r, values: { budget: amount }, unit };
        }
        continue;
      }
      const first = clean(rows[r].cells.find((c) => c.trim() !== '') ?? '');
      const numbers = rows[r].cells.filter((c) => isNumeric(c)).length;
      if (numbers < 2) continue;
      // the total row (总额, 合计); the first data row where a table has none; never a 其中 breakdown row
      if (!TOTAL_ROW.test(first) && /^(其中|财政|专户|单位资金|其他|上级|本级)/.test(first)) continue;
      const kinds = header.roles.map((x) => KINDS[x]);
      const columns = spanned || rows[r].cells.length === kinds.length ? rows[r].cells : alignCells(rows[r].cells, kinds)?.columns;
      if (!columns) continue;
      const values: Partial<Record<BudgetRole, string | null>> = {};
      header.roles.forEach((role, k) => { values[role] = columns[k] ?? null; });
      const unit = unitOf([...rows[header.row].cells, ...rows.slice(0, header.row).flatMap((x) => x.cells), ...precedingText(doc, b)])
        ?? unstatedUnit(header.roles.map((role, k) => (role === 'budget' || role === 'adjusted' || role === 'executed' ? columns[k] : null)), current.name, doc);
      current.budget = { block: b, row: r, values, unit };
    }
  });
  return out;
}

/**
 * The money unit of a form that states none. The project's own cost targets tell it where one names an amount
 * of the block (项目总成本 ≤31万元 beside 31.00); else the magnitude: a project of a million or more in 万元 would
 * be ten billion yuan, so such amounts are 元; otherwise 万元, the forms' convention.
 */
function unstatedUnit(cells: Array<string | null | undefined>, project: string, doc: SegmentedDocument): MoneyUnit {
  const amounts = cells.map((c) => (c == null ? null : cellNumber(c))).filter((v): v is number => v != null && v > 0);
  for (const t of readIndicatorTables(doc)) {
    if (t.project !== project) continue;
    for (const row of t.rows) {
      const m = /([\d,]+(?:\.\d+)?)\s*(万元|元)/.exec(normalizeText(row.values.target ?? ''));
      const v = m ? Number(m[1].replace(/,/g, '')) : NaN;
      if (m && amounts.some((a) => Math.abs(a - v) < 0.005)) return m[2] as MoneyUnit;
    }
  }
  return amounts.some((a) => a >= 1_000_000) ? '元' : '万元';
}

function precedingText(doc: SegmentedDocument, b: number): string[] {
  const out: string[] = [];
  for (let i = b - 1; i >= Math.max(0, b - 3); i--) {
    const block = doc.blocks[i];
    if (block.kind === 'paragraph') out.push(block.text);
    else break;
  }
  return out;
}

const money = (cell: string | null | undefined, unit: MoneyUnit): number | null => {
  if (cell == null || isBlank(cell)) return null;
  return parseMoney(clean(cell), unit);
};

// ---------------------------------------------------------------- paragraphs

const ITEM = /^(?:\d{1,2}\s*[.、．]|[（(]\d{1,2}[)）])\s*([^，,。：:；;]{4,60}?)\s*[，,：:]/;
const AMOUNT = '([\\d,]+(?:\\.\\d+)?)\\s*(亿元|万元|元|万)';
const PARA_ADJUSTED = new RegExp(`(?:全年预算数|全年预算|调整后预算数?|调整预算数?)\\s*(?:为|是|：|:)?\\s*${AMOUNT}`);
const PARA_BUDGET = new RegExp(`(?:年初预算数?|预算安排|(?<![全年调整后])预算数)\\s*(?:为|是|：|:)?\\s*${AMOUNT}`);
const PARA_EXECUTED = new RegExp(`(?:执行数|实际支出|支出数|完成|已支出|支出|使用)\\s*(?:为|是|了|：|:)?\\s*${AMOUNT}`);
const PARA_RATE = /执行率\s*(?:为|是|达到?|：|:)?\s*([\d.]+)\s*[%％]/;

function paraMoney(m: RegExpExecArray | null): number | null {
  if (!m) return null;
  return parseMoney(m[1] + (m[2] === '万' ? '万元' : m[2]));
}

function fromParagraphs(doc: SegmentedDocument): Project[] {
  const out: Project[] = [];
  doc.blocks.forEach((block, b) => {
    if (block.kind !== 'paragraph') return;
    const text = normalizeText(block.text);
    const item = ITEM.exec(text);
    if (!item) return;
    const name = item[1].replace(/^项目名称[:：]?/, '').trim();
    if (/^(基本支出|项目支出|人员经费|公用经费|收入|支出|预算|决算)/.test(name) || /预算|决算|三公|\d\s*(万元|元)|^(我|本|该)/.test(name)) return;
    const adjusted = paraMoney(PARA_ADJUSTED.exec(text));
    const budget = paraMoney(PARA_BUDGET.exec(text));
    const afterBudget = text.slice((PARA_ADJUSTED.exec(text) ?? PARA_BUDGET.exec(text))?.index ?? 0);
    const executed = paraMoney(PARA_EXECUTED.exec(afterBudget.replace(PARA_ADJUSTED, '').replace(PARA_BUDGET, '')));
    const rateM = PARA_RATE.exec(text);
    const executionRate = rateM ? Number(rateM[1]) : null;
    if (adjusted == null && budget == null) return;
    if (executed == null && executionRate == null) return;
    const { code, name: bare } = splitCode(name);
    out.push({ ...originOf(doc, b), code, name: bare, budgetYuan: budget, adjustedYuan: adjusted, executedYuan: executed, executionRate, score: null, raw: block.text });
  });
  return out;
}

// ---------------------------------------------------------------- all together

const bigrams = (s: string) => { const t = clean(s); const set = new Set<string>(); for (let i = 0; i + 1 < t.length; i++) set.add(t.slice(i, i + 2)); return set; };
function similar(a: string, b: string): boolean {
  const x = clean(a), y = clean(b);
  if (!x || !y) return false;
  if (x.includes(y) || y.includes(x)) return true;
  const A = bigrams(x), B = bigrams(y);
  let common = 0;
  for (const g of A) if (B.has(g)) common++;
  return (2 * common) / (A.size + B.size) >= 0.8;
}
const near = (a: number | null, b: number | null) => a != null && b != null && Math.abs(a - b) <= 1;

function sameProject(p: Project, q: Project): boolean {
  if (p.code && q.code) return p.code === q.code;
  if (similar(p.name, q.name)) return true;
  return near(p.adjustedYuan, q.adjustedYuan) && near(p.executedYuan, q.executedYuan) && (p.adjustedYuan ?? 0) > 0;
}

export function extractProjects(doc: SegmentedDocument, _meta: DocumentMeta): Project[] {
  const scores = new Map<string, number>();
  for (const t of readIndicatorTables(doc)) {
    const total = t.totals[0];
    if (!t.project || !total || scores.has(t.project)) continue;
    const v = cellNumber(total.values.score) ?? cellNumber(total.values.selfScore);
    if (v != null) scores.set(t.project, v);
  }
  const out: Project[] = [];
  for (const p of fromTables(doc)) {
    const { code, name } = splitCode(p.name);
    const v = p.budget?.values ?? {};
    const unit = p.budget?.unit ?? '万元';
    const rate = v.rate != null && !isBlank(v.rate) ? parsePercent(clean(v.rate)) : null;
    const table = doc.blocks[p.block] as Table;
    const raw = [table.rows[p.row], ...(p.budget ? [(doc.blocks[p.budget.block] as Table).rows[p.budget.row]] : [])]
      .map((row) => row.map((c) => c.text.trim()).filter(Boolean).join(' | ')).join(' / ');
    out.push({
      ...originOf(doc, p.block, p.row),
      code, name,
      budgetYuan: money(v.budget, unit),
      adjustedYuan: money(v.adjusted, unit),
      executedYuan: money(v.executed, unit),
      executionRate: rate,
      score: scores.get(p.name) ?? null,
      raw,
    });
  }
  for (const p of fromParagraphs(doc)) if (!out.some((q) => sameProject(p, q))) out.push(p);
  return out;
}
