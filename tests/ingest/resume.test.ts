// An import killed mid-run (SIGKILL: no chance to clean up) loses nothing committed, leaves no
// half-written document, and the same command run again finishes the job.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { buildCountyCorpus } from '../../scripts/county-corpus.ts';
import { FIXTURES, tempDir } from '../helpers.ts';

const BIN = new URL('../../bin/jixiao.mjs', import.meta.url).pathname;

function importUntilKilled(args: string[], killAfterImported: number): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if ((out.match(/\] imported /g) ?? []).length >= killAfterImported) child.kill('SIGKILL');
    });
    child.on('exit', () => resolve(out));
  });
}

describe('interrupted import', () => {
  it('keeps every committed document whole and resumes where it stopped', async () => {
    const dir = tempDir('jixiao-resume-');
    const files = buildCountyCorpus(FIXTURES, join(dir, 'in'), 30);
    const db = join(dir, 'county.sqlite');
    const args = ['import', join(dir, 'in'), '--db', db, '--jobs', '1'];

    const firstOut = await importUntilKilled(args, 3);
    expect(firstOut).not.toMatch(/imported, .* skipped/); // it never reached its summary

    const conn = new Database(db);
    expect(conn.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    const stored = conn.prepare('SELECT id, file FROM documents').all() as Array<{ id: number; file: string }>;
    expect(stored.length).toBeGreaterThanOrEqual(3);
    expect(stored.length).toBeLessThan(files.length);
    // every stored document is whole: its blocks are there
    for (const d of stored) {
      expect((conn.prepare('SELECT count(*) n FROM blocks WHERE document_id = ?').get(d.id) as { n: number }).n).toBeGreaterThan(0);
    }
    conn.close();

    const second = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
    expect(second.status).toBe(0);
    expect(second.stdout).toContain(`${files.length - stored.length} imported, ${stored.length} skipped (already imported), 0 failed`);

    const after = new Database(db);
    expect((after.prepare('SELECT count(*) n FROM documents').get() as { n: number }).n).toBe(files.length);
    expect((after.prepare('SELECT count(DISTINCT sha256) n FROM documents').get() as { n: number }).n).toBe(files.length);
    after.close();

    // and a third run changes nothing
    const third = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
    expect(third.stdout).toContain(`0 imported, ${files.length} skipped (already imported), 0 failed`);
  });
});
