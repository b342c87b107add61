// Calendar sync (Issue 11.6) against local fakes of Google (OAuth + Calendar v3) and Microsoft
// (identity platform + Graph) speaking their wire formats (test/fakes/). The fakes check PKCE: the
// token endpoint refuses a code whose code_verifier does not hash to the challenge.
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { calendarConnections, calendarEventLinks } from '../../db/schema';
import { startJobs, type Jobs } from '../../jobs/jobs';
import { loadEnv } from '../../env';
import { APP_URL, testApp, type Client, type TestApp } from '../../../test/app';
import { ownTestDatabase } from '../../../test/db';
import { addMember, ownerWithOrg } from '../../../test/factories';
import { startGoogleFake, type GoogleFake } from '../../../test/fakes/google-calendar';
import { startGraphFake, type GraphFake } from '../../../test/fakes/microsoft-graph';

const quiet = pino({ level: 'silent' });
let google: GoogleFake;
let graph: GraphFake;
const cleanup: (() => Promise<unknown>)[] = [];
let perTest: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  google = await startGoogleFake({ pageSize: 2 });
  graph = await startGraphFake({ pageSize: 2 });
  cleanup.push(google.close, graph.close);
});
afterEach(async () => {
  for (const c of perTest.reverse()) await c();
  perTest = [];
});
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

const envFor = () => ({ ...google.env, ...graph.env, OUTBOUND_ALLOWED_HOSTS: `${google.host},${graph.host}` });

async function appWithoutJobs() {
  const app = await testApp({ env: envFor() });
  perTest.push(() => app.close());
  return app;
}

/** Connect as a browser would: our connect URL → the provider's authorize page → back to our callback. */
async function connect(client: Client, provider: 'google' | 'microsoft') {
  const start = await client.get(`/api/v1/integrations/calendars/${provider}/connect`);
  expect(start.status, JSON.stringify(start.body)).toBe(200);
  const authorize = new URL(start.body.data.url);
  const consent = await fetch(authorize, { redirect: 'manual' });
  expect(consent.status).toBe(302);
  const back = new URL(consent.headers.get('location')!);
  expect(back.origin).toBe(APP_URL);
  const done = await client.get(back.pathname + back.search);
  expect(done.status).toBe(302);
  expect(done.headers.get('location')).toBe(`/settings/integrations/calendars?connected=${provider}`);
  const list = await client.get('/api/v1/integrations/calendars');
  const conn = list.body.data.connections.find((c: { provider: string }) => c.provider === provider);
  expect(conn).toBeTruthy();
  return { conn, authorize };
}

const eventsOf = async (client: Client) => (await client.get('/api/v1/events?limit=100')).body.data as { id: string; title: string; startsAt: string; endsAt: string | null; location: string | null }[];
const linkOf = async (app: TestApp, connectionId: string, remoteId: string) => (await app.database.db.select().from(calendarEventLinks).where(eq(calendarEventLinks.connectionId, connectionId))).find((l) => l.remoteId === remoteId);
const at = (iso: string) => ({ dateTime: iso, timeZone: 'Europe/Berlin' });

