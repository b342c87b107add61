// Automation rules (issue 13.3) on the real database: each trigger and action, the seeds' two
// examples, the loop stop at depth 3, the run log, dry runs that change nothing, admin-only, bad
// input. Rules run by calling the consumer (`evaluate`) and the minute tick (`tick`) directly —
// the same functions the pg-boss jobs call — so each test waits on nothing.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, test } from 'vitest';
import { testApp, type TestApp } from '../../../test/app';
import { orgWithRoles } from '../../../test/factories';
import { startSmtp } from '../../../test/smtp';

let app: TestApp;
let org: Awaited<ReturnType<typeof orgWithRoles>>;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
const hits: string[] = [];
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    hits.push(body);
    res.end('ok');
  });
});

const setup = (async () => {
  smtp = await startSmtp();
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const port = (receiver.address() as AddressInfo).port;
  app = await testApp({ env: { SMTP_URL: smtp.url, OUTBOUND_ALLOWED_HOSTS: `127.0.0.1:${port}` } });
  org = await orgWithRoles(app);
  return `http://127.0.0.1:${port}/hook`;
})();
afterAll(async () => {
  await app?.close();
  await smtp?.close();
  receiver.close();
});

const run = () => app.automations.evaluate();
async function rule(body: Record<string, unknown>) {
  const res = await org.admin.post('/api/v1/automations', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data as { id: string; version: number };
}
const runs = async (id: string) => (await org.admin.get(`/api/v1/automations/${id}/runs`)).body.data as { status: string; depth: number; outcomes: { type: string; status: string }[]; error: string | null }[];
const off = (id: string) => org.admin.patch(`/api/v1/automations/${id}`, { enabled: false });

describe('automations', () => {
  test('admins only; REST conventions with a version; bad input is a 400 naming the field', { timeout: 120_000 }, async () => {
    await setup;
    const body = { name: 'Tag webinar contacts', trigger: { type: 'record.created', entity: 'contact' }, conditions: { source: 'webinar' }, actions: [{ type: 'add_tag', tag: 'webinar' }] };
    expect((await org.member.post('/api/v1/automations', body)).status).toBe(403);
    expect((await org.member.get('/api/v1/automations')).status).toBe(403);
    const bad = async (b: Record<string, unknown>, path: string) => {
      const res = await org.admin.post('/api/v1/automations', b);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    };
    await bad({ ...body, conditions: { nope: 1 } }, 'conditions.nope');
    await bad({ ...body, trigger: { type: 'record.exploded', entity: 'contact' } }, 'trigger.type');
    await bad({ ...body, trigger: { type: 'schedule', entity: 'contact', cron: 'every tuesday' } }, 'trigger.cron');
    await bad({ ...body, actions: [] }, 'actions');
    await bad({ ...body, actions: [{ type: 'update_field', field: 'status', value: 'ghost' }] }, 'actions.0.value');
    await bad({ ...body, actions: [{ type: 'notify_user', userId: 'not-a-member' }] }, 'actions.0.userId');
    await bad({ ...body, actions: [{ type: 'call_webhook', url: 'http://10.0.0.1/x' }] }, 'actions.0.url');
    expect((await org.admin.get('/api/v1/automations')).body).toMatchObject({ data: [], total: 0 });

    const made = await org.admin.post('/api/v1/automations', body);
    expect(made.headers.get('etag')).toBe('"1"');
    const id = made.body.data.id;
    expect((await org.admin.get('/api/v1/automations')).body).toMatchObject({ total: 1, nextCursor: null, data: [{ id, entity: 'contact', version: 1 }] });
    const renamed = await org.admin.patch(`/api/v1/automations/${id}`, { name: 'Renamed' }, { 'if-match': '"1"' });
    expect(renamed.body.data).toMatchObject({ name: 'Renamed', version: 2 });
    expect((await org.admin.patch(`/api/v1/automations/${id}`, { name: 'Stale' }, { 'if-match': '"1"' })).status).toBe(412);
    expect((await org.admin.delete(`/api/v1/automations/${id}`)).status).toBe(204);
    expect((await org.admin.get(`/api/v1/automations/${id}`)).status).toBe(404);
  });

  test('seed: a contact created with source webinar is tagged, attributed to the automation, undoable', { timeout: 120_000 }, async () => {
    await setup;
    const r = await rule({ name: 'Tag webinar contacts', trigger: { type: 'record.created', entity: 'contact' }, conditions: { source: 'webinar' }, actions: [{ type: 'add_tag', tag: 'webinar' }] });
    const web = (await org.member.post('/api/v1/contacts', { firstName: 'Wendy', source: 'webinar' })).body.data;
    const other = (await org.member.post('/api/v1/contacts', { firstName: 'Otto', source: 'referral' })).body.data;
    await run();
    expect((await org.member.get(`/api/v1/contacts/${web.id}`)).body.data.tags).toEqual(['webinar']);
    expect((await org.member.get(`/api/v1/contacts/${other.id}`)).body.data.tags).toEqual([]);
    const log = await runs(r.id);
    expect(log.map((x) => x.status).sort()).toEqual(['skipped', 'succeeded']);
    const timeline = (await org.member.get(`/api/v1/contacts/${web.id}/activities`)).body.data;
    const byRule = timeline.find((a: { action: string }) => a.action === 'updated');
    expect(byRule).toMatchObject({ actorType: 'automation', onBehalfOf: r.id, after: { tags: ['webinar'] } });
    expect((await org.member.post(`/api/v1/activities/${byRule.id}/undo`)).status).toBe(200);
    expect((await org.member.get(`/api/v1/contacts/${web.id}`)).body.data.tags).toEqual([]);
    await off(r.id);
  });

  test('seed: a deal entering Proposal gets a follow-up task due in 3 days for its owner', { timeout: 120_000 }, async () => {
    await setup;
    const stages = (await org.member.get('/api/v1/pipelines')).body.data[0].stages as { id: string; name: string }[];
    const proposal = stages.find((s) => /proposal/i.test(s.name))!;
    expect(proposal).toBeDefined();
    const r = await rule({ name: 'Proposal follow-up', trigger: { type: 'deal.stage_changed', stageId: proposal.id }, actions: [{ type: 'create_task', title: 'Follow up on {{name}}', dueInDays: 3, assignTo: 'owner' }] });
    const deal = (await org.member.post('/api/v1/deals', { name: 'Acme renewal', ownerId: org.member.userId, stageId: stages[0].id })).body.data;
    await run();
    expect((await org.member.get(`/api/v1/tasks?filter=${encodeURIComponent(JSON.stringify({ relatedId: deal.id }))}`)).body.total).toBe(0);
    expect((await org.member.post(`/api/v1/deals/${deal.id}/move`, { stageId: proposal.id })).status).toBe(200);
    await run();
    const tasks = (await org.member.get(`/api/v1/tasks?filter=${encodeURIComponent(JSON.stringify({ relatedId: deal.id }))}`)).body.data;
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ title: 'Follow up on Acme renewal', assigneeId: org.member.userId, relatedType: 'deal' });
    const days = (new Date(tasks[0].dueAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(2.9);
    expect(days).toBeLessThan(3.1);
    await off(r.id);
  });

  test('an automation that triggers itself stops at depth 3; the run log shows it', { timeout: 120_000 }, async () => {
    await setup;
    const r = await rule({ name: 'Loop', trigger: { type: 'record.created', entity: 'task' }, conditions: { title: { contains: 'loop' } }, actions: [{ type: 'create_task', title: 'loop again', assignTo: 'owner' }] });
    await org.member.post('/api/v1/tasks', { title: 'loop start' });
    await run();
    const log = await runs(r.id);
    expect(log.map((x) => `${x.depth}:${x.status}`).sort()).toEqual(['1:succeeded', '2:succeeded', '3:succeeded', '4:stopped']);
    expect((await org.member.get(`/api/v1/tasks?filter=${encodeURIComponent(JSON.stringify({ title: { contains: 'loop' } }))}`)).body.total).toBe(4);
    await off(r.id);
  });

  test('dry run says what would happen and changes nothing', { timeout: 120_000 }, async () => {
    await setup;
    const r = await rule({ name: 'Dry', trigger: { type: 'record.updated', entity: 'contact' }, conditions: { source: 'fair' }, actions: [{ type: 'add_tag', tag: 'fair' }, { type: 'create_task', title: 'Call {{firstName}}', dueInDays: 1 }, { type: 'notify_user', userId: org.admin.userId }] });
    const c = (await org.member.post('/api/v1/contacts', { firstName: 'Dora', source: 'fair' })).body.data;
    const miss = (await org.member.post('/api/v1/contacts', { firstName: 'Miss', source: 'web' })).body.data;
    await run();
    const tasksBefore = (await org.member.get('/api/v1/tasks')).body.total;
    const mails = smtp.inbox.length;
    const timeline = (await org.member.get(`/api/v1/contacts/${c.id}/activities`)).body.data.length;
    const dry = await org.admin.post(`/api/v1/automations/${r.id}/dry-run`, { recordId: c.id });
    expect(dry.status).toBe(200);
    expect(dry.body.data).toMatchObject({ matches: true, outcomes: [{ type: 'add_tag', status: 'would_do' }, { type: 'create_task', status: 'would_do', detail: expect.stringContaining('Call Dora') }, { type: 'notify_user', status: 'would_do' }] });
    expect((await org.admin.post(`/api/v1/automations/${r.id}/dry-run`, { recordId: miss.id })).body.data).toMatchObject({ matches: false, outcomes: [] });
    expect((await org.admin.post(`/api/v1/automations/${r.id}/dry-run`, { recordId: 'nope' })).status).toBe(400);
    expect((await org.member.post(`/api/v1/automations/${r.id}/dry-run`, { recordId: c.id })).status).toBe(403);
    expect((await org.member.get(`/api/v1/contacts/${c.id}`)).body.data.tags).toEqual([]);
    expect((await org.member.get('/api/v1/tasks')).body.total).toBe(tasksBefore);
    expect((await org.member.get(`/api/v1/contacts/${c.id}/activities`)).body.data).toHaveLength(timeline);
    expect(smtp.inbox.length).toBe(mails);
    expect(await runs(r.id)).toEqual([]);
    await off(r.id);
  });

  test('field.changed, record.deleted, assign_owner round robin, update_field, remove_tag, notify_user, send_email, call_webhook', { timeout: 120_000 }, async () => {
    const url = await setup;
    const rr = await rule({ name: 'Round robin', trigger: { type: 'field.changed', entity: 'contact', field: 'status', to: 'customer' }, actions: [{ type: 'assign_owner', roundRobin: [org.member.userId, org.admin.userId] }, { type: 'update_field', field: 'title', value: 'Customer of {{firstName}}' }, { type: 'remove_tag', tag: 'prospect' }] });
    const a = (await org.member.post('/api/v1/contacts', { firstName: 'Ann', tags: ['prospect'] })).body.data;
    const b = (await org.member.post('/api/v1/contacts', { firstName: 'Bob' })).body.data;
    await org.member.patch(`/api/v1/contacts/${a.id}`, { status: 'customer' });
    await run();
    await org.member.patch(`/api/v1/contacts/${b.id}`, { status: 'customer' });
    await run();
    const [ga, gb] = [(await org.member.get(`/api/v1/contacts/${a.id}`)).body.data, (await org.member.get(`/api/v1/contacts/${b.id}`)).body.data];
    expect([ga.ownerId, gb.ownerId]).toEqual([org.member.userId, org.admin.userId]);
    expect(ga).toMatchObject({ title: 'Customer of Ann', tags: [] });
    await off(rr.id);

    const gone = await rule({ name: 'Tell on delete', trigger: { type: 'record.deleted', entity: 'contact' }, actions: [{ type: 'notify_user', userId: org.admin.userId, message: '{{firstName}} was deleted' }, { type: 'send_email', to: [org.owner.userId], subject: 'Gone: {{firstName}}', body: 'The contact {{firstName}} is gone.' }, { type: 'call_webhook', url }] });
    await org.member.delete(`/api/v1/contacts/${b.id}`);
    await run();
    expect((await smtp.waitFor(org.admin.email)).raw).toContain('Bob was deleted');
    expect((await smtp.waitFor(org.owner.email)).raw).toContain('Gone: Bob');
    expect(hits.some((h) => JSON.parse(h).id === b.id)).toBe(true);
    expect((await runs(gone.id))[0]).toMatchObject({ status: 'succeeded', outcomes: [{ status: 'done' }, { status: 'done' }, { status: 'done' }] });
    await off(gone.id);
  });

  test('task.overdue and schedule triggers from the minute tick, each once', { timeout: 120_000 }, async () => {
    await setup;
    const overdue = await rule({ name: 'Overdue', trigger: { type: 'task.overdue' }, actions: [{ type: 'update_field', field: 'priority', value: 'urgent' }] });
    const t = (await org.member.post('/api/v1/tasks', { title: 'Late soon', dueAt: new Date(Date.now() + 500).toISOString() })).body.data;
    await new Promise((r) => setTimeout(r, 800));
    await app.automations.tick();
    await app.automations.tick();
    expect((await org.member.get(`/api/v1/tasks/${t.id}`)).body.data.priority).toBe('urgent');
    expect(await runs(overdue.id)).toHaveLength(1);
    await off(overdue.id);

    const weekly = await rule({ name: 'Weekly', trigger: { type: 'schedule', entity: 'company', cron: '0 9 * * 1' }, conditions: { name: { contains: 'Sched' } }, actions: [{ type: 'add_tag', tag: 'weekly' }] });
    const co = (await org.member.post('/api/v1/companies', { name: 'Sched Co' })).body.data;
    await app.automations.tick();
    expect(await runs(weekly.id)).toHaveLength(0);
    const later = new Date(Date.now() + 8 * 86_400_000);
    await app.automations.tick(later);
    await app.automations.tick(later);
    expect((await org.member.get(`/api/v1/companies/${co.id}`)).body.data.tags).toEqual(['weekly']);
    expect(await runs(weekly.id)).toHaveLength(1);
    await off(weekly.id);
  });
});
