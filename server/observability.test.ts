// Metrics, readiness and error reporting, over the real app and database: /api/metrics in the
// Prometheus format (latency by route pattern, job queues from pg-boss, outbox lag, pool), who may
// read it, /api/health/ready for migrations and the job runner, and 5xx errors sent to a Sentry
// peer (a local HTTP server that receives the SDK's envelopes).
import { createServer, type IncomingMessage } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { serve } from '@hono/node-server';
import pino from 'pino';
import { afterAll, describe, expect, test } from 'vitest';
import { Client, testApp } from '../test/app';
import { ownTestDatabase } from '../test/db';
import { ownerWithOrg } from '../test/factories';
import { openDatabase } from './db/client';
import { startJobs, type Jobs } from './jobs/jobs';

const TOKEN = 'metrics-token-0123456789';
const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const f of cleanup.reverse()) await f().catch(() => {});
});

async function scrape(client: Client, token = TOKEN) {
  const r = await client.request('GET', '/api/metrics', undefined, { authorization: `Bearer ${token}` });
  expect(r.status, String(r.body)).toBe(200);
  return r.body as string;
}

/** The value of one sample, e.g. sample(text, 'meridian_outbox_lag_events', { consumer: 'search' }). */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const m = /^[^{]+\{([^}]*)\} (\S+)$/.exec(line);
    if (!m) continue;
    const have = Object.fromEntries([...m[1].matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[2]);
  }
  return undefined;
}

