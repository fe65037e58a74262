// What a page draws, recorded while pdf.js extracts its text. The module hook that loads pdf.js
// (pipeline/ingest/plain-modules.mjs) makes getTextContent hand the operators it skips (save,
// restore, transform, path construction and painting, form begin and end) to an observer on
// globalThis; this module is that observer. Each page's operators are rebuilt into the shape of
// pdf.js's own operator list, as getOperatorList would give them (paths as OPS.constructPath with
// DrawOPS data in a Float32Array), so readRulings reads both the same way and the page's content
// stream is parsed once instead of twice.
//
// Without the hook (pdf.js imported some other way) nothing is observed, `drawingObserved()` is
// false, and the parser asks getOperatorList as before.
import type { PdfDocument } from './load.ts';

const OBSERVER = Symbol.for('jixiao.pdfjs.drawing');
const PATCHED = Symbol.for('jixiao.pdfjs.drawing.patched');

/** The subset of pdf.js's OperatorList that readRulings and pageDrawing read. */
export interface RecordedOperators { fnArray: number[]; argsArray: unknown[] }

// pdf.js OPS and DrawOPS numbers (stable: they are pdf.js's public operator codes)
const OP = {
  save: 10, restore: 11, transform: 12,
  moveTo: 13, lineTo: 14, curveTo: 15, curveTo2: 16, curveTo3: 17, closePath: 18, rectangle: 19,
  closeStroke: 21, closeFillStroke: 26, closeEOFillStroke: 27, endPath: 28,
  constructPath: 91, formBegin: 74, formEnd: 75,
} as const;
const DRAW = { moveTo: 0, lineTo: 1, curveTo: 2, closePath: 4 } as const;

/** One page's operators as they arrive, and the path under construction (as pdf.js's buildPath keeps it). */
class PageRecording implements RecordedOperators {
  readonly fnArray: number[] = [];
  readonly argsArray: unknown[] = [];
  /** The path being built; a form starts its own (pdf.js clones its state with a new path). */
  private paths: number[][] = [[]];
  private x = 0;
  private y = 0;

  add(fn: number, args: unknown[] | null): void {
    const a = (args ?? []) as number[];
    const path = this.paths[this.paths.length - 1];
    switch (fn) {
      case OP.save: case OP.restore: this.push(fn, null); break;
      case OP.transform: this.push(fn, a.slice()); break;
      case OP.formBegin: this.paths.push([]); this.push(fn, [a[0] ?? null]); break;
      case OP.formEnd: if (this.paths.length > 1) this.paths.pop(); this.push(fn, null); break;
      case OP.rectangle: {
        const [x, y, w, h] = a;
        this.x = x; this.y = y;
        if (w === 0 || h === 0) path.push(DRAW.moveTo, x, y, DRAW.lineTo, x + w, y + h, DRAW.closePath);
        else path.push(DRAW.moveTo, x, y, DRAW.lineTo, x + w, y, DRAW.lineTo, x + w, y + h, DRAW.lineTo, x, y + h, DRAW.closePath);
        break;
      }
      case OP.moveTo: this.x = a[0]; this.y = a[1]; path.push(DRAW.moveTo, a[0], a[1]); break;
      case OP.lineTo: this.x = a[0]; this.y = a[1]; path.push(DRAW.lineTo, a[0], a[1]); break;
      case OP.curveTo: path.push(DRAW.curveTo, a[0], a[1], a[2], a[3], a[4], a[5]); this.x = a[4]; this.y = a[5]; break;
      case OP.curveTo2: path.push(DRAW.curveTo, this.x, this.y, a[0], a[1], a[2], a[3]); this.x = a[2]; this.y = a[3]; break;
      case OP.curveTo3: path.push(DRAW.curveTo, a[0], a[1], a[2], a[3], a[2], a[3]); this.x = a[2]; this.y = a[3]; break;
      case OP.closePath: path.push(DRAW.closePath); break;
      default:
        if (fn >= 20 && fn <= OP.endPath) {
          // a paint operator ends the path, as getOperatorList's constructPath does
          if (fn === OP.closeStroke || fn === OP.closeFillStroke || fn === OP.closeEOFillStroke) path.push(DRAW.closePath);
          this.push(OP.constructPath, [fn, [path.length ? new Float32Array(path) : null], null]);
          path.length = 0;
        }
    }
  }

  private push(fn: number, args: unknown): void {
    this.fnArray.push(fn);
    this.argsArray.push(args);
  }
}

const recordings = new Map<string, PageRecording>();

function observe(docId: string, pageIndex: number, fn: number, args: unknown[] | null): void {
  recordings.get(`${docId}:${pageIndex}`)?.add(fn, args);
}

/** Whether the loaded pdf.js reports drawing with text (the module hook is in place). */
export function drawingObserved(): boolean {
  return (globalThis as Record<symbol, unknown>)[PATCHED] === true;
}

/**
 * Records what page `n` (1-based) of `doc` draws while `extract` runs (its getTextContent); gives
 * the extraction's result and the page's operators.
 */
export async function withDrawing<T>(doc: PdfDocument, n: number, extract: () => Promise<T>): Promise<{ result: T; drawing: RecordedOperators }> {
  (globalThis as Record<symbol, unknown>)[OBSERVER] ??= observe;
  // the worker side names the document g_<loading task id> (pdf.js's idFactory.getDocId)
  const key = `g_${doc.loadingTask.docId}:${n - 1}`;
  const recording = new PageRecording();
  recordings.set(key, recording);
  try {
    return { result: await extract(), drawing: recording };
  } finally {
    recordings.delete(key);
  }
}
