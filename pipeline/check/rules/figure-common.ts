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
  // a whole number of 元 is written to the yuan (22,118,861 beside 1,845,880.34): only 万元 and 亿元 whole numbers borrow the list's precision
  return halfUnit(w.decimals === 0 && w.factor !== 1 ? Math.max(listDecimals, 0) : w.decimals) * w.factor;
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

/** The words that say whose money a figure counts: its own text, its table's title, its heading, the words before it. */
export function scopeWords(ctx: Pick<CheckContext, 'tables' | 'sentences'>, f: Figure): string {
  const own = `${squash(f.raw)} ${f.label}`;
  const written = squash(writtenNumber(f).text);
  const samePlace = (p: Provenance, q: Provenance) =>
    (p.page != null && p.page === q.page) || (p.line != null && q.line != null && q.line <= p.line && p.line <= (q.lineEnd ?? q.line)) || (p.block != null && p.block === q.block);
  // a table figure: the title of the table that holds the number where the figure stands
  const table = ctx.tables.find((t) => t.rowSources.some((s, i) => samePlace(f.source, s) && t.rows[i].some((c) => c.includes(written))));
  if (table) return `${own} ${table.title ?? ''}`;
  // a prose figure: its own heading, or the words before it in its sentence back to the previous number
  const heading = f.section.split(' / ').at(-1) ?? '';
  const raw = squash(f.raw);
  const s = ctx.sentences.find((x) => !x.cell && samePlace(f.source, x.source) && x.text.includes(raw));
  let words = '';
  if (s) {
    const before = s.text.slice(0, s.text.indexOf(raw));
    words = before.slice(Math.max(0, before.search(/\d[^\d]*$/) + 1));
  }
  return `${own} ${heading} ${words}`;
}

export function figureScope(ctx: Pick<CheckContext, 'tables' | 'sentences'>, f: Figure): FigureScope {
  return FISCAL.test(scopeWords(ctx, f)) ? 'fiscal' : 'unit';
}

/**
 * Which of the quantities a key gathers a figure's words name, where one key covers a whole and its part:
 * 'grand' for a 总计 (收入总计 holds 上年结转, 支出总计 年终结转结余, beside 本年收入合计 / 本年支出合计), 'general'
 * for the 一般公共预算 part of the fiscal appropriation (一般公共预算拨款收入 beside 财政拨款收入), 'funds' for 其他资金
 * (all the unit's non-fiscal money, beside its 其他收入 line). Figures of different senses are different quantities.
 */
export function labelSense(ctx: Pick<CheckContext, 'tables' | 'sentences'>, f: Figure): string {
  const label = squash(`${f.label} ${f.raw}`);
  const senses: string[] = [];
  if (/^(income|expenditure)\.(total|fiscal)$/.test(f.key) && /总计|收、?支总/.test(label)) senses.push('grand');
  if (/^(income\.fiscal|expenditure\.)/.test(f.key) && /一般公共预算/.test(scopeWords(ctx, f))) senses.push('general');
  if (f.key === 'income.other' && /其他资金/.test(label)) senses.push('funds');
  return senses.join('+');
}

/** Keys whose fiscal-only and whole-unit amounts differ in published reports (三公经费 are reported fiscal-only anyway). */
const SCOPED = /^(expenditure\.|income\.total|income\.other|carryover\.)/;

/** The scope part of a grouping key: '' where the scope does not tell quantities apart. */
export const scopeKey = (ctx: Pick<CheckContext, 'tables' | 'sentences'>, f: Figure): string => (SCOPED.test(f.key) ? figureScope(ctx, f) : '');
