// REST rate limits (issue 8.8) with a low limit: per user and per API key, RateLimit-* headers,
// 429 + Retry-After, and counters shared by two app instances ("nodes") over the same store —
// the database by default, Redis (127.0.0.1:6379) when REDIS_URL is set.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Client, testApp, type TestApp } from '../../test/app';
import { orgWithRoles } from '../../test/factories';

// The worker's database is created (and migrated) once, in the hook's longer timeout.
beforeAll(() => testApp(), 120_000);

const LIMIT = 3;
const apps: TestApp[] = [];
async function node(extra: Record<string, string> = {}) {
  const app = await testApp({ env: { API_RATE_LIMIT_PER_MINUTE: String(LIMIT), ...extra } });
  apps.push(app);
  return app;
}
afterAll(() => Promise.all(apps.map((a) => a.close())));

async function keyClient(admin: Client, app: TestApp) {
  const { key, id } = (await admin.post('/api/v1/api-keys', { name: 'limited' })).body.data as { key: string; id: string };
  const bot = new Client(app);
  bot.bearer = key;
  return Object.assign(bot, { keyId: id });
}

describe('REST rate limits', () => {
  test('per user and per API key: headers count down, then 429 with Retry-After', async () => {
    const app = await node();
    const { admin, member } = await orgWithRoles(app);
    // admin used one request to nothing yet on /api/v1 (sign-up and set-active are /api/auth).
    const seen = [];
    for (let i = 0; i < LIMIT; i++) {
      const res = await member.get('/api/v1/contacts');
      expect(res.status).toBe(200);
      seen.push(res.headers.get('ratelimit-remaining'));
      expect(res.headers.get('ratelimit-limit')).toBe(String(LIMIT));
      expect(res.headers.get('ratelimit-policy')).toBe(`${LIMIT};w=60`);
      expect(Number(res.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    }
    expect(seen).toEqual(['2', '1', '0']);
    const over = await member.post('/api/v1/contacts', { firstName: 'Too', lastName: 'Many' });
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe('rate_limited');
    const retry = Number(over.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(60);
    expect(over.headers.get('ratelimit-remaining')).toBe('0');
    // Nothing was written by the refused request; other users and keys have their own counters.
    const bot = await keyClient(admin, app); // admin's 1st request
    const viaKey = await bot.get('/api/v1/contacts');
    expect(viaKey.status).toBe(200);
    expect(viaKey.headers.get('ratelimit-remaining')).toBe('2');
    expect(viaKey.body.total).toBe(0);
    expect((await admin.get('/api/v1/me')).headers.get('ratelimit-remaining')).toBe('1');
  });

  test('/mcp counts too', async () => {
    const app = await node();
    const { admin } = await orgWithRoles(app);
    const bot = await keyClient(admin, app);
    const rpc = { jsonrpc: '2.0', id: 1, method: 'tools/list' };
    const accept = { accept: 'application/json, text/event-stream' };
    for (let i = 0; i < LIMIT; i++) expect((await bot.request('POST', '/mcp', rpc, accept)).status).toBe(200);
    expect((await bot.request('POST', '/mcp', rpc, accept)).status).toBe(429);
  });

  test.each([
    ['the database', {}],
    ['Redis', { REDIS_URL: 'redis://127.0.0.1:6379' }],
  ])('counters in %s are shared by two nodes', async (_store, env: Record<string, string>) => {
    const [a, b] = [await node(env), await node(env)];
    const { admin } = await orgWithRoles(a);
    const onA = await keyClient(admin, a);
    const onB = new Client(b);
    onB.bearer = onA.bearer;
    expect((await onA.get('/api/v1/me')).headers.get('ratelimit-remaining')).toBe('2');
    expect((await onB.get('/api/v1/me')).headers.get('ratelimit-remaining')).toBe('1');
    expect((await onA.get('/api/v1/me')).headers.get('ratelimit-remaining')).toBe('0');
    expect((await onB.get('/api/v1/me')).status).toBe(429);
    if (env.REDIS_URL) {
      const redis = new Redis(env.REDIS_URL);
      try {
        const keys = await redis.keys('api:key:*');
        expect(keys.length).toBeGreaterThan(0);
      } finally {
        await redis.quit();
      }
    } else {
      // This key's own row: other files of the worker share the database and count their keys too.
      const rows = (await a.database.query(`select key, points from api_rate_limits where key = $1`, [`api:key:${onA.keyId}`])).rows;
      expect(rows).toEqual([{ key: `api:key:${onA.keyId}`, points: 4 }]);
    }
  });
});
