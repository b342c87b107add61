// Issue 11.6/11.9 in a real Chromium: Settings → Integrations → Calendars, Connect Google against the
// local Google fake (its authorize page approves and redirects back with a code; the server
// exchanges it with PKCE, which the fake checks), the first sync runs as a job and the remote event
// appears in the events list; a revoked grant shows "Reconnect needed" and rings the bell, Reconnect
// fixes it; then Disconnect, confirmed, revokes the grant at the fake.
import { afterAll, expect, test } from 'vitest';
import { startGoogleFake } from '../test/fakes/google-calendar';
import { hasChromium, openPage, setupE2E, shotsAtBothWidths, signUpWithOrganization, warnIfNoChromium } from './helpers';

warnIfNoChromium('e2e/calendar-sync.test.ts');
const google = await startGoogleFake({ account: 'eve.calendar@example.com' });
afterAll(() => google.close());
// The provider base URLs are overridable for tests only (refused with NODE_ENV=production); the e2e server runs with NODE_ENV=test.
const e2e = setupE2E({ AUTH_RATE_LIMIT: 'false', ...google.env, OUTBOUND_ALLOWED_HOSTS: google.host });

test.skipIf(!hasChromium)('connect a (fake) Google calendar and see a remote event appear; reconnect after a revoked grant; disconnect', { timeout: 180_000 }, async () => {
  const env = e2e.env();
  const { context, page, consoleErrors } = await openPage(env);
  const soon = new Date(Date.now() + 2 * 86400_000);
  soon.setUTCHours(9, 0, 0, 0);
  google.addEvent({ summary: 'Kickoff from Google', location: 'Google Meet', start: { dateTime: soon.toISOString(), timeZone: 'UTC' }, end: { dateTime: new Date(soon.getTime() + 3600_000).toISOString(), timeZone: 'UTC' } });

  await signUpWithOrganization(page, { name: 'Eve Sync', email: `eve.sync+${Date.now()}@example.com`, organization: 'Sync Co' });
  await page.goto('/settings');
  await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  await shotsAtBothWidths(page, env.shot, 'settings-with-integrations');
  await page.getByRole('link', { name: 'Calendars' }).click();
  await page.getByRole('heading', { level: 1, name: 'Calendars' }).waitFor();
  await page.getByText('No calendar connected yet.').waitFor();
  // Microsoft has no client id on this server: its button is off, with the reason beside it.
  await expect(page.getByRole('button', { name: 'Connect Microsoft' }).isDisabled()).resolves.toBe(true);
  await page.getByText(/Not set up on this server: an administrator sets MICROSOFT_CLIENT_ID/).waitFor();
  await shotsAtBothWidths(page, env.shot, 'calendars-empty');

  // Connect: to the fake's authorize page and straight back (it "approves" at once).
  await page.getByRole('button', { name: 'Connect Google' }).click();
  await page.waitForURL((u) => u.pathname === '/settings/integrations/calendars' && !u.search.includes('code='));
  const account = page.getByRole('list', { name: 'Connected calendars' }).getByRole('listitem').filter({ hasText: 'eve.calendar@example.com' });
  await account.waitFor();
  await account.getByText('Syncing').waitFor();
  const authorize = google.oauth.log.find((l) => l.endpoint === 'authorize')!;
  expect(authorize.params.code_challenge_method).toBe('S256');
  expect(google.oauth.log.find((l) => l.endpoint === 'token')!.params.code_verifier).toBeTruthy();

  // The first sync runs in the background; the remote event shows in the events list.
  await account.getByText(/Last synced: (?!not yet)/).waitFor({ timeout: 60_000 });
  await shotsAtBothWidths(page, env.shot, 'calendars-connected');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Events' }).click();
  await page.getByRole('heading', { level: 1, name: 'Events' }).waitFor();
  await page.getByRole('link', { name: 'Kickoff from Google' }).waitFor();
  const api = await page.request.get('/api/v1/events', { headers: { origin: env.baseUrl } });
  expect((await api.json()).data.find((e: { title: string }) => e.title === 'Kickoff from Google')).toMatchObject({ location: 'Google Meet', startsAt: soon.toISOString() });
  await shotsAtBothWidths(page, env.shot, 'events-with-google');

  // The user removes Meridian's access in their Google account: the next sync shows "Reconnect needed" and rings the bell.
  await page.goto('/settings/integrations/calendars');
  google.oauth.revokeAll();
  await account.getByRole('button', { name: 'Sync now' }).click();
  await account.getByText('Reconnect needed').waitFor({ timeout: 60_000 });
  await page.getByTestId('unread-count').filter({ hasText: '1' }).waitFor({ timeout: 30_000 });
  await shotsAtBothWidths(page, env.shot, 'calendars-reconnect');
  await account.getByRole('button', { name: 'Reconnect' }).click();
  await page.waitForURL((u) => u.pathname === '/settings/integrations/calendars' && !u.search.includes('code='));
  await account.getByText('Syncing').waitFor();

  // Disconnect, confirmed: the grant is revoked at Google, the event stays.
  await account.getByRole('button', { name: 'Disconnect' }).click();
  const confirm = page.getByRole('alertdialog');
  await confirm.getByText('Events already synced stay').waitFor();
  await confirm.getByRole('button', { name: 'Disconnect' }).click();
  await page.getByText('No calendar connected yet.').waitFor();
  expect(google.oauth.log.at(-1)?.endpoint).toBe('revoke');

  expect(consoleErrors).toEqual([]);
  await context.close();
});
