// The two stores every store test runs against: a SQLite file in a temp folder, and a fresh database
// on the test PostgreSQL (tests/pg-cluster.ts). `spec` is what --db takes.
import { join } from 'node:path';
import { inject } from 'vitest';
import pg from 'pg';
import { openStore } from '../pipeline/store/open.ts';
import type { Db } from '../pipeline/store/types.ts';
import { tempDir } from './helpers.ts';

export interface StoreKind { name: 'sqlite' | 'postgres'; fresh(): Promise<string> }

let n = 0;

/** A new empty PostgreSQL database on the test server; its URL. */
export async function freshPostgres(): Promise<string> {
  const admin = inject('pgUrl');
  const name = `t_${process.pid}_${Date.now().toString(36)}_${n++}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

export const STORES: StoreKind[] = [
  { name: 'sqlite', fresh: async () => join(tempDir('jixiao-store-'), 'j.sqlite') },
  { name: 'postgres', fresh: freshPostgres },
];

/** A fresh store of the kind, opened. */
export async function openFresh(kind: StoreKind): Promise<{ db: Db; spec: string }> {
  const spec = await kind.fresh();
  return { db: await openStore(spec), spec };
}
