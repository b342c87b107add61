// Opens the database: embedded PGlite in DATA_DIR by default, a pooled node-postgres connection
// when DATABASE_URL is set. Both expose the same Drizzle API, so nothing above this file knows which.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { vector } from '@electric-sql/pglite-pgvector';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** What a service runs on: the database, or the transaction its caller opened (a nested
 * `transaction()` on a Tx is a savepoint, so services compose inside one another's writes). */
export type DbOrTx = Db | Tx;

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Raw SQL for the few places Drizzle cannot express (migrations check, health, bench). */
  query: (sql: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;
  pglite?: PGlite;
  pool?: pg.Pool;
  close: () => Promise<void>;
}

export const pgliteExtensions = { pg_trgm, vector };

export async function openDatabase(opts: {
  databaseUrl?: string;
  dataDir?: string;
  poolMax?: number;
  /** Start from a PGlite data-dir dump (tests start each worker from one migrated dump). */
  loadDataDir?: Blob;
}): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolMax ?? 10 });
    // An idle client that errors (server restart) must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    const db = drizzlePg(pool, { schema, casing: 'snake_case' }) as unknown as Db;
    return {
      kind: 'postgres',
      db,
      pool,
      query: (text, params) => pool.query(text, params),
      close: () => pool.end(),
    };
  }
  let dataDir: string | undefined;
  let unlock = () => {};
  if (opts.dataDir) {
    mkdirSync(opts.dataDir, { recursive: true });
    // One process per data directory (data-dir-lock.ts); throws DataDirBusyError when taken.
    unlock = lockDataDir(opts.dataDir);
    dataDir = join(opts.dataDir, 'pglite');
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({ dataDir, extensions: pgliteExtensions, loadDataDir: opts.loadDataDir });
  } catch (err) {
    unlock();
    throw err;
  }
  const db = drizzlePglite(pglite, { schema, casing: 'snake_case' }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    pglite,
    query: async (text, params) => {
      const r = await pglite.query<Record<string, unknown>>(text, params);
      return { rows: r.rows };
    },
    close: async () => {
      try {
        await pglite.close();
      } finally {
        unlock();
      }
    },
  };
}
