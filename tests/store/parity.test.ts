// The same corpus into SQLite and into PostgreSQL, each by two imports of the same folder running at
// once (two processes, as two analysts would): every document is stored once, the rules across reports
// leave no doubled flags, and the two stores give the same JSON export. Row ids are left out of the
// comparison: they follow the order in which the two racing imports happened to store the documents.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../pipeline/store/open.ts';
import { CORPUS } from '../helpers.ts';
import { ROOT } from '../export/setup.ts';
import { STORES } from '../stores.ts';

const BIN = join(ROOT, 'bin/jixiao.mjs');

function jixiao(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT });
    // decoded as a stream: a chunk may end inside a character
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    let stdout = ''; let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** The export without row ids and the links made of them. */
function withoutIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIds);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => !['id', 'flagIds', 'rows'].includes(k)).map(([k, v]) => [k, withoutIds(v)]));
  }
  return value;
}

/** Where two JSON values first differ (a path and both values), or null. */
function firstDifference(a: unknown, b: unknown, at = '$'): string | null {
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const d = firstDifference((a as any)[k], (b as any)[k], `${at}.${k}`);
      if (d) return d;
    }
    return null;
  }
  return Object.is(a, b) ? null : `${at}: ${JSON.stringify(a)?.slice(0, 200)} ≠ ${JSON.stringify(b)?.slice(0, 200)}`;
}

const files = readdirSync(CORPUS, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
const distinct = new Set(files.map((f) => createHash('sha256').update(readFileSync(f)).digest('hex'))).size;

const exports = new Map<string, unknown>();
const specs = new Map<string, string>();

describe.each(STORES)('two imports of the same folder at once, $name store', (kind) => {
  beforeAll(async () => {
    const spec = await kind.fresh();
    specs.set(kind.name, spec);
    const runs = await Promise.all([0, 1].map(() => jixiao(['import', CORPUS, '--db', spec, '--quiet', '--jobs', '1'])));
    for (const r of runs) expect(r.status, r.stderr).toBe(0);
    const out = await jixiao(['export', '--db', spec, '--format', 'json', '--out', '-']);
    expect(out.status, out.stderr).toBe(0);
    exports.set(kind.name, JSON.parse(out.stdout));
  }, 600_000);

  it('stores each document once', async () => {
    const db = await openStore(specs.get(kind.name)!);
    expect((await db.get<{ n: number }>('SELECT count(*) AS n FROM documents'))!.n).toBe(distinct);
    expect(await db.all('SELECT sha256 FROM documents GROUP BY sha256 HAVING count(*) > 1')).toEqual([]);
    await db.close();
  });

  it('leaves the flags the checks give when run once more (no doubled flags across reports)', async () => {
    const db = await openStore(specs.get(kind.name)!);
    const count = async () => (await db.get<{ n: number }>('SELECT count(*) AS n FROM flags'))!.n;
    const before = await count();
    const r = await jixiao(['check', '--db', specs.get(kind.name)!, '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    expect(await count()).toBe(before);
    await db.close();
  });
});

describe('SQLite and PostgreSQL', () => {
  it('give the same JSON export of the same corpus', () => {
    const [a, b] = STORES.map((k) => exports.get(k.name) as { documents: unknown[] });
    expect(a.documents.length).toBe(distinct);
    expect(firstDifference(withoutIds(a), withoutIds(b))).toBeNull();
  });
});
