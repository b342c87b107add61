// The sales pipeline in a real Chromium against the real server: add a stage in Settings →
// Pipelines; create a deal on the board, drag it to the next stage (column totals follow), drag it
// to Lost (the lost-reason dialog); create a lead and convert it with a follow-up task.
import { expect, test } from 'vitest';
import { drag, hasChromium, openPage, setupE2E, signUpWithOrganization, warnIfNoChromium } from './helpers';

warnIfNoChromium('e2e/sales.test.ts');
const e2e = setupE2E({ AUTH_RATE_LIMIT: 'false' });

test.skipIf(!hasChromium)('pipeline stage, deal board moves with totals and lost reason, lead conversion', { timeout: 120_000 }, async () => {
  const env = e2e.env();
  // Wide enough for every column of the default pipeline plus the added one.
  const { context, page, consoleErrors } = await openPage(env, { width: 2400, height: 1000 });
  const heading = (name: string) => page.getByRole('heading', { level: 1, name });
  const nav = page.getByRole('navigation', { name: 'Main' });
  const dialog = page.getByRole('dialog');
  const column = (name: string) => page.getByRole('region', { name, exact: true });
  const total = (name: string) => column(name).getByTestId('column-total');

  await signUpWithOrganization(page, { name: 'Sam Seller', email: `sam+${Date.now()}@example.com`, organization: 'Pipeline Co' });

  // (a) Settings → Pipelines: a new stage.
  await nav.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('link', { name: /Pipelines/ }).click();
  await heading('Pipelines').waitFor();
  await page.getByRole('textbox', { name: 'Name of stage Qualification' }).waitFor();
  await page.getByLabel('New stage name').fill('Pilot');
  await page.getByLabel('Probability %').fill('60');
  await page.getByRole('button', { name: 'Add stage' }).click();
  await page.getByRole('textbox', { name: 'Name of stage Pilot' }).waitFor();
  expect(await page.getByRole('spinbutton', { name: 'Probability of Pilot' }).inputValue()).toBe('60');

  // (b) A deal from the New deal dialog, then dragged from the first column to the next.
  await nav.getByRole('link', { name: 'Deals' }).click();
  await heading('Deals').waitFor();
  await column('Pilot').waitFor();
  await page.getByRole('button', { name: 'New deal' }).click();
  await dialog.getByLabel('Name').fill('Acme expansion');
  await dialog.getByLabel('Amount').fill('1000');
  await dialog.getByRole('button', { name: 'Create deal' }).click();
  await dialog.waitFor({ state: 'detached' });
  const card = page.locator('li[data-deal-id]', { hasText: 'Acme expansion' });
  await column('Qualification').locator('li[data-deal-id]', { hasText: 'Acme expansion' }).waitFor();
  expect(await total('Qualification').textContent()).toBe('$1,000.00');
  await env.shot(page, '1-board-before-move');

  const moved = page.waitForResponse((r) => r.url().endsWith('/move') && r.status() === 200);
  const refetched = page.waitForResponse((r) => r.url().includes('/api/v1/deals?') && r.request().method() === 'GET');
  await drag(page, card, column('Needs analysis').getByRole('list'));
  await moved;
  await refetched;
  await column('Needs analysis').locator('li[data-deal-id]', { hasText: 'Acme expansion' }).waitFor();
  await expect.poll(() => total('Qualification').textContent()).toBe('$0.00');
  await expect.poll(() => total('Needs analysis').textContent()).toBe('$1,000.00');

  // (c) Into Lost: the reason is asked for, then the card stays there. On a loaded machine the live
  // refresh of the previous move can re-render the board mid-drag and drop the pick-up: drag again then.
  const lostReason = dialog.getByRole('heading', { name: 'Lost reason' });
  for (let attempt = 1; ; attempt++) {
    await drag(page, card, column('Lost').getByRole('list'));
    const asked = await lostReason.waitFor({ timeout: 5_000 }).then(() => true, () => false);
    if (asked) break;
    if (attempt === 3) throw new Error('the drag into Lost never asked for the reason');
  }
  await dialog.getByRole('button', { name: 'Price' }).click();
  await env.shot(page, '2-lost-reason');
  await dialog.getByRole('button', { name: 'Mark as lost' }).click();
  await dialog.waitFor({ state: 'detached' });
  await column('Lost').locator('li[data-deal-id]', { hasText: 'Acme expansion' }).waitFor();
  await expect.poll(() => total('Lost').textContent()).toBe('$1,000.00');
  expect(await total('Needs analysis').textContent()).toBe('$0.00');
  await env.shot(page, '3-board-after-moves');

  // The deal's page shows its stage history.
  await card.getByRole('link', { name: 'Acme expansion' }).click();
  await heading('Acme expansion').waitFor();
  await page.getByRole('list', { name: 'Stage history' }).getByText('Lost reason: Price').waitFor();

  // (d) A lead, converted with a follow-up task, lands on the new deal.
  await nav.getByRole('link', { name: 'Leads' }).click();
  await heading('Leads').waitFor();
  await page.getByText('No leads yet').waitFor();
  await page.getByRole('button', { name: 'New lead' }).first().click();
  await dialog.getByLabel('First name').fill('Grace');
  await dialog.getByLabel('Last name').fill('Hopper');
  await dialog.getByLabel('Email', { exact: true }).fill('grace@navy.test');
  await dialog.getByLabel('Company').fill('Navy');
  await dialog.getByRole('button', { name: 'Create lead' }).click();
  await heading('Grace Hopper').waitFor();
  await page.getByRole('button', { name: 'Convert' }).click();
  await dialog.getByText('creates company').waitFor();
  expect(await dialog.getByLabel('Deal name').inputValue()).toBe('Navy deal');
  await dialog.getByLabel('Create a follow-up task').check();
  await dialog.getByLabel('Task title').fill('Call Grace');
  await env.shot(page, '4-convert-dialog');
  await dialog.getByRole('button', { name: 'Convert lead' }).click();
  await heading('Navy deal').waitFor();
  await page.getByRole('link', { name: 'Navy', exact: true }).waitFor();
  expect(page.url()).toMatch(/\/deals\/[0-9a-f-]{36}$/);

  // The dashboard sums it all up (open pipeline, won/lost).
  await nav.getByRole('link', { name: 'Dashboard' }).click();
  await heading('Dashboard').waitFor();
  await page.getByRole('heading', { name: 'Pipeline by stage' }).waitFor();
  // The same stage link shows in the chart's list and in the win/loss panel: check the chart's.
  await page.getByRole('list', { name: 'Deals by stage' }).getByRole('link', { name: /^Lost: 1/ }).waitFor();
  await env.shot(page, '5-dashboard');

  // Phone width: board and dashboard still usable.
  await page.setViewportSize({ width: 390, height: 844 });
  await env.shot(page, '6-dashboard-phone');
  await page.goto('/deals');
  await column('Qualification').waitFor();
  await env.shot(page, '7-board-phone');

  await context.close();
  expect(consoleErrors).toEqual([]);
});
