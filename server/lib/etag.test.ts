// Issue 8 item 11: concurrent edits. For every catalogue entity, through the generic routes: GET
// gives an ETag (the record's version), PATCH with it succeeds and gives the next one, PATCH with a
// stale one is 412 with the current record and changes nothing, and of concurrent PATCHes sending
// the same If-Match exactly one wins. Without If-Match a PATCH works as it always did.
import { beforeAll, describe, expect, test } from 'vitest';
import { ENTITIES } from '../../contracts/entities';
import { testApp, type TestApp } from '../../test/app';
import { exampleFor } from '../../test/examples';
import { orgWithRoles } from '../../test/factories';
import { entityTools } from '../assistant/tools';
import { serviceForType } from '../modules/registry';
import type { ServiceContext } from './context';
import type { EntityDef } from './crud';
import { ifMatchSatisfied, parseIfMatch } from './etag';

let app: TestApp;
let org: Awaited<ReturnType<typeof orgWithRoles>>;
let contactId: string;

beforeAll(async () => {
  app = await testApp();
  org = await orgWithRoles(app);
  contactId = (await org.member.post('/api/v1/contacts', { firstName: 'Anchor' })).body.data.id;
});

/** A one-field change the entity's update accepts: the first text value of its example, with `suffix`. */
function patchFor(def: EntityDef, suffix: string): Record<string, unknown> {
  for (const [k, v] of Object.entries(def.example)) {
    if (typeof v !== 'string') continue;
    const patch = { [k]: `${v} ${suffix}` };
    if (def.updateSchema.safeParse(patch).success) return patch;
  }
  throw new Error(`${def.type}: its example has no text field that update accepts`);
}

async function activityCount(type: string, id: string) {
  const r = await app.database.query(`select count(*)::int as n from activities where organization_id = $1 and entity_type = $2 and entity_id = $3`, [org.orgId, type, id]);
  return Number(r.rows[0].n);
}

