// The text a PDF draws inside rectangles, read from the page's own text content with pdf.js (not through
// the parser), for checking boxes: a character counts when its centre lies in a box. Characters are placed
// along their text item by width (CJK square, the rest half), which is how far a text item says anything.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Box } from '../../schemas/document.ts';
import { pdfjs } from '../../parsers/pdf/load.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const weight = (ch: string) => (/[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFF60\u3000-\u303F]/.test(ch) ? 1 : 0.5);

export interface PlacedChar { ch: string; x: number; y: number }

export const squash = (s: string) => s.normalize('NFKC').replace(/[\s\u3000]+/g, '');

/** Every character of every page (1-based page → characters), in viewport space at scale 1. */
export async function pdfChars(file: string): Promise<Map<number, PlacedChar[]>> {
  const lib = await pdfjs();
  const dir = join(ROOT, 'node_modules/pdfjs-dist');
  const doc = await lib.getDocument({ data: new Uint8Array(readFileSync(file)), cMapUrl: `${dir}/cmaps/`, cMapPacked: true, standardFontDataUrl: `${dir}/standard_fonts/`, isEvalSupported: false }).promise;
  const out = new Map<number, PlacedChar[]>();
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const vt = page.getViewport({ scale: 1 }).transform as number[];
      const chars: PlacedChar[] = [];
      for (const raw of (await page.getTextContent()).items) {
        const it = raw as { str: string; transform: number[]; width: number };
        if (!it.str?.trim()) continue;
        const [a, b, c, d, e, f] = it.transform;
        const x = vt[0] * e + vt[2] * f + vt[4], y = vt[1] * e + vt[3] * f + vt[5];
        const size = Math.hypot(vt[0] * c + vt[2] * d, vt[1] * c + vt[3] * d) || Math.hypot(a, b);
        const list = Array.from(it.str);
        const total = list.reduce((s, ch) => s + weight(ch), 0) || 1;
        let at = x;
        for (const ch of list) {
          const w = (weight(ch) / total) * it.width * Math.hypot(vt[0], vt[1]);
          chars.push({ ch, x: at + w / 2, y: y - size * 0.35 });
          at += w;
        }
      }
      out.set(n, chars);
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  return out;
}

/** The characters inside the boxes, top to bottom, left to right. */
export function textIn(chars: PlacedChar[], boxes: Box[]): string {
  return chars.filter((p) => boxes.some((bx) => p.x >= bx.x0 && p.x <= bx.x1 && p.y >= bx.y0 && p.y <= bx.y1))
    .sort((p, q) => (Math.abs(p.y - q.y) > 3 ? p.y - q.y : p.x - q.x)).map((p) => p.ch).join('');
}
