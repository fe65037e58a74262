// Headline money figures read from the statements, where a document has them: the 支出总表's 合计 row gives
// 支出合计, 基本支出 and 项目支出 of the whole unit; the "三公" table gives the 三公 total and each item. A figure
// read from a statement keeps its row's place and the cell as printed.
import type { Figure, FigureKey } from '../../schemas/records.ts';
import type { Measure, Statement, StatementRow } from '../../schemas/statements.ts';
import { threePublicItems } from './three-public-items.ts';
import { soleStatement } from './sole.ts';

const SPENDING: Partial<Record<Measure, FigureKey>> = { total: 'expenditure.total', basic: 'expenditure.basic', project: 'expenditure.project' };

export function headlineFigures(statements: Statement[]): Figure[] {
  const out: Figure[] = [];
  const add = (s: Statement, row: StatementRow, key: FigureKey, measure: Measure) => {
    for (const col of s.columns) {
      if (col.measure !== measure || col.year != null || col.side === 'income') continue;
      const v = row.values[col.index];
      const cell = row.cells[col.index] ?? '';
      if (v == null || !cell) continue;
      out.push({ key, phase: col.phase, valueYuan: v, raw: `${s.title} ${row.name} ${col.header} ${cell}`, year: null, label: row.name, source: row.source, section: s.section });
    }
  };
  const spending = soleStatement(statements, 'expenditure');
  const total = spending?.rows.filter((r) => r.level === 0 && r.entity == null && r.side == null);
  if (spending && total?.length === 1) for (const [m, key] of Object.entries(SPENDING)) add(spending, total[0], key!, m as Measure);
  const tp = soleStatement(statements, 'three_public');
  if (tp) {
    const items = threePublicItems(tp);
    const keys: Array<[keyof typeof items, FigureKey]> = [['total', 'threePublic.total'], ['abroad', 'threePublic.abroad'], ['vehicle', 'threePublic.vehicle'],
      ['purchase', 'threePublic.vehiclePurchase'], ['ops', 'threePublic.vehicleOps'], ['reception', 'threePublic.reception']];
    for (const [item, key] of keys) { const row = items[item]; if (row) add(tp, row, key, 'total'); }
  }
  return out;
}
