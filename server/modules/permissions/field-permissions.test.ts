// Field-level permissions (Issue 14.3): admins mark fields hidden or read-only per role. Hidden
// fields are absent from lists, get, write answers, exports, the assistant's tools and webhook
// bodies; changing a read-only field is a 403 naming it; sending it unchanged is not.
import { describe, expect, test } from 'vitest';
import { testApp } from '../../../test/app';
import { orgWithRoles } from '../../../test/factories';

async function setup() {
  const app = await testApp();
  const org = await orgWithRoles(app);
  expect((await org.admin.post('/api/v1/custom-fields', { entity: 'contact', key: 'salary', label: 'Salary', type: 'number' })).status).toBe(201);
  const deal = (await org.admin.post('/api/v1/deals', { name: 'Guarded deal', amount: '9000' })).body.data;
  const contact = (await org.admin.post('/api/v1/contacts', { firstName: 'Sal', lastName: 'Ary', customFields: { salary: 120000 } })).body.data;
  return { app, ...org, deal, contact };
}

describe('field-level permissions', () => {
  test('GET/PUT carry the field rules; unknown fields and bad access are a 400 that changes nothing; members may not set them', async () => {
    const org = await setup();
    expect((await org.admin.get('/api/v1/settings/permissions')).body.deals.fields).toEqual({});
    const put = await org.admin.put('/api/v1/settings/permissions', { deals: { fields: { amount: { viewer: 'hidden', member: 'read_only' } } }, contacts: { fields: { 'customFields.salary': { member: 'hidden', viewer: 'hidden' } } } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.deals).toEqual({ read: 'all', edit: 'all', fields: { amount: { viewer: 'hidden', member: 'read_only' } } });

    const typo = await org.admin.put('/api/v1/settings/permissions', { deals: { fields: { amout: { viewer: 'hidden' } } } });
    expect(typo.status).toBe(400);
    expect(typo.body.error.details[0].path).toBe('deals.fields.amout');
    expect((await org.admin.put('/api/v1/settings/permissions', { deals: { fields: { amount: { viewer: 'secret' } } } })).status).toBe(400);
    expect((await org.admin.put('/api/v1/settings/permissions', { deals: { fields: { amount: { owner: 'hidden' } } } })).status).toBe(400);
    expect((await org.member.put('/api/v1/settings/permissions', { deals: { fields: {} } })).status).toBe(403);
    expect((await org.admin.get('/api/v1/settings/permissions')).body.deals.fields).toEqual({ amount: { viewer: 'hidden', member: 'read_only' } });

    // What a rule may name, with labels, for the Permissions page (viewers may read it).
    const fields = (await org.viewer.get('/api/v1/settings/permissions/fields')).body;
    expect(fields.deals).toEqual(expect.arrayContaining([{ field: 'amount', label: 'Amount', custom: false }, { field: 'expectedCloseDate', label: 'Expected close date', custom: false }]));
    expect(fields.contacts).toContainEqual({ field: 'customFields.salary', label: 'Salary', custom: true });
    expect(fields.contacts.map((f: { field: string }) => f.field)).not.toContain('organizationId');

    // Sending `fields` replaces the type's rules; visible means no rule.
    const cleared = await org.admin.put('/api/v1/settings/permissions', { deals: { fields: { amount: { viewer: 'visible' } } } });
    expect(cleared.body.deals.fields).toEqual({});
  });

  test('hidden fields are absent from list, get, export and the assistant tools; read-only ones refuse a change with 403', async () => {
    const org = await setup();
    await org.admin.put('/api/v1/settings/permissions', { deals: { fields: { amount: { viewer: 'hidden', member: 'read_only' } } }, contacts: { fields: { 'customFields.salary': { member: 'hidden', viewer: 'hidden' } } } });

    // Viewer: no amount anywhere.
    const got = (await org.viewer.get(`/api/v1/deals/${org.deal.id}`)).body.data;
    expect(got.name).toBe('Guarded deal');
    expect(got).not.toHaveProperty('amount');
    const listed = (await org.viewer.get('/api/v1/deals')).body.data.find((d: { id: string }) => d.id === org.deal.id);
    expect(listed).not.toHaveProperty('amount');
    // The member sees the amount but not the salary; the owner and the admin see both.
    expect((await org.member.get(`/api/v1/deals/${org.deal.id}`)).body.data.amount).toBe('9000.00');
    expect((await org.member.get(`/api/v1/contacts/${org.contact.id}`)).body.data.customFields).not.toHaveProperty('salary');
    expect((await org.owner.get(`/api/v1/contacts/${org.contact.id}`)).body.data.customFields.salary).toBe(120000);
    expect((await org.admin.get(`/api/v1/contacts/${org.contact.id}`)).body.data.customFields.salary).toBe(120000);

    // Export as the member: no salary column value.
    const csv = await org.member.download('/api/v1/contacts/export?format=csv');
    expect(csv.status).toBe(200);
    expect(csv.body.toString('utf8')).not.toContain('120000');
    expect((await org.owner.download('/api/v1/contacts/export?format=csv')).body.toString('utf8')).toContain('120000');

    // The assistant's tools answer with the caller's view (offline model, as the viewer).
    const ask = (c: typeof org.owner) => c.post('/api/v1/assistant/messages', { text: 'list deals' }).then((r) => JSON.stringify(r.body));
    expect(await ask(org.owner)).toContain('9000');
    expect(await ask(org.viewer)).not.toContain('9000');

    // Read-only for members: a change is a 403 naming the field; the same value is no change.
    const changed = await org.member.patch(`/api/v1/deals/${org.deal.id}`, { amount: '1' });
    expect(changed.status).toBe(403);
    expect(changed.body.error).toMatchObject({ code: 'field_read_only', details: [{ path: 'amount' }] });
    expect((await org.member.patch(`/api/v1/deals/${org.deal.id}`, { amount: '9000', name: 'Guarded deal, renamed' })).status).toBe(200);
    expect((await org.member.post('/api/v1/deals', { name: 'New with amount', amount: '5' })).status).toBe(403);
    expect((await org.member.post('/api/v1/deals', { name: 'New without amount' })).status).toBe(201);
    // A hidden field cannot be written either.
    const salary = await org.member.patch(`/api/v1/contacts/${org.contact.id}`, { customFields: { salary: 1 } });
    expect(salary.status).toBe(403);
    expect(salary.body.error.details[0].path).toBe('customFields.salary');
    expect((await org.owner.get(`/api/v1/contacts/${org.contact.id}`)).body.data.customFields.salary).toBe(120000);
    expect((await org.owner.get(`/api/v1/deals/${org.deal.id}`)).body.data.amount).toBe('9000.00');
  });

  test('a rule written by another node (straight into the database) applies here at once', async () => {
    const org = await setup();
    expect((await org.viewer.get(`/api/v1/deals/${org.deal.id}`)).body.data.amount).toBe('9000.00');
    const { sql } = await import('drizzle-orm');
    await org.app.database.db.execute(sql`insert into field_permissions (organization_id, record_type, field, role, access) values (${org.orgId}, 'deal', 'amount', 'viewer', 'hidden')`);
    const started = Date.now();
    for (;;) {
      const d = (await org.viewer.get(`/api/v1/deals/${org.deal.id}`)).body.data;
      if (!('amount' in d)) break;
      if (Date.now() - started > 3000) throw new Error('the rule did not reach this node');
      await new Promise((r) => setTimeout(r, 50));
    }
  });

  test('search: a field hidden from the role neither matches nor shows in the snippet or title; others still find it', async () => {
    const org = await setup();
    expect((await org.admin.post('/api/v1/custom-fields', { entity: 'contact', key: 'codename', label: 'Codename', type: 'text' })).status).toBe(201);
    const priya = (await org.admin.post('/api/v1/contacts', { firstName: 'Priya', lastName: 'Quartermaine', title: 'Head of procurement', about: 'Negotiating the bluefalcon merger quietly', customFields: { codename: 'nightingale' } })).body.data;
    const hiddenEmail = (await org.admin.post('/api/v1/contacts', { email: 'zanzibar.quartermaine@example.com' })).body.data;
    await org.admin.put('/api/v1/settings/permissions', { contacts: { fields: { about: { member: 'hidden', viewer: 'hidden' }, 'customFields.codename': { member: 'hidden', viewer: 'hidden' }, email: { viewer: 'hidden' } } } });
    const find = async (c: typeof org.owner, q: string) => {
    const res = await c.get(`/api/v1/search?q=${encodeURIComponent(q)}&mode=words`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.data as { id: string; title: string; snippet: string }[];
  };

    // The admin (no hidden fields) finds Priya by the text of either field, snippet included.
    expect((await find(org.admin, 'bluefalcon')).map((h) => h.id)).toEqual([priya.id]);
    expect((await find(org.admin, 'bluefalcon'))[0].snippet).toContain('**bluefalcon**');
    expect((await find(org.admin, 'nightingale')).map((h) => h.id)).toEqual([priya.id]);
    // The member does not: not by the words, not by a similar spelling.
    for (const q of ['bluefalcon', 'nightingale', 'bluefalcn']) expect(await find(org.member, q), q).toEqual([]);
    // Found by a visible field, the snippet carries no hidden text.
    const byName = await find(org.member, 'Quartermaine');
    const hit = byName.find((h) => h.id === priya.id)!;
    expect(hit.title).toBe('Priya Quartermaine');
    expect(JSON.stringify(byName)).not.toMatch(/bluefalcon|nightingale/);
    expect(hit.snippet).toContain('procurement');
    // A record titled by a hidden field (a contact with only an email, email hidden from viewers) shows no address.
    const viewerHits = await find(org.viewer, 'Quartermaine');
    expect(viewerHits.map((h) => h.id)).toContain(priya.id);
    expect(JSON.stringify(viewerHits)).not.toContain('zanzibar');
    expect(await find(org.viewer, 'zanzibar')).toEqual([]);
    expect((await find(org.member, 'zanzibar')).map((h) => h.id)).toEqual([hiddenEmail.id]);
    // The rule lifted: found again at once, no re-indexing.
    await org.admin.put('/api/v1/settings/permissions', { contacts: { fields: {} } });
    expect((await find(org.member, 'bluefalcon')).map((h) => h.id)).toEqual([priya.id]);
  });
});
