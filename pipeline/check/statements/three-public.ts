// statement.three-public: in a "三公" table, 三公 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费, and
// 公务用车购置及运行费 = 购置费 + 运行费, in each column. 会议费, 培训费 and 机关运行经费 are not part of 三公.
import type { Flag } from '../../../schemas/records.ts';
import type { StatementRow } from '../../../schemas/statements.ts';
import type { Rule } from '../types.ts';
import { flag, round } from '../util.ts';
import { amount, currentColumns, label, printed, readable, rowEvidence, tolerance } from './common.ts';
import { threePublicItems } from '../../statements/three-public-items.ts';

export const statementThreePublic: Rule = {
  id: 'statement.three-public',
  category: 'arithmetic',
  description: '“三公”经费不等于因公出国（境）费、公务用车购置及运行费、公务接待费之和，或车辆费不等于购置费与运行费之和',
  check(ctx) {
    const out: Flag[] = [];
    for (const s of ctx.extraction.statements) {
      if (!readable(s) || s.kind !== 'three_public') continue;
      const { total, abroad, vehicle, reception, purchase, ops } = threePublicItems(s);
      const identities: Array<[StatementRow | null, Array<StatementRow | null>]> = [[total, [abroad, vehicle, reception]], [vehicle, [purchase, ops]]];
      for (const [whole, parts] of identities) {
        if (!whole || parts.some((p) => !p)) continue;
        for (const col of currentColumns(s)) {
          const w = amount(whole, col);
          const ps = (parts as StatementRow[]).map((p) => amount(p, col));
          if (w == null || ps.some((p) => p == null)) continue;
          const sum = ps.reduce<number>((a, b) => a + (b ?? 0), 0);
          const tol = tolerance(s, [whole, ...(parts as StatementRow[])].map((r) => r.cells[col.index] ?? ''));
          if (Math.abs(sum - w) <= tol) continue;
          out.push(flag({
            category: 'arithmetic', rule: this.id,
            message: `${s.title}中“${label(whole)}”（${col.header}）为${printed(s, w)}，但${(parts as StatementRow[]).map((p, i) => `${p.name}${printed(s, ps[i] ?? 0)}`).join('＋')}＝${printed(s, sum)}`,
            formula: `${whole.name} = ${(parts as StatementRow[]).map((p) => p.name).join(' + ')}`, stated: w, computed: round(sum, 2), tolerance: round(tol, 2),
            evidence: [whole, ...(parts as StatementRow[])].map((r) => rowEvidence(ctx.file, s, r, col)),
          }));
        }
      }
    }
    return out;
  },
};
