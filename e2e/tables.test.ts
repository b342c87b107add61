// The list grid, the board and the command palette in a real Chromium against the real server:
// (a) contacts: compact rows that fit the card at 1280 px, inline edit with Undo, a refused value
//     that reverts its cell, arrow keys between cells, a hidden and a moved column that survive a
//     reload; (b) deals list: amount and owner edited in place; (c) the board: no sideways page
//     scroll at 1280 or 390 px (the board scrolls itself), filters folded away, per-currency column
//     totals, overdue / stale / rotting marks (the browser's clock moved 20 days on);
//     (d) the palette runs commands: "Go to settings", "New deal", "Log a call" on the deal on screen.
import type { APIRequestContext, Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { hasChromium, openPage, setupE2E, signUpWithOrganization, warnIfNoChromium } from './helpers';

warnIfNoChromium('e2e/tables.test.ts');
const e2e = setupE2E({ AUTH_RATE_LIMIT: 'false' });

async function send<T>(request: APIRequestContext, origin: string, method: 'post' | 'get', path: string, data?: unknown): Promise<T> {
  const res = method === 'post' ? await request.post(path, { data, headers: { Origin: origin } }) : await request.get(path);
  if (!res.ok()) throw new Error(`${method.toUpperCase()} ${path} → ${res.status()}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** How far the page itself scrolls sideways (0 when it fits). */
const pageOverflow = (page: Page) => page.evaluate(() => {
  const el = document.scrollingElement!;
  return el.scrollWidth - el.clientWidth;
});

test.skipIf(!hasChromium)('grid inline edit + undo, remembered columns, a board that fits, deal marks, palette commands', { timeout: 240_000 }, async () => {
  const env = e2e.env();
  const { context, page, consoleErrors } = await openPage(env, { width: 1280, height: 800 });
  const heading = (name: string) => page.getByRole('heading', { level: 1, name });
  const dialog = page.getByRole('dialog');
  const post = <T,>(path: string, data: unknown) => send<T>(page.request, env.baseUrl, 'post', path, data);
  const get = <T,>(path: string) => send<T>(page.request, env.baseUrl, 'get', path);

  await signUpWithOrganization(page, { name: 'Grace Grid', email: `grace+${Date.now()}@example.com`, organization: 'Grid Co' });
  const acme = (await post<{ data: { id: string } }>('/api/v1/companies', { name: 'Acme International Holdings' })).data;
  const ada = (await post<{ data: { id: string } }>('/api/v1/contacts', { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test', title: 'Engineer', companyId: acme.id, tags: ['vip'] })).data;
  for (const [firstName, lastName] of [['Alan', 'Turing'], ['Grace', 'Hopper'], ['Edsger', 'Dijkstra']]) {
    await post('/api/v1/contacts', { firstName, lastName, email: `${firstName.toLowerCase()}@example.test`, title: 'Scientist', companyId: acme.id });
  }

  // (a) Contacts grid.
  await page.goto('/contacts');
  const grid = page.getByRole('grid', { name: 'Contacts' });
  const adaRow = grid.locator(`tr[data-row-id="${ada.id}"]`);
  await adaRow.waitFor();
  await env.shot(page, 't1-contacts-1280');
  // Compact: every row at most 40 px; the grid fits its card at 1280 (Added is on screen, nothing scrolls).
  const heights = await grid.locator('tbody tr[data-row-id]').evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().height));
  expect(heights.length).toBe(4);
  for (const h of heights) expect(h).toBeLessThanOrEqual(40);
  const fit = await grid.evaluate((t) => ({ table: t.getBoundingClientRect().width, box: t.parentElement!.clientWidth, scroll: t.parentElement!.scrollWidth }));
  expect(fit.scroll).toBeLessThanOrEqual(fit.box);
  await grid.getByRole('columnheader', { name: 'Added' }).waitFor();
  expect(await pageOverflow(page)).toBe(0);

  // Inline edit of a text cell, then Undo from the toast.
  const titleCell = adaRow.locator('td[data-col="title"]');
  await titleCell.click();
  const editor = page.getByRole('textbox', { name: 'Edit Title' });
  await editor.fill('CTO');
  const saved = page.waitForResponse((r) => r.url().endsWith(`/api/v1/contacts/${ada.id}`) && r.request().method() === 'PATCH');
  await editor.press('Enter');
  expect(await titleCell.textContent()).toBe('CTO'); // optimistic: before the server answers
  expect((await saved).status()).toBe(200);
  await page.getByText('Title saved').waitFor();
  await env.shot(page, 't2-inline-saved');
  const undone = page.waitForResponse((r) => r.url().endsWith(`/api/v1/contacts/${ada.id}`) && r.request().method() === 'PATCH');
  await page.getByRole('button', { name: 'Undo' }).click();
  expect((await undone).status()).toBe(200);
  await expect.poll(() => titleCell.textContent()).toBe('Engineer');
  expect((await get<{ data: { title: string } }>(`/api/v1/contacts/${ada.id}`)).data.title).toBe('Engineer');

  // A select cell (status) saves on change.
  await adaRow.locator('td[data-col="status"]').click();
  await page.getByRole('combobox', { name: 'Edit Status' }).selectOption('customer');
  await expect.poll(() => adaRow.locator('td[data-col="status"]').textContent()).toBe('Customer');
  await expect.poll(async () => (await get<{ data: { status: string } }>(`/api/v1/contacts/${ada.id}`)).data.status).toBe('customer');

  // The server refuses a bad email: the cell goes back and the error says why.
  const emailCell = adaRow.locator('td[data-col="email"]');
  await emailCell.click();
  await page.getByRole('textbox', { name: 'Edit Email' }).fill('not-an-email');
  const refused = page.waitForResponse((r) => r.url().endsWith(`/api/v1/contacts/${ada.id}`) && r.request().method() === 'PATCH');
  await page.getByRole('textbox', { name: 'Edit Email' }).press('Enter');
  expect((await refused).status()).toBe(400);
  await page.getByText(/Could not save Email: .*email/i).waitFor();
  await expect.poll(() => emailCell.textContent()).toBe('ada@acme.test');
  await env.shot(page, 't3-inline-refused');

  // Keyboard: arrows move between cells, Enter edits an editable one, Escape leaves it unchanged.
  // The grid moves focus on the next animation frame, so each check waits for it.
  await grid.locator('td[data-cell="0:0"]').focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-cell'))).toBe('0:1');
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-cell'))).toBe('1:1');
  await page.keyboard.press('Enter');
  await page.getByRole('textbox', { name: 'Edit Email' }).waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('textbox', { name: 'Edit Email' }).waitFor({ state: 'detached' });
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-cell'))).toBe('1:1');
  await page.keyboard.press('Home');
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-cell'))).toBe('1:0');

  // Columns: hide Email, move Status left; both survive a reload.
  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('menuitemcheckbox', { name: 'Email' }).click();
  await page.getByRole('button', { name: 'Move Status left' }).click();
  await page.keyboard.press('Escape');
  await grid.getByRole('columnheader', { name: 'Email' }).waitFor({ state: 'detached' });
  const headers = () => grid.getByRole('columnheader').allTextContents();
  const before = await headers();
  expect(before.indexOf('Status')).toBeLessThan(before.indexOf('Title'));
  await page.reload();
  await adaRow.waitFor();
  expect(await headers()).toEqual(before);
  expect(await grid.getByRole('columnheader', { name: 'Email' }).count()).toBe(0);

  // Phone width: the grid scrolls inside its card, never the page.
  await page.setViewportSize({ width: 390, height: 844 });
  await adaRow.waitFor();
  expect(await pageOverflow(page)).toBe(0);
  await env.shot(page, 't4-contacts-390');
  await page.setViewportSize({ width: 1280, height: 800 });

  // (b) Deals: an overdue one (closing date passed), one in euros; the list edits amount and owner.
  const me = (await get<{ data: { user: { id: string } } }>('/api/v1/me')).data;
  const overdue = (await post<{ data: { id: string } }>('/api/v1/deals', { name: 'Overdue renewal', amount: '1500', expectedCloseDate: '2020-01-15' })).data;
  await post('/api/v1/deals', { name: 'Euro expansion', amount: '2000', currency: 'EUR' });
  await post('/api/v1/deals', { name: 'Fresh deal', amount: '500', expectedCloseDate: '2099-01-01' });
  await page.goto('/deals?view=list');
  const dealsGrid = page.getByRole('grid', { name: 'Deals' });
  const overdueRow = dealsGrid.locator(`tr[data-row-id="${overdue.id}"]`);
  await overdueRow.waitFor();
  await overdueRow.locator('[data-signal="overdue"]').waitFor();
  await overdueRow.locator('td[data-col="amount"]').click();
  await page.getByRole('textbox', { name: 'Edit Amount' }).fill('7,500');
  await page.getByRole('textbox', { name: 'Edit Amount' }).press('Enter');
  await expect.poll(() => overdueRow.locator('td[data-col="amount"]').textContent()).toBe('$7,500.00');
  await expect.poll(async () => (await get<{ data: { amount: string } }>(`/api/v1/deals/${overdue.id}`)).data.amount).toBe('7500.00');
  await overdueRow.locator('td[data-col="owner"]').click();
  await page.getByRole('combobox', { name: 'Edit Owner' }).selectOption({ label: 'Grace Grid' });
  await expect.poll(async () => (await get<{ data: { ownerId: string | null } }>(`/api/v1/deals/${overdue.id}`)).data.ownerId).toBe(me.user.id);
  await env.shot(page, 't5-deals-list-1280');

  // (c) The board: the page never scrolls sideways; the board does, inside itself.
  await page.goto('/deals');
  const column = (name: string) => page.getByRole('region', { name, exact: true });
  await column('Qualification').locator('li[data-deal-id]', { hasText: 'Overdue renewal' }).waitFor();
  expect(await pageOverflow(page)).toBe(0);
  const board = page.getByRole('region', { name: `${'Sales'} board` });
  expect(await board.evaluate((b) => b.scrollWidth > b.clientWidth)).toBe(true);
  // Filters are folded away until asked for.
  await page.getByRole('combobox', { name: 'Filter by owner' }).waitFor({ state: 'hidden' });
  await page.getByRole('button', { name: /^Filters/ }).click();
  await page.getByRole('combobox', { name: 'Filter by owner' }).waitFor();
  await page.getByRole('button', { name: /^Filters/ }).click();
  // Totals per currency in the column header.
  expect(await column('Qualification').getByTestId('column-total').textContent()).toBe('$8,000.00 + €2,000.00');
  const overdueCard = page.locator(`li[data-deal-id="${overdue.id}"]`);
  await overdueCard.locator('[data-signal="overdue"]').waitFor();
  expect(await overdueCard.locator('[data-signal="rotting"]').count()).toBe(0);
  await env.shot(page, 't6-board-1280');

  // 20 days on (the browser's clock; the server keeps the real one): the idle deals rot
  // (Qualification rots after 7 days without activity) and go stale (14 days in the stage).
  await page.clock.setFixedTime(new Date(Date.now() + 20 * 86_400_000));
  await page.reload();
  await overdueCard.waitFor();
  await overdueCard.locator('[data-signal="rotting"]').waitFor();
  await overdueCard.locator('[data-signal="stale"]').waitFor();
  expect(await overdueCard.locator('[data-rotting]').count()).toBe(1);
  expect(await overdueCard.getAttribute('aria-label')).toMatch(/overdue.*stale.*rotting, no activity for 20 days/);
  await env.shot(page, 't7-board-rotting-1280');
  await page.setViewportSize({ width: 390, height: 844 });
  await overdueCard.waitFor();
  expect(await pageOverflow(page)).toBe(0);
  await env.shot(page, 't8-board-390');
  await page.setViewportSize({ width: 1280, height: 800 });

  // Rotting days are set per stage in Settings → Pipelines.
  await page.goto('/settings/pipelines');
  const rotting = page.getByRole('spinbutton', { name: 'Rotting days of Qualification' });
  expect(await rotting.inputValue()).toBe('7');
  await rotting.fill('30');
  await rotting.blur();
  await page.getByText('Stage Qualification saved').waitFor();
  await env.shot(page, 't9-pipelines-1280');
  await page.goto('/deals');
  await overdueCard.locator('[data-signal="stale"]').waitFor();
  expect(await overdueCard.locator('[data-signal="rotting"]').count()).toBe(0);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/settings/pipelines');
  await page.getByRole('textbox', { name: 'Name of stage Qualification' }).waitFor();
  expect(await pageOverflow(page)).toBe(0);
  const nameBox = await page.getByRole('textbox', { name: 'Name of stage Needs analysis' }).boundingBox();
  expect(nameBox!.width).toBeGreaterThan(200);
  await env.shot(page, 't10-pipelines-390');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.clock.setFixedTime(new Date());

  // (d) The palette runs commands.
  await page.goto('/');
  await heading('Dashboard').waitFor();
  await page.keyboard.press('Control+k');
  const search = page.getByRole('combobox', { name: 'Search records and commands' });
  await search.fill('settings');
  await page.getByRole('option', { name: 'Go to settings' }).waitFor();
  await env.shot(page, 't11-palette-1280');
  await page.getByRole('option', { name: 'Go to settings' }).click();
  await heading('Settings').waitFor();

  await page.keyboard.press('Control+k');
  await search.fill('new deal');
  await page.getByRole('option', { name: 'New deal' }).waitFor();
  await search.press('Enter');
  await dialog.getByRole('heading', { name: 'New deal' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/deals');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });

  // "Log a call" on the deal whose page is open.
  await page.goto(`/deals/${overdue.id}`);
  await heading('Overdue renewal').waitFor();
  await page.keyboard.press('Control+k');
  await search.fill('log a call');
  const logCall = page.getByRole('option', { name: 'Log a call with Overdue renewal' });
  await logCall.waitFor();
  await search.press('Enter');
  await dialog.getByRole('heading', { name: 'Log a call with Overdue renewal' }).waitFor();
  await dialog.getByLabel('What was discussed?').fill('Agreed on the renewal terms');
  const logged = page.waitForResponse((r) => r.url().endsWith('/api/v1/activities/log') && r.status() === 201);
  await dialog.getByRole('button', { name: 'Log call' }).click();
  await logged;
  await page.getByText('Agreed on the renewal terms').first().waitFor();

  // "Log a call…" elsewhere picks the record from the search first.
  await page.goto('/contacts');
  await adaRow.waitFor();
  await page.keyboard.press('Control+k');
  await search.fill('log a call');
  await page.getByRole('option', { name: 'Log a call…' }).click();
  await search.fill('Ada');
  await page.getByRole('option', { name: /Ada Lovelace/ }).click();
  await dialog.getByRole('heading', { name: 'Log a call with Ada Lovelace' }).waitFor();
  await page.keyboard.press('Escape');

  await page.setViewportSize({ width: 390, height: 844 });
  await page.keyboard.press('Control+k');
  await search.fill('go to');
  await page.getByRole('option', { name: 'Go to deals' }).waitFor();
  await env.shot(page, 't12-palette-390');
  await page.keyboard.press('Escape');

  // The other list pages on the same grid: each fits at 1280, and none scrolls the page at 390.
  await post('/api/v1/leads', { firstName: 'Lin', lastName: 'Lead', email: 'lin@lead.test', companyName: 'Lead Co' });
  await post('/api/v1/projects', { name: 'Rollout', companyId: acme.id, dueDate: '2099-03-01' });
  await post('/api/v1/events', { title: 'Kickoff', startsAt: '2099-03-01T10:00:00Z', location: 'Room 1' });
  for (const [path, label] of [['/companies', 'Companies'], ['/leads', 'Leads'], ['/projects', 'Projects'], ['/events', 'Events']] as const) {
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
      await page.goto(path);
      const list = page.getByRole('grid', { name: label });
      await list.locator('tbody tr[data-row-id]').first().waitFor();
      expect(await pageOverflow(page), `${path} at ${width}`).toBe(0);
      if (width === 1280) expect(await list.evaluate((t) => t.parentElement!.scrollWidth - t.parentElement!.clientWidth), `${path} grid at 1280`).toBeLessThanOrEqual(0);
      await env.shot(page, `t13-${label.toLowerCase()}-${width}`);
    }
  }

  await context.close();
  // The one refused save (the bad email) is the only failed request.
  expect(consoleErrors.filter((e) => /status of 400/.test(e))).toHaveLength(1);
  expect(consoleErrors.filter((e) => !/status of 400/.test(e))).toEqual([]);
});
