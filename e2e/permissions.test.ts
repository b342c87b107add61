// Settings → Permissions in a real Chromium: the owner switches contacts to owner-only with members
// editing only their own, saves, and the API then reports it; the page fits a phone's width.
import { expect, test } from 'vitest';
import { hasChromium, openPage, setupE2E, signUpWithOrganization, warnIfNoChromium } from './helpers';

warnIfNoChromium('e2e/permissions.test.ts');
const e2e = setupE2E({ AUTH_RATE_LIMIT: 'false' });

test.skipIf(!hasChromium)('choose owner-only contacts and "members edit their own", save, see it kept', async () => {
  const env = e2e.env();
  const { context, page, consoleErrors } = await openPage(env);
  await signUpWithOrganization(page, { name: 'Petra Perms', email: `petra+${Date.now()}@example.com`, organization: 'Perms Org' });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('link', { name: /Permissions/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Permissions' }).waitFor();
  const read = page.getByLabel('Contacts: who can see them');
  await read.waitFor();
  expect(await read.inputValue()).toBe('all');
  await read.selectOption('own');
  await page.getByLabel('Contacts: members can edit').selectOption('own');
  await page.getByText('1 changed').waitFor();
  await env.shot(page, 'permissions');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Permissions saved').waitFor();
  await page.getByText('No changes').waitFor();

  const saved = await page.request.get(`${env.baseUrl}/api/v1/settings/permissions`, { headers: { origin: env.baseUrl } });
  expect(await saved.json()).toMatchObject({ contacts: { read: 'own', edit: 'own' }, deals: { read: 'all', edit: 'all' } });
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Permissions' }).waitFor();
  expect(await page.getByLabel('Contacts: who can see them').inputValue()).toBe('own');

  await page.setViewportSize({ width: 390, height: 800 });
  await page.getByRole('heading', { level: 1, name: 'Permissions' }).waitFor();
  await env.shot(page, 'permissions-phone');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  expect(consoleErrors).toEqual([]);
  await context.close();
});
