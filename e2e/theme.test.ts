// Light, dark or the device's theme, per user (Issue 15.6), in Chromium: picked from the user menu,
// applied at once, kept on reload and on another browser the same person signs in on; "Same as
// device" follows the device's colour scheme. Screenshots of dark pages at 1280 and 390 px.
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { hasChromium, openPage, setupE2E, signUpWithOrganization, UI_TIMEOUT, warnIfNoChromium } from './helpers';

warnIfNoChromium('e2e/theme.test.ts');
const e2e = setupE2E({ AUTH_RATE_LIMIT: 'false' });

const theme = (page: Page) => page.evaluate(() => document.documentElement.dataset.theme);
// A Card (a <section> with bg-white); not the first bg-white element of any kind (a select, a hover tint).
const cardBackground = (page: Page) => page.locator('main section[class*="bg-white"]').first().evaluate((el) => getComputedStyle(el).backgroundColor);

test.skipIf(!hasChromium)('a theme per user: dark from the menu, kept across reloads and browsers; system follows the device', { timeout: 150_000 }, async () => {
  const env = e2e.env();
  const { context, page, consoleErrors } = await openPage(env);
  page.setDefaultTimeout(UI_TIMEOUT);
  const email = `theo+${Date.now()}@example.com`;
  await signUpWithOrganization(page, { name: 'Theo Theme', email, organization: 'Theme Co' });
  expect(await theme(page)).toBe('light'); // "system" on a light device

  await page.getByRole('button', { name: 'User menu' }).click();
  await page.getByRole('menuitemradio', { name: 'Dark' }).click();
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  await page.keyboard.press('Escape');
  // A card's white turned dark: zinc-900 (24,24,27), or a shade of it on a card with its own tint or hover.
  const [r, g, b] = (await cardBackground(page)).match(/\d+/g)!.map(Number);
  expect(Math.max(r, g, b), 'card background is dark').toBeLessThan(60);
  await page.getByRole('button', { name: 'New contact' }).first().click();
  await page.getByRole('dialog').getByLabel('First name').fill('Nyx');
  await page.getByRole('dialog').getByRole('button', { name: 'Create contact' }).click();
  await page.getByRole('heading', { level: 1, name: 'Nyx' }).waitFor();
  await env.shot(page, 'dark-contact-1280');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(200); // layout settles after the resize (not an assertion)
  await env.shot(page, 'dark-contact-390');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 800 });

  // Saved for the user: a reload, and a fresh browser signing in, open dark.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Nyx' }).waitFor();
  expect(await theme(page)).toBe('dark');
  const other = await env.browser.newContext({ baseURL: env.baseUrl, colorScheme: 'light' });
  const second = await other.newPage();
  await second.goto('/sign-in');
  await second.getByLabel('Email').fill(email);
  await second.getByLabel('Password').fill('correct horse battery');
  await second.getByRole('button', { name: 'Sign in' }).click();
  await second.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
  await second.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  await env.shot(second, 'dark-dashboard-1280');

  // "Same as device" follows the device: dark scheme → dark, light → light, live.
  await page.getByRole('button', { name: 'User menu' }).click();
  await page.getByRole('menuitemradio', { name: 'Same as device' }).click();
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
  const saved = await page.request.get('/api/v1/me/preferences');
  expect((await saved.json()).data).toEqual({ theme: 'system' });

  expect(consoleErrors).toEqual([]);
  await other.close();
  await context.close();
});
