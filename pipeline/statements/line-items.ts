// A statement's rows × its money columns of the report's own year: the line items researchers query.
import type { LineItem, Statement } from '../../schemas/statements.ts';

export function lineItemsOf(s: Statement): LineItem[] {
  const out: LineItem[] = [];
  s.rows.forEach((row, r) => {
    for (const col of s.columns) {
      if (col.year != null) continue;
      if (!(String(col.index) in row.values)) continue;
      const v = row.values[col.index];
      if (v == null) continue;
      out.push({
        statement: s.kind, code: row.code, name: row.name, level: row.level,
        parentCode: row.parent != null ? s.rows[row.parent].code : null,
        entity: row.entity, measure: col.measure, phase: col.phase, year: null, valueYuan: v,
        raw: row.cells[col.index] ?? '', row: r, column: col.index, statementTitle: s.title, moneyUnit: s.moneyUnit,
        // the cell's own box where the parser kept it, else the row's
        source: row.boxes?.[col.index] ? { ...row.source, box: row.boxes[col.index] } : row.source, section: s.section,
      });
    }
  });
  return out;
}