describe('/api/metrics', () => {
  test('Prometheus text with latency by route pattern, outbox lag, job queues; Bearer METRICS_TOKEN', async () => {
    const database = await ownTestDatabase('metrics');
    cleanup.push(() => database.close());
    const app = await testApp({ database, env: { METRICS_TOKEN: TOKEN } });
    const { owner } = await ownerWithOrg(app);

    expect((await owner.request('GET', '/api/metrics')).status).toBe(401);
    expect((await owner.request('GET', '/api/metrics', undefined, { authorization: 'Bearer wrong-token-wrong-token' })).status).toBe(401);

    const contact = (await owner.post('/api/v1/contacts', { firstName: 'Metric', lastName: 'Person' })).body.data;
    expect((await owner.get(`/api/v1/contacts/${contact.id}`)).status).toBe(200);
    // The search drains the "search" consumer: its cursor now exists and is caught up.
    expect((await owner.get('/api/v1/search?q=Metric')).status).toBe(200);

    let text = await scrape(owner);
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(sample(text, 'http_request_duration_seconds_count', { method: 'GET', route: '/api/v1/contacts/:id', status_code: '200' })).toBe(1);
    expect(sample(text, 'http_request_duration_seconds_count', { method: 'POST', route: '/api/v1/contacts', status_code: '201' })).toBe(1);
    // The raw path (with the id) never becomes a label.
    expect(text).not.toContain(contact.id);
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(sample(text, 'meridian_outbox_lag_events', { consumer: 'search' })).toBe(0);
    expect(sample(text, 'meridian_outbox_lag_seconds', { consumer: 'search' })).toBe(0);

    // Two more writes the consumer has not seen yet: it is two events behind.
    await owner.post('/api/v1/contacts', { firstName: 'Second' });
    await owner.post('/api/v1/companies', { name: 'Lagging Inc' });
    text = await scrape(owner);
    expect(sample(text, 'meridian_outbox_lag_events', { consumer: 'search' })).toBe(2);
    expect(sample(text, 'meridian_outbox_lag_seconds', { consumer: 'search' })).toBeGreaterThanOrEqual(0);
    await owner.get('/api/v1/search?q=Lagging');
    expect(sample(await scrape(owner), 'meridian_outbox_lag_events', { consumer: 'search' })).toBe(0);

    // Job queues, as pg-boss counts them (its monitor pass; run it now rather than wait a minute).
    const jobs: Jobs = await startJobs({ database, log: pino({ level: 'silent' }), definitions: [{ name: 'metrics.test', handler: async () => {} }], work: false });
    cleanup.push(() => jobs.stop());
    app.context.attachJobs(jobs);
    await jobs.send('metrics.test', { n: 1 });
    await jobs.send('metrics.test', { n: 2 });
    await jobs.boss.supervise();
    text = await scrape(owner);
    expect(sample(text, 'meridian_job_queue_jobs', { queue: 'metrics.test', state: 'queued' })).toBe(2);
    expect(sample(text, 'meridian_job_queue_jobs', { queue: 'metrics.test', state: 'active' })).toBe(0);

    // Pool figures where the driver has them (node-postgres); embedded PGlite has no pool.
    if (database.pool) expect(sample(text, 'meridian_db_pool_connections', { state: 'max' })).toBe(5);
    else expect(text).not.toContain('meridian_db_pool_connections');
  }, 120_000);

  test('without METRICS_TOKEN only direct connections from this machine may read them', async () => {
    const app = await testApp();
    const client = new Client(app);
    // app.request has no socket: not a local connection.
    const denied = await client.get('/api/metrics');
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('metrics_token_required');

    const server = serve({ fetch: app.app.fetch, port: 0, hostname: '127.0.0.1' });
    cleanup.push(() => new Promise((r) => server.close(r)));
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as { port: number }).port;
    const local = await fetch(`http://127.0.0.1:${port}/api/metrics`);
    expect(local.status).toBe(200);
    expect(local.headers.get('content-type')).toContain('text/plain');
    expect(await local.text()).toContain('http_request_duration_seconds');
    // Through a proxy on this machine (it adds X-Forwarded-For): refused.
    expect((await fetch(`http://127.0.0.1:${port}/api/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(403);
  }, 120_000);
});

describe('/api/health/ready', () => {
  test('503 until the job runner runs, 200 while it does, 503 once it stops; /api/health stays liveness', async () => {
    const database = await ownTestDatabase('ready');
    cleanup.push(() => database.close());
    const app = await testApp({ database });
    const client = new Client(app);
    let r = await client.get('/api/health/ready');
    expect(r.status).toBe(503);
    expect(r.body).toEqual({ status: 'unavailable', details: { database: 'ok', migrations: 'applied', jobs: 'not_started' } });
    expect((await client.get('/api/health')).status).toBe(200);

    const jobs = await startJobs({ database, log: pino({ level: 'silent' }), definitions: [], work: true });
    app.context.attachJobs(jobs);
    r = await client.get('/api/health/ready');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'ready', details: { database: 'ok', migrations: 'applied', jobs: 'running' } });

    await jobs.stop();
    r = await client.get('/api/health/ready');
    expect(r.status).toBe(503);
    expect(r.body.details.jobs).toBe('stopped');
  }, 120_000);

  test('503 while migrations are pending', async () => {
    const fresh = await openDatabase({});
    cleanup.push(() => fresh.close());
    const app = await testApp({ database: fresh });
    const r = await new Client(app).get('/api/health/ready');
    expect(r.status).toBe(503);
    expect(r.body.details.migrations).toBe('pending');
  }, 120_000);
});

describe('Sentry (SENTRY_DSN)', () => {
  test('a 5xx is reported with its route, a 4xx is not, and no request data goes along', async () => {
    const envelopes: string[] = [];
    const peer = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        envelopes.push((req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body).toString('utf8'));
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => peer.listen(0, '127.0.0.1', r));
    cleanup.push(() => new Promise((r) => peer.close(r)));
    const port = (peer.address() as { port: number }).port;

    // A database that breaks under the app (a table gone): listing contacts fails inside → 500.
    const broken = await ownTestDatabase('sentry');
    cleanup.push(() => broken.close());
    const app = await testApp({ database: broken, env: { SENTRY_DSN: `http://publickey@127.0.0.1:${port}/42`, SENTRY_ENVIRONMENT: 'test-env' } });
    const { owner } = await ownerWithOrg(app);
    await broken.query('drop table contacts cascade');
    const failed = await owner.get('/api/v1/contacts?secret=hunter2');
    expect(failed.status).toBe(500);
    expect(JSON.stringify(failed.body)).not.toContain('contacts"');
    const notFound = new Client(app);
    expect((await notFound.get('/api/nope')).status).toBe(404);
    await app.close(); // flushes the queued reports

    const events = envelopes.filter((e) => e.includes('"exception"'));
    expect(events).toHaveLength(1);
    expect(events[0]).toContain('"route":"/api/v1/contacts"');
    expect(events[0]).toContain('"environment":"test-env"');
    expect(events[0]).toContain('contacts');
    expect(events[0]).not.toContain('hunter2');
    expect(events[0]).not.toContain('better-auth.session_token');
    expect(envelopes.join('\n')).not.toContain('/api/nope');
  }, 60_000);
});

