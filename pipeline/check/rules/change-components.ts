// Year-on-year changes of a total and of all its parts: the parts' changes must add up to the total's change
// ("三公"经费比上年减少0.23万元 while 出国 +0, 公务用车 −0.0089, 接待 +0).
import type { Flag } from '../../../schemas/records.ts';
import type { Num, Sentence } from '../sentences.ts';
import type { Rule } from '../types.ts';
import { flag, round, sentenceEvidence, sumTolerance } from '../util.ts';

interface Item { key: string; label: string; re: RegExp }
const ITEMS: Item[] = [
  { key: 'threePublic.total', label: '“三公”经费', re: /三公/g },
  { key: 'threePublic.abroad', label: '因公出国（境）费', re: /因公出国/g },
  { key: 'threePublic.vehicle', label: '公务用车购置及运行维护费', re: /公务用车购置及运行(?:维护)?费?/g },
  { key: 'threePublic.vehiclePurchase', label: '公务用车购置费', re: /公务用车购置(?!及)/g },
  { key: 'threePublic.vehicleOps', label: '公务用车运行维护费', re: /(?:公务用车|公车)运行(?:维护)?费/g },
  { key: 'threePublic.reception', label: '公务接待费', re: /公务接待/g },
  { key: 'expenditure.basic', label: '基本支出', re: /基本支出/g },
  { key: 'expenditure.project', label: '项目支出', re: /项目支出/g },
  { key: 'expenditure.personnel', label: '人员经费', re: /人员经费|人员支出/g },
  { key: 'expenditure.public', label: '公用经费', re: /公用经费/g },
];
const TREES: Array<[string, string[]]> = [
  ['threePublic.total', ['threePublic.abroad', 'threePublic.vehicle', 'threePublic.reception']],
  ['threePublic.vehicle', ['threePublic.vehiclePurchase', 'threePublic.vehicleOps']],
  ['expenditure.basic', ['expenditure.personnel', 'expenditure.public']],
];

const CHANGE = /比(?:上年|上年度|去年|上一年度?|20\d\d年度?)(?:同期)?(增加|减少|增长|下降|节约|上升)(了)?$/;

/** The subject an amount's sentence speaks of: the vocabulary item written last before the position. */
function subjectOf(text: string, pos: number): Item | null {
  let best: { item: Item; at: number; len: number } | null = null;
  for (const item of ITEMS) {
    for (const m of text.slice(0, pos).matchAll(item.re)) {
      const at = m.index!;
      if (!best || at > best.at || (at === best.at && m[0].length > best.len)) best = { item, at, len: m[0].length };
    }
  }
  return best?.item ?? null;
}

export const changeComponents: Rule = {
  id: 'conflict.change-components',
  category: 'conflict',
  description: '合计数的同比变动额与其各组成部分变动额之和不符',
  check(ctx) {
    const changes = new Map<string, { n: Num; s: Sentence; signed: number }>();
    for (const s of ctx.sentences) {
      if (s.cell) continue;
      for (const n of s.nums) {
        if (n.kind !== 'money') continue;
        const m = CHANGE.exec(s.text.slice(0, n.start));
        if (!m) continue;
        const subj = subjectOf(s.text, n.start);
        if (!subj || changes.has(subj.key)) continue;
        changes.set(subj.key, { n, s, signed: /(减少|下降|节约)/.test(m[1]) ? -n.valueYuan! : n.valueYuan! });
      }
    }
    const out: Flag[] = [];
    for (const [total, parts] of TREES) {
      const t = changes.get(total);
      if (!t || !parts.every((p) => changes.has(p))) continue;
      const ps = parts.map((p) => changes.get(p)!);
      const sum = ps.reduce((a, p) => a + p.signed, 0);
      const tol = sumTolerance([t.n, ...ps.map((p) => p.n)]) * 10_000;
      if (Math.abs(sum - t.signed) <= tol) continue;
      const label = (k: string) => ITEMS.find((i) => i.key === k)!.label;
      const say = (v: number) => `${v < 0 ? '减少' : '增加'}${round(Math.abs(v) / 10_000, 4)}万元`;
      out.push(flag({
        category: 'conflict', rule: this.id,
        message: `${label(total)}比上年${say(t.signed)}，但其组成部分的变动合计为${say(sum)}（${parts.map((p, i) => `${label(p)}${say(ps[i].signed)}`).join('，')}），两者应相等（容差${round(tol / 10_000, 4)}万元）`,
        formula: `Δ${total} = ${parts.map((p) => `Δ${p}`).join(' + ')}`, stated: t.signed, computed: round(sum, 2), tolerance: round(tol, 2),
        evidence: [sentenceEvidence(ctx, t.s), ...ps.map((p) => sentenceEvidence(ctx, p.s))],
      }));
    }
    return out;
  },
};
