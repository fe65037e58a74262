// 在职人员控制率 stated in prose against the head-counts the same paragraph lists (在职人数 ÷ 编制数).
import type { Flag } from '../../../schemas/records.ts';
import type { Rule } from '../types.ts';
import { flag, halfUnit, pct, round, sentenceEvidence } from '../util.ts';

export const staffControl: Rule = {
  id: 'ratio.staff-control',
  category: 'ratio',
  description: '在职人员控制率与所列编制数、在职人数之比不符',
  check(ctx) {
    const out: Flag[] = [];
    for (const s of ctx.sentences) {
      if (s.cell) continue;
      const p = s.nums.find((n) => n.kind === 'percent' && /在职人员控制率/.test(n.label));
      if (!p) continue;
      const para = ctx.sentences.filter((x) => x.block === s.block && !x.cell);
      const counts = para.flatMap((x) => x.nums.filter((n) => n.kind === 'count' && /^(名|人)$/.test(n.countUnit ?? '') && !/(领导|职数|局长|退休|离休)/.test(n.label)).map((n) => ({ n, s: x })));
      const est = counts.filter((c) => /编制/.test(c.n.label) && !/编外|非编/.test(c.n.label));
      if (!est.length) continue;
      const estTotal = est.reduce((t, c) => t + c.n.value, 0);
      const stated = counts.find((c) => /(实有|在职人数|在职人员总数)/.test(c.n.label));
      const staff = stated ? stated.n.value : counts.reduce((t, c) => t + c.n.value, 0);
      if (!estTotal) continue;
      const computed = (staff / estTotal) * 100;
      const tol = halfUnit(p.decimals) + 1e-9;
      // counting only staff on the establishment gives 100%: accept that reading too
      if (Math.abs(computed - p.value) <= tol || Math.abs(100 - p.value) <= tol) continue;
      out.push(flag({
        category: 'ratio', rule: this.id,
        message: `在职人员控制率写为${p.text}，但所列人员合计${staff}人 ÷ 编制数${estTotal}人（${est.map((c) => c.n.label.replace(/^[，,。]/, '') + c.n.text).join(' + ')}）= ${pct(computed, 1)}；按在编人员计为100%，均不是${p.text}（容差±${round(tol, 3)}个百分点）`,
        formula: `在职人数 ${staff} / 编制数 ${estTotal} × 100%`, stated: p.value, computed: round(computed, 4), tolerance: round(tol, 4),
        evidence: [sentenceEvidence(ctx, s), ...counts.map((c) => sentenceEvidence(ctx, c.s))],
      }));
    }
    return out;
  },
};
