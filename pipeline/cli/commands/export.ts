// jixiao export: the cleaned dataset out of the database.
import { parseArgs } from 'node:util';
import { writeFileSync } from 'node:fs';
import { openDatabase } from '../../store/db.ts';
import { exportJson, exportJsonl } from '../../export/json.ts';
import { DEFAULT_DB, UsageError, type Command } from '../command.ts';

export const exportCommand: Command = {
  name: 'export',
  summary: 'write the cleaned dataset (json, jsonl)',
  help: `jixiao export [--db FILE] --format json|jsonl --out FILE [filters]

Writes the cleaned dataset: one record per document with its unit, year, report type, money
figures (in yuan), indicator rows, scores, projects and flags, each with its provenance.

Options:
  --db FILE        the database to read (default ./${DEFAULT_DB})
  --format F       json (one object {"documents": […]}) or jsonl (one document per line)
  --out FILE       where to write ("-" for standard output)
  --unit TEXT      only documents whose unit contains TEXT
  --region TEXT    only documents whose region contains TEXT
  --year N         only documents of fiscal year N
  --type T         only documents of report type T (dept_self_eval, verification, final_accounts, budget …)
  --flagged        only documents with at least one flag`,
  run: runExport,
};

function runExport(args: string[]): number {
  const { values } = parseArgs({ args, options: {
    db: { type: 'string', default: DEFAULT_DB }, format: { type: 'string', default: 'json' }, out: { type: 'string' },
    unit: { type: 'string' }, region: { type: 'string' }, year: { type: 'string' }, type: { type: 'string' },
    flagged: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' },
  } });
  if (values.help) { process.stdout.write(exportCommand.help + '\n'); return 0; }
  if (!values.out) throw new UsageError('export needs --out FILE (or --out - for standard output)');
  const filter = {
    unit: values.unit, region: values.region, reportType: values.type, flaggedOnly: values.flagged,
    year: values.year != null ? Number(values.year) : undefined,
  };
  if (filter.year != null && !Number.isInteger(filter.year)) throw new UsageError(`--year must be a year, not "${values.year}"`);
  const db = openDatabase(values.db!, { readonly: true });
  try {
    let text: string;
    if (values.format === 'json') text = exportJson(db, filter);
    else if (values.format === 'jsonl') text = exportJsonl(db, filter);
    else throw new UsageError(`unknown export format "${values.format}" (json, jsonl)`);
    if (values.out === '-') process.stdout.write(text);
    else {
      writeFileSync(values.out, text);
      process.stderr.write(`wrote ${values.out}\n`);
    }
    return 0;
  } finally {
    db.close();
  }
}
