// Explicit shares (Issue 14.4) on the real database: under owner-only contacts, sharing a record
// with a teammate makes it visible to them at once (get, list, search), a read share does not let
// them change it and an edit share does; unsharing hides it again; bad targets are a 400 that
// changes nothing; only those who may change a record may share it; each step is on its timeline.
import { describe, expect, test } from 'vitest';
import { testApp } from '../../../test/app';
import { addMember, orgWithRoles } from '../../../test/factories';

async function setup() {
  const app = await testApp();
  const org = await orgWithRoles(app);
  const stranger = await orgWithRoles(app);
  expect((await org.admin.put('/api/v1/settings/permissions', { contacts: { read: 'own', edit: 'own' } })).status).toBe(200);
  const secret = (await org.admin.post('/api/v1/contacts', { firstName: 'Ottoline', lastName: 'Sharewell', ownerId: org.admin.userId })).body.data;
  return { app, org, stranger, secret };
}

describe('record shares', () => {
  test('a share makes the record visible at once; read does not allow changes, edit does; unsharing hides it again', async () => {
    const { org, secret } = await setup();
    const path = `/api/v1/contacts/${secret.id}`;
    const listed = async () => ((await org.member.get('/api/v1/contacts?limit=200')).body.data as { id: string }[]).some((c) => c.id === secret.id);
    const searched = async () => ((await org.member.get('/api/v1/search?q=Sharewell&mode=words')).body.data as { id: string }[]).some((h) => h.id === secret.id);
    expect((await org.member.get(path)).status).toBe(404);
    expect(await listed()).toBe(false);

    const shared = await org.admin.put(`${path}/shares/${org.member.userId}`, { access: 'read' });
    expect(shared.status, JSON.stringify(shared.body)).toBe(200);
    expect(shared.body.data).toEqual([expect.objectContaining({ userId: org.member.userId, access: 'read', createdBy: org.admin.userId })]);
    expect((await org.member.get(path)).status).toBe(200);
    expect(await listed()).toBe(true);
    expect(await searched()).toBe(true);
    expect((await org.member.get(`${path}/shares`)).body.data).toHaveLength(1);
    // Read only: a change is refused, and so is passing it on.
    expect((await org.member.patch(path, { title: 'Changed' })).status).toBe(403);
    expect((await org.member.put(`${path}/shares/${org.viewer.userId}`, { access: 'read' })).status).toBe(403);

    expect((await org.admin.put(`${path}/shares/${org.member.userId}`, { access: 'edit' })).status).toBe(200);
    expect((await org.member.patch(path, { title: 'Head of sharing' })).status).toBe(200);

    expect((await org.admin.delete(`${path}/shares/${org.member.userId}`)).status).toBe(204);
    expect((await org.member.get(path)).status).toBe(404);
    expect(await listed()).toBe(false);
    expect(await searched()).toBe(false);
    expect((await org.admin.delete(`${path}/shares/${org.member.userId}`)).status).toBe(404);

    const timeline = (await org.admin.get(`${path}/activities`)).body.data as { action: string; after: Record<string, unknown> | null; before: Record<string, unknown> | null }[];
    expect(timeline.map((a) => a.action).slice(0, 4)).toEqual(['unshared', 'updated', 'shared', 'shared']);
    expect(timeline[2]).toMatchObject({ before: { userId: org.member.userId, access: 'read' }, after: { userId: org.member.userId, access: 'edit' } });
  });

  test('bad targets are a 400 that changes nothing; viewers and members who cannot change the record may not share it', async () => {
    const { app, org, stranger, secret } = await setup();
    const path = `/api/v1/contacts/${secret.id}/shares`;
    for (const [userId, message] of [[stranger.member.userId, /not a member/], [org.admin.userId, /yourself/], ['nobody', /not a member/]] as const) {
      const r = await org.admin.put(`${path}/${userId}`, { access: 'read' });
      expect(r.status, userId).toBe(400);
      expect(r.body.error.details[0]).toMatchObject({ path: 'userId', message: expect.stringMatching(message) });
    }
    expect((await org.admin.put(`${path}/${org.member.userId}`, { access: 'owner' })).status).toBe(400);
    expect((await org.admin.get(path)).body.data).toEqual([]);
    // The member cannot see it: 404, not 403 (no existence leak); a viewer never shares.
    expect((await org.member.put(`${path}/${org.viewer.userId}`, { access: 'read' })).status).toBe(404);
    const viewerSees = await org.admin.put(`${path}/${org.viewer.userId}`, { access: 'read' });
    expect(viewerSees.status).toBe(200);
    expect((await org.viewer.put(`${path}/${org.member.userId}`, { access: 'read' })).status).toBe(403);
    // Another organization: 404 for its records.
    expect((await stranger.admin.put(`${path}/${stranger.member.userId}`, { access: 'read' })).status).toBe(404);
    // A deactivated member cannot be given a share.
    const leaving = await addMember(org.orgId, 'member', app);
    const memberId = ((await org.admin.get('/api/v1/members')).body.data as { id: string; userId: string }[]).find((m) => m.userId === leaving.userId)!.id;
    expect((await org.admin.post(`/api/v1/members/${memberId}/deactivate`)).status).toBe(200);
    const r = await org.admin.put(`${path}/${leaving.userId}`, { access: 'read' });
    expect(r.status).toBe(400);
    expect(r.body.error.details[0].message).toMatch(/deactivated/);
  });
});
