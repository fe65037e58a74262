// A growth rate stated in prose (比上年增加20.99万元，增长6.10%) against the change and the current amount.
import type { Flag } from '../../../schemas/records.ts';
import type { Num, Sentence } from '../sentences.ts';
import type { Rule } from '../types.ts';
import { flag, halfUnit, pct, printedPercentFits, round, sentenceEvidence } from '../util.ts';

const CHANGE = /(增加|减少|增长|下降|降低|上升|节约)$/;
const CHANGE_WORD = /(增加|减少|增长|下降|降低|上升|节约|压减|增支|减支)/;
const PRIOR_YEAR = /(上年|上一年|去年)(?!结转|结余)/;
/** Whether a label dates its amount to a year before the report's (2016年度部门支出预算安排为 in a 2017 budget). */
const yearsBefore = (label: string, reportYear: number | null) => {
  const y = /(\d{4})年/.exec(label);
  return reportYear != null && y != null && Number(y[1]) < reportYear;
};
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
        // (an amount that is itself a change, 比上年减少0.15万元, is no level to take a rate of)
        const level = (n: Num) => n.kind === 'money' && !CHANGE_WORD.test(n.label);
        for (const n of s.nums.slice(0, i - 1).reverse()) if (level(n)) cands.push({ n, s });
        for (let j = si - 1; j >= 0 && ss[j].block === s.block; j--) for (const n of [...ss[j].nums].reverse()) if (level(n)) cands.push({ n, s: ss[j] });
        if (!cands.length) return;
        // last year's amount: a candidate that is dated last year (2016年度…为8,648.07万元，增加498.72万元) is it, any
        // other is this year's, last year's being this year's less the change (plus a decrease)
        const isPrior = (c: Num) => PRIOR_YEAR.test(c.label) || yearsBefore(c.label, ctx.meta.year);
        const priorOf = (c: Num) => (isPrior(c) ? c.value : down ? c.value + change.value : c.value - change.value);
        const rate = (c: Num) => {
          const prior = priorOf(c);
          return prior > 0 ? (change.value / prior) * 100 : null;
        };
        // the rate's range given every amount as printed (± half a unit of its last digit)
        const range = (c: Num): [number, number] => {
          const e = halfUnit(change.decimals), ec = halfUnit(c.decimals);
          const rates: number[] = [];
          for (const dc of [-e, e]) for (const dn of [-ec, ec]) {
            const ch = change.value + dc, cur = c.value + dn;
            const prior = isPrior(c) ? cur : down ? cur + ch : cur - ch;
            if (prior > 0) rates.push((ch / prior) * 100);
          }
          return rates.length ? [Math.min(...rates), Math.max(...rates)] : [Infinity, Infinity];
        };
        const stated = p.value;
        const fits = (c: Num) => printedPercentFits(stated, p.decimals, range(c));
        if (cands.some((c) => fits(c.n))) return;
        const c = cands[0];
        const r = rate(c.n);
        if (r == null) return;
        const prior = priorOf(c.n);
        const [lo, hi] = range(c.n);
        const t = Math.max(stated - lo, hi - stated, 0);
        out.push(flag({
          category: 'ratio', rule: this.id,
          message: `${change.label}${change.text}写为${p.label}${p.text}，但${isPrior(c.n) ? `上年数为${c.n.text}` : `本年${c.n.text}对应上年数${round(prior, 4)}`}，${change.text} ÷ ${round(prior, 4)} = ${pct(r, 3)}（按所印数字的舍入，应在${pct(lo, 3)}至${pct(hi, 3)}之间，四舍五入或截断）`,
          formula: isPrior(c.n) ? `${change.value} / ${c.n.value} × 100%` : `${change.value} / (${c.n.value} ${down ? '+' : '-'} ${change.value}) × 100%`, stated, computed: round(r, 4), tolerance: round(t, 4),
          evidence: [sentenceEvidence(ctx, s), ...(c.s !== s ? [sentenceEvidence(ctx, c.s)] : [])],
        }));
      });
    });
    return out;
  },
};
