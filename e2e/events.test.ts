// Calendar events, the record type added through the add-an-entity checklist: reached from the
// sidebar, created in the form (an end before the start is refused in place), shown on its page
// with a note and its timeline, listed, and its creation undone from the timeline.
import { expect, test } from 'vitest';
import { hasChromium, openPage, setupE2E, signUpWithOrganization, warnIfNoChromium } from './helpers';

warnIfNoChromium('e2e/events.test.ts');
const e2e = setupE2E({ AUTH_RATE_LIMIT: 'false' });

test.skipIf(!hasChromium)('events: sidebar, form with validation, detail with notes and timeline, list, phone width', { timeout: 120_000 }, async () => {
  const env = e2e.env();
  const { context, page, consoleErrors } = await openPage(env);
  const heading = (name: string) => page.getByRole('heading', { level: 1, name });
  const nav = page.getByRole('navigation', { name: 'Main' });
  const dialog = page.getByRole('dialog');

  await signUpWithOrganization(page, { name: 'Eve Events', email: `eve+${Date.now()}@example.com`, organization: 'Calendar Co' });
  await nav.getByRole('link', { name: 'Events' }).click();
  await heading('Events').waitFor();
  await page.getByText('No events yet').waitFor();
  await env.shot(page, 'events-empty');

  await page.getByRole('button', { name: 'New event' }).first().click();
  await dialog.getByLabel('Title').fill('Quarterly review');
  await dialog.getByLabel('Starts').fill('2030-03-14T14:00');
  await dialog.getByLabel('Ends').fill('2030-03-14T13:00');
  await dialog.getByLabel('Time zone').selectOption('Europe/Berlin');
  await dialog.getByLabel('Where').fill('Room 4');
  await env.shot(page, 'events-form');
  await dialog.getByRole('button', { name: 'Create event' }).click();
  await dialog.getByText('must be on or after the start').waitFor();
  await dialog.getByLabel('Ends').fill('2030-03-14T15:30');
  await dialog.getByRole('button', { name: 'Create event' }).click();

  await heading('Quarterly review').waitFor();
  await page.getByText('Europe/Berlin').waitFor();
  await page.getByText('Room 4').waitFor();
  await page.getByRole('textbox', { name: /note/i }).first().fill('Bring the **Q1 numbers**');
  await page.getByRole('button', { name: /add note/i }).click();
  const notes = page.getByRole('list', { name: 'Notes' });
  await notes.getByText('Q1 numbers').waitFor();
  const timeline = page.getByRole('list', { name: 'Activity timeline' });
  await timeline.getByText(/created this event/).waitFor();
  await timeline.getByText(/added a note/).waitFor();
  await page.reload();
  await notes.getByText('Q1 numbers').waitFor();
  await env.shot(page, 'event-detail');

  await nav.getByRole('link', { name: 'Events' }).click();
  const table = page.getByRole('grid', { name: 'Events' });
  await table.getByRole('link', { name: 'Quarterly review' }).waitFor();
  await expect.poll(() => table.getByRole('row').count()).toBe(2);
  await env.shot(page, 'events-list');

  // Phone width: the list and the record still fit.
  await page.setViewportSize({ width: 390, height: 844 });
  await env.shot(page, 'events-list-phone');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await table.getByRole('link', { name: 'Quarterly review' }).click();
  await heading('Quarterly review').waitFor();
  await notes.getByText('Q1 numbers').waitFor();
  await env.shot(page, 'event-detail-phone');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 800 });

  // Undo the creation from the timeline: the event is gone and the list is empty again.
  await timeline.getByRole('button', { name: /Undo: created/ }).click();
  await heading('Events').waitFor();
  await page.getByText('No events yet').waitFor();

  expect(consoleErrors).toEqual([]);
  await context.close();
});
