// Parts against totals over the extracted money figures: 基本支出 + 项目支出 = 支出合计, 人员经费 + 公用经费 = 基本支出,
// the 三公 items, 资产 = 负债 + 净资产; and parts that together exceed a total whose other parts are not stated.
import type { Figure, FigureKey, Flag } from '../../../schemas/records.ts';
import type { Rule } from '../types.ts';
import { flag, recordEvidence, round } from '../util.ts';
import { labelSense, scopeKey, figureTolerance, figureYear, KEY_LABEL, PHASE_LABEL, wanText, writtenNumber } from './figure-common.ts';
import type { CheckContext } from '../types.ts';
import { parseNumber } from '../../normalize/numbers.ts';

/** total = sum of parts, exactly. */
const EQUAL: Array<[FigureKey, FigureKey[]]> = [
  ['expenditure.total', ['expenditure.basic', 'expenditure.project']],
  ['expenditure.basic', ['expenditure.personnel', 'expenditure.public']],
  ['threePublic.total', ['threePublic.abroad', 'threePublic.vehicle', 'threePublic.reception']],
  ['threePublic.vehicle', ['threePublic.vehiclePurchase', 'threePublic.vehicleOps']],
  ['assets.total', ['liabilities.total', 'netAssets.total']],
];
/** total ≥ sum of the parts stated (other parts may exist unstated). */
const AT_LEAST: Array<[FigureKey, FigureKey[][]]> = [
  ['expenditure.total', [['expenditure.project', 'expenditure.personnel', 'expenditure.public'], ['expenditure.project', 'expenditure.public'], ['expenditure.project', 'expenditure.personnel'], ['expenditure.basic', 'expenditure.project']]],
  ['income.total', [['income.fiscal', 'income.other']]],
  ['fixedAssets.total', [['fixedAssets.inUse']]],
];

function cartesian<T>(lists: T[][]): T[][] {
  return lists.reduce<T[][]>((acc, l) => acc.flatMap((a) => l.map((x) => [...a, x])), [[]]);
}

/** Distinct values of a key (within tolerance), one figure each. */
function distinct(fs: Figure[]): Figure[] {
  const out: Figure[] = [];
  for (const f of fs) if (!out.some((g) => Math.abs(g.valueYuan - f.valueYuan) <= Math.max(figureTolerance(g), figureTolerance(f)))) out.push(f);
  return out;
}

/**
 * Spending outside 基本支出 and 项目支出 (预留机动经费, 年终结转结余, 事业单位经营支出 …), stated with an amount above zero
 * in prose, as a row of a table (三、单位预留机动经费 | 106.84) or as a table column's total: then 基本 + 项目 are not
 * all the parts of the spending total.
 */
const OTHER_SPENDING = /(预留机动|机动经费|结转下年|年终结转|年末结转|上缴上级支出|经营支出|对附属单位补助支出)/;
export function otherSpendingStated(ctx: Pick<CheckContext, 'sentences' | 'tables'>): boolean {
  for (const s of ctx.sentences) {
    if (s.cell) continue;
    for (const n of s.nums) if (n.kind === 'money' && n.value > 0 && OTHER_SPENDING.test(n.label)) return true;
  }
  for (const t of ctx.tables) {
    const cols = (t.spanned[0] ?? []).map((_, c) => t.spanned.slice(0, 3).some((r) => OTHER_SPENDING.test(r[c] ?? '')));
    for (const row of t.grid) {
      // a row of its own: the label, then its amount in the next filled cell
      for (let c = 0; c < row.length; c++) {
        if (!OTHER_SPENDING.test(row[c])) continue;
        const next = row.slice(c + 1).find((x) => x !== '');
        if (next != null && (parseNumber(next) ?? 0) > 0) return true;
      }
      if (!row.some((c) => /^(合计|总计)$/.test(c))) continue;
      if (row.some((c, i) => cols[i] && (parseNumber(c) ?? 0) > 0)) return true;
    }
  }
  return false;
}

