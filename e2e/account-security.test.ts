// What a person sees of the account rules (Issue 8.1, 8.7): the password rule and the server's
// reason on sign-up and change-password; a taken address on sign-up told nothing more than
// "could not sign you in"; failed sign-ins locking an account, the lock on the members page and an
// admin lifting it; a password reset without email set up explained instead of handing out a link.
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { hasChromium, openPage, setupE2E, signUpWithOrganization, warnIfNoChromium, type E2EEnv } from './helpers';

warnIfNoChromium('e2e/account-security.test.ts');
// Lock after 3 failures so the flow need not make 10; the per-IP limiter has its API tests.
const e2e = setupE2E({ AUTH_RATE_LIMIT: 'false', AUTH_LOCKOUT_THRESHOLD: '3' });

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });

async function fitsWidth(page: Page, what: string) {
  const { overflow, widest } = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const widest = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > width + 1)
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${String(e.className).slice(0, 80)} [${getComputedStyle(e).position} ${getComputedStyle(e).overflowX}] → ${Math.round(e.getBoundingClientRect().right)}`);
    return { overflow: document.documentElement.scrollWidth - width, widest };
  });
  expect(overflow, `${what} scrolls sideways at ${page.viewportSize()?.width} px: ${widest.join('; ')}`).toBeLessThanOrEqual(0);
}

async function signInAttempt(env: E2EEnv, email: string, password: string) {
  const { context, page } = await openPage(env);
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  return { context, page };
}

test.skipIf(!hasChromium)('password rule, taken address, lockout with unlock, reset without email', async () => {
  const env = e2e.env();
  const stamp = Date.now();
  const owner = { name: 'Olga Owner', email: `olga+${stamp}@example.com`, organization: 'Secure Org' };
  const mate = { name: 'Mark Mate', email: `mark+${stamp}@example.com`, password: 'quiet harbor lantern' };
  const { context, page, consoleErrors } = await openPage(env);

  // Sign-up shows the rule, then the server's reason for a common password.
  await page.goto('/sign-up');
  await page.getByText('At least 10 characters, and not a common or easily guessed password').waitFor();
  await page.getByLabel('Name').fill(owner.name);
  await page.getByLabel('Email').fill(owner.email);
  await page.getByLabel('Password').fill('password1234');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByText('This password is too easy to guess').waitFor();
  await env.shot(page, 'sign-up-weak-password');
  await signUpWithOrganization(page, owner);

  // Change password: refused with the reason, then accepted.
  await page.goto('/settings');
  await page.getByRole('heading', { name: 'Change password' }).waitFor();
  await page.getByLabel('Current password').fill('correct horse battery');
  await page.getByLabel('New password', { exact: true }).fill('qwertyuiop12');
  await page.getByLabel('Confirm new password').fill('qwertyuiop12');
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByText('This password is too easy to guess').waitFor();
  await env.shot(page, 'change-password-refused');
  await page.getByLabel('New password', { exact: true }).fill('amber meadow compass');
  await page.getByLabel('Confirm new password').fill('amber meadow compass');
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByText('Password changed. Your other sessions were signed out.').waitFor();
  await heading(page, 'Settings').waitFor();

  // A taken address: sign-up answers as for any other; the sign-in after it is what fails.
  {
    const other = await openPage(env, { width: 390, height: 844 });
    await other.page.goto('/sign-up');
    await other.page.getByLabel('Name').fill('Not Olga');
    await other.page.getByLabel('Email').fill(owner.email);
    await other.page.getByLabel('Password').fill('violet kettle marathon');
    await other.page.getByRole('button', { name: 'Create account' }).click();
    await other.page.getByText('We could not sign you in with this password').waitFor();
    await env.shot(other.page, 'phone-sign-up-taken-address');
    await fitsWidth(other.page, '/sign-up');
    await other.context.close();
  }

  // A teammate joins (by invitation, through the API), then someone fails to sign in as them.
  const origin = { origin: env.baseUrl };
  const invite = await page.request.post('/api/auth/organization/invite-member', { data: { email: mate.email, role: 'member' }, headers: origin });
  expect(invite.status()).toBe(200);
  const mateCtx = await env.browser.newContext({ baseURL: env.baseUrl });
  expect((await mateCtx.request.post('/api/auth/sign-up/email', { data: { name: mate.name, email: mate.email, password: mate.password }, headers: origin })).status()).toBe(200);
  expect((await mateCtx.request.post('/api/auth/sign-in/email', { data: { email: mate.email, password: mate.password }, headers: origin })).status()).toBe(200);
  expect((await mateCtx.request.post('/api/auth/organization/accept-invitation', { data: { invitationId: (await invite.json()).id }, headers: origin })).status()).toBe(200);
  await mateCtx.close();

  for (let i = 0; i < 3; i++) {
    const attempt = await signInAttempt(env, mate.email, `not-the-password-${i}`);
    await attempt.page.getByText('Invalid email or password').waitFor();
    await attempt.context.close();
  }
  const locked = await signInAttempt(env, mate.email, mate.password);
  await locked.page.getByText('This account is locked after too many failed sign-ins').waitFor();
  await env.shot(locked.page, 'sign-in-locked');
  await locked.context.close();

  // The owner sees the lock and lifts it; the teammate signs in.
  await page.goto('/settings/members');
  const row = page.getByRole('row', { name: new RegExp(mate.name) });
  await row.getByText(/Locked until/).waitFor();
  await env.shot(page, 'members-locked');
  await page.setViewportSize({ width: 390, height: 844 });
  await row.getByText(/Locked until/).waitFor();
  await env.shot(page, 'phone-members-locked');
  await fitsWidth(page, '/settings/members (locked member)');
  await page.setViewportSize({ width: 1280, height: 800 });
  await row.getByRole('button', { name: `Actions for ${mate.name}` }).click();
  await page.getByRole('menuitem', { name: 'Unlock sign-in' }).click();
  await page.getByText(`${mate.name} can sign in again`).waitFor();
  await expect(row.getByText(/Locked until/).count()).resolves.toBe(0);
  const back = await signInAttempt(env, mate.email, mate.password);
  await heading(back.page, 'Dashboard').or(heading(back.page, 'Contacts')).waitFor();
  await back.context.close();

  // Without SMTP a reset link cannot go anywhere: the admin is told why, and gets no link.
  await row.getByRole('button', { name: `Actions for ${mate.name}` }).click();
  await page.getByRole('menuitem', { name: 'Send password reset' }).click();
  const dialog = page.getByRole('dialog', { name: 'Email is not set up' });
  await dialog.getByText('This server cannot send email').waitFor();
  await expect(dialog.textContent()).resolves.not.toMatch(/http|reset-password/);
  await env.shot(page, 'members-reset-without-email');
  await dialog.getByRole('button', { name: 'OK' }).click();

  // Phone width: the other pages changed here still fit.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/settings');
  await page.getByRole('heading', { name: 'Change password' }).waitFor();
  await env.shot(page, 'phone-settings');
  await fitsWidth(page, '/settings');

  expect(consoleErrors.filter((e) => !/the server responded with a status of (400|401|409|429)/.test(e))).toEqual([]);
  await context.close();
});
