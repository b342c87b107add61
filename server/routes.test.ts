// Every registered /api/v1 route, found by enumerating the app (a route added later is covered
// without touching this file): no credentials → 401; a viewer's write → 403; another
// organization's id → 404; and the third axis (Issue 14), a record of one's own organization
// the caller may not see (read = own) → 404, or may see but not edit (edit = own) → 403.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { Client, testApp, uniqueEmail, type TestApp } from '../test/app';
import { orgWithRoles, ownerWithOrg } from '../test/factories';
import { exampleFor } from '../test/examples';
import { calendarConnections } from './db/schema';
import { entityServices } from './modules/registry';

const WRITE = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);
/**
 * Non-GET routes a viewer may call because they write nothing in the CRM on their own: talking to
 * the assistant (its tools still run with the viewer's role), deciding their own approvals, and
 * their personal model preference. Adding a route here needs a reason.
 */
const VIEWER_MAY_CALL = new Set([
  'POST /api/v1/assistant/chat',
  'POST /api/v1/assistant/messages',
  'POST /api/v1/assistant/approvals/:id',
  'PUT /api/v1/me/ai',
  'DELETE /api/v1/me/ai',
  'POST /api/v1/me/ai/test',
  // Anyone in the organization may tell the admins what they think.
  'POST /api/v1/feedback',
  // Everyone picks their own theme.
  'PUT /api/v1/me/preferences',
  // Everyone reads their own bell and picks what reaches them (only their own rows change).
  'POST /api/v1/notifications/:id/read',
  'POST /api/v1/notifications/read-all',
  'PUT /api/v1/me/notification-settings',
  // A personal calendar feed URL: a viewer may read their calendar, so may replace its leaked URL.
  'POST /api/v1/calendar/feed/rotate',
  // Anyone may cut off their own connected calendar (a member demoted to viewer too): only their own row goes.
  'DELETE /api/v1/integrations/calendars/:id',
]);
/** Bodies that pass validation, for routes whose body has required fields. */
const SAMPLE_BODIES: Record<string, unknown> = {
  'PATCH /api/v1/members/:id': { role: 'member' },
  'POST /api/v1/assistant/approvals/:id': { approve: false },
  'POST /api/v1/deals/:id/move': { stageId: randomUUID() },
  'POST /api/v1/automations/:id/dry-run': { recordId: randomUUID() },
  'POST /api/v1/contacts/:id/merge': { otherIds: [randomUUID()] },
  'POST /api/v1/imports/:id/preview': { mapping: {} },
  'PATCH /api/v1/custom-fields/:id': { label: 'Renamed' },
  'PATCH /api/v1/tags/:id': { color: '#000000' },
  'POST /api/v1/imports/:id/run': { mapping: {} },
  'POST /api/v1/companies/:id/merge': { otherIds: [randomUUID()] },
  'PATCH /api/v1/pipelines/:id': { name: 'Renamed' },
  'POST /api/v1/pipelines/:id/stages': { name: 'New stage', probability: 30 },
  'POST /api/v1/pipelines/:id/stages/reorder': { stageIds: [randomUUID()] },
  'POST /api/v1/campaigns/:id/members': { contactIds: [randomUUID()] },
  'POST /api/v1/campaigns/:id/test-send': { to: 'someone@example.com' },
  'POST /api/v1/campaigns/:id/send': { confirm: true },
};

let app: TestApp;
let routes: { method: string; path: string }[];
let org: Awaited<ReturnType<typeof orgWithRoles>>;
/** One record of each resource in a second organization, by the path segment naming it. */
const foreignIds: Record<string, string> = {};

