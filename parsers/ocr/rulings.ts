// Ruling lines of a scanned (straightened) page image, as the PDF parser's Segments in viewport
// space at scale 1, so parsers/pdf/tables.ts rebuilds the grid exactly as it does from a text
// PDF's drawn lines. A rule is a long, thin run of ink; strokes of characters are short, and
// strokes of large characters (titles) are masked out by their text boxes.
import type { Segment } from '../pdf/geometry.ts';
import { mergeSegments } from '../pdf/rulings.ts';
import type { GreyImage } from './image.ts';

export interface PixelBox { x0: number; y0: number; x1: number; y1: number }

export interface RulingOptions {
  /** Pixels per point of the image (render scale). */
  scale: number;
  /** Text boxes read on the page, in pixels: their median height sets the shortest rule. */
  text: PixelBox[];
}

/** Ink broken by up to this many pixels (scan noise, a faint stretch) is one rule. */
const GAP = 5;
/**
 * A rule is often a hairline one pixel wide, greyed by scanning and straightening: it counts as
 * ink up to a lighter grey than text does (paper stays well above it).
 */
const RULE_INK = 200;
/** A rule thicker than this many pixels is a filled shape or a block of text. */
const THICK = 6;

export function findRulings(img: GreyImage, o: RulingOptions): Segment[] {
  const { width: w, height: h } = img;
  const heights = o.text.map((b) => b.y1 - b.y0).sort((a, b) => a - b);
  const line = heights.length ? heights[heights.length >> 1] : 12 * o.scale;
  const ink = new Uint8Array(w * h);
  for (let i = 0; i < ink.length; i++) ink[i] = img.data[i] < RULE_INK ? 1 : 0;
  // large characters have strokes as long as a rule: their boxes are blanked first
  for (const b of o.text) {
    if (b.y1 - b.y0 <= line * 1.6) continue;
    for (let y = Math.max(0, Math.floor(b.y0) + 1); y < Math.min(h, Math.ceil(b.y1) - 1); y++) {
      ink.fill(0, y * w + Math.max(0, Math.floor(b.x0) + 1), y * w + Math.min(w, Math.ceil(b.x1) - 1));
    }
  }
  // horizontal rules run between lines of text, never through them: the middle of every text box
  // is blanked for the horizontal pass (strokes of a line of characters, a pixel apart, would
  // otherwise join into a "rule"); the vertical pass keeps them, as a box may span a column rule
  const inkH = ink.slice();
  for (const b of o.text) {
    const pad = (b.y1 - b.y0) * 0.1;
    for (let y = Math.max(0, Math.floor(b.y0 + pad)); y < Math.min(h, Math.ceil(b.y1 - pad)); y++) {
      inkH.fill(0, y * w + Math.max(0, Math.floor(b.x0)), y * w + Math.min(w, Math.ceil(b.x1)));
    }
  }
  const minH = Math.max(40, line * 2.5);
  const minV = Math.max(20, line * 1.25);
  const segs: Segment[] = [];
  // horizontal: rows of ink, a pixel counting when it or a vertical neighbour is ink (a rule
  // left a fraction of a degree off level steps by one row now and then)
  for (let y = 1; y < h - 1; y++) {
    let start = -1, last = -1;
    for (let x = 0; x <= w; x++) {
      const on = x < w && (inkH[y * w + x] || inkH[(y - 1) * w + x] || inkH[(y + 1) * w + x]);
      if (on) { if (start < 0) start = x; last = x; }
      else if (start >= 0 && x - last > GAP) {
        if (last - start >= minH && thin(inkH, w, h, start, last, y, true)) segs.push({ x0: start / o.scale, x1: last / o.scale, y0: y / o.scale, y1: y / o.scale });
        start = -1;
      }
    }
  }
  for (let x = 1; x < w - 1; x++) {
    let start = -1, last = -1;
    for (let y = 0; y <= h; y++) {
      const p = y * w + x;
      const on = y < h && (ink[p] || ink[p - 1] || ink[p + 1]);
      if (on) { if (start < 0) start = y; last = y; }
      else if (start >= 0 && y - last > GAP) {
        if (last - start >= minV && thin(ink, w, h, start, last, x, false)) segs.push({ x0: x / o.scale, x1: x / o.scale, y0: start / o.scale, y1: last / o.scale });
        start = -1;
      }
    }
  }
  // a vertical run that stays within one text box is a stroke of its characters (a title's 十, 川),
  // not a rule: a column rule runs past the text of its cell, and joined over rows, past many
  const boxes = o.text.map((b) => { const m = (b.y1 - b.y0) * 0.25; return { x0: b.x0 / o.scale, x1: b.x1 / o.scale, y0: (b.y0 - m) / o.scale, y1: (b.y1 + m) / o.scale }; });
  return mergeSegments(segs).filter((sg) => sg.y0 === sg.y1
    || !boxes.some((b) => sg.x0 > b.x0 && sg.x0 < b.x1 && sg.y0 >= b.y0 && sg.y1 <= b.y1));
}

/**
 * Whether the run [a, b] on row (or column) c is a thin line and not a band of text or a filled
 * area: sampled across its length, the ink across it is at most THICK pixels thick.
 */
function thin(ink: Uint8Array, w: number, h: number, a: number, b: number, c: number, horizontal: boolean): boolean {
  let samples = 0, thick = 0;
  for (let t = a; t <= b; t += 4) {
    let n = 0;
    for (let d = -THICK; d <= THICK; d++) {
      const u = c + d;
      if (horizontal ? u < 0 || u >= h : u < 0 || u >= w) continue;
      if (horizontal ? ink[u * w + t] : ink[t * w + u]) n++;
    }
    samples++;
    if (n > THICK) thick++;
  }
  return thick <= samples * 0.3;
}
