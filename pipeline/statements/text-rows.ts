// Rows of a table drawn without rulings, which the parser hands over as running text:
// "合计8,948.03[301]工资福利支出7,174.62[30101]基本工资990.15…". Each "[code]name amount" is one row of a
// one-amount statement.
import type { Provenance } from '../../schemas/document.ts';
import type { StatementRow } from '../../schemas/statements.ts';
import { normalizeText, squash } from '../normalize/text.ts';
import { amountOf } from './grid.ts';
import { toYuan } from '../normalize/numbers.ts';
import type { MoneyUnit } from '../../schemas/statements.ts';

const ROW = /(?:[[【［](\d{3,7})[\]】］]|^|(?<=\d))(合计|总计|[^\d[【［\]】］]+?)([-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?=[[【［]|$|合计|总计)/gu;

export function textRows(lines: Array<{ text: string; source: Provenance }>, column: number, unit: MoneyUnit): Array<Omit<StatementRow, 'level' | 'parent'>> {
  const out: Array<Omit<StatementRow, 'level' | 'parent'>> = [];
  for (const line of lines) {
    const text = squash(normalizeText(line.text));
    if (!/[[【［]\d{3,7}[\]】］]/.test(text)) continue;
    for (const m of text.matchAll(ROW)) {
      const code = m[1] ?? null;
      const name = m[2];
      const v = amountOf(m[3]);
      if (v == null || !/\p{Script=Han}/u.test(name) || (!code && !/^(合计|总计)$/.test(name))) continue;
      out.push({ code, name, entity: null, side: null, values: { [column]: toYuan(v, unit) }, cells: { [column]: m[3] }, source: line.source });
    }
  }
  return out;
}
