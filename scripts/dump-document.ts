// Prints a file as the parser sees it: each block with its page, tables row by row with spans.
// For reading a layout while writing a reader: npx tsx scripts/dump-document.ts FILE
import { readFileSync } from 'node:fs';
import { parseFile } from '../parsers/index.ts';

const path = process.argv[2];
if (!path) { console.error('usage: npx tsx scripts/dump-document.ts FILE'); process.exit(2); }
const doc = await parseFile(path, new Uint8Array(readFileSync(path)));
const spans = (c: { text: string; rowSpan: number; colSpan: number }) =>
  c.text + (c.colSpan > 1 ? `{c${c.colSpan}}` : '') + (c.rowSpan > 1 ? `{r${c.rowSpan}}` : '');
for (const [i, b] of doc.blocks.entries()) {
  if (b.kind === 'paragraph') { console.log(`#${i} p${b.source.page ?? ''} P: ${b.text}`); continue; }
  console.log(`#${i} p${b.source.page ?? ''} TABLE title=${b.title ?? ''} rows=${b.rows.length}`);
  b.rows.forEach((r, ri) => console.log(`   [${b.rowSources?.[ri]?.page ?? ''}] ${r.map(spans).join(' | ')}`));
}
