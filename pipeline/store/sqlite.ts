// The SQLite store: better-sqlite3 (synchronous) behind the async interface. One connection per process;
// a transaction holds it until it ends, and everything else waits, so statements from other tasks never
// slip into an open transaction.
import type Database from 'better-sqlite3';
import { openDatabase } from './db.ts';
import type { Db, Row, Value } from './types.ts';

class SqliteDb implements Db {
  readonly dialect = 'sqlite' as const;
  private statements = new Map<string, Database.Statement>();
  /** Settles when the open transaction (if any) ends. */
  private idle: Promise<void> = Promise.resolve();

  constructor(private raw: Database.Database, readonly name: string, private inTransaction = false) {}

  private prepare(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) { s = this.raw.prepare(sql); this.statements.set(sql, s); }
    return s;
  }

  private async ready(): Promise<void> {
    if (!this.inTransaction) await this.idle;
  }

  async all<T = Row>(sql: string, params: Value[] = []): Promise<T[]> {
    await this.ready();
    return this.prepare(sql).all(...params) as T[];
  }

  async get<T = Row>(sql: string, params: Value[] = []): Promise<T | undefined> {
    await this.ready();
    return this.prepare(sql).get(...params) as T | undefined;
  }

  async run(sql: string, params: Value[] = []): Promise<number> {
    await this.ready();
    return this.prepare(sql).run(...params).changes;
  }

  async insertMany(table: string, rows: Row[]): Promise<void> {
    if (!rows.length) return;
    await this.ready();
    const columns = Object.keys(rows[0]);
    const insert = this.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    for (const r of rows) insert.run(...columns.map((c) => r[c] ?? null));
  }

  async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this);
    let release!: () => void;
    const previous = this.idle;
    this.idle = new Promise((r) => { release = r; });
    await previous;
    const tx = new SqliteDb(this.raw, this.name, true);
    tx.statements = this.statements;
    try {
      this.raw.exec('BEGIN IMMEDIATE');
      const result = await fn(tx);
      this.raw.exec('COMMIT');
      return result;
    } catch (e) {
      if (this.raw.inTransaction) this.raw.exec('ROLLBACK');
      throw e;
    } finally {
      release();
    }
  }

  async hasTable(name: string): Promise<boolean> {
    return Boolean(await this.get("SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = ?", [name]));
  }

  async close(): Promise<void> {
    await this.idle;
    this.raw.close();
  }
}

export function openSqlite(file: string, options: { readonly?: boolean } = {}): Db {
  return new SqliteDb(openDatabase(file, options), file);
}
