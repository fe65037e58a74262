// Vitest global set-up: a real PostgreSQL for the store and queue tests, started by the same script a
// developer runs (scripts/pg-test-cluster.sh) and stopped after the run. JIXIAO_TEST_PG names a server of
// your own instead. If neither works the run fails here, loudly: the PostgreSQL tests never skip silently.
import { execFileSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';

const SCRIPT = new URL('../scripts/pg-test-cluster.sh', import.meta.url).pathname;

export default function setup(project: TestProject) {
  if (process.env.JIXIAO_TEST_PG) {
    project.provide('pgUrl', process.env.JIXIAO_TEST_PG);
    return;
  }
  let out: string;
  try {
    out = execFileSync(SCRIPT, ['start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (e) {
    throw new Error(`could not start the test PostgreSQL (${SCRIPT}): ${(e as { stderr?: string }).stderr || (e as Error).message}`);
  }
  const [url, dir] = out.split(' ');
  project.provide('pgUrl', url);
  return () => { execFileSync(SCRIPT, ['stop', dir], { stdio: 'ignore' }); };
}

declare module 'vitest' {
  export interface ProvidedContext { pgUrl: string }
}
