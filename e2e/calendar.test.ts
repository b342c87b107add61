// Issue 11.7 and the browser part of 11.9 in a real Chromium, under the server's real CSP: /calendar
// (FullCalendar, styled by the CSS it injects at run time); dragging on empty time in the week view
// opens the event dialog with those times; the saved event (about a contact, with a reminder that is
// already due) shows on the calendar and on the contact's page, and its reminder reaches the bell.
// Dragging an event to another time or its edge PATCHes it (still so after a reload); dragging one
// occurrence of a series asks "this event or all" and edits only it. Screenshots of
// month, week, agenda and the dialog at 1280 and 390 px.
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { hasChromium, openPage, setupE2E, shotsAtBothWidths, signUpWithOrganization, warnIfNoChromium } from './helpers';

warnIfNoChromium('e2e/calendar.test.ts');
const e2e = setupE2E({ AUTH_RATE_LIMIT: 'false' });

const pad = (n: number) => String(n).padStart(2, '0');
const HALF_HOUR = 30 * 60_000;

/** A pointer drag from one point to another in small steps (FullCalendar's selection and event dragging). */
async function dragBetween(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x, from.y + 4, { steps: 3 });
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.waitForTimeout(100); // FullCalendar follows the pointer on the next frame (not an assertion)
  await page.mouse.up();
  await page.waitForTimeout(300);
}

/** The middle of a week-view slot: the column of `date` (YYYY-MM-DD), the row of `time` (HH:MM). */
async function slot(page: Page, date: string, time: string, dy = 0.5) {
  const col = await page.locator(`.fc-timegrid-col[data-date="${date}"]`).boundingBox();
  const row = await page.locator(`.fc-timegrid-slot-lane[data-time="${time}:00"]`).boundingBox();
  if (!col || !row) throw new Error(`no slot ${date} ${time} on screen`);
  return { x: col.x + col.width / 2, y: row.y + row.height * dy };
}

