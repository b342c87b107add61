// DESIGN.md §2: one door with row + activity + outbox in one transaction; tenant scope; roles;
// one error shape that never leaks stack traces or SQL.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { testApp } from '../../test/app';
import { orgWithRoles, ownerWithOrg } from '../../test/factories';

let org: Awaited<ReturnType<typeof orgWithRoles>>;
beforeAll(async () => {
  org = await orgWithRoles();
});

async function countFor(orgId: string) {
  const { database } = await testApp();
  const q = async (table: string) =>
    Number((await database.query(`select count(*)::int as n from ${table} where organization_id = $1`, [orgId])).rows[0].n);
  return { companies: await q('companies'), activities: await q('activities'), outbox: await q('outbox_events') };
}

describe('one door: every write leaves a row, an activity and an outbox event — or none of them', () => {
  test('a create writes all three', async () => {
    const before = await countFor(org.orgId);
    const res = await org.member.post('/api/v1/companies', { name: 'Audited Ltd' });
    expect(res.status).toBe(201);
    const after = await countFor(org.orgId);
    expect(after).toEqual({ companies: before.companies + 1, activities: before.activities + 1, outbox: before.outbox + 1 });
    const { database } = await testApp();
    const [event] = (await database.query(`select type, entity_id, payload from outbox_events where entity_id = $1`, [res.body.data.id])).rows;
    expect(event.type).toBe('company.created');
    expect((event.payload as { after: { name: string } }).after.name).toBe('Audited Ltd');
  });

  test('a failure after the row is written rolls back the row and the activity too', async () => {
    const { database } = await testApp();
    // Make the outbox insert (the last statement of the transaction) fail for one marked record.
    await database.query(`create or replace function fail_marked_outbox() returns trigger language plpgsql as $$
      begin
        if new.payload -> 'after' ->> 'name' = 'FAIL-IN-OUTBOX' then raise exception 'injected outbox failure'; end if;
        return new;
      end $$`);
    await database.query(`drop trigger if exists fail_marked_outbox on outbox_events`);
    await database.query(`create trigger fail_marked_outbox before insert on outbox_events for each row execute function fail_marked_outbox()`);
    try {
      const before = await countFor(org.orgId);
      const res = await org.member.post('/api/v1/companies', { name: 'FAIL-IN-OUTBOX' });
      expect(res.status).toBe(500);
      expect(res.body).toEqual({ error: { code: 'internal_error', message: expect.any(String) } });
      expect(JSON.stringify(res.body)).not.toMatch(/injected|outbox|insert|select|\bat\s+\S+\s+\(/i);
      expect(await countFor(org.orgId)).toEqual(before);
    } finally {
      await database.query(`drop trigger if exists fail_marked_outbox on outbox_events`);
    }
  });

  test('a rejected write (validation, conflict) changes nothing', async () => {
    const before = await countFor(org.orgId);
    expect((await org.member.post('/api/v1/companies', { name: '' })).status).toBe(400);
    expect((await org.member.post('/api/v1/companies', { name: 'X', status: 'royalty' })).status).toBe(400);
    expect((await org.member.post('/api/v1/companies', { name: 'X', annualRevenue: '12.345' })).status).toBe(400);
    expect(await countFor(org.orgId)).toEqual(before);
  });
});

describe('tenant scope', () => {
  test("another organization's record is 404 for every verb, and it stays unchanged", async () => {
    const { owner: stranger } = await ownerWithOrg();
    const theirs = (await stranger.post('/api/v1/companies', { name: 'Theirs Inc' })).body.data;
    const me = org.owner;
    expect((await me.get(`/api/v1/companies/${theirs.id}`)).status).toBe(404);
    expect((await me.patch(`/api/v1/companies/${theirs.id}`, { name: 'Mine now' })).status).toBe(404);
    expect((await me.delete(`/api/v1/companies/${theirs.id}`)).status).toBe(404);
    expect((await me.post(`/api/v1/companies/${theirs.id}/restore`)).status).toBe(404);
    expect((await me.get(`/api/v1/companies/${theirs.id}/activities`)).status).toBe(404);
    const list = await me.get(`/api/v1/companies?q=Theirs`);
    expect(list.body.total).toBe(0);
    expect((await stranger.get(`/api/v1/companies/${theirs.id}`)).body.data.name).toBe('Theirs Inc');
  });
});

describe('roles', () => {
  test('viewer reads but cannot write; member writes; only admins manage keys and members', async () => {
    const { viewer, member, admin } = org;
    expect((await viewer.get('/api/v1/companies')).status).toBe(200);
    const denied = await viewer.post('/api/v1/companies', { name: 'Nope' });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('forbidden');
    // The role gate runs before validation: a viewer's invalid body is still a 403, not a 400.
    expect((await viewer.post('/api/v1/companies', { bogus: true })).status).toBe(403);
    expect((await member.post('/api/v1/companies', { name: 'Yes' })).status).toBe(201);
    expect((await member.get('/api/v1/api-keys')).status).toBe(403);
    expect((await member.post('/api/v1/api-keys', { name: 'k' })).status).toBe(403);
    expect((await admin.get('/api/v1/api-keys')).status).toBe(200);
  });
});

describe('error shape', () => {
  test('validation errors are 400 with field paths; malformed JSON and unknown endpoints use the same shape', async () => {
    const res = await org.member.post('/api/v1/companies', { name: 'Ok', website: 'nope', employeeCount: -1 });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_error');
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['employeeCount', 'website']);
    const malformed = await org.member.request('POST', '/api/v1/companies', '{"name": ', {});
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('validation_error');
    const badId = await org.member.get('/api/v1/companies/not-a-uuid');
    expect(badId.status).toBe(400);
    expect(badId.body.error.details[0].path).toBe('id');
    const missing = await org.member.get('/api/v1/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
  });

  test('bodies over 1 MB are refused with 413', async () => {
    const res = await org.member.post('/api/v1/companies', { name: 'Big', description: 'x'.repeat(1_100_000) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });
});

test('the database really has the tenant-leading indexes the design asks for', async () => {
  const { database } = await testApp();
  const rows = (await database.db.execute(sql`select indexname, indexdef from pg_indexes where tablename in ('companies','contacts') and indexdef not like '%USING gin%' and indexname not like '%pkey'`)) as unknown as { rows: { indexname: string; indexdef: string }[] };
  expect(rows.rows.length).toBeGreaterThan(5);
  for (const r of rows.rows) expect(r.indexdef, r.indexname).toMatch(/\(organization_id/);
});
