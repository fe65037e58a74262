// jixiao export: the cleaned dataset out of the database.
import { parseArgs } from 'node:util';
import { openStore } from '../../store/open.ts';
import { EXPORT_TABLE_NAMES, SHEET_NAMES } from '../../export/tables.ts';
import { planExport, planOrphans } from '../../export/walk.ts';
import { openOutput, writeAll } from '../../export/output.ts';
import { writeJson, type JsonStyle } from '../../export/stream-json.ts';
import { writeCsvExport } from '../../export/stream-csv.ts';
import { writeXlsxExport } from '../../export/stream-xlsx.ts';
import { DEFAULT_DB, UsageError, type Command } from '../command.ts';

export const exportCommand: Command = {
  name: 'export',
  summary: 'write the cleaned dataset (csv, xlsx, json, jsonl)',
  help: `jixiao export [--db FILE|URL] --format csv|xlsx|json|jsonl --out PATH [filters]

Writes the cleaned dataset: money figures in yuan under their vocabulary keys, indicator rows with
comparator, target value and unit apart, scores, projects, flags, and the line items of the standard
budget and 决算 tables (one row per subject × money column: statement, code, name, level, unit, measure,
phase, yuan, the cell as printed). Every row keeps its source
(file, section, page or line, the text as written), the ids of the flags that point at it, and any
analyst correction beside the extracted value (see "jixiao review").

Formats:
  csv     a folder with documents.csv, figures.csv, indicators.csv, scores.csv, projects.csv, flags.csv,
          line-items.csv (UTF-8 with BOM, RFC 4180). Figure rows repeating the same document, key, phase, year and
          value are collapsed into one. The last columns (更正字段, 更正值, 处理, 理由) are for corrections:
          fill them in and run "jixiao review import FILE.csv".
  xlsx    one workbook, one sheet per table (报告 金额 指标 得分 项目 标记 明细), Chinese headers, frozen header row
  json    one object {"documents": […]}, one record per document (the shape the scorer reads, with lineItems)
  jsonl   the same, one document per line

The filters choose documents; a document's line items go with it. Every format is written document by
document (memory stays flat however large the database) under a temporary name beside --out, renamed
when complete: a failed export leaves no partial file.

Options:
  --db FILE|URL    the database to read, a SQLite file or postgres://… (default ./${DEFAULT_DB})
  --format F       csv, xlsx, json or jsonl (default json)
  --out PATH       csv: the folder to write; the others: the file ("-" for standard output: json, jsonl)
  --headers H      csv column headers: zh (default, as in the workbook) or en (snake_case keys)
  --unit TEXT      only documents whose unit contains TEXT
  --region TEXT    only documents whose region contains TEXT
  --year N         only documents of fiscal year N
  --type T         only documents of report type T (dept_self_eval, verification, final_accounts, budget …)
  --flagged        only documents with at least one flag`,
  run: runExport,
};

async function runExport(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: {
    db: { type: 'string', default: DEFAULT_DB }, format: { type: 'string', default: 'json' }, out: { type: 'string' },
    headers: { type: 'string', default: 'zh' },
    unit: { type: 'string' }, region: { type: 'string' }, year: { type: 'string' }, type: { type: 'string' },
    flagged: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' },
  } });
  if (values.help) { process.stdout.write(exportCommand.help + '\n'); return 0; }
  const format = values.format!;
  if (!['csv', 'xlsx', 'json', 'jsonl'].includes(format)) throw new UsageError(`unknown export format "${format}" (csv, xlsx, json, jsonl)`);
  if (!values.out) throw new UsageError(format === 'csv' ? 'export --format csv needs --out FOLDER' : 'export needs --out FILE (or --out - for standard output)');
  if (values.out === '-' && (format === 'csv' || format === 'xlsx')) throw new UsageError(`--format ${format} cannot go to standard output; give --out ${format === 'csv' ? 'FOLDER' : 'FILE'}`);
  if (values.headers !== 'zh' && values.headers !== 'en') throw new UsageError(`--headers must be zh or en, not "${values.headers}"`);
  const filter = {
    unit: values.unit, region: values.region, reportType: values.type, flaggedOnly: values.flagged,
    year: values.year != null ? Number(values.year) : undefined,
  };
  if (filter.year != null && !Number.isInteger(filter.year)) throw new UsageError(`--year must be a year, not "${values.year}"`);
  const db = await openStore(values.db!, { readonly: true });
  try {
    // every format streams: one document's records in memory at a time, written under a temporary name
    // and renamed into place when complete
    const plan = await planExport(db, filter);
    if (format === 'csv' || format === 'xlsx') {
      if (format === 'csv') {
        const { paths, rows } = await writeCsvExport(db, plan, values.out, values.headers);
        process.stderr.write(`wrote ${paths.length} tables to ${values.out}: ${EXPORT_TABLE_NAMES.map((t) => `${t} ${rows[t]}`).join(', ')}\n`);
      } else {
        const rows = await writeXlsxExport(db, plan, values.out);
        process.stderr.write(`wrote ${values.out}: ${EXPORT_TABLE_NAMES.map((t) => `${SHEET_NAMES[t]} ${rows[t]}`).join(', ')}\n`);
      }
      const orphans = planOrphans(plan);
      if (orphans.length) process.stderr.write(`note: ${orphans.length} review decision(s) match no record any more (extraction changed); "jixiao review list --orphans" shows them\n`);
      return 0;
    }
    const out = await openOutput(values.out);
    await writeAll([out], () => writeJson(db, plan, out, format as JsonStyle));
    if (values.out !== '-') process.stderr.write(`wrote ${values.out}\n`);
    return 0;
  } finally {
    await db.close();
  }
}
