// Issue 17.1: normal use never trips the auth rate limiter. Session reads are not counted; only
// credential endpoints (sign-in, sign-up, password reset, password change) are, per IP and per account.
import { describe, expect, test } from 'vitest';
import { Client, testApp, uniqueEmail } from '../test/app';
import { ownerWithOrg, PASSWORD } from '../test/factories';

describe('the auth rate limiter', () => {
  test('does not count session checks: 300 in a row from one IP all answer', { timeout: 120_000 }, async () => {
    const app = await testApp();
    expect(app.env.AUTH_RATE_LIMIT).toBe(true);
    const { owner, orgId } = await ownerWithOrg(app);
    const statuses = new Map<number, number>();
    for (let i = 0; i < 300; i++) {
      const s = (await owner.get('/api/auth/get-session')).status;
      statuses.set(s, (statuses.get(s) ?? 0) + 1);
    }
    expect(Object.fromEntries(statuses)).toEqual({ 200: 300 });
    // Nor the other reads a busy page makes.
    for (let i = 0; i < 60; i++) {
      expect((await owner.get('/api/auth/organization/list')).status).toBe(200);
      expect((await owner.get(`/api/auth/organization/get-full-organization?organizationId=${orgId}`)).status).toBe(200);
    }
    const counted = await app.database.query(`select count(*)::int as n from rate_limit where key like $1 and (key like '%get-session%' or key like '%organization%')`, [`%${owner.ip}%`]);
    expect(counted.rows[0].n).toBe(0);
  });

  test('still counts sign-in per IP', async () => {
    const app = await testApp();
    const { owner } = await ownerWithOrg(app);
    const c = new Client(app);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await c.post('/api/auth/sign-in/email', { email: uniqueEmail(), password: 'wrong-password' })).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    // The same IP is refused even for a right password; another IP is not.
    expect((await c.post('/api/auth/sign-in/email', { email: owner.email, password: PASSWORD })).status).toBe(429);
    expect((await new Client(app).post('/api/auth/sign-in/email', { email: owner.email, password: PASSWORD })).status).toBe(200);
  });

  test('counts reset requests per IP and per account', async () => {
    const app = await testApp();
    const { owner } = await ownerWithOrg(app);
    const ask = (c: Client, email: string) => c.post('/api/auth/request-password-reset', { email, redirectTo: 'http://localhost:3999/reset-password' });
    const sameIp = new Client(app);
    const perIp: number[] = [];
    for (let i = 0; i < 4; i++) perIp.push((await ask(sameIp, uniqueEmail())).status);
    expect(perIp).toEqual([200, 200, 200, 429]);

    // One account, many IPs (each request from a fresh one).
    const perAccount: number[] = [];
    for (let i = 0; i < 6; i++) perAccount.push((await ask(new Client(app), owner.email)).status);
    expect(perAccount.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(perAccount[5]).toBe(429);
  });
});
