// Auth over Better Auth's standard endpoints: sessions, organizations, invitations (link and
// email), deactivation, database-backed rate limits. The Trust issue's items have their own files:
// auth-reset (8.1), auth-deactivation (8.2), auth-routes (8.3), auth-accounts (8.7), auth-limits (17.1).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Client, testApp, uniqueEmail, type TestApp } from '../test/app';
import { createOrg, orgWithRoles, ownerWithOrg, PASSWORD, signUp } from '../test/factories';
import { startSmtp } from '../test/smtp';

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let mailApp: TestApp;
beforeAll(async () => {
  smtp = await startSmtp();
  mailApp = await testApp({ env: { SMTP_URL: smtp.url } });
});
afterAll(() => smtp.close());

describe('sessions', () => {
  test('sign up, sign in, sign out', async () => {
    const app = await testApp();
    const email = uniqueEmail('ada');
    const c = await signUp(app, 'Ada', email);
    await createOrg(c, 'Analytical Engines');
    const me = await c.get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.data).toMatchObject({ user: { email, name: 'Ada' }, organization: { name: 'Analytical Engines' }, role: 'owner' });

    expect((await c.post('/api/auth/sign-out')).status).toBe(200);
    expect((await c.get('/api/v1/me')).status).toBe(401);

    const wrong = await c.post('/api/auth/sign-in/email', { email, password: 'wrong-password' });
    expect(wrong.status).toBe(401);
    expect((await c.post('/api/auth/sign-in/email', { email, password: PASSWORD })).status).toBe(200);
    expect((await c.get('/api/v1/me')).body.data.role).toBe('owner');
  });

  test('a user without an organization is told to create one', async () => {
    const c = await signUp();
    const res = await c.get('/api/v1/contacts');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('no_organization');
  });
});

describe('invitations', () => {
  test('by link: the invitee signs up, accepts, and joins with the invited role', async () => {
    const { orgId, admin, member } = await orgWithRoles();
    const email = uniqueEmail('newbie');
    const invite = await admin.post('/api/auth/organization/invite-member', { email, role: 'viewer', organizationId: orgId });
    expect(invite.status, JSON.stringify(invite.body)).toBe(200);
    const pending = await admin.get('/api/v1/invitations');
    const inv = pending.body.data.find((i: { email: string }) => i.email === email);
    expect(inv.url).toBe(`http://localhost:3999/accept-invitation/${inv.id}`);

    // Members may not invite.
    expect((await member.post('/api/auth/organization/invite-member', { email: uniqueEmail(), role: 'member', organizationId: orgId })).status).toBe(403);

    const invitee = await signUp(undefined, 'New Bie', email);
    const accepted = await invitee.post('/api/auth/organization/accept-invitation', { invitationId: inv.id });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    const me = await invitee.get('/api/v1/me');
    expect(me.body.data).toMatchObject({ organization: { id: orgId }, role: 'viewer' });
    const members = await admin.get('/api/v1/members');
    expect(members.body.data.map((m: { email: string }) => m.email)).toContain(email);
  });

  test('by email when SMTP is configured: the mail carries the accept link', async () => {
    const { owner, orgId } = await ownerWithOrg(mailApp);
    const email = uniqueEmail('mailed');
    const invite = await owner.post('/api/auth/organization/invite-member', { email, role: 'member', organizationId: orgId });
    expect(invite.status).toBe(200);
    const mail = await smtp.waitFor(email);
    expect(mail.raw).toContain(`http://localhost:3999/accept-invitation/${invite.body.id}`);
    expect((await owner.get('/api/v1/me')).body.data.features.email).toBe(true);
  });
});

