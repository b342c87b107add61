// Bulk actions (Issue 15.4) over HTTP on the real database: each record through the write path with
// its own activity carrying the batch id, one undo for the whole batch, failures reported per record
// (another organization's ids, records a member may not edit), bad input refused whole, viewers
// refused, and the background-job path with a small BULK_JOB_THRESHOLD and a real pg-boss runner.
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testApp, type TestApp } from '../../../test/app';
import { addMember, orgWithRoles, ownerWithOrg } from '../../../test/factories';
import { findTool } from '../../assistant/tools';
import { startJobs, type Jobs } from '../../jobs/jobs';

let app: TestApp;
let org: Awaited<ReturnType<typeof orgWithRoles>>;
beforeAll(async () => {
  app = await testApp();
  org = await orgWithRoles(app);
});

async function contacts(n: number, over: Record<string, unknown> = {}, who = () => org.member) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await who().post('/api/v1/contacts', { firstName: `Bulk${i}`, lastName: `T${Date.now()}`, ...over });
    expect(res.status).toBe(201);
    ids.push(res.body.data.id);
  }
  return ids;
}
const get = async (id: string) => (await org.member.get(`/api/v1/contacts/${id}`)).body.data;

describe('bulk actions', () => {
  test('tag: each record gets its own activity with the batch id; one undo reverts the batch', { timeout: 60_000 }, async () => {
    const ids = await contacts(3, { tags: ['keep'] });
    const res = await org.member.post('/api/v1/contacts/bulk', { ids, action: 'tag', values: { tags: ['vip', 'keep'] } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data).toMatchObject({ total: 3, succeeded: 3, failed: [] });
    const { batchId } = res.body.data;
    for (const id of ids) {
      expect((await get(id)).tags).toEqual(['keep', 'vip']);
      const timeline = (await org.member.get(`/api/v1/contacts/${id}/activities`)).body.data;
      expect(timeline[0]).toMatchObject({ action: 'updated', actorId: org.member.userId, before: { tags: ['keep'] }, after: { tags: ['keep', 'vip'] } });
    }
    // One activity per contact in the batch (the new tag "vip" is one more, of the tag itself).
    const rows = (await app.database.db.execute(sql`select entity_type, count(*)::int as n from activities where batch_id = ${batchId} group by entity_type order by entity_type`)) as unknown as { rows: { entity_type: string; n: number }[] };
    expect(rows.rows).toEqual([{ entity_type: 'contact', n: 3 }, { entity_type: 'tag', n: 1 }]);
    const job = await org.viewer.get(`/api/v1/bulk-jobs/${batchId}`);
    expect(job.body.data).toMatchObject({ status: 'completed', total: 3, done: 3, succeeded: 3, failed: 0, action: 'tag', resource: 'contacts' });

    const undo = await org.member.post(`/api/v1/bulk-jobs/${batchId}/undo`);
    expect(undo.status, JSON.stringify(undo.body)).toBe(200);
    expect(undo.body.data).toMatchObject({ batchId, total: 3, undone: 3, failed: [] });
    for (const id of ids) expect((await get(id)).tags).toEqual(['keep']);
    expect((await org.member.post(`/api/v1/bulk-jobs/${batchId}/undo`)).status).toBe(409);
  });

  test('completing tasks in bulk is undone too (the completion time the write path derived is derived again)', async () => {
    const ids: string[] = [];
    for (const title of ['Call Ada', 'Send the quote']) ids.push((await org.member.post('/api/v1/tasks', { title })).body.data.id);
    const res = await org.member.post('/api/v1/tasks/bulk', { ids, action: 'update', values: { status: 'done' } });
    expect(res.body.data).toMatchObject({ total: 2, succeeded: 2 });
    for (const id of ids) expect((await org.member.get(`/api/v1/tasks/${id}`)).body.data).toMatchObject({ status: 'done', completedAt: expect.any(String) });
    const undo = await org.member.post(`/api/v1/bulk-jobs/${res.body.data.batchId}/undo`);
    expect(undo.body.data, JSON.stringify(undo.body)).toMatchObject({ total: 2, undone: 2, failed: [] });
    for (const id of ids) expect((await org.member.get(`/api/v1/tasks/${id}`)).body.data).toMatchObject({ status: 'todo', completedAt: null });
  });

  test('update, assign, untag and delete by filter; delete undone restores every record', { timeout: 60_000 }, async () => {
    const marker = `m${Date.now()}`;
    const ids = await contacts(4, { source: marker, tags: ['old', 'x'] });
    const filter = { source: marker };
    expect((await org.member.post('/api/v1/contacts/bulk', { filter, action: 'update', values: { status: 'customer' } })).body.data).toMatchObject({ total: 4, succeeded: 4 });
    expect((await org.member.post('/api/v1/contacts/bulk', { filter, action: 'assign', values: { ownerId: org.admin.userId } })).body.data).toMatchObject({ total: 4, succeeded: 4 });
    expect((await org.member.post('/api/v1/contacts/bulk', { filter, action: 'untag', values: { tags: ['OLD'] } })).body.data).toMatchObject({ succeeded: 4 });
    for (const id of ids) expect(await get(id)).toMatchObject({ status: 'customer', ownerId: org.admin.userId, tags: ['x'] });
    // Tasks are assigned through their assignee.
    const task = (await org.member.post('/api/v1/tasks', { title: 'Bulk task' })).body.data;
    expect((await org.member.post('/api/v1/tasks/bulk', { ids: [task.id], action: 'assign', values: { ownerId: org.admin.userId } })).body.data.succeeded).toBe(1);
    expect((await org.member.get(`/api/v1/tasks/${task.id}`)).body.data.assigneeId).toBe(org.admin.userId);

    const del = await org.member.post('/api/v1/contacts/bulk', { filter, action: 'delete' });
    expect(del.body.data).toMatchObject({ total: 4, succeeded: 4, failed: [] });
    expect((await org.member.get(`/api/v1/contacts?filter=${encodeURIComponent(JSON.stringify(filter))}`)).body.total).toBe(0);
    expect((await org.member.post(`/api/v1/bulk-jobs/${del.body.data.batchId}/undo`)).body.data).toMatchObject({ undone: 4 });
    expect((await org.member.get(`/api/v1/contacts?filter=${encodeURIComponent(JSON.stringify(filter))}`)).body.total).toBe(4);
  });

  test('bad input is one 400 that changes nothing', { timeout: 60_000 }, async () => {
    const [id] = await contacts(1);
    const before = await get(id);
    const bad = async (body: Record<string, unknown>, path: string, resource = 'contacts') => {
      const res = await org.member.post(`/api/v1/${resource}/bulk`, body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    };
    await bad({ action: 'tag', values: { tags: ['a'] } }, 'ids');
    await bad({ ids: [id], filter: {}, action: 'tag', values: { tags: ['a'] } }, 'ids');
    await bad({ ids: ['nope'], action: 'tag', values: { tags: ['a'] } }, 'ids.0');
    await bad({ ids: [id], action: 'explode' }, 'action');
    await bad({ ids: [id], action: 'update', values: { status: 'ghost' } }, 'values.status');
    await bad({ ids: [id], action: 'update', values: { shoeSize: 3 } }, 'values');
    await bad({ ids: [id], action: 'update' }, 'values');
    await bad({ ids: [id], action: 'assign', values: { ownerId: 'not-a-member' } }, 'values.ownerId');
    await bad({ ids: [id], action: 'tag', values: { tags: [] } }, 'values.tags');
    await bad({ filter: { shoeSize: 1 }, action: 'delete' }, 'filter.shoeSize');
    await bad({ ids: [id], action: 'tag', values: { tags: ['a'] } }, 'action', 'notes');
    expect(await get(id)).toEqual(before);
  });

  test('viewers are refused; other organizations\' ids and records a member may not edit are reported as failed', { timeout: 60_000 }, async () => {
    const [mine] = await contacts(1);
    expect((await org.viewer.post('/api/v1/contacts/bulk', { ids: [mine], action: 'tag', values: { tags: ['v'] } })).status).toBe(403);
    expect((await get(mine)).tags).toEqual([]);

    const { owner: stranger } = await ownerWithOrg(app);
    const foreign = (await stranger.post('/api/v1/contacts', { firstName: 'Foreign' })).body.data.id;
    const [adminOwned] = await contacts(1, { ownerId: org.admin.userId }, () => org.admin);
    expect((await org.admin.request('PUT', '/api/v1/settings/permissions', { contacts: { read: 'all', edit: 'own' } })).status).toBe(200);
    try {
      const [memberOwned] = await contacts(1, { ownerId: org.member.userId });
      const res = await org.member.post('/api/v1/contacts/bulk', { ids: [memberOwned, foreign, adminOwned], action: 'tag', values: { tags: ['mixed'] } });
      expect(res.status).toBe(200);
      expect(res.body.data.total).toBe(3);
      expect(res.body.data.succeeded).toBe(1);
      expect(res.body.data.failed).toEqual([
        { id: foreign, error: 'Contact not found' },
        { id: adminOwned, error: expect.stringMatching(/only the contact records they own/) },
      ]);
      expect((await get(memberOwned)).tags).toEqual(['mixed']);
      expect((await org.admin.get(`/api/v1/contacts/${adminOwned}`)).body.data.tags).toEqual([]);
      expect((await stranger.get(`/api/v1/contacts/${foreign}`)).body.data.tags).toEqual([]);
      // The other organization cannot read or undo this batch.
      expect((await stranger.get(`/api/v1/bulk-jobs/${res.body.data.batchId}`)).status).toBe(404);
      expect((await stranger.post(`/api/v1/bulk-jobs/${res.body.data.batchId}/undo`)).status).toBe(404);
    } finally {
      await org.admin.request('PUT', '/api/v1/settings/permissions', { contacts: { read: 'all', edit: 'all' } });
    }
  });

  test('the assistant\'s bulk_update waits for approval and then runs through the same path', { timeout: 60_000 }, async () => {
    const ids = await contacts(2);
    const spec = findTool('bulk_update')!;
    expect(spec.destructive).toBe(true);
    const ctx = { db: app.database.db, orgId: org.orgId, role: 'member' as const, actor: { type: 'assistant' as const, userId: org.member.userId } };
    expect(await spec.describeCall!(ctx, { resource: 'contacts', ids, action: 'delete' })).toBe('Delete 2 contacts');
    const out = (await spec.execute(ctx, { resource: 'contacts', ids, action: 'tag', values: { tags: ['ai'] } })) as { succeeded: number };
    expect(out.succeeded).toBe(2);
    const timeline = (await org.member.get(`/api/v1/contacts/${ids[0]}/activities`)).body.data;
    expect(timeline[0]).toMatchObject({ actorType: 'assistant', after: { tags: ['ai'] } });
  });
});

describe('past BULK_JOB_THRESHOLD: a background job', () => {
  let jobsApp: TestApp;
  let jobs: Jobs;
  beforeAll(async () => {
    jobsApp = await testApp({ env: { BULK_JOB_THRESHOLD: '2' } });
    jobs = await startJobs({ database: jobsApp.database, log: pino({ level: 'silent' }), definitions: jobsApp.jobDefinitions });
    jobsApp.context.attachJobs(jobs);
  });
  afterAll(async () => {
    await jobs?.stop(2000);
    await jobsApp?.close();
  });

  test('202 with a job id; progress until completed; per-record failures; one undo', { timeout: 120_000 }, async () => {
    const ids = await contacts(5);
    const { owner: stranger } = await ownerWithOrg(app);
    const foreign = (await stranger.post('/api/v1/contacts', { firstName: 'Foreign' })).body.data.id;
    // A member signed in on the app with the low threshold (same database, same organization).
    const member = await addMember(org.orgId, 'member', jobsApp);
    const post = await member.post('/api/v1/contacts/bulk', { ids: [...ids, foreign], action: 'update', values: { status: 'customer' } });
    expect(post.status, JSON.stringify(post.body)).toBe(202);
    const queued = post.body.data as { jobId: string; batchId: string; total: number; status: string };
    expect(queued).toMatchObject({ total: 6, status: 'queued' });
    expect(queued.batchId).toBe(queued.jobId);

    let progress: { status: string; done: number; total: number; failed: number; failures: { id: string }[] } | undefined;
    for (let i = 0; i < 100; i++) {
      progress = (await member.get(`/api/v1/bulk-jobs/${queued.jobId}`)).body.data;
      if (progress!.status === 'completed') break;
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(progress).toMatchObject({ status: 'completed', total: 6, done: 6, succeeded: 5, failed: 1, failures: [{ id: foreign, error: 'Contact not found' }] });
    for (const id of ids) expect((await get(id)).status).toBe('customer');
    const timeline = (await member.get(`/api/v1/contacts/${ids[0]}/activities`)).body.data;
    expect(timeline[0]).toMatchObject({ action: 'updated', actorId: member.userId, after: { status: 'customer' } });

    expect((await member.post(`/api/v1/bulk-jobs/${queued.batchId}/undo`)).body.data).toMatchObject({ undone: 5, failed: [] });
    for (const id of ids) expect((await get(id)).status).not.toBe('customer');
  });
});
