// A branded build (Issue 15.6), in Chromium: APP_NAME, BRAND_ACCENT (a light yellow, so the text
// on it must turn dark), BRAND_LOGO (a file) and BRAND_HEADER=dark. The title, icon, manifest,
// logo, accent buttons and the dark bars show it. Screenshots at 1280 and 390 px.
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { hasChromium, openPage, setupE2E, signUpWithOrganization, UI_TIMEOUT, warnIfNoChromium } from './helpers';

warnIfNoChromium('e2e/branding.test.ts');
const LOGO = fileURLToPath(new URL('../test/fixtures/brand-logo.svg', import.meta.url));
const e2e = setupE2E({ AUTH_RATE_LIMIT: 'false', APP_NAME: 'Acme Relations', BRAND_ACCENT: '#facc15', BRAND_LOGO: LOGO, BRAND_HEADER: 'dark' });

const css = (page: Page, selector: string, prop: string) => page.locator(selector).first().evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), prop);

test.skipIf(!hasChromium)('a branded build: name, logo, icon, manifest, accent with readable text, dark header', { timeout: 120_000 }, async () => {
  const env = e2e.env();
  const { context, page, consoleErrors } = await openPage(env);
  page.setDefaultTimeout(UI_TIMEOUT);

  await page.goto('/sign-in');
  expect(await page.title()).toBe('Acme Relations');
  expect(await page.locator('link[rel="icon"]').getAttribute('href')).toBe('/brand/logo');
  const manifest = await (await page.request.get('/manifest.webmanifest')).json();
  expect(manifest).toMatchObject({ name: 'Acme Relations', display: 'standalone', icons: [{ src: '/brand/logo', type: 'image/svg+xml' }] });
  expect(await page.locator('meta[name="theme-color"]').getAttribute('content')).toBe('#18181b');
  await env.shot(page, 'branded-sign-in-1280');

  await signUpWithOrganization(page, { name: 'Bea Brand', email: `bea+${Date.now()}@example.com`, organization: 'Acme' });
  const home = page.getByRole('link', { name: 'Acme Relations home' }).first();
  await home.waitFor();
  expect(await home.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  // The accent is the yellow itself, and the text on it is dark (white would not read on yellow).
  const create = page.getByRole('button', { name: 'New contact' }).first();
  expect(await create.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(250, 204, 21)');
  expect(await create.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(9, 9, 11)');
  // The active sidebar link and the bars are dark, with light text.
  expect(await css(page, 'aside#sidebar', 'background-color')).toBe('rgb(24, 24, 27)');
  expect(await css(page, 'header', 'background-color')).toBe('rgb(24, 24, 27)');
  const navColour = await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deals' }).evaluate((el) => getComputedStyle(el).color);
  expect(navColour).toMatch(/^rgb\((2[0-5]\d|1[89]\d), /); // a light grey on the dark bar
  const userName = await page.locator('header').getByText('Bea Brand').evaluate((el) => getComputedStyle(el).color);
  expect(userName).toBe('rgb(250, 250, 250)');
  await env.shot(page, 'branded-contacts-1280');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(200); // layout settles after the resize (not an assertion)
  await env.shot(page, 'branded-contacts-390');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.getByRole('button', { name: 'Open menu' }).click();
  await env.shot(page, 'branded-menu-390');

  expect(consoleErrors).toEqual([]);
  await context.close();
});
