// Module hook, registered after tsx: pdf.js's own modules load as the plain JavaScript they are.
// tsx rewrites every ES module that contains `import(` and builds a fine-grained source map of it;
// for pdf.worker.mjs (2.3 MB) that costs ~1.5 s of CPU and ~190 MB resident in every thread that
// loads it, for a file that needs no transform at all.
import { readFile } from 'node:fs/promises';

const PLAIN = /\/node_modules\/pdfjs-dist\/.*\.mjs$/;

export async function load(url, context, nextLoad) {
  if (url.startsWith('file:') && PLAIN.test(new URL(url).pathname)) {
    return { format: 'module', source: await readFile(new URL(url)), shortCircuit: true };
  }
  return nextLoad(url, context);
}
