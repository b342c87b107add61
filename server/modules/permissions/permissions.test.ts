// Record permissions (Issue 14): GET/PUT /settings/permissions, and owner-only visibility and
// "members edit what they own" on every read path — lists, get, totals, references, search and
// snippets, the assistant (offline model), MCP (the SDK client), export, reports, the activity
// feed and realtime. Each org here starts with the default (all/all) and changes it itself.
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Client as McpClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENTITIES } from '../../../contracts/entities';
import { type Client, testApp, type TestApp } from '../../../test/app';
import { addMember, orgWithRoles } from '../../../test/factories';
import { sseReader } from '../../../test/sse';

let app: TestApp;
let server: ServerType;
let baseUrl: string;
beforeAll(async () => {
  app = await testApp();
  server = serve({ fetch: app.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);
afterAll(
  () =>
    new Promise<void>((r) => {
      server.close(() => r());
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    }),
);

/** An org where the admin owns "Quillon Hidden" (contact), "Obscura Ltd" (company) and a deal; the member owns "Zephyrine Mine". */
async function privateOrg() {
  const org = await orgWithRoles(app);
  const other = await addMember(org.orgId, 'member', app);
  const company = (await org.admin.post('/api/v1/companies', { name: 'Obscura Ltd', ownerId: org.admin.userId })).body.data;
  const hidden = (await org.admin.post('/api/v1/contacts', { firstName: 'Quillon', lastName: 'Hidden', email: 'quillon@obscura.test', ownerId: org.admin.userId, companyId: company.id })).body.data;
  const mine = (await org.admin.post('/api/v1/contacts', { firstName: 'Zephyrine', lastName: 'Mine', ownerId: org.member.userId })).body.data;
  const deal = (await org.admin.post('/api/v1/deals', { name: 'Obscura renewal', amount: '5000', ownerId: org.admin.userId })).body.data;
  const myDeal = (await org.admin.post('/api/v1/deals', { name: 'Zephyrine pilot', amount: '700', ownerId: org.member.userId })).body.data;
  expect([company.id, hidden.id, mine.id, deal.id, myDeal.id].every(Boolean)).toBe(true);
  return { ...org, other, company, hidden, mine, deal, myDeal };
}

async function setPermissions(org: { admin: Client }, body: unknown) {
  const r = await org.admin.request('PUT', '/api/v1/settings/permissions', body);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

describe('GET/PUT /api/v1/settings/permissions', () => {
  test('defaults to all/all for every record type; admins change some types and the rest keep their setting', async () => {
    const org = await orgWithRoles(app);
    const initial = await org.member.get('/api/v1/settings/permissions');
    expect(initial.status).toBe(200);
    expect(initial.body).toEqual(Object.fromEntries(ENTITIES.map((e) => [e.resource, { read: 'all', edit: 'all', fields: {} }])));

    const after = await setPermissions(org, { contacts: { read: 'own', edit: 'own' } });
    expect(after.contacts).toEqual({ read: 'own', edit: 'own', fields: {} });
    expect(after.deals).toEqual({ read: 'all', edit: 'all', fields: {} });
    const again = await setPermissions(org, { deals: { read: 'all', edit: 'own' } });
    expect(again.contacts).toEqual({ read: 'own', edit: 'own', fields: {} });
    expect(again.deals).toEqual({ read: 'all', edit: 'own', fields: {} });
  });

  test('members and viewers may not change it (403); bad bodies are a 400 and change nothing', async () => {
    const org = await orgWithRoles(app);
    expect((await org.member.request('PUT', '/api/v1/settings/permissions', { contacts: { read: 'own', edit: 'all' } })).status).toBe(403);
    expect((await org.viewer.request('PUT', '/api/v1/settings/permissions', { contacts: { read: 'own', edit: 'all' } })).status).toBe(403);
    for (const bad of [{ contacts: { read: 'mine', edit: 'all' } }, { contacts: { read: 'own' } }, { widgets: { read: 'own', edit: 'own' } }, { contacts: { read: 'own', edit: 'all', extra: 1 } }, []]) {
      const r = await org.admin.request('PUT', '/api/v1/settings/permissions', bad);
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect(r.body.error.code).toBeTruthy();
    }
    expect((await org.admin.get('/api/v1/settings/permissions')).body.contacts).toEqual({ read: 'all', edit: 'all', fields: {} });
  });
});

describe('owner-only visibility', () => {
  let org: Awaited<ReturnType<typeof privateOrg>>;
  beforeAll(async () => {
    org = await privateOrg();
  });

  test('default (all): every member reads every record', async () => {
    const list = await org.member.get('/api/v1/contacts?limit=200');
    expect(ids(list.body.data)).toEqual(expect.arrayContaining([org.hidden.id, org.mine.id]));
    expect((await org.member.get(`/api/v1/contacts/${org.hidden.id}`)).status).toBe(200);
  });

  test('read own: lists, totals, get, timeline, writes and references hide what is not yours; admins and owners see all', async () => {
    await setPermissions(org, { contacts: { read: 'own', edit: 'all' }, companies: { read: 'own', edit: 'all' }, deals: { read: 'own', edit: 'all' } });
    const list = await org.member.get('/api/v1/contacts?limit=200');
    expect(ids(list.body.data)).toEqual([org.mine.id]);
    expect(list.body.total).toBe(1);
    expect((await org.member.get(`/api/v1/contacts?q=quillon`)).body.total).toBe(0);
    for (const [method, path, body] of [
      ['GET', `/api/v1/contacts/${org.hidden.id}`],
      ['GET', `/api/v1/contacts/${org.hidden.id}/activities`],
      ['PATCH', `/api/v1/contacts/${org.hidden.id}`, { title: 'x' }],
      ['DELETE', `/api/v1/contacts/${org.hidden.id}`],
      ['POST', `/api/v1/contacts/${org.hidden.id}/restore`],
      ['GET', `/api/v1/companies/${org.company.id}`],
      ['GET', `/api/v1/deals/${org.deal.id}`],
    ] as [string, string, unknown?][]) {
      const r = await org.member.request(method, path, body);
      expect(r.status, `${method} ${path}`).toBe(404);
      expect(JSON.stringify(r.body)).not.toMatch(/Quillon|Obscura/);
    }
    expect((await org.viewer.get(`/api/v1/contacts/${org.hidden.id}`)).status).toBe(404);
    expect((await org.viewer.get('/api/v1/contacts')).body.total).toBe(0);
    // Yours and the admins' views are whole.
    expect((await org.member.get(`/api/v1/contacts/${org.mine.id}`)).status).toBe(200);
    expect((await org.admin.get(`/api/v1/contacts/${org.hidden.id}`)).status).toBe(200);
    expect((await org.owner.get('/api/v1/contacts')).body.total).toBe(2);
    // The name of a company you may not see is not carried on your own contact either.
    await org.admin.patch(`/api/v1/contacts/${org.mine.id}`, { companyId: org.company.id });
    expect((await org.member.get(`/api/v1/contacts/${org.mine.id}`)).body.data.company).toBeNull();
    await org.admin.patch(`/api/v1/contacts/${org.mine.id}`, { companyId: null });
  });

  test('a later page right after the setting changes carries the new total, not the one remembered from page 1', async () => {
    const o = await privateOrg();
    expect((await o.member.get('/api/v1/contacts?limit=1')).body.total).toBe(2);
    await setPermissions(o, { contacts: { read: 'own', edit: 'all' } });
    const later = await o.member.get('/api/v1/contacts?limit=1&offset=1');
    expect(later.body.total).toBe(1);
    expect(later.body.data).toEqual([]);
    expect((await o.member.get('/api/v1/contacts?limit=1')).body.total).toBe(1);
    await setPermissions(o, { contacts: { read: 'all', edit: 'all' } });
    expect((await o.member.get('/api/v1/contacts?limit=1&offset=1')).body.total).toBe(2);
  });

  test('a reference to a record you may not see is a 400 on that field, and writes nothing', async () => {
    const before = (await org.admin.get('/api/v1/contacts')).body.total;
    const r = await org.member.post('/api/v1/contacts', { firstName: 'New', companyId: org.company.id });
    expect(r.status).toBe(400);
    expect(r.body.error.details).toEqual([expect.objectContaining({ path: 'companyId' })]);
    const note = await org.member.post('/api/v1/notes', { body: 'peek', relatedType: 'contact', relatedId: org.hidden.id });
    expect(note.status).toBe(400);
    expect(note.body.error.details[0].path).toBe('relatedId');
    expect((await org.admin.get('/api/v1/contacts')).body.total).toBe(before);
  });

  test('global search and its snippets, export and the activity feed leave private records out', async () => {
    const search = await org.member.get('/api/v1/search?q=Quillon');
    expect(search.status).toBe(200);
    expect(JSON.stringify(search.body)).not.toMatch(/Quillon|Obscura/);
    expect((await org.member.get('/api/v1/search?q=Zephyrine')).body.data.map((h: { id: string }) => h.id)).toContain(org.mine.id);
    expect((await org.admin.get('/api/v1/search?q=Quillon')).body.data.map((h: { id: string }) => h.id)).toContain(org.hidden.id);

    const csv = await org.member.download('/api/v1/contacts/export?format=csv');
    expect(csv.status).toBe(200);
    expect(csv.body.toString()).toMatch(/Zephyrine/);
    expect(csv.body.toString()).not.toMatch(/Quillon|Obscura/);

    const feed = await org.member.get('/api/v1/activities?limit=100');
    expect(feed.status).toBe(200);
    const about = feed.body.data.map((a: { entityId: string }) => a.entityId);
    expect(about).toContain(org.mine.id);
    for (const id of [org.hidden.id, org.company.id, org.deal.id]) expect(about).not.toContain(id);
    expect(JSON.stringify(feed.body)).not.toMatch(/Quillon|Obscura/);
    expect((await org.admin.get('/api/v1/activities?limit=100')).body.data.map((a: { entityId: string }) => a.entityId)).toContain(org.hidden.id);
  });

  test('reports count only the deals you may see', async () => {
    const mine = await org.member.get('/api/v1/reports/pipeline');
    expect(mine.status).toBe(200);
    expect(mine.body.data.totals.openCount).toBe(1);
    expect(mine.body.data.totals.openAmount).toBe('700.00');
    expect((await org.admin.get('/api/v1/reports/pipeline')).body.data.totals.openCount).toBe(2);
  });

  test('the assistant (offline model) neither finds nor cites a private record', async () => {
    const about = await org.member.post('/api/v1/assistant/messages', { text: 'What do we know about Quillon?' });
    expect(about.status, JSON.stringify(about.body)).toBe(200);
    expect(JSON.stringify(about.body)).not.toMatch(/quillon@obscura|Obscura/);
    expect(JSON.stringify(about.body)).not.toContain(org.hidden.id);
    expect(JSON.stringify(about.body.data.toolCalls)).not.toMatch(/Obscura|quillon@/);
    const get = await org.member.post('/api/v1/assistant/messages', { text: 'show contacts' });
    expect(get.status).toBe(200);
    expect(JSON.stringify(get.body.data)).toContain(org.mine.id);
    expect(JSON.stringify(get.body.data)).not.toContain(org.hidden.id);
  });

  test('MCP (the SDK client, the member key) lists, gets and searches only what the member may see', async () => {
    // Keys are made by admins; this one's creator then becomes a member (as the MCP tests do for viewers).
    const holder = await addMember(org.orgId, 'admin', app);
    const key = (await holder.post('/api/v1/api-keys', { name: 'mcp' })).body.data.key as string;
    const me = (await org.owner.get('/api/v1/members')).body.data.find((m: { userId: string }) => m.userId === holder.userId);
    expect((await org.owner.patch(`/api/v1/members/${me.id}`, { role: 'member' })).status).toBe(200);
    const mcp = new McpClient({ name: 'meridian-test', version: '1.0.0' });
    await mcp.connect(new StreamableHTTPClientTransport(new URL(`${baseUrl}/mcp`), { requestInit: { headers: { Authorization: `Bearer ${key}` } } }));
    const text = (r: Record<string, unknown>) => (r.content as { text: string }[]).map((c) => c.text).join('');
    const list = text(await mcp.callTool({ name: 'list_contacts', arguments: {} }));
    expect(list).not.toMatch(/Quillon/);
    const got = await mcp.callTool({ name: 'get_contact', arguments: { id: org.hidden.id } });
    expect(got.isError).toBe(true);
    expect(text(got)).not.toMatch(/Quillon/);
    const found = JSON.parse(text(await mcp.callTool({ name: 'search', arguments: { query: 'Quillon' } })));
    expect(found.hits).toEqual([]);
    expect(JSON.stringify(found.hits)).not.toContain(org.hidden.id);
    await mcp.close();
  });

  test('realtime sends only changes to records you may see', async () => {
    const res = await org.member.open('/api/v1/realtime');
    expect(res.status).toBe(200);
    const s = sseReader(res);
    await s.until((ev) => ev.some((e) => e.event === 'ready'));
    await org.admin.patch(`/api/v1/contacts/${org.hidden.id}`, { title: 'Secret change' });
    await org.admin.patch(`/api/v1/contacts/${org.mine.id}`, { title: 'Visible change' });
    const changes = await s.until((ev) => {
      const c = ev.filter((e) => e.event === 'change').map((e) => JSON.parse(e.data));
      return c.some((x) => x.entityId === org.mine.id) && c;
    });
    expect(changes.map((c: { entityId: string }) => c.entityId)).not.toContain(org.hidden.id);
    await s.close();
  });

  test('reassigning the owner makes the record visible at once (get, list, search)', async () => {
    expect((await org.other.get(`/api/v1/contacts/${org.hidden.id}`)).status).toBe(404);
    expect((await org.admin.patch(`/api/v1/contacts/${org.hidden.id}`, { ownerId: org.other.userId })).status).toBe(200);
    expect((await org.other.get(`/api/v1/contacts/${org.hidden.id}`)).status).toBe(200);
    expect(ids((await org.other.get('/api/v1/contacts')).body.data)).toContain(org.hidden.id);
    expect((await org.other.get('/api/v1/search?q=Quillon')).body.data.map((h: { id: string }) => h.id)).toContain(org.hidden.id);
    await org.admin.patch(`/api/v1/contacts/${org.hidden.id}`, { ownerId: org.admin.userId });
    expect((await org.other.get(`/api/v1/contacts/${org.hidden.id}`)).status).toBe(404);
  });

  test('tasks are visible to their assignee and to the assignees of their project', async () => {
    await setPermissions(org, { tasks: { read: 'own', edit: 'all' }, projects: { read: 'own', edit: 'all' } });
    const project = (await org.admin.post('/api/v1/projects', { name: 'Launch', assigneeIds: [org.other.userId] })).body.data;
    const task = (await org.admin.post('/api/v1/tasks', { title: 'Ship it', projectId: project.id })).body.data;
    const solo = (await org.admin.post('/api/v1/tasks', { title: 'For the member', assigneeId: org.member.userId })).body.data;
    expect((await org.other.get(`/api/v1/projects/${project.id}`)).status).toBe(200);
    expect((await org.other.get(`/api/v1/tasks/${task.id}`)).status).toBe(200);
    expect((await org.other.get(`/api/v1/tasks/${solo.id}`)).status).toBe(404);
    expect((await org.member.get(`/api/v1/tasks/${solo.id}`)).status).toBe(200);
    expect((await org.member.get(`/api/v1/tasks/${task.id}`)).status).toBe(404);
    expect((await org.member.get(`/api/v1/projects/${project.id}`)).status).toBe(404);
  });
});

describe('members edit what they own', () => {
  test('edit own: a member may read every contact but change only their own (403 otherwise, nothing changes); admins change any', async () => {
    const org = await privateOrg();
    await setPermissions(org, { contacts: { read: 'all', edit: 'own' } });
    expect((await org.member.get(`/api/v1/contacts/${org.hidden.id}`)).status).toBe(200);
    const refused = await org.member.patch(`/api/v1/contacts/${org.hidden.id}`, { title: 'Hacked' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    expect((await org.member.delete(`/api/v1/contacts/${org.hidden.id}`)).status).toBe(403);
    expect((await org.admin.get(`/api/v1/contacts/${org.hidden.id}`)).body.data).toMatchObject({ title: null, deletedAt: null });
    expect((await org.member.patch(`/api/v1/contacts/${org.mine.id}`, { title: 'Mine to change' })).status).toBe(200);
    expect((await org.admin.patch(`/api/v1/contacts/${org.hidden.id}`, { title: 'Admin may' })).status).toBe(200);
    // Other types keep "all".
    expect((await org.member.patch(`/api/v1/deals/${org.deal.id}`, { name: 'Renamed by a member' })).status).toBe(200);
  });
});
