// Campaigns (issue 15.1) on the real database over HTTP: REST conventions and validation, members
// added idempotently by ids and by a contacts filter, another organization's contacts refused,
// the members page and its cursor, metrics with hand-computed numbers (zero and missing cost
// included), deals' campaignId checked within the organization, viewers read but never write, and
// the catalogue's derived doors: search, the MCP tools, export, import and the timeline.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Client as McpClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testApp, type TestApp } from '../../../test/app';
import { orgWithRoles, ownerWithOrg } from '../../../test/factories';
import { campaignMath } from './campaigns.service';

let app: TestApp;
let org: Awaited<ReturnType<typeof orgWithRoles>>;
beforeAll(async () => {
  app = await testApp();
  org = await orgWithRoles(app);
});
afterAll(() => app?.close());

async function campaign(body: Record<string, unknown> = {}) {
  const res = await org.member.post('/api/v1/campaigns', { name: `Campaign ${randomUUID().slice(0, 6)}`, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data as { id: string; name: string; version: number };
}
async function contact(body: Record<string, unknown> = {}) {
  const res = await org.member.post('/api/v1/contacts', { firstName: 'Pat', lastName: randomUUID().slice(0, 6), ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data.id as string;
}
const paths = (res: { body: { error: { details?: { path: string }[] } } }) => (res.body.error.details ?? []).map((d) => d.path);

describe('campaigns', () => {
  test('CRUD with the REST conventions; amounts as people type them; bad input is a 400 naming the field and changes nothing', async () => {
    const created = await org.member.post('/api/v1/campaigns', { name: 'Spring webinar', type: 'webinar', startDate: '2027-03-01', endDate: '2027-03-31', budget: '5k', actualCost: '1,250.50', goals: '200 sign-ups', tags: ['webinar'] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const c = created.body.data;
    expect(c).toMatchObject({ name: 'Spring webinar', type: 'webinar', status: 'planning', budget: '5000.00', actualCost: '1250.50', currency: 'USD', goals: '200 sign-ups', tags: ['webinar'], memberCount: 0, version: 1 });
    expect(created.headers.get('etag')).toBe('"1"');

    for (const [body, path] of [
      [{ name: '' }, 'name'],
      [{ name: 'x', type: 'billboard' }, 'type'],
      [{ name: 'x', status: 'done' }, 'status'],
      [{ name: 'x', budget: 'lots' }, 'budget'],
      [{ name: 'x', startDate: '2027-05-01', endDate: '2027-04-01' }, 'endDate'],
      [{ name: 'x', ownerId: 'not-a-member' }, 'ownerId'],
      [{ name: 'x', nope: 1 }, ''],
    ] as const) {
      const res = await org.member.post('/api/v1/campaigns', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      if (path) expect(paths(res), JSON.stringify(res.body)).toContain(path);
    }
    // A PATCH that would put the end before the start is refused too.
    const badPatch = await org.member.patch(`/api/v1/campaigns/${c.id}`, { endDate: '2027-02-01' });
    expect(badPatch.status).toBe(400);
    expect(paths(badPatch)).toContain('endDate');

    const patched = await org.member.patch(`/api/v1/campaigns/${c.id}`, { status: 'active', actualCost: '2000' }, { 'If-Match': '"1"' });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.data).toMatchObject({ status: 'active', actualCost: '2000.00', version: 2 });
    expect((await org.member.patch(`/api/v1/campaigns/${c.id}`, { status: 'paused' }, { 'If-Match': '"1"' })).status).toBe(412);

    const list = await org.viewer.get(`/api/v1/campaigns?filter=${encodeURIComponent(JSON.stringify({ status: 'active', type: 'webinar' }))}&q=spring`);
    expect(list.body.data.map((x: { id: string }) => x.id)).toContain(c.id);
    expect((await org.viewer.get('/api/v1/campaigns?view=active')).body.data.map((x: { id: string }) => x.id)).toContain(c.id);

    expect((await org.member.delete(`/api/v1/campaigns/${c.id}`)).status).toBe(204);
    expect((await org.member.get(`/api/v1/campaigns/${c.id}`)).status).toBe(404);
    expect((await org.member.post(`/api/v1/campaigns/${c.id}/restore`)).status).toBe(200);
    const timeline = (await org.member.get(`/api/v1/campaigns/${c.id}/activities`)).body.data.map((a: { action: string }) => a.action);
    expect(timeline).toEqual(['restored', 'deleted', 'updated', 'created']);
  });

  test('members: by ids and by filter, idempotent; removal; the cursor pages through them all once', async () => {
    const c = await campaign();
    const [a, b, d] = [await contact({ tags: ['vip'] }), await contact({ tags: ['vip'] }), await contact()];

    const first = await org.member.post(`/api/v1/campaigns/${c.id}/members`, { contactIds: [a, b, a] });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.data).toEqual({ added: 2, alreadyMembers: 0, total: 2 });
    const again = await org.member.post(`/api/v1/campaigns/${c.id}/members`, { contactIds: [a, b] });
    expect(again.body.data).toEqual({ added: 0, alreadyMembers: 2, total: 2 });

    // The contacts list's filter: vip contacts (a, b already in) and d by its id.
    const byFilter = await org.member.post(`/api/v1/campaigns/${c.id}/members`, { filter: { tags: { contains: 'vip' } } });
    expect(byFilter.body.data.added).toBe(0);
    expect(byFilter.body.data.alreadyMembers).toBeGreaterThanOrEqual(2);
    const dFilter = await org.member.post(`/api/v1/campaigns/${c.id}/members`, { filter: { id: d } });
    expect(dFilter.body.data).toEqual({ added: 1, alreadyMembers: 0, total: 3 });
    expect((await org.member.post(`/api/v1/campaigns/${c.id}/members`, { filter: { id: d } })).body.data).toEqual({ added: 0, alreadyMembers: 1, total: 3 });

    // Bad bodies: neither or both, a bad filter field, a non-UUID id.
    for (const [body, path] of [
      [{}, 'contactIds'],
      [{ contactIds: [a], filter: { id: a } }, 'contactIds'],
      [{ filter: { shoeSize: 42 } }, 'filter.shoeSize'],
      [{ contactIds: ['nope'] }, 'contactIds.0'],
    ] as const) {
      const res = await org.member.post(`/api/v1/campaigns/${c.id}/members`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(paths(res), JSON.stringify(res.body)).toContain(path);
    }

    const page1 = await org.viewer.get(`/api/v1/campaigns/${c.id}/members?limit=2`);
    expect(page1.status).toBe(200);
    expect(page1.body.total).toBe(3);
    expect(page1.body.data).toHaveLength(2);
    expect(page1.body.data[0]).toMatchObject({ status: null, sentAt: null, openedAt: null, contact: { id: expect.any(String), fullName: expect.stringContaining('Pat'), emailOptOut: false }, addedAt: expect.any(String) });
    const page2 = await org.viewer.get(`/api/v1/campaigns/${c.id}/members?limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.nextCursor).toBeNull();
    const all = [...page1.body.data, ...page2.body.data].map((m: { contactId: string }) => m.contactId);
    expect(new Set(all)).toEqual(new Set([a, b, d]));
    expect(all).toHaveLength(3);
    expect((await org.viewer.get(`/api/v1/campaigns/${c.id}/members?cursor=garbage`)).status).toBe(400);
    expect((await org.viewer.get(`/api/v1/campaigns/${c.id}`)).body.data.memberCount).toBe(3);

    expect((await org.member.delete(`/api/v1/campaigns/${c.id}/members/${b}`)).status).toBe(204);
    expect((await org.member.delete(`/api/v1/campaigns/${c.id}/members/${b}`)).status).toBe(404);
    expect((await org.viewer.get(`/api/v1/campaigns/${c.id}/members`)).body.total).toBe(2);

    // The campaign's timeline says who was added and removed.
    const timeline = (await org.member.get(`/api/v1/campaigns/${c.id}/activities`)).body.data as { action: string; after: { count?: number } | null }[];
    expect(timeline.map((x) => x.action)).toEqual(['member_removed', 'members_added', 'members_added', 'created']);
    expect(timeline[2].after?.count).toBe(2);
  });

  test("tenant isolation: another organization's contacts are refused and change nothing; its campaigns are 404", async () => {
    const c = await campaign();
    const mine = await contact();
    const { owner: other } = await ownerWithOrg(app);
    const foreign = (await other.post('/api/v1/contacts', { firstName: 'Foreign', tags: ['vip'] })).body.data.id as string;
    const res = await org.member.post(`/api/v1/campaigns/${c.id}/members`, { contactIds: [mine, foreign] });
    expect(res.status).toBe(400);
    expect(paths(res)).toContain('contactIds');
    expect(JSON.stringify(res.body)).toContain(foreign);
    expect((await org.member.get(`/api/v1/campaigns/${c.id}/members`)).body.total).toBe(0);
    // A filter only ever sees the caller's own organization.
    await org.member.post(`/api/v1/campaigns/${c.id}/members`, { filter: { tags: { contains: 'vip' } } });
    const ids = (await org.member.get(`/api/v1/campaigns/${c.id}/members?limit=200`)).body.data.map((m: { contactId: string }) => m.contactId);
    expect(ids).not.toContain(foreign);

    const theirs = (await other.post('/api/v1/campaigns', { name: 'Theirs' })).body.data.id as string;
    expect((await org.owner.get(`/api/v1/campaigns/${theirs}/members`)).status).toBe(404);
    expect((await org.owner.get(`/api/v1/campaigns/${theirs}/metrics`)).status).toBe(404);
    expect((await org.owner.post(`/api/v1/campaigns/${theirs}/members`, { contactIds: [mine] })).status).toBe(404);
    expect((await other.post(`/api/v1/campaigns/${theirs}/members`, { contactIds: [mine] })).status).toBe(400);
  });

  test('deals carry campaignId: checked within the organization, filterable, named in responses', async () => {
    const c = await campaign();
    const deal = await org.member.post('/api/v1/deals', { name: 'From the webinar', amount: '1000', campaignId: c.id });
    expect(deal.status, JSON.stringify(deal.body)).toBe(201);
    expect(deal.body.data).toMatchObject({ campaignId: c.id, campaign: { id: c.id, name: c.name } });

    const { owner: other } = await ownerWithOrg(app);
    const theirs = (await other.post('/api/v1/campaigns', { name: 'Theirs' })).body.data.id as string;
    for (const id of [theirs, randomUUID()]) {
      const res = await org.member.post('/api/v1/deals', { name: 'Sneaky', campaignId: id });
      expect(res.status).toBe(400);
      expect(paths(res)).toContain('campaignId');
      const patch = await org.member.patch(`/api/v1/deals/${deal.body.data.id}`, { campaignId: id });
      expect(patch.status).toBe(400);
    }
    expect((await org.member.post('/api/v1/deals', { name: 'Bad id', campaignId: 'nope' })).status).toBe(400);
    const filtered = await org.member.get(`/api/v1/deals?filter=${encodeURIComponent(JSON.stringify({ campaignId: c.id }))}`);
    expect(filtered.body.data.map((d: { id: string }) => d.id)).toEqual([deal.body.data.id]);
    expect((await org.member.patch(`/api/v1/deals/${deal.body.data.id}`, { campaignId: null })).body.data.campaignId).toBeNull();
  });

  test('metrics: counts and rates, attributed deals, won amount, cost per conversion and ROI — null where undefined', async () => {
    const pipeline = (await org.member.get('/api/v1/pipelines')).body.data[0] as { stages: { id: string; kind: string }[] };
    const won = pipeline.stages.find((s) => s.kind === 'won')!.id;
    const lost = pipeline.stages.find((s) => s.kind === 'lost')!.id;

    // No members, no deals, no cost: nothing divides by zero.
    const empty = await campaign();
    const e = (await org.viewer.get(`/api/v1/campaigns/${empty.id}/metrics`)).body.data;
    expect(e).toMatchObject({ members: 0, wonAmount: '0.00', actualCost: null, costPerConversion: null, roi: null, deals: { attributed: 0, open: 0, won: 0, lost: 0 } });
    expect(e.byStatus.opened).toEqual({ count: 0, rate: null });

    const c = await campaign({ actualCost: '1500' });
    const people = await Promise.all([1, 2, 3, 4].map(() => contact()));
    await org.member.post(`/api/v1/campaigns/${c.id}/members`, { contactIds: people });
    // Engagement comes from sending (item 2); here it is set on the table the sender writes.
    await app.database.query(`update campaign_members set status = 'opened', sent_at = now(), delivered_at = now(), opened_at = now() where campaign_id = $1 and contact_id = any($2::uuid[])`, [c.id, [people[0], people[1]]]);
    await app.database.query(`update campaign_members set status = 'clicked', sent_at = now(), delivered_at = now(), opened_at = now(), clicked_at = now() where campaign_id = $1 and contact_id = $2`, [c.id, people[2]]);
    const deal = (body: Record<string, unknown>) => org.member.post('/api/v1/deals', { name: `Deal ${randomUUID().slice(0, 4)}`, campaignId: c.id, ...body });
    await deal({ amount: '2000', stageId: won });
    await deal({ amount: '2500.50', stageId: won });
    await deal({ amount: '9999', stageId: lost, lostReason: 'budget' });
    await deal({ amount: '100' });

    const m = (await org.viewer.get(`/api/v1/campaigns/${c.id}/metrics`)).body.data;
    expect(m.members).toBe(4);
    expect(m.byStatus.opened).toEqual({ count: 2, rate: 0.5 });
    expect(m.byStatus.clicked).toEqual({ count: 1, rate: 0.25 });
    expect(m.byStatus.sent).toEqual({ count: 0, rate: 0 });
    expect(m.reached.opened).toEqual({ count: 3, rate: 0.75 });
    expect(m.reached.sent).toEqual({ count: 3, rate: 0.75 });
    expect(m.deals).toEqual({ attributed: 4, open: 1, won: 2, lost: 1 });
    expect(m.wonAmount).toBe('4500.50');
    expect(m.actualCost).toBe('1500.00');
    expect(m.costPerConversion).toBe('750.00'); // 1500 / 2
    expect(m.roi).toBe(2.0003); // (4500.50 − 1500) / 1500 = 2.000333…

    // Zero cost: cost per conversion is 0, ROI is undefined (no division by zero).
    await org.member.patch(`/api/v1/campaigns/${c.id}`, { actualCost: '0' });
    const z = (await org.viewer.get(`/api/v1/campaigns/${c.id}/metrics`)).body.data;
    expect(z).toMatchObject({ actualCost: '0.00', costPerConversion: '0.00', roi: null });
    // A deleted deal no longer counts.
    const gone = (await deal({ amount: '500', stageId: won })).body.data.id;
    await org.member.delete(`/api/v1/deals/${gone}`);
    expect((await org.viewer.get(`/api/v1/campaigns/${c.id}/metrics`)).body.data.deals.won).toBe(2);
  });

  test('the metrics math: exact decimals, rounding, losses', () => {
    expect(campaignMath(null, '100.00', 1)).toEqual({ costPerConversion: null, roi: null });
    expect(campaignMath('100.00', '0.00', 0)).toEqual({ costPerConversion: null, roi: -1 });
    expect(campaignMath('100.00', '50.00', 3)).toEqual({ costPerConversion: '33.33', roi: -0.5 });
    expect(campaignMath('0.10', '0.30', 3)).toEqual({ costPerConversion: '0.03', roi: 2 });
    expect(campaignMath('1000.00', '1000.00', 2)).toEqual({ costPerConversion: '500.00', roi: 0 });
  });

  test('viewers read campaigns, members and metrics but never write', async () => {
    const c = await campaign();
    const p = await contact();
    expect((await org.viewer.get(`/api/v1/campaigns/${c.id}`)).status).toBe(200);
    expect((await org.viewer.get(`/api/v1/campaigns/${c.id}/members`)).status).toBe(200);
    expect((await org.viewer.get(`/api/v1/campaigns/${c.id}/metrics`)).status).toBe(200);
    expect((await org.viewer.post('/api/v1/campaigns', { name: 'Viewer' })).status).toBe(403);
    expect((await org.viewer.patch(`/api/v1/campaigns/${c.id}`, { name: 'Viewer' })).status).toBe(403);
    expect((await org.viewer.post(`/api/v1/campaigns/${c.id}/members`, { contactIds: [p] })).status).toBe(403);
    expect((await org.viewer.delete(`/api/v1/campaigns/${c.id}/members/${p}`)).status).toBe(403);
    expect((await org.viewer.delete(`/api/v1/campaigns/${c.id}`)).status).toBe(403);
    expect((await org.member.get(`/api/v1/campaigns/${c.id}/members`)).body.total).toBe(0);
  });

  test('derived from the catalogue: search, the assistant and MCP tools, export with names, CSV import', async () => {
    const c = await campaign({ name: 'Zephyr launch week', goals: 'press coverage' });
    const hits = (await org.member.get('/api/v1/search?q=zephyr')).body.data as { type: string; id: string }[];
    expect(hits.some((h) => h.type === 'campaign' && h.id === c.id), JSON.stringify(hits)).toBe(true);

    await org.member.post('/api/v1/deals', { name: 'Zephyr deal', campaignId: c.id });
    const csv = (await org.viewer.download(`/api/v1/deals/export?format=csv&filter=${encodeURIComponent(JSON.stringify({ campaignId: c.id }))}`)).body.toString('utf8');
    expect(csv.split(/\r?\n/)[0]).toContain('campaignName');
    expect(csv).toContain('Zephyr launch week');
    expect((await org.viewer.download('/api/v1/campaigns/export?format=csv')).body.toString('utf8')).toContain('Zephyr launch week');

    const up = await org.member.post('/api/v1/imports', { resource: 'campaigns', filename: 'c.csv', content: 'Campaign Name,Type,Status,Budget,Start Date\nImported expo,event,active,"2,500",2027-06-01\n' });
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body.data.mapping).toMatchObject({ 'Campaign Name': 'name', Type: 'type', Status: 'status', Budget: 'budget', 'Start Date': 'startDate' });
    expect((await org.member.post(`/api/v1/imports/${up.body.data.id}/run`, { mapping: up.body.data.mapping })).status).toBeLessThan(300);
    let imported: { type: string; status: string; budget: string; startDate: string } | undefined;
    for (let i = 0; i < 100 && !imported; i++) {
      imported = (await org.member.get('/api/v1/campaigns?q=imported%20expo')).body.data[0];
      if (!imported) await new Promise((r) => setTimeout(r, 50));
    }
    expect(imported).toMatchObject({ type: 'event', status: 'active', budget: '2500.00', startDate: '2027-06-01' });

    // The in-app assistant (offline model) makes one through the same tool.
    const said = await org.member.post('/api/v1/assistant/messages', { text: 'new campaign Autumn expo' });
    expect(said.status, JSON.stringify(said.body)).toBe(200);
    const call = said.body.data.toolCalls.find((t: { name: string }) => t.name === 'create_campaign');
    expect(call, JSON.stringify(said.body.data)).toMatchObject({ status: 'ok', output: { name: 'Autumn expo', status: 'planning' } });

    const server = serve({ fetch: app.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    try {
      const key = (await org.admin.post('/api/v1/api-keys', { name: 'campaigns' })).body.data.key as string;
      const mcp = new McpClient({ name: 'campaigns-test', version: '1.0.0' });
      await mcp.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`), { requestInit: { headers: { Authorization: `Bearer ${key}` } } }));
      const made = await mcp.callTool({ name: 'create_campaign', arguments: { name: 'Made over MCP', type: 'social' } });
      expect(made.isError, JSON.stringify(made.content)).toBeFalsy();
      const listed = await mcp.callTool({ name: 'list_campaigns', arguments: { q: 'Made over MCP' } });
      expect(JSON.stringify(listed.content)).toContain('Made over MCP');
      await mcp.close();
    } finally {
      server.close();
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    }
  });
});
