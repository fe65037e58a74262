// The `jixiao` command line. Each subcommand lives in commands/; I/O stays here, the stages stay pure.
import type { Command } from './command.ts';
import { UsageError } from './command.ts';

export { DEFAULT_DB } from './command.ts';

// Each command's module is loaded when that command runs (or its help is asked for): an import
// need not load the workbench, the queue, the workbook writer and their dependencies (~30 MiB and
// a fifth of a second at start).
const COMMANDS: Record<string, () => Promise<Command>> = {
  import: async () => (await import('./commands/import.ts')).importCommand,
  check: async () => (await import('./commands/check.ts')).checkCommand,
  export: async () => (await import('./commands/export.ts')).exportCommand,
  review: async () => (await import('./commands/review.ts')).reviewCommand,
  report: async () => (await import('./commands/report.ts')).reportCommand,
  serve: async () => (await import('./commands/serve.ts')).serveCommand,
  enqueue: async () => (await import('./commands/queue.ts')).enqueueCommand,
  worker: async () => (await import('./commands/queue.ts')).workerCommand,
  status: async () => (await import('./commands/queue.ts')).statusCommand,
};
const commandOf = (name: string | undefined) => (name && Object.hasOwn(COMMANDS, name) ? COMMANDS[name]() : Promise.resolve(undefined));

const overview = async () => `jixiao — Chinese budget-performance reports into clean, cross-checked data

Usage:
${(await Promise.all(Object.values(COMMANDS).map((load) => load()))).map((c) => `  jixiao ${c.name.padEnd(8)} ${c.summary}`).join('\n')}
  jixiao help COMMAND   help on a command

Run "jixiao COMMAND --help" for the options of each command.
Examples:
  jixiao import fixtures/corpus/txt --db county.sqlite
  jixiao export --db county.sqlite --format json --out export.json`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help') { process.stdout.write(await overview() + '\n'); return 0; }
  if (name === 'help') {
    process.stdout.write(((await commandOf(rest[0]))?.help ?? await overview()) + '\n');
    return 0;
  }
  const command = await commandOf(name);
  try {
    if (!command) throw new UsageError(`unknown command "${name}"`);
    return await command.run(rest);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`jixiao: ${(e as Error).message}\n${command?.help ?? await overview()}\n`);
      return 2;
    }
    process.stderr.write(`jixiao: ${(e as Error).message}\n`);
    return 1;
  }
}
