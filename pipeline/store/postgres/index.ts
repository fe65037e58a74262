// The PostgreSQL store: a pool of node-postgres connections to a server a team shares.
// Queries arrive with `?` placeholders (the SQL both stores read) and are numbered $1, $2 … here.
import pg from 'pg';
import type { Db, Row, Value } from '../types.ts';
import { applySchema } from './migrate.ts';

// bigint (ids, count(*)) and numeric as numbers, as SQLite returns them: ids stay far below 2^53
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export const isPostgresUrl = (spec: string) => /^postgres(ql)?:\/\//i.test(spec);

/** `?` → `$n`, leaving quoted text, identifiers and -- comments alone. */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  let out = '';
  let end: string | null = null; // what closes the quote or comment we are in
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i];
    if (end) { if (ch === end) end = null; out += ch; continue; }
    if (ch === "'" || ch === '"') end = ch;
    else if (ch === '-' && sql[i + 1] === '-') end = '\n';
    out += ch === '?' && !end ? `$${++n}` : ch;
  }
  return out;
}

const MAX_PARAMS = 60_000; // a statement may bind at most 65535

type Queryable = pg.Pool | pg.PoolClient;

class PgDb implements Db {
  readonly dialect = 'postgres' as const;
  /** In a transaction (one connection) queries go one after the other; on the pool they run side by side. */
  private last: Promise<unknown> = Promise.resolve();
  constructor(protected conn: Queryable, readonly name: string, private pool: pg.Pool | null) {}

  private query(text: string, params: unknown[]): Promise<pg.QueryResult> {
    if (this.pool) return this.conn.query(text, params);
    const next = this.last.catch(() => {}).then(() => this.conn.query(text, params));
    this.last = next;
    return next;
  }

  async all<T = Row>(sql: string, params: Value[] = []): Promise<T[]> {
    return (await this.query(numberPlaceholders(sql), params)).rows as T[];
  }

  async get<T = Row>(sql: string, params: Value[] = []): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  async run(sql: string, params: Value[] = []): Promise<number> {
    return (await this.query(numberPlaceholders(sql), params)).rowCount ?? 0;
  }

  async insertMany(table: string, rows: Row[]): Promise<void> {
    if (!rows.length) return;
    const columns = Object.keys(rows[0]);
    const per = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
    for (let at = 0; at < rows.length; at += per) {
      const chunk = rows.slice(at, at + per);
      const values = chunk.map((_, i) => `(${columns.map((__, j) => `$${i * columns.length + j + 1}`).join(', ')})`);
      await this.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')}`, chunk.flatMap((r) => columns.map((c) => r[c] ?? null)));
    }
  }

  async transaction<T>(fn: (tx: Db) => Promise<T>, options: { lock?: string } = {}): Promise<T> {
    if (!this.pool) {
      // already in one: only the lock to take
      if (options.lock) await this.query('SELECT pg_advisory_xact_lock(hashtext($1))', [options.lock]);
      return fn(this);
    }
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      if (options.lock) await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [options.lock]);
      const result = await fn(new PgDb(client, this.name, null));
      await client.query('COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      client.release();
    }
  }

  async hasTable(name: string): Promise<boolean> {
    return Boolean(await this.get('SELECT 1 AS x FROM pg_tables WHERE schemaname = current_schema() AND tablename = ?', [name]));
  }

  async close(): Promise<void> {
    await this.pool?.end();
  }
}

/** The URL without its password, for messages. */
export const safeUrl = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

export async function openPostgres(url: string, options: { readonly?: boolean } = {}): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on('error', () => {}); // an idle connection the server closed: the next query reconnects
  const db = new PgDb(pool, safeUrl(url), pool);
  try {
    await applySchema(db, options);
  } catch (e) {
    await pool.end().catch(() => {});
    throw new Error(`${db.name}: not a jixiao database or cannot be opened (${(e as Error).message})`);
  }
  return db;
}