export const figureParts: Rule = {
  id: 'arithmetic.figure-parts',
  category: 'arithmetic',
  description: '分项金额之和与合计数不符（基本支出+项目支出、人员经费+公用经费、三公经费各项等）',
  check(ctx) {
    // figures of the fiscal appropriation only and of the whole unit are different quantities: added up apart
    const groups = new Map<string, Map<FigureKey, Figure[]>>();
    const otherSpending = otherSpendingStated(ctx);
    for (const f of ctx.extraction.figures) {
      const g = `${f.phase}|${figureYear(f, ctx.meta.year) ?? ''}|${scopeKey(ctx, f)}`;
      const m = groups.get(g) ?? new Map<FigureKey, Figure[]>();
      m.set(f.key, [...(m.get(f.key) ?? []), f]);
      groups.set(g, m);
    }
    // the fiscal appropriation is part of the unit's money: fiscal parts may not exceed the whole-unit total
    for (const [g, byKey] of [...groups]) {
      const [phase, year, scope] = g.split('|');
      if (scope !== 'fiscal') continue;
      const unit = groups.get(`${phase}|${year}|unit`);
      if (!unit) continue;
      const mixed = new Map<FigureKey, Figure[]>();
      for (const [total, parts] of EQUAL) {
        // a whole-unit total over parts of which at least one is stated for the fiscal appropriation only
        if (!unit.has(total) || !parts.some((p) => byKey.has(p) && !unit.has(p))) continue;
        mixed.set(total, unit.get(total)!);
        for (const p of parts) { const fs = unit.get(p) ?? byKey.get(p); if (fs) mixed.set(p, fs); }
      }
      groups.set(`${phase}|${year}|mixed`, mixed);
    }
    const out: Flag[] = [];
    for (const [g, byKey] of groups) {
      const isMixed = g.endsWith('|mixed');
      const phase = g.split('|')[0] as Figure['phase'];
      const get = (k: FigureKey) => distinct(byKey.get(k) ?? []);
      const tolOf = (fs: Figure[]) => fs.reduce((t, f) => t + figureTolerance(f, Math.max(...fs.map((x) => writtenNumber(x).decimals))), 0) + 1e-6;
      for (const [total, parts] of EQUAL) {
        // 支出合计 holds more than 基本支出 + 项目支出 where the report states other spending (预留机动经费, 结转下年 …)
        if (total === 'expenditure.total' && otherSpending) continue;
        if (isMixed) continue;
        // a 支出总计 / 收支总计 holds 年终结转结余 too: only a 合计 is 基本 + 项目
        const totals = get(total).filter((t) => !labelSense(ctx, t).includes('grand'));
        const partLists = parts.map(get);
        if (!totals.length || partLists.some((l) => !l.length)) continue;
        const combos = cartesian(partLists);
        const fits = totals.some((t) => combos.some((c) => Math.abs(c.reduce((s, f) => s + f.valueYuan, 0) - t.valueYuan) <= tolOf([t, ...c])));
        if (fits) continue;
        const t = totals[0], c = combos[0];
        const sum = c.reduce((s, f) => s + f.valueYuan, 0);
        const tol = tolOf([t, ...c]);
        out.push(flag({
          category: 'arithmetic', rule: this.id,
          message: `${PHASE_LABEL[phase]}：${c.map((f) => `${KEY_LABEL[f.key]}${wanText(f)}`).join(' + ')} = ${round(sum / 10_000, 4)}万元，与${KEY_LABEL[total]}${wanText(t)}不符（容差${round(tol / 10_000, 4)}万元）`,
          formula: `${KEY_LABEL[total]} = ${parts.map((p) => KEY_LABEL[p]).join(' + ')}`, stated: t.valueYuan, computed: round(sum, 2), tolerance: round(tol, 2),
          evidence: [t, ...c].map((f) => recordEvidence(ctx, f)),
        }));
      }
      for (const [total, partSets] of isMixed ? [...AT_LEAST, ...EQUAL.map(([t, p]) => [t, [p]] as [FigureKey, FigureKey[][]])] : AT_LEAST) {
        const totals = get(total);
        if (!totals.length) continue;
        const max = Math.max(...totals.map((t) => t.valueYuan));
        for (const parts of partSets) {
          const partLists = parts.map(get);
          if (partLists.some((l) => !l.length)) continue;
          // the smallest reading of each part must still fit under the largest reading of the total
          const c = partLists.map((l) => l.reduce((a, b) => (a.valueYuan <= b.valueYuan ? a : b)));
          const sum = c.reduce((s, f) => s + f.valueYuan, 0);
          const t = totals.find((x) => x.valueYuan === max)!;
          const tol = tolOf([t, ...c]);
          if (sum <= max + tol || c.some((f) => f.valueYuan === 0)) continue;
          if (out.some((o) => o.rule === this.id && o.evidence.some((e) => e.text === t.raw))) break;
          out.push(flag({
            category: 'arithmetic', rule: this.id,
            message: `${PHASE_LABEL[phase]}：${c.map((f) => `${KEY_LABEL[f.key]}${wanText(f)}`).join(' + ')} = ${round(sum / 10_000, 4)}万元，已超过${KEY_LABEL[total]}${wanText(t)}（分项之和不应大于合计，容差${round(tol / 10_000, 4)}万元）`,
            formula: `${parts.map((p) => KEY_LABEL[p]).join(' + ')} ≤ ${KEY_LABEL[total]}`, stated: t.valueYuan, computed: round(sum, 2), tolerance: round(tol, 2),
            evidence: [t, ...c].map((f) => recordEvidence(ctx, f)),
          }));
          break;
        }
      }
    }
    return out;
  },
};
