// Saved views (Issue 15.3) over HTTP on the real database: REST conventions, filter and sort checked
// against the list they are of (custom fields too), private views seen only by their creator,
// shared ones changed only by their creator or an admin, ?viewId= applying one, and the tools.
import { beforeAll, describe, expect, test } from 'vitest';
import { testApp, type TestApp } from '../../../test/app';
import { orgWithRoles, ownerWithOrg } from '../../../test/factories';
import { findTool } from '../../assistant/tools';

let app: TestApp;
let org: Awaited<ReturnType<typeof orgWithRoles>>;
beforeAll(async () => {
  app = await testApp();
  org = await orgWithRoles(app);
});

const view = (over: Record<string, unknown> = {}) => ({ name: 'Customers', resource: 'contacts', filter: { status: 'customer' }, sort: '-createdAt', columns: ['name', 'email'], ...over });

describe('saved views', () => {
  test('REST conventions: create with defaults, list, get with ETag, rename with If-Match, delete and restore', { timeout: 60_000 }, async () => {
    const made = await org.member.post('/api/v1/views', view());
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.headers.get('etag')).toBe('"1"');
    expect(made.body.data).toMatchObject({ name: 'Customers', resource: 'contacts', layout: 'table', visibility: 'private', q: null, columns: ['name', 'email'], createdBy: org.member.userId });
    const id = made.body.data.id;
    const list = await org.member.get('/api/v1/views?filter=' + encodeURIComponent(JSON.stringify({ resource: 'contacts' })));
    expect(list.body.data.map((v: { id: string }) => v.id)).toContain(id);
    expect((await org.member.patch(`/api/v1/views/${id}`, { name: 'Renamed' }, { 'if-match': '"1"' })).body.data).toMatchObject({ name: 'Renamed', version: 2 });
    expect((await org.member.patch(`/api/v1/views/${id}`, { name: 'Stale' }, { 'if-match': '"1"' })).status).toBe(412);
    expect((await org.member.delete(`/api/v1/views/${id}`)).status).toBe(204);
    expect((await org.member.get(`/api/v1/views/${id}`)).status).toBe(404);
    expect((await org.member.post(`/api/v1/views/${id}/restore`)).status).toBe(200);
    const timeline = (await org.member.get(`/api/v1/views/${id}/activities`)).body.data.map((a: { action: string }) => a.action);
    expect(timeline).toEqual(['restored', 'deleted', 'updated', 'created']);
  });

  test('bad input is a 400 naming the field, and saves nothing', { timeout: 60_000 }, async () => {
    const before = (await org.member.get('/api/v1/views')).body.total;
    const bad = async (body: Record<string, unknown>, path: string) => {
      const res = await org.member.post('/api/v1/views', body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
      return res;
    };
    const unknownField = await bad(view({ filter: { shoeSize: 42 } }), 'filter.shoeSize');
    expect(unknownField.body.error.message).toMatch(/not a filterable field; use one of: .*status/);
    await bad(view({ filter: { status: { near: 'x' } } }), 'filter.status.near');
    await bad(view({ filter: { status: 'ghost' } }), 'filter.status');
    await bad(view({ sort: 'shoeSize' }), 'sort');
    await bad(view({ resource: 'spaceships' }), 'resource');
    await bad(view({ layout: 'carousel' }), 'layout');
    await bad(view({ visibility: 'public' }), 'visibility');
    await bad(view({ name: '' }), 'name');
    // Deal fields are not contact fields: the filter is checked against the view's own resource.
    await bad(view({ resource: 'deals', filter: { status: 'customer' } }), 'filter.status');
    expect((await org.member.get('/api/v1/views')).body.total).toBe(before);
    // A change of resource re-checks the filter kept from before.
    const ok = (await org.member.post('/api/v1/views', view())).body.data;
    const moved = await org.member.patch(`/api/v1/views/${ok.id}`, { resource: 'companies', filter: { status: 'active' } });
    expect(moved.status, JSON.stringify(moved.body)).toBe(400);
    expect((await org.member.patch(`/api/v1/views/${ok.id}`, { resource: 'leads' })).status).toBe(400);
    // Custom fields of the resource are filterable fields too.
    expect((await org.admin.post('/api/v1/custom-fields', { entity: 'contact', label: 'Region', type: 'text' })).status).toBe(201);
    const custom = await org.member.post('/api/v1/views', view({ filter: { 'customFields.region': 'EMEA' } }));
    expect(custom.status, JSON.stringify(custom.body)).toBe(201);
    await bad(view({ filter: { 'customFields.nope': 'x' } }), 'filter.customFields.nope');
  });

  test('private views are their creator\'s alone; shared ones are seen by all and changed by the creator or an admin', { timeout: 60_000 }, async () => {
    const mine = (await org.member.post('/api/v1/views', view({ name: 'Member private' }))).body.data;
    const shared = (await org.member.post('/api/v1/views', view({ name: 'Member shared', visibility: 'shared' }))).body.data;
    for (const other of [org.admin, org.owner, org.viewer]) {
      expect((await other.get(`/api/v1/views/${mine.id}`)).status).toBe(404);
      // A viewer's write stops at the role gate (403) before any lookup.
      expect((await other.patch(`/api/v1/views/${mine.id}`, { name: 'x' })).status).toBe(other === org.viewer ? 403 : 404);
      const names = (await other.get('/api/v1/views?limit=200')).body.data.map((v: { name: string }) => v.name);
      expect(names).not.toContain('Member private');
      expect(names).toContain('Member shared');
      expect((await other.get(`/api/v1/contacts?viewId=${mine.id}`)).status).toBe(400);
    }
    const colleague = await (await import('../../../test/factories')).addMember(org.orgId, 'member', app);
    const refused = await colleague.patch(`/api/v1/views/${shared.id}`, { name: 'Hijacked' });
    expect(refused.status).toBe(403);
    expect((await colleague.delete(`/api/v1/views/${shared.id}`)).status).toBe(403);
    expect((await org.viewer.post('/api/v1/views', view())).status).toBe(403);
    expect((await org.admin.patch(`/api/v1/views/${shared.id}`, { name: 'Renamed by admin' })).status).toBe(200);
    expect((await org.member.patch(`/api/v1/views/${shared.id}`, { name: 'Renamed by creator' })).status).toBe(200);
    // The activity feed says nothing about a private view either (admins included); its creator sees it.
    const feed = async (who: typeof org.admin) => (await who.get('/api/v1/activities?entityType=view&limit=200')).body.data.map((a: { entityId: string }) => a.entityId);
    expect(await feed(org.admin)).not.toContain(mine.id);
    expect(await feed(org.admin)).toContain(shared.id);
    expect(await feed(org.member)).toContain(mine.id);
        // Another organization sees neither.
    const { owner: stranger } = await ownerWithOrg(app);
    expect((await stranger.get(`/api/v1/views/${shared.id}`)).status).toBe(404);
    expect((await stranger.get(`/api/v1/contacts?viewId=${shared.id}`)).status).toBe(400);
  });

  test('?viewId= applies the view (filter, search, sort); the query\'s own filter fields win; the tools list and apply views', { timeout: 60_000 }, async () => {
    const tag = `v${Date.now()}`;
    for (const [firstName, status] of [['Zed', 'customer'], ['Abe', 'customer'], ['Lea', 'lead']] as const) {
      expect((await org.member.post('/api/v1/contacts', { firstName, lastName: tag, status })).status).toBe(201);
    }
    const v = (await org.member.post('/api/v1/views', view({ name: `Customers ${tag}`, q: tag, sort: 'name', visibility: 'shared' }))).body.data;
    const applied = await org.viewer.get(`/api/v1/contacts?viewId=${v.id}`);
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body.data.map((c: { firstName: string }) => c.firstName)).toEqual(['Abe', 'Zed']);
    const overridden = await org.viewer.get(`/api/v1/contacts?viewId=${v.id}&sort=-name&filter=${encodeURIComponent(JSON.stringify({ status: 'lead' }))}`);
    expect(overridden.body.data.map((c: { firstName: string }) => c.firstName)).toEqual(['Lea']);
    expect((await org.viewer.get(`/api/v1/deals?viewId=${v.id}`)).status).toBe(400);

    const ctx = { db: app.database.db, orgId: org.orgId, role: 'viewer' as const, actor: { type: 'assistant' as const, userId: org.viewer.userId } };
    const listed = (await findTool('list_views')!.execute(ctx, { q: tag })) as { views: { id: string }[] };
    expect(listed.views.map((x) => x.id)).toEqual([v.id]);
    const found = (await findTool('find_records')!.execute(ctx, { viewId: v.id })) as { view: { name: string }; total: number; records: { firstName: string }[] };
    expect(found).toMatchObject({ view: { name: `Customers ${tag}` }, total: 2 });
    expect(found.records.map((r) => r.firstName)).toEqual(['Abe', 'Zed']);
  });
});
