// statement.column-sum: across the columns of one row, 合计 = 基本支出 + 项目支出 (+ the table's other spending
// columns), and 基本支出 = 人员经费 + 公用经费 where both are printed. Only where every amount column of the
// table has a meaning: a column outside the vocabulary (单位预留机动经费, 上缴上级支出) may be part of the sum.
import type { Flag } from '../../../schemas/records.ts';
import type { Measure, Statement, StatementColumn } from '../../../schemas/statements.ts';
import type { Rule } from '../types.ts';
import { flag, round } from '../util.ts';
import { amount, currentColumns, explainedByRepeatedCell, label, printed, readable, rowEvidence, tolerance } from './common.ts';

const SPENDING_PARTS: Measure[] = ['basic', 'project', 'operating'];

export const statementColumnSum: Rule = {
  id: 'statement.column-sum',
  category: 'arithmetic',
  description: '报表同一行中合计不等于基本支出与项目支出之和，或基本支出不等于人员经费与公用经费之和',
  check(ctx) {
    const out: Flag[] = [];
    for (const s of ctx.extraction.statements) {
      if (!readable(s) || s.otherColumns.length) continue;
      for (const side of new Set(s.columns.map((c) => c.side))) {
        for (const phase of new Set(s.columns.map((c) => c.phase))) {
          const cols = currentColumns(s).filter((c) => c.side === side && c.phase === phase);
          const by = (m: Measure) => cols.filter((c) => c.measure === m);
          const total = by('total'), basic = by('basic'), personnel = by('personnel'), pub = by('public');
          const parts = cols.filter((c) => SPENDING_PARTS.includes(c.measure));
          const others = cols.filter((c) => !['total', 'personnel', 'public', ...SPENDING_PARTS].includes(c.measure));
          if (total.length === 1 && by('basic').length <= 1 && by('project').length === 1 && !others.length) {
            // 基本支出 printed as 人员经费 + 公用经费 without its own column (上海's 收支总表)
            const terms = basic.length ? parts : personnel.length === 1 && pub.length === 1 ? [...personnel, ...pub, ...parts] : null;
            if (terms) out.push(...check(ctx.file, s, total[0], terms, this.id));
          }
          if (basic.length === 1 && personnel.length === 1 && pub.length === 1) out.push(...check(ctx.file, s, basic[0], [personnel[0], pub[0]], this.id));
        }
      }
    }
    return out;
  },
};

function check(file: string, s: Statement, whole: StatementColumn, parts: StatementColumn[], id: string): Flag[] {
  const out: Flag[] = [];
  for (const row of s.rows) {
    if (row.side !== whole.side && whole.side != null) continue;
    const total = amount(row, whole);
    const values = parts.map((p) => amount(row, p));
    if (total == null || values.some((v) => v == null)) continue;
    const sum = values.reduce<number>((a, b) => a + (b ?? 0), 0);
    const tol = tolerance(s, [row.cells[whole.index] ?? '', ...parts.map((p) => row.cells[p.index] ?? '')]);
    if (Math.abs(sum - total) <= tol || parts.some((p) => explainedByRepeatedCell(s, p, total - sum, tol))) continue;
    out.push(flag({
      category: 'arithmetic', rule: id,
      message: `${s.title}中“${label(row)}”的${whole.header}为${printed(s, total)}，但${parts.map((p) => p.header).join('＋')}＝${printed(s, sum)}，相差${printed(s, round(total - sum, 2))}（容差${printed(s, tol)}）`,
      formula: `${whole.header} = ${parts.map((p) => p.header).join(' + ')}`, stated: total, computed: round(sum, 2), tolerance: round(tol, 2),
      evidence: [rowEvidence(file, s, row)],
    }));
  }
  return out;
}
