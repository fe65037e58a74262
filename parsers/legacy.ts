// Legacy Word 97 (.doc, also RTF) and Excel 97 (.xls) files: converted to DOCX/XLSX with
// LibreOffice when it is installed, then parsed like any DOCX/XLSX. The result keeps the original
// file's name, path, format and sha256, so provenance and identity point at what the user gave.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, delimiter, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Block, ParsedDocument, Provenance } from '../schemas/document.ts';
import { ParseError } from './shared/errors.ts';
import { sha256 } from './shared/hash.ts';

export interface LegacyOptions {
  /** The LibreOffice binary; default: `soffice` or `libreoffice` found on PATH. null = pretend none. */
  soffice?: string | null;
  /** Conversion time limit; default 120 s. */
  timeoutMs?: number;
}

let found: string | null | undefined;

/** soffice or libreoffice on PATH, or null. */
export function findSoffice(): string | null {
  if (found !== undefined) return found;
  found = null;
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of ['soffice', 'libreoffice']) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      try { accessSync(candidate, constants.X_OK); found = candidate; return found; } catch { /* not here */ }
    }
  }
  return found;
}

export async function convertLegacy(
  path: string,
  bytes: Uint8Array,
  format: 'doc' | 'xls',
  parse: (p: string, b?: Uint8Array) => Promise<ParsedDocument>,
  options: LegacyOptions = {},
): Promise<ParsedDocument> {
  const target = format === 'doc' ? 'docx' : 'xlsx';
  const soffice = options.soffice === undefined ? findSoffice() : options.soffice;
  if (!soffice) {
    throw new ParseError(path, 'legacy/no-soffice',
      `a legacy .${format} file needs LibreOffice to convert it, and soffice/libreoffice is not on PATH: ` +
      `install LibreOffice (e.g. apt-get install libreoffice-writer-nogui libreoffice-calc-nogui), ` +
      `or open the file and save it as .${target}`);
  }
  const file = basename(path);
  const work = await mkdtemp(join(tmpdir(), 'jixiao-legacy-'));
  try {
    const stem = basename(file, extname(file)) || 'input';
    const input = join(work, `${stem}.${format}`);
    await writeFile(input, bytes);
    const out = join(work, 'out');
    await run(path, soffice, [
      `-env:UserInstallation=${pathToFileURL(join(work, 'profile')).href}`,
      '--headless', '--norestore', '--nolockcheck', '--nodefault', '--nologo',
      '--convert-to', target, '--outdir', out, input,
    ], options.timeoutMs ?? 120_000);
    const produced = (await readdir(out).catch(() => [] as string[])).find((n) => n.toLowerCase().endsWith(`.${target}`));
    if (!produced) throw new ParseError(path, 'legacy/convert-failed', `LibreOffice produced no .${target} (is the file a valid .${format}?)`);
    const converted = new Uint8Array(await readFile(join(out, produced)));
    const doc = await parse(join(out, produced), converted);
    const convertedName = basename(produced);
    return {
      ...doc,
      file,
      path,
      format,
      sha256: sha256(bytes),
      blocks: doc.blocks.map((b) => renameBlock(b, convertedName, file)),
      messages: [
        { level: 'info', rule: 'legacy/converted', text: `converted from .${format} to .${target} with LibreOffice before parsing` },
        ...doc.messages.map((m) => (m.source ? { ...m, source: rename(m.source, convertedName, file) } : m)),
      ],
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

const rename = (p: Provenance, from: string, to: string): Provenance => (p.file === from ? { ...p, file: to } : p);

function renameBlock(b: Block, from: string, to: string): Block {
  if (b.kind === 'paragraph') return { ...b, source: rename(b.source, from, to) };
  return { ...b, source: rename(b.source, from, to), rowSources: b.rowSources?.map((p) => rename(p, from, to)) };
}

/** Runs the converter in its own process group; kills the group on timeout. */
function run(path: string, cmd: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => { if (stderr.length < 4000) stderr += d.toString(); });
    const timer = setTimeout(() => {
      try { process.kill(-child.pid!, 'SIGKILL'); } catch { child.kill('SIGKILL'); }
      reject(new ParseError(path, 'legacy/timeout', `LibreOffice did not finish converting within ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('error', (err) => { clearTimeout(timer); reject(new ParseError(path, 'legacy/convert-failed', `cannot run ${cmd}: ${err.message}`)); });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new ParseError(path, 'legacy/convert-failed', `LibreOffice exited with code ${code}: ${stderr.trim().slice(0, 500)}`));
    });
  });
}
