// Numbers as Chinese reports write them: full-width digits, thousands separators,
// 万元/亿元 units, percentages and comparators.
import { normalizeText, squash } from './text.ts';
import type { Comparator } from '../../schemas/records.ts';

import { MONEY_FACTOR, type MoneyUnit } from '../../schemas/statements.ts';

// the money units and their factors are the schema's, so statements and figures read 万元 alike
export type { MoneyUnit };
export const UNIT_FACTOR = MONEY_FACTOR;

/** Parses a plain number: "14,057.72", "１２３．５", "-24.34", " 1 234 ". Null when it is not one. */
export function parseNumber(raw: string | null | undefined): number | null {
  if (raw == null) return null;
  const s = squash(normalizeText(raw)).replace(/[,，](?=\d{3}(\D|$))/g, '').replace(/。$/, '');
  if (!/^[+-]?(\d+(\.\d+)?|\.\d+)$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** Multiplies without binary noise: 607.94 × 10000 = 6079400, not 6079399.999999999. */
export function scale(value: number, factor: number): number {
  const decimals = (String(value).split('.')[1] ?? '').length;
  return Number((value * factor).toFixed(Math.max(0, decimals - Math.log10(factor) + 2)));
}

/** Converts an amount in the given unit to yuan. */
export function toYuan(value: number, unit: MoneyUnit): number {
  return scale(value, UNIT_FACTOR[unit]);
}

export interface MoneyMatch { value: number; unit: MoneyUnit; valueYuan: number; index: number; length: number; text: string }

// A number optionally followed by a money unit; 万 alone counts as 万元 ("公务接待费1万").
const MONEY_RE = /([+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[+-]?\d+(?:\.\d+)?)\s*(亿元|万元|元|亿|万)?/g;

/** Every number in a normalised text with its money unit, if it has one. */
export function findNumbers(text: string): Array<{ value: number; unit: MoneyUnit | null; index: number; length: number; text: string; percent: boolean }> {
  const out = [];
  for (const m of text.matchAll(MONEY_RE)) {
    const value = parseNumber(m[1]);
    if (value == null) continue;
    let u: string | undefined = m[2];
    const next = text.charAt(m.index! + m[0].length);
    // 万/亿 before a measure word is a count (93.89万人, 2万次), not money
    if ((u === '万' || u === '亿') && /[\p{Script=Han}]/u.test(next) && next !== '元') u = undefined;
    const unit: MoneyUnit | null = u === '亿' || u === '亿元' ? '亿元' : u === '万' || u === '万元' ? '万元' : u === '元' ? '元' : null;
    const after = text.slice(m.index! + m[0].length, m.index! + m[0].length + 2);
    out.push({ value, unit, index: m.index!, length: m[0].length, text: m[0], percent: /^\s*[%％]/.test(after) });
  }
  return out;
}

/** Parses a money amount with its unit: "607.94万元" → 6079400. A bare number uses the default unit. */
export function parseMoney(raw: string, defaultUnit: MoneyUnit | null = null): number | null {
  const s = squash(normalizeText(raw));
  const m = /^([+-]?[\d,]+(?:\.\d+)?)(亿元|万元|元|亿|万)?$/.exec(s);
  if (!m) return null;
  const value = parseNumber(m[1]);
  if (value == null) return null;
  const unit = m[2] ? (m[2].startsWith('亿') ? '亿元' : m[2].startsWith('万') ? '万元' : '元') : defaultUnit;
  return unit ? toYuan(value, unit) : null;
}

/** Parses "52.50%" → 52.5; a bare number is taken as already a percent. */
export function parsePercent(raw: string): number | null {
  const s = squash(normalizeText(raw)).replace(/[%％]$/, '');
  return parseNumber(s);
}

const COMPARATORS: Array<[RegExp, Comparator]> = [
  [/^(>=|≥|≧|＞=|大于等于|不低于|不少于|大于或等于|至少)/, '>='],
  [/^(<=|≤|≦|＜=|小于等于|不高于|不超过|不多于|小于或等于|至多|最多)/, '<='],
  [/^(>|＞|大于|高于|超过)/, '>'],
  [/^(<|＜|小于|低于)/, '<'],
  [/^(=|＝|等于)/, '='],
  [/^定性/, 'qualitative'],
];

/** Reads a comparator written alone (指标性质 column) or as the prefix of a target. */
export function parseComparator(raw: string | null | undefined): { comparator: Comparator | null; rest: string } {
  const s = squash(normalizeText(raw ?? ''));
  for (const [re, cmp] of COMPARATORS) {
    const m = re.exec(s);
    if (m) return { comparator: cmp, rest: s.slice(m[0].length) };
  }
  return { comparator: null, rest: s };
}

/** Words after a quantity that bound it: 400条以上 is ≥ 400 条, 5天以内 is ≤ 5 天. */
const SUFFIX_COMPARATORS: Array<[RegExp, Comparator]> = [
  [/(?:及以上|或以上|以上)$/, '>='],
  [/(?:及以下|或以下|以下|以内|之内)$/, '<='],
  // 内 alone bounds a time or a count (3天内, 2次内), not any unit that happens to end in it
  [/(?<=[天日月年周次个时钟秒])内$/, '<='],
];

/** Splits a target or actual value into number and unit: ">=98%" → {>=, 98, %}; "400条以上" → {>=, 400, 条}; "优" → {null, null, null}. */
export function parseQuantity(raw: string | null | undefined): { comparator: Comparator | null; value: number | null; unit: string | null } {
  let { comparator, rest } = parseComparator(raw);
  const m = /^([+-]?\d[\d,]*(?:\.\d+)?|[+-]?\.\d+)(.*)$/.exec(rest);
  if (!m) return { comparator, value: null, unit: null };
  const value = parseNumber(m[1]);
  let unit = m[2].replace(/^[（(](.*)[)）]$/, '$1').trim();
  // a clause after the quantity ("100%，或者达到95%以上…") is not part of its unit
  unit = unit.split(/[，,；;。（(]/)[0];
  for (const [re, cmp] of SUFFIX_COMPARATORS) {
    const s = re.exec(unit);
    if (!s) continue;
    comparator ??= cmp;
    unit = unit.slice(0, s.index);
    break;
  }
  // a unit is a short run of letters, signs and per-marks (%, 个, 元/人/天, 微克/立方米, 元/人·次); anything
  // longer is a phrase ("12月前完成") whose head alone may be a unit
  const head = /^(?:%|‰|℃|[\u4e00-\u9fa5A-Za-z]{1,4}(?:[/·][\u4e00-\u9fa5A-Za-z]{1,4})*)/.exec(unit)?.[0] ?? null;
  return { comparator, value, unit: unit === '' ? null : head ?? unit };
}
