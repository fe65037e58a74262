// The `jixiao` command line: import, export, check. I/O lives here; the stages stay pure.
import { parseArgs } from 'node:util';
import { writeFileSync } from 'node:fs';
import { openDatabase } from '../store/db.ts';
import { defaultJobs, importPaths } from '../ingest/index.ts';
import { DEFAULT_LIMITS, type Limits } from '../ingest/limits.ts';
import { Progress } from './progress.ts';
import { exportJson, exportJsonl } from '../export/json.ts';

export const DEFAULT_DB = 'jixiao.sqlite';

const HELP: Record<string, string> = {
  main: `jixiao — Chinese budget-performance reports into clean, cross-checked data

Usage:
  jixiao import PATH… [--db FILE]          import files or folders (PDF, DOCX, XLSX, DOC/XLS, TXT, MD)
  jixiao export --db FILE --format json --out FILE
  jixiao help COMMAND                       help on a command

Run "jixiao COMMAND --help" for the options of each command.`,
  import: `jixiao import PATH… [--db FILE] [--jobs N] [--quiet] [limits]

Imports every file given, and every file inside the folders given. The format is read from the
file's bytes, not its name. A file already in the database (same sha256) is skipped, so running
the same command again after an interruption continues where it stopped. A file that cannot be
read or parsed is reported with its path and reason, and the others go on. Each document is
stored in one transaction: nothing half-written is ever left behind.

Options:
  --db FILE            the SQLite database to write (created if absent; default ./${DEFAULT_DB})
  --jobs N             parsing workers (default: the machine's cores, here ${defaultJobs()}; 0 parses in-process)
  --quiet              print only failures and the summary
Limits (a file over a limit fails alone):
  --max-file-mb N      largest file read (default ${DEFAULT_LIMITS.maxFileMb})
  --max-pages N        most PDF pages (default ${DEFAULT_LIMITS.maxPages})
  --max-cells N        most table cells in one document (default ${DEFAULT_LIMITS.maxCells})
  --worker-memory N    heap per parsing worker in MiB (default ${DEFAULT_LIMITS.workerMemoryMb})
  --timeout N          seconds one file may take to parse (default ${DEFAULT_LIMITS.timeoutSeconds})
Exit status: 0 when every file was imported or skipped, 1 when any failed, 2 on a usage error,
130 when interrupted.`,
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

function positiveNumber(name: string, value: string | undefined, fallback: number, allowZero = false): number {
  if (value == null) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || (!allowZero && n === 0)) throw new UsageError(`--${name} must be a ${allowZero ? 'non-negative' : 'positive'} number, not "${value}"`);
  return n;
}

async function runImport(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: {
    db: { type: 'string', default: DEFAULT_DB }, quiet: { type: 'boolean', default: false }, jobs: { type: 'string' },
    'max-file-mb': { type: 'string' }, 'max-pages': { type: 'string' }, 'max-cells': { type: 'string' },
    'worker-memory': { type: 'string' }, timeout: { type: 'string' }, help: { type: 'boolean', short: 'h' },
  } });
  if (values.help) return help('import');
  if (!positionals.length) throw new UsageError('import needs at least one file or folder');
  const jobs = Math.floor(positiveNumber('jobs', values.jobs, defaultJobs(), true));
  const limits: Limits = {
    maxFileMb: positiveNumber('max-file-mb', values['max-file-mb'], DEFAULT_LIMITS.maxFileMb),
    maxPages: positiveNumber('max-pages', values['max-pages'], DEFAULT_LIMITS.maxPages),
    maxCells: positiveNumber('max-cells', values['max-cells'], DEFAULT_LIMITS.maxCells),
    workerMemoryMb: positiveNumber('worker-memory', values['worker-memory'], DEFAULT_LIMITS.workerMemoryMb),
    timeoutSeconds: positiveNumber('timeout', values.timeout, DEFAULT_LIMITS.timeoutSeconds),
  };
  const db = openDatabase(values.db!);
  const progress = new Progress({ quiet: values.quiet!, tty: Boolean(process.stderr.isTTY), out: process.stdout, err: process.stderr });
  // the first Ctrl-C stops taking new files and lets the ones under way finish; a second one quits at once
  const abort = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (abort.signal.aborted) process.exit(130);
    progress.clear();
    process.stderr.write(`\n${signal}: finishing the files under way; run the same command again to continue\n`);
    abort.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const started = Date.now();
  try {
    const summary = await importPaths(db, positionals, {
      jobs, limits, signal: abort.signal,
      onStart: (total) => progress.start(total),
      onFile: (o, done) => progress.file(o, done),
    });
    progress.clear();
    const seconds = (Date.now() - started) / 1000;
    const left = summary.total - summary.outcomes.length;
    process.stdout.write(`${summary.imported} imported, ${summary.skipped} skipped (already imported), ${summary.failed} failed`
      + `${summary.interrupted ? `, ${left} not started (interrupted)` : ''} in ${seconds.toFixed(1)} s — database ${values.db}\n`);
    if (summary.interrupted) return 130;
    return summary.failed ? 1 : 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
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
