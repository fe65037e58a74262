// statement.listed-missing: a standard table the document's own 目录 lists that the document does not carry,
// in a document that does carry its tables (one that publishes them in a separate file carries none).
import type { Flag } from '../../../schemas/records.ts';
import { listedStatements } from '../../statements/locate.ts';
import type { Rule } from '../types.ts';
import { flag } from '../util.ts';

export const statementListedMissing: Rule = {
  id: 'statement.listed-missing',
  category: 'conflict',
  description: '目录列出的报表在文件中缺失',
  check(ctx) {
    const carried = ctx.extraction.statements.filter((s) => s.rows.length > 0 || s.emptyNote != null);
    if (carried.length < 3) return [];
    const have = new Map<string, number>();
    for (const s of ctx.extraction.statements) have.set(s.kind, (have.get(s.kind) ?? 0) + 1);
    const listed = listedStatements(ctx.doc);
    const want = new Map<string, typeof listed>();
    for (const l of listed) want.set(l.kind, [...(want.get(l.kind) ?? []), l]);
    const out: Flag[] = [];
    for (const [kind, entries] of want) {
      const missing = entries.length - (have.get(kind) ?? 0);
      if (missing <= 0) continue;
      for (const e of entries.slice(entries.length - missing)) {
        out.push(flag({
          category: 'conflict', rule: this.id,
          message: `目录列出“${e.title}”，但文件中没有这张报表`,
          evidence: [{ text: e.title, file: ctx.file, section: '', source: ctx.doc.blocks[e.start].source }],
        }));
      }
    }
    return out;
  },
};
