// statement.text-amount: an amount the 情况说明 gives for a subject the tables print ("“卫生健康支出”科目614万元",
// "行政运行（01项）1434.89万元") must be that subject's amount in the tables, within the rounding of both. A
// name the tables print with several amounts (行政运行 under two 款, a 决算's 预算数 and 决算数) is matched
// against any of them, and flagged only where the tables agree on one amount and the text gives another. The
// text may round or cut the amount to the digits it prints.
import type { Flag } from '../../../schemas/records.ts';
import type { Statement, StatementRow } from '../../../schemas/statements.ts';
import { MONEY_FACTOR } from '../../../schemas/statements.ts';
import type { Rule } from '../types.ts';
import { decimalsOf, flag, halfUnit, round, sentenceEvidence, wan } from '../util.ts';
import { amount, clauseBefore, currentColumns, NOT_THIS_YEAR, readable, rowEvidence } from './common.ts';

const SUBJECT_KINDS = new Set(['general_by_function', 'expenditure', 'fiscal_by_function', 'general_basic_by_economic', 'general_project_by_economic']);
const TOTAL_KINDS = new Set(['summary', 'fiscal_summary', 'three_public', 'operating_costs']);
const key = (s: string) => s.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '');
/** Words a sentence puts between a subject's name and its amount, taken off the end one by one. */
const FILLER = /(\([^)]{0,8}\)|科目|预算数?|决算数?|支出|安排|为|共计|合计|年初|财政拨款|当年|\d{3,7})$/u;

/**
 * The quantities a 收支总表 and a 三公 table print under names the text writes in several ways: one key each.
 * Rows are keyed by their own name; a sentence's words are keyed when they end with one of these.
 */
const ALIASES: Array<[RegExp, string]> = [
  [/财政拨款(收入支出|收支)(预算|决算)?总(计|预算)$/, '财政拨款收支总计'],
  [/(收入支出|收支)(预算|决算)?总计$/, '收支总计'],
  [/三公经费$/, '三公经费'],
  [/因公出国境?费用?$/, '因公出国境费'],
  [/公务用车购置及运行(维护)?费$/, '公务用车购置及运行费'],
  [/公务用车购置费?$/, '公务用车购置费'],
  [/公务用车运行(维护)?费$/, '公务用车运行维护费'],
  [/公务接待费$/, '公务接待费'],
  [/机关运行经费$/, '机关运行经费'],
  [/一般公共预算(财政拨款)?基本支出$/, '一般公共预算基本支出'],
];
const aliasOf = (k: string) => ALIASES.find(([re]) => re.test(k))?.[1] ?? null;

/** The key a row is known by: a coded subject by its name; a total row of a 收支总表 or 三公 table by its alias. */
function rowKey(s: Statement, row: StatementRow): string | null {
  const k = key(row.name);
  if (SUBJECT_KINDS.has(s.kind)) return row.code && k.length >= 4 ? k : null;
  if (!TOTAL_KINDS.has(s.kind)) return null;
  if ((s.kind === 'summary' || s.kind === 'fiscal_summary') && /^(收入|支出)?总计$/.test(k)) return s.kind === 'summary' ? '收支总计' : '财政拨款收支总计';
  if (s.kind === 'three_public' && row.level === 0 && !s.rows.some((r) => /会议|培训/.test(r.name))) return '三公经费';
  // a table titled 行政经费及“三公”经费 prints as 行政经费 what its text calls 机关运行经费 (the same amount in every
  // such budget read): where the table has no row of that name, its 行政经费 row is the one
  if (s.kind === 'three_public' && k === '行政经费' && /行政经费/.test(s.title) && !s.rows.some((r) => /机关运行经费/.test(r.name))) return '机关运行经费';
  // a 三公 table names the vehicle items under their group: 购置费, 运行费
  if (s.kind === 'three_public' && /^(购置|运行(维护)?)费$/.test(k)) return aliasOf(`公务用车${k}`);
  return s.kind === 'three_public' || s.kind === 'operating_costs' ? aliasOf(k) : null;
}

/** The phase the words before an amount name: 决算/执行 (final), 预算/安排 (budget), or none. */
const phaseIn = (clause: string) => (/决算|执行|实际/.test(clause) ? 'final' : /预算|安排/.test(clause) ? 'budget' : null);

