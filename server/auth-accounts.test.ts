// Issue 8.7: accounts. Weak passwords are refused with a clear message wherever a password is set;
// failed sign-ins for one account slow down and then lock it (per account, across IPs and nodes),
// the lock is visible to admins who can lift it; sign-up does not reveal whether an email exists.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Client, testApp, uniqueEmail, type Res, type TestApp } from '../test/app';
import { addMember, ownerWithOrg, PASSWORD } from '../test/factories';
import { startSmtp } from '../test/smtp';

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let mailApp: TestApp;
beforeAll(async () => {
  smtp = await startSmtp();
  mailApp = await testApp({ env: { SMTP_URL: smtp.url } });
});
afterAll(() => smtp.close());

const signUpAs = (app: TestApp, email: string, password: string, name = 'Pat Example') => new Client(app).post('/api/auth/sign-up/email', { name, email, password });
const messageOf = (res: Res) => String(res.body?.message ?? res.body?.error?.message ?? '');

describe('password rules', () => {
  test('sign-up refuses short and common passwords with a clear message and creates nobody', async () => {
    const app = await testApp();
    const email = uniqueEmail('weak');
    const short = await signUpAs(app, email, 'Tr0ub4do!');
    expect(short.status).toBe(400);
    expect(short.body.code).toBe('PASSWORD_TOO_SHORT');
    expect(messageOf(short)).toMatch(/at least 10 characters/);
    for (const common of ['password1234', 'qwertyuiop', '1234567890', 'iloveyou12']) {
      const res = await signUpAs(app, email, common);
      expect(res.status, common).toBe(400);
      expect(res.body.code, common).toBe('PASSWORD_TOO_COMMON');
      expect(messageOf(res), common).toMatch(/easy to guess/i);
    }
    // A password made of the person's own name and email is as weak as a common one.
    const personal = await signUpAs(app, 'margaret.hamilton@example.test', 'margarethamilton', 'Margaret Hamilton');
    expect(personal.status).toBe(400);
    const users = await app.database.query(`select count(*)::int as n from "user" where email in ($1, 'margaret.hamilton@example.test')`, [email]);
    expect(users.rows[0].n).toBe(0);
    expect((await signUpAs(app, email, 'violet kettle marathon')).status).toBe(200);
  });

  test('reset and change refuse them too, and the old password keeps working', async () => {
    const { owner } = await ownerWithOrg(mailApp);
    const weak = await owner.post('/api/auth/change-password', { currentPassword: PASSWORD, newPassword: 'password1234' });
    expect(weak.status).toBe(400);
    expect(weak.body.code).toBe('PASSWORD_TOO_COMMON');
    const short = await owner.post('/api/auth/change-password', { currentPassword: PASSWORD, newPassword: 'short' });
    expect(short.status).toBe(400);
    expect(messageOf(short)).toMatch(/at least 10 characters/);

    expect((await new Client(mailApp).post('/api/auth/request-password-reset', { email: owner.email, redirectTo: 'http://localhost:3999/reset-password' })).status).toBe(200);
    const mail = await smtp.waitFor(owner.email);
    const token = /\/api\/auth\/reset-password\/([A-Za-z0-9]+)/.exec(mail.raw)![1];
    const weakReset = await new Client(mailApp).post('/api/auth/reset-password', { newPassword: 'letmein1234', token });
    expect(weakReset.status).toBe(400);
    expect(weakReset.body.code).toBe('PASSWORD_TOO_COMMON');
    expect((await new Client(mailApp).post('/api/auth/sign-in/email', { email: owner.email, password: PASSWORD })).status).toBe(200);
    // The refusal did not spend the link.
    expect((await new Client(mailApp).post('/api/auth/reset-password', { newPassword: 'granite lantern orbit', token })).status).toBe(200);
  });
});

