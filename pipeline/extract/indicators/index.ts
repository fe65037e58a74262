// Performance-indicator rows (目标表, 自评表, project 绩效指标 tables, verification 评分表) as records.
import type { SegmentedDocument } from '../../../schemas/sections.ts';
import type { Comparator, DocumentMeta, Indicator } from '../../../schemas/records.ts';
import { parseComparator, parseQuantity } from '../../normalize/numbers.ts';
import { normalizeText } from '../../normalize/text.ts';
import { cellNumber, clean, isBlank } from '../tables/cells.ts';
import { splitCode } from '../tables/project-name.ts';
import { originOf } from '../origin.ts';
import { readIndicatorTables, type ReadRow } from './read.ts';
import type { Header } from '../tables/header.ts';

export { readIndicatorTables } from './read.ts';
export type { IndicatorTable, ReadRow } from './read.ts';

/**
 * A cell's text on one line. A line break or space between two Chinese characters is the cell's wrapping (a
 * label written down a narrow merged cell: 成本指\n标), not a word space, and goes; others become one space.
 */
const text = (s: string | null | undefined): string | null => {
  if (s == null || s.trim() === '') return null;
  return s.trim().replace(/(?<=[\u4e00-\u9fa5，、；：（）])\s+(?=[\u4e00-\u9fa5，、；：（）])/g, '').replace(/\s+/g, ' ');
};

/**
 * An outline code before an indicator or level name: A101, B2, C (scoring schemes), 1.1, 一、, （二）. Names
 * proper rarely start so (A级景区 keeps its A: a bare letter counts only before the level word).
 */
const OUTLINE_CODE = /^(?:[A-Z]\d{1,4}(?:[.．]\d+)*|\d+(?:[.．]\d+)+|\d+[、.．](?!\d)|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）])\s*(?=\S)/;
const LETTER_CODE = /^[A-Z](?=[\u4e00-\u9fa5])(?!级)/;
/** A level name's own weight written into it: 决策15分, 产出（25分）. */
const WEIGHT_SUFFIX = /\s*[（(]?\s*\d+(?:\.\d+)?\s*分\s*[)）]?$/;

/** An indicator's name without its outline code ("A101立项依据充分性" → 立项依据充分性). */
export function indicatorName(s: string | null | undefined): string | null {
  const t = text(s);
  if (t == null) return null;
  const bare = t.replace(OUTLINE_CODE, '');
  return bare === '' ? t : bare;
}

/** Level names lose the spaces an extraction put inside them (预算 执行 效益), their outline code and weight (A决策15分 → 决策). */
export function levelName(s: string | null | undefined): string | null {
  if (s == null || clean(s) === '') return null;
  const t = clean(s);
  const bare = t.replace(OUTLINE_CODE, '').replace(LETTER_CODE, '').replace(WEIGHT_SUFFIX, '');
  return bare === '' || !/[\u4e00-\u9fa5A-Za-z]/.test(bare) ? t : bare;
}

function comparatorOf(cell: string | null | undefined): Comparator | null {
  const t = clean(cell);
  if (!t || isBlank(t)) return null;
  if (/^定性/.test(t)) return 'qualitative';
  if (/^(定量|正向|反向)/.test(t)) return null;
  return parseComparator(t).comparator;
}

/**
 * The number a completion sentence states for the target's unit: "全年参保185164人，超额完成" against a target in
 * 人 gives 185164. Only where the sentence has exactly one number in that unit; any other sentence gives none, so a
 * target rule never compares a number the sentence did not give as the actual.
 */
export function valueInSentence(sentence: string | null, unit: string | null): number | null {
  if (!sentence || !unit || !/[\u4e00-\u9fa5]{2}/.test(sentence)) return null;
  const u = unit.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const all = [...normalizeText(sentence).matchAll(/(\d[\d,]*(?:\.\d+)?)\s*([%％]|[\u4e00-\u9fa5A-Za-z/·]{0,6})/g)];
  const inUnit = all.filter((m) => (unit === '%' ? /^[%％]/.test(m[2]) : m[2].startsWith(unit)) && !(unit !== '%' && /^[万亿千]/.test(m[2]) && !/^[万亿千]/.test(unit)));
  if (all.length !== 1 || inUnit.length !== 1) return null;
  return Number(inUnit[0][1].replace(/,/g, ''));
}

/** Builds an Indicator from a read row. */
export function toIndicator(doc: SegmentedDocument, header: Header, row: ReadRow, project: string | null): Indicator {
  const v = row.values;
  const has = (role: Parameters<Header['roles']['includes']>[0]) => header.roles.includes(role);
  const target = text(v.target);
  const actual = text(v.actual);
  const tq = parseQuantity(target);
  const aq = parseQuantity(actual);
  let comparator: Comparator | null = has('comparator') ? comparatorOf(v.comparator) : null;
  comparator ??= tq.comparator;
  const unitCell = has('unit') && !isBlank(v.unit) ? clean(v.unit) : null;
  const indicator: Indicator = {
    ...originOf(doc, row.block, row.row),
    project,
    level1: levelName(row.level1),
    level2: levelName(row.level2),
    level3: indicatorName(v.level3) ?? '',
    comparator,
    target,
    targetValue: tq.value,
    targetUnit: unitCell ?? tq.unit,
    actual,
    actualValue: aq.value ?? valueInSentence(actual, unitCell ?? tq.unit),
    raw: row.raw,
  };
  if (has('weight')) indicator.weight = cellNumber(v.weight);
  if (has('score')) indicator.score = cellNumber(v.score);
  if (has('selfScore')) indicator.selfScore = cellNumber(v.selfScore);
  return indicator;
}

export function extractIndicators(doc: SegmentedDocument, _meta: DocumentMeta): Indicator[] {
  const out: Indicator[] = [];
  for (const table of readIndicatorTables(doc)) {
    const project = table.project ? splitCode(table.project).name : null;
    for (const row of table.rows) out.push(toIndicator(doc, table.header, row, project));
  }
  return out;
}
