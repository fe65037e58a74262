// statement.parent-sum: in a classified statement every parent row equals the sum of its children in each
// money column (类 = Σ 款, 款 = Σ 项), and the 合计 row the sum of the 类 rows (or, in a table of units,
// of the unit rows). Children are found by their codes, never by position, so nested rows are never summed
// together; a statement with a page that could not be read is not checked.
import type { Flag } from '../../../schemas/records.ts';
import type { Statement, StatementRow } from '../../../schemas/statements.ts';
import type { Rule } from '../types.ts';
import { flag, round } from '../util.ts';
import { amount, currentColumns, explainedByRepeatedCell, label, printed, readable, rowEvidence, tolerance } from './common.ts';

export const statementParentSum: Rule = {
  id: 'statement.parent-sum',
  category: 'arithmetic',
  description: '报表中上级科目（或合计）不等于其下级科目之和',
  check(ctx) {
    const out: Flag[] = [];
    for (const s of ctx.extraction.statements) {
      if (!readable(s) || s.kind === 'summary' || s.kind === 'fiscal_summary') continue;
      for (const [parent, children] of families(s)) {
        for (const col of currentColumns(s)) {
          if (col.side !== parent.side && col.side != null) continue;
          const total = amount(parent, col);
          const parts = children.map((c) => amount(c, col));
          if (total == null || parts.some((p) => p == null)) continue;
          const sum = (parts as number[]).reduce((a, b) => a + b, 0);
          const tol = tolerance(s, [parent.cells[col.index] ?? '', ...children.map((c) => c.cells[col.index] ?? '')]);
          if (Math.abs(sum - total) <= tol || explainedByRepeatedCell(s, col, total - sum, tol)) continue;
          out.push(flag({
            category: 'arithmetic', rule: this.id,
            message: `${s.title}中“${label(parent)}”（${col.header}）为${printed(s, total)}，但其下${children.length}项之和为${printed(s, sum)}（${children.map((c) => label(c)).join('、').slice(0, 120)}），相差${printed(s, round(total - sum, 2))}（容差${printed(s, tol)}）`,
            formula: `${label(parent)} = Σ 下级科目`, stated: total, computed: round(sum, 2), tolerance: round(tol, 2),
            evidence: [rowEvidence(ctx.file, s, parent, col), ...children.slice(0, 6).map((c) => rowEvidence(ctx.file, s, c, col))],
          }));
        }
      }
    }
    return out;
  },
};

/** Each parent row with its direct children: by code, and the 合计 row over the top-level rows. */
export function families(s: Statement): Array<[StatementRow, StatementRow[]]> {
  const out: Array<[StatementRow, StatementRow[]]> = [];
  const children = new Map<number, StatementRow[]>();
  s.rows.forEach((r) => { if (r.parent != null) children.set(r.parent, [...(children.get(r.parent) ?? []), r]); });
  for (const [p, kids] of children) out.push([s.rows[p], kids]);
  for (const side of new Set(s.rows.map((r) => r.side))) {
    const rows = s.rows.filter((r) => r.side === side);
    const totals = rows.filter((r) => r.level === 0 && r.entity == null);
    if (totals.length !== 1) continue;
    const coded = rows.filter((r) => r.code && r.parent == null);
    const units = rows.filter((r) => r.entity != null && !r.code);
    // 合计 = Σ 类 only where every top-level row is coded at the top level: a table that mixes units and codes is not summed
    const top = coded.length && coded.every((r) => r.level === 1) && !units.length ? coded
      : units.length >= 2 && !coded.length && rows.every((r) => r.level === 0 || r.entity != null) ? units : null;
    if (top) out.push([totals[0], top]);
  }
  return out;
}
