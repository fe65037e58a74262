// Indicators whose actual value misses the target (by the comparator) yet keep full marks, or meet it and lose marks.
import type { Comparator, Flag, Indicator } from '../../../schemas/records.ts';
import type { Rule } from '../types.ts';
import { parseQuantity } from '../../normalize/numbers.ts';
import { flag, recordEvidence } from '../util.ts';

const CMP_TEXT: Record<string, string> = { '>': '＞', '>=': '≥', '=': '＝', '<=': '≤', '<': '＜' };

export function meets(actual: number, cmp: Comparator, target: number): boolean | null {
  switch (cmp) {
    case '>': return actual > target;
    case '>=': return actual >= target;
    case '<': return actual < target;
    case '<=': return actual <= target;
    case '=': return Math.abs(actual - target) < 1e-9;
    default: return null;
  }
}

/**
 * Whether an actual that carries its own comparator (">23万人次", "大于95%", "≥98%") meets a target: it does when
 * every value it allows meets the target (actual >23 meets target >23; actual ≥95 meets target ≥90); null where
 * some allowed values meet it and some do not (actual >5 against target ≥10), which says nothing either way.
 */
export function boundMeets(actualCmp: Comparator, actual: number, cmp: Comparator, target: number): boolean | null {
  const up = (c: Comparator) => c === '>' || c === '>=';
  const down = (c: Comparator) => c === '<' || c === '<=';
  if (up(actualCmp) && up(cmp)) return actual > target || (actual === target && (cmp === '>=' || actualCmp === '>')) ? true : null;
  if (down(actualCmp) && down(cmp)) return actual < target || (actual === target && (cmp === '<=' || actualCmp === '<')) ? true : null;
  // an actual bounded on the other side than the target: it misses only where even its best case misses
  if (up(actualCmp) && down(cmp)) return actual > target || (actual === target && (actualCmp === '>' || cmp === '<')) ? false : null;
  if (down(actualCmp) && up(cmp)) return actual < target || (actual === target && (actualCmp === '<' || cmp === '>')) ? false : null;
  return null;
}

/** Units that cannot be compared: a target in 元 against an actual in 万元 and the like. */
function comparable(i: Indicator): boolean {
  const a = i.actual ?? '';
  if (/万/.test(a) !== /万/.test(i.targetUnit ?? '') && /[万亿]/.test(a + (i.targetUnit ?? ''))) return false;
  return true;
}

export const indicatorTarget: Rule = {
  id: 'target.indicator-score',
  category: 'target',
  description: '指标完成值未达目标值却得满分，或已达目标却被扣分',
  check(ctx) {
    const out: Flag[] = [];
    for (const i of ctx.extraction.indicators) {
      const { comparator: cmp, targetValue: t, actualValue: a, weight: w, score: s } = i;
      if (!cmp || cmp === 'qualitative' || t == null || a == null || w == null || s == null || !comparable(i)) continue;
      const bound = parseQuantity(i.actual).comparator;
      const ok = bound && bound !== 'qualitative' && bound !== '=' ? boundMeets(bound, a, cmp, t) : meets(a, cmp, t);
      if (ok == null) continue;
      const tol = 0.005;
      const where = `${i.project ? `项目“${i.project}”` : ''}指标“${i.level3}”`;
      const target = `${CMP_TEXT[cmp]}${t}${i.targetUnit ?? ''}`;
      if (!ok && s >= w - tol) {
        out.push(flag({
          category: 'target', rule: this.id,
          message: `${where}目标值${target}，完成值${i.actual ?? a}未达到目标，却得满分${s}分（权重${w}分）`,
          formula: `${a} ${cmp} ${t}`, stated: s, computed: w, tolerance: tol,
          evidence: [recordEvidence(ctx, i)],
        }));
      } else if (ok && s < w - tol && !/(扣|未|不足|差距|原因)/.test(i.raw.split('|').slice(-1)[0] ?? '')) {
        out.push(flag({
          category: 'target', rule: this.id, severity: 'warning',
          message: `${where}完成值${i.actual ?? a}已达到目标值${target}，却只得${s}分（权重${w}分），且未说明扣分原因`,
          formula: `${a} ${cmp} ${t}`, stated: s, computed: w, tolerance: tol,
          evidence: [recordEvidence(ctx, i)],
        }));
      }
    }
    return out;
  },
};
