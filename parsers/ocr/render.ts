// Pages rendered to greyscale pixels with pdf.js on @napi-rs/canvas (Skia). A document is opened
// for drawing separately from the text reading in parsers/pdf/load.ts: that one discards embedded
// fonts (nothing is drawn there), while a page whose text layer is garbled must be drawn with its
// glyphs. pdf.js in Node draws glyphs as paths (disableFontFace), so no system fonts are needed.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pdfjs, type PdfDocument } from '../pdf/load.ts';
import type { GreyImage } from './image.ts';

let pdfjsDir: string | undefined;
function assets(): string {
  pdfjsDir ??= dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  return pdfjsDir;
}

export async function openForRendering(bytes: Uint8Array): Promise<PdfDocument> {
  const lib = await pdfjs();
  const data = new Uint8Array(bytes.byteLength);
  data.set(bytes);
  const dir = assets();
  return lib.getDocument({
    data,
    cMapUrl: join(dir, 'cmaps') + '/',
    cMapPacked: true,
    standardFontDataUrl: join(dir, 'standard_fonts') + '/',
    wasmUrl: join(dir, 'wasm') + '/',
    isEvalSupported: false,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: lib.VerbosityLevel.ERRORS,
  }).promise;
}

/** Page `n` drawn at `scale` pixels per point, on white, as greyscale. */
export async function renderPage(doc: PdfDocument, n: number, scale: number): Promise<GreyImage> {
  const { createCanvas } = await import('@napi-rs/canvas');
  const page = await doc.getPage(n);
  try {
    const viewport = page.getViewport({ scale });
    const width = Math.ceil(viewport.width), height = Math.ceil(viewport.height);
    const canvas = createCanvas(width, height);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    await page.render({ canvas: canvas as unknown as HTMLCanvasElement, canvasContext: ctx as unknown as CanvasRenderingContext2D, viewport }).promise;
    const rgba = ctx.getImageData(0, 0, width, height).data;
    const data = new Uint8Array(width * height);
    for (let i = 0, j = 0; i < data.length; i++, j += 4) {
      // luma; alpha is opaque on the white ground
      data[i] = (rgba[j] * 77 + rgba[j + 1] * 150 + rgba[j + 2] * 29) >> 8;
    }
    return { width, height, data };
  } finally {
    page.cleanup();
  }
}
