// The one statement of a kind a document carries, read whole (every page, rows with amounts); null where it has
// none or several (a document of two bound reports), so nothing is taken from the wrong one.
import type { Statement, StatementKind } from '../../schemas/statements.ts';

export function soleStatement(statements: Statement[], kind: StatementKind): Statement | null {
  const found = statements.filter((s) => s.kind === kind && s.warnings.length === 0 && s.rows.length > 0);
  return found.length === 1 ? found[0] : null;
}
