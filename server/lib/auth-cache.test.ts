// The auth cache: a busy session or API key costs no auth queries, and each change that takes
// access away (sign-out, revoked sessions, new role, deactivation, removal, revoked key, a write made
// by another node straight into the database) is seen on the very next request. Across two server
// processes on one PostgreSQL database when TEST_DATABASE_URL names one.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, describe, expect, onTestFinished, test } from 'vitest';
import { sql } from 'drizzle-orm';
import { Client, testApp } from '../../test/app';
import { ownTestDatabase } from '../../test/db';
import { orgWithRoles } from '../../test/factories';

/** The session cookie a client holds now, to replay after the client itself signed out. */
function cookieOf(client: Client) {
  return (client as unknown as { cookies: Map<string, string> }).cookies;
}

async function until<T>(check: () => Promise<T | false>, ms = 5000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const got = await check();
    if (got !== false) return got;
    if (Date.now() - started > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('auth cache', () => {
  test('repeat requests of one session and one API key are answered from the cache', async () => {
    const app = await testApp();
    const { admin } = await orgWithRoles(app);
    await admin.get('/api/v1/me');
    const before = app.authCache.stats().hits;
    for (let i = 0; i < 5; i++) expect((await admin.get('/api/v1/contacts')).status).toBe(200);
    expect(app.authCache.stats().hits - before).toBeGreaterThanOrEqual(5);

    const key = (await admin.post('/api/v1/api-keys', { name: 'cache' })).body.data.key as string;
    const api = new Client(app);
    api.bearer = key;
    await api.get('/api/v1/contacts');
    const keyed = app.authCache.stats().hits;
    expect((await api.get('/api/v1/contacts')).status).toBe(200);
    expect(app.authCache.stats().hits).toBe(keyed + 1);
  });

  test('sign-out, a new role, deactivation, removal and a revoked key take effect on the next request', async () => {
    const app = await testApp();
    const { owner, member, viewer, admin } = await orgWithRoles(app);

    // Sign-out: the same cookie, replayed, is refused at once.
    expect((await viewer.get('/api/v1/contacts')).status).toBe(200);
    const replay = new Client(app);
    for (const [k, v] of cookieOf(viewer)) cookieOf(replay).set(k, v);
    expect((await replay.get('/api/v1/contacts')).status).toBe(200);
    expect((await viewer.post('/api/auth/sign-out', {})).status).toBe(200);
    expect((await replay.get('/api/v1/contacts')).status).toBe(401);

    // A new role: the member becomes a viewer and can no longer write.
    const me = (await member.get('/api/v1/me')).body.data;
    expect((await member.post('/api/v1/companies', { name: 'Before' })).status).toBe(201);
    const memberRow = (await owner.get('/api/v1/members')).body.data.find((m: { userId: string }) => m.userId === me.user.id);
    expect((await owner.patch(`/api/v1/members/${memberRow.id}`, { role: 'viewer' })).status).toBe(200);
    expect((await member.post('/api/v1/companies', { name: 'After' })).status).toBe(403);

    // Deactivation, then removal.
    expect((await owner.post(`/api/v1/members/${memberRow.id}/deactivate`, {})).status).toBe(200);
    // Deactivation also ends the member's sessions (401); either way nothing gets through.
    expect([401, 403]).toContain((await member.get('/api/v1/contacts')).status);
    const adminMe = (await admin.get('/api/v1/me')).body.data;
    const adminRow = (await owner.get('/api/v1/members')).body.data.find((m: { userId: string }) => m.userId === adminMe.user.id);
    expect((await admin.get('/api/v1/contacts')).status).toBe(200);
    expect((await owner.delete(`/api/v1/members/${adminRow.id}`)).status).toBe(204);
    expect((await admin.get('/api/v1/contacts')).status).toBe(403);

    // A revoked API key.
    const made = (await owner.post('/api/v1/api-keys', { name: 'soon revoked' })).body.data;
    const api = new Client(app);
    api.bearer = made.key;
    expect((await api.get('/api/v1/contacts')).status).toBe(200);
    expect((await api.get('/api/v1/contacts')).status).toBe(200);
    expect((await owner.delete(`/api/v1/api-keys/${made.id}`)).status).toBe(204);
    expect((await api.get('/api/v1/contacts')).status).toBe(401);
  });

  test('a change written straight into the database (as another node would) reaches this node by NOTIFY', { timeout: 120_000 }, async () => {
    // Its own database and app, as a server process has: one PGlite, one listener on it.
    const database = await ownTestDatabase(`auth_notify_${Math.random().toString(36).slice(2, 8)}`);
    const app = await testApp({ database });
    onTestFinished(async () => {
      await app.close();
      await database.close();
    });
    const { member } = await orgWithRoles(app);
    const me = (await member.get('/api/v1/me')).body.data;
    expect((await member.post('/api/v1/companies', { name: 'Still a member' })).status).toBe(201);
    await app.database.db.execute(sql`update member set role = 'viewer' where user_id = ${me.user.id}`);
    // Generous bounds: on a loaded CI machine each request may take a second; NOTIFY itself is milliseconds.
    await until(async () => (await member.post('/api/v1/companies', { name: 'Now a viewer' })).status === 403 || false, 20_000);
    await app.database.db.execute(sql`delete from session where user_id = ${me.user.id}`);
    await until(async () => (await member.get('/api/v1/contacts')).status === 401 || false, 20_000);
  });

  test('AUTH_CACHE_SECONDS=0 asks the database every time', async () => {
    const app = await testApp({ env: { AUTH_CACHE_SECONDS: '0' } });
    try {
      const { admin } = await orgWithRoles(app);
      await admin.get('/api/v1/contacts');
      await admin.get('/api/v1/contacts');
      expect(app.authCache.stats().hits).toBe(0);
    } finally {
      await app.close();
    }
  });
});

// Two real server processes on one PostgreSQL database: node B has the session cached; signing out
// and deactivating through node A must reach B at once.
describe.skipIf(!process.env.TEST_DATABASE_URL)('auth cache across nodes', () => {
  const children: ChildProcess[] = [];
  afterAll(() => children.forEach((c) => c.kill('SIGKILL')));

  async function freePort(): Promise<number> {
    return new Promise((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const port = (s.address() as { port: number }).port;
        s.close(() => resolve(port));
      });
    });
  }

  async function node(databaseUrl: string) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', PORT: String(port), APP_URL: url, DATABASE_URL: databaseUrl, AUTH_RATE_LIMIT: 'false', LOG_LEVEL: 'warn', BETTER_AUTH_SECRET: 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const started = Date.now();
    for (;;) {
      if (child.exitCode !== null) throw new Error(`node exited early:\n${output}`);
      if (await fetch(`${url}/api/health`).then((r) => r.ok).catch(() => false)) return url;
      if (Date.now() - started > 120_000) throw new Error(`node not ready:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  test('sign-out and a deleted API key on node A are refused on node B at once', { timeout: 300_000 }, async () => {
    const database = await ownTestDatabase('auth_cache_nodes');
    const setup = await testApp({ database });
    const { owner } = await orgWithRoles(setup);
    const key = (await owner.post('/api/v1/api-keys', { name: 'nodes' })).body.data;
    const cookie = [...cookieOf(owner)].map(([k, v]) => `${k}=${v}`).join('; ');
    await setup.close();
    const databaseUrl = (database.pool as unknown as { options: { connectionString: string } }).options.connectionString;
    await database.close();

    const [a, b] = await Promise.all([node(databaseUrl), node(databaseUrl)]);
    const onB = (headers: Record<string, string>) => fetch(`${b}/api/v1/contacts`, { headers }).then((r) => r.status);
    // The owner's session, cached on B, ends by a sign-out on A.
    expect(await onB({ cookie })).toBe(200);
    expect(await onB({ cookie })).toBe(200);
    const out = await fetch(`${a}/api/auth/sign-out`, { method: 'POST', headers: { cookie, origin: a, 'content-type': 'application/json' }, body: '{}' });
    expect(out.status).toBe(200);
    await until(async () => (await onB({ cookie })) === 401 || false, 2000);

    // An API key cached on B stops working when A deletes it.
    const bearer = { authorization: `Bearer ${key.key}` };
    expect(await onB(bearer)).toBe(200);
    expect(await onB(bearer)).toBe(200);
    expect((await fetch(`${a}/api/v1/api-keys/${key.id}`, { method: 'DELETE', headers: bearer })).status).toBe(204);
    await until(async () => (await onB(bearer)) === 401 || false, 2000);
  });
});
