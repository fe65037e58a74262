// Rules across the reports of one database: the same unit over years, project tables against the
// department's 项目支出, a verification's 自评得分 against the self-evaluation it checks.
import type { Figure, Flag } from '../../schemas/records.ts';
import type { CrossRule, ReportSummary } from './types.ts';
import { flag, nameKey, recordEvidence, round } from './util.ts';
import { figureTolerance, KEY_LABEL, PHASE_LABEL, wanText } from './rules/figure-common.ts';

/**
 * A unit's name for comparison: the Party prefix dropped and 委员会 read as 委 (中国共产党江苏省委员会办公厅 =
 * 中共江苏省委办公厅 = 江苏省委办公厅).
 */
export function unitNameKey(name: string): string {
  return nameKey(name).replace(/^(?:中国共产党|中共)/, '').replace(/(省|市|区|县|州)委员会/g, '$1委');
}
const unitKey = (r: ReportSummary) => (r.meta.unit ? unitNameKey(r.meta.unit) : null);
const regionKey = (r: ReportSummary) => (r.meta.region ? nameKey(r.meta.region) : null);

/**
 * Reports of the same unit: the same name, or one name the other with a region prefix (西湖区医疗保障局 /
 * 南昌市西湖区医疗保障局) where the regions do not disagree; and the same scope, a 单位预算 (one 预算单位) never
 * standing for its department's consolidated figures.
 */
export function sameUnit(a: ReportSummary, b: ReportSummary): boolean {
  const x = unitKey(a), y = unitKey(b);
  if (!x || !y) return false;
  if (a.meta.scope && b.meta.scope && a.meta.scope !== b.meta.scope) return false;
  const ra = regionKey(a), rb = regionKey(b);
  // 西湖区 and 南昌市西湖区 are one region written short and long; 上海市 and 上海市普陀区 are two governments
  const regionsAgree = !ra || !rb || ra === rb || ra.endsWith(rb) || rb.endsWith(ra);
  if (!regionsAgree) return false;
  return x === y || x.endsWith(y) || y.endsWith(x);
}
const yearOf = (f: Figure, r: ReportSummary) => f.year ?? r.meta.year;

/**
 * A figure one report gives for a year (its own or, 比上年, the previous one) against the figure the same
 * unit's report for that year gives for the same key and phase.
 */
export const crossYearFigures: CrossRule = {
  id: 'cross.year-figures',
  category: 'conflict',
  description: '同一单位不同报告对同一年度同一金额的数值不一致（含“比上年”推出的上年数与上年报告）',
  check(reports) {
    const out: Array<{ file: string; flag: Flag }> = [];
    for (const a of reports) {
      for (const b of reports) {
        if (a === b || !sameUnit(a, b) || a.meta.year == null || b.meta.year == null) continue;
        // a's figures about b's own year, read against b's figures for its own year
        for (const fa of a.figures) {
          const y = yearOf(fa, a);
          if (y !== b.meta.year || (a.meta.year === b.meta.year && a.file > b.file)) continue;
          if (a.meta.year === b.meta.year && fa.year != null) continue;
          const fbs = b.figures.filter((fb) => fb.key === fa.key && fb.phase === fa.phase && yearOf(fb, b) === y);
          if (!fbs.length) continue;
          const tol = (fb: Figure) => figureTolerance(fa) + figureTolerance(fb) + 1e-6;
          if (fbs.some((fb) => Math.abs(fb.valueYuan - fa.valueYuan) <= tol(fb))) continue;
          const fb = fbs[0];
          out.push({
            file: a.file,
            flag: flag({
              category: 'conflict', rule: this.id,
              message: `${a.file}所写${y}年${KEY_LABEL[fa.key]}（${PHASE_LABEL[fa.phase]}）为${wanText(fa)}，但${b.file}（${y}年度报告）为${wanText(fb)}（容差${round(tol(fb) / 10_000, 4)}万元）`,
              stated: fa.valueYuan, computed: fb.valueYuan, tolerance: round(tol(fb), 2),
              evidence: [recordEvidence({ file: a.file }, fa), recordEvidence({ file: b.file }, fb)],
            }),
          });
        }
      }
    }
    return out;
  },
};

