// PDF pages as PNG images, drawn by pdf.js on @napi-rs/canvas (Skia) in this process, and kept in a
// cache folder keyed by the file's sha256, page and scale: a page is drawn once, then read from disk.
// Only documents found in the database are drawn, from the path the database stores: no path taken
// from a request reaches the file system.
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync, existsSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pdfjs } from '../../parsers/pdf/load.ts';

let assets: string | undefined;
function assetDir(): string {
  assets ??= dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  return assets;
}

export interface PageImage { png: Buffer; width: number; height: number }

/** Draws one page of a PDF at `scale` (1 = 72 dpi). Throws when the page does not exist. */
export async function renderPdfPage(bytes: Uint8Array, pageNumber: number, scale: number): Promise<PageImage> {
  const lib = await pdfjs();
  const dir = assetDir();
  const data = new Uint8Array(bytes.byteLength);
  data.set(bytes);
  const task = lib.getDocument({
    data, cMapUrl: join(dir, 'cmaps') + '/', cMapPacked: true, standardFontDataUrl: join(dir, 'standard_fonts') + '/',
    isEvalSupported: false, useSystemFonts: false, disableFontFace: true, verbosity: lib.VerbosityLevel.ERRORS,
  });
  const doc = await task.promise;
  try {
    if (!Number.isInteger(pageNumber) || pageNumber < 1 || pageNumber > doc.numPages) throw new RangeError(`no page ${pageNumber} (the document has ${doc.numPages})`);
    const page = await doc.getPage(pageNumber);
    const viewport = page.getViewport({ scale });
    const factory = (doc as unknown as { canvasFactory: { create(w: number, h: number): { canvas: any; context: any } } }).canvasFactory;
    const { canvas, context } = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
    // pages with no background of their own are white on paper
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({ canvas, canvasContext: context, viewport } as any).promise;
    const png: Buffer = canvas.toBuffer('image/png');
    page.cleanup();
    return { png, width: canvas.width, height: canvas.height };
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}

/** A cache of drawn pages on disk; concurrent requests for the same page share one drawing. */
export class PageCache {
  private pending = new Map<string, Promise<Buffer>>();
  constructor(private dir: string) {}

  async get(sha256: string, readBytes: () => Uint8Array, page: number, scale: number): Promise<Buffer> {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('bad document hash');
    const file = join(this.dir, sha256.slice(0, 2), `${sha256}-p${page}-s${scale}.png`);
    if (existsSync(file)) return readFileSync(file);
    let p = this.pending.get(file);
    if (!p) {
      p = (async () => {
        const img = await renderPdfPage(readBytes(), page, scale);
        mkdirSync(dirname(file), { recursive: true });
        // written aside and renamed, so a reader never sees half a file
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, img.png);
        renameSync(tmp, file);
        return img.png;
      })().finally(() => this.pending.delete(file));
      this.pending.set(file, p);
    }
    return p;
  }
}
