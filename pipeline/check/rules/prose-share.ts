// A share stated in prose (占总支出的65%) against the amount and the total it is a share of.
import type { Flag } from '../../../schemas/records.ts';
import type { Num, Sentence } from '../sentences.ts';
import type { Rule } from '../types.ts';
import { flag, pct, printedPercentFits, ratioRange, round, sentenceEvidence } from '../util.ts';

const TOTALISH = /(总|合计|总计|总额|全部)/;

/** Whether an amount's label names the whole a share is of: 本年支出合计 in 省检察院本年支出预算合计 (words may stand between). */
function namesWhole(label: string, whole: string): boolean {
  // 本年 stays: 本年支出 leaves out the 年终结转结余 that a 支出预算 total holds
  const w = whole.replace(/^(?:部门|单位)/, '');
  if (label.includes(whole) || label.includes(w)) return true;
  // 本年支出合计 against 本年支出预算合计: the whole's characters in order, with at most four others between
  let at = 0, gaps = 0;
  for (const ch of label) {
    if (at < whole.length && ch === whole[at]) at++;
    else if (at > 0 && at < whole.length) gaps++;
  }
  return at === whole.length && gaps <= 4;
}

/**
 * Whether this share was nudged so that the shares listed under its total (合计X万元，其中：a，占..；b，占..；c，占..)
 * add up to 100%: the list's correctly rounded shares fall short of (or exceed) 100% by d, and this one is off its
 * own rounded value by at most d, in d's direction, and by no more than one unit of its last digit. 49.554, 39.843,
 * 10.604 round to 49.55 + 39.84 + 10.60 = 99.99%; printing 10.61% makes 100% and is no error.
 */
function balanced(ss: Sentence[], totalAt: number, total: Num, share: Num, amount: Num): boolean {
  const roundTo = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
  let rounded = 0, n = 0;
  for (let j = totalAt; j < ss.length && j <= totalAt + 12; j++) {
    const shares = ss[j].nums.map((p, i) => ({ p, a: ss[j].nums[i - 1] }))
      .filter(({ p, a }) => p.kind === 'percent' && /占/.test(p.label) && a?.kind === 'money' && a.valueYuan != null);
    if (!shares.length) { if (j > totalAt) break; continue; }
    for (const { p, a } of shares) { rounded += roundTo((a!.valueYuan! / total.valueYuan!) * 100, p.decimals); n++; }
  }
  if (n < 2) return false;
  const deficit = 100 - rounded;
  const offset = share.value - roundTo((amount.valueYuan! / total.valueYuan!) * 100, share.decimals);
  const unit = 10 ** -share.decimals;
  return offset !== 0 && Math.sign(offset) === Math.sign(deficit) && Math.abs(offset) <= Math.abs(deficit) + 1e-9 && Math.abs(offset) <= unit + 1e-9;
}

/** The shares (占…%) in the sentences next to this one, in the same or a neighbouring paragraph. */
function siblingShares(ss: Sentence[], si: number): Num[] {
  const out: Num[] = [];
  for (let j = Math.max(0, si - 10); j < ss.length && j <= si + 10; j++) {
    if (Math.abs(ss[j].block - ss[si].block) > 2) continue;
    for (const n of ss[j].nums) if (n.kind === 'percent' && /占/.test(n.label)) out.push(n);
  }
  return out;
}

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
        // in yuan: an amount in 元 may be a share of a total in 万元
        const perUnit = (n: Num) => (n.value !== 0 ? n.valueYuan! / n.value : 1);
        const range = (c: { n: Num }) => ratioRange(amount.value, amount.decimals, c.n.value, c.n.decimals)
          .map((x) => (x * perUnit(amount)) / perUnit(c.n)) as [number, number];
        // printed rounded or truncated, from the amounts as printed; a share written with fewer decimals than the
        // shares beside it (65% beside 34.40%) is read at their precision (65.00%)
        const decimals = Math.max(p.decimals, ...siblingShares(ss, si).map((x) => x.decimals));
        if (usable.some((c) => printedPercentFits(p.value, decimals, range(c)))) return;
        // the whole the sentence names (占本年支出合计的 → 本年支出合计) is the only denominator; without a name, a total
        const whole = /占(.*?)(?:的|比重|比例)?$/.exec(p.label)?.[1] ?? '';
        const c = whole ? usable.find((x) => namesWhole(x.n.label, whole)) : usable.find((x) => TOTALISH.test(x.n.label));
        if (!c) return;
        // shares of one total nudged by a unit of their last digit so that they add up to 100%
        if (balanced(ss, ss.indexOf(c.s), c.n, p, amount)) return;
        const [lo, hi] = range(c);
        const t = Math.max(p.value - lo, hi - p.value, 0);
        out.push(flag({
          category: 'ratio', rule: this.id,
          message: `${amount.label || '该项'}${amount.text}写为占${whole || '合计'}的${p.text}，但${amount.text} ÷ ${c.n.label || '合计'}${c.n.text} = ${pct(value(c))}（按所印数字的舍入，应在${pct(lo, 3)}至${pct(hi, 3)}之间，四舍五入或截断）`,
          formula: `${amount.text} / ${c.n.text} × 100%`, stated: p.value, computed: round(value(c), 4), tolerance: round(t, 4),
          evidence: [sentenceEvidence(ctx, s), ...(c.s !== s ? [sentenceEvidence(ctx, c.s)] : [])],
        }));
      });
    });
    return out;
  },
};
