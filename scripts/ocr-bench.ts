// OCR engines measured on scanned pages against the text version of the same pages:
// accuracy = character agreement (2·LCS / (|ocr| + |text|), white space ignored), speed = seconds
// per page (render, deskew and recognition), peak RSS of this process.
//   npx tsx scripts/ocr-bench.ts TEXT.pdf SCAN.pdf [--pages 1-3] [--engine paddle|tesseract|gutenye]
// SCAN.pdf is made from TEXT.pdf by scripts/make-scans.ts (same pages). "tesseract" runs Debian's
// tesseract-ocr with chi_sim (apt-get install tesseract-ocr tesseract-ocr-chi-sim); "gutenye" runs
// @gutenye/ocr-node if it is installed (it is not a dependency). Both are given the same
// straightened page image as PP-OCRv4.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openPdf } from '../parsers/pdf/load.ts';
import { toRuns } from '../parsers/pdf/runs.ts';
import { buildLines } from '../parsers/pdf/lines.ts';
import { deskew, type GreyImage } from '../parsers/ocr/image.ts';
import { openForRendering, renderPage } from '../parsers/ocr/render.ts';
import { PaddleRecogniser } from '../parsers/ocr/paddle.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: {
  pages: { type: 'string', default: '1-2' }, engine: { type: 'string', default: 'paddle' },
} });
const [textPdf, scanPdf] = positionals;
if (!textPdf || !scanPdf) { console.error('usage: npx tsx scripts/ocr-bench.ts TEXT.pdf SCAN.pdf [--pages 1-3] [--engine paddle|tesseract|gutenye]'); process.exit(2); }
const [first, last = first] = values.pages!.split('-').map(Number);

const squash = (s: string) => s.replace(/\s+/g, '').normalize('NFKC');

/** 2·LCS/(|a|+|b|): 1 when the texts agree character for character. */
export function agreement(a: string, b: string): number {
  if (!a.length && !b.length) return 1;
  const prev = new Uint16Array(b.length + 1), cur = new Uint16Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    prev.set(cur);
  }
  return (2 * prev[b.length]) / (a.length + b.length);
}

async function referenceText(n: number): Promise<string> {
  const doc = await openPdf(textPdf, new Uint8Array(readFileSync(textPdf)));
  const page = await doc.getPage(n);
  const runs = toRuns((await page.getTextContent()).items, page.getViewport({ scale: 1 }).transform as number[]);
  const text = buildLines(runs, n).map((l) => l.text).join('\n');
  await doc.destroy();
  return text;
}

async function png(img: GreyImage, path: string): Promise<void> {
  const { createCanvas } = await import('@napi-rs/canvas');
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext('2d');
  const data = ctx.createImageData(img.width, img.height);
  for (let i = 0; i < img.data.length; i++) {
    const v = img.data[i];
    data.data[i * 4] = v; data.data[i * 4 + 1] = v; data.data[i * 4 + 2] = v; data.data[i * 4 + 3] = 255;
  }
  ctx.putImageData(data, 0, 0);
  writeFileSync(path, canvas.toBuffer('image/png'));
}

type Engine = (img: GreyImage) => Promise<string>;
const tmp = mkdtempSync(join(tmpdir(), 'ocr-bench-'));
let load = Date.now();
let engine: Engine;
if (values.engine === 'paddle') {
  const r = await PaddleRecogniser.create();
  engine = async (img) => (await r.read(img)).map((b) => b.text).join('\n');
} else if (values.engine === 'tesseract') {
  engine = async (img) => {
    await png(img, join(tmp, 'p.png'));
    return execFileSync('tesseract', [join(tmp, 'p.png'), '-', '-l', 'chi_sim', '--psm', '3'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  };
} else if (values.engine === 'gutenye') {
  const name = '@gutenye/ocr-node';
  const Ocr = (await import(name)).default as { create(): Promise<{ detect(p: string): Promise<Array<{ text: string }>> }> };
  const ocr = await Ocr.create();
  engine = async (img) => { await png(img, join(tmp, 'p.png')); return (await ocr.detect(join(tmp, 'p.png'))).map((l) => l.text).join('\n'); };
} else throw new Error(`unknown engine ${values.engine}`);
const loadMs = Date.now() - load;

const drawn = await openForRendering(new Uint8Array(readFileSync(scanPdf)));
let seconds = 0, sum = 0, n = 0;
for (let p = first; p <= last; p++) {
  const ref = squash(await referenceText(p));
  const t0 = Date.now();
  const { image } = deskew(await renderPage(drawn, p, 150 / 72));
  const text = squash(await engine(image));
  const s = (Date.now() - t0) / 1000;
  const a = agreement(text, ref);
  seconds += s; sum += a; n++;
  console.log(`page ${p}: agreement ${(100 * a).toFixed(1)}%  ${s.toFixed(1)} s  (${text.length} chars read, ${ref.length} in the text layer)`);
}
rmSync(tmp, { recursive: true, force: true });
console.log(`${values.engine}: ${n} pages, agreement ${(100 * sum / n).toFixed(1)}%, ${(seconds / n).toFixed(1)} s/page, ${(n / seconds).toFixed(2)} pages/s, load ${loadMs} ms, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
