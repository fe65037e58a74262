// Text clean-up for PDF runs: radicals folded, layout spaces dropped where Chinese text has none.
import { foldRadicals } from '../../pipeline/normalize/text.ts';

const CJK = '\\u2E80-\\u9FFF\\uF900-\\uFAFF\\uFF00-\\uFFEF\\u3000-\\u303F';
// a space between a Chinese character (or full-width punctuation) and a non-space ASCII character is
// spacing the layout added ("2023 年"), not a space of the text
const SPACE_CJK_ASCII = new RegExp(`([${CJK}]) +(?=[!-~])`, 'g');
const SPACE_ASCII_CJK = new RegExp(`([!-~]) +(?=[${CJK}])`, 'g');

/**
 * Folds Kangxi radicals and CJK radical supplements (⼀ → 一) and odd spaces, as
 * pipeline/normalize/text.ts does, but keeps full-width signs (＜, ％) exactly as printed:
 * a parser reports the text, later stages normalise it.
 */
export function cleanRunText(s: string): string {
  return foldRadicals(s)
    .replace(/[\u00A0\u2002-\u200B\u202F\u205F]/g, ' ')
    .replace(/[\u0000-\u0008\u000B-\u001F\uFEFF\uFFFD]/g, '');
}

/** Width weight of a character: CJK and full-width signs are square, the rest about half. */
export const charWeight = (ch: string) => (/[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFF60\u3000-\u303F]/.test(ch) ? 1 : 0.5);

/** Final clean-up of a line or a paragraph. */
export function tidy(s: string): string {
  return s
    .replace(/[ \t]+/g, ' ')
    .replace(SPACE_CJK_ASCII, '$1')
    .replace(SPACE_ASCII_CJK, '$1')
    .replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
}

const CJK_END = new RegExp(`[${CJK}]$`);
const CJK_START = new RegExp(`^[${CJK}]`);

/** Joins two pieces of wrapped text: no space in Chinese, one space between Latin words. */
export function joinWrapped(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  if (CJK_END.test(a) || CJK_START.test(b) || /[-/]$/.test(a)) return a + b;
  if (/[A-Za-z,;:]$/.test(a) && /^[A-Za-z(]/.test(b)) return a + ' ' + b;
  return a + b;
}