test.skipIf(!hasChromium)('calendar: drag to create an event about a contact, see it there and its reminder in the bell; drag an event to move it, its edge to resize it, one occurrence of a series alone', { timeout: 240_000 }, async () => {
  const env = e2e.env();
  const { page, context, consoleErrors } = await openPage(env);
  const headers = { origin: env.baseUrl };
  await signUpWithOrganization(page, { name: 'Cal Endar', email: `cal+${Date.now()}@example.com`, organization: 'Calendar Co' });
  const ada = (await (await page.request.post('/api/v1/contacts', { headers, data: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test' } })).json()).data as { id: string };
  const today = new Date().toISOString().slice(0, 10);
  // Something to see in each view: a task due today and a deal closing today (shown when asked).
  // The task is due twelve hours away from now on the clock, so it never sits where the drag below starts.
  await page.request.post('/api/v1/tasks', { headers, data: { title: 'Send the proposal', dueAt: `${today}T${pad((new Date().getUTCHours() + 12) % 24)}:00:00.000Z` } });

  // The calendar in UTC (the test's clock reads UTC too), from the sidebar.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calendar' }).click();
  await page.getByRole('heading', { level: 1, name: 'Calendar' }).waitFor();
  // A fresh load holds the realtime stream open before the reminder is made.
  const streaming = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/realtime' && r.status() === 200);
  await page.reload();
  await streaming;
  await page.getByLabel('Time zone').first().selectOption('UTC');
  await page.locator('.fc-timeGridWeek-view').waitFor();
  // FullCalendar's run-time CSS is applied under the server's CSP (a blocked <style> would leave its toolbar unstyled).
  const csp = (await page.request.get('/calendar')).headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(await page.evaluate(() => getComputedStyle(document.querySelector('.fc-toolbar')!).display)).toBe('flex');
  expect(await page.evaluate(() => (document.querySelector('style[data-fullcalendar]') as HTMLStyleElement | null)?.sheet?.cssRules.length ?? 0)).toBeGreaterThan(50);
  await page.locator('.fc-event', { hasText: 'Send the proposal' }).waitFor();

  // Drag over two empty half hours from the next half hour on (so the start is ahead and "1 hour before" is already due).
  const start = new Date(Math.ceil((Date.now() + 60_000) / HALF_HOUR) * HALF_HOUR);
  const date = start.toISOString().slice(0, 10);
  if (!(await page.locator(`.fc-timegrid-col[data-date="${date}"]`).count())) await page.getByRole('button', { name: 'Next week' }).click();
  const hhmm = (d: Date) => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  // Two slots, or one when the next would be tomorrow's.
  const last = new Date(start.getTime() + (hhmm(start) === '23:30' ? 0 : HALF_HOUR));
  await page.locator(`.fc-timegrid-slot-lane[data-time="${hhmm(last)}:00"]`).scrollIntoViewIfNeeded();
  const from = await slot(page, date, hhmm(start), 0.3);
  const till = await slot(page, date, hhmm(last), 0.7);
  await dragBetween(page, from, till);
  const dialog = page.getByRole('dialog', { name: 'New event' });
  await dialog.waitFor();
  expect(await dialog.getByLabel('Starts').inputValue()).toBe(start.toISOString().slice(0, 16));
  expect(await dialog.getByLabel('Ends').inputValue()).toBe(new Date(last.getTime() + HALF_HOUR).toISOString().slice(0, 16));
  // Title is required: a clear message, no request.
  await dialog.getByRole('button', { name: 'Create event' }).click();
  await dialog.getByText('Give the event a title').waitFor();
  await dialog.getByLabel('Title').fill('Demo with Ada');
  await dialog.getByLabel('Where').fill('Video call');
  // Ada as attendee and as the record it is about.
  await dialog.getByRole('combobox', { name: 'Add attendee' }).click();
  await page.getByRole('combobox', { name: 'Search contacts and members' }).fill('Ada');
  await page.getByRole('option', { name: /Ada Lovelace/ }).click();
  await dialog.getByRole('listitem').filter({ hasText: 'Ada Lovelace' }).waitFor();
  await dialog.getByRole('combobox', { name: 'Related to' }).click();
  await page.getByRole('combobox', { name: 'Search records' }).fill('Ada');
  await page.getByRole('option', { name: /Ada Lovelace/ }).click();
  await dialog.getByRole('combobox', { name: 'Related to' }).filter({ hasText: 'Ada Lovelace' }).waitFor();
  await dialog.getByLabel('Reminder 1: when').selectOption({ label: '1 hour before' });
  await dialog.getByLabel('Repeats').selectOption('weekly');
  await env.shot(page, 'calendar-dialog-1280');
  const created = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/events');
  await dialog.getByRole('button', { name: 'Create event' }).click();
  const made = await created;
  expect(made.status()).toBe(201);
  const event = (await made.json()).data;
  expect(event).toMatchObject({ title: 'Demo with Ada', startsAt: start.toISOString(), relatedType: 'contact', relatedId: ada.id, recurrence: 'FREQ=WEEKLY', reminders: [{ minutesBefore: 60, channels: ['in_app'] }] });
  expect(event.attendees).toMatchObject([{ type: 'contact', id: ada.id }]);
  await dialog.waitFor({ state: 'detached' });
  await page.locator('.fc-event', { hasText: 'Demo with Ada' }).first().waitFor();

  // Its reminder (due already) reaches the bell without a reload.
  await page.getByTestId('unread-count').filter({ hasText: '1' }).waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: /^Notifications/ }).click();
  await page.getByRole('dialog', { name: 'Notifications' }).getByRole('button', { name: /^Demo with Ada/ }).waitFor();
  await page.keyboard.press('Escape');

  // Views: month, week, agenda (and deals closing, once asked for).
  await page.request.post('/api/v1/deals', { headers, data: { name: 'Acme rollout', expectedCloseDate: today } });
  await page.getByLabel('Deal close dates').check();
  await page.locator('.fc-daygrid-event', { hasText: 'Close: Acme rollout' }).waitFor(); // the week's all-day row
  await page.getByRole('button', { name: 'Month', exact: true }).click();
  await page.locator('.fc-dayGridMonth-view').waitFor();
  await env.shot(page, 'calendar-month-1280');
  await page.getByRole('button', { name: 'Agenda' }).click();
  await page.locator('.fc-list-event', { hasText: 'Demo with Ada' }).first().waitFor();
  await env.shot(page, 'calendar-agenda-1280');
  await page.getByRole('button', { name: 'Week', exact: true }).click();
  await page.locator('.fc-timeGridWeek-view').waitFor();
  await env.shot(page, 'calendar-week-1280');

  // On Ada's page: upcoming events, and Schedule meeting opens the dialog with her invited.
  await page.goto(`/contacts/${ada.id}`);
  await page.getByRole('heading', { level: 1, name: 'Ada Lovelace' }).waitFor();
  await page.getByRole('region', { name: /Upcoming events/ }).getByRole('link', { name: 'Demo with Ada' }).first().waitFor(); // weekly: its next occurrences
  await shotsAtBothWidths(page, env.shot, 'calendar-contact-page');
  await page.getByRole('button', { name: 'Schedule meeting' }).click();
  const schedule = page.getByRole('dialog', { name: 'Schedule meeting' });
  expect(await schedule.getByLabel('Title').inputValue()).toBe('Meeting with Ada Lovelace');
  await schedule.getByRole('listitem').filter({ hasText: 'Ada Lovelace' }).waitFor();
  await page.keyboard.press('Escape');

  // Drag to move: a one-off event at 09:00 today goes to 11:00; the PATCH holds after a reload.
  const moveMe = (await (await page.request.post('/api/v1/events', { headers, data: { title: 'Standup', startsAt: `${today}T09:00:00.000Z`, endsAt: `${today}T09:30:00.000Z`, timezone: 'UTC' } })).json()).data as { id: string };
  await page.goto('/calendar');
  const standup = page.locator('.fc-timegrid-event', { hasText: 'Standup' });
  await standup.waitFor();
  await page.locator('.fc-timegrid-slot-lane[data-time="11:00:00"]').scrollIntoViewIfNeeded();
  const box = (await standup.boundingBox())!;
  const to = await slot(page, today, '11:00', 0.2);
  const patched = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes(`/api/v1/events/${moveMe.id}`));
  await dragBetween(page, { x: box.x + box.width / 2, y: box.y + 4 }, { x: to.x, y: to.y + 4 - 0 });
  expect((await patched).status()).toBe(200);
  await page.reload();
  await page.locator('.fc-timegrid-event', { hasText: 'Standup' }).waitFor();
  const after = (await (await page.request.get(`/api/v1/events/${moveMe.id}`)).json()).data;
  expect(after.startsAt).toBe(`${today}T11:00:00.000Z`);
  expect(after.endsAt).toBe(`${today}T11:30:00.000Z`);
  expect(await page.locator('.fc-timegrid-event', { hasText: 'Standup' }).innerText()).toContain('11:00');
  // Resize: its bottom edge dragged to 12:00 makes it end there.
  const moved = page.locator('.fc-timegrid-event', { hasText: 'Standup' });
  await moved.hover();
  const edge = (await moved.locator('.fc-event-resizer-end').boundingBox())!;
  const noon = await slot(page, today, '11:30', 0.6);
  const resized = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes(`/api/v1/events/${moveMe.id}`));
  await dragBetween(page, { x: edge.x + edge.width / 2, y: edge.y + edge.height / 2 }, { x: noon.x, y: noon.y });
  expect((await resized).status()).toBe(200);
  expect((await (await page.request.get(`/api/v1/events/${moveMe.id}`)).json()).data).toMatchObject({ startsAt: `${today}T11:00:00.000Z`, endsAt: `${today}T12:00:00.000Z` });
  // Another time zone: the same instants at Berlin's wall-clock times (UTC+1 in winter, +2 in summer).
  await page.getByLabel('Time zone').first().selectOption('Europe/Berlin');
  const berlin = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(`${today}T11:00:00Z`));
  await expect.poll(() => page.locator('.fc-timegrid-event', { hasText: 'Standup' }).innerText()).toMatch(new RegExp(`^${berlin.replace(/^0/, '')} `));
  await page.getByLabel('Time zone').first().selectOption('UTC');
  await expect.poll(() => page.locator('.fc-timegrid-event', { hasText: 'Standup' }).innerText()).toMatch(/^11:00 /);
  // Keyboard: an event takes focus and Enter opens it in the dialog.
  await page.locator('.fc-timegrid-event', { hasText: 'Standup' }).focus();
  await page.keyboard.press('Enter');
  const edit = page.getByRole('dialog', { name: 'Edit event' });
  expect(await edit.getByLabel('Title').inputValue()).toBe('Standup');
  await edit.getByRole('button', { name: 'Delete' }).scrollIntoViewIfNeeded();
  await env.shot(page, 'calendar-edit-dialog-1280');
  await page.keyboard.press('Escape');
  await edit.waitFor({ state: 'detached' });

  // One occurrence of a weekly series dragged an hour later: "This event" edits only it (?occurrence=).
  const series = (await (await page.request.post('/api/v1/events', { headers, data: { title: 'Weekly sync', startsAt: `${today}T13:00:00.000Z`, endsAt: `${today}T13:30:00.000Z`, timezone: 'UTC', recurrence: 'FREQ=WEEKLY;COUNT=4' } })).json()).data as { id: string };
  await page.reload();
  const sync = page.locator('.fc-timegrid-event', { hasText: 'Weekly sync' });
  await page.locator('.fc-timegrid-slot-lane[data-time="14:00:00"]').scrollIntoViewIfNeeded();
  const syncBox = (await sync.boundingBox())!;
  const later = await slot(page, today, '14:00', 0.2);
  await dragBetween(page, { x: syncBox.x + syncBox.width / 2, y: syncBox.y + 4 }, { x: later.x, y: later.y + 4 });
  const ask = page.getByRole('alertdialog', { name: 'Change a repeating event' });
  await ask.waitFor();
  await env.shot(page, 'calendar-scope-1280');
  const one = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes(`/api/v1/events/${series.id}?occurrence=`));
  await ask.getByRole('button', { name: 'This event' }).click();
  expect((await one).status()).toBe(201);
  const week = (await (await page.request.get(`/api/v1/events?from=${today}&to=${new Date(Date.parse(today) + 28 * 86_400_000).toISOString().slice(0, 10)}`)).json()).data as { title: string; startsAt: string }[];
  expect(week.filter((e) => e.title === 'Weekly sync').map((e) => e.startsAt.slice(11, 16))).toEqual(['14:00', '13:00', '13:00', '13:00']);

  // The phone: the agenda by default, nothing sideways; the dialog fits.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await page.locator('.fc-listWeek-view .fc-list-event', { hasText: 'Demo with Ada' }).waitFor();
  await env.shot(page, 'calendar-agenda-390');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.getByRole('button', { name: 'Month', exact: true }).click();
  await page.locator('.fc-dayGridMonth-view').waitFor();
  await env.shot(page, 'calendar-month-390');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.getByRole('button', { name: 'Day', exact: true }).click();
  await page.locator('.fc-timeGridDay-view').waitFor();
  await env.shot(page, 'calendar-day-390');
  await page.getByRole('button', { name: 'New event' }).click();
  await page.getByRole('dialog', { name: 'New event' }).waitFor();
  await env.shot(page, 'calendar-dialog-390');
  await page.getByRole('dialog', { name: 'New event' }).getByRole('button', { name: 'Add reminder' }).click();
  await page.getByRole('dialog', { name: 'New event' }).getByRole('button', { name: 'Create event' }).scrollIntoViewIfNeeded();
  await env.shot(page, 'calendar-dialog-bottom-390');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  expect(consoleErrors).toEqual([]);
  await context.close();
});
