// Issue 17 items 3 and 5 (pickers) in a real Chromium against the real server: owners default to the
// signed-in user in every record form; the contact form's company picker creates "Globex" with Enter
// and a later Enter picks the existing match; contact, company and deal pages show their related
// records with Add in place (a task added from the contact page is linked to it and shows there; a
// deal added there starts with the contact and company); the deal page's stage stepper moves the
// deal; a task made on /tasks is linked to the deal through the record picker and shows on the deal.
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { hasChromium, openPage, setupE2E, signUpWithOrganization, warnIfNoChromium } from './helpers';

warnIfNoChromium('e2e/related-records.test.ts');
const e2e = setupE2E({ AUTH_RATE_LIMIT: 'false' });

/** The text of a select's chosen option. */
const chosen = (page: Page, label: string) => page.getByRole('dialog').getByLabel(label, { exact: true }).evaluate((s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent ?? '');
/** Waits until the text read by `read` contains `want`; fails showing the last text seen. */
async function eventually(read: () => Promise<string | null>, want: string) {
  let last: string | null = null;
  for (let i = 0; i < 50; i++) {
    last = await read().catch((e: Error) => `(${e.message.split('\n')[0]})`);
    if (last?.includes(want)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  expect(last).toContain(want);
}
/** No horizontal page scroll at the current width. */
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

test.skipIf(!hasChromium)('related records on contact, company and deal pages; pickers create inline; owners default to me', { timeout: 360_000 }, async () => {
  const env = e2e.env();
  const { context, page, consoleErrors } = await openPage(env);
  const heading = (name: string) => page.getByRole('heading', { level: 1, name });
  const dialog = page.getByRole('dialog');
  const section = (name: string) => page.getByRole('region', { name: new RegExp(`^${name}`) });
  const stamp = Date.now();
  const me = 'Rita Records';

  await signUpWithOrganization(page, { name: me, email: `rita+${stamp}@example.com`, organization: 'Records Co' });

  // Owner defaults: every create form starts with the signed-in user.
  for (const [path, button, field] of [
    ['/companies', 'New company', 'Owner'],
    ['/leads', 'New lead', 'Owner'],
    ['/deals', 'New deal', 'Owner'],
    ['/events', 'New event', 'Owner'],
    ['/tasks', 'New task', 'Assignee'],
  ] as const) {
    await page.goto(path);
    await page.getByRole('button', { name: button }).first().click();
    await dialog.waitFor();
    await eventually(() => chosen(page, field), me);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  }
  await page.goto('/projects');
  await page.getByRole('button', { name: 'New project' }).first().click();
  await eventually(() => dialog.getByLabel('Assignees').textContent(), me);
  await page.keyboard.press('Escape');

  // A contact whose company is created from the picker with Enter.
  await page.goto('/contacts');
  await page.getByRole('button', { name: 'New contact' }).first().click();
  await dialog.getByLabel('First name').fill('Ada');
  await dialog.getByLabel('Last name').fill('Lovelace');
  await eventually(() => chosen(page, 'Owner'), me);
  await dialog.getByLabel('Company').click();
  const companySearch = page.getByRole('combobox', { name: 'Search companies' });
  await companySearch.fill('Globex');
  await page.getByRole('option', { name: 'Create company “Globex”' }).waitFor();
  await env.shot(page, 'r0-company-picker-create-1280');
  await companySearch.press('Enter');
  await companySearch.waitFor({ state: 'detached' });
  await eventually(() => dialog.getByLabel('Company').textContent(), 'Globex');
  await dialog.getByRole('button', { name: 'Create contact' }).click();
  await heading('Ada Lovelace').waitFor();
  await page.getByRole('link', { name: 'Globex' }).first().waitFor();

  // Contact page: its sections, Add task in place (linked to the contact, shown here).
  for (const name of ['Deals', 'Tasks', 'Upcoming events', 'Projects']) await section(name).waitFor();
  await section('Tasks').getByRole('button', { name: 'Add task' }).click();
  await eventually(() => dialog.getByLabel('Related to').textContent(), 'Ada Lovelace');
  await dialog.getByLabel('Title').fill('Call Ada about the pilot');
  await dialog.getByRole('button', { name: 'Create task' }).click();
  await dialog.waitFor({ state: 'detached' });
  await section('Tasks').getByText('Call Ada about the pilot').waitFor();
  await heading('Ada Lovelace').waitFor();

  // Add deal in place: starts with Ada as primary contact and Globex; stays on the contact page.
  await section('Deals').getByRole('button', { name: 'Add deal' }).click();
  await eventually(() => dialog.getByLabel('Primary contact').textContent(), 'Ada Lovelace');
  await eventually(() => dialog.getByLabel('Company').textContent(), 'Globex');
  await eventually(() => chosen(page, 'Owner'), me);
  await dialog.getByLabel('Name').fill('Globex pilot');
  await dialog.getByLabel('Amount').fill('7500');
  await dialog.getByRole('button', { name: 'Create deal' }).click();
  await dialog.waitFor({ state: 'detached' });
  await section('Deals').getByRole('link', { name: 'Globex pilot' }).waitFor();
  await heading('Ada Lovelace').waitFor();
  await env.shot(page, 'r1-contact-1280');

  // Enter picks the highlighted existing match (not "No company", not a second Globex).
  await page.goto('/deals');
  await page.getByRole('button', { name: 'New deal' }).first().click();
  await dialog.getByLabel('Company').click();
  await page.getByRole('combobox', { name: 'Search companies' }).fill('Glob');
  await page.getByRole('option', { name: /^Globex/ }).waitFor();
  await page.getByRole('combobox', { name: 'Search companies' }).press('Enter');
  await eventually(() => dialog.getByLabel('Company').textContent(), 'Globex');
  await page.keyboard.press('Escape');
  const companies = await page.request.get('/api/v1/companies?q=Globex');
  expect((await companies.json()).total).toBe(1);

  // Company page: contacts, deals, projects, tasks; Add project in place.
  await page.goto('/contacts');
  await page.getByRole('link', { name: 'Ada Lovelace' }).first().click();
  await heading('Ada Lovelace').waitFor();
  await page.getByRole('region', { name: 'Details' }).getByRole('link', { name: 'Globex' }).click();
  await heading('Globex').waitFor();
  await section('Contacts').getByRole('link', { name: 'Ada Lovelace' }).waitFor();
  await section('Deals').getByRole('link', { name: 'Globex pilot' }).waitFor();
  await section('Tasks').waitFor();
  await section('Projects').getByRole('button', { name: 'Add project' }).click();
  await eventually(() => dialog.getByLabel('Organization').textContent(), 'Globex');
  await dialog.getByLabel('Name').fill('Globex onboarding');
  await dialog.getByRole('button', { name: 'Create project' }).click();
  await dialog.waitFor({ state: 'detached' });
  await section('Projects').getByRole('link', { name: 'Globex onboarding' }).waitFor();
  await heading('Globex').waitFor();
  await env.shot(page, 'r2-company-1280');

  // Deal page: contacts (Ada, primary), stage stepper moves the deal.
  await section('Deals').getByRole('link', { name: 'Globex pilot' }).click();
  await heading('Globex pilot').waitFor();
  await section('Contacts').getByRole('link', { name: 'Ada Lovelace' }).waitFor();
  await section('Contacts').getByText('Primary').waitFor();
  const stepper = page.getByRole('navigation', { name: 'Deal stage' });
  expect(await stepper.getByRole('button', { name: 'Qualification' }).getAttribute('aria-current')).toBe('step');
  const moved = page.waitForResponse((r) => /\/api\/v1\/deals\/[^/]+\/move$/.test(r.url()) && r.ok());
  await stepper.getByRole('button', { name: 'Proposal' }).click();
  await moved;
  await expect.poll(() => stepper.getByRole('button', { name: 'Proposal' }).getAttribute('aria-current')).toBe('step');
  await page.getByRole('region', { name: 'Details' }).getByText('Proposal').waitFor();
  await env.shot(page, 'r3-deal-1280');

  // A task made on /tasks, linked to the deal through the record picker, shows on the deal.
  await page.goto('/tasks');
  await page.getByRole('button', { name: 'New task' }).first().click();
  await dialog.getByLabel('Title').fill('Send the pilot proposal');
  await dialog.getByLabel('Related to').click();
  const recordSearch = page.getByRole('combobox', { name: 'Search records' });
  await recordSearch.fill('Globex pilot');
  const dealOption = page.getByRole('option', { name: /Globex pilot.*Deal/ });
  await dealOption.waitFor();
  await env.shot(page, 'r4-record-picker-1280');
  await dealOption.click();
  await eventually(() => dialog.getByLabel('Related to').textContent(), 'Globex pilot');
  await dialog.getByRole('button', { name: 'Create task' }).click();
  await dialog.waitFor({ state: 'detached' });
  const tasks = await (await page.request.get(`/api/v1/tasks?q=${encodeURIComponent('Send the pilot proposal')}`)).json();
  expect(tasks.data[0]).toMatchObject({ relatedType: 'deal' });
  await page.goto(`/deals/${tasks.data[0].relatedId}`);
  await heading('Globex pilot').waitFor();
  await section('Tasks').getByText('Send the pilot proposal').waitFor();

  // Deal page: a contact linked through Add contact (created inline at the deal's company).
  await section('Contacts').getByRole('combobox', { name: 'Add contact' }).click();
  const contactSearch = page.getByRole('combobox', { name: 'Search contacts' });
  await contactSearch.fill('Grace Hopper');
  await page.getByRole('option', { name: 'Create contact “Grace Hopper”' }).waitFor();
  await contactSearch.press('Enter');
  await section('Contacts').getByRole('link', { name: 'Grace Hopper' }).waitFor();

  // The same pages at phone width: nothing scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await heading('Globex pilot').waitFor();
  expect(await fitsWidth(page)).toBe(true);
  await env.shot(page, 'r3-deal-390');
  await page.getByRole('link', { name: 'Ada Lovelace' }).first().click();
  await heading('Ada Lovelace').waitFor();
  await section('Deals').getByRole('link', { name: 'Globex pilot' }).waitFor();
  await section('Tasks').getByText('Call Ada about the pilot').waitFor();
  // The contact's company's projects count as the contact's.
  await section('Projects').getByRole('link', { name: 'Globex onboarding' }).waitFor();
  await section('Upcoming events').getByText('Nothing planned.').waitFor();
  expect(await fitsWidth(page)).toBe(true);
  await env.shot(page, 'r1-contact-390');
  await section('Tasks').getByRole('button', { name: 'Add task' }).click();
  await dialog.getByLabel('Related to').click();
  await page.getByRole('combobox', { name: 'Search records' }).fill('Glo');
  await page.getByRole('option', { name: /Globex pilot/ }).waitFor();
  expect(await fitsWidth(page)).toBe(true);
  await env.shot(page, 'r4-record-picker-390');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('region', { name: 'Details' }).getByRole('link', { name: 'Globex' }).click();
  await heading('Globex').waitFor();
  await section('Projects').getByRole('link', { name: 'Globex onboarding' }).waitFor();
  expect(await fitsWidth(page)).toBe(true);
  await env.shot(page, 'r2-company-390');

  expect(consoleErrors).toEqual([]);
  await context.close();
});
