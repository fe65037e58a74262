// statement.title-year: a statement titled with another year than the report's, where the document's other
// titled statements carry the report's own year (2025年预算单位支出预算总表 among 2026年 tables of a 2026 budget).
import type { Flag } from '../../../schemas/records.ts';
import type { Rule } from '../types.ts';
import { flag } from '../util.ts';

const yearIn = (title: string) => { const m = /(20\d{2})\s*年/.exec(title); return m ? Number(m[1]) : null; };

export const statementTitleYear: Rule = {
  id: 'statement.title-year',
  category: 'year',
  description: '报表标题所写年度与本报告年度不一致',
  check(ctx) {
    const year = ctx.meta.year;
    if (year == null) return [];
    const titled = ctx.extraction.statements.filter((s) => yearIn(s.title) != null);
    const own = titled.filter((s) => yearIn(s.title) === year).length;
    const out: Flag[] = [];
    for (const s of titled) {
      const y = yearIn(s.title)!;
      if (y === year || own < 2 || own <= titled.length / 2) continue;
      out.push(flag({
        category: 'year', rule: this.id,
        message: `${year}年度报告中的报表“${s.title}”标题写为${y}年，本文件其他${own}张报表均为${year}年`,
        stated: y, computed: year,
        evidence: [{ text: s.title, file: ctx.file, section: s.section, source: s.source }],
      }));
    }
    return out;
  },
};
