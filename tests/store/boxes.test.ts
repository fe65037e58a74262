// Boxes stored with the values (schema version 3): each extracted value read from a PDF keeps where on
// its page it stands, in its provenance JSON and in the queryable box column, and flag evidence too.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase, SCHEMA_VERSION } from '../../pipeline/store/db.ts';
import { openSqlite } from '../../pipeline/store/sqlite.ts';
import { importPaths } from '../../pipeline/ingest/index.ts';
import { CORPUS, tempDir } from '../helpers.ts';
import { STORES, openFresh } from '../stores.ts';

describe.each(STORES)('boxes in the store ($name)', (kind) => {
  it('keeps the box of every value read from a PDF, and of flag evidence', async () => {
    const { db } = await openFresh(kind);
    try {
      const summary = await importPaths(db, [join(CORPUS, 'pdf', 'wuchuan-2025-dept-self-eval.pdf')]);
      expect(summary).toMatchObject({ imported: 1, failed: 0 });
      for (const t of ['figures', 'indicators', 'line_items']) {
        const rows = await db.all<{ source: string; box: string | null }>(`SELECT source, box FROM ${t}`);
        if (!rows.length) continue;
        for (const r of rows) {
          const source = JSON.parse(r.source);
          expect(r.box, t).not.toBeNull();
          expect(JSON.parse(r.box!)).toEqual(source.box);
          expect(source.box.x1).toBeGreaterThan(source.box.x0);
          expect(source.box.y1).toBeGreaterThan(source.box.y0);
        }
      }
      const evidence = (await db.all<{ evidence: string }>('SELECT evidence FROM flags')).flatMap((f) => JSON.parse(f.evidence));
      expect(evidence.length).toBeGreaterThan(0);
      expect(evidence.every((e: { source: { box?: unknown; page?: number } }) => e.source.page && e.source.box)).toBe(true);
    } finally {
      await db.close();
    }
  });
});

describe('boxes in an older SQLite file', () => {
  it('upgrades a version-2 database in place: box columns added, stored rows kept', async () => {
    const path = join(tempDir('jixiao-v2-'), 'v2.sqlite');
    const db = openSqlite(path);
    await importPaths(db, [join(CORPUS, 'pdf', 'wuchuan-2025-dept-self-eval.pdf')]);
    const figures = (await db.get<{ n: number }>('SELECT count(*) AS n FROM figures'))!.n;
    await db.close();
    // the same file as version 2 wrote it: no box columns
    const raw = new Database(path);
    for (const t of ['figures', 'indicators', 'scores', 'projects', 'line_items']) raw.exec(`ALTER TABLE ${t} DROP COLUMN box`);
    raw.prepare("UPDATE meta SET value = '2' WHERE key = 'schema_version'").run();
    raw.close();
    const up = openDatabase(path);
    try {
      expect((up.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string }).value).toBe(SCHEMA_VERSION);
      expect((up.prepare('SELECT count(*) AS n, count(box) AS b FROM figures').get() as { n: number; b: number })).toEqual({ n: figures, b: 0 });
    } finally {
      up.close();
    }
  });
});
