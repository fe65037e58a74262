// What a table cell's text looks like: a number, a comparator, a unit, a name, a long sentence.
// Shared by the indicator, score and project readers to place cells in columns.
import { normalizeText, squash } from '../../normalize/text.ts';
import { parseComparator, parseNumber } from '../../normalize/numbers.ts';

/** Normalised, white-space-free cell text. */
export const clean = (s: string | null | undefined): string => squash(normalizeText(s ?? ''));

/** A cell that stands for "nothing": empty, a slash, a dash. */
export function isBlank(s: string | null | undefined): boolean {
  return /^[/／\\\-—–_]*$/.test(clean(s));
}

/** A plain number, a percentage, or a number with 分: "10.50", "52.50%", "15分". */
export function isNumeric(s: string): boolean {
  const t = clean(s).replace(/[%％]$/, '').replace(/分$/, '');
  return parseNumber(t) != null;
}

/** The number of a numeric cell ("52.50%" → 52.5, "15分" → 15), null when it is not one. */
export function cellNumber(s: string | null | undefined): number | null {
  if (isBlank(s)) return null;
  return parseNumber(clean(s).replace(/[%％]$/, '').replace(/分$/, ''));
}

/** A cell that holds only a comparator: ＞ ≥ = 定性 定量 大于… */
export function isComparatorCell(s: string): boolean {
  const t = clean(s);
  if (/^(定性|定量|正向|反向)(指标)?$/.test(t)) return true;
  const { comparator, rest } = parseComparator(t);
  return comparator != null && rest === '';
}

/** Words a qualitative target or result uses on its own. */
export const QUALITY_WORD = /^(优|良|中|差|优秀|良好|较好|好|合格|达标|是|否|有|无|完成|已完成|未完成|高|低|提高|提升|明显|显著|稳步提升|有所提升|逐步提高|持续|长期|正常|符合|不符合|满意|基本满意)$/;

/** A short unit label such as %, 人, 万元, 元/人·次, 个 (not a number, not a quality word). */
export function isUnitLike(s: string): boolean {
  const t = clean(s);
  if (!t || t.length > 8 || /\d/.test(t) || QUALITY_WORD.test(t) || isComparatorCell(t)) return false;
  return /^[%‰℃a-zA-Z\u4e00-\u9fa5/·.（）()]+$/.test(t);
}

/** Chinese or Latin letters: what a name needs (not only digits and signs). */
export function hasWords(s: string): boolean {
  return /[\u4e00-\u9fa5A-Za-z]{2,}/.test(s);
}

/** A cell that can name an indicator or a level: words, not a bare value. */
export function isNameLike(s: string): boolean {
  const t = clean(s);
  if (!t || isNumeric(t) || isComparatorCell(t) || QUALITY_WORD.test(t)) return false;
  return hasWords(t);
}

/** Level names reports commonly use (一级/二级指标), to tell them from indicator names. */
export const LEVEL_WORD = /(指标|情况|管理|效益|效果|效率|产出|决策|过程|满意度|成本|编制|执行|监督|目标|投入|绩效|资金|公平性|经济性|效率性|效果性)$/;

/** Text length in characters, white space ignored. */
export const len = (s: string): number => clean(s).length;
