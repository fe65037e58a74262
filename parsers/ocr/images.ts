// What a page draws besides text, from its operator list: the share of the page its largest image
// covers, and how many paths it paints. For page selection (select.ts).
import { mul } from '../pdf/runs.ts';

// OPS numbers (stable in pdf.js): see OPS in pdfjs-dist
const OP = {
  save: 10, restore: 11, transform: 12, formBegin: 74, formEnd: 75,
  imageMask: 83, imageMaskGroup: 84, image: 85, inlineImage: 86, inlineImageGroup: 87, imageRepeat: 88,
  constructPath: 91,
} as const;
const IMAGES = new Set<number>([OP.imageMask, OP.image, OP.inlineImage, OP.imageRepeat]);

interface OperatorListLike { fnArray: ArrayLike<number>; argsArray: ArrayLike<unknown> }

export interface PageDrawing { imageCover: number; paths: number }

export function pageDrawing(ops: OperatorListLike, viewportTransform: number[], width: number, height: number): PageDrawing {
  let ctm = viewportTransform;
  const stack: number[][] = [];
  let best = 0, paths = 0;
  const area = Math.max(1, width * height);
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    if (fn === OP.save) stack.push(ctm);
    else if (fn === OP.restore) ctm = stack.pop() ?? viewportTransform;
    else if (fn === OP.transform) ctm = mul(ctm, ops.argsArray[i] as number[]);
    else if (fn === OP.formBegin) {
      stack.push(ctm);
      const m = (ops.argsArray[i] as unknown[])[0] as number[] | null;
      if (m && m.length === 6) ctm = mul(ctm, Array.from(m));
    } else if (fn === OP.formEnd) ctm = stack.pop() ?? viewportTransform;
    else if (fn === OP.constructPath) paths++;
    else if (IMAGES.has(fn)) {
      // an image fills the unit square of the current matrix
      const xs = [ctm[4], ctm[0] + ctm[4], ctm[2] + ctm[4], ctm[0] + ctm[2] + ctm[4]];
      const ys = [ctm[5], ctm[1] + ctm[5], ctm[3] + ctm[5], ctm[1] + ctm[3] + ctm[5]];
      const x0 = Math.max(0, Math.min(...xs)), x1 = Math.min(width, Math.max(...xs));
      const y0 = Math.max(0, Math.min(...ys)), y1 = Math.min(height, Math.max(...ys));
      if (x1 > x0 && y1 > y0) best = Math.max(best, ((x1 - x0) * (y1 - y0)) / area);
    }
  }
  return { imageCover: best, paths };
}
