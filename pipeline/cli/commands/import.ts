// jixiao import: files and folders into the database, in parallel, resumable.
import { parseArgs } from 'node:util';
import { openStore } from '../../store/open.ts';
import { defaultJobs, importPaths } from '../../ingest/index.ts';
import { checkAcrossDatabase } from '../../ingest/checks.ts';
import { DEFAULT_LIMITS, type Limits } from '../../ingest/limits.ts';
import { limitHeapGrowth } from '../../ingest/heap.ts';
import { Progress } from '../progress.ts';
import { DEFAULT_DB, positiveNumber, UsageError, type Command } from '../command.ts';

export const importCommand: Command = {
  name: 'import',
  summary: 'import files or folders, or zip archives of them (PDF, DOCX, XLSX, DOC/XLS, TXT, MD)',
  help: `jixiao import PATH… [--db FILE|URL] [--jobs N] [--quiet] [--no-ocr] [limits]

Imports every file given, and every file inside the folders given. The format is read from the
file's bytes, not its name. A file already in the database (same sha256) is skipped, so running
the same command again after an interruption continues where it stopped. A file that cannot be
read or parsed is reported with its path and reason, and the others go on. Each document is
stored in one transaction: nothing half-written is ever left behind.
A .zip archive is imported like a folder (one zip inside it is opened too; deeper ones are not);
names a Windows zip stores in GBK, and file names on disk that are not UTF-8, are decoded as
GB18030. A file that is no report format (JSON, XML, images, other archives) is left out with
one line saying why; it is not a failure.

Options:
  --db FILE|URL        the SQLite database to write (created if absent; default ./${DEFAULT_DB}),
                       or a PostgreSQL server: postgres://user@host/database
  --jobs N             parsing workers (default: the machine's cores, here ${defaultJobs()}; 0 parses in-process)
  --quiet              print only failures and the summary
Limits (a file over a limit fails alone):
  --max-file-mb N      largest file read (default ${DEFAULT_LIMITS.maxFileMb})
  --max-pages N        most PDF pages (default ${DEFAULT_LIMITS.maxPages})
  --max-cells N        most table cells in one document (default ${DEFAULT_LIMITS.maxCells})
  --worker-memory N    heap per parsing worker in MiB (default ${DEFAULT_LIMITS.workerMemoryMb})
  --timeout N          seconds one file may take to parse (default ${DEFAULT_LIMITS.timeoutSeconds}; raise it for long scans)
OCR (PDF pages with no text layer, a page image with a few characters, or a garbled text layer):
  --no-ocr             leave such pages unread (a PDF with no readable page then fails)
  --ocr-page-timeout N seconds OCR may spend on one page; a page over it is left unread (default ${DEFAULT_LIMITS.ocrPageSeconds})
Limits on a zip archive (over one, the whole archive is refused and nothing of it imported):
  --max-archive-entries N   most entries (default ${DEFAULT_LIMITS.maxArchiveEntries})
  --max-archive-mb N        most MiB it inflates to, archives inside it included (default ${DEFAULT_LIMITS.maxArchiveMb})
  --max-compression-ratio N highest size : compressed size of an entry over 1 MiB (default ${DEFAULT_LIMITS.maxCompressionRatio})
Exit status: 0 when every file was imported or skipped, 1 when any failed, 2 on a usage error,
130 when interrupted.`,
  run: runImport,
};

async function runImport(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: {
    db: { type: 'string', default: DEFAULT_DB }, quiet: { type: 'boolean', default: false }, jobs: { type: 'string' },
    'max-file-mb': { type: 'string' }, 'max-pages': { type: 'string' }, 'max-cells': { type: 'string' },
    'worker-memory': { type: 'string' }, timeout: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    'max-archive-entries': { type: 'string' }, 'max-archive-mb': { type: 'string' }, 'max-compression-ratio': { type: 'string' },
    'no-ocr': { type: 'boolean', default: false }, 'ocr-page-timeout': { type: 'string' },
  } });
  if (values.help) { process.stdout.write(importCommand.help + '\n'); return 0; }
  if (!positionals.length) throw new UsageError('import needs at least one file or folder');
  const jobs = Math.floor(positiveNumber('jobs', values.jobs, defaultJobs(), true));
  const limits: Limits = {
    maxFileMb: positiveNumber('max-file-mb', values['max-file-mb'], DEFAULT_LIMITS.maxFileMb),
    maxPages: positiveNumber('max-pages', values['max-pages'], DEFAULT_LIMITS.maxPages),
    maxCells: positiveNumber('max-cells', values['max-cells'], DEFAULT_LIMITS.maxCells),
    workerMemoryMb: positiveNumber('worker-memory', values['worker-memory'], DEFAULT_LIMITS.workerMemoryMb),
    timeoutSeconds: positiveNumber('timeout', values.timeout, DEFAULT_LIMITS.timeoutSeconds),
    maxArchiveEntries: positiveNumber('max-archive-entries', values['max-archive-entries'], DEFAULT_LIMITS.maxArchiveEntries),
    maxArchiveMb: positiveNumber('max-archive-mb', values['max-archive-mb'], DEFAULT_LIMITS.maxArchiveMb),
    maxCompressionRatio: positiveNumber('max-compression-ratio', values['max-compression-ratio'], DEFAULT_LIMITS.maxCompressionRatio),
    ocrPageSeconds: values['no-ocr'] ? 0 : positiveNumber('ocr-page-timeout', values['ocr-page-timeout'], DEFAULT_LIMITS.ocrPageSeconds),
  };
  const db = await openStore(values.db!);
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
  limitHeapGrowth();
  try {
    const summary = await importPaths(db, positionals, {
      jobs, limits, signal: abort.signal,
      onStart: (total) => progress.start(total),
      onFile: (o, done) => progress.file(o, done),
    });
    progress.clear();
    // the rules across reports see the whole database, old documents and new
    const across = summary.imported ? await checkAcrossDatabase(db) : 0;
    const flags = summary.outcomes.reduce((n, o) => n + (o.status === 'imported' ? o.counts.flags ?? 0 : 0), 0) + across;
    const seconds = (Date.now() - started) / 1000;
    const left = summary.total - summary.outcomes.length;
    process.stdout.write(`${summary.imported} imported, ${summary.skipped} skipped (already imported), ${summary.failed} failed`
      + `${summary.ignored ? `, ${summary.ignored} left out (not reports)` : ''}`
      + `${summary.interrupted ? `, ${left} not started (interrupted)` : ''} in ${seconds.toFixed(1)} s — database ${values.db}\n`
      + (summary.imported ? `${flags} consistency flags on the new documents; see them with: jixiao check --db ${values.db}\n` : ''));
    if (summary.interrupted) return 130;
    return summary.failed ? 1 : 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await db.close();
  }
}

