import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, tempDir } from '../helpers.ts';

const BIN = new URL('../../bin/jixiao.mjs', import.meta.url).pathname;
const run = (args: string[], cwd?: string) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd });

describe('jixiao command line', () => {
  it('prints help for the tool and each command', () => {
    expect(run(['--help']).stdout).toMatch(/jixiao import +import files or folders/);
    expect(run(['import', '--help']).stdout).toContain('--db FILE');
    expect(run(['export', '--help']).stdout).toContain('--format');
  });

  it('rejects usage errors with status 2', () => {
    const r = run(['frobnicate']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown command "frobnicate"');
    expect(run(['import']).status).toBe(2);
  });

  it('imports a folder, re-imports it as a no-op, and exports JSON in the scorer shape', () => {
    const dir = tempDir();
    const db = join(dir, 'county.sqlite');
    const first = run(['import', join(CORPUS, 'txt'), '--db', db]);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('5 imported, 0 skipped (already imported), 0 failed');
    const second = run(['import', join(CORPUS, 'txt'), '--db', db]);
    expect(second.stdout).toContain('0 imported, 5 skipped (already imported), 0 failed');
    const out = join(dir, 'export.json');
    expect(run(['export', '--db', db, '--format', 'json', '--out', out]).status).toBe(0);
    const { documents } = JSON.parse(readFileSync(out, 'utf8'));
    expect(documents.map((d: any) => d.file)).toEqual([
      'emeishan-2023-final-accounts.txt', 'suixi-2022-verification.txt', 'wuchuan-2025-dept-self-eval.txt',
      'xihu-2022-dept-self-eval.txt', 'xuwen-2023-dept-self-eval.txt',
    ]);
    for (const d of documents) {
      expect(Object.keys(d)).toEqual(expect.arrayContaining(['file', 'unit', 'year', 'reportType', 'figures', 'indicators', 'scores', 'projects', 'flags']));
    }
    const filtered = JSON.parse(execFileSync(process.execPath, [BIN, 'export', '--db', db, '--format', 'json', '--out', '-', '--year', '2022'], { encoding: 'utf8' }));
    expect(filtered.documents.map((d: any) => d.year)).toEqual([2022, 2022]);
  });

  it('uses jixiao.sqlite in the working folder by default and exits 1 when a file fails', () => {
    const dir = tempDir();
    const r = run(['import', join(CORPUS, 'txt', 'xuwen-2023-dept-self-eval.txt'), join(dir, 'nope.pdf')], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${join(dir, 'nope.pdf')}: no such file or folder`);
    expect(r.stdout).toMatch(/1 imported, 0 skipped \(already imported\), 1 failed in [\d.]+ s — database jixiao.sqlite/);
    expect(readFileSync(join(dir, 'jixiao.sqlite')).subarray(0, 15).toString()).toBe('SQLite format 3');
  });
});
