// The same quantity (key, phase, year) stated with two different values.
import type { Figure, Flag } from '../../../schemas/records.ts';
import type { Rule } from '../types.ts';
import { flag, recordEvidence } from '../util.ts';
import { labelSense, scopeKey, figureTolerance, figureYear, KEY_LABEL, PHASE_LABEL, wanText } from './figure-common.ts';

export const figureValues: Rule = {
  id: 'conflict.figure-values',
  category: 'conflict',
  description: '同一金额（同一口径、阶段、年度）前后写成不同数值',
  check(ctx) {
    const groups = new Map<string, Figure[]>();
    for (const f of ctx.extraction.figures) {
      // a fiscal-only figure (年末财政拨款结转和结余) is not the whole unit's (年末结转和结余), nor a 总计 a 合计,
      // nor the 一般公共预算 part the whole 财政拨款: not the same quantity
      const k = `${f.key}|${f.phase}|${figureYear(f, ctx.meta.year) ?? ''}|${scopeKey(ctx, f)}|${labelSense(ctx, f)}`;
      groups.set(k, [...(groups.get(k) ?? []), f]);
    }
    const out: Flag[] = [];
    for (const fs of groups.values()) {
      const values: Figure[][] = [];
      for (const f of fs) {
        const same = values.find((v) => Math.abs(v[0].valueYuan - f.valueYuan) <= Math.max(figureTolerance(v[0]), figureTolerance(f)) + 1e-6);
        if (same) same.push(f); else values.push([f]);
      }
      if (values.length < 2) continue;
      const f0 = fs[0];
      const year = figureYear(f0, ctx.meta.year);
      out.push(flag({
        category: 'conflict', rule: this.id,
        message: `${year ? `${year}年` : ''}${KEY_LABEL[f0.key]}（${PHASE_LABEL[f0.phase]}）前后写法不一：${values.map((v) => `${wanText(v[0])}（“${v[0].raw}”${v.length > 1 ? `等${v.length}处` : ''}）`).join('；')}`,
        stated: values[1][0].valueYuan, computed: values[0][0].valueYuan, tolerance: Math.max(...fs.map((f) => figureTolerance(f))),
        evidence: values.flat().map((f) => recordEvidence(ctx, f)),
      }));
    }
    return out;
  },
};
