// year.heading: a heading that names the document itself (2024年度部门决算表, 2026年部门预算情况说明) with another
// year than the report's, where the document's other such headings carry the report's year.
import type { Flag } from '../../../schemas/records.ts';
import type { Rule } from '../types.ts';
import { flag } from '../util.ts';

const SELF_TITLE = /(20\d{2})\s*年度?[^，。；]{0,16}?(部门|单位)(预算|决算)(表|情况说明|公开|编制说明|$)/;

export const headingYear: Rule = {
  id: 'year.heading',
  category: 'year',
  description: '标题所写年度与本报告年度不一致',
  check(ctx) {
    const year = ctx.meta.year;
    if (year == null) return [];
    const headings = ctx.doc.sections.map((s) => ({ s, m: SELF_TITLE.exec(s.title.replace(/\s+/g, '')) }))
      .filter((h) => h.m && !/执行|上年|比/.test(h.s.title));
    const own = headings.filter((h) => Number(h.m![1]) === year).length;
    const out: Flag[] = [];
    for (const { s, m } of headings) {
      const y = Number(m![1]);
      if (y === year || own < 2) continue;
      out.push(flag({
        category: 'year', rule: this.id,
        message: `${year}年度报告的标题“${s.title}”写为${y}年，其他${own}处同类标题均为${year}年`,
        stated: y, computed: year,
        evidence: [{ text: s.title, file: ctx.file, section: s.path, source: s.source }],
      }));
    }
    return out;
  },
};