describe('members', () => {
  test('deactivation ends sessions at once and bars the member until reactivated', async () => {
    const { admin, member, owner } = await orgWithRoles();
    const members = (await admin.get('/api/v1/members')).body.data;
    const target = members.find((m: { userId: string }) => m.userId === member.userId);
    expect((await member.get('/api/v1/contacts')).status).toBe(200);

    expect((await member.post(`/api/v1/members/${target.id}/deactivate`)).status).toBe(403);
    const res = await admin.post(`/api/v1/members/${target.id}/deactivate`);
    expect(res.status).toBe(200);
    expect(res.body.data.deactivatedAt).toEqual(expect.any(String));
    expect((await member.get('/api/v1/contacts')).status).toBe(401);

    const again = new Client(member.app);
    expect((await again.post('/api/auth/sign-in/email', { email: member.email, password: PASSWORD })).status).toBe(200);
    const barred = await again.get('/api/v1/contacts');
    expect(barred.status).toBe(403);
    expect(barred.body.error.code).toBe('deactivated');

    // Admins cannot deactivate an owner or themselves.
    const ownerRow = members.find((m: { userId: string }) => m.userId === owner.userId);
    expect((await admin.post(`/api/v1/members/${ownerRow.id}/deactivate`)).status).toBe(403);

    expect((await admin.post(`/api/v1/members/${target.id}/reactivate`)).status).toBe(200);
    expect((await again.get('/api/v1/contacts')).status).toBe(200);
  });

  test('role changes and removal follow the ladder; the last owner stays', async () => {
    const { admin, member, owner } = await orgWithRoles();
    const members = (await admin.get('/api/v1/members')).body.data;
    const row = (userId: string) => members.find((m: { userId: string }) => m.userId === userId);

    expect((await admin.patch(`/api/v1/members/${row(member.userId).id}`, { role: 'viewer' })).body.data.role).toBe('viewer');
    expect((await member.post('/api/v1/contacts', { firstName: 'Blocked' })).status).toBe(403);
    expect((await admin.patch(`/api/v1/members/${row(member.userId).id}`, { role: 'owner' })).status).toBe(403);
    expect((await admin.patch(`/api/v1/members/${row(member.userId).id}`, { role: 'chief' })).status).toBe(400);

    const demoteSelf = await owner.patch(`/api/v1/members/${row(owner.userId).id}`, { role: 'admin' });
    expect(demoteSelf.status).toBe(400);
    expect(demoteSelf.body.error.message).toMatch(/at least one owner/);

    expect((await admin.delete(`/api/v1/members/${row(member.userId).id}`)).status).toBe(204);
    const gone = await member.get('/api/v1/contacts');
    expect(gone.status).toBe(403);

    const timeline = await owner.get('/api/v1/members');
    expect(timeline.body.data.map((m: { userId: string }) => m.userId)).not.toContain(member.userId);
  });

  test('only owners manage the organization itself', async () => {
    const { orgId, admin, owner } = await orgWithRoles();
    expect((await admin.post('/api/auth/organization/update', { organizationId: orgId, data: { name: 'Renamed by admin' } })).status).toBe(403);
    const renamed = await owner.post('/api/auth/organization/update', { organizationId: orgId, data: { name: 'Renamed by owner' } });
    expect(renamed.status).toBe(200);
    expect((await admin.get('/api/v1/me')).body.data.organization.name).toBe('Renamed by owner');
    expect((await admin.post('/api/auth/organization/delete', { organizationId: orgId })).status).toBe(403);
  });
  // Admin-triggered password resets: server/auth-reset.test.ts.
});

describe('API keys', () => {
  test('create (shown once, stored hashed), list masked, authenticate as the creator in that org, revoke', async () => {
    const app = await testApp();
    const { admin, orgId } = await orgWithRoles(app);
    const created = await admin.post('/api/v1/api-keys', { name: 'Zapier' });
    expect(created.status).toBe(201);
    const { id, key, name } = created.body.data;
    expect(name).toBe('Zapier');
    expect(key).toMatch(/^mrd_/);

    const listed = await admin.get('/api/v1/api-keys');
    const row = listed.body.data.find((k: { id: string }) => k.id === id);
    expect(row).not.toHaveProperty('key');
    expect(row.masked).toMatch(/…$/);
    expect(JSON.stringify(listed.body)).not.toContain(key);
    const stored = (await app.database.query('select key from apikey where id = $1', [id])).rows[0].key;
    expect(stored).not.toBe(key);
    expect(stored).not.toContain(key.slice(4));

    // The key stays bound to the org that was active when it was made, even if the admin switches.
    await createOrg(admin, 'Another Org');
    const bot = new Client(app);
    bot.bearer = key;
    const me = await bot.get('/api/v1/me');
    expect(me.body.data).toMatchObject({ user: { id: admin.userId }, organization: { id: orgId }, role: 'admin', via: 'api_key' });
    const contact = await bot.post('/api/v1/contacts', { firstName: 'Via', lastName: 'Key' });
    expect(contact.status).toBe(201);
    const timeline = await bot.get(`/api/v1/contacts/${contact.body.data.id}/activities`);
    expect(timeline.body.data[0]).toMatchObject({ actorType: 'api_key', actorId: admin.userId, onBehalfOf: id });

    // Seen from the other org (now the admin's active one) the key does not exist.
    expect((await admin.delete(`/api/v1/api-keys/${id}`)).status).toBe(404);
    await admin.post('/api/auth/organization/set-active', { organizationId: orgId });
    expect((await admin.delete(`/api/v1/api-keys/${id}`)).status).toBe(204);
    expect((await bot.get('/api/v1/me')).status).toBe(401);
  });
});

describe('auth rate limits', () => {
  test('are kept in the database, so they survive a restart', async () => {
    const app = await testApp();
    const email = (await signUp(app)).email;
    const c = new Client(app);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await c.post('/api/auth/sign-in/email', { email, password: 'wrong-password' })).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const rows = (await app.database.query(`select count(*)::int as n from rate_limit where key like $1`, [`%${c.ip}%`])).rows;
    expect(rows[0].n).toBeGreaterThan(0);

    // A new app over the same database (a restart, or another node) still refuses this client.
    const restarted = await testApp({ env: { PORT: '3998' } });
    const same = Object.assign(new Client(restarted), { ip: c.ip });
    expect((await same.post('/api/auth/sign-in/email', { email, password: PASSWORD })).status).toBe(429);
  });
});
