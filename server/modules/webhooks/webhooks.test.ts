// Webhooks (issue 13.2) against a real HTTP receiver that verifies Standard Webhooks signatures:
// subscriptions by event type, retries with backoff that survive a restart of the job runner, the
// delivery log and redelivery, auto-disable with an email to admins, and the outbound guard.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startJobs, type Jobs } from '../../jobs/jobs';
import { testApp } from '../../../test/app';
import { ownTestDatabase } from '../../../test/db';
import { orgWithRoles } from '../../../test/factories';
import { startSmtp } from '../../../test/smtp';

interface Received {
  headers: Record<string, string>;
  body: string;
  verified: boolean;
}

/** A webhook receiver: answers `statuses` in turn (then 200) and verifies each signature with `secret`. */
async function receiver() {
  const got: Received[] = [];
  let secret = '';
  let statuses: number[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      let verified = false;
      try {
        new Webhook(secret).verify(body, headers);
        verified = true;
      } catch {
        /* recorded as unverified */
      }
      got.push({ headers, body, verified });
      res.statusCode = statuses.shift() ?? 200;
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    host: `127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}/hook`,
    got,
    expect(s: string, fail: number[] = []) {
      secret = s;
      statuses = fail;
    },
    async waitFor(n: number, ms = 60_000) {
      const until = Date.now() + ms;
      while (got.length < n) {
        if (Date.now() > until) throw new Error(`receiver got ${got.length} of ${n} requests`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return got;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const quiet = pino({ level: 'silent' });
// Each test's app and job runner stop after it: runners share the worker's queues, and one with
// another test's settings must not pick up this test's deliveries.
let perTest: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of perTest.reverse()) await c();
  perTest = [];
});
const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

/**
 * A database of its own: the job runner here works every outbox consumer, and on the worker's shared
 * database they would first work through every other file's history, holding up the retries timed here.
 */
async function appWithJobs(env: Record<string, string>) {
  const database = await ownTestDatabase(`webhooks_${Math.random().toString(36).slice(2, 8)}`);
  const app = await testApp({ env: { WEBHOOK_RETRY_DELAY_SECONDS: '1', ...env }, database });
  let jobs: Jobs | undefined = await startJobs({ database: app.database, log: quiet, definitions: app.jobDefinitions });
  app.context.attachJobs(jobs);
  perTest.push(async () => {
    await jobs?.stop(2000);
    await app.close();
    await database.close();
  });
  return {
    app,
    /** Stops the job runner and starts a new one on the same database (a restart of the worker). */
    async restartJobs() {
      await jobs!.stop(2000);
      app.context.attachJobs(undefined);
      jobs = await startJobs({ database: app.database, log: quiet, definitions: app.jobDefinitions });
      app.context.attachJobs(jobs);
    },
  };
}

let hook: Awaited<ReturnType<typeof receiver>>;
beforeAll(async () => {
  hook = await receiver();
  cleanup.push(hook.close);
}, 120_000);

describe('webhooks', () => {
  test('admins only; URLs through the outbound guard; event types checked; the secret shown once', { timeout: 120_000 }, async () => {
    const app = await testApp({ env: { OUTBOUND_ALLOWED_HOSTS: hook.host } });
    perTest.push(() => app.close());
    const org = await orgWithRoles(app);
    expect((await org.member.post('/api/v1/webhooks', { url: hook.url, events: ['*'] })).status).toBe(403);
    expect((await org.admin.post('/api/v1/webhooks', { url: 'javascript:alert(1)', events: ['*'] })).body.error.details[0].path).toBe('url');
    const internal = await org.admin.post('/api/v1/webhooks', { url: 'http://10.1.2.3/hook', events: ['*'] });
    expect(internal.status).toBe(400);
    expect(internal.body.error.details[0].path).toBe('url');
    expect((await org.admin.post('/api/v1/webhooks', { url: hook.url, events: ['contact.made up'] })).status).toBe(400);
    expect((await org.admin.post('/api/v1/webhooks', { url: hook.url, events: [] })).status).toBe(400);
    expect((await org.admin.get('/api/v1/webhooks')).body.data).toEqual([]);

    const made = await org.admin.post('/api/v1/webhooks', { url: hook.url, events: ['contact.created', '*.deleted'] });
    expect(made.status).toBe(201);
    expect(made.body.data.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{32}$/);
    const listed = (await org.admin.get('/api/v1/webhooks')).body.data;
    expect(listed).toMatchObject([{ id: made.body.data.id, events: ['contact.created', '*.deleted'], active: true }]);
    expect(JSON.stringify(listed)).not.toContain(made.body.data.secret);
  });

  test('signed deliveries of the subscribed events, retried with backoff across a restart of the job runner; the log and redeliver', { timeout: 180_000 }, async () => {
    const { app, restartJobs } = await appWithJobs({ OUTBOUND_ALLOWED_HOSTS: hook.host });
    const org = await orgWithRoles(app);
    const made = (await org.admin.post('/api/v1/webhooks', { url: hook.url, events: ['contact.created', 'deal.*'] })).body.data;
    hook.got.length = 0;
    hook.expect(made.secret, [500, 503]);

    await org.member.post('/api/v1/companies', { name: 'Not subscribed Inc' });
    const contact = (await org.member.post('/api/v1/contacts', { firstName: 'Wanda', lastName: 'Webhook', email: 'wanda@example.com' })).body.data;
    // The first attempt fails; the worker restarts before the retry, which must still come.
    await hook.waitFor(1);
    await restartJobs();
    const got = await hook.waitFor(3);
    expect(got.every((r) => r.verified)).toBe(true);
    expect(new Set(got.map((r) => r.headers['webhook-id'])).size).toBe(1);
    const body = JSON.parse(got[2].body);
    expect(body).toMatchObject({ type: 'contact.created', data: { object: 'contact', id: contact.id, action: 'created', record: { firstName: 'Wanda', email: 'wanda@example.com' } } });
    // Backoff: pg-boss waits 1–2 s before the first retry and 2–4 s before the second (base delay 1 s here).
    // The first gap also holds the runner's restart, so only the second says the delay doubled.
    const at = got.map((r) => Number(r.headers['webhook-timestamp']));
    expect(at[1] - at[0]).toBeGreaterThanOrEqual(1);
    expect(at[2] - at[1]).toBeGreaterThanOrEqual(2);

    const log = (await org.admin.get(`/api/v1/webhooks/${made.id}/deliveries`)).body.data;
    expect(log).toMatchObject([{ id: got[0].headers['webhook-id'], eventType: 'contact.created', status: 'succeeded', attempts: 3, responseStatus: 200 }]);

    // A deal event matches deal.*; the company above matched nothing.
    const deal = (await org.member.post('/api/v1/deals', { name: 'Hooked deal', amount: '10' })).body.data;
    const [, , , dealCall] = await hook.waitFor(4);
    expect(JSON.parse(dealCall.body).type).toBe('deal.created');
    // A board move is published as deal.stage_changed, with the stage before and after.
    const stages = (await org.member.get('/api/v1/pipelines')).body.data[0].stages as { id: string }[];
    const next = stages.find((st) => st.id !== deal.stageId)!;
    expect((await org.member.post(`/api/v1/deals/${deal.id}/move`, { stageId: next.id })).status).toBe(200);
    const moved = (await hook.waitFor(5)).slice(4).map((r) => JSON.parse(r.body)).find((b) => b.type === 'deal.stage_changed');
    expect(moved).toMatchObject({ data: { id: deal.id, action: 'stage_changed', record: { stageId: next.id }, changes: { after: { stageId: next.id } } } });
    expect(hook.got.some((r) => r.body.includes('Not subscribed'))).toBe(false);

    const count = hook.got.length;
    const again = await org.admin.post(`/api/v1/webhooks/${made.id}/deliveries/${log[0].id}/redeliver`);
    expect(again.status).toBe(202);
    const redelivered = (await hook.waitFor(count + 1))[count];
    expect(redelivered.headers['webhook-id']).toBe(log[0].id);
    expect(redelivered.verified).toBe(true);
  });

  test('a webhook failing again and again is switched off and the admins are emailed', { timeout: 180_000 }, async () => {
    const smtp = await startSmtp();
    perTest.push(smtp.close);
    const { app } = await appWithJobs({ OUTBOUND_ALLOWED_HOSTS: hook.host, WEBHOOK_DISABLE_AFTER_FAILURES: '2', SMTP_URL: smtp.url });
    const org = await orgWithRoles(app);
    const made = (await org.admin.post('/api/v1/webhooks', { url: hook.url, events: ['*'] })).body.data;
    hook.got.length = 0;
    hook.expect(made.secret, [500, 500, 500, 500]);
    await org.member.post('/api/v1/tasks', { title: 'Trigger' });
    const mail = await smtp.waitFor(org.admin.email, 60_000);
    expect(mail.raw).toContain('switched off');
    const after = (await org.admin.get(`/api/v1/webhooks/${made.id}`)).body.data;
    // Deliveries run four at a time, so an attempt already in flight may still count after the limit.
    expect(after.active).toBe(false);
    expect(after.consecutiveFailures).toBeGreaterThanOrEqual(2);
    expect(after.disabledReason).toMatch(/\d delivery attempts in a row failed/);
    expect(hook.got).toHaveLength(after.consecutiveFailures);
    // Switched back on: the count starts again.
    expect((await org.admin.patch(`/api/v1/webhooks/${made.id}`, { active: true })).body.data).toMatchObject({ active: true, consecutiveFailures: 0, disabledReason: null });
  });
});
