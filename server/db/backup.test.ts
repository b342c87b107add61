// Embedded backups end to end: records made through the API in one DATA_DIR, `npm run db:backup`
// (refused while the database is open), `npm run db:restore` into a fresh DATA_DIR, and every
// record, the attachment's bytes and the owner's sign-in are there after.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { Client, testApp } from '../../test/app';
import { createOrg, PASSWORD, signUp } from '../../test/factories';
import { backupDataDir } from './backup';
import { openDatabase } from './client';
import { DataDirBusyError } from './data-dir-lock';
import { runMigrations } from './migrate';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PNG = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64'));
const dirs: string[] = [];
const tmp = (name: string) => {
  const d = mkdtempSync(join(tmpdir(), `meridian-${name}-`));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function npmRun(script: string, args: string[], dataDir: string) {
  const r = spawnSync('npm', ['run', '--silent', script, '--', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'test' },
    encoding: 'utf8',
    timeout: 300_000,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

const TABLES = ['organization', 'user', 'member', 'companies', 'contacts', 'deals', 'tasks', 'notes', 'attachments', 'activities', 'outbox_events'];

async function snapshot(query: (sql: string) => Promise<{ rows: Record<string, unknown>[] }>) {
  const out: Record<string, string[]> = {};
  for (const t of TABLES) out[t] = (await query(`select id::text as id from "${t}" order by id`)).rows.map((r) => String(r.id));
  return out;
}

test('backup of a DATA_DIR restores into a fresh one with every record', async () => {
  const source = tmp('backup-src');
  const database = await openDatabase({ dataDir: source });
  await runMigrations(database);
  // BETTER_AUTH_SECRET unset: generated into DATA_DIR/auth-secret, as on a laptop.
  const app = await testApp({ database, env: { DATA_DIR: source, BETTER_AUTH_SECRET: '' } });
  expect(existsSync(join(source, 'auth-secret'))).toBe(true);
  const owner = await signUp(app, 'Bea Backup');
  await createOrg(owner);
  const companies = [];
  for (const name of ['Acme', 'Globex', 'Initech']) companies.push((await owner.post('/api/v1/companies', { name })).body.data);
  const contacts = [];
  for (let i = 0; i < 6; i++) {
    const r = await owner.post('/api/v1/contacts', { firstName: `Person${i}`, lastName: 'Restored', email: `p${i}@backup.test`, companyId: companies[i % 3].id });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    contacts.push(r.body.data);
  }
  for (const c of companies.slice(0, 2)) expect((await owner.post('/api/v1/deals', { name: `${c.name} deal`, amount: '1200.50', companyId: c.id })).status).toBe(201);
  expect((await owner.post('/api/v1/tasks', { title: 'Call Person0', relatedType: 'contact', relatedId: contacts[0].id })).status).toBe(201);
  expect((await owner.post('/api/v1/notes', { body: 'Met at the fair', relatedType: 'contact', relatedId: contacts[1].id })).status).toBe(201);
  const upload = await owner.upload('/api/v1/attachments', { relatedType: 'contact', relatedId: contacts[2].id }, { name: 'photo.png', bytes: PNG, type: 'image/png' });
  expect(upload.status, JSON.stringify(upload.body)).toBe(201);
  const before = await snapshot((q) => database.query(q));
  expect(before.contacts).toHaveLength(6);

  // The database is open (as under a running server): a backup is refused and touches nothing.
  const busyOut = join(tmp('backup-busy'), 'b');
  await expect(backupDataDir(source, busyOut)).rejects.toBeInstanceOf(DataDirBusyError);
  expect(existsSync(busyOut)).toBe(false);
  await app.close();
  await database.close();

  const backup = join(tmp('backup-out'), 'backup');
  const b = npmRun('db:backup', [backup], source);
  expect(b.code, b.out).toBe(0);
  expect(b.out).toContain('contacts 6');
  expect(JSON.parse(readFileSync(join(backup, 'manifest.json'), 'utf8')).files).toEqual(['pglite.tar.gz', 'auth-secret', 'attachments/']);

  const target = tmp('backup-dst');
  const r = npmRun('db:restore', [backup], target);
  expect(r.code, r.out).toBe(0);
  expect(r.out).toContain('every count matches the backup');
  // A second restore onto a database is refused without --force.
  const again = npmRun('db:restore', [backup], target);
  expect(again.code).toBe(1);
  expect(again.out).toContain('already has a database');

  const restored = await openDatabase({ dataDir: target });
  try {
    expect(await snapshot((q) => restored.query(q))).toEqual(before);
    // The restored DATA_DIR works as the old one did: same secret, the owner signs in, the API
    // lists every contact and serves the attachment's bytes.
    const app2 = await testApp({ database: restored, env: { DATA_DIR: target, BETTER_AUTH_SECRET: '' } });
    expect(app2.env.BETTER_AUTH_SECRET).toBe(app.env.BETTER_AUTH_SECRET);
    const again = new Client(app2);
    expect((await again.post('/api/auth/sign-in/email', { email: owner.email, password: PASSWORD })).status).toBe(200);
    const list = await again.get('/api/v1/contacts?limit=50');
    expect(list.status).toBe(200);
    expect(list.body.data.map((c: { id: string }) => c.id).sort()).toEqual(contacts.map((c) => c.id).sort());
    const file = await again.download(`/api/v1/attachments/${upload.body.data.id}/download`);
    expect(file.status).toBe(200);
    expect(new Uint8Array(file.body)).toEqual(PNG);
    await app2.close();
  } finally {
    await restored.close();
  }
}, 600_000);
