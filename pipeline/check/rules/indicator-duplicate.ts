// The same indicator (三级指标) listed twice in one table with different targets.
import type { Flag, Indicator } from '../../../schemas/records.ts';
import type { Rule } from '../types.ts';
import { flag, nameKey, recordEvidence } from '../util.ts';

/** Splits the indicator rows into tables: a new table where the project or section changes or the rows jump. */
export function indicatorTables(list: Indicator[]): Indicator[][] {
  const out: Indicator[][] = [];
  let cur: Indicator[] = [];
  for (const i of list) {
    const prev = cur.at(-1);
    const gap = prev?.source.line != null && i.source.line != null ? i.source.line - (prev.source.lineEnd ?? prev.source.line) : 0;
    if (prev && (prev.project !== i.project || prev.section !== i.section || gap > 40 || gap < 0)) { out.push(cur); cur = []; }
    cur.push(i);
  }
  if (cur.length) out.push(cur);
  return out;
}

export const indicatorDuplicate: Rule = {
  id: 'conflict.duplicate-indicator',
  category: 'conflict',
  description: '同一张表中同名三级指标出现两次且指标值不同',
  check(ctx) {
    const found = new Map<string, { name: string; project: string | null; rows: Indicator[] }>();
    for (const table of indicatorTables(ctx.extraction.indicators)) {
      const byName = new Map<string, Indicator[]>();
      for (const i of table) byName.set(nameKey(i.level3), [...(byName.get(nameKey(i.level3)) ?? []), i]);
      for (const [k, rows] of byName) {
        const targets = new Set(rows.map((r) => `${r.comparator ?? ''}${r.target ?? ''}${r.targetUnit ?? ''}`));
        if (rows.length < 2 || targets.size < 2) continue;
        const key = `${rows[0].project ?? ''}|${k}`;
        const f = found.get(key) ?? { name: rows[0].level3, project: rows[0].project, rows: [] };
        f.rows.push(...rows);
        found.set(key, f);
      }
    }
    const out: Flag[] = [];
    for (const f of found.values()) {
      const targets = [...new Set(f.rows.map((r) => r.target ?? ''))];
      const shown = targets.map((t) => (/^[<>=≤≥＜＞＝]/.test(t) ? t : `${f.rows.find((r) => r.target === t)?.comparator === '=' ? '=' : ''}${t}`));
      out.push(flag({
        category: 'conflict', rule: this.id,
        message: `${f.project ? `项目“${f.project}”的` : ''}三级指标“${f.name}”在同一张表中出现两次，指标值分别为${shown.map((t, n) => `${t}${/[\u4e00-\u9fa5%]$/.test(t) ? '' : (f.rows.find((r) => r.target === targets[n])?.targetUnit ?? '')}`).join('和')}，同一指标不应有两个目标`,
        evidence: f.rows.map((r) => recordEvidence(ctx, r)),
      }));
    }
    return out;
  },
};
