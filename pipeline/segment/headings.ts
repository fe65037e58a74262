// Recognises a Chinese heading at the start of a paragraph: its numbering style, number and title.
// A heading often carries its paragraph on the same line (（一）单位情况。徐闻县…): the title is the
// text up to the first 。 or ：, and only when that is short; a long numbered sentence is a list item.
import type { HeadingStyle } from '../../schemas/sections.ts';

export interface HeadingMatch { style: HeadingStyle; number: string | null; title: string; rest: string }

const CN_NUM = '一二三四五六七八九十百零〇';
const PATTERNS: Array<[HeadingStyle, RegExp]> = [
  ['part', new RegExp(`^(第[${CN_NUM}\\d]+部分)[\\s\\u3000、：:.．]*`)],
  ['chapter', new RegExp(`^(第[${CN_NUM}\\d]+[章节])[\\s\\u3000、：:.．]*`)],
  ['cn', new RegExp(`^([${CN_NUM}]{1,3}[、．.])\\s*`)],
  ['paren-cn', new RegExp(`^([（(]\\s*[${CN_NUM}]{1,3}\\s*[)）])[、.．\\s]*`)],
  ['arabic', /^(\d{1,2}(?:[、．]|\.(?!\d)))\s*/],
  ['paren-arabic', /^([（(]\s*\d{1,2}\s*[)）])[、.．\s]*/],
  ['circled', /^([①-⑳])\s*/],
];

/** Longest title a numbered heading may have before it reads as a sentence. */
export const MAX_TITLE = 28;
/** Longest unnumbered line that may be a heading. */
export const MAX_PLAIN_TITLE = 16;

function splitTitle(body: string): { title: string; rest: string } | null {
  const stop = body.search(/[。：:；;]/);
  if (stop < 0) {
    // no sentence stop: the whole line is the title if short and not itself a sentence with commas
    if (body.length > 14 && body.includes('、')) return null;
    return body.length <= MAX_TITLE && !/[，,]/.test(body) ? { title: body, rest: '' } : null;
  }
  const title = body.slice(0, stop);
  if (title.length > MAX_TITLE || /[，,]/.test(title) || title.length === 0) return null;
  // an enumeration of duties (负责…、…和…) is a list item, not a heading
  if (title.length > 14 && title.includes('、')) return null;
  return { title, rest: body.slice(stop + 1).trim() };
}

/** Matches a numbered heading; null when the line is not one (or is a long numbered sentence). */
export function matchNumberedHeading(text: string): HeadingMatch | null {
  const line = text.trim();
  for (const [style, re] of PATTERNS) {
    const m = re.exec(line);
    if (!m) continue;
    const body = line.slice(m[0].length).trim();
    // a number followed by a unit or digits is a quantity, not a heading: "1.5万元", "2023年"
    if (style === 'arabic' && /^[\d万元年月日%]/.test(body)) return null;
    const split = splitTitle(body);
    if (!split) return null;
    // a statement of an amount ("公务接待费支出0万元") is not a heading
    if (/\d(\.\d+)?\s*(万元|亿元|元|%)/.test(split.title)) return null;
    return { style, number: m[1].replace(/\s+/g, ''), title: split.title, rest: split.rest };
  }
  return null;
}

/** An unnumbered heading: a short phrase on its own line, at most ending in 。 or ：. */
export function matchPlainHeading(text: string): HeadingMatch | null {
  const line = text.trim().replace(/[。：:]$/, '');
  if (!line || line.length > MAX_PLAIN_TITLE) return null;
  if (/[，,。；;：:、（）()“”"\d%]/.test(line)) return null;
  return { style: 'plain', number: null, title: line, rest: '' };
}

/** Whether a line names the report itself, e.g. 部门整体支出绩效自评报告. */
export function isReportTitle(text: string): boolean {
  const line = text.replace(/[\s\u3000]/g, '');
  return line.length <= 50 && /(报告|自评表|决算|预算|公开|申报表|评价结果)$/.test(line) && !/[，。；：:]/.test(line);
}
