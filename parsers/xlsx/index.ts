// XLSX parser. Each sheet becomes a paragraph with the sheet name, then its tables (a sheet is
// split into several tables at fully empty rows); merged ranges become spans; cells are the text
// Excel displays (the formatted text `w`, so 10.50 and 52.50% come out as shown).
//
// xlsx 0.18.5 is vulnerable (CVE-2023-30533 prototype pollution, CVE-2024-22363 ReDoS), so it
// runs only inside a worker (worker.mjs) with frozen built-in prototypes, resourceLimits and a
// timeout; the worker posts back plain arrays. One worker per file: a file that trips the library
// can never leave state behind for the next one, a timeout simply terminates it, and the start-up
// cost (~0.1–0.2 s to load xlsx) is small next to the cost of reading a workbook.
import { basename } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Block, Cell, Message, ParsedDocument, Provenance } from '../../schemas/document.ts';
import { ParseError } from '../shared/errors.ts';
import { sha256 } from '../shared/hash.ts';
import { DEFAULT_MAX_UNCOMPRESSED, ZipError, ZipReader } from '../docx/zip.ts';

export interface XlsxOptions {
  /** Wall-clock limit for reading one workbook; default 60 s. */
  timeoutMs?: number;
  /** Cap on the declared uncompressed size of the package; default 200 MB. */
  maxBytes?: number;
  /** Heap limit of the worker; default 1024 MB. */
  maxHeapMb?: number;
}

/** What the worker posts back: [name, hidden, cells [row, col, text][], merges [r0, c0, r1, c1][]]. */
type RawSheet = [string, number, Array<[number, number, string]>, Array<[number, number, number, number]>];

const WORKER_URL = new URL('./worker.mjs', import.meta.url);

export async function parseXlsx(path: string, bytes: Uint8Array, options: XlsxOptions = {}): Promise<ParsedDocument> {
  const file = basename(path);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_UNCOMPRESSED;
  // only OOXML packages come here (the library would read anything else as CSV text)
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) throw new ParseError(path, 'xlsx/corrupt', 'not an XLSX package (no zip signature)');
  // zip bomb guard before the library sees anything: it inflates every part it wants, unbounded
  // (declared sizes first, then the real inflated sizes, output discarded: parts may lie)
  try {
    const zip = new ZipReader(bytes, { maxBytes });
    if (!zip.has('xl/workbook.xml') && !zip.has('xl/workbook.bin')) throw new ZipError('corrupt', 'no xl/workbook.xml in the package');
    zip.checkDeclared([...zip.entries.keys()]);
    zip.measureAll();
  } catch (err) {
    if (err instanceof ZipError) throw new ParseError(path, err.kind === 'too-large' ? 'xlsx/too-large' : 'xlsx/corrupt', err.message);
    throw new ParseError(path, 'xlsx/corrupt', String(err));
  }
  const { sheets, intact } = await readInWorker(path, bytes, options);
  const messages: Message[] = [];
  if (!intact) messages.push({ level: 'warning', rule: 'xlsx/prototype-pollution', text: 'the workbook changed built-in prototypes inside the isolated reader; only plain cell text was kept' });
  const blocks: Block[] = [];
  for (const sheet of sheets) {
    const [name, hidden] = sheet;
    if (hidden) messages.push({ level: 'info', rule: 'xlsx/hidden-sheet', text: `sheet ${name} is hidden in the workbook`, source: { file, sheet: name } });
    blocks.push({ kind: 'paragraph', text: name, source: { file, sheet: name } });
    blocks.push(...sheetTables(file, sheet));
  }
  return { file, path, format: 'xlsx', sha256: sha256(bytes), blocks, messages };
}

function readInWorker(path: string, bytes: Uint8Array, options: XlsxOptions): Promise<{ sheets: RawSheet[]; intact: boolean }> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    let settled = false;
    const worker = new Worker(WORKER_URL, {
      workerData: { bytes },
      // plain Node inside: no TypeScript loader, no inherited flags
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb ?? 1024, maxYoungGenerationSizeMb: 64, stackSizeMb: 8 },
      stdout: true,
      stderr: true,
    });
    // whatever the library prints stays in the worker's pipes
    worker.stdout.resume();
    worker.stderr.resume();
    const finish = (err: ParseError | null, value?: { sheets: RawSheet[]; intact: boolean }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      if (err) reject(err); else resolve(value!);
    };
    const timer = setTimeout(() => finish(new ParseError(path, 'xlsx/timeout', `reading the workbook took longer than ${timeoutMs} ms; stopped`)), timeoutMs);
    worker.once('message', (msg: unknown) => {
      const m = msg as { ok?: unknown; error?: unknown; sheets?: unknown; intact?: unknown };
      if (m && m.ok === true) {
        const sheets = validate(m.sheets);
        if (sheets) finish(null, { sheets, intact: m.intact === true });
        else finish(new ParseError(path, 'xlsx/corrupt', 'the reader returned malformed data'));
      } else {
        finish(new ParseError(path, 'xlsx/corrupt', `not a readable workbook: ${String(m?.error ?? 'unknown error')}`));
      }
    });
    worker.once('error', (err: Error & { code?: string }) => {
      const oom = err.code === 'ERR_WORKER_OUT_OF_MEMORY';
      finish(new ParseError(path, oom ? 'xlsx/too-large' : 'xlsx/corrupt', oom ? 'the workbook needs more memory than the reader may use' : `reader failed: ${err.message}`));
    });
    worker.once('exit', (code) => finish(new ParseError(path, 'xlsx/corrupt', `reader exited with code ${code}`)));
  });
}

