// pdf.js setup: one module instance per process, Node-safe options, and failures mapped to ParseError.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ParseError } from '../shared/errors.ts';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
export type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
export type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>;

let pdfjsPromise: Promise<PdfJs> | undefined;
/** A variable, not a literal: pdfjs-dist ships no types for its worker module. */
const PDFJS_WORKER = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
let assetDir: string | undefined;

// The legacy build bundles core-js, which replaces built-ins that Node 20's V8 fails a conformance
// check on (edge cases pdf.js never meets): Array.prototype.push (for arrays of 2^32 elements or with
// a read-only length) and JSON.parse/stringify (JSON.rawJSON, reviver source text). pdf.mjs does it
// on import, pdf.worker.mjs (run in this thread) on the first getDocument. The polyfilled push is
// ~20× slower than the native one and pdf.js pushes every operator, glyph and text item: about a
// sixth of the parse time. The native built-ins are put back after each step that may replace them.
const NATIVE: Array<[object, PropertyKey, PropertyDescriptor]> = [
  [Array.prototype, 'push'],
  [JSON, 'parse'],
  [JSON, 'stringify'],
].map(([o, k]) => [o as object, k as PropertyKey, Object.getOwnPropertyDescriptor(o as object, k as PropertyKey)!]);

function restoreBuiltins(): void {
  for (const [o, k, d] of NATIVE) {
    if ((o as Record<PropertyKey, unknown>)[k] !== d.value) Object.defineProperty(o, k, d);
  }
}

/**
 * The legacy build (the modern one needs DOMMatrix), imported once and reused, with its worker module
 * (pdf.js runs it on this thread; handing it over as `pdfjsWorker` saves pdf.js importing it itself).
 * Both are imported with source maps off: tsx turns them on, and Node then reads pdf.mjs.map and
 * pdf.worker.mjs.map (8 MB of JSON) into ~150 MB of mappings in every thread that loads pdf.js, and
 * spends a second or more of CPU decoding them; nothing here needs pdf.js's own source lines.
 */
export function pdfjs(): Promise<PdfJs> {
  pdfjsPromise ??= (async () => {
    const sourceMaps = process.sourceMapsEnabled;
    process.setSourceMapsEnabled(false);
    try {
      const m = await import('pdfjs-dist/legacy/build/pdf.mjs');
      const worker: unknown = await import(PDFJS_WORKER);
      (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= worker;
      return m;
    } finally {
      process.setSourceMapsEnabled(sourceMaps);
      restoreBuiltins();
    }
  })();
  return pdfjsPromise;
}

/** node_modules/pdfjs-dist/ with a trailing slash: pdf.js wants plain paths ending in '/'. */
function pdfjsDir(): string {
  if (!assetDir) {
    const require = createRequire(import.meta.url);
    assetDir = dirname(require.resolve('pdfjs-dist/package.json'));
  }
  return assetDir;
}

/**
 * The `ownerDocument` pdf.js loads embedded fonts into: a style sheet that takes their @font-face
 * rules and drops them (nothing here is ever drawn). With `disableFontFace: true`, pdf.js's default
 * in Node, the worker instead compiles every glyph getOperatorList meets into a path and posts it
 * to this thread, a tenth of the time of getOperatorList; and with font faces enabled but no
 * document, the rule fails and pdf.js falls back to building the paths all the same. Text content
 * and operators do not depend on it: only rendering would.
 */
const FONT_SINK = {
  createElement: () => ({ sheet: { cssRules: { length: 0 }, insertRule: () => 0 }, remove: () => undefined }),
  documentElement: { getElementsByTagName: () => [{ append: () => undefined }] },
  // With a font set on the document pdf.js hands each font over as a FontFace of its bytes instead of
  // an @font-face rule, which it builds by base64-encoding the whole font file: ~5% of a parse.
  fonts: { add: () => undefined, delete: () => undefined },
};

/** What pdf.js makes of a font with a font set: nothing here draws, so it is loaded at once. */
class FontFaceSink {
  readonly loaded: Promise<this>;
  constructor(readonly family: string) { this.loaded = Promise.resolve(this); }
  load(): Promise<this> { return this.loaded; }
}
(globalThis as { FontFace?: unknown }).FontFace ??= FontFaceSink;

/** Opens a PDF; encrypted and damaged files become ParseErrors with a stable rule. */
export async function openPdf(path: string, bytes: Uint8Array): Promise<PdfDocument> {
  const lib = await pdfjs();
  const dir = pdfjsDir();
  // pdf.js transfers (detaches) the buffer it is given: hand it a copy, and a plain Uint8Array (not a Buffer).
  const data = new Uint8Array(bytes.byteLength);
  data.set(bytes);
  const task = lib.getDocument({
    data,
    cMapUrl: join(dir, 'cmaps') + '/',
    cMapPacked: true,
    standardFontDataUrl: join(dir, 'standard_fonts') + '/',
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: false,
    ownerDocument: FONT_SINK as unknown as Document,
    stopAtErrors: false,
    verbosity: lib.VerbosityLevel.ERRORS,
  });
  try {
    const doc = await task.promise;
    restoreBuiltins(); // the worker module, loaded with the first document, polyfills again
    return doc;
  } catch (err) {
    restoreBuiltins();
    await task.destroy().catch(() => undefined);
    throw toParseError(path, err);
  }
}

export function toParseError(path: string, err: unknown): ParseError {
  if (err instanceof ParseError) return err;
  const e = err as { name?: string; message?: string; code?: number };
  const msg = e?.message ?? String(err);
  if (e?.name === 'PasswordException') {
    return new ParseError(path, 'pdf/encrypted', `encrypted PDF that needs a password (${msg}); decrypt it first`);
  }
  return new ParseError(path, 'pdf/corrupt', `damaged or truncated PDF: ${msg}`);
}
