// Scores against weights, row scores against their table's 合计, section subtotals against the total,
// grades against score bands.
import type { Flag, Grade, Indicator, Score } from '../../../schemas/records.ts';
import type { CheckContext, Rule } from '../types.ts';
import { flag, nameKey, recordEvidence, round, sentenceEvidence } from '../util.ts';
import { indicatorTables } from './indicator-duplicate.ts';

const decimals = (x: number) => (String(x).split('.')[1] ?? '').length;
const sumTol = (xs: number[]) => xs.reduce((t, x) => t + (decimals(x) ? 0.5 * 10 ** -decimals(x) : 0), 0) + 0.005;

export const scoreOverWeight: Rule = {
  id: 'score.over-weight',
  category: 'score',
  description: '指标得分超过其权重（分值）',
  check(ctx) {
    const out: Flag[] = [];
    for (const i of ctx.extraction.indicators) {
      if (i.weight == null) continue;
      if (/调整/.test(i.raw)) continue; // the row says its weight was moved: the stated weight is not the maximum
      for (const [field, name] of [['score', '得分'], ['selfScore', '自评得分']] as const) {
        const s = i[field];
        if (s == null || s <= i.weight + 1e-9) continue;
        out.push(flag({
          category: 'score', rule: this.id,
          message: `${i.project ? `项目“${i.project}”` : ''}指标“${i.level3}”${name}${s}分，超过其权重${i.weight}分`,
          formula: `${name} ≤ 权重`, stated: s, computed: i.weight, tolerance: 0,
          evidence: [recordEvidence(ctx, i)],
        }));
      }
    }
    for (const s of ctx.extraction.scores) {
      if (s.value == null || s.max == null || s.value <= s.max + 1e-9) continue;
      out.push(flag({
        category: 'score', rule: this.id, message: `${s.name ?? '总分'}得分${s.value}分，超过满分${s.max}分`,
        formula: 'value ≤ max', stated: s.value, computed: s.max, tolerance: 0, evidence: [recordEvidence(ctx, s)],
      }));
    }
    return out;
  },
};

/** The 合计 score of an indicator table: a project score of the same project, standing after its rows. */
function tableTotal(ctx: CheckContext, rows: Indicator[]): Score | undefined {
  const p = rows[0].project;
  const last = rows.at(-1)!.source.line ?? 0;
  return ctx.extraction.scores.find((s) => s.scope === 'project' && p && s.name && nameKey(s.name) === nameKey(p) && (s.source.line ?? 0) >= last);
}

export const scoreTableSum: Rule = {
  id: 'score.table-sum',
  category: 'score',
  description: '各指标得分之和与表中合计得分不符',
  check(ctx) {
    const out: Flag[] = [];
    for (const rows of indicatorTables(ctx.extraction.indicators)) {
      const total = tableTotal(ctx, rows);
      if (!total || total.value == null) continue;
      const scored = rows.filter((r) => r.score != null);
      if (scored.length !== rows.length || !rows.every((r) => r.weight != null)) continue;
      const sum = scored.reduce((t, r) => t + r.score!, 0);
      const wsum = rows.reduce((t, r) => t + r.weight!, 0);
      const max = total.max ?? 100;
      const tol = sumTol([...scored.map((r) => r.score!), total.value]);
      // rows not read as indicators (the 预算执行率 row) may hold the remaining weight: their score lies in [0, max − weights]
      const missing = Math.max(0, max - wsum);
      const low = sum, high = sum + missing;
      if (total.value >= low - tol && total.value <= high + tol) continue;
      out.push(flag({
        category: 'score', rule: this.id,
        message: `${rows[0].project ? `项目“${rows[0].project}”` : ''}指标得分合计为${round(sum, 2)}分${missing ? `（另有${missing}分权重的行未列为指标，最多再得${missing}分）` : ''}，与表中合计${total.value}分不符（容差${round(tol, 3)}分）`,
        formula: `Σ得分 = 合计`, stated: total.value, computed: round(sum, 4), tolerance: round(tol, 4),
        evidence: [recordEvidence(ctx, total), ...rows.map((r) => recordEvidence(ctx, r))],
      }));
    }
    return out;
  },
};

