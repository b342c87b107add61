// What a new team sees in Chromium, against the real server: (a) creating an organization lands on
// the dashboard with a first-steps checklist that ticks itself and can be dismissed; (b) money,
// enum values, markdown snippets and counts read as people write them; (c) deal amounts typed as
// "7,500" and "1.2m" are saved; (d) Tasks → Mine puts a completed past task under Done, not Today;
// (e) an accepted invitation opened again says so and lets the member in. Screenshots at 1280 and 390 px.
import type { APIRequestContext } from 'playwright-core';
import { expect, test } from 'vitest';
import { hasChromium, openPage, shotsAtBothWidths, setupE2E, warnIfNoChromium } from './helpers';

warnIfNoChromium('e2e/data-entry.test.ts');
const e2e = setupE2E({ AUTH_RATE_LIMIT: 'false' });

async function call<T>(request: APIRequestContext, origin: string, method: 'post' | 'get', path: string, data?: unknown): Promise<T> {
  const res = method === 'get' ? await request.get(path) : await request.post(path, { data, headers: { Origin: origin } });
  if (!res.ok()) throw new Error(`${method.toUpperCase()} ${path} → ${res.status()}: ${await res.text()}`);
  return (await res.json()) as T;
}


test.skipIf(!hasChromium)('onboarding to the dashboard, readable values, amounts as typed, task groups, an invitation accepted once', { timeout: 200_000 }, async () => {
  const env = e2e.env();
  const { context, page, consoleErrors } = await openPage(env);
  const heading = (name: string) => page.getByRole('heading', { level: 1, name });
  const nav = page.getByRole('navigation', { name: 'Main' });
  const dialog = page.getByRole('dialog');
  const stamp = Date.now();
  const post = <T,>(path: string, data: unknown) => call<T>(page.request, env.baseUrl, 'post', path, data);

  // (a) Sign up, create the organization: the dashboard, not a spinner on Contacts.
  await page.goto('/sign-up');
  await page.getByLabel('Name').fill('Fran Format');
  await page.getByLabel('Email').fill(`fran+${stamp}@example.com`);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Create account' }).click();
  await heading('Create your organization').waitFor();
  await page.getByLabel('Organization name').fill('Format Co');
  await page.getByRole('button', { name: 'Create organization' }).click();
  await heading('Dashboard').waitFor();
  expect(new URL(page.url()).pathname).toBe('/');
  const steps = page.getByRole('list', { name: 'First steps' });
  await steps.waitFor();
  await page.getByText('0 of 4 steps done').waitFor();
  expect(await steps.getByRole('listitem').allInnerTexts()).toEqual([
    expect.stringContaining('Add a contact'), expect.stringContaining('Import a CSV'), expect.stringContaining('Invite a teammate'), expect.stringContaining('Connect a model'),
  ]);
  await shotsAtBothWidths(page, env.shot, 'onboarding-dashboard');

  // Records made through the API (as an import or the assistant would) tick the checklist too.
  const me = (await call<{ data: { user: { id: string } } }>(page.request, env.baseUrl, 'get', '/api/v1/me')).data.user;
  const globex = (await post<{ data: { id: string } }>('/api/v1/companies', { name: 'Globex', annualRevenue: '12000000', status: 'customer' })).data;
  const dora = (await post<{ data: { id: string } }>('/api/v1/contacts', { firstName: 'Dora', lastName: 'Discovery', companyId: globex.id })).data;
  await post('/api/v1/notes', { relatedType: 'contact', relatedId: dora.id, body: '**Discovery call** went well, the rollout starts in May' });
  const day = 86_400_000;
  await post('/api/v1/tasks', { title: 'Send recap', status: 'done', dueAt: new Date(Date.now() - 4 * day).toISOString(), assigneeId: me.id });
  await post('/api/v1/tasks', { title: 'Chase signature', status: 'in_progress', dueAt: new Date(Date.now() - 3 * day).toISOString(), assigneeId: me.id });
  await page.reload();
  await heading('Dashboard').waitFor();
  await page.getByText('1 of 4 steps done').waitFor();
  expect(await steps.locator('li[data-done="true"]').allInnerTexts()).toEqual([expect.stringContaining('Add a contact')]);
  // Dismissed, it stays away.
  await page.getByRole('button', { name: 'Dismiss first steps' }).click();
  await steps.waitFor({ state: 'detached' });
  await page.reload();
  await heading('Dashboard').waitFor();
  await page.getByRole('heading', { name: 'Pipeline by stage' }).waitFor();
  expect(await page.getByRole('list', { name: 'First steps' }).count()).toBe(0);

  // (b) Money in the organization's currency with grouping, not "12000000.00".
  await page.goto(`/companies/${globex.id}`);
  await heading('Globex').waitFor();
  await page.getByText('$12,000,000.00').waitFor();
  expect(await page.locator('main').innerText()).not.toContain('12000000');
  // The note on the timeline reads as words: no "**", no "in_progress".
  await page.goto(`/contacts/${dora.id}`);
  await heading('Dora Discovery').waitFor();
  const timeline = page.getByRole('list', { name: 'Activity timeline' });
  await timeline.getByText(/Discovery call went well/).waitFor();
  expect(await timeline.locator('strong', { hasText: 'Discovery call' }).count()).toBe(1);
  expect(await timeline.innerText()).not.toContain('**');
  // Search snippets (Ctrl+K): the matched words marked, the markdown gone.
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Search records and commands' }).fill('rollout');
  const hit = page.getByRole('option', { name: /Discovery call went well/ });
  await hit.waitFor();
  expect(await hit.innerText()).not.toContain('**');
  expect(await hit.locator('mark').allInnerTexts()).toContain('rollout');
  await shotsAtBothWidths(page, env.shot, 'search-snippet');
  // A task's status in its snippet reads as words.
  await page.getByRole('combobox', { name: 'Search records and commands' }).fill('Chase signature');
  const task = page.getByRole('option', { name: /Chase signature/ });
  await task.waitFor();
  expect(await task.innerText()).not.toContain('in_progress');
  await page.keyboard.press('Escape');

  // (c) Amounts as people type them in the deal form.
  await nav.getByRole('link', { name: 'Deals' }).click();
  await heading('Deals').waitFor();
  for (const [name, typed] of [['Globex pilot', '7,500'], ['Globex rollout', '1.2m']] as const) {
    await page.getByRole('button', { name: 'New deal' }).click();
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByLabel('Amount').fill(typed);
    if (name === 'Globex pilot') await shotsAtBothWidths(page, env.shot, 'deal-form-amount');
    await dialog.getByRole('button', { name: 'Create deal' }).click();
    await dialog.waitFor({ state: 'detached' });
  }
  const deals = (await call<{ data: { name: string; amount: string }[] }>(page.request, env.baseUrl, 'get', '/api/v1/deals?sort=name&q=Globex')).data;
  expect(deals.map((d) => [d.name, d.amount])).toEqual([['Globex pilot', '7500.00'], ['Globex rollout', '1200000.00']]);

  // (d) Tasks → Mine: the open past task is Overdue, the completed one under Done, nothing "Today".
  await nav.getByRole('link', { name: 'Tasks' }).click();
  await heading('Tasks').waitFor();
  await page.getByRole('list', { name: 'Overdue tasks' }).getByLabel('Title of Chase signature').waitFor();
  await page.getByRole('list', { name: 'Done tasks' }).getByLabel('Title of Send recap').waitFor();
  expect(await page.getByRole('list', { name: 'Today tasks' }).count()).toBe(0);
  expect(await page.locator('main').innerText()).not.toContain('in_progress');
  await shotsAtBothWidths(page, env.shot, 'tasks-groups');

  // (e) An invitation: accepted once, and opened again it says so instead of asking (or a 400).
  const inviteeEmail = `ivo+${stamp}@example.com`;
  const invitation = await post<{ id: string }>('/api/auth/organization/invite-member', { email: inviteeEmail, role: 'member' });
  const other = await openPage(env);
  await call(other.context.request, env.baseUrl, 'post', '/api/auth/sign-up/email', { name: 'Ivo Invitee', email: inviteeEmail, password: 'correct horse battery' });
  await call(other.context.request, env.baseUrl, 'post', '/api/auth/sign-in/email', { email: inviteeEmail, password: 'correct horse battery' });
  const badResponses: string[] = [];
  other.page.on('response', (r) => {
    if (r.status() >= 400 && /invitation/.test(r.url())) badResponses.push(`${r.status()} ${r.url()}`);
  });
  await other.page.goto(`/accept-invitation/${invitation.id}`);
  await other.page.getByRole('heading', { level: 1, name: 'Join Format Co' }).waitFor();
  await other.page.getByText('invited you as member').waitFor();
  await other.page.getByRole('button', { name: 'Accept invitation' }).click();
  await other.page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
  await other.page.goto(`/accept-invitation/${invitation.id}`);
  await other.page.getByRole('heading', { level: 1, name: 'Invitation already accepted' }).waitFor();
  await other.page.getByText('You are a member of Format Co.').waitFor();
  expect(badResponses).toEqual([]);
  await shotsAtBothWidths(other.page, env.shot, 'invitation-already-accepted');
  await other.page.getByRole('button', { name: 'Open Format Co' }).click();
  await other.page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
  expect(other.consoleErrors).toEqual([]);
  await other.context.close();

  expect(consoleErrors).toEqual([]);
  await context.close();
});
