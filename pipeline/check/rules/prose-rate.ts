// A rate stated in prose (执行率, 完成率, 支出率, 控制率, 利用率, 到位率, 完成预算的…%) against the two amounts
// the same sentence gives for it: "全年预算数为0.63万元，项目执行0.63万元，预算执行率为4.8%".
import type { Flag } from '../../../schemas/records.ts';
import type { Num } from '../sentences.ts';
import type { Rule } from '../types.ts';
import { flag, pct, ratioTolerance, round, sentenceEvidence } from '../util.ts';

const RATE = /(执行率|完成率|支出率|控制率|利用率|使用率|到位率|完成预算(?:数)?的|执行进度)/;
const DEN = /(预算|计划|收入|下达|安排|所有|总额|应到位|应支付)/;
const NUM = /(执行|完成|决算|实际|支出|到位|在用|使用|支付)/;

export function rateCandidates(nums: Num[], upTo: number) {
  const money = nums.filter((n) => n.kind === 'money' && n.start < upTo);
  const dens = money.filter((n) => DEN.test(n.label) && !/决算/.test(n.label));
  const nums_ = money.filter((n) => NUM.test(n.label) && !dens.includes(n));
  const pairs: Array<{ num: Num; den: Num; value: number }> = [];
  for (const d of dens) for (const n of nums_) if (d.valueYuan) pairs.push({ num: n, den: d, value: (n.valueYuan! / d.valueYuan) * 100 });
  return pairs;
}

export const proseRate: Rule = {
  id: 'ratio.prose-rate',
  category: 'ratio',
  description: '正文所述执行率/完成率/控制率等与同句所列执行数、预算数之比不符',
  check(ctx) {
    const out: Flag[] = [];
    for (const s of ctx.sentences) {
      if (/[=＝]|[/×÷]|得\d|得分|分值|扣\d/.test(s.text)) continue; // formulas and scoring rules are read elsewhere
      for (const p of s.nums) {
        if (p.kind !== 'percent' || !RATE.test(p.label)) continue;
        const pairs = rateCandidates(s.nums, p.start);
        if (!pairs.length) continue;
        const ok = pairs.some((c) => Math.abs(c.value - p.value) <= ratioTolerance(c.num.value, c.den.value, c.num.decimals, c.den.decimals, p.decimals));
        if (ok) continue;
        // the pair nearest the stated rate is the one it speaks of
        const c = pairs.sort((a, b) => b.num.start + b.den.start - (a.num.start + a.den.start))[0];
        const tol = ratioTolerance(c.num.value, c.den.value, c.num.decimals, c.den.decimals, p.decimals);
        const rateName = RATE.exec(p.label)![1].replace(/的$/, '');
        out.push(flag({
          category: 'ratio', rule: this.id,
          message: `${rateName}写为${p.text}，但${c.num.label.replace(/[为是]$/, '') || '执行数'}${c.num.text} ÷ ${c.den.label.replace(/[为是]$/, '') || '预算数'}${c.den.text} = ${pct(c.value)}（容差±${round(tol, 3)}个百分点）`,
          formula: `${c.num.text} / ${c.den.text} × 100%`, stated: p.value, computed: round(c.value, 4), tolerance: round(tol, 4),
          evidence: [sentenceEvidence(ctx, s)],
        }));
      }
    }
    return out;
  },
};
