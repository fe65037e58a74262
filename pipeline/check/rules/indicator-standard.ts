// A per-person standard (元/人) given as an indicator's actual value in a project table, against the standard
// the project's own report states in prose ("县级补助标准为55.4元/人.年").
import type { Flag, Indicator } from '../../../schemas/records.ts';
import type { Num, Sentence } from '../sentences.ts';
import type { Rule } from '../types.ts';
import { bigramOverlap, flag, halfUnit, nameKey, recordEvidence, round, sentenceEvidence } from '../util.ts';

const PER_PERSON = /^[/／]人/;

export const indicatorStandard: Rule = {
  id: 'conflict.indicator-standard',
  category: 'conflict',
  description: '项目自评表中“标准/成本”类指标的完成值与项目报告正文所述标准不符',
  check(ctx) {
    const projects = [...new Set(ctx.extraction.indicators.map((i) => i.project).filter((p): p is string => !!p))];
    if (!projects.length) return [];
    const keys = projects.map((p) => ({ p, k: nameKey(p) }));
    // prose regions: from a paragraph that names a project to the next one that names another
    const region = new Map<Sentence, string>();
    let current: string | null = null;
    for (const s of ctx.sentences) {
      if (s.cell) continue;
      const named = keys.filter((x) => x.k.length >= 4 && nameKey(s.text).includes(x.k)).sort((a, b) => b.k.length - a.k.length)[0];
      if (named && named.p !== current) current = named.p;
      else if (named == null && ctx.doc.blocks[s.block]?.kind === 'table') current = null;
      if (current) region.set(s, current);
    }
    const standards = new Map<string, Array<{ n: Num; s: Sentence; context: string }>>();
    for (const [s, p] of region) {
      for (const n of s.nums) {
        if (n.kind !== 'money' || n.unit !== '元' || !PER_PERSON.test(s.text.slice(n.end))) continue;
        const context = s.text.slice(Math.max(0, n.start - 30), n.start);
        standards.set(p, [...(standards.get(p) ?? []), { n, s, context }]);
      }
    }
    const out: Flag[] = [];
    for (const i of ctx.extraction.indicators) {
      if (!i.project || i.actualValue == null || !/元/.test(i.targetUnit ?? '') || !/人/.test(i.targetUnit ?? '') || !/(标准|成本)/.test(i.level3)) continue;
      const list = standards.get(i.project);
      if (!list?.length) continue;
      const tol = (x: Num) => halfUnit(Math.max(x.decimals, (String(i.actual ?? '').split('.')[1] ?? '').length)) + 1e-9;
      if (list.some((x) => Math.abs(x.n.value - i.actualValue!) <= tol(x.n))) continue;
      const best = list.map((x) => ({ x, score: bigramOverlap(nameKey(i.level3), nameKey(x.context)) })).sort((a, b) => b.score - a.score)[0];
      if (best.score < 0.25) continue;
      const x = best.x;
      out.push(flag({
        category: 'conflict', rule: this.id,
        message: `项目“${i.project}”自评表指标“${i.level3}”完成值为${i.actual ?? i.actualValue}${i.targetUnit ?? ''}，但该项目报告正文写明标准为${x.n.text}${x.s.text.slice(x.n.end, x.n.end + 4).replace(/[，。；].*$/, '')}，两者不符（容差${round(tol(x.n), 4)}）`,
        stated: i.actualValue, computed: x.n.value, tolerance: round(tol(x.n), 6),
        evidence: [recordEvidence(ctx, i), sentenceEvidence(ctx, x.s)],
      }));
    }
    return out;
  },
};
