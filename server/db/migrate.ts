// Applies the committed drizzle-kit migrations. Drizzle runs all pending migrations in one
// transaction, so a failing migration leaves the database exactly as it was.
//
// Two sets: the main one (always), and the optional vector set (server/db/vector-migrations, its
// own table __drizzle_migrations_vector), applied only where the server offers pgvector. PGlite
// always has it; Debian's PostgreSQL 15 does not, and there retrieval works without vectors.
import { fileURLToPath } from 'node:url';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { Database } from './client';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));
export const VECTOR_MIGRATIONS_FOLDER = fileURLToPath(new URL('./vector-migrations', import.meta.url));
export const VECTOR_MIGRATIONS_TABLE = '__drizzle_migrations_vector';

export class MigrationError extends Error {}

export interface MigrationResult {
  /** Whether the vector set is in place (semantic retrieval possible). */
  vector: boolean;
  /** Why not, in words for the operator. */
  vectorReason?: string;
}

async function apply(database: Database, migrationsFolder: string, migrationsTable?: string) {
  const config = { migrationsFolder, ...(migrationsTable ? { migrationsTable } : {}) };
  if (database.kind === 'pglite') await migratePglite(database.db as unknown as PgliteDatabase, config);
  else await migratePg(database.db as unknown as NodePgDatabase, config);
}

function failure(err: unknown) {
  const cause = (err as { cause?: { message?: string } }).cause?.message ?? (err as Error).message;
  return new MigrationError(`Database migration failed, nothing was changed: ${cause}`);
}

export async function runMigrations(database: Database, migrationsFolder = MIGRATIONS_FOLDER): Promise<MigrationResult> {
  try {
    await apply(database, migrationsFolder);
  } catch (err) {
    throw failure(err);
  }
  const { rows } = await database.query(`select exists (select 1 from pg_available_extensions where name = 'vector') as available`);
  if (!rows[0]?.available) return { vector: false, vectorReason: 'the database server has no pgvector extension (semantic retrieval is off; words and trigram still work)' };
  try {
    await apply(database, VECTOR_MIGRATIONS_FOLDER, VECTOR_MIGRATIONS_TABLE);
  } catch (err) {
    // Offered but not usable (e.g. the role may not CREATE EXTENSION): the app still runs, without
    // vectors, and says why. The set ran in one transaction, so nothing of it is left behind.
    const present = (await database.query(`select to_regclass('public.search_chunks') is not null as present`)).rows[0]?.present === true;
    return { vector: present, vectorReason: `the vector migrations failed: ${failure(err).message}` };
  }
  return { vector: true };
}

const journals = new Map<string, { folderMillis: number }[]>();

/**
 * How many committed migrations the database has not applied (readiness). Drizzle applies, in
 * order, every migration newer than the newest row of drizzle.__drizzle_migrations, so that row
 * says it all; a database without the table has applied none.
 */
export async function pendingMigrations(database: Database, migrationsFolder = MIGRATIONS_FOLDER): Promise<number> {
  let journal = journals.get(migrationsFolder);
  if (!journal) journals.set(migrationsFolder, (journal = readMigrationFiles({ migrationsFolder })));
  // Two statements: a table name in SQL is resolved before any CASE could skip it.
  const { rows: exists } = await database.query(`select to_regclass('drizzle.__drizzle_migrations') is not null as present`);
  let last = -Infinity;
  if (exists[0]?.present) {
    const { rows } = await database.query(`select max(created_at)::float8 as last from drizzle.__drizzle_migrations`);
    if (rows[0]?.last != null) last = Number(rows[0].last);
  }
  return journal.filter((m) => m.folderMillis > last).length;
}
