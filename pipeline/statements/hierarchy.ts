// Level and parent of each row from its classification code: 功能分类 类 3 digits, 款 5, 项 7; 经济分类 类 3,
// 款 5. A row's parent is the nearest row above it, on its side and of its entity, whose code its own extends.
import type { StatementRow } from '../../schemas/statements.ts';
import { TOTAL_NAME } from './rows.ts';

const LEVEL_BY_LENGTH: Record<number, number> = { 3: 1, 5: 2, 7: 3 };

export function levelOf(code: string | null, name: string): number | null {
  if (code) return LEVEL_BY_LENGTH[code.length] ?? null;
  return TOTAL_NAME.test(name) ? 0 : null;
}

export function withHierarchy(rows: Array<Omit<StatementRow, 'level' | 'parent'>>): StatementRow[] {
  const out: StatementRow[] = [];
  rows.forEach((row, i) => {
    let parent: number | null = null;
    if (row.code) {
      for (let j = i - 1; j >= 0; j--) {
        const p = rows[j];
        if (p.side !== row.side || p.entity !== row.entity) continue;
        if (p.code && p.code.length < row.code.length && row.code.startsWith(p.code)) { parent = j; break; }
      }
    }
    out.push({ ...row, level: levelOf(row.code, row.name), parent });
  });
  return out;
}
