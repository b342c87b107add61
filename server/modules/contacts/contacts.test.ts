import { beforeAll, describe, expect, test } from 'vitest';
import { orgWithRoles, ownerWithOrg } from '../../../test/factories';

let org: Awaited<ReturnType<typeof orgWithRoles>>;
beforeAll(async () => {
  org = await orgWithRoles();
});

describe('contacts', () => {
  test('create, get, patch, soft delete, restore, timeline', async () => {
    const { member } = org;
    const company = await member.post('/api/v1/companies', { name: 'Acme', domain: 'https://www.Acme.com/' });
    expect(company.status).toBe(201);
    expect(company.body.data.domain).toBe('acme.com');

    const created = await member.post('/api/v1/contacts', {
      firstName: 'Ada', lastName: 'Lovelace', email: 'ADA@acme.com', title: 'CTO', companyId: company.body.data.id, tags: ['vip'],
    });
    expect(created.status).toBe(201);
    const c = created.body.data;
    expect(c).toMatchObject({ firstName: 'Ada', fullName: 'Ada Lovelace', email: 'ada@acme.com', status: 'lead', company: { id: company.body.data.id, name: 'Acme' } });
    expect(c).not.toHaveProperty('organizationId');

    const got = await member.get(`/api/v1/contacts/${c.id}`);
    expect(got.status).toBe(200);
    expect(got.body.data.id).toBe(c.id);

    const patched = await member.patch(`/api/v1/contacts/${c.id}`, { title: 'Chief Analyst', status: 'customer' });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({ title: 'Chief Analyst', status: 'customer', firstName: 'Ada' });

    expect((await member.delete(`/api/v1/contacts/${c.id}`)).status).toBe(204);
    expect((await member.get(`/api/v1/contacts/${c.id}`)).status).toBe(404);
    const listed = await member.get(`/api/v1/contacts?filter=${encodeURIComponent(JSON.stringify({ companyId: company.body.data.id }))}`);
    expect(listed.body.data).toHaveLength(0);
    const trash = await member.get(`/api/v1/contacts?includeDeleted=true&filter=${encodeURIComponent(JSON.stringify({ companyId: company.body.data.id }))}`);
    expect(trash.body.data.map((x: { id: string }) => x.id)).toEqual([c.id]);

    const restored = await member.post(`/api/v1/contacts/${c.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.data.deletedAt).toBeNull();
    expect((await member.get(`/api/v1/contacts/${c.id}`)).status).toBe(200);

    const timeline = await member.get(`/api/v1/contacts/${c.id}/activities`);
    expect(timeline.status).toBe(200);
    expect(timeline.body.data.map((a: { action: string }) => a.action)).toEqual(['restored', 'deleted', 'updated', 'created']);
    const update = timeline.body.data[2];
    expect(update).toMatchObject({ actorType: 'user', actorId: member.userId, actorName: 'Member Person' });
    // The score follows (fit: a customer scores higher than a lead); its explanation is derived, not history.
    expect(update.before).toEqual({ title: 'CTO', status: 'lead', score: 45 });
    expect(update.after).toEqual({ title: 'Chief Analyst', status: 'customer', score: 55 });
  });

  test('a contact needs a name or an email; emails are validated and unique per org', async () => {
    const { member } = org;
    const empty = await member.post('/api/v1/contacts', { title: 'Ghost' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('validation_error');
    expect(empty.body.error.details).toContainEqual({ path: 'firstName', message: 'A contact needs a name or an email' });

    const bad = await member.post('/api/v1/contacts', { firstName: 'X', email: 'not-an-email' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toContainEqual({ path: 'email', message: 'must be a valid email address' });

    const emailOnly = await member.post('/api/v1/contacts', { email: 'grace@navy.test' });
    expect(emailOnly.status).toBe(201);
    const dup = await member.post('/api/v1/contacts', { firstName: 'Other', email: 'Grace@Navy.test' });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ code: 'conflict', message: 'Another contact in this organization already has this email', details: [{ path: 'email' }] });

    // Same email in another organization is fine.
    const { owner: other } = await ownerWithOrg();
    expect((await other.post('/api/v1/contacts', { email: 'grace@navy.test' })).status).toBe(201);

    // Patching away both name and email is refused and changes nothing.
    const c = await member.post('/api/v1/contacts', { firstName: 'Solo' });
    const cleared = await member.patch(`/api/v1/contacts/${c.body.data.id}`, { firstName: null });
    expect(cleared.status).toBe(400);
    expect((await member.get(`/api/v1/contacts/${c.body.data.id}`)).body.data.firstName).toBe('Solo');

    const unknownField = await member.post('/api/v1/contacts', { firstName: 'Z', favouriteColour: 'blue' });
    expect(unknownField.status).toBe(400);
  });

  test("a company from another organization cannot be linked, and it is not revealed", async () => {
    const { owner: stranger } = await ownerWithOrg();
    const theirs = await stranger.post('/api/v1/companies', { name: 'Hidden Corp' });
    const res = await org.member.post('/api/v1/contacts', { firstName: 'Eve', companyId: theirs.body.data.id });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: 'companyId', message: 'no such company in this organization' }]);
  });

  test('a company shows its contacts (filter by companyId) and counts them', async () => {
    const { member } = org;
    const co = (await member.post('/api/v1/companies', { name: 'Initech', industry: 'software' })).body.data;
    for (const n of ['Peter', 'Samir', 'Michael']) await member.post('/api/v1/contacts', { firstName: n, companyId: co.id });
    await member.post('/api/v1/contacts', { firstName: 'Unrelated' });
    const res = await member.get(`/api/v1/contacts?filter=${encodeURIComponent(JSON.stringify({ companyId: co.id }))}`);
    expect(res.body.data.map((c: { firstName: string }) => c.firstName)).toEqual(['Michael', 'Peter', 'Samir']);
    expect(res.body.total).toBe(3);
    expect((await member.get(`/api/v1/companies/${co.id}`)).body.data.contactCount).toBe(3);
  });
});
