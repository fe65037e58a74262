// Money of the evaluated year said to have arrived (到位) in an earlier year.
import type { Flag } from '../../../schemas/records.ts';
import type { Rule } from '../types.ts';
import { flag, sentenceEvidence } from '../util.ts';

const ARRIVED = /(?:实际)?(?:在|于)?(20\d\d)年(?:\d{1,2}月)?(?:及时|全额|足额|已)*到位/;

export const fundsYear: Rule = {
  id: 'year.funds-arrival',
  category: 'year',
  description: '评价年度的资金写为在更早年份到位',
  check(ctx) {
    const year = ctx.meta.year;
    if (!year) return [];
    const out: Flag[] = [];
    for (const s of ctx.sentences) {
      if (s.cell || /(结转|上年|以前年度|往年|历年)/.test(s.text)) continue;
      const m = ARRIVED.exec(s.text);
      if (!m || Number(m[1]) >= year) continue;
      if (!s.nums.some((n) => n.kind === 'money')) continue;
      out.push(flag({
        category: 'year', rule: this.id,
        message: `评价的是${year}年度的资金，报告却写“${m[0]}”（${m[1]}年早于评价年度）`,
        stated: Number(m[1]), computed: year, tolerance: 0,
        evidence: [sentenceEvidence(ctx, s)],
      }));
    }
    return out;
  },
};
