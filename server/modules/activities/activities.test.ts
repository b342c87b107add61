// POST /api/v1/activities/log: a call, email or meeting on a record's timeline, through the one
// write door (timeline entry + outbox event in one transaction), members and up, records of the
// caller's organization only.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { testApp } from '../../../test/app';
import { orgWithRoles, ownerWithOrg } from '../../../test/factories';

let org: Awaited<ReturnType<typeof orgWithRoles>>;
let janeId: string;
beforeAll(async () => {
  org = await orgWithRoles();
  janeId = (await org.member.post('/api/v1/contacts', { firstName: 'Jane', lastName: 'Doe' })).body.data.id;
});

describe('logging activities', () => {
  test('a call is on the contact timeline, with its outcome and when it happened, and has its outbox event', async () => {
    const res = await org.member.post('/api/v1/activities/log', { type: 'call', relatedType: 'contact', relatedId: janeId, occurredAt: '2026-11-30T15:00:00+01:00', summary: 'She wants a demo next week', outcome: 'wants a demo' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.data).toMatchObject({ type: 'call', relatedType: 'contact', relatedId: janeId, occurredAt: '2026-11-30T14:00:00.000Z', summary: 'She wants a demo next week', outcome: 'wants a demo', loggedBy: org.member.userId });
    const [entry] = (await org.member.get(`/api/v1/contacts/${janeId}/activities`)).body.data;
    expect(entry).toMatchObject({ id: res.body.data.id, action: 'call_logged', actorType: 'user', actorId: org.member.userId, after: { type: 'call', summary: 'She wants a demo next week', outcome: 'wants a demo' } });
    const app = await testApp();
    const events = (await app.database.db.execute(sql`select type, entity_id from outbox_events where organization_id = ${org.orgId} and type = 'contact.call_logged'`)) as unknown as { rows: { entity_id: string }[] };
    expect(events.rows.map((r) => r.entity_id)).toEqual([janeId]);
  });

  test('emails and meetings on companies and deals; occurredAt defaults to now', async () => {
    const company = (await org.member.post('/api/v1/companies', { name: 'Acme' })).body.data.id;
    const before = Date.now();
    const r = await org.member.post('/api/v1/activities/log', { type: 'meeting', relatedType: 'company', relatedId: company, summary: 'Renewal kickoff' });
    expect(r.status).toBe(201);
    expect(Date.parse(r.body.data.occurredAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(r.body.data.outcome).toBeNull();
    const e = await org.member.post('/api/v1/activities/log', { type: 'email', relatedType: 'company', relatedId: company, summary: 'Sent the proposal' });
    expect(e.status).toBe(201);
    const actions = (await org.member.get(`/api/v1/companies/${company}/activities`)).body.data.map((a: { action: string }) => a.action);
    expect(actions.slice(0, 2)).toEqual(['email_logged', 'meeting_logged']);
  });

  test('viewers may not log (403); a record of another organization or none at all is a 400 on relatedId; bad input is a 400 that writes nothing', async () => {
    expect((await org.viewer.post('/api/v1/activities/log', { type: 'call', relatedType: 'contact', relatedId: janeId, summary: 'x' })).status).toBe(403);
    const other = await ownerWithOrg();
    const theirs = (await other.owner.post('/api/v1/contacts', { firstName: 'Not', lastName: 'Yours' })).body.data.id;
    const foreign = await org.member.post('/api/v1/activities/log', { type: 'call', relatedType: 'contact', relatedId: theirs, summary: 'x' });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details).toEqual([expect.objectContaining({ path: 'relatedId' })]);
    const missing = await org.member.post('/api/v1/activities/log', { type: 'call', relatedType: 'deal', relatedId: '00000000-0000-4000-8000-000000000000', summary: 'x' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details[0].path).toBe('relatedId');
    const count = async () => (await org.member.get(`/api/v1/contacts/${janeId}/activities`)).body.data.length;
    const n = await count();
    for (const bad of [
      { type: 'fax', relatedType: 'contact', relatedId: janeId, summary: 'x' },
      { type: 'call', relatedType: 'contact', relatedId: janeId, summary: '   ' },
      { type: 'call', relatedType: 'contact', relatedId: 'nope', summary: 'x' },
      { type: 'call', relatedType: 'contact', relatedId: janeId, summary: 'x', occurredAt: 'yesterday' },
      { type: 'call', relatedType: 'contact', relatedId: janeId, summary: 'x', extra: 1 },
    ]) {
      const r = await org.member.post('/api/v1/activities/log', bad);
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect(r.body.error.code).toBeTruthy();
    }
    expect(await count()).toBe(n);
    expect((await other.owner.get(`/api/v1/contacts/${theirs}/activities`)).body.data.map((a: { action: string }) => a.action)).toEqual(['created']);
  });

  test('the log_activity tool is in the registry for the assistant and MCP, for members', async () => {
    const tools = (await org.viewer.get('/api/v1/assistant/tools')).body.data;
    expect(tools.find((t: { name: string }) => t.name === 'log_activity')).toMatchObject({ role: 'member', destructive: false });
  });
});
