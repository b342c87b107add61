// Settings → Permissions in a real Chromium: the owner switches contacts to owner-only with members
// editing only their own, saves, and the API then reports it; the page fits a phone's width. Then
// field rules: a deal's amount hidden from viewers and read-only for members, and a custom field.
import { expect, test } from 'vitest';
import { hasChromium, openPage, setupE2E, shotsAtBothWidths, signUpWithOrganization, UI_TIMEOUT, warnIfNoChromium } from './helpers';

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

test.skipIf(!hasChromium)('field rules: hide the deal amount from viewers, make it read-only for members, and a custom field hidden from members', async () => {
  const env = e2e.env();
  const { context, page, consoleErrors } = await openPage(env, { width: 1280, height: 900 });
  await signUpWithOrganization(page, { name: 'Felix Fields', email: `felix+${Date.now()}@example.com`, organization: 'Fields Org' });
  const made = await page.request.post('/api/v1/custom-fields', { data: { entity: 'contact', key: 'salary', label: 'Salary', type: 'number' }, headers: { origin: env.baseUrl } });
  expect(made.status()).toBe(201);
  await page.goto('/settings/permissions');
  await page.getByRole('heading', { level: 1, name: 'Permissions' }).waitFor();

  const dealsButton = page.getByRole('button', { name: 'Field rules for Deals: All visible' });
  await dealsButton.click();
  const dialog = page.getByRole('dialog', { name: 'Field rules: Deals' });
  await dialog.getByLabel('Find a field').fill('amo');
  await dialog.getByLabel('Amount: Viewers').selectOption('hidden');
  await dialog.getByLabel('Amount: Members').selectOption('read_only');
  await dialog.getByText('1 restricted').waitFor();
  await dialog.getByLabel('Find a field').fill('');
  await shotsAtBothWidths(page, env.shot, 'field-rules-dialog');
  await dialog.getByRole('button', { name: 'Save field rules' }).click();
  await page.getByText('Field rules for deals saved').waitFor();
  await page.getByRole('button', { name: 'Field rules for Deals: 1 restricted' }).waitFor({ timeout: UI_TIMEOUT });

  await page.getByRole('button', { name: 'Field rules for Contacts: All visible' }).click();
  const contacts = page.getByRole('dialog', { name: 'Field rules: Contacts' });
  await contacts.getByLabel('Salary: Members').selectOption('hidden');
  await contacts.getByLabel('Salary: Viewers').selectOption('hidden');
  await contacts.getByRole('button', { name: 'Save field rules' }).click();
  await page.getByText('Field rules for contacts saved').waitFor();

  const saved = await (await page.request.get('/api/v1/settings/permissions')).json();
  expect(saved.deals.fields).toEqual({ amount: { viewer: 'hidden', member: 'read_only' } });
  expect(saved.contacts.fields).toEqual({ 'customFields.salary': { member: 'hidden', viewer: 'hidden' } });
  // Read and edit were not touched by the field dialogs.
  expect(saved.deals).toMatchObject({ read: 'all', edit: 'all' });

  // Back to visible: the rule goes.
  await page.getByRole('button', { name: 'Field rules for Deals: 1 restricted' }).click();
  await dialog.getByLabel('Amount: Viewers').selectOption('visible');
  await dialog.getByLabel('Amount: Members').selectOption('visible');
  await dialog.getByRole('button', { name: 'Save field rules' }).click();
  await page.getByRole('button', { name: 'Field rules for Deals: All visible' }).waitFor({ timeout: UI_TIMEOUT });
  expect((await (await page.request.get('/api/v1/settings/permissions')).json()).deals.fields).toEqual({});
  expect(consoleErrors).toEqual([]);
  await context.close();
});
