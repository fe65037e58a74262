// The rows of a "三公" statement by what they hold, whatever the layout names them: the 三公 total, 因公出国（境）费,
// 公务用车购置及运行费 and its 购置费 and 运行费, 公务接待费. 会议费, 培训费 and 机关运行经费 are not part of 三公.
import type { Statement, StatementRow } from '../../schemas/statements.ts';

export interface ThreePublicItems {
  total: StatementRow | null; abroad: StatementRow | null; vehicle: StatementRow | null;
  purchase: StatementRow | null; ops: StatementRow | null; reception: StatementRow | null;
}

const ITEMS = {
  total: /三公/,
  abroad: /出国/,
  // the group names both: 公务用车购置及运行(维护)费; 公务用车运行维护费 alone is its sub-item
  vehicle: /公务用车购置(及|和)运行/,
  purchase: /^(公务用车)?购置(费|支出)?$/,
  ops: /^(公务用车)?运行(维护)?(费|支出)?$/,
  reception: /接待/,
};

export function threePublicItems(s: Statement): ThreePublicItems {
  const find = (re: RegExp) => s.rows.filter((r) => re.test(r.name) && r.entity == null);
  const one = (rows: StatementRow[]) => (rows.length === 1 ? rows[0] : null);
  return {
    total: one(find(ITEMS.total).filter((r) => !/会议|培训/.test(r.name)))
      // no row named 三公: the table's 合计 is the 三公 total unless it also adds 会议费 and 培训费 (机关运行经费 stands beside it)
      ?? (find(/会议|培训/).length === 0 ? one(s.rows.filter((r) => r.level === 0)) : null),
    abroad: one(find(ITEMS.abroad)), vehicle: one(find(ITEMS.vehicle)), reception: one(find(ITEMS.reception)),
    purchase: one(find(ITEMS.purchase)), ops: one(find(ITEMS.ops)),
  };
}
