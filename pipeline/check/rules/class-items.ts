// Functional-classification lines (卫生健康（类）…（款）…（项）：支出决算为X万元) summed per 类
// against the 类 total the report states (卫生健康支出2212.80万元).
import type { Flag } from '../../../schemas/records.ts';
import type { Num, Sentence } from '../sentences.ts';
import type { Rule } from '../types.ts';
import { flag, round, sentenceEvidence, sumTolerance } from '../util.ts';

const ITEM = /^(?:\d+[.、．])?(.+?)[（(]类[）)].*?[（(]项[）)]/;

const classKey = (s: string) => s.replace(/^(?:\d+[.、．])/, '').replace(/(支出)$/, '');

export const classItems: Rule = {
  id: 'arithmetic.class-items',
  category: 'arithmetic',
  description: '功能分类“项”级支出之和与该“类”的支出合计不符',
  check(ctx) {
    const items = new Map<string, Array<{ n: Num; s: Sentence }>>();
    const itemSentences = new Set<Sentence>();
    for (const s of ctx.sentences) {
      if (s.cell) continue;
      const m = ITEM.exec(s.text);
      if (!m) continue;
      const n = s.nums.find((x) => x.kind === 'money' && /决算/.test(s.text.slice(0, x.start)));
      if (!n) continue;
      itemSentences.add(s);
      const k = classKey(m[1]);
      items.set(k, [...(items.get(k) ?? []), { n, s }]);
    }
    const out: Flag[] = [];
    for (const [k, list] of items) {
      if (list.length < 2) continue;
      // the class total: an amount labelled with the class name, outside the item lines
      const totals: Array<{ n: Num; s: Sentence }> = [];
      for (const s of ctx.sentences) {
        if (s.cell || itemSentences.has(s)) continue;
        for (const n of s.nums) if (n.kind === 'money' && classKey(n.label.replace(/^.*[：:]/, '')) === k) totals.push({ n, s });
      }
      if (!totals.length) continue;
      const sum = list.reduce((t, x) => t + x.n.valueYuan!, 0);
      const tolYuan = (t: Num) => sumTolerance([...list.map((x) => x.n), t]) * 10_000;
      if (totals.some((t) => Math.abs(t.n.valueYuan! - sum) <= tolYuan(t.n))) continue;
      const t = totals[0];
      const tol = tolYuan(t.n);
      out.push(flag({
        category: 'arithmetic', rule: this.id,
        message: `${k}支出合计写为${t.n.text}，但其下${list.length}个“项”的决算数之和为${list.map((x) => x.n.value).join(' + ')} = ${round(sum / 10_000, 2)}万元，相差${round((t.n.valueYuan! - sum) / 10_000, 2)}万元（容差${round(tol / 10_000, 4)}万元）`,
        formula: list.map((x) => x.n.value).join(' + '), stated: t.n.valueYuan, computed: round(sum, 2), tolerance: round(tol, 2),
        evidence: [sentenceEvidence(ctx, t.s), ...list.map((x) => sentenceEvidence(ctx, x.s))],
      }));
    }
    return out;
  },
};
