// Planted-error copies of real PDFs: rewrites printed text on one page (same fonts, same glyph count),
// so a consistency rule can be shown to fire on the copy and stay silent on the untouched original.
//
//   npx tsx scripts/plant/plant.ts find FILE.pdf PAGE TEXT          where TEXT is shown on PAGE
//   npx tsx scripts/plant/plant.ts plant IN.pdf OUT.pdf PAGE FIND REPLACE [OCCURRENCE]
//   npx tsx scripts/plant/plant.ts build [fixtures/planted/PLANTED.json]   rebuild and verify every copy
//
// FIND and REPLACE are compared without blanks; only the glyphs where they differ are rewritten, so
// context may be given to pick one occurrence ("合计15,343.43" → "合计15,343.53").
// Needs qpdf, fix-qdf and pdftotext (poppler-utils) on PATH.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { findOnPage, plantText, type PlantRequest } from './plant-text.ts';
import { verifyPlanted } from './verify.ts';

function run(cmd: string, args: string[], okCodes = [0]): Buffer {
  try {
    return execFileSync(cmd, args, { maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as { status?: number; stdout?: Buffer; stderr?: Buffer };
    // qpdf exits 3 when it repaired something and wrote the file anyway.
    if (err.status !== undefined && okCodes.includes(err.status) && err.stdout) return err.stdout;
    throw new Error(`${cmd} ${args.join(' ')} failed: ${err.stderr?.toString() ?? e}`);
  }
}

function withTemp<T>(f: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'plant-'));
  try { return f(dir); } finally { rmSync(dir, { recursive: true, force: true }); }
}

function toQdf(pdf: string, dir: string): string {
  const out = join(dir, 'in.qdf.pdf');
  run('qpdf', ['--qdf', '--object-streams=disable', pdf, out], [0, 3]);
  return readFileSync(out, 'latin1');
}

export function plantFile(input: string, output: string, req: PlantRequest) {
  return withTemp((dir) => {
    const result = plantText(toQdf(input, dir), req);
    const edited = join(dir, 'edited.qdf.pdf');
    const fixed = join(dir, 'fixed.qdf.pdf');
    writeFileSync(edited, result.qdf, 'latin1');
    writeFileSync(fixed, run('fix-qdf', [edited]));
    // A deterministic /ID keeps a rebuilt copy byte-identical to the committed one.
    run('qpdf', ['--deterministic-id', '--object-streams=generate', fixed, output], [0, 3]);
    return result.changed;
  });
}

export interface PlantedEntry {
  file: string; original: string; page: number; before: string; after: string; kind: string;
  expect: { category: string; mention: string }; note: string;
  /** where `before` alone is ambiguous: the text with context to find, its replacement, which occurrence */
  locate?: { find: string; replace: string; occurrence?: number };
}

function build(manifestPath: string) {
  const dir = dirname(resolve(manifestPath));
  const originals = resolve(dir, '../wild/docs');
  const entries = JSON.parse(readFileSync(manifestPath, 'utf8')) as PlantedEntry[];
  let failures = 0;
  for (const e of entries) {
    const input = join(originals, e.original), output = join(dir, e.file);
    const req = { page: e.page, find: e.locate?.find ?? e.before, replace: e.locate?.replace ?? e.after, occurrence: e.locate?.occurrence };
    try {
      const changed = plantFile(input, output, req);
      const problems = verifyPlanted(input, output, e.page, e.before, e.after);
      failures += problems.length ? 1 : 0;
      console.log(`${problems.length ? 'FAIL' : 'ok  '} ${e.file} p${e.page} ${e.before} → ${e.after} (${changed.map((c) => `${c.from}→${c.to} ${c.font}`).join(', ')})`);
      for (const p of problems) console.log(`     ${p}`);
    } catch (err) {
      failures++;
      console.log(`FAIL ${e.file}: ${(err as Error).message}`);
    }
  }
  if (failures) process.exit(1);
}

const [command, ...args] = process.argv.slice(2);
if (command === 'find' && args.length === 3) {
  withTemp((dir) => {
    for (const o of findOnPage(toQdf(args[0], dir), Number(args[1]), args[2])) console.log(`${o.index}: ${o.context}  [${o.fonts.join(', ')}]`);
  });
} else if (command === 'plant' && args.length >= 5) {
  const [input, output, page, find, replace, occurrence] = args;
  const changed = plantFile(input, output, { page: Number(page), find, replace, occurrence: occurrence ? Number(occurrence) : undefined });
  for (const c of changed) console.log(`${c.from} → ${c.to}  ${c.font} <${c.code}> → <${c.newCode}>`);
} else if (command === 'build') {
  build(args[0] ?? 'fixtures/planted/PLANTED.json');
} else {
  console.error('usage: plant.ts find FILE PAGE TEXT | plant IN OUT PAGE FIND REPLACE [OCCURRENCE] | build [PLANTED.json]');
  process.exit(2);
}
