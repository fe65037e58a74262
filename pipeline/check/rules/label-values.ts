// The same labelled amount written twice in the prose with different values: "基本支出预算412.21万元" in one
// paragraph, "基本支出预算365.32万元" in another. Works from the text, whatever phase extraction assigned.
import type { Flag } from '../../../schemas/records.ts';
import type { Num, Sentence } from '../sentences.ts';
import type { Rule } from '../types.ts';
import { flag, halfUnit, round, sentenceEvidence } from '../util.ts';

const ITEM = /(基本支出|项目支出|人员经费|日常公用经费|公用经费|“?三公”?经费|总支出|总收入|支出合计|收入合计|支出总计|收入总计|财政拨款收入)/;
const PHASE = /(年初预算|调整后预算|预算|决算|执行)/;

/** The label as a comparison key: no year, no 其中/为, no fund-type words that contain 预算. */
export function labelKey(label: string): string {
  return label.replace(/^(其中|包括)/, '').replace(/(20\d\d)?年度?/g, '').replace(/一般公共预算|政府性基金预算|国有资本经营预算|财政专户/g, '')
    .replace(/[“”"]/g, '').replace(/(为|是|共|达|约|合计为)$/, '').replace(/^(部门|本部门|单位|本单位|我局|我单位)/, '');
}

export const labelValues: Rule = {
  id: 'conflict.label-values',
  category: 'conflict',
  description: '正文中同一名目（如“基本支出预算”）前后写成不同金额',
  check(ctx) {
    const groups = new Map<string, Array<{ n: Num; s: Sentence }>>();
    for (const s of ctx.sentences) {
      if (s.cell) continue;
      for (const n of s.nums) {
        if (n.kind !== 'money' || n.valueYuan == null) continue;
        const k = labelKey(n.label);
        if (k.length > 10 || !ITEM.test(k) || !PHASE.test(k) || /(比|较|增|减|占|上年)/.test(k)) continue;
        groups.set(k, [...(groups.get(k) ?? []), { n, s }]);
      }
    }
    const out: Flag[] = [];
    for (const [k, list] of groups) {
      const values: Array<typeof list> = [];
      for (const x of list) {
        const tol = (a: Num) => (a.valueYuan === 0 ? 0 : halfUnit(a.decimals || 2) * (a.unit === '万元' ? 10_000 : a.unit === '亿元' ? 1e8 : 1));
        const same = values.find((v) => Math.abs(v[0].n.valueYuan! - x.n.valueYuan!) <= Math.max(tol(v[0].n), tol(x.n)) + 1e-6);
        if (same) same.push(x); else values.push([x]);
      }
      if (values.length < 2) continue;
      out.push(flag({
        category: 'conflict', rule: this.id,
        message: `“${k}”前后写成不同金额：${values.map((v) => `${v[0].n.text}${v.length > 1 ? `（${v.length}处）` : ''}`).join('、')}；同一名目只应有一个数值，其一可能是其他口径（如决算数）误标为“${k}”`,
        stated: values[1][0].n.valueYuan, computed: values[0][0].n.valueYuan, tolerance: 0,
        evidence: values.flat().map((x) => sentenceEvidence(ctx, x.s)),
      }));
    }
    return out;
  },
};
