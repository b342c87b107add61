// GET /api/v1/activities: the organization's feed — newest first, filtered, paged by a cursor that
// neither repeats nor skips rows, other organizations' changes never in it, settings changes for
// admins only.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { testApp } from '../../../test/app';
import { orgWithRoles, ownerWithOrg, signUp } from '../../../test/factories';

let org: Awaited<ReturnType<typeof orgWithRoles>>;
let adaId: string;
let acmeId: string;
beforeAll(async () => {
  org = await orgWithRoles();
  adaId = (await org.member.post('/api/v1/contacts', { firstName: 'Ada', lastName: 'Lovelace' })).body.data.id;
  acmeId = (await org.owner.post('/api/v1/companies', { name: 'Acme Rockets' })).body.data.id;
  await org.member.patch(`/api/v1/contacts/${adaId}`, { title: 'Countess' });
  await org.owner.post('/api/v1/api-keys', { name: 'CI key' });
});

describe('the activity feed', () => {
  test('lists the organization\'s changes newest first, with who did it and the record\'s title', async () => {
    const res = await org.viewer.get('/api/v1/activities');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const mine = res.body.data.filter((a: { entityType: string }) => a.entityType === 'contact' || a.entityType === 'company');
    expect(mine.map((a: { entityType: string; action: string }) => `${a.entityType}.${a.action}`)).toEqual(['contact.updated', 'company.created', 'contact.created']);
    expect(mine[0]).toMatchObject({ entityId: adaId, actorId: org.member.userId, actorName: expect.any(String), recordTitle: 'Ada Lovelace', after: { title: 'Countess' } });
    expect(mine[1]).toMatchObject({ entityId: acmeId, actorId: org.owner.userId, recordTitle: 'Acme Rockets' });
    const times = res.body.data.map((a: { createdAt: string }) => a.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  test('changes to API keys and members are in the admins\' feed only', async () => {
    const admin = await org.admin.get('/api/v1/activities?entityType=api_key');
    expect(admin.body.data).toEqual([expect.objectContaining({ action: 'created', recordTitle: 'CI key' })]);
    const member = await org.member.get('/api/v1/activities');
    expect(member.body.data.some((a: { entityType: string }) => a.entityType === 'api_key')).toBe(false);
    expect((await org.member.get('/api/v1/activities?entityType=api_key')).body.data).toEqual([]);
  });

  test('filters by actor, record type, record, action and time', async () => {
    const byMember = (await org.owner.get(`/api/v1/activities?actorId=${org.member.userId}`)).body.data;
    expect(byMember.length).toBeGreaterThanOrEqual(2);
    expect(byMember.every((a: { actorId: string }) => a.actorId === org.member.userId)).toBe(true);
    expect((await org.owner.get('/api/v1/activities?entityType=company')).body.data.map((a: { entityId: string }) => a.entityId)).toEqual([acmeId]);
    expect((await org.owner.get(`/api/v1/activities?entityId=${adaId}&action=updated`)).body.data).toHaveLength(1);
    const future = new Date(Date.now() + 3600_000).toISOString();
    expect((await org.owner.get(`/api/v1/activities?from=${encodeURIComponent(future)}`)).body.data).toEqual([]);
    expect((await org.owner.get(`/api/v1/activities?to=${encodeURIComponent(future)}&entityType=contact`)).body.data).toHaveLength(2);
  });

  test('pages with a cursor: every change once, in order, even for changes made in the same millisecond', async () => {
    const fresh = await ownerWithOrg();
    for (let i = 0; i < 4; i++) await fresh.owner.post('/api/v1/contacts', { firstName: `P${i}`, lastName: 'Page' });
    // Converting a lead writes company, contact, deal, task and the conversion in one transaction.
    const lead = (await fresh.owner.post('/api/v1/leads', { firstName: 'Grace', lastName: 'Hopper', companyName: 'Navy Labs', email: 'grace@navy.test' })).body.data;
    expect((await fresh.owner.post(`/api/v1/leads/${lead.id}/convert`, {})).status).toBe(200);
    // A big import writes many rows within one millisecond; microseconds alone order them.
    const app = await testApp();
    for (let i = 1; i <= 5; i++) {
      await app.database.db.execute(sql`insert into activities (organization_id, entity_type, entity_id, action, actor_type, actor_id, created_at)
        values (${fresh.orgId}, 'contact', ${randomUUID()}, 'created', 'user', ${fresh.owner.userId}, ${`2026-11-01T10:00:00.12300${i}Z`}::timestamptz)`);
    }
    const all = (await fresh.owner.get('/api/v1/activities?limit=200')).body.data.map((a: { id: string }) => a.id);
    expect(all.length).toBeGreaterThanOrEqual(14);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: { data: { id: string }[]; nextCursor: string | null } } = await fresh.owner.get(`/api/v1/activities?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((a) => a.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  test('another organization\'s changes never show, even when asked for by id', async () => {
    const other = await ownerWithOrg();
    const theirs = (await other.owner.post('/api/v1/contacts', { firstName: 'Secret', lastName: 'Person' })).body.data.id;
    expect((await org.owner.get(`/api/v1/activities?entityId=${theirs}`)).body.data).toEqual([]);
    expect((await org.owner.get('/api/v1/activities?limit=200')).body.data.some((a: { entityId: string }) => a.entityId === theirs)).toBe(false);
  });

  test('bad filters are a 400 on the field and change nothing', async () => {
    for (const [qs, path] of [['limit=0', 'limit'], ['limit=abc', 'limit'], ['from=yesterday', 'from'], ['cursor=not-a-cursor', 'cursor'], ['entityType=Robert%27);DROP', 'entityType']] as const) {
      const res = await org.owner.get(`/api/v1/activities?${qs}`);
      expect(res.status, qs).toBe(400);
      expect(res.body.error.details, qs).toEqual(expect.arrayContaining([expect.objectContaining({ path: expect.stringMatching(new RegExp(`(^|\\.)${path}$`)) })]));
    }
  });

  test('needs a signed-in member of the organization', async () => {
    const stranger = await signUp();
    expect((await stranger.get('/api/v1/activities')).status).toBe(403);
  });
});
