import { beforeAll, describe, expect, test } from 'vitest';
import { orgWithRoles } from '../../../test/factories';

let org: Awaited<ReturnType<typeof orgWithRoles>>;
const field = (body: Record<string, unknown>) => org.admin.post('/api/v1/custom-fields', body);
beforeAll(async () => {
  org = await orgWithRoles();
  for (const f of [
    { entity: 'contact', label: 'Shoe size', type: 'number' },
    { entity: 'contact', label: 'Tier', type: 'select', options: ['Gold', 'Silver'] },
    { entity: 'contact', label: 'Languages', type: 'multi_select', options: ['en', 'de', 'fr'] },
    { entity: 'contact', label: 'Birthday', type: 'date' },
    { entity: 'contact', label: 'Lifetime value', type: 'currency' },
    { entity: 'company', label: 'Region', type: 'text', required: true },
  ]) expect((await field(f)).status).toBe(201);
});

describe('custom fields', () => {
  test('admins define them; keys come from labels; members cannot', async () => {
    const list = (await org.viewer.get('/api/v1/custom-fields?entity=contact')).body.data;
    expect(list.map((f: { key: string }) => f.key)).toEqual(['shoe_size', 'tier', 'languages', 'birthday', 'lifetime_value']);
    expect((await org.member.post('/api/v1/custom-fields', { entity: 'contact', label: 'X', type: 'text' })).status).toBe(403);
    expect((await field({ entity: 'contact', label: 'Tier', type: 'text' })).status).toBe(409);
    expect((await field({ entity: 'contact', label: 'Mood', type: 'select' })).body.error.details[0].path).toBe('options');
  });

  test('values are validated on write, returned under customFields, patched key by key', async () => {
    const bad = await org.member.post('/api/v1/contacts', { firstName: 'Bad', customFields: { tier: 'Platinum', shoe_size: 'big', nope: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['customFields.nope', 'customFields.shoe_size', 'customFields.tier']);
    const c = await org.member.post('/api/v1/contacts', { firstName: 'Cinderella', customFields: { shoe_size: 36, tier: 'Gold', languages: ['en', 'fr', 'en'], birthday: '1990-05-17', lifetime_value: 1234.5 } });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    expect(c.body.data.customFields).toEqual({ shoe_size: 36, tier: 'Gold', languages: ['en', 'fr'], birthday: '1990-05-17', lifetime_value: '1234.50' });
    const patched = await org.member.patch(`/api/v1/contacts/${c.body.data.id}`, { customFields: { tier: 'Silver', birthday: null } });
    expect(patched.body.data.customFields).toEqual({ shoe_size: 36, tier: 'Silver', languages: ['en', 'fr'], lifetime_value: '1234.50' });
    // Required fields: a company needs its region.
    const noRegion = await org.member.post('/api/v1/companies', { name: 'Nowhere Inc' });
    expect(noRegion.body.error.details).toEqual([{ path: 'customFields.region', message: 'Region is required' }]);
    expect((await org.member.post('/api/v1/companies', { name: 'Somewhere Inc', customFields: { region: 'EMEA' } })).status).toBe(201);
  });

  test('lists filter and sort by custom fields', async () => {
    const o = org.member;
    for (const [n, size, tier, langs] of [['Small', 35, 'Silver', ['de']], ['Medium', 40, 'Gold', ['en', 'de']], ['Large', 46, 'Gold', ['fr']]] as const) {
      await o.post('/api/v1/contacts', { firstName: n, lastName: 'Feet', customFields: { shoe_size: size, tier, languages: langs } });
    }
    const names = async (qs: string) => (await o.get(`/api/v1/contacts?q=Feet&${qs}`)).body.data.map((c: { firstName: string }) => c.firstName);
    const f = (x: unknown) => `filter=${encodeURIComponent(JSON.stringify(x))}`;
    expect(await names('sort=-customFields.shoe_size')).toEqual(['Large', 'Medium', 'Small']);
    expect(await names(f({ 'customFields.shoe_size': { gte: 40 } }) + '&sort=customFields.shoe_size')).toEqual(['Medium', 'Large']);
    expect(await names(f({ 'customFields.tier': 'Gold' }) + '&sort=name')).toEqual(['Large', 'Medium']);
    expect(await names(f({ 'customFields.languages': 'de' }) + '&sort=name')).toEqual(['Medium', 'Small']);
    expect((await o.get(`/api/v1/contacts?${f({ 'customFields.tier': 'Bronze' })}`)).status).toBe(400);
    expect((await o.get(`/api/v1/contacts?${f({ 'customFields.nothing': 1 })}`)).status).toBe(400);
    // Cursor paging over a custom field sort.
    const first = await o.get('/api/v1/contacts?q=Feet&sort=customFields.shoe_size&limit=2');
    const next = await o.get(`/api/v1/contacts?q=Feet&sort=customFields.shoe_size&limit=2&cursor=${first.body.nextCursor}`);
    expect(next.body.data.map((c: { firstName: string }) => c.firstName)).toEqual(['Large']);
  });

  test('renaming keeps the data; archiving hides the field but keeps its values', async () => {
    const fields = (await org.admin.get('/api/v1/custom-fields?entity=contact')).body.data;
    const tier = fields.find((x: { key: string }) => x.key === 'tier');
    const c = (await org.member.post('/api/v1/contacts', { firstName: 'Kept', customFields: { tier: 'Gold' } })).body.data;
    expect((await org.admin.patch(`/api/v1/custom-fields/${tier.id}`, { label: 'Customer tier' })).body.data).toMatchObject({ key: 'tier', label: 'Customer tier' });
    expect((await org.member.get(`/api/v1/contacts/${c.id}`)).body.data.customFields.tier).toBe('Gold');
    expect((await org.admin.delete(`/api/v1/custom-fields/${tier.id}`)).status).toBe(204);
    expect((await org.admin.get('/api/v1/custom-fields?entity=contact')).body.data.map((x: { key: string }) => x.key)).not.toContain('tier');
    expect((await org.admin.get('/api/v1/custom-fields?entity=contact&includeArchived=true')).body.data.find((x: { key: string }) => x.key === 'tier').archivedAt).toEqual(expect.any(String));
    expect((await org.member.get(`/api/v1/contacts/${c.id}`)).body.data.customFields.tier).toBe('Gold');
    expect((await org.member.patch(`/api/v1/contacts/${c.id}`, { customFields: { tier: 'Silver' } })).status).toBe(400);
  });
});

describe('tags', () => {
  test('created on first use, counted, renamed and deleted across records', async () => {
    const { member, admin } = org;
    const c = (await member.post('/api/v1/contacts', { firstName: 'Tagged', tags: ['Partner'] })).body.data;
    const lead = (await member.post('/api/v1/leads', { firstName: 'Lead', tags: ['partner'] })).body.data;
    const project = (await member.post('/api/v1/projects', { name: 'Tagged project', tags: ['Partner'] })).body.data;
    const list = (await member.get('/api/v1/tags')).body.data;
    const partner = list.find((t: { name: string }) => t.name.toLowerCase() === 'partner');
    expect(partner).toMatchObject({ name: 'Partner', color: '#6366f1' });
    expect(list.filter((t: { name: string }) => t.name.toLowerCase() === 'partner')).toHaveLength(1);
    expect(partner.count).toBe(3);
    expect((await member.get(`/api/v1/leads/${lead.id}`)).body.data.tags).toEqual(['Partner']); // spelt as the tag is
    expect((await member.post('/api/v1/tags', { name: 'PARTNER' })).status).toBe(409);

    const renamed = await member.patch(`/api/v1/tags/${partner.id}`, { name: 'Alliance', color: '#10b981' });
    expect(renamed.body.data).toMatchObject({ name: 'Alliance', color: '#10b981' });
    expect((await member.get(`/api/v1/contacts/${c.id}`)).body.data.tags).toEqual(['Alliance']);
    expect((await member.get(`/api/v1/projects/${project.id}`)).body.data.tags).toEqual(['Alliance']);
    // Each retagged record has the change on its own timeline.
    const [retagged] = (await member.get(`/api/v1/contacts/${c.id}/activities`)).body.data;
    expect(retagged).toMatchObject({ action: 'updated', before: { tags: ['Partner'] }, after: { tags: ['Alliance'] } });
    for (const resource of ['contacts', 'leads', 'projects']) {
      expect((await member.get(`/api/v1/${resource}?filter=${encodeURIComponent(JSON.stringify({ tags: 'Alliance' }))}`)).body.total, resource).toBe(1);
    }

    expect((await member.delete(`/api/v1/tags/${partner.id}`)).status).toBe(403);
    expect((await admin.delete(`/api/v1/tags/${partner.id}`)).status).toBe(204);
    expect((await member.get(`/api/v1/contacts/${c.id}`)).body.data.tags).toEqual([]);
    expect((await member.get(`/api/v1/leads/${lead.id}`)).body.data.tags).toEqual([]);
  });
});

describe('custom fields in and out of files', () => {
  test('import maps a column to a custom field by its label; export writes one column per field', async () => {
    const o = await orgWithRoles();
    await o.admin.post('/api/v1/custom-fields', { entity: 'contact', label: 'Shoe size', type: 'number' });
    await o.admin.post('/api/v1/custom-fields', { entity: 'contact', label: 'Newsletter', type: 'boolean' });
    const csv = 'First Name,Email,Shoe Size,Newsletter\nAda,ada@x.test,37,yes\nBob,bob@x.test,huge,no\n';
    const up = (await o.member.post('/api/v1/imports', { resource: 'contacts', content: csv })).body.data;
    expect(up.mapping).toMatchObject({ 'Shoe Size': 'customFields.shoe_size', Newsletter: 'customFields.newsletter' });
    expect(up.fields.map((f: { field: string }) => f.field)).toContain('customFields.shoe_size');
    await o.member.post(`/api/v1/imports/${up.id}/run`, { mapping: up.mapping });
    let done;
    for (let i = 0; i < 100; i++) {
      done = (await o.member.get(`/api/v1/imports/${up.id}`)).body.data;
      if (done.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(done).toMatchObject({ status: 'completed', created: 1, rejected: 1 });
    const ada = (await o.member.get('/api/v1/contacts?q=ada@x.test')).body.data[0];
    expect(ada.customFields).toEqual({ shoe_size: 37, newsletter: true });

    const file = await o.viewer.download('/api/v1/contacts/export?format=csv');
    const [header, first] = file.body.toString('utf8').replace(/^\ufeff/, '').split('\n');
    expect(header).toContain('customFields.shoe_size');
    const cols = header.split(',');
    expect(first.split(',')[cols.indexOf('customFields.shoe_size')]).toBe('37');
  });
});

test('making a tag — directly or by using a new name on a record — leaves an activity and an outbox event', async () => {
  const { database } = await (await import('../../../test/app')).testApp();
  const tagEvents = async () => (await database.query(`select o.type, o.payload -> 'after' ->> 'name' as name from outbox_events o where o.organization_id = $1 and o.entity_type = 'tag' order by o.id`, [org.orgId])).rows;
  const tagActivities = async () => Number((await database.query(`select count(*)::int as n from activities where organization_id = $1 and entity_type = 'tag' and action = 'created'`, [org.orgId])).rows[0].n);
  const before = { events: (await tagEvents()).length, activities: await tagActivities() };
  expect((await org.member.post('/api/v1/tags', { name: 'Made directly' })).status).toBe(201);
  expect((await org.member.post('/api/v1/contacts', { firstName: 'Tagged', tags: ['made-on-a-record', 'Made directly'] })).status).toBe(201);
  const events = (await tagEvents()).slice(before.events);
  expect(events).toEqual([{ type: 'tag.created', name: 'Made directly' }, { type: 'tag.created', name: 'made-on-a-record' }]);
  expect(await tagActivities()).toBe(before.activities + 2);
});
