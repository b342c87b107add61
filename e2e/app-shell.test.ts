// The app shell as the router composes it (web/router.tsx gives web/components/app-shell.tsx its
// top-bar actions): every record type's sidebar entry from the catalogue's pages.tsx files, the
// command palette, the assistant button and the user menu work at 1280 and 390 px, with no
// sideways page scroll.
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { ENTITIES } from '../contracts/entities';
import { hasChromium, openPage, setupE2E, signUpWithOrganization, warnIfNoChromium } from './helpers';

warnIfNoChromium('e2e/app-shell.test.ts');
const e2e = setupE2E({ AUTH_RATE_LIMIT: 'false' });

const pageOverflow = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth - document.scrollingElement!.clientWidth);

test.skipIf(!hasChromium)('sidebar from the catalogue, palette, assistant button and user menu, wide and narrow', { timeout: 240_000 }, async () => {
  const env = e2e.env();
  const { context, page, consoleErrors } = await openPage(env, { width: 1280, height: 800 });
  await signUpWithOrganization(page, { name: 'Sam Shell', email: `sam+${Date.now()}@example.com`, organization: 'Shell Co' });

  // Sidebar: Dashboard, Calendar, each record type with a sidebar place (in catalogue order), Activity, Assistant, Settings.
  const main = page.getByRole('navigation', { name: 'Main' });
  const withNav = ENTITIES.filter((e) => e.nav !== null).sort((a, b) => (a.nav ?? 0) - (b.nav ?? 0));
  expect(await main.getByRole('link').allInnerTexts()).toEqual(['Dashboard', 'Calendar', ...withNav.map((e) => e.plural), 'Activity', 'Assistant', 'Settings']);
  for (const e of withNav) {
    await main.getByRole('link', { name: e.plural, exact: true }).click();
    await page.waitForURL((u) => u.pathname === e.route);
    await page.getByRole('heading', { level: 1 }).waitFor();
  }
  await main.getByRole('link', { name: 'Contacts', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Contacts' }).waitFor();
  await env.shot(page, 'shell-1280');
  expect(await pageOverflow(page)).toBe(0);

  // The palette (Ctrl+K), the assistant panel (its button), the user menu.
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog');
  await palette.getByRole('combobox').waitFor();
  await page.keyboard.press('Escape');
  await palette.waitFor({ state: 'hidden' });
  await page.getByRole('banner').getByRole('button', { name: /Assistant/ }).click();
  const panel = page.getByRole('dialog');
  await panel.waitFor();
  await env.shot(page, 'shell-assistant-1280');
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'hidden' });
  await page.getByRole('button', { name: 'User menu' }).click();
  await page.getByRole('menuitemradio', { name: 'Shell Co' }).waitFor();
  await env.shot(page, 'shell-user-menu-1280');
  await page.keyboard.press('Escape');

  // Narrow: the sidebar is an overlay behind "Open menu"; the top bar still fits.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('button', { name: 'Open menu' }).click();
  await main.getByRole('link', { name: 'Deals', exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/deals');
  await page.getByRole('heading', { level: 1, name: 'Deals' }).waitFor();
  await page.getByRole('button', { name: 'User menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).waitFor();
  await env.shot(page, 'shell-user-menu-390');
  await page.keyboard.press('Escape');
  expect(await pageOverflow(page)).toBe(0);
  await page.getByRole('button', { name: 'User menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  await env.shot(page, 'shell-signed-out-390');

  expect(consoleErrors).toEqual([]);
  await context.close();
});
