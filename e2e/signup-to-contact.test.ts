// End to end, in a real Chromium against the real server on a fresh embedded database:
// sign up → create an organization → create a company → create a contact at that company →
// find the contact by search → open it and see its company.
import { expect, test } from 'vitest';
import { hasChromium, openPage, setupE2E, warnIfNoChromium } from './helpers';

warnIfNoChromium('e2e/signup-to-contact.test.ts');
const e2e = setupE2E({ AUTH_RATE_LIMIT: 'false' });

test.skipIf(!hasChromium)('sign up, create a company and a contact there, find the contact and see its company', async () => {
  const env = e2e.env();
  const { context, page, consoleErrors } = await openPage(env);
  const shot = env.shot;

  const heading = (name: string) => page.getByRole('heading', { level: 1, name });
  const nav = page.getByRole('navigation', { name: 'Main' });
  const dialog = page.getByRole('dialog');
  const stamp = Date.now();

  // A signed-out visitor lands on sign-in and goes on to sign up.
  await page.goto('/');
  await heading('Sign in').waitFor();
  await page.getByRole('link', { name: 'Create an account' }).click();
  await heading('Create your account').waitFor();
  await page.getByLabel('Name').fill('Eve Tester');
  await page.getByLabel('Email').fill(`eve+${stamp}@example.com`);
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByText('Use at least 10 characters.').waitFor();
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Create account' }).click();

  // A new account creates its organization; the slug follows the name.
  await heading('Create your organization').waitFor();
  await page.getByLabel('Organization name').fill('Acme Test Org');
  expect(await page.getByLabel('URL slug').inputValue()).toBe('acme-test-org');
  await page.getByRole('button', { name: 'Create organization' }).click();
  // A new organization opens on its dashboard with the first-steps checklist.
  await heading('Dashboard').waitFor();
  await page.getByRole('heading', { name: 'First steps' }).waitFor();
  await nav.getByRole('link', { name: 'Contacts' }).click();
  await heading('Contacts').waitFor();
  await page.getByText('No contacts yet').waitFor();
  await expect(page.getByRole('button', { name: 'User menu' }).textContent()).resolves.toContain('Acme Test Org');

  // A company.
  await nav.getByRole('link', { name: 'Companies' }).click();
  await heading('Companies').waitFor();
  await page.getByRole('button', { name: 'New company' }).first().click();
  await dialog.getByLabel('Name').fill('Globex Corporation');
  await dialog.getByLabel('Domain').fill('https://www.globex.example/about');
  await dialog.getByRole('button', { name: 'Create company' }).click();
  await heading('Globex Corporation').waitFor();
  await page.getByText('globex.example', { exact: true }).first().waitFor();

  // A contact at that company, picked in the company combobox; and a second one elsewhere.
  await nav.getByRole('link', { name: 'Contacts' }).click();
  await heading('Contacts').waitFor();
  await page.getByRole('button', { name: 'New contact' }).first().click();
  await dialog.getByLabel('First name').fill('Ada');
  await dialog.getByLabel('Last name').fill('Lovelace');
  await dialog.getByLabel('Email', { exact: true }).fill('not-an-email');
  await dialog.getByRole('button', { name: 'Create contact' }).click();
  await dialog.getByText('must be a valid email address').waitFor();
  await dialog.getByLabel('Email', { exact: true }).fill('ada@globex.example');
  await dialog.getByRole('combobox', { name: 'Company' }).click();
  await page.getByRole('combobox', { name: 'Search companies' }).fill('Glob');
  await page.getByRole('option', { name: 'Globex Corporation' }).click();
  await expect(dialog.getByRole('combobox', { name: 'Company' }).textContent()).resolves.toContain('Globex Corporation');
  await dialog.getByRole('button', { name: 'Create contact' }).click();
  await heading('Ada Lovelace').waitFor();

  await nav.getByRole('link', { name: 'Contacts' }).click();
  await page.getByRole('button', { name: 'New contact' }).first().click();
  await dialog.getByLabel('First name').fill('Grace');
  await dialog.getByLabel('Last name').fill('Hopper');
  await dialog.getByRole('button', { name: 'Create contact' }).click();
  await heading('Grace Hopper').waitFor();

  // The list shows both; searching narrows it to the one.
  await nav.getByRole('link', { name: 'Contacts' }).click();
  const rows = page.getByRole('grid', { name: 'Contacts' }).locator('tbody tr');
  await page.getByText('1–2 of 2').waitFor();
  await shot(page, '1-contacts-list');
  await page.getByRole('searchbox', { name: 'Search contacts' }).fill('Lovelace');
  await page.getByText('1–1 of 1').waitFor();
  expect(await rows.count()).toBe(1);
  await expect(rows.first().textContent()).resolves.toContain('Ada Lovelace');
  await expect(rows.first().textContent()).resolves.toContain('Globex Corporation');
  expect(await page.getByRole('link', { name: 'Grace Hopper' }).count()).toBe(0);
  await shot(page, '2-contacts-search');

  // The contact's page names its company, as a link to it.
  await page.getByRole('link', { name: 'Ada Lovelace' }).click();
  await heading('Ada Lovelace').waitFor();
  const companyLink = page.getByRole('link', { name: 'Globex Corporation' });
  await companyLink.waitFor();
  expect(await companyLink.getAttribute('href')).toMatch(/^\/companies\/[0-9a-f-]{36}$/);
  await page.getByText('created this contact').waitFor();
  await shot(page, '3-contact-detail');

  // And the company's page lists the contact.
  await companyLink.click();
  await heading('Globex Corporation').waitFor();
  await page.getByRole('link', { name: 'Ada Lovelace' }).waitFor();
  await shot(page, '4-company-detail');

  await context.close();
  expect(consoleErrors).toEqual([]);
});
