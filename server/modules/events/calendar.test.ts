// The calendar (Issue 11 items 1, 2, 5) on the real database over HTTP: recurring events expanded in
// their time zone across DST, one occurrence edited or cancelled, attendees checked, range limits,
// the mixed calendar feed, tenant isolation, the private ICS feed read back with ical.js (and killed
// by rotation), .ics import of a fixture, and an invitation received by a real SMTP peer.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { APP_URL, Client, testApp, type TestApp } from '../../../test/app';
import { orgWithRoles, ownerWithOrg } from '../../../test/factories';
import { startSmtp } from '../../../test/smtp';

let app: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let org: Awaited<ReturnType<typeof orgWithRoles>>;

beforeAll(async () => {
  smtp = await startSmtp();
  app = await testApp({ env: { SMTP_URL: smtp.url } });
  org = await orgWithRoles(app);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

type Occ = { id: string; title: string; startsAt: string; endsAt: string | null; seriesId: string | null; occurrenceStart: string | null };
const berlin = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' });
async function create(c: Client, body: Record<string, unknown>) {
  const res = await c.post('/api/v1/events', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data as { id: string; recurrence: string | null; exdates: string[]; attendees: { type: string; id: string; email?: string; name?: string; response: string }[] };
}
async function range(c: Client, from: string, to: string, extra = ''): Promise<Occ[]> {
  const res = await c.get(`/api/v1/events?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}${extra}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data;
}
const errorPaths = (body: { error: { details?: { path: string }[] } }) => (body.error.details ?? []).map((d) => d.path);

/** A weekly Monday 09:00 Berlin meeting from Monday 12 Oct 2026 (CEST); DST ends on 25 Oct. */
const weekly = { title: 'Weekly sync', startsAt: '2026-10-12T07:00:00Z', endsAt: '2026-10-12T08:00:00Z', timezone: 'Europe/Berlin', recurrence: 'RRULE:FREQ=WEEKLY;BYDAY=MO' };

describe('recurring events', () => {
  test('a weekly 09:00 Europe/Berlin series stays 09:00 local across the DST change; each occurrence names its series', async () => {
    const series = await create(org.member, weekly);
    expect(series.recurrence).toBe('FREQ=WEEKLY;BYDAY=MO');
    const occ = (await range(org.member, '2026-10-01', '2026-11-10')).filter((o) => o.seriesId === series.id);
    expect(occ.map((o) => o.startsAt)).toEqual(['2026-10-12T07:00:00.000Z', '2026-10-19T07:00:00.000Z', '2026-10-26T08:00:00.000Z', '2026-11-02T08:00:00.000Z', '2026-11-09T08:00:00.000Z']);
    for (const o of occ) {
      expect(berlin(o.startsAt).toFormat('HH:mm ccc')).toBe('09:00 Mon');
      expect(berlin(o.endsAt!).toFormat('HH:mm')).toBe('10:00');
      expect(o.occurrenceStart).toBe(o.startsAt);
      expect(o.id).toBe(series.id);
    }
    // A range in the middle finds only what overlaps it (an occurrence running at `from` counts).
    const mid = (await range(org.member, '2026-10-26T08:30:00Z', '2026-10-26T09:30:00Z')).filter((o) => o.seriesId === series.id);
    expect(mid.map((o) => o.startsAt)).toEqual(['2026-10-26T08:00:00.000Z']);
    // The plain list still pages rows (the series once).
    const list = await org.member.get(`/api/v1/events?filter=${encodeURIComponent(JSON.stringify({ id: series.id }))}`);
    expect(list.body.data).toHaveLength(1);
  });

  test('a bad RRULE is a 400 on recurrence and writes nothing', async () => {
    for (const recurrence of ['FREQ=WEEKLY;COUNT=abc', 'BYDAY=MO', 'FREQ=WEEKLY;BYDAY=XX', 'FREQ=SOMETIMES', 'DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY']) {
      const res = await org.member.post('/api/v1/events', { ...weekly, title: `Bad rule ${recurrence}`, recurrence });
      expect(res.status, recurrence).toBe(400);
      expect(errorPaths(res.body), recurrence).toContain('recurrence');
    }
    const found = await org.member.get(`/api/v1/events?q=${encodeURIComponent('Bad rule')}`);
    expect(found.body.total).toBe(0);
  });

  test('editing one occurrence makes an override row; cancelling one adds an EXDATE; the series is untouched', async () => {
    const series = await create(org.member, { ...weekly, title: 'Series to edit', recurrence: 'FREQ=WEEKLY;BYDAY=MO;COUNT=5' });
    const third = '2026-10-26T08:00:00.000Z';
    const moved = await org.member.patch(`/api/v1/events/${series.id}?occurrence=${encodeURIComponent(third)}`, { title: 'Moved sync', startsAt: '2026-10-26T13:00:00Z' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(201);
    expect(moved.body.data).toMatchObject({ recurringEventId: series.id, originalStartsAt: third, title: 'Moved sync', startsAt: '2026-10-26T13:00:00.000Z', endsAt: '2026-10-26T14:00:00.000Z', recurrence: null, timezone: 'Europe/Berlin' });
    const overrideId = moved.body.data.id;
    // The same occurrence again updates that row.
    const again = await org.member.patch(`/api/v1/events/${series.id}?occurrence=${encodeURIComponent(third)}`, { location: 'Room 7' });
    expect(again.status).toBe(200);
    expect(again.body.data).toMatchObject({ id: overrideId, location: 'Room 7', title: 'Moved sync' });
    // Cancel the second one.
    const second = '2026-10-19T07:00:00.000Z';
    expect((await org.member.delete(`/api/v1/events/${series.id}?occurrence=${encodeURIComponent(second)}`)).status).toBe(204);

    const occ = (await range(org.member, '2026-10-01', '2026-12-01')).filter((o) => o.seriesId === series.id);
    expect(occ.map((o) => [o.title, o.startsAt, o.occurrenceStart])).toEqual([
      ['Series to edit', '2026-10-12T07:00:00.000Z', '2026-10-12T07:00:00.000Z'],
      ['Moved sync', '2026-10-26T13:00:00.000Z', third],
      ['Series to edit', '2026-11-02T08:00:00.000Z', '2026-11-02T08:00:00.000Z'],
      ['Series to edit', '2026-11-09T08:00:00.000Z', '2026-11-09T08:00:00.000Z'],
    ]);
    const stored = (await org.member.get(`/api/v1/events/${series.id}`)).body.data;
    expect(stored).toMatchObject({ title: 'Series to edit', exdates: [second] });

    // Not an occurrence, or not a series: a 400 naming it; nothing changes.
    const off = await org.member.patch(`/api/v1/events/${series.id}?occurrence=${encodeURIComponent('2026-10-13T07:00:00Z')}`, { title: 'x' });
    expect(off.status).toBe(400);
    expect(errorPaths(off.body)).toContain('occurrence');
    expect((await org.member.delete(`/api/v1/events/${series.id}?occurrence=${encodeURIComponent(second)}`)).status).toBe(400);
    const single = await create(org.member, { title: 'Just once', startsAt: '2026-10-14T10:00:00Z' });
    expect((await org.member.patch(`/api/v1/events/${single.id}?occurrence=2026-10-14T10:00:00Z`, { title: 'y' })).status).toBe(400);
    expect((await org.member.patch(`/api/v1/events/${series.id}?occurrence=yesterday`, { title: 'y' })).status).toBe(400);
    const repeatOne = await org.member.patch(`/api/v1/events/${series.id}?occurrence=${encodeURIComponent('2026-11-02T08:00:00Z')}`, { recurrence: 'FREQ=DAILY' });
    expect(repeatOne.status).toBe(400);
    expect(errorPaths(repeatOne.body)).toContain('recurrence');

    // Cancelling the edited occurrence removes its row too; deleting the series takes the rest with it.
    expect((await org.member.delete(`/api/v1/events/${series.id}?occurrence=${encodeURIComponent(third)}`)).status).toBe(204);
    expect((await org.member.get(`/api/v1/events/${overrideId}`)).status).toBe(404);
    expect((await range(org.member, '2026-10-01', '2026-12-01')).filter((o) => o.seriesId === series.id).map((o) => o.startsAt)).toEqual(['2026-10-12T07:00:00.000Z', '2026-11-02T08:00:00.000Z', '2026-11-09T08:00:00.000Z']);
    expect((await org.member.delete(`/api/v1/events/${series.id}`)).status).toBe(204);
    expect((await range(org.member, '2026-10-01', '2026-12-01')).filter((o) => o.seriesId === series.id || o.id === series.id)).toHaveLength(0);
  });

  test('attendees: contacts and members of the org, filled in with email and name; others are a 400', async () => {
    const contact = (await org.member.post('/api/v1/contacts', { firstName: 'Ada', lastName: 'Lovelace', email: `ada-${Date.now()}@example.test` })).body.data;
    const ev = await create(org.member, { title: 'Kick-off', startsAt: '2026-11-20T10:00:00Z', attendees: [{ type: 'contact', id: contact.id }, { type: 'member', id: org.admin.userId, response: 'accepted' }] });
    expect(ev.attendees).toEqual([
      { type: 'contact', id: contact.id, email: contact.email, name: 'Ada Lovelace', response: 'needs_action' },
      { type: 'member', id: org.admin.userId, email: org.admin.email, name: 'Admin Person', response: 'accepted' },
    ]);
    const { owner: stranger } = await ownerWithOrg(app);
    const foreign = (await stranger.post('/api/v1/contacts', { firstName: 'Foreign' })).body.data;
    for (const [attendees, path] of [
      [[{ type: 'contact', id: foreign.id }], 'attendees.0.id'],
      [[{ type: 'member', id: stranger.userId }], 'attendees.0.id'],
      [[{ type: 'contact', id: contact.id }, { type: 'contact', id: contact.id }], 'attendees.1.id'],
      [[{ type: 'robot', id: contact.id }], 'attendees.0.type'],
      [[{ type: 'member', id: org.admin.userId, response: 'maybe' }], 'attendees.0.response'],
    ] as const) {
      const res = await org.member.patch(`/api/v1/events/${ev.id}`, { attendees });
      expect(res.status, JSON.stringify(attendees)).toBe(400);
      expect(errorPaths(res.body)).toContain(path);
    }
  });
});

describe('ranges and the calendar feed', () => {
  test('from/to are checked: both needed, to after from, at most 400 days — a clear 400', async () => {
    for (const base of ['/api/v1/events', '/api/v1/calendar']) {
      for (const [q, path] of [
        ['from=2026-01-01', 'to'],
        ['from=2026-02-01&to=2026-01-01', 'to'],
        ['from=2026-01-01&to=2027-03-01', 'to'],
        ['from=someday&to=2026-01-01', 'from'],
      ]) {
        const res = await org.member.get(`${base}?${q}`);
        expect(res.status, `${base}?${q}`).toBe(400);
        expect(errorPaths(res.body), `${base}?${q}`).toContain(path);
      }
    }
    expect((await org.member.get('/api/v1/calendar?from=2026-01-01&to=2027-02-04')).status).toBe(200);
    expect((await org.member.get('/api/v1/calendar?from=2026-01-01&to=2026-02-01&include=tasks,meetings')).status).toBe(400);
  });

  test('GET /calendar mixes event occurrences, tasks due and deals closing, each typed and linked', async () => {
    const { owner } = await ownerWithOrg(app);
    const series = await create(owner, { title: 'Daily standup', startsAt: '2027-01-04T09:00:00Z', endsAt: '2027-01-04T09:15:00Z', recurrence: 'FREQ=DAILY;COUNT=3' });
    const task = (await owner.post('/api/v1/tasks', { title: 'Send proposal', dueAt: '2027-01-05T15:00:00Z' })).body.data;
    const deal = (await owner.post('/api/v1/deals', { name: 'Big deal', expectedCloseDate: '2027-01-06' })).body.data;
    await owner.post('/api/v1/tasks', { title: 'Later task', dueAt: '2027-03-05T15:00:00Z' });

    const all = await owner.get('/api/v1/calendar?from=2027-01-01&to=2027-01-31&include=tasks,deals');
    expect(all.status, JSON.stringify(all.body)).toBe(200);
    expect(all.body.data.map((i: { type: string; title: string; start: string }) => [i.type, i.title, i.start])).toEqual([
      ['event', 'Daily standup', '2027-01-04T09:00:00.000Z'],
      ['event', 'Daily standup', '2027-01-05T09:00:00.000Z'],
      ['task', 'Send proposal', '2027-01-05T15:00:00.000Z'],
      ['deal', 'Big deal', '2027-01-06T00:00:00.000Z'],
      ['event', 'Daily standup', '2027-01-06T09:00:00.000Z'],
    ]);
    const [ev, , t, d] = all.body.data;
    expect(ev).toMatchObject({ id: series.id, seriesId: series.id, end: '2027-01-04T09:15:00.000Z', allDay: false, recordPath: `/events/${series.id}`, url: `${APP_URL}/events/${series.id}` });
    expect(t).toMatchObject({ id: task.id, recordPath: `/tasks/${task.id}`, status: 'todo', allDay: false });
    expect(d).toMatchObject({ id: deal.id, recordPath: `/deals/${deal.id}`, allDay: true, end: '2027-01-07T00:00:00.000Z', status: 'open' });
    // Default: events and tasks; include= (empty): events only.
    expect(new Set((await owner.get('/api/v1/calendar?from=2027-01-01&to=2027-01-31')).body.data.map((i: { type: string }) => i.type))).toEqual(new Set(['event', 'task']));
    expect(new Set((await owner.get('/api/v1/calendar?from=2027-01-01&to=2027-01-31&include=')).body.data.map((i: { type: string }) => i.type))).toEqual(new Set(['event']));
  });

  test("another organization's events, tasks and deals never show; its series cannot be edited through ?occurrence (404)", async () => {
    const { owner: other } = await ownerWithOrg(app);
    const theirs = await create(other, { ...weekly, title: 'Their secret sync' });
    await other.post('/api/v1/tasks', { title: 'Their task', dueAt: '2026-10-20T10:00:00Z' });
    const mine = await range(org.owner, '2026-10-01', '2026-11-10');
    expect(mine.some((o) => o.seriesId === theirs.id || o.title.startsWith('Their'))).toBe(false);
    const cal = await org.owner.get('/api/v1/calendar?from=2026-10-01&to=2026-11-10&include=tasks,deals');
    expect(cal.body.data.some((i: { title: string }) => i.title.startsWith('Their'))).toBe(false);
    const occ = encodeURIComponent('2026-10-19T07:00:00.000Z');
    expect((await org.owner.patch(`/api/v1/events/${theirs.id}?occurrence=${occ}`, { title: 'Hijacked' })).status).toBe(404);
    expect((await org.owner.delete(`/api/v1/events/${theirs.id}?occurrence=${occ}`)).status).toBe(404);
    expect((await org.owner.post('/api/v1/events', { title: 'Sneaky', startsAt: '2026-10-19T07:00:00Z', recurringEventId: theirs.id, originalStartsAt: '2026-10-19T07:00:00Z' })).status).toBe(400);
    expect((await other.get(`/api/v1/events/${theirs.id}`)).body.data).toMatchObject({ title: 'Their secret sync', exdates: [] });
  });
});

/** The body of the part whose Content-Type starts with `type`, decoded. */
function mimePart(raw: string, type: string): string | undefined {
  const start = raw.search(new RegExp(`Content-Type: ${type.replace('/', '\\/')}`, 'i'));
  if (start < 0) return undefined;
  const part = raw.slice(start);
  const headerEnd = part.search(/\r?\n\r?\n/);
  const headers = part.slice(0, headerEnd);
  const body = part.slice(headerEnd).replace(/^\r?\n\r?\n/, '').split(/\r?\n--/)[0];
  if (/Content-Transfer-Encoding: base64/i.test(headers)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/Content-Transfer-Encoding: quoted-printable/i.test(headers)) return body.replace(/=([0-9A-F]{2})/g, (_m, h) => String.fromCharCode(parseInt(h, 16)));
  return body;
}

describe('iCalendar', () => {
  test('the private feed serves my events (series as RRULE with EXDATE, edits as RECURRENCE-ID) and due tasks as RFC 5545; rotating kills the old URL', async () => {
    const { owner } = await ownerWithOrg(app);
    const series = await create(owner, { ...weekly, title: 'Feed sync', recurrence: 'FREQ=WEEKLY;BYDAY=MO;COUNT=4', description: 'Agenda; with, commas' });
    expect((await owner.delete(`/api/v1/events/${series.id}?occurrence=${encodeURIComponent('2026-10-19T07:00:00.000Z')}`)).status).toBe(204);
    expect((await owner.patch(`/api/v1/events/${series.id}?occurrence=${encodeURIComponent('2026-10-26T08:00:00.000Z')}`, { title: 'Feed sync (moved)', startsAt: '2026-10-26T12:00:00Z' })).status).toBe(201);
    await create(owner, { title: 'Offsite', startsAt: '2026-11-04T23:00:00Z', endsAt: '2026-11-05T23:00:00Z', allDay: true, timezone: 'Europe/Berlin' });
    const due = new Date(Date.now() + 3 * 86400_000).toISOString();
    await owner.post('/api/v1/tasks', { title: 'Prepare slides', dueAt: due });
    await owner.post('/api/v1/tasks', { title: 'Finished already', dueAt: due, status: 'done' });

    const feed = await owner.get('/api/v1/calendar/feed');
    expect(feed.status).toBe(200);
    const url: string = feed.body.data.url;
    expect(url).toMatch(new RegExp(`^${APP_URL}/ics/[A-Za-z0-9_-]{40,}\\.ics$`));
    expect((await owner.get('/api/v1/calendar/feed')).body.data.url).toBe(url);
    const anonymous = new Client(app);
    const res = await anonymous.request('GET', url.slice(APP_URL.length));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    const ics = res.body as string;

    const cal = new ICAL.Component(ICAL.parse(ics) as unknown[]);
    expect(cal.getFirstPropertyValue('version')).toBe('2.0');
    for (const vtz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(vtz));
    const vevents = cal.getAllSubcomponents('vevent');
    const master = vevents.find((v) => v.getFirstPropertyValue('summary') === 'Feed sync' && v.hasProperty('rrule'))!;
    expect(master.getFirstPropertyValue('description')).toBe('Agenda; with, commas');
    expect(master.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Berlin');
    // Expand as a calendar client would: 09:00 Berlin every time, the cancelled one gone, the edited one replaced.
    const expanded: string[] = [];
    const it = new ICAL.Event(master).iterator();
    for (let next = it.next(); next; next = it.next()) expanded.push(next.toJSDate().toISOString());
    const exdates = master.getAllProperties('exdate').flatMap((p) => p.getValues().map((x) => (x as ICAL.Time).toJSDate().toISOString()));
    expect(expanded.filter((d) => !exdates.includes(d))).toEqual(['2026-10-12T07:00:00.000Z', '2026-10-26T08:00:00.000Z', '2026-11-02T08:00:00.000Z']);
    const edit = vevents.find((v) => v.hasProperty('recurrence-id'))!;
    expect(edit.getFirstPropertyValue('uid')).toBe(master.getFirstPropertyValue('uid'));
    expect((edit.getFirstPropertyValue('recurrence-id') as ICAL.Time).toJSDate().toISOString()).toBe('2026-10-26T08:00:00.000Z');
    expect(edit.getFirstPropertyValue('summary')).toBe('Feed sync (moved)');
    const offsite = vevents.find((v) => v.getFirstPropertyValue('summary') === 'Offsite')!;
    expect((offsite.getFirstPropertyValue('dtstart') as ICAL.Time).toString()).toBe('2026-11-05');
    expect(vevents.some((v) => v.getFirstPropertyValue('summary') === 'Task: Prepare slides')).toBe(true);
    expect(vevents.some((v) => String(v.getFirstPropertyValue('summary')).includes('Finished already'))).toBe(false);
    // Someone else's events are not in my feed.
    expect(ics).not.toContain('Weekly sync');

    const rotated = await owner.post('/api/v1/calendar/feed/rotate');
    expect(rotated.status).toBe(200);
    expect(rotated.body.data.url).not.toBe(url);
    expect((await anonymous.request('GET', url.slice(APP_URL.length))).status).toBe(404);
    expect((await anonymous.request('GET', rotated.body.data.url.slice(APP_URL.length))).status).toBe(200);
    expect((await owner.get('/api/v1/calendar/feed')).body.data.url).toBe(rotated.body.data.url);
    expect((await anonymous.request('GET', '/ics/not-a-token.ics')).status).toBe(404);
  });

  test('POST /events/import creates the recurring and the all-day event of a file and reports the broken ones; a bad file is a 400', async () => {
    const { owner } = await ownerWithOrg(app);
    const file = readFileSync(join(import.meta.dirname, 'calendar-import.fixture.ics'), 'utf8');
    const res = await owner.request('POST', '/api/v1/events/import', file, { 'content-type': 'text/calendar' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data.created.map((c: { title: string; uid: string }) => [c.title, c.uid])).toEqual([
      ['Team stand-up', 'standup-1@fixture.test'],
      ['Company offsite', 'offsite-1@fixture.test'],
    ]);
    expect(res.body.data.skipped).toEqual([
      { uid: 'broken-1@fixture.test', title: 'Broken: no start', reason: 'no valid DTSTART' },
      { uid: 'backwards-1@fixture.test', title: 'Ends before it starts', reason: 'endsAt: must be on or after the start' },
    ]);
    const standup = (await range(owner, '2026-10-01', '2026-12-01')).filter((o) => o.title === 'Team stand-up');
    // Six Mondays, one excluded, 09:00 Berlin throughout.
    expect(standup).toHaveLength(5);
    for (const o of standup) expect(berlin(o.startsAt).toFormat('HH:mm')).toBe('09:00');
    expect(standup.map((o) => o.startsAt)).not.toContain('2026-10-19T07:00:00.000Z');
    const offsite = (await range(owner, '2026-11-01', '2026-12-01')).find((o) => o.title === 'Company offsite')!;
    expect(offsite).toMatchObject({ allDay: true, startsAt: '2026-11-05T00:00:00.000Z', endsAt: '2026-11-07T00:00:00.000Z' });

    // Multipart works too; garbage and an empty calendar are 400s that create nothing.
    const upload = await owner.upload('/api/v1/events/import', {}, { name: 'x.ics', bytes: new TextEncoder().encode(file), type: 'text/calendar' });
    expect(upload.status).toBe(200);
    expect(upload.body.data.created).toHaveLength(2);
    const before = (await owner.get('/api/v1/events')).body.total;
    for (const bad of ['this is not a calendar', 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n']) {
      const r = await owner.request('POST', '/api/v1/events/import', bad, { 'content-type': 'text/calendar' });
      expect(r.status, bad).toBe(400);
      expect(errorPaths(r.body)).toContain('file');
    }
    expect((await owner.request('POST', '/api/v1/events/import', { content: file })).status).toBe(400);
    expect((await owner.get('/api/v1/events')).body.total).toBe(before);
    // Viewers cannot import.
    expect((await org.viewer.request('POST', '/api/v1/events/import', file, { 'content-type': 'text/calendar' })).status).toBe(403);
  });

  test('inviting attendees emails each an invitation with a METHOD:REQUEST .ics attachment, through SMTP', async () => {
    const email = `guest-${Date.now()}@example.test`;
    const contact = (await org.member.post('/api/v1/contacts', { firstName: 'Grace', lastName: 'Hopper', email })).body.data;
    const ev = await create(org.member, { title: 'Design review', location: 'Room 3', startsAt: '2026-12-01T14:00:00Z', endsAt: '2026-12-01T15:00:00Z', timezone: 'Europe/Berlin', attendees: [{ type: 'contact', id: contact.id }, { type: 'member', id: org.member.userId }] });
    const res = await org.member.post(`/api/v1/events/${ev.id}/invite`, { message: 'Bring the mock-ups.' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data).toEqual({ sent: [email], skipped: [{ attendee: 'Member Person', reason: 'the organizer' }] });
    const mail = await smtp.waitFor(email);
    expect(mail.raw).toMatch(/Subject: Invitation: Design review/);
    expect(mail.raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST; name=invite\.ics/i);
    expect(mail.raw).toMatch(/filename=invite\.ics/);
    const attachment = mimePart(mail.raw, 'text/calendar')!;
    const cal = new ICAL.Component(ICAL.parse(attachment) as unknown[]);
    expect(cal.getFirstPropertyValue('method')).toBe('REQUEST');
    const vevent = cal.getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstPropertyValue('summary')).toBe('Design review');
    expect(vevent.getFirstPropertyValue('organizer')).toBe(`mailto:${org.member.email}`);
    expect(vevent.getAllProperties('attendee').map((p) => String(p.getFirstValue()).toLowerCase())).toContain(`mailto:${email}`);
    expect(vevent.getFirstProperty('attendee')!.getParameter('partstat')).toBe('NEEDS-ACTION');

    // notify: true on a write sends them too (here: the edit of one occurrence of a series).
    const email2 = `guest2-${Date.now()}@example.test`;
    const contact2 = (await org.member.post('/api/v1/contacts', { firstName: 'Katherine', lastName: 'Johnson', email: email2 })).body.data;
    const series = await create(org.member, { ...weekly, title: 'Notify series', attendees: [{ type: 'contact', id: contact2.id }] });
    expect(smtp.inbox.some((m) => m.to.includes(email2))).toBe(false);
    const edited = await org.member.patch(`/api/v1/events/${series.id}?occurrence=${encodeURIComponent('2026-10-19T07:00:00.000Z')}`, { location: 'Room 9', notify: true });
    expect(edited.status, JSON.stringify(edited.body)).toBe(201);
    expect(edited.body.data).not.toHaveProperty('notify');
    const second = mimePart((await smtp.waitFor(email2)).raw, 'text/calendar')!;
    const vev = new ICAL.Component(ICAL.parse(second) as unknown[]).getFirstSubcomponent('vevent')!;
    expect(vev.getFirstPropertyValue('location')).toBe('Room 9');
    expect(vev.getFirstPropertyValue('uid')).toBe(`${series.id}@meridian-crm`);
    expect((vev.getFirstPropertyValue('recurrence-id') as ICAL.Time).toJSDate().toISOString()).toBe('2026-10-19T07:00:00.000Z');
    expect((await org.member.post('/api/v1/events', { title: 'Bad flag', startsAt: '2026-12-02T14:00:00Z', notify: 'yes' })).status).toBe(400);

    // No attendees: a 400; a viewer: 403; another org's event: 404.
    const lonely = await create(org.member, { title: 'Alone', startsAt: '2026-12-02T14:00:00Z' });
    expect((await org.member.post(`/api/v1/events/${lonely.id}/invite`, {})).status).toBe(400);
    expect((await org.viewer.post(`/api/v1/events/${ev.id}/invite`, {})).status).toBe(403);

    // A server without SMTP refuses notify: true before saving anything.
    const { owner: noMail } = await ownerWithOrg(await testApp());
    const refused = await noMail.post('/api/v1/events', { title: 'Unsent', startsAt: '2026-12-02T14:00:00Z', notify: true });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('mail_not_configured');
    expect((await noMail.get('/api/v1/events')).body.total).toBe(0);
  });
});

describe('assistant and MCP tools', () => {
  test('list_calendar_events expands series; occurrence tools change one; cancelling and deleting need approval', async () => {
    const { findTool } = await import('../../assistant/tools');
    const ctx = { db: app.database.db, orgId: org.orgId, role: 'member' as const, actor: { type: 'assistant' as const, userId: org.member.userId } };
    const series = await create(org.member, { ...weekly, title: 'Tool sync', recurrence: 'FREQ=WEEKLY;BYDAY=MO;COUNT=3', ownerId: org.member.userId });
    const list = findTool('list_calendar_events')!;
    const found = (await list.execute(ctx, { from: '2026-10-01', to: '2026-11-01', mine: true })) as { events: Occ[] };
    expect(found.events.filter((o) => o.seriesId === series.id).map((o) => o.startsAt)).toEqual(['2026-10-12T07:00:00.000Z', '2026-10-19T07:00:00.000Z', '2026-10-26T08:00:00.000Z']);
    const moved = (await findTool('update_event_occurrence')!.execute(ctx, { id: series.id, occurrence: '2026-10-19T07:00:00.000Z', startsAt: '2026-10-20T07:00:00Z' })) as { recurringEventId: string; endsAt: string };
    expect(moved).toMatchObject({ recurringEventId: series.id, endsAt: '2026-10-20T08:00:00.000Z' });
    expect(findTool('cancel_event_occurrence')!.destructive).toBe(true);
    expect(findTool('delete_event')!.destructive).toBe(true);
    expect(findTool('create_event')!.destructive).toBe(false);
    await findTool('cancel_event_occurrence')!.execute(ctx, { id: series.id, occurrence: '2026-10-26T08:00:00.000Z' });
    const after = (await list.execute(ctx, { from: '2026-10-01', to: '2026-11-01' })) as { events: Occ[] };
    expect(after.events.filter((o) => o.seriesId === series.id).map((o) => o.startsAt)).toEqual(['2026-10-12T07:00:00.000Z', '2026-10-20T07:00:00.000Z']);
  });
});

describe('the range query finds every overlapping event (two bounded scans)', () => {
  test('an event starting well before the range and still running is in it; one that ended just before is not', async () => {
    const o = await orgWithRoles(app);
    const long = await create(o.member, { title: 'Trade fair', startsAt: '2027-03-01T08:00:00Z', endsAt: '2027-03-10T18:00:00Z', timezone: 'Europe/Berlin' });
    const overnight = await create(o.member, { title: 'Overnight deploy', startsAt: '2027-03-04T22:00:00Z', endsAt: '2027-03-05T02:00:00Z', timezone: 'Europe/Berlin' });
    const ended = await create(o.member, { title: 'Ended', startsAt: '2027-03-03T10:00:00Z', endsAt: '2027-03-05T00:00:00Z', timezone: 'Europe/Berlin' });
    const point = await create(o.member, { title: 'Deadline', startsAt: '2027-03-05T00:00:00Z', timezone: 'Europe/Berlin' });
    const ids = (await range(o.member, '2027-03-05', '2027-03-06')).map((e) => e.id);
    expect(ids).toContain(long.id);
    expect(ids).toContain(overnight.id);
    expect(ids).toContain(point.id);
    expect(ids).not.toContain(ended.id);
  });
});
