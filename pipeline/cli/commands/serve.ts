// jixiao serve: the analysts' review workbench, a local web application over the database.
import { parseArgs } from 'node:util';
import { defaultUser } from '../../review/index.ts';
import { startServer } from '../../serve/server.ts';
import { DEFAULT_DB, positiveNumber, UsageError, type Command } from '../command.ts';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'the review workbench in the browser: flags on the PDF page, decisions by keyboard',
  help: `jixiao serve [--db FILE] [--port N] [--user NAME] [--host ADDRESS]

Starts a local web application over the database and prints its address (http://127.0.0.1:8720/):
an overview of the reports (units × years, scores, flags by category and status), each report's
statements, line items, figures, indicators, scores, projects and flags, and each flag with its
evidence boxed on the rendered PDF page (DOCX, XLSX and text evidence in its context). Confirm,
dismiss (with a reason), reopen and undo go into the same review tables as "jixiao review", with
who and when. Keys on a flag: j next, k previous, c confirm, d dismiss (type the reason, Enter),
o reopen, u undo. Several analysts may work on one database at once (each with their own --user).
Rendered pages are kept in .jixiao-cache/pages beside the database. Stop it with Ctrl-C.

Options:
  --db FILE       the database (default ./${DEFAULT_DB})
  --port N        the port (default 8720; 0: any free port)
  --user NAME     who is reviewing (default: the OS user, here ${defaultUser()}; or $JIXIAO_USER)
  --host ADDRESS  listen on another address than 127.0.0.1 (the workbench has no login: only on a
                  network you trust)`,
  run: runServe,
};

async function runServe(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: {
    db: { type: 'string', default: DEFAULT_DB }, port: { type: 'string' }, user: { type: 'string' }, host: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  } });
  if (values.help) { process.stdout.write(serveCommand.help + '\n'); return 0; }
  const port = positiveNumber('port', values.port, 8720, true);
  if (!Number.isInteger(port) || port > 65535) throw new UsageError(`--port must be a port number, not "${values.port}"`);
  const host = values.host ?? '127.0.0.1';
  const user = values.user?.trim() || defaultUser();
  const running = await startServer({ db: values.db!, host, port, user, log: (l) => process.stderr.write(`${new Date().toISOString()} ${l}\n`) });
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) {
    process.stderr.write(`\n  WARNING: listening on ${host}, not only on this machine. The workbench has no login: anyone who\n  can reach ${running.url} can read every report and record decisions as ${user}.\n\n`);
  }
  process.stdout.write(`jixiao serve: ${running.url} (database ${values.db}, reviewer ${user}); Ctrl-C stops it\n`);
  await new Promise<void>((done) => {
    const stop = (signal: string) => {
      process.stderr.write(`jixiao serve: ${signal}, stopping\n`);
      running.close().then(done, done);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
}
