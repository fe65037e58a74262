// Shared reading of Figure records: the number as written in raw, its precision, and labels for messages.
import type { Figure, FigureKey } from '../../../schemas/records.ts';
import type { Provenance } from '../../../schemas/document.ts';
import type { CheckContext } from '../types.ts';
import { halfUnit } from '../util.ts';

export const KEY_LABEL: Record<FigureKey, string> = {
  'income.total': '收入合计', 'income.fiscal': '财政拨款收入', 'income.other': '其他收入',
  'expenditure.total': '支出合计', 'expenditure.basic': '基本支出', 'expenditure.personnel': '人员经费',
  'expenditure.public': '公用经费', 'expenditure.project': '项目支出',
  'threePublic.total': '“三公”经费', 'threePublic.abroad': '因公出国（境）费', 'threePublic.vehicle': '公务用车购置及运行维护费',
  'threePublic.vehiclePurchase': '公务用车购置费', 'threePublic.vehicleOps': '公务用车运行维护费', 'threePublic.reception': '公务接待费',
  'procurement.total': '政府采购金额', 'carryover.end': '年末结转和结余',
  'assets.total': '资产总额', 'liabilities.total': '负债总额', 'netAssets.total': '净资产',
  'fixedAssets.total': '固定资产总额', 'fixedAssets.inUse': '在用固定资产',
};
export const PHASE_LABEL = { budget: '年初预算', adjusted: '调整后预算', final: '决算' } as const;

/** The number as the report writes it: the last number in raw that equals the value in some unit. */
export function writtenNumber(f: Figure): { text: string; decimals: number; factor: number } {
  const nums = [...f.raw.matchAll(/\d[\d,]*(?:\.\d+)?/g)].map((m) => m[0]);
  for (const t of nums.reverse()) {
    const v = Number(t.replace(/,/g, ''));
    for (const factor of [10_000, 1, 100_000_000]) {
      if (Math.abs(v * factor - f.valueYuan) < 0.5) return { text: t, decimals: (t.split('.')[1] ?? '').length, factor };
    }
  }
  return { text: String(f.valueYuan / 10_000), decimals: 2, factor: 10_000 };
}

/** Half a unit of the last digit written, in yuan; a zero is exact. */
export function figureTolerance(f: Figure, listDecimals = 0): number {
  if (f.valueYuan === 0) return 0;
  const w = writtenNumber(f);
  return halfUnit(w.decimals === 0 ? Math.max(listDecimals, 0) : w.decimals) * w.factor;
}

export const wanText = (f: Figure) => {
  const w = writtenNumber(f);
  return w.factor === 10_000 ? `${w.text}万元` : w.factor === 1 ? `${w.text}元` : `${w.text}亿元`;
};

export const figureYear = (f: Figure, reportYear: number | null) => f.year ?? reportYear;

/**
 * Whose money a figure counts: 'fiscal' for the fiscal appropriation only (财政拨款, 一般公共预算 … tables and
 * sections), 'unit' for the whole unit (all funds, 单位资金 included). The two differ by the unit's own funds,
 * so a fiscal-only figure is never added to or compared with a whole-unit one as if they were the same quantity.
 */
export type FigureScope = 'fiscal' | 'unit';
const FISCAL = /(财政拨款|一般公共预算|政府性基金|国有资本经营)/;
const squash = (s: string) => s.normalize('NFKC').replace(/[\s\u3000]+/g, '');

export function figureScope(ctx: Pick<CheckContext, 'tables' | 'sentences'>, f: Figure): FigureScope {
  if (FISCAL.test(squash(f.raw)) || FISCAL.test(f.label)) return 'fiscal';
  const written = squash(writtenNumber(f).text);
  const samePlace = (p: Provenance, q: Provenance) =>
    (p.page != null && p.page === q.page) || (p.line != null && q.line != null && q.line <= p.line && p.line <= (q.lineEnd ?? q.line)) || (p.block != null && p.block === q.block);
  // a table figure: the title of the table that holds the number where the figure stands
  const table = ctx.tables.find((t) => t.rowSources.some((s, i) => samePlace(f.source, s) && t.rows[i].some((c) => c.includes(written))));
  if (table) return FISCAL.test(table.title ?? '') ? 'fiscal' : 'unit';
  // a prose figure: its own heading, or the words before it in its sentence back to the previous number
  const heading = f.section.split(' / ').at(-1) ?? '';
  if (FISCAL.test(heading)) return 'fiscal';
  const raw = squash(f.raw);
  const s = ctx.sentences.find((x) => !x.cell && samePlace(f.source, x.source) && x.text.includes(raw));
  if (s) {
    const before = s.text.slice(0, s.text.indexOf(raw));
    const words = before.slice(Math.max(0, before.search(/\d[^\d]*$/) + 1));
    if (FISCAL.test(words)) return 'fiscal';
  }
  return 'unit';
}

/** Keys whose fiscal-only and whole-unit amounts differ in published reports (三公经费 are reported fiscal-only anyway). */
const SCOPED = /^(expenditure\.|income\.total|income\.other|carryover\.)/;

/** The scope part of a grouping key: '' where the scope does not tell quantities apart. */
export const scopeKey = (ctx: Pick<CheckContext, 'tables' | 'sentences'>, f: Figure): string => (SCOPED.test(f.key) ? figureScope(ctx, f) : '');
