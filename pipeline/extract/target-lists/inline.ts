// An indicator list written into one table cell, as budget target tables print them when every project is
// one row: "1.1－产出指标，11－数量指标，项目专职环保员数量；实施周期指标值：≦核定人数，年度指标值：≦核定人数；
// 2、1－产出指标，12－质量指标，环境应急事件响应率；实施周期指标值：100%，年度指标值：100%;…".
// Each item: an item number, the 一级 and 二级 names (each with its outline code, or bare level names), the 三级
// name, then labelled values. Item numbers are not trusted (they restart and repeat in real files): an item
// starts where an item number is followed by a level name.
import { normalizeText } from '../../normalize/text.ts';

export interface InlineIndicator {
  level1: string | null;
  level2: string | null;
  level3: string;
  /** The year's target (年度指标值, or the only 指标值/目标值 written). */
  target: string | null;
  /** The target over the whole implementation period (实施周期指标值), where printed beside the year's. */
  periodTarget: string | null;
  /** The item as written, its number included. */
  raw: string;
}

/** A level name with its outline code: 1－产出指标, 11－数量指标, 22－社会效益. */
const CODED_LEVEL = /^\s*\d{1,3}\s*[－—–-]\s*/;
/** A level name without a code must look like one: 产出指标, 数量指标, 社会效益(指标), 服务对象满意度(指标). */
const BARE_LEVEL = /^[\u4e00-\u9fa5]{2,10}(指标|效益|满意度|成本)$/;

/**
 * Where items start: an item number (1、 2. 3．) right before a coded level, at the cell's start or after the
 * previous item's end (；;。 or a line end). "1.1－产出指标" is item 1 with level code 1.
 */
const ITEM_START = /(?:^|[；;。\n]\s*)(\d{1,3})\s*[、.．]\s*(?=\d{1,3}\s*[－—–-]\s*[\u4e00-\u9fa5])/g;
const ITEM_START_BARE = /(?:^|[；;。\n]\s*)(\d{1,3})\s*[、.．]\s*(?=[\u4e00-\u9fa5]{2,10}(?:指标|效益|满意度|成本)\s*[，,])/g;

const VALUE_LABEL = /(实施周期指标值|年度指标值|年度目标值|指标值|目标值)\s*[:：]/g;

/** Reads every item of an inline indicator list; a text that is no such list gives none. */
export function parseInlineIndicators(cell: string): InlineIndicator[] {
  // a normalisation that keeps every offset, so the raw text of an item is cut from the cell as written
  const text = normalizeText(cell.replace(/\uFEFF/g, ' ')).replace(/\r/g, ' ');
  const written = text.length === cell.length ? cell : text;
  const starts = itemStarts(text);
  const out: InlineIndicator[] = [];
  for (let k = 0; k < starts.length; k++) {
    const raw = written.slice(starts[k].at, k + 1 < starts.length ? starts[k + 1].from : text.length).trim().replace(/[；;。]\s*$/, '');
    const item = readItem(text.slice(starts[k].body, k + 1 < starts.length ? starts[k + 1].from : text.length));
    if (item) out.push({ ...item, raw });
  }
  return out;
}

interface Start { from: number; at: number; body: number }

function itemStarts(text: string): Start[] {
  const found = new Map<number, Start>();
  for (const re of [ITEM_START, ITEM_START_BARE]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      // the separator before the number belongs to the previous item
      const at = m.index + m[0].search(/\d/);
      found.set(m.index, { from: m.index, at, body: m.index + m[0].length });
    }
  }
  return [...found.values()].sort((a, b) => a.from - b.from);
}

function readItem(body: string): Omit<InlineIndicator, 'raw'> | null {
  VALUE_LABEL.lastIndex = 0;
  const labels: Array<{ name: string; index: number; end: number }> = [];
  for (let m = VALUE_LABEL.exec(body); m; m = VALUE_LABEL.exec(body)) labels.push({ name: m[1], index: m.index, end: m.index + m[0].length });
  if (!labels.length) return null;
  // levels and name come before the first value label, parted by commas; the name may hold commas of its own
  const head = body.slice(0, labels[0].index).replace(/[；;，,。\s]+$/, '');
  const parts = head.split(/[，,]/);
  const levels: string[] = [];
  while (parts.length > 1 && levels.length < 2) {
    const p = parts[0].trim();
    const coded = CODED_LEVEL.test(p);
    const name = p.replace(CODED_LEVEL, '').trim();
    if (!name || (!coded && !BARE_LEVEL.test(name))) break;
    levels.push(name);
    parts.shift();
  }
  const level3 = parts.join('，').trim();
  if (!level3 || levels.length === 0) return null;
  const values: Record<string, string> = {};
  labels.forEach((l, i) => {
    const v = body.slice(l.end, i + 1 < labels.length ? labels[i + 1].index : body.length).trim().replace(/[，,；;。]+$/, '').trim();
    values[l.name] ??= v;
  });
  const target = values['年度指标值'] ?? values['年度目标值'] ?? values['指标值'] ?? values['目标值'] ?? values['实施周期指标值'] ?? null;
  return {
    level1: levels[0] ?? null,
    level2: levels[1] ?? null,
    level3,
    target: target === '' ? null : target,
    periodTarget: values['实施周期指标值'] ?? null,
  };
}
