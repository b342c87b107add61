// Issue 8.1: a password reset cannot take over an account. The link only ever goes to the account's
// owner by email; without SMTP the admin gets a 409 and no link; a reset or a password change ends
// every other session of that user.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Client, testApp, type TestApp } from '../test/app';
import { addMember, ownerWithOrg, PASSWORD } from '../test/factories';
import { startSmtp } from '../test/smtp';

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let mailApp: TestApp;
beforeAll(async () => {
  smtp = await startSmtp();
  mailApp = await testApp({ env: { SMTP_URL: smtp.url } });
});
afterAll(() => smtp.close());

const NEW_PASSWORD = 'a-brand-new-password-for-v';

/** V owns org C and is a member of org A, whose admin is the would-be attacker. */
async function victimScenario(app: TestApp) {
  const { owner: v, orgId: orgC } = await ownerWithOrg(app);
  const { orgId: orgA } = await ownerWithOrg(app);
  const adminA = await addMember(orgA, 'admin', app);
  await app.auth.api.addMember({ body: { userId: v.userId, organizationId: orgA, role: 'member' } });
  const members = (await adminA.get('/api/v1/members')).body.data as { id: string; userId: string }[];
  const vRow = members.find((m) => m.userId === v.userId)!;
  return { v, orgC, orgA, adminA, vMemberId: vRow.id };
}

async function resetTokensOf(app: TestApp, userId: string) {
  const rows = await app.database.query(`select count(*)::int as n from verification where identifier like 'reset-password:%' and value = $1`, [userId]);
  return rows.rows[0].n;
}

describe('admin-triggered password reset', () => {
  test('without SMTP: 409 saying email must be configured, no link, no token made; V keeps C', async () => {
    const app = await testApp();
    const { v, orgC, adminA, vMemberId } = await victimScenario(app);

    const res = await adminA.post(`/api/v1/members/${vMemberId}/password-reset`);
    expect(res.status, JSON.stringify(res.body)).toBe(409);
    expect(res.body.error.code).toBe('email_not_configured');
    expect(res.body.error.message).toMatch(/email/i);
    expect(res.body.error.message).toMatch(/SMTP_URL/);
    expect(JSON.stringify(res.body)).not.toMatch(/reset-password|token=|http/i);
    expect(await resetTokensOf(app, v.userId)).toBe(0);

    // The takeover of the reproduction cannot happen: V's password is unchanged, V still owns C.
    const asV = new Client(app);
    expect((await asV.post('/api/auth/sign-in/email', { email: v.email, password: PASSWORD })).status).toBe(200);
    await asV.post('/api/auth/organization/set-active', { organizationId: orgC });
    expect((await asV.get('/api/v1/me')).body.data).toMatchObject({ organization: { id: orgC }, role: 'owner' });
  });

  test('with SMTP: the link goes to V by email only, never in the response', async () => {
    const { v, adminA, vMemberId } = await victimScenario(mailApp);
    const res = await adminA.post(`/api/v1/members/${vMemberId}/password-reset`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ emailed: true });
    const mail = await smtp.waitFor(v.email);
    expect(mail.to).toEqual([v.email]);
    expect(mail.raw).toMatch(/\/api\/auth\/reset-password\/[A-Za-z0-9]+/);
    expect(smtp.inbox.some((m) => m.to.includes(adminA.email))).toBe(false);
  });

  test('the members page learns that email is off from /me, before anyone clicks', async () => {
    const app = await testApp();
    const { adminA } = await victimScenario(app);
    expect((await adminA.get('/api/v1/me')).body.data.features.email).toBe(false);
  });
});

describe('sessions end when the password changes', () => {
  test('a reset through the emailed link signs V out everywhere', async () => {
    const { v, adminA, vMemberId } = await victimScenario(mailApp);
    const laptop = v;
    const phone = new Client(mailApp);
    expect((await phone.post('/api/auth/sign-in/email', { email: v.email, password: PASSWORD })).status).toBe(200);
    expect((await laptop.get('/api/v1/me')).status).toBe(200);
    expect((await phone.get('/api/v1/me')).status).toBe(200);

    expect((await adminA.post(`/api/v1/members/${vMemberId}/password-reset`)).status).toBe(200);
    const mail = await smtp.waitFor(v.email);
    const token = /\/api\/auth\/reset-password\/([A-Za-z0-9]+)/.exec(mail.raw)![1];
    const reset = await new Client(mailApp).post('/api/auth/reset-password', { newPassword: NEW_PASSWORD, token });
    expect(reset.status, JSON.stringify(reset.body)).toBe(200);

    expect((await laptop.get('/api/v1/me')).status).toBe(401);
    expect((await phone.get('/api/v1/me')).status).toBe(401);
    const fresh = new Client(mailApp);
    expect((await fresh.post('/api/auth/sign-in/email', { email: v.email, password: NEW_PASSWORD })).status).toBe(200);
  });

  test('a password change ends every other session, even when the client asks to keep them', async () => {
    const app = await testApp();
    const { owner } = await ownerWithOrg(app);
    const other = new Client(app);
    expect((await other.post('/api/auth/sign-in/email', { email: owner.email, password: PASSWORD })).status).toBe(200);
    expect((await other.get('/api/v1/me')).status).toBe(200);

    const changed = await owner.post('/api/auth/change-password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, revokeOtherSessions: false });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect((await other.get('/api/v1/me')).status).toBe(401);
    // The session that changed it carries on, in the organization it was in.
    expect((await owner.get('/api/v1/me')).status).toBe(200);
    expect((await owner.get('/api/auth/organization/get-active-member')).status).toBe(200);
  });
});