beforeAll(async () => {
  app = await testApp();
  const seen = new Set<string>();
  routes = app.app.routes
    .filter((r) => r.path.startsWith('/api/v1/') && !r.path.includes('*') && r.method !== 'ALL')
    .filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`))
    .map((r) => ({ method: r.method, path: r.path }));
  org = await orgWithRoles(app);

  const { owner: other, orgId: otherOrg } = await ownerWithOrg(app);
  // One record of every catalogue entity, from its definition's example.
  foreignIds.contacts = (await other.post('/api/v1/contacts', { firstName: 'Foreign' })).body.data.id;
  for (const { def } of entityServices.filter((s) => !foreignIds[s.def.resource])) {
    const res = await other.post(`/api/v1/${def.resource}`, exampleFor(def, { contact: foreignIds.contacts }));
    expect(res.status, `${def.resource}: ${JSON.stringify(res.body)}`).toBe(201);
    foreignIds[def.resource] = res.body.data.id;
  }
  foreignIds.imports = (await other.post('/api/v1/imports', { resource: 'contacts', filename: 'x.csv', content: 'Email\nx@y.test\n' })).body.data.id;
  foreignIds.attachments = (await other.upload('/api/v1/attachments', { relatedType: 'contact', relatedId: foreignIds.contacts }, { name: 'a.txt', bytes: new TextEncoder().encode('hello') })).body.data.id;
  foreignIds['custom-fields'] = (await other.post('/api/v1/custom-fields', { entity: 'contact', label: 'Foreign field', type: 'text' })).body.data.id;
  foreignIds.tags = (await other.post('/api/v1/tags', { name: 'foreign-tag' })).body.data.id;
  foreignIds.pipelines = (await other.get('/api/v1/pipelines')).body.data[0].id;
  foreignIds['api-keys'] = (await other.post('/api/v1/api-keys', { name: 'foreign key' })).body.data.id;
  // A public IP literal: the outbound guard accepts it without a DNS lookup (none is reachable here).
  foreignIds.webhooks = (await other.post('/api/v1/webhooks', { url: 'https://93.184.215.14/hook', events: ['*'] })).body.data.id;
  foreignIds.automations = (await other.post('/api/v1/automations', { name: 'Foreign rule', trigger: { type: 'record.created', entity: 'contact' }, actions: [{ type: 'add_tag', tag: 'x' }] })).body.data.id;
  foreignIds.feedback = (await other.upload('/api/v1/feedback', { message: 'foreign feedback' }, { name: 's.png', field: 'screenshot', bytes: Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64')) })).body.data.id;
  // A finished bulk action (its id is the batch id) of the other organization.
  foreignIds['bulk-jobs'] = (await other.post('/api/v1/contacts/bulk', { ids: [foreignIds.contacts], action: 'tag', values: { tags: ['foreign'] } })).body.data.batchId;
  // A notification of the other organization's owner: a reminder fired by the sweep.
  await other.post('/api/v1/reminders', { title: 'Foreign reminder', remindAt: new Date(Date.now() - 1000).toISOString(), channels: ['in_app'] });
  await app.reminders.sweep();
  foreignIds.notifications = (await other.get('/api/v1/notifications')).body.data[0].id;
  const members = (await other.get('/api/v1/members')).body.data;
  foreignIds.members = members[0].id;
  const chat = await other.post('/api/v1/assistant/messages', { text: 'delete contact Foreign' });
  foreignIds.assistant = chat.body.data.conversationId;
  foreignIds.approvals = chat.body.data.pendingApprovals[0].id;
  foreignIds.activities = (await other.get(`/api/v1/contacts/${foreignIds.contacts}/activities`)).body.data[0].id;
  // GET /me/invitations/:id — an invitation of the other organization, sent to someone else.
  foreignIds.me = (await other.post('/api/auth/organization/invite-member', { email: uniqueEmail('foreign'), role: 'member', organizationId: otherOrg })).body.id;
  // A connected calendar of the other organization's owner (made directly: no provider is reachable here).
  foreignIds.integrations = (await app.database.db.insert(calendarConnections).values({ organizationId: otherOrg, userId: other.userId, provider: 'google', accountEmail: 'foreign@example.com', accessTokenSealed: 'v1:x' }).returning())[0].id;
  expect(otherOrg).not.toBe(org.orgId);
});

// Second ids (a stage, a delivery, a campaign's member) are random: the first, foreign one must already make it a 404.
const fill = (path: string, id: string) => path.replace(/:id\b/g, id).replace(/:(stageId|deliveryId|contactId)\b/g, () => randomUUID());
const bodyFor = (method: string, path: string) => (WRITE.has(method) && method !== 'DELETE' ? (SAMPLE_BODIES[`${method} ${path}`] ?? {}) : undefined);

describe('every /api/v1 route', () => {
  test('the enumeration finds the routes we know of', () => {
    const keys = routes.map((r) => `${r.method} ${r.path}`);
    for (const known of ['GET /api/v1/contacts', 'POST /api/v1/companies', 'PATCH /api/v1/contacts/:id', 'DELETE /api/v1/api-keys/:id', 'POST /api/v1/companies/:id/restore', 'GET /api/v1/members']) {
      expect(keys).toContain(known);
    }
  });

  test('the one public route outside /api/v1, the private iCalendar feed, needs its token and nothing else: a wrong one is a 404', async () => {
    const anonymous = new Client(app);
    for (const path of [`/ics/${'x'.repeat(43)}.ics`, '/ics/short.ics', `/ics/${randomUUID()}`]) {
      const res = await anonymous.request('GET', path);
      expect(res.status, path).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    const url = (await org.member.get('/api/v1/calendar/feed')).body.data.url as string;
    expect((await anonymous.request('GET', new URL(url).pathname)).status).toBe(200);
    for (const method of ['POST', 'PUT', 'DELETE']) expect((await anonymous.request(method, new URL(url).pathname)).status, method).not.toBe(200);
  });

  test('no credentials → 401', async () => {
    const anonymous = new Client(app);
    for (const r of routes) {
      const res = await anonymous.request(r.method, fill(r.path, randomUUID()), bodyFor(r.method, r.path));
      expect(res.status, `${r.method} ${r.path}`).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
    }
    const badKey = new Client(app);
    badKey.bearer = 'mrd_not-a-real-key';
    expect((await badKey.get('/api/v1/contacts')).status).toBe(401);
  });

  test("a viewer's write → 403", async () => {
    for (const r of routes.filter((x) => WRITE.has(x.method) && !VIEWER_MAY_CALL.has(`${x.method} ${x.path}`))) {
      const res = await org.viewer.request(r.method, fill(r.path, randomUUID()), bodyFor(r.method, r.path));
      expect(res.status, `${r.method} ${r.path}`).toBe(403);
    }
  });

  test("another organization's id → 404", async () => {
    const withId = routes.filter((r) => r.path.includes(':id'));
    expect(withId.length).toBeGreaterThan(5);
    for (const r of withId) {
      const segments = r.path.split('/');
      // /api/v1/assistant/approvals/:id → approvals; /api/v1/assistant/conversations/:id → the conversation
      const resource = segments[3] === 'assistant' ? (segments[4] === 'approvals' ? 'approvals' : 'assistant') : segments[3];
      const id = foreignIds[resource];
      expect(id, `add a record of "${resource}" in the other organization to this test`).toBeDefined();
      const res = await org.owner.request(r.method, fill(r.path, id), bodyFor(r.method, r.path));
      expect(res.status, `${r.method} ${r.path}: ${JSON.stringify(res.body)}`).toBe(404);
    }
  });

  describe('a private record of your own organization (Issue 14)', () => {
    /** One record of each catalogue type, made by the admin and owned by nobody else. */
    const privateIds: Record<string, string> = {};
    const recordRoutes = () =>
      routes.filter((r) => {
        const [, , , resource, id] = r.path.split('/');
        return id === ':id' && entityServices.some((s) => s.def.resource === resource);
      });
    const everyType = (read: 'all' | 'own', edit: 'all' | 'own') => Object.fromEntries(entityServices.map((s) => [s.def.resource, { read, edit }]));

    beforeAll(async () => {
      privateIds.contacts = (await org.admin.post('/api/v1/contacts', { firstName: 'Private', lastName: 'Person' })).body.data.id;
      for (const { def } of entityServices.filter((s) => !privateIds[s.def.resource])) {
        const res = await org.admin.post(`/api/v1/${def.resource}`, exampleFor(def, { contact: privateIds.contacts }));
        expect(res.status, `${def.resource}: ${JSON.stringify(res.body)}`).toBe(201);
        privateIds[def.resource] = res.body.data.id;
      }
    });

    test('read = own: every record route answers a member who does not own it with 404, and says nothing about it', async () => {
      expect((await org.admin.request('PUT', '/api/v1/settings/permissions', everyType('own', 'all'))).status).toBe(200);
      try {
        const rs = recordRoutes();
        expect(rs.length).toBeGreaterThan(entityServices.length * 4);
        for (const r of rs) {
          const resource = r.path.split('/')[3];
          const res = await org.member.request(r.method, fill(r.path, privateIds[resource]), bodyFor(r.method, r.path));
          expect(res.status, `${r.method} ${r.path}: ${JSON.stringify(res.body)}`).toBe(404);
        }
        for (const { def } of entityServices) {
          const list = await org.member.get(`/api/v1/${def.resource}?limit=200`);
          expect(list.body.data.map((x: { id: string }) => x.id), def.resource).not.toContain(privateIds[def.resource]);
          // The admin still sees it.
          expect((await org.admin.get(`/api/v1/${def.resource}/${privateIds[def.resource]}`)).status, def.resource).toBe(200);
        }
      } finally {
        await org.admin.request('PUT', '/api/v1/settings/permissions', everyType('all', 'all'));
      }
    });

    test('edit = own: a member reads it but every write route on it is a 403', async () => {
      expect((await org.admin.request('PUT', '/api/v1/settings/permissions', everyType('all', 'own'))).status).toBe(200);
      try {
        const generic = recordRoutes().filter((r) => r.method === 'PATCH' || r.method === 'DELETE' || r.path.endsWith('/restore'));
        expect(generic.length).toBeGreaterThanOrEqual(entityServices.length * 3);
        for (const r of generic) {
          const resource = r.path.split('/')[3];
          expect((await org.member.get(`/api/v1/${resource}/${privateIds[resource]}`)).status, resource).toBe(200);
          const res = await org.member.request(r.method, fill(r.path, privateIds[resource]), r.method === 'PATCH' ? { ...{} } : undefined);
          expect(res.status, `${r.method} ${r.path}: ${JSON.stringify(res.body)}`).toBe(403);
        }
      } finally {
        await org.admin.request('PUT', '/api/v1/settings/permissions', everyType('all', 'all'));
      }
    });

    test('default (all): the member reads and edits them again', async () => {
      for (const { def } of entityServices) {
        expect((await org.member.get(`/api/v1/${def.resource}/${privateIds[def.resource]}`)).status, def.resource).toBe(200);
      }
      expect((await org.member.patch(`/api/v1/contacts/${privateIds.contacts}`, { title: 'Shared again' })).status).toBe(200);
    });
  });
});
