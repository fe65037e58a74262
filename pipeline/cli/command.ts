// What every subcommand of `jixiao` provides, and the errors they share.

export interface Command {
  name: string;
  /** One line for the overview. */
  summary: string;
  help: string;
  run(args: string[]): Promise<number> | number;
}

/** A mistake in the command line: exit status 2 and the command's help. */
export class UsageError extends Error {}

export const DEFAULT_DB = 'jixiao.sqlite';

export function positiveNumber(name: string, value: string | undefined, fallback: number, allowZero = false): number {
  if (value == null) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || (!allowZero && n === 0)) throw new UsageError(`--${name} must be a ${allowZero ? 'non-negative' : 'positive'} number, not "${value}"`);
  return n;
}
