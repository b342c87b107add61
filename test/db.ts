// One migrated database per test worker: in-memory PGlite by default, or a fresh database on the
// server named by TEST_DATABASE_URL (one per worker, recreated each run).
import pg from 'pg';
import { openDatabase, type Database } from '../server/db/client';
import { runMigrations } from '../server/db/migrate';

let shared: Promise<Database> | undefined;

export function testDatabase(): Promise<Database> {
  shared ??= open();
  return shared;
}

/**
 * A database of its own (close it after): for a test that writes so much (hundreds of
 * organizations) that it would slow the background work of the files sharing the worker's.
 */
export function ownTestDatabase(name: string): Promise<Database> {
  return open(name);
}

async function open(suffix = ''): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const database = await openDatabase({});
    await runMigrations(database);
    return database;
  }
  const worker = process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? '0';
  const base = new URL(url);
  const name = `${base.pathname.slice(1) || 'test'}_w${worker}${suffix ? `_${suffix}` : ''}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.query(`create database "${name}"`);
  await admin.end();
  base.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: base.toString(), poolMax: 5 });
  await runMigrations(database);
  return database;
}
