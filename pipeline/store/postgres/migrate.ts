// Creates the schema in a new PostgreSQL database, or upgrades one an older jixiao wrote, in one
// transaction under an advisory lock, so workers starting together on several machines migrate once.
import { readFileSync } from 'node:fs';
import { SCHEMA_VERSION } from '../db.ts';
import type { Db } from '../types.ts';

const SCHEMA = readFileSync(new URL('./schema.sql', import.meta.url), 'utf8');

/** What turns version N into N+1 (as ../db.ts does for SQLite), run before the schema text. */
const MIGRATIONS: Record<string, string> = {
  // version 3: the boxes of values on their page (null for rows stored before)
  '2': ['figures', 'indicators', 'scores', 'projects', 'line_items'].map((t) => `ALTER TABLE ${t} ADD COLUMN IF NOT EXISTS box text COLLATE "C"`).join(';\n'),
};

export async function applySchema(db: Db, options: { readonly?: boolean } = {}): Promise<void> {
  await db.transaction(async (tx) => {
    let version = (await tx.hasTable('meta'))
      ? (await tx.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', ['schema_version']))?.value ?? null
      : null;
    if (version === SCHEMA_VERSION) return;
    if (options.readonly && version == null) throw new Error('no jixiao tables');
    if (version != null && !(version in MIGRATIONS)) throw new Error(`schema version ${version}, this jixiao writes ${SCHEMA_VERSION}`);
    while (version != null && version !== SCHEMA_VERSION) {
      await tx.run(MIGRATIONS[version]);
      version = String(Number(version) + 1);
    }
    await tx.run(SCHEMA);
    await tx.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', ['schema_version', SCHEMA_VERSION]);
  }, { lock: 'jixiao schema' });
}
