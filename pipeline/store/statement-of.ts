// Which statement each line item was read from. A line item names its statement by kind and title, and its
// place by row and column; a document can hold several statements of one kind and title (one per unit, a
// table repeated in an annex), so the item goes to the statement whose row at that index has that name and
// a cell in that column. Items come in statement order, so the search starts at the previous item's statement.
import type { LineItem, Statement } from '../../schemas/statements.ts';

function holds(s: Statement, item: LineItem): boolean {
  const row = s.rows[item.row];
  return s.kind === item.statement && s.title === item.statementTitle && row != null && row.name === item.name
    && (String(item.column) in row.cells || String(item.column) in row.values);
}

/** The index in `statements` of each item's statement, null where none holds it. */
export function statementOf(statements: Statement[], items: LineItem[]): Array<number | null> {
  let at = 0;
  return items.map((item) => {
    for (let k = 0; k < statements.length; k++) {
      const i = (at + k) % statements.length;
      if (holds(statements[i], item)) { at = i; return i; }
    }
    return null;
  });
}
