// In a real Chromium: the Activity page (the organization's changes newest first with links to the
// records, a new change arriving live, filters kept in the URL with an empty state, "Load older"
// paging) and the Feedback page (sent from the user menu with a screenshot, read by the owner);
// neither scrolls sideways at phone width.
import { expect, test } from 'vitest';
import { hasChromium, openPage, setupE2E, signUpWithOrganization, warnIfNoChromium } from './helpers';

warnIfNoChromium('e2e/activity-and-feedback.test.ts');

const e2e = setupE2E({ AUTH_RATE_LIMIT: 'false' });

test.skipIf(!hasChromium)('read, filter and page the organization\'s activity; a new change appears live', async () => {
  const env = e2e.env();
  const { context, page, consoleErrors } = await openPage(env);
  await signUpWithOrganization(page, { name: 'Ava Activity', email: `ava+${Date.now()}@example.com`, organization: 'Feed Org' });
  const post = (path: string, data: unknown) => page.request.post(`/api/v1/${path}`, { data, headers: { origin: env.baseUrl } });
  const ada = await (await post('contacts', { firstName: 'Ada', lastName: 'Lovelace' })).json();
  await post('companies', { name: 'Acme Rockets' });
  // Enough history for a second page (the page holds 50).
  for (let i = 0; i < 55; i++) await post('tasks', { title: `Chore ${i + 1}` });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).click();
  await page.getByRole('heading', { level: 1, name: 'Activity' }).waitFor();
  const feed = page.getByRole('list', { name: 'Organization activity' });
  await feed.getByText('Chore 55').waitFor();
  await expect.poll(() => feed.getByRole('listitem').count()).toBe(50);
  await env.shot(page, 'activity');

  // Older changes come with "Load older activity".
  await page.getByRole('button', { name: 'Load older activity' }).click();
  await feed.getByRole('link', { name: 'Ada Lovelace' }).waitFor();
  // 55 tasks, a contact, a company, and the default pipeline the new organization got.
  expect(await feed.getByRole('listitem').count()).toBe(58);
  await expect.poll(() => page.getByRole('button', { name: 'Load older activity' }).count()).toBe(0);

  // A change made elsewhere arrives without a reload (realtime refreshes the feed).
  const patched = await page.request.patch(`/api/v1/contacts/${ada.data.id}`, { data: { title: 'Countess' }, headers: { origin: env.baseUrl } });
  expect(patched.status()).toBe(200);
  await feed.getByRole('listitem').first().getByText(/updated contact/).waitFor({ timeout: 15_000 });

  // Filters live in the URL; a filter that matches nothing says so.
  await page.getByLabel('Record type').selectOption('company');
  await expect.poll(() => new URL(page.url()).searchParams.get('type')).toBe('company');
  await feed.getByRole('link', { name: 'Acme Rockets' }).waitFor();
  expect(await feed.getByRole('listitem').count()).toBe(1);
  await page.getByLabel('Action').selectOption('deleted');
  await page.getByText('Nothing matches these filters').waitFor();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await feed.getByText('Chore 55').waitFor();

  // The record link opens the record.
  await page.getByLabel('Record type').selectOption('contact');
  await feed.getByRole('link', { name: 'Ada Lovelace' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Ada Lovelace' }).waitFor();

  await page.goBack();
  await page.setViewportSize({ width: 390, height: 800 });
  await page.getByRole('heading', { level: 1, name: 'Activity' }).waitFor();
  await env.shot(page, 'activity-phone');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  expect(consoleErrors).toEqual([]);
  await context.close();
});

// The smallest valid PNG (1×1 transparent pixel).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

test.skipIf(!hasChromium)('send feedback with a screenshot from the user menu; the owner reads it', async () => {
  const env = e2e.env();
  const { context, page, consoleErrors } = await openPage(env);
  await signUpWithOrganization(page, { name: 'Fay Feedback', email: `fay+${Date.now()}@example.com`, organization: 'Feedback Org' });
  await page.getByRole('button', { name: 'User menu' }).click();
  await page.getByRole('menuitem', { name: 'Send feedback' }).click();
  await page.getByRole('heading', { level: 1, name: 'Feedback' }).waitFor();
  await page.getByText('No feedback yet').waitFor();

  // An empty message is refused in place; nothing is sent.
  await page.getByRole('button', { name: 'Send feedback' }).click();
  await page.getByText('Say what you would like us to know').waitFor();

  await page.getByLabel('What is it about?').selectOption('bug');
  await page.getByLabel('Your feedback').fill('The board jumps when I drag a deal');
  await page.getByLabel('Screenshot (optional)').setInputFiles({ name: 'board.png', mimeType: 'image/png', buffer: PNG });
  await page.getByRole('button', { name: 'Send feedback' }).click();
  await page.getByText('Thank you — your feedback was sent.').waitFor();

  const received = page.getByRole('list', { name: 'Feedback received' });
  await received.getByText('The board jumps when I drag a deal').waitFor();
  await received.getByText('Something is broken').waitFor();
  // The page it was sent from rides along (the user menu was opened on the dashboard).
  await received.getByText('Page: /').waitFor();
  const href = await received.getByRole('link', { name: 'Screenshot' }).getAttribute('href');
  const image = await page.request.get(href!);
  expect(image.status()).toBe(200);
  expect(image.headers()['content-type']).toBe('image/png');
  expect(Buffer.compare(await image.body(), PNG)).toBe(0);
  await env.shot(page, 'feedback');

  await page.setViewportSize({ width: 390, height: 800 });
  await page.getByRole('heading', { level: 1, name: 'Feedback' }).waitFor();
  await env.shot(page, 'feedback-phone');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  expect(consoleErrors).toEqual([]);
  await context.close();
});