describe.each(ENTITIES.map((e) => e.type))('%s: ETag and If-Match', (type) => {
  const def = serviceForType(type)!.def;
  const url = (id: string) => `/api/v1/${def.resource}/${id}`;
  const create = async () => {
    const res = await org.member.post(`/api/v1/${def.resource}`, exampleFor(def, { contact: contactId }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res;
  };

  test('GET → ETag; PATCH with it → 200 and the next ETag; PATCH with the old one → 412 with the current record, nothing changed', async () => {
    const created = await create();
    const id = created.body.data.id;
    expect(created.headers.get('etag')).toBe(`"${created.body.data.version}"`);

    const got = await org.viewer.get(url(id));
    const etag = got.headers.get('etag');
    expect(etag).toMatch(/^"\d+"$/);
    expect(etag).toBe(`"${got.body.data.version}"`);

    const first = patchFor(def, 'first');
    const ok = await org.member.patch(url(id), first, { 'if-match': etag! });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const next = ok.headers.get('etag');
    expect(next).toBe(`"${ok.body.data.version}"`);
    expect(ok.body.data.version).toBe(got.body.data.version + 1);
    expect(next).not.toBe(etag);
    // GET agrees with what the PATCH answered.
    expect((await org.viewer.get(url(id))).headers.get('etag')).toBe(next);

    const activitiesBefore = await activityCount(def.type, id);
    const stale = await org.member.patch(url(id), patchFor(def, 'second'), { 'if-match': etag! });
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('precondition_failed');
    expect(stale.body.error.message).toMatch(/changed by someone else/);
    const now = await org.viewer.get(url(id));
    expect(stale.body.error.details.current).toEqual(now.body.data);
    expect(stale.body.error.details.etag).toBe(next);
    // Nothing changed: same record, same version, no new activity.
    expect(now.body.data).toMatchObject(first);
    expect(now.headers.get('etag')).toBe(next);
    expect(await activityCount(def.type, id)).toBe(activitiesBefore);
  });

  test('concurrent PATCHes with the same If-Match: exactly one wins, the others get 412', async () => {
    const id = (await create()).body.data.id;
    const etag = (await org.member.get(url(id))).headers.get('etag')!;
    const patches = ['a', 'b', 'c', 'd'].map((s) => patchFor(def, `racer ${s}`));
    const results = await Promise.all(patches.map((p) => org.member.patch(url(id), p, { 'if-match': etag })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 412, 412, 412]);
    const winner = patches[results.findIndex((r) => r.status === 200)];
    const now = await org.member.get(url(id));
    expect(now.body.data).toMatchObject(winner);
    expect(now.body.data.version).toBe(Number(JSON.parse(etag)) + 1);
    // Each loser was shown the winner's record.
    for (const r of results.filter((x) => x.status === 412)) expect(r.body.error.details.current).toMatchObject(winner);
  });

  test('without If-Match a PATCH applies as before; DELETE honours If-Match too', async () => {
    const id = (await create()).body.data.id;
    const v1 = (await org.member.get(url(id))).headers.get('etag')!;
    const plain = await org.member.patch(url(id), patchFor(def, 'no precondition'));
    expect(plain.status).toBe(200);
    expect(plain.headers.get('etag')).not.toBe(v1);

    const staleDelete = await org.member.delete(url(id), { 'if-match': v1 });
    expect(staleDelete.status).toBe(412);
    expect(staleDelete.body.error.details.current.id).toBe(id);
    expect((await org.member.get(url(id))).status).toBe(200);
    const deleted = await org.member.delete(url(id), { 'if-match': plain.headers.get('etag')! });
    expect(deleted.status).toBe(204);
    const restored = await org.member.post(`${url(id)}/restore`);
    expect(restored.headers.get('etag')).toBe(`"${restored.body.data.version}"`);
    expect(restored.body.data.version).toBe(plain.body.data.version + 2);
  });
});

describe('If-Match forms', () => {
  test('*, lists and weak tags follow RFC 9110; a malformed header is a 400 that changes nothing', async () => {
    const created = await org.member.post('/api/v1/contacts', { firstName: 'Grace' });
    const id = created.body.data.id;
    const url = `/api/v1/contacts/${id}`;
    expect((await org.member.patch(url, { lastName: 'Hopper' }, { 'if-match': '*' })).status).toBe(200); // v2
    expect((await org.member.patch(url, { title: 'RADM' }, { 'if-match': '"7", "2"' })).status).toBe(200); // v3
    // Weak tags never match under the strong comparison If-Match uses.
    expect((await org.member.patch(url, { title: 'x' }, { 'if-match': 'W/"3"' })).status).toBe(412);
    for (const bad of ['3', '"3', 'abc, "3"', '"3" "4"', '"3"x', ' ', 'x'.repeat(2000)]) {
      const res = await org.member.patch(url, { title: 'bad header' }, { 'if-match': bad });
      expect(res.status, `If-Match: ${JSON.stringify(bad)}`).toBe(400);
      expect(res.body.error.code).toBe('invalid_if_match');
    }
    const now = (await org.member.get(url)).body.data;
    expect(now).toMatchObject({ lastName: 'Hopper', title: 'RADM', version: 3 });
    // A matching no-op keeps the version.
    const same = await org.member.patch(url, { title: 'RADM' }, { 'if-match': '"3"' });
    expect(same.status).toBe(200);
    expect(same.headers.get('etag')).toBe('"3"');
  });

  test('the parser', () => {
    expect(parseIfMatch(undefined)).toBeUndefined();
    expect(parseIfMatch(' * ')).toEqual({ any: true });
    expect(parseIfMatch('"1" ,, W/"2",')).toEqual({ any: false, tags: [{ weak: false, opaque: '1' }, { weak: true, opaque: '2' }] });
    expect(ifMatchSatisfied(parseIfMatch('W/"2", "5"')!, 5)).toBe(true);
    expect(ifMatchSatisfied(parseIfMatch('W/"2"')!, 2)).toBe(false);
    expect(() => parseIfMatch(',')).toThrow(/empty/);
  });
});

describe('writes beside the generic path bump the version too', () => {
  test('a company merge re-points a contact: its old ETag is stale', async () => {
    const keep = (await org.member.post('/api/v1/companies', { name: 'Keep Co' })).body.data.id;
    const gone = (await org.member.post('/api/v1/companies', { name: 'Keep Co (dup)' })).body.data.id;
    const contact = await org.member.post('/api/v1/contacts', { firstName: 'Moved', companyId: gone });
    const etag = contact.headers.get('etag')!;
    const merged = await org.member.post(`/api/v1/companies/${keep}/merge`, { otherIds: [gone] });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    const stale = await org.member.patch(`/api/v1/contacts/${contact.body.data.id}`, { title: 'x' }, { 'if-match': etag });
    expect(stale.status).toBe(412);
    expect(stale.body.error.details.current.companyId).toBe(keep);
  });
});

describe('assistant and MCP tools', () => {
  test('update_<type> takes an optional expectedVersion: stale is refused with the current record, absent works as before', async () => {
    const ctx: ServiceContext = { db: app.database.db, orgId: org.orgId, role: 'member', actor: { type: 'user', userId: org.member.userId } };
    const tool = entityTools(serviceForType('contact')!).find((t) => t.name === 'update_contact')!;
    const id = (await org.member.post('/api/v1/contacts', { firstName: 'Tool' })).body.data.id;
    const updated = (await tool.execute(ctx, tool.input.parse({ id, title: 'CTO', expectedVersion: 1 }))) as { version: number };
    expect(updated.version).toBe(2);
    await expect(tool.execute(ctx, tool.input.parse({ id, title: 'CEO', expectedVersion: 1 }))).rejects.toMatchObject({ status: 412, details: { current: { title: 'CTO' } } });
    expect(((await tool.execute(ctx, tool.input.parse({ id, title: 'CEO' }))) as { title: string }).title).toBe('CEO');
  });
});
