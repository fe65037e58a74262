// A growth rate stated in prose (比上年增加20.99万元，增长6.10%) against the change and the current amount.
import type { Flag } from '../../../schemas/records.ts';
import type { Num, Sentence } from '../sentences.ts';
import type { Rule } from '../types.ts';
import { flag, halfUnit, pct, round, sentenceEvidence } from '../util.ts';

const CHANGE = /(增加|减少|增长|下降|降低|上升|节约)$/;
const RATE = /(增长|下降|降低|上升|减少|增加|增幅|降幅)(了|率为|幅度为|为)?$/;

export const proseGrowth: Rule = {
  id: 'ratio.prose-growth',
  category: 'ratio',
  description: '正文所述增长率/下降率与变动额÷上年数不符',
  check(ctx) {
    const out: Flag[] = [];
    const ss = ctx.sentences.filter((s) => !s.cell);
    ss.forEach((s, si) => {
      if (/[=＝]|[/×÷]/.test(s.text)) return;
      s.nums.forEach((p, i) => {
        if (p.kind !== 'percent' || !RATE.test(p.label)) return;
        const change = s.nums[i - 1];
        if (!change || change.kind !== 'money' || !CHANGE.test(change.label.replace(/(了|为)$/, ''))) return;
        const down = /(减少|下降|降低|节约)/.test(change.label);
        // the current amount: nearest money amount before the change, in this sentence or the earlier ones of the block
        const cands: Array<{ n: Num; s: Sentence }> = [];
        for (const n of s.nums.slice(0, i - 1).reverse()) if (n.kind === 'money') cands.push({ n, s });
        for (let j = si - 1; j >= 0 && ss[j].block === s.block; j--) for (const n of [...ss[j].nums].reverse()) if (n.kind === 'money') cands.push({ n, s: ss[j] });
        if (!cands.length) return;
        // last year's amount, from this year's and the change
        const priorOf = (c: Num) => (down ? c.value + change.value : c.value - change.value);
        const rate = (c: Num) => {
          const prior = priorOf(c);
          return prior > 0 ? (change.value / prior) * 100 * (/(增长|上升|增加|增幅)/.test(p.label) && down ? -1 : 1) : null;
        };
        const tolOf = (c: Num) => {
          const prior = priorOf(c);
          const e = halfUnit(change.decimals), ec = halfUnit(c.decimals) + e;
          return halfUnit(p.decimals) + 100 * (e / prior + (change.value * ec) / (prior * prior)) + 1e-9;
        };
        const stated = p.value;
        const fits = (c: Num) => { const r = rate(c); return r != null && Math.abs(Math.abs(r) - Math.abs(stated)) <= tolOf(c); };
        if (cands.some((c) => fits(c.n))) return;
        const c = cands[0];
        const r = rate(c.n);
        if (r == null) return;
        const prior = priorOf(c.n);
        const t = tolOf(c.n);
        out.push(flag({
          category: 'ratio', rule: this.id,
          message: `${change.label}${change.text}写为${p.label}${p.text}，但本年${c.n.text}对应上年数${round(prior, 4)}，${change.text} ÷ ${round(prior, 4)} = ${pct(Math.abs(r))}（容差±${round(t, 3)}个百分点）`,
          formula: `${change.value} / (${c.n.value} ${down ? '+' : '-'} ${change.value}) × 100%`, stated, computed: round(Math.abs(r), 4), tolerance: round(t, 4),
          evidence: [sentenceEvidence(ctx, s), ...(c.s !== s ? [sentenceEvidence(ctx, c.s)] : [])],
        }));
      });
    });
    return out;
  },
};
