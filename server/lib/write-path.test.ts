// DESIGN.md §2 invariant 4 for every registered entity: create, update, delete, restore and
// createMany (the import path) each leave the row, an activity and an outbox event — in one
// transaction, so a failure in the outbox insert leaves none of them.
import { getTableName } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENTITIES } from '../../contracts/entities';
import { testApp, type TestApp } from '../../test/app';
import { exampleFor } from '../../test/examples';
import { orgWithRoles } from '../../test/factories';
import { serviceForType } from '../modules/registry';
import type { ServiceContext } from './context';
import type { EntityDef } from './crud';

let app: TestApp;
let org: Awaited<ReturnType<typeof orgWithRoles>>;
let contactId: string;

beforeAll(async () => {
  app = await testApp();
  org = await orgWithRoles(app);
  contactId = (await org.member.post('/api/v1/contacts', { firstName: 'Anchor' })).body.data.id;
  // Any outbox insert for an organization listed in test_outbox_fail raises: the last statement of
  // every write, so everything before it in the transaction must roll back.
  await app.database.query(`create table if not exists test_outbox_fail (organization_id text primary key)`);
  await app.database.query(`create or replace function test_outbox_fail() returns trigger language plpgsql as $$
    begin
      if exists (select 1 from test_outbox_fail where organization_id = new.organization_id) then raise exception 'injected outbox failure'; end if;
      return new;
    end $$`);
  await app.database.query(`drop trigger if exists test_outbox_fail on outbox_events`);
  await app.database.query(`create trigger test_outbox_fail before insert on outbox_events for each row execute function test_outbox_fail()`);
});
afterAll(async () => {
  await app.database.query(`drop trigger if exists test_outbox_fail on outbox_events`);
  await app.database.query(`drop table if exists test_outbox_fail`);
});

async function failing<T>(run: () => Promise<T>): Promise<T> {
  await app.database.query(`insert into test_outbox_fail values ($1)`, [org.orgId]);
  try {
    return await run();
  } finally {
    await app.database.query(`delete from test_outbox_fail where organization_id = $1`, [org.orgId]);
  }
}

/** Rows of the entity, and its own activities and outbox events, in the test's organization. */
async function counts(def: EntityDef) {
  const one = async (sql: string, params: unknown[]) => Number((await app.database.query(sql, params)).rows[0].n);
  return {
    rows: await one(`select count(*)::int as n from ${getTableName(def.table)} where organization_id = $1`, [org.orgId]),
    activities: await one(`select count(*)::int as n from activities where organization_id = $1 and entity_type = $2`, [org.orgId, def.type]),
    outbox: await one(`select count(*)::int as n from outbox_events where organization_id = $1 and entity_type = $2`, [org.orgId, def.type]),
  };
}

async function lastEvent(def: EntityDef, id: string) {
  const [activity] = (await app.database.query(`select action from activities where organization_id = $1 and entity_type = $2 and entity_id = $3 order by created_at desc, id desc limit 1`, [org.orgId, def.type, id])).rows;
  const events = (await app.database.query(`select type from outbox_events where organization_id = $1 and entity_id = $2 order by id desc`, [org.orgId, id])).rows;
  return { activity: activity?.action, events: events.map((e) => e.type) };
}

/** A one-field change the entity's update accepts: the first text value of its example, edited. */
function patchFor(def: EntityDef): Record<string, unknown> {
  for (const [k, v] of Object.entries(def.example)) {
    if (typeof v !== 'string') continue;
    const patch = { [k]: `${v} (edited)` };
    if (def.updateSchema.safeParse(patch).success) return patch;
  }
  throw new Error(`${def.type}: its example has no text field that update accepts`);
}

describe.each(ENTITIES.map((e) => e.type))('%s: every write leaves row + activity + outbox event, or nothing', (type) => {
  const service = serviceForType(type)!;
  const def = service.def;
  const base = () => `/api/v1/${def.resource}`;
  const body = () => exampleFor(def, { contact: contactId });

  test('create', async () => {
    const before = await counts(def);
    const res = await org.member.post(base(), body());
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(await counts(def)).toEqual({ rows: before.rows + 1, activities: before.activities + 1, outbox: before.outbox + 1 });
    expect((await lastEvent(def, res.body.data.id)).events).toContain(`${type}.created`);

    const failed = await failing(() => org.member.post(base(), body()));
    expect(failed.status).toBe(500);
    expect(await counts(def)).toEqual({ rows: before.rows + 1, activities: before.activities + 1, outbox: before.outbox + 1 });
  });

  test('update', async () => {
    const id = (await org.member.post(base(), body())).body.data.id;
    const patch = patchFor(def);
    const failed = await failing(() => org.member.patch(`${base()}/${id}`, patch));
    expect(failed.status).toBe(500);
    const [key] = Object.keys(patch);
    expect((await org.member.get(`${base()}/${id}`)).body.data[key]).not.toBe(patch[key]);

    const before = await counts(def);
    const res = await org.member.patch(`${base()}/${id}`, patch);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data[key]).toBe(patch[key]);
    expect(await counts(def)).toEqual({ rows: before.rows, activities: before.activities + 1, outbox: before.outbox + 1 });
    expect(await lastEvent(def, id)).toMatchObject({ activity: 'updated', events: expect.arrayContaining([`${type}.updated`]) });
  });

  test('delete and restore', async () => {
    const id = (await org.member.post(base(), body())).body.data.id;
    expect((await failing(() => org.member.delete(`${base()}/${id}`))).status).toBe(500);
    expect((await org.member.get(`${base()}/${id}`)).status).toBe(200);

    let before = await counts(def);
    expect((await org.member.delete(`${base()}/${id}`)).status).toBe(204);
    expect((await org.member.get(`${base()}/${id}`)).status).toBe(404);
    expect(await counts(def)).toEqual({ rows: before.rows, activities: before.activities + 1, outbox: before.outbox + 1 });
    expect((await lastEvent(def, id)).activity).toBe('deleted');

    expect((await failing(() => org.member.post(`${base()}/${id}/restore`))).status).toBe(500);
    expect((await org.member.get(`${base()}/${id}`)).status).toBe(404);

    before = await counts(def);
    expect((await org.member.post(`${base()}/${id}/restore`)).status).toBe(200);
    expect((await org.member.get(`${base()}/${id}`)).status).toBe(200);
    expect(await counts(def)).toEqual({ rows: before.rows, activities: before.activities + 1, outbox: before.outbox + 1 });
    expect(await lastEvent(def, id)).toMatchObject({ activity: 'restored', events: expect.arrayContaining([`${type}.restored`]) });
  });

  test('createMany (the import path)', async () => {
    const ctx: ServiceContext = { db: app.database.db, orgId: org.orgId, role: 'member', actor: { type: 'user', userId: org.member.userId } };
    await expect(failing(() => service.createMany(ctx, [body(), body()]))).rejects.toThrow();
    const before = await counts(def);
    const results = await service.createMany(ctx, [body(), body()]);
    expect(results.map((r) => r.ok), JSON.stringify(results)).toEqual([true, true]);
    expect(await counts(def)).toEqual({ rows: before.rows + 2, activities: before.activities + 2, outbox: before.outbox + 2 });
    for (const r of results) if (r.ok) expect((await lastEvent(def, r.row.id)).events).toContain(`${type}.created`);
  });
});