/**
 * The subject the words before an amount end with, taking filler words off one at a time and stopping at the
 * first name the tables know: “灾害防治及应急管理支出”科目 is the 类, not its 项 应急管理.
 */
function subjectBefore(label: string, known: Map<string, unknown>): string | null {
  for (let prev = ''; prev !== label; prev = label, label = label.replace(FILLER, '')) {
    const alias = aliasOf(label);
    if (alias && known.has(alias)) return alias;
    const name = [...known.keys()].filter((n) => label.endsWith(n)).sort((a, b) => b.length - a.length)[0];
    if (name) return name;
  }
  return null;
}

interface Candidate { statement: Statement; row: StatementRow; yuan: number; tol: number; phase: string }

export const statementTextAmount: Rule = {
  id: 'statement.text-amount',
  category: 'conflict',
  description: '情况说明中某科目的金额与报表所列该科目金额不一致',
  check(ctx) {
    const byName = new Map<string, Candidate[]>();
    for (const s of ctx.extraction.statements) {
      if ((!SUBJECT_KINDS.has(s.kind) && !TOTAL_KINDS.has(s.kind)) || !readable(s)) continue;
      const cols = currentColumns(s).filter((c) => c.measure === 'total' && c.side !== 'expenditure');
      for (const row of s.rows) {
        const k = rowKey(s, row);
        if (!k) continue;
        for (const col of cols) {
          const v = amount(row, col);
          if (v == null) continue;
          byName.set(k, [...(byName.get(k) ?? []), { statement: s, row, yuan: v, tol: halfUnit(decimalsOf(row.cells[col.index] ?? '')) * MONEY_FACTOR[s.moneyUnit], phase: col.phase }]);
        }
      }
    }
    // 一般公共预算基本支出: the 基本支出 column of the 合计 row of the table by function
    for (const s of ctx.extraction.statements) {
      if (s.kind !== 'general_by_function' || !readable(s)) continue;
      const total = s.rows.find((r) => r.level === 0 && r.entity == null);
      const col = currentColumns(s).find((c) => c.measure === 'basic');
      const v = total && col ? amount(total, col) : null;
      if (total && col && v != null) byName.set('一般公共预算基本支出', [...(byName.get('一般公共预算基本支出') ?? []), { statement: s, row: total, yuan: v, tol: halfUnit(decimalsOf(total.cells[col.index] ?? '')) * MONEY_FACTOR[s.moneyUnit], phase: col.phase }]);
    }
    if (!byName.size) return [];
    const out: Flag[] = [];
    for (const sent of ctx.sentences) {
      if (sent.cell) continue;
      for (const num of sent.nums) {
        if (num.kind !== 'money' || num.valueYuan == null || !num.unit) continue;
        // the words just before the amount (the sentence's own label stops at quotation marks: “卫生健康支出”科目)
        const clause = clauseBefore(sent.text, num.start);
        if (NOT_THIS_YEAR.test(clause)) continue;
        const name = subjectBefore(key(clause), byName);
        if (!name) continue;
        const phase = phaseIn(clause);
        const cands = byName.get(name)!.filter((c) => !phase || c.phase === phase);
        if (!cands.length) continue;
        // the text may round or cut the table's amount to the digits it prints (1256.58 as 1,256万元): one unit of its last digit
        const tol = (c: Candidate) => 2 * halfUnit(num.decimals) * MONEY_FACTOR[num.unit!] + c.tol + 1e-6;
        if (cands.some((c) => Math.abs(c.yuan - num.valueYuan!) <= tol(c))) continue;
        const distinct = new Set(cands.map((c) => c.yuan));
        if (distinct.size !== 1) continue;
        const c = cands[0];
        out.push(flag({
          category: 'conflict', rule: this.id,
          message: `说明中“${c.row.name}”为${num.text}，但${c.statement.title}中${c.row.code ? `${c.row.code} ` : ''}${c.row.name}为${wan(c.yuan)}（相差${wan(round(num.valueYuan - c.yuan, 2))}）`,
          stated: num.valueYuan, computed: c.yuan, tolerance: round(tol(c), 2),
          evidence: [sentenceEvidence(ctx, sent), rowEvidence(ctx.file, c.statement, c.row)],
        }));
      }
    }
    return out;
  },
};
