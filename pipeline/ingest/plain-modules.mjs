// Module hook, registered after tsx: pdf.js's own modules load as the plain JavaScript they are, and
// pdf.js's text extraction also reports what the page draws (parsers/pdf/drawing.ts).
//
// Plain: tsx rewrites every ES module that contains `import(` and builds a fine-grained source map of
// it; for pdf.worker.mjs (2.3 MB) that costs ~1.5 s of CPU and ~190 MB resident in every thread that
// loads it, for a file that needs no transform at all.
//
// Drawing: the PDF parser needs each page's text (getTextContent) and its ruling lines, which pdf.js
// gives only through getOperatorList: a second parse of the same content stream that also decodes
// every image, maps every glyph and copies the whole list between pdf.js's two halves, two thirds of
// the time of the text itself. getTextContent already reads every operator of the page (and of the
// forms it draws) and only skips those that are not text. Three small insertions hand the path,
// paint and transform operators it skips to an observer the parser installs, so one pass gives both.
//
// Two more changes only make pdf.js cheaper, with the same results: the text state is cloned from its
// class (below), and a chunk of text content passes from pdf.js's worker half to its API half without
// a structured clone (both halves run on this thread, and the chunk is a fresh object nobody touches
// after it is sent): every text item was copied once more, for nothing.
//
// They are tied to the pdf.js release in package.json; an anchor that is not found stops the load
// with an error naming it, rather than leaving the parser without its ruling lines. Registered with
// data { patched: false } (the raw pdf.js baseline of scripts/bench.ts), pdf.js loads unchanged.
import { readFile } from 'node:fs/promises';

const PLAIN = /\/node_modules\/pdfjs-dist\/.*\.mjs$/;
const BUILD = /\/node_modules\/pdfjs-dist\/legacy\/build\/(pdf\.worker\.mjs|pdf\.mjs)$/;

let patched = true;
export function initialize(data) {
  if (data && data.patched === false) patched = false;
}

// the observer's key on globalThis (parsers/pdf/drawing.ts installs it); `?.` makes each call free
// when nothing observes
const OBSERVER = 'globalThis[Symbol.for("jixiao.pdfjs.drawing")]';

/** By file: [what it does, the text to find (exactly once), its replacement] */
const WORKER_PATCHES = [
  [
    'path, paint, save/restore and transform operators (10–28) are handed to the observer',
    'currentTextState ||= textState.clone();\n        const fn = operation.fn;\n        args = operation.args;\n',
    'currentTextState ||= textState.clone();\n        const fn = operation.fn;\n        args = operation.args;\n' +
      `        if (fn >= 10 && fn <= 28) ${OBSERVER}?.(self.idFactory.getDocId(), self.pageIndex, fn, args);\n`,
  ],
  [
    'a form XObject opens and closes (74/75 with its matrix, as in the operator list)',
    '              self.getTextContent({\n                stream: xobj,',
    `              ${OBSERVER}?.(self.idFactory.getDocId(), self.pageIndex, 74, [matrix]);\n` +
      '              self.getTextContent({\n                stream: xobj,',
  ],
  [
    // not an observer: pdf.js clones the text state on every `q` with the current state as the new
    // one's prototype, and V8 turns each object used as a prototype into a slow one; the clone copies
    // every own property anyway (class fields), so the class's own prototype gives the same object.
    // Content streams that wrap each cell in q … Q spent a twentieth of their time here.
    'the text state is cloned from its class, not from the state being saved',
    '  clone() {\n    const clone = Object.assign(Object.create(this), this);\n    clone.textMatrix = this.textMatrix.slice();',
    '  clone() {\n    const clone = Object.assign(Object.create(Object.getPrototypeOf(this)), this);\n    clone.textMatrix = this.textMatrix.slice();',
  ],
  [
    'the form closes, and a form without text is not skipped the next time while it is observed (it may draw rules)',
    '              }).then(function () {\n                if (!sinkWrapper.enqueueInvoked) {',
    `              }).finally(() => ${OBSERVER}?.(self.idFactory.getDocId(), self.pageIndex, 75, [])).then(function () {\n` +
      `                if (!sinkWrapper.enqueueInvoked && !${OBSERVER}) {`,
  ],
  [
    'a chunk of text content is sent as an object of its own (the builder goes on with new arrays)',
    '      sink?.enqueue(textContent, length);\n      textContent.items = [];',
    '      sink?.enqueue({ items: textContent.items, styles: textContent.styles, lang: textContent.lang, [TEXT_CHUNK]: true }, length);\n      textContent.items = [];',
  ],
];

// marks a chunk of text content built by the patched enqueue above, for the port below
const TEXT_CHUNK_MARK = 'const TEXT_CHUNK = Symbol.for("jixiao.pdfjs.textChunk");\n';

const API_PATCHES = [
  [
    'the port between the two halves hands a chunk of text content over as it is',
    '    const event = {\n      data: structuredClone(obj, transfer ? {',
    '    const event = {\n      data: obj?.chunk?.[Symbol.for("jixiao.pdfjs.textChunk")] ? obj : structuredClone(obj, transfer ? {',
  ],
];

const PATCHES = { 'pdf.worker.mjs': WORKER_PATCHES, 'pdf.mjs': API_PATCHES };

/** pdf.worker.mjs or pdf.mjs with the changes above; throws naming the anchor when this pdf.js differs. */
export function patchPdfjs(file, source, url) {
  let out = source;
  for (const [what, find, replace] of PATCHES[file]) {
    const at = out.indexOf(find);
    if (at < 0 || out.indexOf(find, at + 1) >= 0) {
      throw new Error(`${url}: cannot patch pdf.js (${what}): its anchor is ${at < 0 ? 'missing' : 'not unique'}; this pdf.js release is not the one jixiao was written for (see package.json)`);
    }
    out = out.slice(0, at) + replace + out.slice(at + find.length);
  }
  if (file === 'pdf.mjs') return out;
  // the parser reads this mark to know that text extraction reports drawing here
  return `${TEXT_CHUNK_MARK}${out}\nglobalThis[Symbol.for("jixiao.pdfjs.drawing.patched")] = true;\n`;
}

export async function load(url, context, nextLoad) {
  if (url.startsWith('file:') && PLAIN.test(new URL(url).pathname)) {
    const path = new URL(url).pathname;
    let source = await readFile(new URL(url));
    const build = BUILD.exec(path);
    if (patched && build) source = patchPdfjs(build[1], source.toString('utf8'), url);
    return { format: 'module', source, shortCircuit: true };
  }
  return nextLoad(url, context);
}