/** The executed amounts of a unit's project tables together cannot exceed its 项目支出 决算 for the year. */
export const crossProjectSum: CrossRule = {
  id: 'cross.project-sum',
  category: 'arithmetic',
  description: '同一单位同一年度各项目执行数之和超过部门项目支出决算数',
  check(reports) {
    const out: Array<{ file: string; flag: Flag }> = [];
    for (const r of reports) {
      const totals = reports.filter((x) => sameUnit(x, r) && x.meta.year === r.meta.year)
        .flatMap((x) => x.figures.filter((f) => f.key === 'expenditure.project' && f.phase === 'final' && yearOf(f, x) === r.meta.year).map((f) => ({ x, f })));
      if (!totals.length) continue;
      // projects of this unit and year across its reports, one per name (the table record first)
      if (reports.indexOf(r) !== reports.findIndex((x) => sameUnit(x, r) && x.meta.year === r.meta.year)) continue;
      const projects = new Map<string, { x: ReportSummary; p: ReportSummary['projects'][number] }>();
      for (const x of reports.filter((x) => sameUnit(x, r) && x.meta.year === r.meta.year)) {
        for (const p of x.projects) if (p.executedYuan != null && !projects.has(nameKey(p.name))) projects.set(nameKey(p.name), { x, p });
      }
      if (projects.size < 2) continue;
      const sum = [...projects.values()].reduce((t, { p }) => t + p.executedYuan!, 0);
      const max = totals.reduce((a, b) => (a.f.valueYuan >= b.f.valueYuan ? a : b));
      const tol = projects.size * 50 + figureTolerance(max.f) + 1e-6;
      if (sum <= max.f.valueYuan + tol) continue;
      out.push({
        file: max.x.file,
        flag: flag({
          category: 'arithmetic', rule: this.id,
          message: `${r.meta.unit}${r.meta.year}年${projects.size}个项目的执行数合计${round(sum / 10_000, 2)}万元，超过部门项目支出决算${wanText(max.f)}（容差${round(tol / 10_000, 4)}万元）`,
          formula: 'Σ项目执行数 ≤ 项目支出', stated: max.f.valueYuan, computed: round(sum, 2), tolerance: round(tol, 2),
          evidence: [recordEvidence({ file: max.x.file }, max.f), ...[...projects.values()].map(({ x, p }) => recordEvidence({ file: x.file }, p))],
        }),
      });
    }
    return out;
  },
};

/** A verification's 自评得分 (the self score it reviews) against the self-evaluation report's own score. */
export const crossVerificationScore: CrossRule = {
  id: 'cross.verification-self-score',
  category: 'score',
  description: '核查报告所列自评得分与被核查的自评报告得分不一致',
  check(reports) {
    const out: Array<{ file: string; flag: Flag }> = [];
    for (const v of reports.filter((r) => r.meta.reportType === 'verification')) {
      const selfInV = v.scores.filter((s) => s.scope === 'document' && s.kind === 'self' && s.value != null);
      // without a stated document self score, the 自评得分 column of its table adds up to it
      const colSum = v.indicators.filter((i) => i.selfScore != null).reduce((t, i) => t + i.selfScore!, 0);
      for (const s of reports.filter((r) => r !== v && r.meta.reportType === 'dept_self_eval' && sameUnit(r, v) && r.meta.year === v.meta.year)) {
        const own = s.scores.find((x) => x.scope === 'document' && x.kind === 'self' && x.value != null);
        if (!own) continue;
        const claimed = selfInV[0]?.value ?? (colSum > 0 ? round(colSum, 2) : null);
        if (claimed == null || Math.abs(claimed - own.value!) <= 0.005) continue;
        out.push({
          file: v.file,
          flag: flag({
            category: 'score', rule: this.id,
            message: `核查报告${v.file}所列自评得分为${claimed}分，但${s.file}（${s.meta.year}年度自评报告）的自评得分为${own.value}分`,
            stated: claimed, computed: own.value, tolerance: 0.005,
            evidence: [...(selfInV[0] ? [recordEvidence({ file: v.file }, selfInV[0])] : v.indicators.filter((i) => i.selfScore != null).slice(0, 3).map((i) => recordEvidence({ file: v.file }, i))), recordEvidence({ file: s.file }, own)],
          }),
        });
      }
    }
    return out;
  },
};

export const CROSS_RULES: CrossRule[] = [crossYearFigures, crossProjectSum, crossVerificationScore];
