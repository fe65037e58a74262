// The `jixiao` command line. Each subcommand lives in commands/; I/O stays here, the stages stay pure.
import type { Command } from './command.ts';
import { UsageError } from './command.ts';
import { importCommand } from './commands/import.ts';
import { exportCommand } from './commands/export.ts';
import { reviewCommand } from './commands/review.ts';
import { reportCommand } from './commands/report.ts';
import { checkCommand } from './commands/check.ts';
import { enqueueCommand, statusCommand, workerCommand } from './commands/queue.ts';
import { serveCommand } from './commands/serve.ts';

export { DEFAULT_DB } from './command.ts';

const COMMANDS: Command[] = [importCommand, checkCommand, exportCommand, reviewCommand, reportCommand, serveCommand, enqueueCommand, workerCommand, statusCommand];
const byName = new Map(COMMANDS.map((c) => [c.name, c]));

const OVERVIEW = `jixiao — Chinese budget-performance reports into clean, cross-checked data

Usage:
${COMMANDS.map((c) => `  jixiao ${c.name.padEnd(8)} ${c.summary}`).join('\n')}
  jixiao help COMMAND   help on a command

Run "jixiao COMMAND --help" for the options of each command.
Examples:
  jixiao import fixtures/corpus/txt --db county.sqlite
  jixiao export --db county.sqlite --format json --out export.json`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help') { process.stdout.write(OVERVIEW + '\n'); return 0; }
  if (name === 'help') {
    process.stdout.write((byName.get(rest[0])?.help ?? OVERVIEW) + '\n');
    return 0;
  }
  const command = byName.get(name);
  try {
    if (!command) throw new UsageError(`unknown command "${name}"`);
    return await command.run(rest);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`jixiao: ${(e as Error).message}\n${command?.help ?? OVERVIEW}\n`);
      return 2;
    }
    process.stderr.write(`jixiao: ${(e as Error).message}\n`);
    return 1;
  }
}
