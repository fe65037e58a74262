// statement.empty-table: a standard table printed with no amount in it, with no note saying why (空表说明: 本单位无…,
// 本表无数据), while the text states a nonzero amount for what it holds (an emptied 三公 table whose 说明 still
// gives 0.95万元).
import type { Flag } from '../../../schemas/records.ts';
import type { StatementKind } from '../../../schemas/statements.ts';
import type { Rule } from '../types.ts';
import { flag, sentenceEvidence } from '../util.ts';
import { clauseBefore, NOT_THIS_YEAR } from './common.ts';

const WHAT: Partial<Record<StatementKind, RegExp>> = {
  three_public: /三公/,
  government_fund: /政府性基金/,
  state_capital: /国有资本经营/,
};

export const statementEmptyTable: Rule = {
  id: 'statement.empty-table',
  category: 'conflict',
  description: '报表为空且无空表说明，但文字说明列有金额',
  check(ctx) {
    const out: Flag[] = [];
    for (const s of ctx.extraction.statements) {
      const about = WHAT[s.kind];
      if (!about || s.emptyNote != null || s.warnings.length) continue;
      if (s.rows.some((r) => Object.values(r.values).some((v) => v != null && v !== 0))) continue;
      for (const sent of ctx.sentences) {
        if (sent.cell) continue;
        const stated = sent.nums.find((n) => {
          if (n.kind !== 'money' || !n.valueYuan) return false;
          const clause = clauseBefore(sent.text, n.start);
          return about.test(clause) && !NOT_THIS_YEAR.test(clause);
        });
        if (!stated) continue;
        out.push(flag({
          category: 'conflict', rule: this.id,
          message: `报表“${s.title}”没有列出任何金额，也没有空表说明，但说明中写有${stated.text}`,
          stated: stated.valueYuan, computed: 0,
          evidence: [{ text: s.title, file: ctx.file, section: s.section, source: s.source }, sentenceEvidence(ctx, sent)],
        }));
        break;
      }
    }
    return out;
  },
};
