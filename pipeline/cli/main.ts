// The `jixiao` command line: import, export, check. I/O lives here; the stages stay pure.
import { parseArgs } from 'node:util';
import { writeFileSync } from 'node:fs';
import { openDatabase } from '../store/db.ts';
import { importPaths, type FileOutcome } from '../ingest/index.ts';
import { exportJson, exportJsonl } from '../export/json.ts';

export const DEFAULT_DB = 'jixiao.sqlite';

const HELP: Record<string, string> = {
  main: `jixiao — Chinese budget-performance reports into clean, cross-checked data

Usage:
  jixiao import PATH… [--db FILE]          import files or folders (PDF, DOCX, XLSX, DOC/XLS, TXT, MD)
  jixiao export --db FILE --format json --out FILE
  jixiao help COMMAND                       help on a command

Run "jixiao COMMAND --help" for the options of each command.`,
  import: `jixiao import PATH… [--db FILE] [--quiet]

Imports every file given, and every file inside the folders given. The format is read from the
file's bytes, not its name. A file already in the database (same sha256) is skipped; a file that
cannot be read or parsed is reported with its path and reason, and the others go on.

Options:
  --db FILE   the SQLite database to write (created if absent; default ./${DEFAULT_DB})
  --quiet     print only the summary and failures
Exit status: 0 when every file was imported or skipped, 1 when any failed, 2 on a usage error.`,
  export: `jixiao export [--db FILE] --format json|jsonl --out FILE [filters]

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
};

class UsageError extends Error {}

function help(command: string): number {
  process.stdout.write(HELP[command] + '\n');
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
        return help('main');
      case 'help':
        return help(HELP[rest[0]] ? rest[0] : 'main');
      case 'import':
        return await runImport(rest);
      case 'export':
        return runExport(rest);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`jixiao: ${(e as Error).message}\n${command && HELP[command] ? HELP[command] : HELP.main}\n`);
      return 2;
    }
    process.stderr.write(`jixiao: ${(e as Error).message}\n`);
    return 1;
  }
}

function describe(o: FileOutcome): string {
  if (o.status === 'imported') {
    const c = o.counts;
    return `imported ${o.path} (${c.figures} figures, ${c.indicators} indicators, ${c.scores} scores, ${c.projects} projects${o.warnings ? `, ${o.warnings} warnings` : ''})`;
  }
  if (o.status === 'skipped') return `skipped  ${o.path} (already imported)`;
  return `FAILED   ${o.path}: ${o.reason}`;
}

async function runImport(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: {
    db: { type: 'string', default: DEFAULT_DB }, quiet: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' },
  } });
  if (values.help) return help('import');
  if (!positionals.length) throw new UsageError('import needs at least one file or folder');
  const db = openDatabase(values.db!);
  try {
    const summary = await importPaths(db, positionals, {
      onFile: (o, done, total) => {
        if (!values.quiet || o.status === 'failed') (o.status === 'failed' ? process.stderr : process.stdout).write(`[${done}/${total}] ${describe(o)}\n`);
      },
    });
    process.stdout.write(`${summary.imported} imported, ${summary.skipped} skipped (already imported), ${summary.failed} failed — database ${values.db}\n`);
    return summary.failed ? 1 : 0;
  } finally {
    db.close();
  }
}

function runExport(args: string[]): number {
  const { values } = parseArgs({ args, options: {
    db: { type: 'string', default: DEFAULT_DB }, format: { type: 'string', default: 'json' }, out: { type: 'string' },
    unit: { type: 'string' }, region: { type: 'string' }, year: { type: 'string' }, type: { type: 'string' },
    flagged: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' },
  } });
  if (values.help) return help('export');
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
