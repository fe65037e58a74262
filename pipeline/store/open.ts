// Opens the store a --db value names: postgres:// or postgresql:// a PostgreSQL server, anything else a SQLite file.
import { isPostgresUrl, openPostgres } from './postgres/index.ts';
import { openSqlite } from './sqlite.ts';
import type { Db } from './types.ts';

export { isPostgresUrl };

export async function openStore(spec: string, options: { readonly?: boolean } = {}): Promise<Db> {
  return isPostgresUrl(spec) ? openPostgres(spec, options) : openSqlite(spec, options);
}