/** Accepts only the exact shape the worker sends: arrays of strings and numbers. */
function validate(x: unknown): RawSheet[] | undefined {
  if (!Array.isArray(x)) return undefined;
  const isInt = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 0;
  for (const s of x) {
    if (!Array.isArray(s) || s.length !== 4 || typeof s[0] !== 'string' || typeof s[1] !== 'number') return undefined;
    if (!Array.isArray(s[2]) || !Array.isArray(s[3])) return undefined;
    for (const c of s[2]) if (!Array.isArray(c) || !isInt(c[0]) || !isInt(c[1]) || typeof c[2] !== 'string') return undefined;
    for (const m of s[3]) if (!Array.isArray(m) || m.length !== 4 || !m.every(isInt)) return undefined;
  }
  return x as RawSheet[];
}

export function colName(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
const a1 = (r: number, c: number) => `${colName(c)}${r + 1}`;
const range = (r0: number, c0: number, r1: number, c1: number) => (r0 === r1 && c0 === c1 ? a1(r0, c0) : `${a1(r0, c0)}:${a1(r1, c1)}`);

/** Splits a sheet into tables at fully empty rows (a row inside a merged range is not empty). */
export function sheetTables(file: string, [name, , cells, merges]: RawSheet): Block[] {
  const text = new Map<number, Map<number, string>>();
  const used = new Set<number>();
  for (const [r, c, t] of cells) {
    const trimmed = t.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
    if (!trimmed) continue;
    if (!text.has(r)) text.set(r, new Map());
    text.get(r)!.set(c, trimmed);
    used.add(r);
  }
  const ms = merges.filter(([r0, c0, r1, c1]) => r1 >= r0 && c1 >= c0 && (r1 > r0 || c1 > c0));
  for (const [r0, , r1] of ms) for (let r = r0; r <= r1; r++) used.add(r);
  const rowsUsed = [...used].sort((a, b) => a - b);
  // runs of consecutive used rows
  const runs: Array<[number, number]> = [];
  for (const r of rowsUsed) {
    const last = runs[runs.length - 1];
    if (last && r === last[1] + 1) last[1] = r; else runs.push([r, r]);
  }
  const blocks: Block[] = [];
  for (const [top, bottom] of runs) {
    let left = Infinity, right = -1;
    for (let r = top; r <= bottom; r++) for (const c of text.get(r)?.keys() ?? []) { left = Math.min(left, c); right = Math.max(right, c); }
    const inRun = ms.filter(([r0, , r1]) => r0 >= top && r1 <= bottom);
    for (const [, c0, , c1] of inRun) { left = Math.min(left, c0); right = Math.max(right, c1); }
    if (right < 0) continue;
    const head = new Map<string, [number, number]>();
    const covered = new Set<string>();
    for (const [r0, c0, r1, c1] of inRun) {
      head.set(`${r0},${c0}`, [r1 - r0 + 1, c1 - c0 + 1]);
      for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) if (r !== r0 || c !== c0) covered.add(`${r},${c}`);
    }
    const rows: Cell[][] = [];
    const rowSources: Provenance[] = [];
    for (let r = top; r <= bottom; r++) {
      const row: Cell[] = [];
      for (let c = left; c <= right; c++) {
        const key = `${r},${c}`;
        if (covered.has(key)) continue;
        const span = head.get(key);
        row.push({ text: text.get(r)?.get(c) ?? '', rowSpan: span?.[0] ?? 1, colSpan: span ? Math.min(span[1], right - c + 1) : 1 });
      }
      rows.push(row);
      rowSources.push({ file, sheet: name, range: range(r, left, r, right) });
    }
    blocks.push({ kind: 'table', title: name, rows, source: { file, sheet: name, range: range(top, left, bottom, right) }, rowSources });
  }
  return blocks;
}
