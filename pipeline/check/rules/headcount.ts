// The unit's total establishment (编制数) or staff (实有人数) stated twice with different values, in prose or tables.
import type { Flag, Evidence } from '../../../schemas/records.ts';
import type { Rule } from '../types.ts';
import { flag, sentenceEvidence } from '../util.ts';
import { parseNumber } from '../../normalize/numbers.ts';

const KINDS: Array<{ key: string; name: string; re: RegExp }> = [
  { key: 'establishment', name: '编制数', re: /(编制人数|编制控制数|编制总数|核定编制数|编制数)$/ },
  { key: 'staff', name: '实有人数', re: /(实有人数|在职人员总数|实有人员总数|在职人数)$/ },
];
const SUB = /(行政|事业|工勤|机关|参公|编外|其中)/;

export const headcount: Rule = {
  id: 'conflict.headcount',
  category: 'conflict',
  description: '编制数或实有人数两处写法不一',
  check(ctx) {
    const found = new Map<string, Array<{ value: number; text: string; ev: Evidence }>>();
    const add = (key: string, value: number, text: string, ev: Evidence) => found.set(key, [...(found.get(key) ?? []), { value, text, ev }]);
    for (const s of ctx.sentences) {
      if (s.cell) continue;
      for (const n of s.nums) {
        if (n.kind !== 'count' || !/^(名|人)$/.test(n.countUnit ?? '')) continue;
        const label = n.label.replace(/(为|是|共|有)$/, '');
        for (const k of KINDS) if (k.re.test(label) && !SUB.test(label)) add(k.key, n.value, `${label}${n.text}`, sentenceEvidence(ctx, s));
      }
    }
    for (const t of ctx.tables) {
      t.rows.forEach((row, r) => row.forEach((cell, c) => {
        for (const k of KINDS) {
          if (!k.re.test(cell) || SUB.test(cell) || cell.length > 8) continue;
          const v = parseNumber(row[c + 1] ?? '');
          if (v == null || !Number.isInteger(v)) continue;
          add(k.key, v, `${cell} ${row[c + 1]}`, { text: `${cell}：${row[c + 1]}`, file: ctx.file, section: t.section, source: t.rowSources[r] });
        }
      }));
    }
    const out: Flag[] = [];
    for (const k of KINDS) {
      const list = found.get(k.key) ?? [];
      const values = [...new Set(list.map((x) => x.value))];
      if (values.length < 2) continue;
      out.push(flag({
        category: 'conflict', rule: this.id,
        message: `${k.name}前后不一：${list.map((x) => `“${x.text}”`).join('，')}`,
        stated: list[0].value, computed: list.find((x) => x.value !== list[0].value)!.value, tolerance: 0,
        evidence: list.map((x) => x.ev),
      }));
    }
    return out;
  },
};
