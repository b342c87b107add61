// Issue 13.4/13.5 in two real Chromium windows of one organization: a deal created in one appears
// on the other's board, and dragged there it moves on the other's board too — no reload, pushed
// over GET /api/v1/realtime. The measured delay is printed (no timed assertion: a loaded CI
// machine is not a benchmark).
import { test } from 'vitest';
import { drag, hasChromium, openPage, setupE2E, signUpWithOrganization, warnIfNoChromium } from './helpers';

warnIfNoChromium('e2e/realtime.test.ts');
const e2e = setupE2E({ AUTH_RATE_LIMIT: 'false' });

test.skipIf(!hasChromium)('two windows: a deal created and dragged in one shows up and moves on the other board', async () => {
  const env = e2e.env();
  const viewport = { width: 2400, height: 1000 };
  const one = await openPage(env, viewport);
  const email = `rita+${Date.now()}@example.com`;
  await signUpWithOrganization(one.page, { name: 'Rita Realtime', email, organization: 'Live Org' });

  // The second window: the same organization, signed in separately (its own session).
  const two = await openPage(env, viewport);
  await two.page.goto('/sign-in');
  await two.page.getByLabel('Email').fill(email);
  await two.page.getByLabel('Password').fill('correct horse battery');
  await two.page.getByRole('button', { name: 'Sign in' }).click();
  await two.page.getByRole('navigation', { name: 'Main' }).waitFor();

  const column = (page: typeof one.page, name: string) => page.getByRole('region', { name, exact: true });
  const card = (page: typeof one.page, stage: string) => column(page, stage).locator('li[data-deal-id]', { hasText: 'Live deal' });
  for (const w of [one, two]) {
    // Each window holds its stream open (a full page load opens a new one) before anything happens.
    const streaming = w.page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/realtime' && r.status() === 200);
    await w.page.goto('/deals');
    await column(w.page, 'Qualification').waitFor();
    await streaming;
  }

  // Created in window two: window one's board shows it, without a reload.
  await two.page.getByRole('button', { name: 'New deal' }).click();
  const dialog = two.page.getByRole('dialog');
  await dialog.getByLabel('Name').fill('Live deal');
  await dialog.getByLabel('Amount').fill('2500');
  await dialog.getByRole('button', { name: 'Create deal' }).click();
  await dialog.waitFor({ state: 'detached' });
  let t = Date.now();
  await card(one.page, 'Qualification').waitFor();
  const createdMs = Date.now() - t;

  // Dragged in window two: it moves on window one's board.
  await card(two.page, 'Qualification').waitFor();
  const moved = two.page.waitForResponse((r) => r.url().endsWith('/move') && r.status() === 200);
  await drag(two.page, card(two.page, 'Qualification'), column(two.page, 'Needs analysis').getByRole('list'));
  await moved;
  t = Date.now();
  await card(one.page, 'Needs analysis').waitFor();
  await card(one.page, 'Qualification').waitFor({ state: 'detached' });
  const movedMs = Date.now() - t;
  console.info(`realtime: created deal on the other board after ${createdMs} ms, moved after ${movedMs} ms`);
  await env.shot(one.page, 'realtime-board-other-window');

  if (one.consoleErrors.length || two.consoleErrors.length) throw new Error(`console errors: ${[...one.consoleErrors, ...two.consoleErrors].join('\n')}`);
  await one.context.close();
  await two.context.close();
});
