// statement.across: the same quantity printed by two statements agrees. 一般公共预算 基本支出 is the 基本支出 column
// of the 合计 row of the table by function and the total of the table by economic classification (its 合计, or
// 人员经费合计 + 公用经费合计 where it prints the two halves side by side); 本年支出合计 of the 收支总表 is the 合计
// of the 支出总表.
import type { Flag } from '../../../schemas/records.ts';
import type { Measure, Statement, StatementColumn, StatementRow } from '../../../schemas/statements.ts';
import { soleStatement } from '../../statements/sole.ts';
import type { Rule } from '../types.ts';
import { flag, round } from '../util.ts';
import { amount, currentColumns, printed, rowEvidence, tolerance } from './common.ts';

interface Quantity { s: Statement; cells: Array<{ row: StatementRow; col: StatementColumn }>; yuan: number }

/** A statement's 合计 row in the one current column of a measure (on a side, for two-sided tables). */
function totalOf(s: Statement | null, measure: Measure, side: 'income' | 'expenditure' | null = null, name = /^(合计|总计)$/): Quantity | null {
  if (!s) return null;
  const cols = currentColumns(s).filter((c) => c.measure === measure && (side == null || c.side === side));
  const rows = s.rows.filter((r) => name.test(r.name) && (side == null || r.side === side) && r.entity == null);
  if (cols.length !== 1 || rows.length !== 1) return null;
  const v = amount(rows[0], cols[0]);
  return v == null || !rows[0].cells[cols[0].index] ? null : { s, cells: [{ row: rows[0], col: cols[0] }], yuan: v };
}

/** The economic table's total: its 合计 row, or 人员经费合计 + 公用经费合计 printed as two foot rows. */
function economicTotal(s: Statement | null): Quantity | null {
  if (!s) return null;
  const whole = totalOf(s, 'total');
  if (whole) return whole;
  const halves = s.rows.filter((r) => /^(人员经费|公用经费)合计$/.test(r.name));
  if (halves.length !== 2) return null;
  const cells = halves.map((row) => ({ row, col: currentColumns(s).find((c) => c.measure === 'total' && String(c.index) in row.values)! }));
  if (cells.some((c) => !c.col || amount(c.row, c.col) == null)) return null;
  return { s, cells, yuan: cells.reduce((a, c) => a + amount(c.row, c.col)!, 0) };
}

export const statementAcross: Rule = {
  id: 'statement.across',
  category: 'conflict',
  description: '两张报表所列同一数额不一致',
  check(ctx) {
    const st = ctx.extraction.statements;
    const pairs: Array<[string, Quantity | null, Quantity | null]> = [
      ['一般公共预算基本支出', totalOf(soleStatement(st, 'general_by_function'), 'basic'), economicTotal(soleStatement(st, 'general_basic_by_economic'))],
      ['本年支出合计', totalOf(soleStatement(st, 'summary'), 'total', 'expenditure', /^本年支出合计$/), totalOf(soleStatement(st, 'expenditure'), 'total')],
    ];
    const out: Flag[] = [];
    for (const [what, a, b] of pairs) {
      if (!a || !b) continue;
      const tol = tolerance(a.s, a.cells.map((c) => c.row.cells[c.col.index])) + tolerance(b.s, b.cells.map((c) => c.row.cells[c.col.index]));
      if (Math.abs(a.yuan - b.yuan) <= tol) continue;
      out.push(flag({
        category: 'conflict', rule: this.id,
        message: `${what}：${a.s.title}为${printed(a.s, a.yuan)}，${b.s.title}为${printed(b.s, b.yuan)}，相差${printed(a.s, round(a.yuan - b.yuan, 2))}`,
        stated: a.yuan, computed: b.yuan, tolerance: round(tol, 2),
        evidence: [...a.cells, ...b.cells].map((c) => rowEvidence(ctx.file, c.row === a.cells[0]?.row ? a.s : b.s, c.row, c.col)),
      }));
    }
    return out;
  },
};
