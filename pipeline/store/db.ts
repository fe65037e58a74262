// Opens (and creates) a jixiao database: one SQLite file, WAL journal, schema applied idempotently.
import Database from 'better-sqlite3';
import { readFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type DB = Database.Database;

const SCHEMA = readFileSync(new URL('./schema.sql', import.meta.url), 'utf8');
export const SCHEMA_VERSION = '1';

export function openDatabase(file: string, options: { readonly?: boolean } = {}): DB {
  if (options.readonly && !existsSync(file)) throw new Error(`${file}: no such database`);
  if (!options.readonly) mkdirSync(dirname(file) || '.', { recursive: true });
  let db: DB;
  try {
    db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
    db.pragma('foreign_keys = ON');
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.exec(SCHEMA);
      const version = db.prepare('SELECT value FROM meta WHERE key = ?').get('schema_version') as { value: string } | undefined;
      if (!version) db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('schema_version', SCHEMA_VERSION);
      else if (version.value !== SCHEMA_VERSION) throw new Error(`schema version ${version.value}, this jixiao writes ${SCHEMA_VERSION}`);
    } else {
      db.prepare('SELECT 1 FROM documents LIMIT 1').get();
    }
  } catch (e) {
    throw new Error(`${file}: not a jixiao database or cannot be opened (${(e as Error).message})`);
  }
  return db;
}