describe('failed sign-ins', () => {
  const attempt = (app: TestApp, email: string, password: string) => new Client(app).post('/api/auth/sign-in/email', { email, password });
  /** Lets the current delay (not a lock's count) run out, as if time had passed. */
  const waitOut = (app: TestApp, email: string) => app.database.query(`update auth_throttle set blocked_until = now() - interval '1 second' where key = $1`, [`sign-in:${email}`]);

  test('slow down, then lock the account across IPs and nodes; admins see the lock and lift it', async () => {
    const app = await testApp();
    const { owner, orgId } = await ownerWithOrg(app);
    const member = await addMember(orgId, 'member', app);
    const viewer = await addMember(orgId, 'viewer', app);

    // Every attempt from a different IP: the per-IP limiter never sees a second one.
    for (let i = 0; i < 5; i++) expect((await attempt(app, member.email, `wrong-password-${i}`)).status).toBe(401);
    const throttled = await attempt(app, member.email, PASSWORD);
    expect(throttled.status).toBe(429);
    expect(throttled.body.code).toBe('SIGN_IN_THROTTLED');
    expect(messageOf(throttled)).toMatch(/Try again in \d+ seconds?/);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);

    for (let i = 5; i < 10; i++) {
      await waitOut(app, member.email);
      expect((await attempt(app, member.email, `wrong-password-${i}`)).status).toBe(401);
    }
    const locked = await attempt(app, member.email, PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('ACCOUNT_LOCKED');
    expect(messageOf(locked)).toMatch(/locked/i);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(600);

    // Another node over the same database refuses it too.
    const otherNode = await testApp({ env: { PORT: '3997' } });
    expect((await attempt(otherNode, member.email, PASSWORD)).status).toBe(429);

    const rows = (await owner.get('/api/v1/members')).body.data as { id: string; userId: string; lockedUntil: string | null }[];
    const row = rows.find((m) => m.userId === member.userId)!;
    expect(Date.parse(row.lockedUntil!)).toBeGreaterThan(Date.now() + 10 * 60_000);
    expect(rows.find((m) => m.userId === owner.userId)!.lockedUntil).toBeNull();

    expect((await viewer.post(`/api/v1/members/${row.id}/unlock`)).status).toBe(403);
    const unlocked = await owner.post(`/api/v1/members/${row.id}/unlock`);
    expect(unlocked.status).toBe(200);
    expect(unlocked.body.data.lockedUntil).toBeNull();
    expect((await attempt(app, member.email, PASSWORD)).status).toBe(200);
    const timeline = await app.database.query(`select action from activities where organization_id = $1 and entity_id = $2`, [orgId, row.id]);
    expect(timeline.rows.map((r) => r.action)).toContain('unlocked');
  });

  test('a successful sign-in clears the count', async () => {
    const app = await testApp();
    const { owner } = await ownerWithOrg(app);
    for (let i = 0; i < 4; i++) expect((await attempt(app, owner.email, 'not-the-password')).status).toBe(401);
    expect((await attempt(app, owner.email, PASSWORD)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await attempt(app, owner.email, 'not-the-password')).status).toBe(401);
    expect((await attempt(app, owner.email, PASSWORD)).status).toBe(200);
  });

  test('an unknown email behaves exactly like a known one (no way to tell which exists)', async () => {
    const app = await testApp();
    const { owner } = await ownerWithOrg(app);
    const ghost = uniqueEmail('nobody');
    const seen = { known: [] as string[], unknown: [] as string[] };
    for (let i = 0; i < 6; i++) {
      const k = await attempt(app, owner.email, 'not-the-password');
      const u = await attempt(app, ghost, 'not-the-password');
      seen.known.push(`${k.status} ${k.body.code}`);
      seen.unknown.push(`${u.status} ${u.body.code}`);
    }
    expect(seen.unknown).toEqual(seen.known);
    expect(seen.known.at(-1)).toBe('429 SIGN_IN_THROTTLED');
  });
});

describe('sign-up does not reveal whether an email exists', () => {
  /** The response's shape: every key with its type, recursively. */
  const shape = (v: unknown): unknown =>
    v === null ? 'null' : Array.isArray(v) ? v.map(shape) : typeof v === 'object' ? Object.fromEntries(Object.entries(v as object).sort().map(([k, x]) => [k, shape(x)])) : typeof v;

  test('a taken email gets the same status, shape and cookies as a fresh one; its owner is told by email', async () => {
    const email = uniqueEmail('taken');
    const fresh = await signUpAs(mailApp, email, 'violet kettle marathon', 'First Owner');
    const again = await signUpAs(mailApp, email, 'granite lantern orbit', 'Someone Else');
    expect(fresh.status).toBe(200);
    expect(again.status).toBe(fresh.status);
    expect(shape(again.body)).toEqual(shape(fresh.body));
    expect(again.body.user.email).toBe(email);
    expect(again.headers.getSetCookie().map((c) => c.split('=')[0])).toEqual(fresh.headers.getSetCookie().map((c) => c.split('=')[0]));
    // The attempt changed nothing: the first password still signs in, the second does not.
    expect((await new Client(mailApp).post('/api/auth/sign-in/email', { email, password: 'granite lantern orbit' })).status).toBe(401);
    expect((await new Client(mailApp).post('/api/auth/sign-in/email', { email, password: 'violet kettle marathon' })).status).toBe(200);
    const notice = await smtp.waitFor(email);
    expect(notice.raw).toMatch(/already has an account|sign-up attempt|tried to create/i);
  });
});
