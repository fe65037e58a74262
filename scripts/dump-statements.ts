// Prints the statements and line items read from a file: npx tsx scripts/dump-statements.ts FILE [rows]
import { readFileSync } from 'node:fs';
import { parseFile } from '../parsers/index.ts';
import { segment } from '../pipeline/segment/index.ts';
import { extract } from '../pipeline/extract/index.ts';
const p = process.argv[2];
const doc = segment(await parseFile(p, new Uint8Array(readFileSync(p))));
const x = extract(doc);
console.log(x.meta);
for (const s of x.statements) {
  console.log(`== ${s.kind} ${s.number ?? ''} ${s.title} unit=${s.moneyUnit} entity=${s.entity} p${s.source.page}-${s.pageEnd} rows=${s.rows.length} empty=${s.emptyNote}`);
  console.log('   cols: ' + s.columns.map((c) => `${c.index}:${c.header}=>${c.measure}/${c.phase}${c.side ? '/' + c.side : ''}${c.year ? '/' + c.year : ''}`).join('  '));
  if (process.argv[3]) for (const r of s.rows) console.log(`   ${r.side ?? ''} L${r.level ?? '-'} ${r.code ?? ''} ${r.name} ${r.entity ? '[E]' : ''} ${JSON.stringify(r.values)}`);
}
console.log('lineItems', x.lineItems.length);
