// Text boxes read by OCR → the PDF parser's Runs, in viewport space at scale 1, each carrying its
// confidence (the lowest of its characters), so lines, tables and paragraphs are rebuilt by the
// same builders as a text layer's items.
import type { Run } from '../pdf/geometry.ts';
import { median } from '../pdf/geometry.ts';
import { cleanRunText } from '../pdf/text.ts';
import type { TextBox } from './recogniser.ts';

/**
 * The font size is about this share of a text box's height over a line of Chinese (measured on
 * scans of text PDFs: 12-pt text gives boxes 13.9 pt high).
 */
const GLYPH_SHARE = 0.86;
/** Below this, a character at the edge of a box or alone in one is taken for a speck. */
const SPECK = 0.5;

/**
 * One run per stretch of a box's characters: a box is cut where two neighbouring characters
 * stand further apart than 3.5 character pitches (the gap between two columns the detector saw
 * as one line), as a text layer gives one item per cell.
 */
export function boxesToRuns(boxes: TextBox[], scale: number): Run[] {
  const runs: Run[] = [];
  // box heights vary by a point or two with the letters a line holds; one size of text is one
  // size (paragraph joining compares sizes to half a point)
  const sizes = boxes.map((b) => ((b.y1 - b.y0) / scale) * GLYPH_SHARE);
  const body = median(sizes);
  boxes.forEach((b, k) => {
    const size = Math.abs(sizes[k] - body) <= 0.2 * body ? body : Math.round(sizes[k] * 2) / 2;
    // the PDF parser's convention: a glyph's centre stands 0.35·size above its baseline
    const y = (b.y0 + b.y1) / 2 / scale + size * 0.35;
    // a speck or a stamp's edge beside the text reads as a stray letter of low confidence
    let lo = 0, hi = b.chars.length;
    while (lo < hi && b.chars[lo].confidence < SPECK && /[A-Za-z.,·'`]/.test(b.chars[lo].ch)) lo++;
    while (hi > lo && b.chars[hi - 1].confidence < SPECK && /[A-Za-z.,·'`]/.test(b.chars[hi - 1].ch)) hi--;
    const chars = b.chars.slice(lo, hi);
    if (!chars.length) return;
    // a lone character the recogniser is unsure of is noise, not a word
    if (chars.length === 1 && chars[0].confidence < SPECK && !/\d/.test(chars[0].ch)) return;
    const gaps = chars.slice(1).map((c, i) => c.x - chars[i].x);
    const pitch = Math.max(median(gaps), (size * scale) * 0.45);
    let start = 0;
    for (let i = 1; i <= chars.length; i++) {
      if (i < chars.length && chars[i].x - chars[i - 1].x <= pitch * 3.5) continue;
      const part = chars.slice(start, i);
      const str = fixDigits(cleanRunText(part.map((c) => c.ch).join('')).trim());
      const confidence = Math.round(Math.min(...part.map((c) => c.confidence)) * 1000) / 1000;
      // a speck of the scan read as a lone stop or comma
      if (str && !(/^[.,，。、·\-_'"`:;]+$/.test(str) && confidence < 0.9)) {
        const x0 = start === 0 ? b.x0 : Math.max(b.x0, part[0].x - pitch / 2);
        const x1 = i === chars.length ? b.x1 : Math.min(b.x1, part[part.length - 1].x + pitch / 2);
        runs.push({
          str, x0: x0 / scale, x1: x1 / scale, y, size,
          confidence,
        });
      }
      start = i;
    }
  });
  return joinClose(runs);
}

/**
 * Letters the recogniser gives for digits where a number stands: a lone O (a cell's "0"), or
 * O/o/l/I inside a run of digits ("1O5", "2l"). Chinese reports print no Latin letter alone in
 * a cell, and a letter between digits is a misread digit.
 */
export function fixDigits(s: string): string {
  if (/^[OoＯ〇]\.?$/.test(s)) return '0';
  if (!/\d/.test(s) || !/^[\dOoIl,，.%\-+]+$/.test(s)) return s;
  return s.replace(/[OoＯ]/g, '0').replace(/[Il]/g, '1');
}

/**
 * Boxes of one line closer than half a character are one stretch of text the detector cut (wide
 * letter-spacing in a title, a bold run): joined, as a text layer gives one item. Text in
 * neighbouring table cells stands further apart than that (each cell's padding on both sides).
 */
function joinClose(runs: Run[]): Run[] {
  const sorted = [...runs].sort((a, b) => a.y - b.y || a.x0 - b.x0);
  const out: Run[] = [];
  for (const r of sorted) {
    const prev = out[out.length - 1];
    const size = Math.max(prev?.size ?? 0, r.size);
    if (prev && Math.abs(prev.size - r.size) <= 0.15 * size && Math.abs(prev.y - r.y) <= 0.25 * size && r.x0 >= prev.x1 - 0.3 * size && r.x0 - prev.x1 < 0.6 * size) {
      out[out.length - 1] = {
        ...prev, str: prev.str + r.str, x1: r.x1, size, y: prev.size >= r.size ? prev.y : r.y,
        ...(prev.confidence != null || r.confidence != null ? { confidence: Math.min(prev.confidence ?? 1, r.confidence ?? 1) } : {}),
      };
    } else out.push(r);
  }
  return out;
}
