// Worker that reads one workbook with xlsx (SheetJS 0.18.5) in isolation.
//
// xlsx 0.18.5 has CVE-2023-30533 (prototype pollution from a crafted file) and CVE-2024-22363
// (ReDoS); no fixed version is on npm. So the library only ever runs here:
//   - the built-in prototypes are frozen before xlsx is loaded, so a crafted file cannot add
//     properties to Object.prototype & co. (the write fails instead);
//   - the parent gives this worker resourceLimits and a timeout, and terminates it on overrun;
//   - only plain arrays of strings and numbers are posted back (no objects with keys taken
//     from the file), so nothing the library built can reach the main thread.
// Plain JavaScript (not TypeScript) so it loads without a loader under tsx, vitest and node.
import { parentPort, workerData } from 'node:worker_threads';
import { createRequire } from 'node:module';

const TypedArray = Object.getPrototypeOf(Uint8Array);
const ctors = [
  Object, Array, Function, String, Number, Boolean, Symbol, BigInt, RegExp, Date, Error, TypeError,
  RangeError, SyntaxError, Map, Set, WeakMap, WeakSet, Promise, ArrayBuffer, DataView, TypedArray,
  Uint8Array, Int8Array, Uint16Array, Int16Array, Uint32Array, Int32Array, Float32Array, Float64Array,
  Uint8ClampedArray,
];
if (typeof SharedArrayBuffer === 'function') ctors.push(SharedArrayBuffer);
if (typeof Buffer === 'function') ctors.push(Buffer);
for (const C of ctors) Object.freeze(C.prototype);
// the iterator prototypes, reachable from any array or string
Object.freeze(Object.getPrototypeOf([][Symbol.iterator]()));
Object.freeze(Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())));

const require = createRequire(import.meta.url);
const XLSX = require('xlsx');

const MAX_CELLS = 5_000_000;

function read(bytes) {
  const wb = XLSX.read(bytes, {
    type: 'array',
    cellText: true,
    cellFormula: true,
    cellHTML: false,
    cellStyles: false,
    cellDates: false,
    bookVBA: false,
    // stubs keep formula cells that have no cached value (see below)
    sheetStubs: true,
    dense: false,
  });
  const meta = (wb.Workbook && Array.isArray(wb.Workbook.Sheets)) ? wb.Workbook.Sheets : [];
  const sheets = [];
  let total = 0;
  wb.SheetNames.forEach((name, i) => {
    const ws = wb.Sheets[name];
    const cells = [];
    const merges = [];
    if (ws && typeof ws === 'object') {
      for (const addr of Object.keys(ws)) {
        if (addr.charAt(0) === '!') continue;
        const cell = ws[addr];
        if (!cell || typeof cell !== 'object') continue;
        let text = cell.t === 'z' ? '' : typeof cell.w === 'string' ? cell.w : (cell.v === undefined || cell.v === null ? '' : String(cell.v));
        // a formula with no cached value is text that began with "=" (writers such as openpyxl store
        // "=3次" as a formula): show it as typed rather than lose it
        if (text === '' && typeof cell.f === 'string' && cell.f !== '') text = '=' + cell.f;
        if (text === '') continue;
        const at = XLSX.utils.decode_cell(addr);
        if (!(at.r >= 0 && at.c >= 0)) continue;
        if (++total > MAX_CELLS) throw new Error(`more than ${MAX_CELLS} cells`);
        cells.push([at.r, at.c, String(text)]);
      }
      for (const m of Array.isArray(ws['!merges']) ? ws['!merges'] : []) {
        if (m && m.s && m.e) merges.push([m.s.r | 0, m.s.c | 0, m.e.r | 0, m.e.c | 0]);
      }
    }
    const hidden = meta[i] && typeof meta[i].Hidden === 'number' ? meta[i].Hidden : 0;
    sheets.push([String(name), hidden, cells, merges]);
  });
  return sheets;
}

const protoKeys = () => [Object.prototype, Array.prototype, Function.prototype, String.prototype]
  .map((p) => Object.getOwnPropertyNames(p).length).join(',');
const before = protoKeys();
try {
  const sheets = read(workerData.bytes);
  // with the prototypes frozen this always holds; the parent warns if it ever does not
  const intact = protoKeys() === before && Object.isFrozen(Object.prototype);
  parentPort.postMessage({ ok: true, intact, sheets });
} catch (err) {
  parentPort.postMessage({ ok: false, error: String((err && err.message) || err) });
}
