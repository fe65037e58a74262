// Opens (and creates) a jixiao database: one SQLite file, WAL journal, schema applied idempotently.
// A database written by an older jixiao is upgraded in place, in one transaction (all of it or none of it).
import Database from 'better-sqlite3';
import { readFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type DB = Database.Database;

const SCHEMA = readFileSync(new URL('./schema.sql', import.meta.url), 'utf8');
export const SCHEMA_VERSION = '3';

/**
 * What turns version N into N+1, run before the schema text (which then creates the new tables and indexes).
 * Only additions: a database upgraded this way holds the same rows, and documents imported before the
 * upgrade have no statements until re-imported.
 */
const MIGRATIONS: Record<string, string | ((db: DB) => void)> = {
  '1': `ALTER TABLE documents ADD COLUMN scope TEXT;
        ALTER TABLE documents ADD COLUMN consolidates TEXT NOT NULL DEFAULT '[]';`,
  // boxes of extracted values on their page (PDF), for evidence shown on the page; older rows have none
  // (a table a version-1 database lacks, line_items, is created by the schema text with the column)
  '2': (db) => {
    for (const t of ['figures', 'indicators', 'scores', 'projects', 'line_items']) {
      const cols = db.prepare(`SELECT name FROM pragma_table_info('${t}')`).all() as Array<{ name: string }>;
      if (cols.length && !cols.some((c) => c.name === 'box')) db.exec(`ALTER TABLE ${t} ADD COLUMN box TEXT`);
    }
  },
};

function storedVersion(db: DB): string | null {
  const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get();
  if (!hasMeta) return null;
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get('schema_version') as { value: string } | undefined;
  return row?.value ?? null;
}

/** Creates the schema in a new database, or upgrades an older one; refuses a newer one. */
function applySchema(db: DB): void {
  db.transaction(() => {
    let version = storedVersion(db);
    if (version != null && version !== SCHEMA_VERSION && !(version in MIGRATIONS)) {
      throw new Error(`schema version ${version}, this jixiao writes ${SCHEMA_VERSION}`);
    }
    while (version != null && version !== SCHEMA_VERSION) {
      const step = MIGRATIONS[version];
      if (typeof step === 'string') db.exec(step); else step(db);
      version = String(Number(version) + 1);
    }
    db.exec(SCHEMA);
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run('schema_version', SCHEMA_VERSION);
  }).immediate();
}

export function openDatabase(file: string, options: { readonly?: boolean } = {}): DB {
  if (options.readonly && !existsSync(file)) throw new Error(`${file}: no such database`);
  if (!options.readonly) mkdirSync(dirname(file) || '.', { recursive: true });
  let db: DB;
  try {
    db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
    db.pragma('foreign_keys = ON');
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      // another writer (an analyst's decision, an import) holds the lock for milliseconds: wait for it rather than fail
      db.pragma('busy_timeout = 5000');
      db.pragma('synchronous = NORMAL');
      applySchema(db);
    } else {
      db.prepare('SELECT 1 FROM documents LIMIT 1').get();
      const version = storedVersion(db);
      // A read (export, report) of a database an older jixiao wrote: upgrade it first, then read.
      if (version != null && version in MIGRATIONS) {
        db.close();
        openDatabase(file).close();
        db = new Database(file, { readonly: true, fileMustExist: true });
        db.pragma('foreign_keys = ON');
      }
    }
  } catch (e) {
    throw new Error(`${file}: not a jixiao database or cannot be opened (${(e as Error).message})`);
  }
  return db;
}
