// statement.summary-totals: in a 收支总表 (and 财政拨款收支总表) 收入总计 = 本年收入合计 + the rows printed between
// them (上年结转, 使用非财政拨款结余 …), 支出总计 = 本年支出合计 + the rows between (年末结转和结余, 结余分配 …), and
// the two sides' 总计 are equal. The components are the rows the table itself prints, never a fixed list.
import type { Flag } from '../../../schemas/records.ts';
import type { Statement, StatementColumn, StatementRow } from '../../../schemas/statements.ts';
import type { Rule } from '../types.ts';
import { flag, round } from '../util.ts';
import { amount, currentColumns, label, printed, readable, rowEvidence, tolerance } from './common.ts';

const YEAR_TOTAL = /^本年(收入|支出)合计$|^(收入|支出)合计$/;
const GRAND_TOTAL = /^(收入|支出)总计$|^总计$/;

export const statementSummaryTotals: Rule = {
  id: 'statement.summary-totals',
  category: 'arithmetic',
  description: '收支总表中总计不等于本年合计加结转结余，或收入总计与支出总计不等',
  check(ctx) {
    const out: Flag[] = [];
    for (const s of ctx.extraction.statements) {
      if (!readable(s) || (s.kind !== 'summary' && s.kind !== 'fiscal_summary')) continue;
      const grand: Array<{ row: StatementRow; col: StatementColumn }> = [];
      for (const side of ['income', 'expenditure'] as const) {
        const rows = s.rows.filter((r) => r.side === side);
        const cols = currentColumns(s).filter((c) => c.side === side && c.measure === 'total');
        if (cols.length !== 1) continue;
        const col = cols[0];
        const y = rows.findIndex((r) => YEAR_TOTAL.test(r.name));
        const g = rows.findIndex((r) => GRAND_TOTAL.test(r.name));
        if (g >= 0) grand.push({ row: rows[g], col });
        if (y < 0 || g <= y) continue;
        const between = rows.slice(y + 1, g);
        const total = amount(rows[g], col), base = amount(rows[y], col);
        if (total == null || base == null || !rows[g].cells[col.index] || between.some((r) => amount(r, col) == null)) continue;
        const parts = [rows[y], ...between];
        const sum = parts.reduce((a, r) => a + (amount(r, col) ?? 0), 0);
        const tol = tolerance(s, [rows[g], ...parts].map((r) => r.cells[col.index] ?? ''));
        if (Math.abs(sum - total) <= tol) continue;
        out.push(flag({
          category: 'arithmetic', rule: this.id,
          message: `${s.title}中“${rows[g].name}”为${printed(s, total)}，但${parts.map((r) => `${label(r)}${printed(s, amount(r, col) ?? 0)}`).join('＋')}＝${printed(s, sum)}`,
          formula: `${rows[g].name} = ${parts.map((r) => r.name).join(' + ')}`, stated: total, computed: round(sum, 2), tolerance: round(tol, 2),
          evidence: [rows[g], ...parts].map((r) => rowEvidence(ctx.file, s, r, col)),
        }));
      }
      if (grand.length === 2) out.push(...sidesEqual(ctx.file, s, grand, this.id));
    }
    return out;
  },
};

function sidesEqual(file: string, s: Statement, grand: Array<{ row: StatementRow; col: StatementColumn }>, id: string): Flag[] {
  const [a, b] = grand;
  if (!a.row.cells[a.col.index] || !b.row.cells[b.col.index]) return [];
  const x = amount(a.row, a.col)!, y = amount(b.row, b.col)!;
  const tol = tolerance(s, [a.row.cells[a.col.index], b.row.cells[b.col.index]]);
  if (Math.abs(x - y) <= tol) return [];
  return [flag({
    category: 'arithmetic', rule: id,
    message: `${s.title}中${a.row.name}${printed(s, x)}与${b.row.name}${printed(s, y)}不等`,
    formula: `${a.row.name} = ${b.row.name}`, stated: x, computed: y, tolerance: round(tol, 2),
    evidence: [rowEvidence(file, s, a.row, a.col), rowEvidence(file, s, b.row, b.col)],
  })];
}
