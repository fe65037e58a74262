// The storage interface every part of jixiao reads and writes through. Two stores implement it:
// SQLite (one file, the embedded default: sqlite.ts) and PostgreSQL (a shared server: postgres/).
// Queries are written once, in the SQL both understand: `?` placeholders, INSERT … ON CONFLICT,
// RETURNING; the schema is the same tables and columns in each store's own DDL.

export type Dialect = 'sqlite' | 'postgres';

/** A parameter: what both drivers bind the same way (no booleans: SQLite has none). */
export type Value = string | number | null | Uint8Array;

export type Row = Record<string, any>;

export interface Db {
  readonly dialect: Dialect;
  /** The file or the server (without a password), for messages. */
  readonly name: string;
  all<T = Row>(sql: string, params?: Value[]): Promise<T[]>;
  get<T = Row>(sql: string, params?: Value[]): Promise<T | undefined>;
  /** Runs a statement; resolves to the number of rows it changed. */
  run(sql: string, params?: Value[]): Promise<number>;
  /** Inserts rows (objects with the same keys, the column names) into a table, in as few round trips as the store allows. */
  insertMany(table: string, rows: Row[]): Promise<void>;
  /**
   * Runs fn in one transaction: all of it is stored or none of it. Writers are serialised (SQLite: BEGIN
   * IMMEDIATE; PostgreSQL: `lock`, when given, is an advisory lock held to the commit, so the same job run
   * on two machines at once runs one after the other). Inside fn use only `tx`.
   */
  transaction<T>(fn: (tx: Db) => Promise<T>, options?: { lock?: string }): Promise<T>;
  /** Whether a table exists (a database an older jixiao wrote may lack newer ones). */
  hasTable(name: string): Promise<boolean>;
  close(): Promise<void>;
}
