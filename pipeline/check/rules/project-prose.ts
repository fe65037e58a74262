// A project's budget or execution stated in prose ("8.标准化服务大厅建设经费，项目全年预算数为13.85万元…")
// against the same project's self-evaluation table record.
import type { Flag, Project } from '../../../schemas/records.ts';
import type { Rule } from '../types.ts';
import { flag, halfUnit, nameKey, recordEvidence, round, sentenceEvidence } from '../util.ts';

const FIELDS: Array<{ field: 'adjustedYuan' | 'budgetYuan' | 'executedYuan'; name: string; re: RegExp }> = [
  { field: 'adjustedYuan', name: '全年预算数（调整后预算数）', re: /(全年预算|调整后预算|调整预算)(数)?(为|是)?$/ },
  { field: 'budgetYuan', name: '年初预算数', re: /年初预算(数)?(为|是)?$/ },
  { field: 'executedYuan', name: '执行数', re: /(执行数?|全年执行数|完成)(为|是)?$/ },
];

const fromTable = (p: Project) => /\|/.test(p.raw) || p.code != null;

export const projectProse: Rule = {
  id: 'conflict.project-prose',
  category: 'conflict',
  description: '正文所述项目预算数/执行数与该项目自评表不符',
  check(ctx) {
    const out: Flag[] = [];
    const tables = ctx.extraction.projects.filter(fromTable);
    for (const p of tables) {
      const key = nameKey(p.name);
      if (key.length < 4) continue;
      for (const s of ctx.sentences) {
        if (s.cell) continue;
        // the sentence must be about the project: its name opens the sentence, before any amount
        const head = s.text.slice(0, s.nums.find((n) => n.kind === 'money')?.start ?? s.text.length).replace(/^[\d.、．\s]+/, '');
        if (!nameKey(head).startsWith(key) && !nameKey(head).startsWith(key.slice(0, Math.max(4, key.length - 4)))) continue;
        for (const n of s.nums) {
          if (n.kind !== 'money' || n.valueYuan == null) continue;
          const label = n.label.replace(/^(项目|该项目)/, '');
          const f = FIELDS.find((x) => x.re.test(label));
          if (!f) continue;
          const recorded = p[f.field];
          if (recorded == null) continue;
          const tol = (n.valueYuan === 0 ? 0 : halfUnit(n.decimals || 2) * (n.unit === '万元' ? 10_000 : n.unit === '亿元' ? 1e8 : 1)) + 0.005 * 10_000 + 1e-6;
          if (Math.abs(recorded - n.valueYuan) <= tol) continue;
          out.push(flag({
            category: 'conflict', rule: this.id,
            message: `项目“${p.name}”的${f.name}：正文写${n.text}，其自评表为${round(recorded / 10_000, 2).toFixed(2)}万元（容差${round(tol / 10_000, 4)}万元）`,
            stated: n.valueYuan, computed: recorded, tolerance: round(tol, 2),
            evidence: [sentenceEvidence(ctx, s), recordEvidence(ctx, p)],
          }));
        }
      }
    }
    return out;
  },
};

export const projectRate: Rule = {
  id: 'ratio.project-rate',
  category: 'ratio',
  description: '项目执行率与执行数÷预算数不符',
  check(ctx) {
    const out: Flag[] = [];
    for (const p of ctx.extraction.projects) {
      const den = p.adjustedYuan ?? p.budgetYuan;
      if (p.executionRate == null || p.executedYuan == null || !den) continue;
      const computed = (p.executedYuan / den) * 100;
      const d = (/(\d+(?:\.(\d+))?)\s*%/.exec(p.raw)?.[2] ?? '').length;
      const tol = halfUnit(d) + 100 * (0.005 * 10_000) * (1 / den + p.executedYuan / (den * den)) + 1e-9;
      if (Math.abs(computed - p.executionRate) <= tol) continue;
      out.push(flag({
        category: 'ratio', rule: this.id,
        message: `项目“${p.name}”执行率写为${p.executionRate}%，但执行数${round(p.executedYuan / 10_000, 2)}万元 ÷ ${p.adjustedYuan != null ? '调整后预算数' : '年初预算数'}${round(den / 10_000, 2)}万元 = ${round(computed, 2)}%（容差±${round(tol, 3)}个百分点）`,
        formula: 'executedYuan / adjustedYuan × 100%', stated: p.executionRate, computed: round(computed, 4), tolerance: round(tol, 4),
        evidence: [recordEvidence(ctx, p)],
      }));
    }
    return out;
  },
};
