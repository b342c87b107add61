// Issue 11.3–4 in a real Chromium: a reminder due in a few seconds raises the bell's unread count
// without a reload (pushed over the realtime stream), the bell lists it, opening it goes to the
// reminder and marks it read; the Reminders list (create, tick done) and Settings → Notifications.
import { expect, test } from 'vitest';
import { hasChromium, openPage, setupE2E, shotsAtBothWidths, signUpWithOrganization, warnIfNoChromium } from './helpers';

warnIfNoChromium('e2e/notifications.test.ts');
const e2e = setupE2E({ AUTH_RATE_LIMIT: 'false' });

test.skipIf(!hasChromium)('a reminder fires into the bell live; open it, mark read; reminders list and notification settings', { timeout: 120_000 }, async () => {
  const env = e2e.env();
  const { page, context, consoleErrors } = await openPage(env);
  await signUpWithOrganization(page, { name: 'Bella Bell', email: `bella+${Date.now()}@example.com`, organization: 'Bell Org' });

  // The empty bell.
  const bell = page.getByRole('button', { name: /^Notifications/ });
  await bell.click();
  const panel = page.getByRole('dialog', { name: 'Notifications' });
  await panel.getByText("You're all caught up").waitFor();
  await shotsAtBothWidths(page, env.shot, 'bell-empty');
  await page.keyboard.press('Escape');

  // Hold the stream open, then a reminder due in 3 s (made through the API, like the assistant would).
  const streaming = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/realtime' && r.status() === 200);
  await page.goto('/contacts');
  await streaming;
  const made = await page.request.post('/api/v1/reminders', { headers: { origin: env.baseUrl }, data: { title: 'Call Bob back', remindAt: new Date(Date.now() + 3000).toISOString(), channels: ['in_app'] } });
  expect(made.status()).toBe(201);
  const reminder = (await made.json()).data;
  const t = Date.now();
  await page.getByTestId('unread-count').filter({ hasText: '1' }).waitFor({ timeout: 20_000 });
  console.info(`notifications: the bell showed the reminder ${Date.now() - t} ms after it was made (due after 3000 ms)`);
  await expect(bell.getAttribute('aria-label')).resolves.toBe('Notifications, 1 unread');

  await bell.click();
  const item = panel.getByRole('button', { name: /^Reminder: Call Bob back/ });
  await item.waitFor();
  await shotsAtBothWidths(page, env.shot, 'bell-open');
  await item.click();
  await page.waitForURL(`**/reminders/${reminder.id}`);
  await page.getByRole('heading', { level: 1, name: 'Call Bob back' }).waitFor();
  await page.getByTestId('unread-count').waitFor({ state: 'detached' });
  await expect(bell.getAttribute('aria-label')).resolves.toBe('Notifications');
  await shotsAtBothWidths(page, env.shot, 'reminder-page');

  // The Reminders list: create one from the form, tick it done.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reminders' }).click();
  await page.getByRole('heading', { level: 1, name: 'Reminders' }).waitFor();
  await page.getByRole('button', { name: 'New reminder' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Remind me to').fill('Send the contract');
  await dialog.getByRole('button', { name: 'Set reminder' }).click();
  await dialog.waitFor({ state: 'detached' });
  const row = page.getByRole('row', { name: /Send the contract/ });
  await row.waitFor();
  const done = page.getByRole('checkbox', { name: 'Mark “Send the contract” done' });
  const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes('/api/v1/reminders/') && r.status() === 200);
  await done.click();
  await saved;
  await page.getByRole('checkbox', { name: 'Mark “Send the contract” not done' }).waitFor();
  await shotsAtBothWidths(page, env.shot, 'reminders-list');

  // Settings → Notifications: turn reminder emails off and pick a digest hour.
  await page.goto('/settings/notifications');
  await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
  await page.getByRole('checkbox', { name: 'Reminders: email' }).uncheck();
  await page.getByLabel('Morning digest at').selectOption('7');
  const put = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith('/api/v1/me/notification-settings') && r.status() === 200);
  await page.getByRole('button', { name: 'Save' }).click();
  const body = (await (await put).json()).data;
  expect(body).toMatchObject({ digestHour: 7, kinds: { reminder: { inApp: true, email: false } } });
  await shotsAtBothWidths(page, env.shot, 'notification-settings');

  expect(consoleErrors).toEqual([]);
  await context.close();
});
