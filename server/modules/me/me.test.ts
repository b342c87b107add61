import { describe, expect, test } from 'vitest';
import { uniqueEmail } from '../../../test/app';
import { orgWithRoles, ownerWithOrg, signUp } from '../../../test/factories';

describe('GET /me/invitations/{id}', () => {
  test('an accepted invitation is not asked for again: the invitee reads it as accepted (not a 400)', async () => {
    const { orgId, admin, owner } = await orgWithRoles();
    const email = uniqueEmail('invitee');
    const invite = await admin.post('/api/auth/organization/invite-member', { email, role: 'member', organizationId: orgId });
    expect(invite.status).toBe(200);
    const id = invite.body.id as string;
    const invitee = await signUp(undefined, 'Ivy Invitee', email);

    // Before joining the invitee belongs to no organization, and still reads it.
    const pending = await invitee.get(`/api/v1/me/invitations/${id}`);
    expect(pending.status, JSON.stringify(pending.body)).toBe(200);
    expect(pending.body.data).toMatchObject({ id, status: 'pending', expired: false, isMember: false, organizationId: orgId, role: 'member', email });
    expect(pending.body.data.organizationName).toEqual(expect.any(String));
    expect(pending.body.data.inviterEmail).toBe(admin.email);

    expect((await invitee.post('/api/auth/organization/accept-invitation', { invitationId: id })).status).toBe(200);
    // What the page used before (Better Auth's get-invitation) refuses an accepted invitation…
    expect((await invitee.get(`/api/auth/organization/get-invitation?id=${id}`)).status).toBe(400);
    // …this says so, and that the invitee is in.
    const accepted = await invitee.get(`/api/v1/me/invitations/${id}`);
    expect(accepted.status).toBe(200);
    expect(accepted.body.data).toMatchObject({ status: 'accepted', isMember: true, organizationId: orgId });

    // Only the invitee: another account (even the org's owner) and a made-up id get the same 404.
    expect((await owner.get(`/api/v1/me/invitations/${id}`)).status).toBe(404);
    expect((await invitee.get('/api/v1/me/invitations/no-such-invitation')).status).toBe(404);
  });

  test('signed out is a 401', async () => {
    const { owner } = await ownerWithOrg();
    await owner.post('/api/auth/sign-out', {});
    expect((await owner.get('/api/v1/me/invitations/anything')).status).toBe(401);
  });
});

describe('GET /me/first-steps', () => {
  test('each step ticks itself from the organization’s data', async () => {
    const { owner, orgId } = await ownerWithOrg();
    const steps = async () => Object.fromEntries(((await owner.get('/api/v1/me/first-steps')).body.data.steps as { key: string; done: boolean }[]).map((s) => [s.key, s.done]));
    const first = await owner.get('/api/v1/me/first-steps');
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({ done: 0, total: 4 });
    expect(await steps()).toEqual({ addContact: false, importCsv: false, inviteTeammate: false, connectModel: false });

    expect((await owner.post('/api/v1/contacts', { firstName: 'First', lastName: 'Contact' })).status).toBe(201);
    expect((await owner.post('/api/auth/organization/invite-member', { email: uniqueEmail('mate'), role: 'member', organizationId: orgId })).status).toBe(200);
    const ai = await owner.request('PUT', '/api/v1/settings/ai', { provider: 'openai', model: 'gpt-4o-mini', apiKey: 'sk-test-1234567890' });
    expect(ai.status, JSON.stringify(ai.body)).toBe(200);
    expect(await steps()).toEqual({ addContact: true, importCsv: false, inviteTeammate: true, connectModel: true });
    expect((await owner.get('/api/v1/me/first-steps')).body.data.done).toBe(3);
  });
});

describe('GET /me', () => {
  test('carries the organization currency (its metadata), USD by default', async () => {
    const { owner, orgId } = await ownerWithOrg();
    expect((await owner.get('/api/v1/me')).body.data.organization.currency).toBe('USD');
    expect((await owner.post('/api/auth/organization/update', { organizationId: orgId, data: { metadata: { currency: 'EUR' } } })).status).toBe(200);
    expect((await owner.get('/api/v1/me')).body.data.organization.currency).toBe('EUR');
  });
});

describe('/me/preferences', () => {
  test("each user's theme is their own, saved across organizations; a bad value is a 400 that changes nothing", async () => {
    const { viewer, member } = await orgWithRoles();
    expect((await viewer.get('/api/v1/me')).body.data.preferences).toEqual({ theme: 'system' });

    const put = await viewer.put('/api/v1/me/preferences', { theme: 'dark' });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.data).toEqual({ theme: 'dark' });
    expect((await viewer.get('/api/v1/me')).body.data.preferences.theme).toBe('dark');
    expect((await viewer.get('/api/v1/me/preferences')).body.data).toEqual({ theme: 'dark' });
    // Another person keeps theirs.
    expect((await member.get('/api/v1/me')).body.data.preferences.theme).toBe('system');

    for (const body of [{ theme: 'sepia' }, { theme: 'light', fontSize: 20 }]) {
      const bad = await viewer.put('/api/v1/me/preferences', body);
      expect(bad.status).toBe(400);
    }
    expect((await viewer.get('/api/v1/me/preferences')).body.data.theme).toBe('dark');

    // The same user in a second organization sees the same theme.
    const other = await orgWithRoles();
    const invite = await other.admin.post('/api/auth/organization/invite-member', { email: viewer.email, role: 'member', organizationId: other.orgId });
    expect(invite.status).toBe(200);
    expect((await viewer.post('/api/auth/organization/accept-invitation', { invitationId: invite.body.id })).status).toBe(200);
    expect((await viewer.post('/api/auth/organization/set-active', { organizationId: other.orgId })).status).toBe(200);
    const me = (await viewer.get('/api/v1/me')).body.data;
    expect(me.organization.id).toBe(other.orgId);
    expect(me.preferences.theme).toBe('dark');
  });
});
