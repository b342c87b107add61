// Saved views and bulk actions (Issue 15.3, 15.4) in a real Chromium against the real server: filter
// the contacts, save the list as a view, reload and reapply it from the views bar (and straight from
// its ?savedView= link), tick three rows, bulk-tag them from the bulk bar, see the delete confirmation name
// the count, undo the whole batch from the toast, then rename and delete the view. Screenshots at 1280 and 390 px.
import type { APIRequestContext } from 'playwright-core';
import { expect, test } from 'vitest';
import { UI_TIMEOUT, hasChromium, openPage, setupE2E, shotsAtBothWidths, signUpWithOrganization, warnIfNoChromium } from './helpers';

warnIfNoChromium('e2e/views-bulk.test.ts');
const e2e = setupE2E({ AUTH_RATE_LIMIT: 'false' });

async function send<T>(request: APIRequestContext, origin: string, method: 'post' | 'get', path: string, data?: unknown): Promise<T> {
  const res = method === 'post' ? await request.post(path, { data, headers: { origin } }) : await request.get(path);
  if (!res.ok()) throw new Error(`${method.toUpperCase()} ${path} → ${res.status()}: ${await res.text()}`);
  return (await res.json()) as T;
}

test.skipIf(!hasChromium)('save a view, reapply it after a reload, bulk-tag three contacts, undo the batch', { timeout: 240_000 }, async () => {
  const env = e2e.env();
  const { context, page, consoleErrors } = await openPage(env, { width: 1280, height: 800 });
  const post = <T,>(path: string, data: unknown) => send<T>(page.request, env.baseUrl, 'post', path, data);
  const get = <T,>(path: string) => send<T>(page.request, env.baseUrl, 'get', path);

  await signUpWithOrganization(page, { name: 'Vera Views', email: `vera+${Date.now()}@example.com`, organization: 'Views Co' });
  const people = [['Ada', 'Lovelace', 'customer'], ['Alan', 'Turing', 'customer'], ['Grace', 'Hopper', 'lead'], ['Edsger', 'Dijkstra', 'lead']] as const;
  const ids: Record<string, string> = {};
  for (const [firstName, lastName, status] of people) {
    ids[firstName] = (await post<{ data: { id: string } }>('/api/v1/contacts', { firstName, lastName, status })).data.id;
  }

  await page.goto('/contacts');
  const grid = page.getByRole('grid', { name: 'Contacts' });
  const rows = grid.locator('tbody tr[data-row-id]');
  await expect.poll(() => rows.count(), { timeout: UI_TIMEOUT }).toBe(4);

  // Filter to customers and save that as a view.
  await page.getByRole('combobox', { name: 'Filter by status' }).selectOption('customer');
  await expect.poll(() => rows.count(), { timeout: UI_TIMEOUT }).toBe(2);
  await page.getByRole('button', { name: 'Save view' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save view' });
  await dialog.getByLabel('Name').fill('Customers');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await page.getByText('View “Customers” saved').waitFor();
  await expect.poll(() => new URL(page.url()).searchParams.get('savedView'), { timeout: UI_TIMEOUT }).toBeTruthy();
  const viewId = new URL(page.url()).searchParams.get('savedView')!;
  const saved = (await get<{ data: { name: string; filter: unknown; resource: string; visibility: string } }>(`/api/v1/views/${viewId}`)).data;
  expect(saved).toMatchObject({ name: 'Customers', resource: 'contacts', filter: { status: 'customer' }, visibility: 'private' });

  // After a reload of the plain list, the view is picked from the bar and applies again.
  await page.goto('/contacts');
  await expect.poll(() => rows.count(), { timeout: UI_TIMEOUT }).toBe(4);
  await page.reload();
  const picker = page.getByRole('combobox', { name: 'Saved view' });
  await picker.locator('option', { hasText: 'Customers' }).waitFor({ state: 'attached' });
  await picker.selectOption({ label: 'Customers' });
  await expect.poll(() => rows.count(), { timeout: UI_TIMEOUT }).toBe(2);
  expect((await rows.allTextContents()).join(' ')).toMatch(/Ada Lovelace.*Alan Turing|Alan Turing.*Ada Lovelace/);
  // Its link works on its own too (a reload keeps it).
  await page.reload();
  await expect.poll(() => rows.count(), { timeout: UI_TIMEOUT }).toBe(2);
  expect(await picker.inputValue()).toBe(viewId);
  await shotsAtBothWidths(page, env.shot, 'views-1-applied');

  // Back to every contact; tick three rows.
  await picker.selectOption({ label: 'All records (no view)' });
  await expect.poll(() => rows.count(), { timeout: UI_TIMEOUT }).toBe(4);
  for (const name of ['Ada', 'Grace', 'Edsger']) await grid.locator(`tr[data-row-id="${ids[name]}"]`).getByRole('checkbox', { name: 'Select row' }).check();
  const bar = page.getByRole('region', { name: 'Bulk actions' });
  await bar.getByText('3 contacts selected').waitFor();
  await shotsAtBothWidths(page, env.shot, 'views-2-selected');

  // Delete asks first, naming the count; cancel.
  await bar.getByRole('button', { name: 'Delete' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete 3 contacts?' });
  await confirm.waitFor();
  await confirm.getByRole('button', { name: 'Cancel' }).click();

  // Bulk-tag them.
  await bar.getByRole('button', { name: 'Add tag' }).click();
  const tagDialog = page.getByRole('dialog', { name: 'Add a tag to 3 contacts' });
  await tagDialog.getByLabel('Tag').fill('vip');
  const bulk = page.waitForResponse((r) => r.url().endsWith('/api/v1/contacts/bulk'));
  await tagDialog.getByRole('button', { name: 'Apply' }).click();
  expect((await bulk).status()).toBe(200);
  await page.getByText('Tagged 3 contacts').waitFor();
  await shotsAtBothWidths(page, env.shot, 'views-3-tagged');
  const tagsOf = async () => Object.fromEntries(await Promise.all(Object.entries(ids).map(async ([n, id]) => [n, (await get<{ data: { tags: string[] } }>(`/api/v1/contacts/${id}`)).data.tags] as const)));
  expect(await tagsOf()).toEqual({ Ada: ['vip'], Alan: [], Grace: ['vip'], Edsger: ['vip'] });
  // Each contact's timeline has its own change.
  const timeline = (await get<{ data: { action: string; after: { tags?: string[] } }[] }>(`/api/v1/contacts/${ids.Grace}/activities`)).data;
  expect(timeline[0]).toMatchObject({ action: 'updated', after: { tags: ['vip'] } });

  // One Undo reverts the whole batch.
  const undo = page.waitForResponse((r) => /\/api\/v1\/bulk-jobs\/[^/]+\/undo$/.test(r.url()));
  await page.getByRole('button', { name: 'Undo' }).click();
  expect((await undo).status()).toBe(200);
  await page.getByText('Undone: 3 contacts back as before').waitFor();
  await expect.poll(tagsOf, { timeout: UI_TIMEOUT }).toEqual({ Ada: [], Alan: [], Grace: [], Edsger: [] });

  // Rename the view, then delete it after the confirmation.
  await picker.selectOption({ label: 'Customers' });
  await expect.poll(() => rows.count(), { timeout: UI_TIMEOUT }).toBe(2);
  await page.getByRole('button', { name: 'Rename view' }).click();
  const rename = page.getByRole('dialog', { name: 'Rename view' });
  await rename.getByLabel('Name').fill('Paying customers');
  await rename.getByRole('button', { name: 'Save' }).click();
  await picker.locator('option', { hasText: 'Paying customers' }).waitFor({ state: 'attached' });
  await shotsAtBothWidths(page, env.shot, 'views-4-renamed');
  await page.getByRole('button', { name: 'Delete view' }).click();
  const sure = page.getByRole('alertdialog', { name: 'Delete this view?' });
  await sure.getByRole('button', { name: 'Delete view' }).click();
  await page.getByText('View “Paying customers” deleted').waitFor();
  await expect.poll(() => picker.locator('option', { hasText: 'Paying customers' }).count(), { timeout: UI_TIMEOUT }).toBe(0);
  expect((await page.request.get(`/api/v1/views/${viewId}`)).status()).toBe(404);

  expect(consoleErrors).toEqual([]);
  await context.close();
});

test.skipIf(!hasChromium)('the deals list has saved views and the bulk bar: save a search as a view, set the amount of two deals, undo', { timeout: 240_000 }, async () => {
  const env = e2e.env();
  const { context, page, consoleErrors } = await openPage(env, { width: 1280, height: 800 });
  const post = <T,>(path: string, data: unknown) => send<T>(page.request, env.baseUrl, 'post', path, data);
  const get = <T,>(path: string) => send<T>(page.request, env.baseUrl, 'get', path);

  await signUpWithOrganization(page, { name: 'Dan Deals', email: `dan+${Date.now()}@example.com`, organization: 'Deals Views Co' });
  const ids: Record<string, string> = {};
  for (const [name, amount] of [['Acme renewal', '1000'], ['Acme expansion', '2000'], ['Globex pilot', '3000']] as const) {
    ids[name] = (await post<{ data: { id: string } }>('/api/v1/deals', { name, amount })).data.id;
  }

  await page.goto('/deals?view=list');
  const grid = page.getByRole('grid', { name: 'Deals' });
  const rows = grid.locator('tbody tr[data-row-id]');
  await expect.poll(() => rows.count(), { timeout: UI_TIMEOUT }).toBe(3);

  // Search, then keep it as a view; it applies again after a reload from the views bar.
  await page.getByRole('searchbox', { name: 'Search deals' }).or(page.getByLabel('Search deals')).first().fill('Acme');
  await expect.poll(() => rows.count(), { timeout: UI_TIMEOUT }).toBe(2);
  await page.getByRole('button', { name: 'Save view' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save view' });
  await dialog.getByLabel('Name').fill('Acme deals');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await page.getByText('View “Acme deals” saved').waitFor();
  await expect.poll(() => new URL(page.url()).searchParams.get('savedView'), { timeout: UI_TIMEOUT }).toBeTruthy();
  const viewId = new URL(page.url()).searchParams.get('savedView')!;
  const saved = (await get<{ data: { resource: string; q: string | null; filter: Record<string, unknown> } }>(`/api/v1/views/${viewId}`)).data;
  expect(saved).toMatchObject({ resource: 'deals', q: 'Acme' });
  expect(saved.filter.pipelineId).toEqual(expect.any(String));

  await page.goto('/deals?view=list');
  await expect.poll(() => rows.count(), { timeout: UI_TIMEOUT }).toBe(3);
  const picker = page.getByRole('combobox', { name: 'Saved view' });
  await picker.locator('option', { hasText: 'Acme deals' }).waitFor({ state: 'attached' });
  await picker.selectOption({ label: 'Acme deals' });
  await expect.poll(() => rows.count(), { timeout: UI_TIMEOUT }).toBe(2);
  await shotsAtBothWidths(page, env.shot, 'deals-views-1-applied');

  // Every deal again; tick one Acme deal and the Globex one, set their amount from the bulk bar.
  await picker.selectOption({ label: 'All records (no view)' });
  await expect.poll(() => rows.count(), { timeout: UI_TIMEOUT }).toBe(3);
  for (const name of ['Acme renewal', 'Globex pilot']) await grid.locator(`tr[data-row-id="${ids[name]}"]`).getByRole('checkbox', { name: 'Select row' }).check();
  const bar = page.getByRole('region', { name: 'Bulk actions' });
  await bar.getByText('2 deals selected').waitFor();
  await shotsAtBothWidths(page, env.shot, 'deals-views-2-selected');
  await bar.getByRole('button', { name: 'Set field' }).click();
  const field = page.getByRole('dialog', { name: 'Set a field on 2 deals' });
  await field.getByLabel('Field').selectOption({ label: 'Amount' });
  await field.getByLabel('New value').fill('7.5k');
  const bulk = page.waitForResponse((r) => r.url().endsWith('/api/v1/deals/bulk'));
  await field.getByRole('button', { name: 'Apply' }).click();
  expect((await bulk).status()).toBe(200);
  await page.getByText('Updated 2 deals').waitFor();
  const amounts = async () => Object.fromEntries(await Promise.all(Object.entries(ids).map(async ([n, id]) => [n, (await get<{ data: { amount: string | null } }>(`/api/v1/deals/${id}`)).data.amount] as const)));
  expect(await amounts()).toEqual({ 'Acme renewal': '7500.00', 'Acme expansion': '2000.00', 'Globex pilot': '7500.00' });

  const undo = page.waitForResponse((r) => /\/api\/v1\/bulk-jobs\/[^/]+\/undo$/.test(r.url()));
  await page.getByRole('button', { name: 'Undo' }).click();
  expect((await undo).status()).toBe(200);
  await expect.poll(amounts, { timeout: UI_TIMEOUT }).toEqual({ 'Acme renewal': '1000.00', 'Acme expansion': '2000.00', 'Globex pilot': '3000.00' });

  expect(consoleErrors).toEqual([]);
  await context.close();
});

test.skipIf(!hasChromium)('tasks: Select shows a box per row and the bulk bar; set two tasks done, undo', { timeout: 240_000 }, async () => {
  const env = e2e.env();
  const { context, page, consoleErrors } = await openPage(env, { width: 1280, height: 800 });
  const post = <T,>(path: string, data: unknown) => send<T>(page.request, env.baseUrl, 'post', path, data);
  const get = <T,>(path: string) => send<T>(page.request, env.baseUrl, 'get', path);

  await signUpWithOrganization(page, { name: 'Tess Tasks', email: `tess+${Date.now()}@example.com`, organization: 'Tasks Bulk Co' });
  const ids: Record<string, string> = {};
  for (const title of ['Call Ada', 'Send the quote', 'Book the venue']) ids[title] = (await post<{ data: { id: string } }>('/api/v1/tasks', { title })).data.id;

  await page.goto('/tasks?view=open');
  await page.getByRole('textbox', { name: 'Title of Book the venue' }).waitFor();
  await page.getByRole('button', { name: 'Select', exact: true }).click();
  for (const title of ['Call Ada', 'Book the venue']) await page.getByRole('checkbox', { name: `Select ${title}` }).check();
  const bar = page.getByRole('region', { name: 'Bulk actions' });
  await bar.getByText('2 tasks selected').waitFor();
  await shotsAtBothWidths(page, env.shot, 'tasks-bulk-1-selected');

  await bar.getByRole('button', { name: 'Set field' }).click();
  const field = page.getByRole('dialog', { name: 'Set a field on 2 tasks' });
  await field.getByLabel('Field').selectOption({ label: 'Status' });
  await field.getByLabel('New value').selectOption({ label: 'Done' });
  const bulk = page.waitForResponse((r) => r.url().endsWith('/api/v1/tasks/bulk'));
  await field.getByRole('button', { name: 'Apply' }).click();
  expect((await bulk).status()).toBe(200);
  await page.getByText('Updated 2 tasks').waitFor();
  const statuses = async () => Object.fromEntries(await Promise.all(Object.entries(ids).map(async ([n, id]) => [n, (await get<{ data: { status: string } }>(`/api/v1/tasks/${id}`)).data.status] as const)));
  expect(await statuses()).toEqual({ 'Call Ada': 'done', 'Send the quote': 'todo', 'Book the venue': 'done' });
  // The page follows: the done ones leave the open view.
  await expect.poll(() => page.getByRole('textbox', { name: /^Title of / }).count(), { timeout: UI_TIMEOUT }).toBe(1);

  const undo = page.waitForResponse((r) => /\/api\/v1\/bulk-jobs\/[^/]+\/undo$/.test(r.url()));
  await page.getByRole('button', { name: 'Undo' }).click();
  expect((await undo).status()).toBe(200);
  await page.getByText(/Undone|Undid/).waitFor();
  expect(await statuses()).toEqual({ 'Call Ada': 'todo', 'Send the quote': 'todo', 'Book the venue': 'todo' });

  expect(consoleErrors).toEqual([]);
  await context.close();
});
