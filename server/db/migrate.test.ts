// Migrations: drizzle-kit's committed files apply cleanly, and a failing migration stops start-up
// and leaves the database exactly as it was (all pending migrations run in one transaction).
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { testDatabase } from '../../test/db';
import { openDatabase } from './client';
import { MIGRATIONS_FOLDER, MigrationError, runMigrations } from './migrate';

/** A copy of the real migrations plus one that creates a table and then fails. */
function foldersWithBrokenMigration() {
  const dir = mkdtempSync(join(tmpdir(), 'meridian-migrations-'));
  cpSync(MIGRATIONS_FOLDER, dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8'));
  const last = journal.entries[journal.entries.length - 1];
  const tag = '9999_broken';
  journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1, tag });
  writeFileSync(journalPath, JSON.stringify(journal));
  writeFileSync(join(dir, `${tag}.sql`), 'CREATE TABLE half_done (id int);\n--> statement-breakpoint\nSELECT * FROM table_that_does_not_exist;');
  return dir;
}

const tableExists = async (db: Awaited<ReturnType<typeof openDatabase>>, name: string) =>
  (await db.query(`select to_regclass($1) is not null as present`, [`public.${name}`])).rows[0].present;

// Each test opens a fresh PGlite (6–8 s on an idle machine, several times that on a busy one),
// which the suite-wide 30 s test limit does not allow for.
const PGLITE_START_MS = 120_000;

/** A copy of the real migrations that stops before the one named `tag` (an older installation). */
function foldersBefore(tag: string) {
  const dir = mkdtempSync(join(tmpdir(), 'meridian-migrations-'));
  cpSync(MIGRATIONS_FOLDER, dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8'));
  const at = journal.entries.findIndex((e: { tag: string }) => e.tag === tag);
  if (at < 0) throw new Error(`no migration ${tag}`);
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

describe('migrations', () => {
  test('an upgrade starts the consumers that act for people at the newest outbox event, not at 0', async () => {
    const db = await openDatabase({});
    try {
      await runMigrations(db, foldersBefore('0038_outbox_consumers_start_now'));
      // History written before the upgrade, and one consumer that already ran (its place is kept).
      for (let i = 0; i < 3; i++) {
        await db.query(`insert into outbox_events (organization_id, type, entity_type, entity_id, payload) values ('org', 'task.created', 'task', $1, '{}')`, [`t${i}`]);
      }
      await db.query(`insert into outbox_cursors (consumer, last_event_id) values ('webhooks', 1)`);
      const newest = Number((await db.query(`select max(id) as id from outbox_events`)).rows[0].id);
      await runMigrations(db);
      const { rows } = await db.query(`select consumer, last_event_id from outbox_cursors order by consumer`);
      expect(Object.fromEntries(rows.map((r) => [String(r.consumer), Number(r.last_event_id)]))).toEqual({
        automations: newest,
        'calendar-sync': newest,
        notifications: newest,
        reminders: newest,
        scores: newest,
        webhooks: 1,
      });
    } finally {
      await db.close();
    }
  }, PGLITE_START_MS);

  test('a fresh database gets every table, and re-running is a no-op', async () => {
    const db = await openDatabase({});
    try {
      await runMigrations(db);
      for (const t of ['user', 'organization', 'member', 'apikey', 'rate_limit', 'companies', 'contacts', 'activities', 'outbox_events']) {
        expect(await tableExists(db, t), t).toBe(true);
      }
      await runMigrations(db);
    } finally {
      await db.close();
    }
  }, PGLITE_START_MS);

  test('a failing migration throws a clear error and leaves the database as it was', async () => {
    const broken = foldersWithBrokenMigration();
    // On a fresh database nothing at all is applied: the good migrations roll back with the bad one.
    const fresh = await openDatabase({});
    try {
      await expect(runMigrations(fresh, broken)).rejects.toThrow(MigrationError);
      await expect(runMigrations(fresh, broken)).rejects.toThrow(/Database migration failed, nothing was changed: .*table_that_does_not_exist/);
      expect(await tableExists(fresh, 'contacts')).toBe(false);
      expect(await tableExists(fresh, 'half_done')).toBe(false);
    } finally {
      await fresh.close();
    }
    // On an up-to-date database (the worker's, PGlite or PostgreSQL) the new one leaves no trace.
    const current = await testDatabase();
    await expect(runMigrations(current, broken)).rejects.toThrow(MigrationError);
    expect(await tableExists(current, 'half_done')).toBe(false);
    expect(await tableExists(current, 'contacts')).toBe(true);
  }, PGLITE_START_MS);
});
