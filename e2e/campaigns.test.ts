// Campaigns in a real Chromium: the sidebar entry from the catalogue, a campaign made in the form,
// two contacts added through the "Add contacts" picker, the members tab listing them, and the
// metrics cards counting them and a won deal attributed from the deal form's campaign picker; an
// email campaign shows its subject and Send controls.
// List and record page are shot at 1280 and 390 px (nothing scrolls sideways on the phone).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { hasChromium, openPage, setupE2E, shotsAtBothWidths, signUpWithOrganization, warnIfNoChromium } from './helpers';

warnIfNoChromium('e2e/campaigns.test.ts');
const e2e = setupE2E({ AUTH_RATE_LIMIT: 'false' });
// Also kept in a known place, so a person can look at them after a run.
const SHOTS = '/tmp/campaigns-shots';

test.skipIf(!hasChromium)('create a campaign, add two contacts, attribute a won deal, see the metrics', async () => {
  const env = e2e.env();
  mkdirSync(SHOTS, { recursive: true });
  const shot = async (p: Page, name: string) => {
    await env.shot(p, name);
    await p.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  };
  const { context, page, consoleErrors } = await openPage(env);
  await signUpWithOrganization(page, { name: 'Cam Paign', email: `cam+${Date.now()}@example.com`, organization: 'Campaign Org' });
  const headers = { origin: env.baseUrl };
  for (const [firstName, lastName] of [['Ada', 'Lovelace'], ['Grace', 'Hopper']]) {
    const res = await page.request.post('/api/v1/contacts', { data: { firstName, lastName, email: `${firstName.toLowerCase()}@example.com` }, headers });
    expect(res.status()).toBe(201);
  }

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Campaigns' }).click();
  await page.getByRole('heading', { level: 1, name: 'Campaigns' }).waitFor();
  await page.getByText('No campaigns yet').waitFor();
  await page.getByRole('button', { name: 'New campaign' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New campaign' });
  await dialog.getByLabel('Name').fill('Spring webinar');
  await dialog.getByLabel('Type').selectOption('email');
  await dialog.getByLabel('Email subject').fill('Join our spring webinar, {{firstName}}');
  await dialog.getByLabel('Email message').fill('Hi {{firstName}},\nsign up at https://example.com/webinar');
  await dialog.getByLabel('Status').selectOption('active');
  await dialog.getByLabel('Budget').fill('5k');
  await dialog.getByLabel('Actual cost').fill('1,000');
  await dialog.getByRole('button', { name: 'Create campaign' }).click();
  await page.getByRole('heading', { level: 1, name: 'Spring webinar' }).waitFor();
  const metrics = page.getByRole('region', { name: 'Campaign metrics' });
  await metrics.getByText('Members', { exact: true }).waitFor();

  // An email campaign shows its subject and the send controls (the owner may send).
  const email = page.getByRole('region', { name: 'Email' });
  await email.getByText('Join our spring webinar, {{firstName}}').waitFor();
  await email.getByRole('button', { name: 'Send campaign' }).waitFor();
  await page.getByRole('tab', { name: /Members/ }).click();
  await page.getByText('No members yet').waitFor();
  await page.getByRole('button', { name: 'Add contacts' }).click();
  const add = page.getByRole('dialog', { name: 'Add contacts' });
  for (const name of ['Ada', 'Grace']) {
    await add.getByLabel('Contact', { exact: true }).click();
    const search = page.getByRole('combobox', { name: 'Search contacts' });
    await search.fill(name);
    await page.getByRole('option', { name: new RegExp(`^${name}`) }).waitFor();
    await search.press('Enter');
    await search.waitFor({ state: 'detached' });
  }
  await add.getByRole('list', { name: 'Contacts to add' }).getByText('Grace Hopper').waitFor();
  await shot(page, 'campaign-add-contacts-1280');
  await add.getByRole('button', { name: 'Add 2 contacts' }).click();
  await page.getByText('2 contacts added').waitFor();
  const list = page.getByRole('list', { name: 'Campaign members' });
  await list.getByRole('link', { name: 'Ada Lovelace' }).waitFor();
  await list.getByRole('link', { name: 'Grace Hopper' }).waitFor();
  await expect.poll(() => metrics.getByText('Members', { exact: true }).locator('..').textContent()).toContain('2');

  // A won deal attributed through the deal form's campaign picker.
  const campaignUrl = page.url();
  const pipeline = (await (await page.request.get('/api/v1/pipelines')).json()).data[0];
  const won = pipeline.stages.find((s: { kind: string }) => s.kind === 'won');
  await page.goto('/deals');
  await page.getByRole('button', { name: 'New deal' }).first().click();
  const dealForm = page.getByRole('dialog', { name: 'New deal' });
  await dealForm.getByLabel('Name').fill('Webinar follow-up');
  await dealForm.getByLabel('Amount').fill('3000');
  await dealForm.getByLabel('Campaign').click();
  const campaignSearch = page.getByRole('combobox', { name: 'Search campaigns' });
  await campaignSearch.fill('Spring');
  await page.getByRole('option', { name: /^Spring webinar/ }).waitFor();
  await campaignSearch.press('Enter');
  await expect.poll(() => dealForm.getByLabel('Campaign').textContent()).toContain('Spring webinar');
  await dealForm.getByRole('button', { name: 'Create deal' }).click();
  // From the board the new deal stays on the board (no navigation), with a toast.
  await page.getByText('Deal Webinar follow-up created').waitFor();
  const deal = (await (await page.request.get('/api/v1/deals?q=Webinar%20follow-up')).json()).data[0];
  expect(deal.campaign?.name).toBe('Spring webinar');
  expect((await page.request.post(`/api/v1/deals/${deal.id}/move`, { data: { stageId: won.id }, headers })).status()).toBe(200);

  await page.goto(campaignUrl);
  await page.getByRole('heading', { level: 1, name: 'Spring webinar' }).waitFor();
  // 3000 won against 1000 spent: ROI 200 %, 1000 per won deal.
  await expect.poll(() => metrics.textContent()).toContain('200%');
  await metrics.getByText(/\$1,000\.00 per won deal/).waitFor();
  await metrics.getByText(/\$3,000\.00/).waitFor();
  await shotsAtBothWidths(page, shot, 'campaign-record');
  await page.getByRole('tab', { name: /Members/ }).click();
  await shotsAtBothWidths(page, shot, 'campaign-members');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Campaigns' }).click();
  await page.getByRole('link', { name: 'Spring webinar' }).waitFor();
  await shotsAtBothWidths(page, shot, 'campaigns-list');
  expect(consoleErrors).toEqual([]);
  await context.close();
});
