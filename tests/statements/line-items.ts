// Line items scored against hand-checked gold (fixtures/wild/gold), the way the project's evaluation counts
// them: a gold item is found when an extracted one of the same statement, measure, phase and entity, and the
// same code (or name where either has none), holds its value within 1 yuan; with lineItemsComplete, an
// extracted item of a listed statement that matches no gold item is wrong.
import type { LineItem } from '../../schemas/statements.ts';

export interface GoldItem { statement: string; code: string | null; name: string; entity: string | null; measure: string; phase: string; valueYuan: number }

const nameKey = (s: string) => s.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '');
const slot = (x: { statement: string; measure: string; phase: string; entity: string | null }) => `${x.statement}|${x.measure}|${x.phase}|${x.entity ?? ''}`;
const same = (a: { code: string | null; name: string }, b: { code: string | null; name: string }) =>
  a.code && b.code ? a.code === b.code : nameKey(a.name) === nameKey(b.name);

export function scoreLineItems(got: LineItem[], gold: GoldItem[], complete: boolean): { found: number; missed: number; wrong: number } {
  const used = new Set<number>();
  let found = 0;
  for (const g of gold) {
    const i = got.findIndex((x, k) => !used.has(k) && slot(x) === slot(g) && same(x, g) && Math.abs(x.valueYuan - g.valueYuan) <= 1);
    if (i >= 0) { used.add(i); found++; }
  }
  const listed = new Set(gold.map((g) => g.statement));
  const wrong = complete ? got.filter((x, k) => !used.has(k) && listed.has(x.statement)).length : 0;
  return { found, missed: gold.length - found, wrong };
}
