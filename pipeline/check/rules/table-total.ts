// A table's 合计 row against the sum of the rows above it, column by column.
import type { Flag } from '../../../schemas/records.ts';
import { parseNumber } from '../../normalize/numbers.ts';
import type { Rule } from '../types.ts';
import { flag, round, sumTolerance } from '../util.ts';

const TOTAL = /^(合计|总计|小计)$/;
const num = (s: string) => parseNumber(s.replace(/[%％]$/, ''));

export const tableTotal: Rule = {
  id: 'arithmetic.table-total',
  category: 'arithmetic',
  description: '表格合计行与其上各行之和不符',
  check(ctx) {
    const out: Flag[] = [];
    for (const t of ctx.tables) {
      t.rows.forEach((row, r) => {
        const first = row.findIndex((c) => c !== '');
        if (first < 0 || !TOTAL.test(row[first].replace(/\s/g, ''))) return;
        // the data rows: back to the header, same width, not 其中 sub-rows
        const data: string[][] = [];
        let header: string[] | null = null;
        for (let k = r - 1; k >= 0; k--) {
          const x = t.rows[k];
          if (x.length !== row.length) { header = x; break; }
          if (!x.slice(first + 1).some((c) => num(c) != null)) { header = x; break; }
          if (/^其中/.test(x.find((c) => c !== '') ?? '')) continue;
          data.unshift(x);
        }
        if (data.length < 2) return;
        for (let c = first + 1; c < row.length; c++) {
          const total = num(row[c]);
          if (total == null) continue;
          const head = header?.[c] ?? '';
          if (/率/.test(head) && !/(比例|占比|比重)/.test(head)) continue;
          const cells = data.map((x) => x[c]);
          if (cells.some((x) => x !== '' && num(x) == null) || /%/.test(row[c]) !== cells.some((x) => /%/.test(x))) continue;
          const vals = cells.filter((x) => x !== '').map((x) => ({ value: num(x)!, decimals: (x.replace(/%$/, '').split('.')[1] ?? '').length }));
          if (vals.length < 2) continue;
          const sum = vals.reduce((s, v) => s + v.value, 0);
          const tol = sumTolerance([...vals, { value: total, decimals: (row[c].replace(/%$/, '').split('.')[1] ?? '').length }]);
          if (Math.abs(sum - total) <= tol) continue;
          out.push(flag({
            category: 'arithmetic', rule: this.id,
            message: `表格${t.title ? `“${t.title}”` : ''}第${c + 1}列${head ? `（${head}）` : ''}合计写为${row[c]}，但上方各行之和为${vals.map((v) => v.value).join(' + ')} = ${round(sum, 4)}（容差${round(tol, 4)}）`,
            formula: `Σ第${c + 1}列 = 合计`, stated: total, computed: round(sum, 6), tolerance: round(tol, 6),
            evidence: [{ text: row.join(' | '), file: ctx.file, section: t.section, source: t.rowSources[r] }, ...data.map((x, i) => ({ text: x.join(' | '), file: ctx.file, section: t.section, source: t.rowSources[t.rows.indexOf(x)] ?? t.rowSources[i] }))],
          }));
        }
      });
    }
    return out;
  },
};
