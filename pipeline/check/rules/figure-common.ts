// Shared reading of Figure records: the number as written in raw, its precision, and labels for messages.
import type { Figure, FigureKey } from '../../../schemas/records.ts';
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
