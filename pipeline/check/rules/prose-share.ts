// A share stated in prose (占总支出的65%) against the amount and the total it is a share of.
import type { Flag } from '../../../schemas/records.ts';
import type { Num, Sentence } from '../sentences.ts';
import type { Rule } from '../types.ts';
import { flag, pct, ratioTolerance, round, sentenceEvidence } from '../util.ts';

const TOTALISH = /(总|合计|总计|总额|全部)/;

export const proseShare: Rule = {
  id: 'ratio.prose-share',
  category: 'ratio',
  description: '正文所述占比与金额÷合计数不符',
  check(ctx) {
    const out: Flag[] = [];
    const ss = ctx.sentences.filter((s) => !s.cell);
    ss.forEach((s, si) => {
      if (/[=＝]|[/×÷]/.test(s.text)) return;
      s.nums.forEach((p, i) => {
        if (p.kind !== 'percent' || !/占/.test(p.label)) return;
        const amount = s.nums[i - 1];
        if (!amount || amount.kind !== 'money' || amount.valueYuan == null) return;
        // candidate totals: earlier amounts of this sentence, then of earlier sentences of this and the previous blocks
        const cands: Array<{ n: Num; s: Sentence }> = [];
        for (const n of s.nums.slice(0, i - 1)) if (n.kind === 'money') cands.push({ n, s });
        for (let j = si - 1; j >= 0 && j >= si - 12 && ss[j].block >= s.block - 4; j--) for (const n of ss[j].nums) if (n.kind === 'money') cands.push({ n, s: ss[j] });
        const usable = cands.filter((c) => c.n.valueYuan! >= amount.valueYuan! && c.n.valueYuan! > 0);
        if (!usable.length) return;
        const value = (c: { n: Num }) => (amount.valueYuan! / c.n.valueYuan!) * 100;
        const tol = (c: { n: Num }) => ratioTolerance(amount.value, c.n.value, amount.decimals, c.n.decimals, p.decimals);
        if (usable.some((c) => Math.abs(value(c) - p.value) <= tol(c))) return;
        // name of the whole, when written: 占总支出的 → 总支出
        const whole = /占(.*?)(?:的|比重|比例)?$/.exec(p.label)?.[1] ?? '';
        const named = whole ? usable.find((c) => c.n.label.includes(whole) || (whole.length >= 2 && c.n.label.includes(whole.slice(-2)) && TOTALISH.test(c.n.label))) : undefined;
        const c = named ?? usable.find((x) => TOTALISH.test(x.n.label));
        if (!c) return;
        const t = tol(c);
        out.push(flag({
          category: 'ratio', rule: this.id,
          message: `${amount.label || '该项'}${amount.text}写为占${whole || '合计'}的${p.text}，但${amount.text} ÷ ${c.n.label || '合计'}${c.n.text} = ${pct(value(c))}（容差±${round(t, 3)}个百分点）`,
          formula: `${amount.text} / ${c.n.text} × 100%`, stated: p.value, computed: round(value(c), 4), tolerance: round(t, 4),
          evidence: [sentenceEvidence(ctx, s), ...(c.s !== s ? [sentenceEvidence(ctx, c.s)] : [])],
        }));
      });
    });
    return out;
  },
};
