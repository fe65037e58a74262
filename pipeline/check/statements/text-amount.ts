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
import { amount, currentColumns, readable, rowEvidence } from './common.ts';

const SUBJECT_KINDS = new Set(['general_by_function', 'expenditure', 'fiscal_by_function']);
const key = (s: string) => s.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '');
/** Words a sentence puts between a subject's name and its amount. */
const FILLER = /(（[^）]{0,8}）|\([^)]{0,8}\)|科目|预算数?|支出预算|安排|为|共计|合计|[:：，,]|\d{3,7})+$/u;

interface Candidate { statement: Statement; row: StatementRow; yuan: number; tol: number }

export const statementTextAmount: Rule = {
  id: 'statement.text-amount',
  category: 'conflict',
  description: '情况说明中某科目的金额与报表所列该科目金额不一致',
  check(ctx) {
    const byName = new Map<string, Candidate[]>();
    for (const s of ctx.extraction.statements) {
      if (!SUBJECT_KINDS.has(s.kind) || !readable(s)) continue;
      const cols = currentColumns(s).filter((c) => c.measure === 'total');
      for (const row of s.rows) {
        if (!row.code || key(row.name).length < 4) continue;
        for (const col of cols) {
          const v = amount(row, col);
          if (v == null) continue;
          const k = key(row.name);
          byName.set(k, [...(byName.get(k) ?? []), { statement: s, row, yuan: v, tol: halfUnit(decimalsOf(row.cells[col.index] ?? '')) * MONEY_FACTOR[s.moneyUnit] }]);
        }
      }
    }
    if (!byName.size) return [];
    const out: Flag[] = [];
    for (const sent of ctx.sentences) {
      if (sent.cell) continue;
      for (const num of sent.nums) {
        if (num.kind !== 'money' || num.valueYuan == null || !num.unit) continue;
        // the words just before the amount (the sentence's own label stops at quotation marks: “卫生健康支出”科目)
        const label = key(sent.text.slice(Math.max(0, num.start - 30), num.start)).replace(FILLER, '');
        const name = [...byName.keys()].filter((n) => label.endsWith(n)).sort((a, b) => b.length - a.length)[0];
        if (!name) continue;
        const cands = byName.get(name)!;
        // the text may round or cut the table's amount to the digits it prints (1256.58 as 1,256万元): one unit of its last digit
        const tol = (c: Candidate) => 2 * halfUnit(num.decimals) * MONEY_FACTOR[num.unit!] + c.tol + 1e-6;
        if (cands.some((c) => Math.abs(c.yuan - num.valueYuan!) <= tol(c))) continue;
        const distinct = new Set(cands.map((c) => c.yuan));
        if (distinct.size !== 1) continue;
        const c = cands[0];
        out.push(flag({
          category: 'conflict', rule: this.id,
          message: `说明中“${c.row.name}”为${num.text}，但${c.statement.title}中${c.row.code} ${c.row.name}为${wan(c.yuan)}（相差${wan(round(num.valueYuan - c.yuan, 2))}）`,
          stated: num.valueYuan, computed: c.yuan, tolerance: round(tol(c), 2),
          evidence: [sentenceEvidence(ctx, sent), rowEvidence(ctx.file, c.statement, c.row)],
        }));
      }
    }
    return out;
  },
};
