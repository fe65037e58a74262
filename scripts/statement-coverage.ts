// How much of a folder's standard tables the statements stage reads, and how much of what it reads adds up.
//   npx tsx scripts/statement-coverage.ts DOCS_FOLDER [GOLD_FOLDER]
// With a gold folder whose files list each document's tables under facts.tables (as the wild corpus gold does),
// it prints per document the tables listed and the statements read; for every document, the identities
// parent = Σ children and 合计 = Σ 类 that were checked and how many held within the printed rounding.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseFile } from '../parsers/index.ts';
import { segment } from '../pipeline/segment/index.ts';
import { extract } from '../pipeline/extract/index.ts';
import { families } from '../pipeline/check/statements/parent-sum.ts';
import { amount, currentColumns, readable, tolerance } from '../pipeline/check/statements/common.ts';

const [docs, goldDir] = process.argv.slice(2);
if (!docs) { console.error('usage: npx tsx scripts/statement-coverage.ts DOCS_FOLDER [GOLD_FOLDER]'); process.exit(2); }
let listed = 0, foundDocs = 0, carrying = 0, checked = 0, held = 0, items = 0;
for (const f of readdirSync(docs).filter((f) => /\.pdf$/i.test(f)).sort()) {
  const path = join(docs, f);
  let x;
  try { x = extract(segment(await parseFile(path, new Uint8Array(readFileSync(path))))); } catch (e) { console.log(`${f}: ${(e as Error).message}`); continue; }
  const goldPath = goldDir ? join(goldDir, basename(f, '.pdf') + '.json') : '';
  const tables: string[] = goldPath && existsSync(goldPath) ? JSON.parse(readFileSync(goldPath, 'utf8')).facts?.tables ?? [] : [];
  let c = 0, h = 0;
  for (const s of x.statements.filter(readable)) {
    for (const [parent, kids] of families(s)) for (const col of currentColumns(s)) {
      const t = amount(parent, col), ps = kids.map((k) => amount(k, col));
      if (t == null || ps.some((p) => p == null)) continue;
      c++;
      if (Math.abs((ps as number[]).reduce((a, b) => a + b, 0) - t) <= tolerance(s, [parent, ...kids].map((r) => r.cells[col.index] ?? ''))) h++;
    }
  }
  checked += c; held += h; items += x.lineItems.length;
  if (tables.length) { carrying++; listed += tables.length; if (x.statements.length >= Math.min(tables.length, 9) * 0.95) foundDocs++; }
  console.log(`${f.slice(0, 60).padEnd(60)} tables ${String(tables.length).padStart(2)}  statements ${String(x.statements.length).padStart(2)}  line items ${String(x.lineItems.length).padStart(5)}  identities ${h}/${c}`);
}
console.log(`\ndocuments with tables in gold: ${carrying}, statements found in ${foundDocs}; identities held ${held}/${checked} (${checked ? ((100 * held) / checked).toFixed(1) : '-'}%); line items ${items}`);