async function waitFor<T>(what: string, fn: () => Promise<T | undefined | null | false>, ms = 60_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('calendar sync', () => {
  test('env: provider URL overrides are refused in production', () => {
    expect(() => loadEnv({ NODE_ENV: 'production', BETTER_AUTH_SECRET: 'a-strong-secret-0123456789-abcdefghijklmnop', GOOGLE_CALENDAR_BASE_URL: 'http://127.0.0.1:1/calendar/v3' })).toThrow(/tests only/);
  });

  test('Google, with the job runner: connect (PKCE checked by the fake), first sync imports, a Meridian event is inserted remotely', { timeout: 180_000 }, async () => {
    const database = await ownTestDatabase(`calsync_${Math.random().toString(36).slice(2, 8)}`);
    const app = await testApp({ env: envFor(), database });
    const jobs: Jobs = await startJobs({ database, log: quiet, definitions: app.jobDefinitions });
    app.context.attachJobs(jobs);
    perTest.push(async () => {
      await jobs.stop(2000);
      await app.close();
      await database.close();
    });
    const { owner } = await ownerWithOrg(app);
    const before = google.addEvent({ summary: 'Board meeting', location: 'HQ', start: at('2026-12-10T09:00:00+01:00'), end: at('2026-12-10T10:00:00+01:00') });
    google.addEvent({ summary: 'Offsite', start: { date: '2026-12-12' }, end: { date: '2026-12-13' } });
    google.addEvent({ summary: 'Weekly sync', start: at('2026-12-07T10:00:00+01:00'), end: at('2026-12-07T10:30:00+01:00'), recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO'] });

    const { authorize } = await connect(owner, 'google');
    // The authorize request carried an S256 challenge, and the fake verified the verifier against it.
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    const tokenCall = google.oauth.log.filter((l) => l.endpoint === 'token').at(-1)!;
    expect(createHash('sha256').update(tokenCall.params.code_verifier).digest('base64url')).toBe(authorize.searchParams.get('code_challenge'));
    expect(authorize.searchParams.get('access_type')).toBe('offline');

    // The first sync runs as a job: remote events appear (paged two at a time by the fake).
    const imported = await waitFor('the first sync', async () => {
      const list = await eventsOf(owner);
      return list.filter((e) => ['Board meeting', 'Offsite', 'Weekly sync'].includes(e.title)).length === 3 && list;
    });
    const board = imported.find((e) => e.title === 'Board meeting')!;
    expect(board.startsAt).toBe('2026-12-10T08:00:00.000Z');
    expect(board.location).toBe('HQ');
    // An all-day event is its dates in the calendar's zone (Meridian keeps all-day events as midnight there).
    const offsite = (await owner.get(`/api/v1/events/${imported.find((e) => e.title === 'Offsite')!.id}`)).body.data;
    expect(offsite).toMatchObject({ allDay: true, timezone: 'Europe/Berlin', startsAt: '2026-12-11T23:00:00.000Z', endsAt: '2026-12-12T23:00:00.000Z' });
    const [row] = await database.db.select().from(calendarConnections);
    expect(row.accountEmail).toBe(google.account);
    expect(row.cursor).toMatch(/^s\d+$/);
    expect((await linkOf(app, row.id, before.id))?.remoteEtag).toBe(before.etag);
    // In step after the import: a later run writes nothing back (timestamps compared at the precision both sides keep).
    await app.calendarSync.runSync(row.id);
    expect(google.requests.filter((r) => r.method !== 'GET' && r.path.includes('/events'))).toEqual([]);
    const weekly = (await owner.get(`/api/v1/events/${imported.find((e) => e.title === 'Weekly sync')!.id}`)).body.data;
    expect(weekly.recurrence).toBe('FREQ=WEEKLY;BYDAY=MO');

    // Tokens at rest are sealed: neither the access nor the refresh token is in the row.
    const refresh = [...google.oauth.grants.keys()].at(-1)!;
    for (const t of [...google.oauth.accessTokens(), refresh]) {
      expect(row.accessTokenSealed).not.toContain(t);
      expect(row.refreshTokenSealed ?? '').not.toContain(t);
    }
    expect(row.accessTokenSealed.startsWith('v1:')).toBe(true);
    expect(app.calendarSync.service.accessToken).toBeTypeOf('function');

    // Created in Meridian → inserted in Google by the outbox consumer's job, within seconds.
    const made = await owner.post('/api/v1/events', { title: 'Demo with Acme', startsAt: '2026-12-15T14:00:00Z', endsAt: '2026-12-15T15:00:00Z', timezone: 'Europe/Berlin' });
    expect(made.status).toBe(201);
    const remote = await waitFor('the insert in Google', async () => google.events().find((e) => e.summary === 'Demo with Acme'));
    expect(remote.start).toEqual({ dateTime: '2026-12-15T14:00:00.000Z', timeZone: 'Europe/Berlin' });
    // Moved in Meridian → patched there.
    const moved = await owner.patch(`/api/v1/events/${made.body.data.id}`, { startsAt: '2026-12-15T16:00:00Z', endsAt: '2026-12-15T17:00:00Z' });
    expect(moved.status).toBe(200);
    await waitFor('the patch in Google', async () => google.events().find((e) => e.id === remote.id)?.start?.dateTime === '2026-12-15T16:00:00.000Z');
    // Nothing was imported back as a duplicate.
    await app.calendarSync.runSync(row.id);
    expect((await eventsOf(owner)).filter((e) => e.title === 'Demo with Acme')).toHaveLength(1);
  });

  test('Google incremental: a change and a deletion; a stale sync token (410) → full resync', { timeout: 120_000 }, async () => {
    const app = await appWithoutJobs();
    const { owner } = await ownerWithOrg(app);
    const a = google.addEvent({ summary: `Inc A ${Date.now()}`, start: at('2026-12-20T09:00:00Z'), end: at('2026-12-20T10:00:00Z') });
    const b = google.addEvent({ summary: `Inc B ${Date.now()}`, start: at('2026-12-21T09:00:00Z'), end: at('2026-12-21T10:00:00Z') });
    const { conn } = await connect(owner, 'google');
    await app.calendarSync.runSync(conn.id);
    expect((await eventsOf(owner)).map((e) => e.title)).toEqual(expect.arrayContaining([a.summary, b.summary]));

    const listed = google.requests.length;
    google.updateEvent(a.id, { summary: `${a.summary} (moved)`, start: at('2026-12-20T11:00:00Z'), end: at('2026-12-20T12:00:00Z') });
    google.deleteEvent(b.id);
    await app.calendarSync.runSync(conn.id);
    // Incremental: the list call carried the sync token.
    expect(google.requests.slice(listed).some((r) => r.path.includes('syncToken=s'))).toBe(true);
    let list = await eventsOf(owner);
    expect(list.find((e) => e.title === `${a.summary} (moved)`)?.startsAt).toBe('2026-12-20T11:00:00.000Z');
    expect(list.find((e) => e.title === b.summary)).toBeUndefined();

    // Google forgets the token; meanwhile an event is deleted: the 410 leads to a full listing, which shows it gone.
    const c = google.addEvent({ summary: `Inc C ${Date.now()}`, start: at('2026-12-22T09:00:00Z'), end: at('2026-12-22T10:00:00Z') });
    await app.calendarSync.runSync(conn.id);
    google.invalidateSyncTokens();
    google.deleteEvent(a.id);
    // Make the deletion invisible to an incremental listing: a full listing must find it missing.
    const mark = google.requests.length;
    await app.calendarSync.runSync(conn.id);
    const calls = google.requests.slice(mark).filter((r) => r.path.includes('/events'));
    expect(calls[0].path).toContain('syncToken=');
    expect(calls.slice(1).some((r) => !r.path.includes('syncToken='))).toBe(true);
    list = await eventsOf(owner);
    expect(list.find((e) => e.title.startsWith(a.summary!))).toBeUndefined();
    expect(list.find((e) => e.title === c.summary)).toBeTruthy();

    // An all-day event made here (Christmas Day in Berlin) goes to Google as that date.
    const xmas = await owner.post('/api/v1/events', { title: `Holiday ${Date.now()}`, allDay: true, timezone: 'Europe/Berlin', startsAt: '2026-12-24T23:00:00Z', endsAt: '2026-12-25T23:00:00Z' });
    expect(xmas.status).toBe(201);
    await app.calendarSync.runSync(conn.id);
    expect(google.events().find((e) => e.summary === xmas.body.data.title)).toMatchObject({ start: { date: '2026-12-25' }, end: { date: '2026-12-26' } });
  });

  test('conflict: last modified wins, with a note on the event timeline', { timeout: 120_000 }, async () => {
    const app = await appWithoutJobs();
    const { owner } = await ownerWithOrg(app);
    const r = google.addEvent({ summary: `Conflict ${Date.now()}`, start: at('2026-12-23T09:00:00Z'), end: at('2026-12-23T10:00:00Z') });
    const { conn } = await connect(owner, 'google');
    await app.calendarSync.runSync(conn.id);
    const local = (await eventsOf(owner)).find((e) => e.title === r.summary)!;

    // Both change; the remote change is later → it wins.
    expect((await owner.patch(`/api/v1/events/${local.id}`, { location: 'Room 1' })).status).toBe(200);
    await new Promise((res) => setTimeout(res, 20));
    google.updateEvent(r.id, { location: 'Room 2' });
    await app.calendarSync.runSync(conn.id);
    expect((await owner.get(`/api/v1/events/${local.id}`)).body.data.location).toBe('Room 2');
    let notes = (await owner.get(`/api/v1/events/${local.id}/activities`)).body.data.filter((a: { action: string }) => a.action === 'calendar_conflict');
    expect(notes).toHaveLength(1);
    expect(notes[0].after.kept).toBe('remote');

    // Both change; Meridian's is later (the remote edit is stamped earlier) → Meridian's wins and is pushed.
    const remoteEarlier = new Date(Date.now() - 1000).toISOString();
    expect((await owner.patch(`/api/v1/events/${local.id}`, { location: 'Room 3' })).status).toBe(200);
    google.updateEvent(r.id, { location: 'Room 4' }, remoteEarlier);
    await app.calendarSync.runSync(conn.id);
    expect((await owner.get(`/api/v1/events/${local.id}`)).body.data.location).toBe('Room 3');
    expect(google.events().find((e) => e.id === r.id)?.location).toBe('Room 3');
    notes = (await owner.get(`/api/v1/events/${local.id}/activities`)).body.data.filter((a: { action: string }) => a.action === 'calendar_conflict');
    expect(notes.map((n: { after: { kept: string } }) => n.after.kept).sort()).toEqual(['meridian', 'remote']);
  });

  test('tokens: refreshed when expired; a revoked grant → reconnect needed + a notification; disconnect revokes', { timeout: 120_000 }, async () => {
    const app = await appWithoutJobs();
    const { owner } = await ownerWithOrg(app);
    const { conn } = await connect(owner, 'google');
    const db = app.database.db;
    // The stored token's hour is up.
    await db.update(calendarConnections).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(calendarConnections.id, conn.id));
    const refreshes = () => google.oauth.log.filter((l) => l.endpoint === 'token' && l.params.grant_type === 'refresh_token').length;
    const n = refreshes();
    await app.calendarSync.runSync(conn.id);
    expect(refreshes()).toBe(n + 1);
    let [row] = await db.select().from(calendarConnections).where(eq(calendarConnections.id, conn.id));
    expect(row.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 30 * 60_000);
    expect(row.status).toBe('ok');
    expect(row.lastSyncedAt).toBeTruthy();

    // Access token rejected early (401): refreshed once and the sync goes on.
    google.oauth.expireAccessTokens();
    await app.calendarSync.runSync(conn.id);
    expect(refreshes()).toBe(n + 2);
    [row] = await db.select().from(calendarConnections).where(eq(calendarConnections.id, conn.id));
    expect(row.status).toBe('ok');

    // The user removed access in their Google account: invalid_grant.
    google.oauth.revokeAll();
    await app.calendarSync.runSync(conn.id);
    const list = await owner.get('/api/v1/integrations/calendars');
    expect(list.body.data.connections[0]).toMatchObject({ status: 'reconnect_needed' });
    expect(list.body.data.connections[0].lastError).toMatch(/invalid_grant/);
    const bell = await owner.get('/api/v1/notifications');
    expect(bell.body.data.filter((x: { kind: string }) => x.kind === 'calendar_sync')).toHaveLength(1);
    // A second failing run does not notify again.
    await app.calendarSync.runSync(conn.id);
    expect((await owner.get('/api/v1/notifications')).body.data.filter((x: { kind: string }) => x.kind === 'calendar_sync')).toHaveLength(1);

    // Reconnecting makes it ok again; disconnecting revokes the refresh token at Google and forgets the row.
    const again = await connect(owner, 'google');
    expect(again.conn).toMatchObject({ id: conn.id, status: 'ok' });
    [row] = await db.select().from(calendarConnections).where(eq(calendarConnections.id, conn.id));
    const refresh = app.calendarSync.service && [...google.oauth.grants.values()].at(-1)!.refreshToken;
    expect((await owner.request('DELETE', `/api/v1/integrations/calendars/${conn.id}`)).status).toBe(204);
    expect(google.oauth.log.at(-1)).toEqual({ endpoint: 'revoke', params: { token: refresh } });
    expect(google.oauth.grants.get(refresh)!.revoked).toBe(true);
    expect(await db.select().from(calendarConnections).where(eq(calendarConnections.id, conn.id))).toHaveLength(0);
  });

  test('roles and scope: a viewer cannot connect; another member cannot see or remove my connection; unconfigured provider is 409', { timeout: 120_000 }, async () => {
    const app = await appWithoutJobs();
    const { owner, orgId } = await ownerWithOrg(app);
    const viewer = await addMember(orgId, 'viewer', app);
    const other = await addMember(orgId, 'member', app);
    expect((await viewer.get('/api/v1/integrations/calendars/google/connect')).status).toBe(403);
    const { conn } = await connect(owner, 'google');
    expect((await other.get('/api/v1/integrations/calendars')).body.data.connections).toHaveLength(0);
    expect((await other.request('DELETE', `/api/v1/integrations/calendars/${conn.id}`)).status).toBe(404);
    // A callback with someone else's state is refused.
    const start = await owner.get('/api/v1/integrations/calendars/google/connect');
    const consent = await fetch(start.body.data.url, { redirect: 'manual' });
    const back = new URL(consent.headers.get('location')!);
    const stolen = await other.get(back.pathname + back.search);
    expect(stolen.headers.get('location')).toMatch(/\?error=/);
    // The user clicks "Cancel" at Google: back with error=access_denied, nothing connected.
    const denied = await owner.get(`${back.pathname}?error=access_denied&state=${new URL(start.body.data.url).searchParams.get('state')}`);
    expect(decodeURIComponent(denied.headers.get('location')!)).toMatch(/\?error=Google Calendar did not grant access \(access_denied\)/);
    // The fake's token endpoint holds the client to PKCE: the right code with a wrong verifier is refused.
    const again = await fetch((await owner.get('/api/v1/integrations/calendars/google/connect')).body.data.url, { redirect: 'manual' });
    const code = new URL(again.headers.get('location')!).searchParams.get('code')!;
    const forged = await fetch(`${google.url}/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: `${APP_URL}/api/v1/integrations/calendars/google/callback`, client_id: google.env.GOOGLE_CLIENT_ID, client_secret: google.env.GOOGLE_CLIENT_SECRET, code_verifier: 'x'.repeat(43) }) });
    expect(forged.status).toBe(400);
    expect(await forged.json()).toMatchObject({ error: 'invalid_grant' });

    const bare = await testApp({ env: {} });
    perTest.push(() => bare.close());
    const o2 = await ownerWithOrg(bare);
    const overview = await o2.owner.get('/api/v1/integrations/calendars');
    expect(overview.body.data.providers).toEqual([{ provider: 'google', configured: false }, { provider: 'microsoft', configured: false }]);
    const refused = await o2.owner.get('/api/v1/integrations/calendars/google/connect');
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/GOOGLE_CLIENT_ID/);
  });

  test('Microsoft Graph: connect, delta sync (pages, change, @removed), 410 → full resync, create and patch in /me/events', { timeout: 120_000 }, async () => {
    const app = await appWithoutJobs();
    const { owner } = await ownerWithOrg(app);
    const stamp = Date.now();
    const m1 = graph.addEvent({ subject: `MS one ${stamp}`, start: { dateTime: '2026-12-14T09:00:00.0000000', timeZone: 'UTC' }, end: { dateTime: '2026-12-14T10:00:00.0000000', timeZone: 'UTC' }, location: { displayName: 'Teams' } });
    const m2 = graph.addEvent({ subject: `MS two ${stamp}`, start: { dateTime: '2026-12-15T09:00:00.0000000', timeZone: 'UTC' }, end: { dateTime: '2026-12-15T10:00:00.0000000', timeZone: 'UTC' } });
    graph.addEvent({ subject: `MS three ${stamp}`, isAllDay: true, start: { dateTime: '2026-12-16T00:00:00.0000000', timeZone: 'UTC' }, end: { dateTime: '2026-12-17T00:00:00.0000000', timeZone: 'UTC' } });
    const { conn, authorize } = await connect(owner, 'microsoft');
    expect(authorize.pathname).toBe('/common/oauth2/v2.0/authorize');
    expect(authorize.searchParams.get('scope')).toContain('Calendars.ReadWrite');
    expect(conn.accountEmail).toBe(graph.account);
    await app.calendarSync.runSync(conn.id);
    let list = await eventsOf(owner);
    expect(list.find((e) => e.title === `MS one ${stamp}`)).toMatchObject({ startsAt: '2026-12-14T09:00:00.000Z', location: 'Teams' });
    expect(list.filter((e) => e.title.endsWith(String(stamp)))).toHaveLength(3);
    const [row] = await app.database.db.select().from(calendarConnections).where(eq(calendarConnections.id, conn.id));
    expect(row.cursor).toContain('$deltatoken=');

    graph.updateEvent(m1.id, { subject: `MS one moved ${stamp}`, start: { dateTime: '2026-12-14T13:00:00.0000000', timeZone: 'UTC' }, end: { dateTime: '2026-12-14T14:00:00.0000000', timeZone: 'UTC' } });
    graph.deleteEvent(m2.id);
    await app.calendarSync.runSync(conn.id);
    list = await eventsOf(owner);
    expect(list.find((e) => e.title === `MS one moved ${stamp}`)?.startsAt).toBe('2026-12-14T13:00:00.000Z');
    expect(list.find((e) => e.title === `MS two ${stamp}`)).toBeUndefined();

    graph.invalidateDeltaTokens();
    graph.deleteEvent(m1.id);
    await app.calendarSync.runSync(conn.id);
    list = await eventsOf(owner);
    expect(list.find((e) => e.title.startsWith('MS one'))).toBeUndefined();
    expect(list.find((e) => e.title === `MS three ${stamp}`)).toBeTruthy();

    const made = await owner.post('/api/v1/events', { title: `Made here ${stamp}`, startsAt: '2026-12-18T08:00:00Z', endsAt: '2026-12-18T09:00:00Z', location: 'Room 9' });
    await app.calendarSync.runSync(conn.id);
    const remote = graph.events().find((e) => e.subject === `Made here ${stamp}`)!;
    expect(remote).toMatchObject({ location: { displayName: 'Room 9' }, start: { timeZone: 'UTC' } });
    expect(new Date(`${remote.start!.dateTime}Z`).toISOString()).toBe('2026-12-18T08:00:00.000Z');
    await owner.patch(`/api/v1/events/${made.body.data.id}`, { title: `Made here, renamed ${stamp}` });
    await app.calendarSync.runSync(conn.id);
    expect(graph.events().find((e) => e.id === remote.id)?.subject).toBe(`Made here, renamed ${stamp}`);
    // Deleted in Meridian → deleted in Outlook.
    expect((await owner.request('DELETE', `/api/v1/events/${made.body.data.id}`)).status).toBe(204);
    await app.calendarSync.runSync(conn.id);
    expect(graph.events().find((e) => e.id === remote.id)).toBeUndefined();
    expect((await eventsOf(owner)).filter((e) => e.title.startsWith('Made here'))).toHaveLength(0);
  });
});