export const scoreSectionSum: Rule = {
  id: 'score.section-sum',
  category: 'score',
  description: '各部分（一级指标）得分之和与总得分不符',
  check(ctx) {
    const out: Flag[] = [];
    for (const kind of ['self', 'review'] as const) {
      const sections = ctx.extraction.scores.filter((s) => s.scope === 'section' && s.kind === kind && s.value != null);
      const docs = ctx.extraction.scores.filter((s) => s.scope === 'document' && s.kind === kind && s.value != null);
      if (sections.length < 2 || !docs.length) continue;
      // one value per section name (subtotals may be repeated in prose)
      const byName = new Map<string, Score>();
      for (const s of sections) if (!byName.has(nameKey(s.name ?? ''))) byName.set(nameKey(s.name ?? ''), s);
      const uniq = [...byName.values()];
      const sum = uniq.reduce((t, s) => t + s.value!, 0);
      const maxSum = uniq.reduce((t, s) => t + (s.max ?? 0), 0);
      for (const d of docs) {
        if (d.max != null && maxSum && Math.abs(maxSum - d.max) > 0.01) continue; // not every section was read
        const tol = sumTol([...uniq.map((s) => s.value!), d.value!]);
        if (Math.abs(sum - d.value!) <= tol) continue;
        out.push(flag({
          category: 'score', rule: this.id,
          message: `各部分得分${uniq.map((s) => `${s.name}${s.value}`).join(' + ')} = ${round(sum, 2)}分，与总得分${d.value}分不符（容差${round(tol, 3)}分）`,
          formula: 'Σ部分得分 = 总得分', stated: d.value, computed: round(sum, 4), tolerance: round(tol, 4),
          evidence: [recordEvidence(ctx, d), ...uniq.map((s) => recordEvidence(ctx, s))],
        }));
        break;
      }
    }
    return out;
  },
};

const DEFAULT_BANDS: Array<[number, Grade]> = [[90, '优'], [80, '良'], [60, '中'], [0, '差']];

/** Bands the report states ("90(含)-100分为优、80(含)-90分为良…"), else the usual ones. */
function bandsOf(ctx: CheckContext): { bands: Array<[number, Grade]>; stated: boolean; ev?: ReturnType<typeof sentenceEvidence> } {
  for (const s of ctx.sentences) {
    const found: Array<[number, Grade]> = [];
    for (const m of s.text.matchAll(/(\d+)(?:分)?(?:\(含\)|（含）)?(?:分)?[-—～~至到](?:\d+)分?(?:\(含\)|（含）)?(?:分)?(?:为|的为|评为)?[“"]?(优秀?|良好?|中等?|合格|差)/g)) {
      const g = m[2][0] as Grade;
      if (['优', '良', '中', '差'].includes(g)) found.push([Number(m[1]), g]);
    }
    if (found.length >= 2) {
      if (!found.some(([, g]) => g === '差')) found.push([0, '差']);
      return { bands: found.sort((a, b) => b[0] - a[0]), stated: true, ev: sentenceEvidence(ctx, s) };
    }
  }
  return { bands: DEFAULT_BANDS, stated: false };
}

export const scoreGrade: Rule = {
  id: 'score.grade-band',
  category: 'score',
  description: '评价等级与得分所在分数段不符',
  check(ctx) {
    const out: Flag[] = [];
    const { bands, stated, ev } = bandsOf(ctx);
    for (const s of ctx.extraction.scores) {
      if (s.value == null || !s.grade) continue;
      const pctScore = s.max ? (s.value / s.max) * 100 : s.value;
      const expected = bands.find(([lo]) => pctScore >= lo - 1e-9)?.[1];
      if (!expected || expected === s.grade) continue;
      out.push(flag({
        category: 'score', rule: this.id,
        message: `${s.name ?? '总'}得分${s.value}分，按${stated ? '报告所列' : '通常的'}分数段（${bands.map(([lo, g]) => `${g}≥${lo}`).join('，')}）应为“${expected}”，报告却评为“${s.grade}”`,
        stated: s.value, tolerance: 0,
        evidence: [recordEvidence(ctx, s), ...(ev ? [ev] : [])],
      }));
    }
    return out;
  },
};
