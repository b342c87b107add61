// GET /api/v1/realtime (issue 13.4): the organization's changes as server-sent events — what,
// who, never field values; only your organization's; resumable with Last-Event-ID; heartbeats; and
// across nodes through PostgreSQL LISTEN/NOTIFY (two server processes, when TEST_DATABASE_URL names
// a PostgreSQL server).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Client, testApp, type TestApp } from '../../test/app';
import { ownTestDatabase } from '../../test/db';
import { orgWithRoles } from '../../test/factories';
import { sseReader, type SseEvent } from '../../test/sse';

let app: TestApp;
beforeAll(async () => {
  app = await testApp();
}, 120_000);

const changes = (events: SseEvent[]) => events.filter((e) => e.event === 'change').map((e) => ({ ...JSON.parse(e.data), sseId: e.id }));

async function openStream(client: Client, headers: Record<string, string> = {}) {
  const res = await client.open('/api/v1/realtime', headers);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const s = sseReader(res);
  await s.until((ev) => ev.some((e) => e.event === 'ready'));
  return s;
}

describe('GET /api/v1/realtime', () => {
  test("a member sees the organization's changes as they commit: what and who, no field values, no other organization's", async () => {
    const org = await orgWithRoles(app);
    const other = await orgWithRoles(app);
    const stream = await openStream(org.viewer);
    try {
      const contact = (await org.member.post('/api/v1/contacts', { firstName: 'Ada', lastName: 'Secret-Surname', email: 'ada@example.com' })).body.data;
      await other.member.post('/api/v1/contacts', { firstName: 'Elsewhere', lastName: 'Person' });
      expect((await org.member.post('/api/v1/contacts', { firstName: '' })).status).toBe(400); // refused: nothing to tell
      await org.admin.patch(`/api/v1/contacts/${contact.id}`, { title: 'CTO' });
      await org.admin.delete(`/api/v1/contacts/${contact.id}`);

      const seen = await stream.until((ev) => {
        const c = changes(ev);
        return c.length >= 3 && c;
      });
      expect(seen.map((c) => [c.type, c.entityId, c.action, c.actor.userId])).toEqual([
        ['contact', contact.id, 'created', org.member.userId],
        ['contact', contact.id, 'updated', org.admin.userId],
        ['contact', contact.id, 'deleted', org.admin.userId],
      ]);
      // The SSE id is the outbox id (what Last-Event-ID resumes from), increasing.
      expect(seen.map((c) => Number(c.sseId))).toEqual(seen.map((c) => c.id));
      expect(seen[0].id).toBeLessThan(seen[1].id);
      const raw = JSON.stringify(stream.events);
      expect(raw).not.toContain('Secret-Surname');
      expect(raw).not.toContain('ada@example.com');
      expect(raw).not.toContain('Elsewhere');
    } finally {
      await stream.close();
    }
  });

  test('a reconnect with Last-Event-ID gets what it missed, in order, once; an unknown id is told to reload', async () => {
    const org = await orgWithRoles(app);
    const first = await openStream(org.member);
    const a = (await org.member.post('/api/v1/companies', { name: 'Alpha' })).body.data;
    const [seenA] = await first.until((ev) => changes(ev).length >= 1 && changes(ev));
    expect(seenA).toMatchObject({ type: 'company', entityId: a.id, action: 'created' });
    await first.close();

    // While disconnected: two changes.
    const b = (await org.member.post('/api/v1/companies', { name: 'Beta' })).body.data;
    await org.member.patch(`/api/v1/companies/${a.id}`, { industry: 'Shipping' });
    const resumed = await openStream(org.member, { 'last-event-id': String(seenA.id) });
    try {
      const missed = await resumed.until((ev) => changes(ev).length >= 2 && changes(ev));
      expect(missed.map((c) => [c.entityId, c.action])).toEqual([[b.id, 'created'], [a.id, 'updated']]);
      const c = (await org.member.post('/api/v1/companies', { name: 'Gamma' })).body.data;
      const all = await resumed.until((ev) => changes(ev).length >= 3 && changes(ev));
      expect(all.map((x) => x.entityId)).toEqual([b.id, a.id, c.id]);
    } finally {
      await resumed.close();
    }

    const lost = await openStream(org.member, { 'last-event-id': '999999999999' });
    try {
      await lost.until((ev) => ev.some((e) => e.event === 'reset'));
    } finally {
      await lost.close();
    }
    expect((await org.member.open('/api/v1/realtime', { 'last-event-id': 'abc' })).status).toBe(400);
  });

  test('signed out is 401; a quiet stream gets heartbeats', async () => {
    expect((await new Client(app).open('/api/v1/realtime')).status).toBe(401);
    const quiet = await testApp({ env: { REALTIME_HEARTBEAT_SECONDS: '1' }, database: app.database });
    try {
      const org = await orgWithRoles(quiet);
      const res = await org.member.open('/api/v1/realtime');
      const stream = sseReader(res);
      try {
        await stream.until(() => stream.pendingComments().filter((c) => c === 'heartbeat').length >= 2, 10_000);
      } finally {
        await stream.close();
      }
    } finally {
      await quiet.close();
    }
  });
});

// Two real server processes on one PostgreSQL database: a change written through one reaches a
// stream opened on the other. PGlite is one process by design, so this runs on PostgreSQL only.
describe.skipIf(!process.env.TEST_DATABASE_URL)('across nodes', () => {
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
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', PORT: String(port), DATABASE_URL: databaseUrl, AUTH_RATE_LIMIT: 'false', LOG_LEVEL: 'warn', BETTER_AUTH_SECRET: 'realtime-nodes-test-secret-0123456789abcdef' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const url = `http://127.0.0.1:${port}`;
    const started = Date.now();
    for (;;) {
      if (child.exitCode !== null) throw new Error(`node exited early:\n${output}`);
      if (await fetch(`${url}/api/health`).then((r) => r.ok).catch(() => false)) return url;
      if (Date.now() - started > 120_000) throw new Error(`node not ready:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  test('a write on node B reaches a stream on node A', { timeout: 300_000 }, async () => {
    const database = await ownTestDatabase('realtime_nodes');
    const setup = await testApp({ database });
    const { admin } = await orgWithRoles(setup);
    const key = (await admin.post('/api/v1/api-keys', { name: 'nodes' })).body.data.key as string;
    await setup.close();
    const databaseUrl = (database.pool as unknown as { options: { connectionString: string } }).options.connectionString;
    await database.close();

    const [a, b] = await Promise.all([node(databaseUrl), node(databaseUrl)]);
    const auth = { authorization: `Bearer ${key}` };
    const res = await fetch(`${a}/api/v1/realtime`, { headers: auth });
    expect(res.status).toBe(200);
    const stream = sseReader(res);
    try {
      await stream.until((ev) => ev.some((e) => e.event === 'ready'), 30_000);
      const made = await fetch(`${b}/api/v1/deals`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Cross-node deal', amount: '100' }) });
      expect(made.status).toBe(201);
      const deal = (await made.json()).data;
      const [seen] = await stream.until((ev) => changes(ev).length >= 1 && changes(ev), 30_000);
      expect(seen).toMatchObject({ type: 'deal', entityId: deal.id, action: 'created' });
    } finally {
      await stream.close();
    }
  });
});
