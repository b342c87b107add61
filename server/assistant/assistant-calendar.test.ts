// Issue 11.8: the calendar through the assistant, end to end over HTTP with the real offline model
// and judged in the database: times at the right wall-clock time in the user's zone (Europe/Berlin
// from their notification settings, with a fixed clock), attendees linked, a move keeping the
// length, a cancel that waits for approval; and a provider model (OpenAI wire format) calling
// schedule_meeting.
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { testApp, type TestApp } from '../../test/app';
import { startFakeLlm, type FakeLlm } from '../../test/fake-llm';
import { orgWithRoles } from '../../test/factories';

// Wednesday 2 December 2026, 09:00 in Berlin (CET, UTC+1). Only Date is faked; timers stay real.
const NOW = Date.UTC(2026, 11, 2, 8, 0);
const ZONE = 'Europe/Berlin';

let org: Awaited<ReturnType<typeof orgWithRoles>>;
let ada: string;
let bob: string;
beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'], now: NOW });
  org = await orgWithRoles();
  expect((await org.member.put('/api/v1/me/notification-settings', { timezone: ZONE })).status).toBe(200);
  ada = (await org.member.post('/api/v1/contacts', { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@analytical.test' })).body.data.id;
  bob = (await org.member.post('/api/v1/contacts', { firstName: 'Bob', lastName: 'Stone', email: 'bob@acme.test' })).body.data.id;
}, 60_000);
afterAll(() => {
  vi.useRealTimers();
});

type Turn = { reply: string; choices: { label: string; reply: string }[]; pendingApprovals: { id: string; toolName: string; summary: string }[]; conversationId: string; toolCalls: { name: string; status: string; output: Record<string, unknown> }[] };
async function say(text: string, conversationId?: string): Promise<Turn> {
  // No timezone in the request: the zone comes from the member's notification settings.
  const res = await org.member.post('/api/v1/assistant/messages', { text, ...(conversationId ? { conversationId } : {}) });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data;
}
const event = async (id: string) => (await org.member.get(`/api/v1/events/${id}`)).body.data;
const berlin = (iso: string) => new Date(iso).toLocaleString('en-CA', { timeZone: ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
const idFromLink = (reply: string, resource: string) => new RegExp(`\\(/${resource}/([0-9a-f-]{36})\\)`).exec(reply)?.[1];

describe('the calendar through the offline assistant', () => {
  let meetingId: string;

  test('"remind me to call Bob tomorrow at 10" → a reminder at 10:00 Berlin tomorrow, linked in the reply', async () => {
    const t = await say('remind me to call Bob tomorrow at 10');
    const id = idFromLink(t.reply, 'reminders')!;
    expect(id).toBeTruthy();
    const r = (await org.member.get(`/api/v1/reminders/${id}`)).body.data;
    expect(r).toMatchObject({ title: 'Call Bob', remindAt: '2026-12-03T09:00:00.000Z', ownerId: org.member.userId });
    // After the change to summer time (29 March 2027) 10:00 Berlin is 08:00 UTC, not 09:00.
    const summer = await say('remind me to renew the lease on March 30 at 10');
    const s = (await org.member.get(`/api/v1/reminders/${idFromLink(summer.reply, 'reminders')}`)).body.data;
    expect(s.remindAt).toBe('2027-03-30T08:00:00.000Z');
  });

  test('"schedule a meeting with Ada Lovelace on Friday at 3pm for an hour" → Friday 15:00–16:00 Berlin with Ada attending, on her timeline', async () => {
    const t = await say('schedule a meeting with Ada Lovelace on Friday at 3pm for an hour');
    meetingId = idFromLink(t.reply, 'events')!;
    expect(meetingId, t.reply).toBeTruthy();
    const e = await event(meetingId);
    expect(e).toMatchObject({ title: 'Meeting with Ada Lovelace', startsAt: '2026-12-04T14:00:00.000Z', endsAt: '2026-12-04T15:00:00.000Z', timezone: ZONE, ownerId: org.member.userId, relatedType: 'contact', relatedId: ada });
    expect(e.attendees).toEqual([expect.objectContaining({ type: 'contact', id: ada, email: 'ada@analytical.test', name: 'Ada Lovelace' })]);
    expect(t.reply).toMatch(/Fri 4 Dec, 15:00–16:00 \(Europe\/Berlin\)/);
    const timeline = (await org.member.get(`/api/v1/contacts/${ada}/activities`)).body.data as { action: string }[];
    expect(timeline.map((a) => a.action)).toContain('event_scheduled');
  });

  test('"what\'s on my calendar this week?" lists this week\'s meeting and due task in Berlin time, not next week\'s', async () => {
    const task = (await org.member.post('/api/v1/tasks', { title: 'Send the deck', dueAt: '2026-12-03T16:00:00Z', assigneeId: org.member.userId })).body.data;
    const later = (await org.member.post('/api/v1/events', { title: 'Next week review', startsAt: '2026-12-08T09:00:00Z', endsAt: '2026-12-08T10:00:00Z', timezone: ZONE, ownerId: org.member.userId })).body.data;
    const t = await say("what's on my calendar this week?");
    expect(t.reply).toMatch(/^Your calendar this week \(Europe\/Berlin\): 1 event and 1 task due\./);
    expect(t.reply).toContain(`Fri 4 Dec, 15:00–16:00: [Meeting with Ada Lovelace](/events/${meetingId})`);
    expect(t.reply).toContain(`Thu 3 Dec, due 17:00: task [Send the deck](/tasks/${task.id})`);
    expect(t.reply).not.toContain(later.id);
    expect(t.toolCalls.map((c) => c.name)).toEqual(['calendar_agenda']);
  });

  test('"move my 3pm meeting to 4pm" keeps its hour: Friday 16:00–17:00 Berlin', async () => {
    const t = await say('move my 3pm meeting to 4pm');
    expect(t.reply).toContain(`(/events/${meetingId})`);
    const e = await event(meetingId);
    expect([berlin(e.startsAt), berlin(e.endsAt)]).toEqual(['2026-12-04, 16:00', '2026-12-04, 17:00']);
  });

  test('two 3pm meetings: it asks which, writes nothing, and moves the one picked (a 30-minute one stays 30 minutes)', async () => {
    const other = (await org.member.post('/api/v1/events', { title: 'Standup', startsAt: '2026-12-03T14:00:00Z', endsAt: '2026-12-03T14:30:00Z', timezone: ZONE, ownerId: org.member.userId })).body.data;
    const second = (await org.member.post('/api/v1/events', { title: 'Vendor call', startsAt: '2026-12-07T14:00:00Z', endsAt: '2026-12-07T15:00:00Z', timezone: ZONE, ownerId: org.member.userId })).body.data;
    const asked = await say('move my 3pm meeting to 4pm');
    expect(asked.choices.map((c) => c.label)).toEqual(['Standup — Thu 3 Dec, 15:00–15:30', 'Vendor call — Mon 7 Dec, 15:00–16:00', 'Cancel']);
    expect((await event(other.id)).startsAt).toBe('2026-12-03T14:00:00.000Z');
    await say(asked.choices[0].reply, asked.conversationId);
    const moved = await event(other.id);
    expect([berlin(moved.startsAt), berlin(moved.endsAt)]).toEqual(['2026-12-03, 16:00', '2026-12-03, 16:30']);
    expect((await event(second.id)).startsAt).toBe('2026-12-07T14:00:00.000Z');
  });

  test('one occurrence of a weekly meeting moves alone', async () => {
    const series = (await org.member.post('/api/v1/events', { title: 'Weekly sync', startsAt: '2026-11-30T10:00:00Z', endsAt: '2026-11-30T10:45:00Z', timezone: ZONE, ownerId: org.member.userId, recurrence: 'FREQ=WEEKLY;COUNT=4' })).body.data;
    const t = await say('move the weekly sync on Monday to 2pm');
    expect(t.reply, t.reply).toMatch(/^Moved/);
    const week = (await org.member.get('/api/v1/events?from=2026-12-07&to=2026-12-08')).body.data as { title: string; startsAt: string; endsAt: string; seriesId: string }[];
    const sync = week.find((o) => o.title === 'Weekly sync')!;
    expect(sync).toMatchObject({ startsAt: '2026-12-07T13:00:00.000Z', endsAt: '2026-12-07T13:45:00.000Z', seriesId: series.id });
    expect((await event(series.id)).startsAt).toBe('2026-11-30T10:00:00.000Z');
  });

  test('"cancel the meeting with Ada on Friday" waits for approval and deletes only after it', async () => {
    const t = await say('cancel the meeting with Ada on Friday');
    expect(t.pendingApprovals).toEqual([expect.objectContaining({ toolName: 'cancel_event', summary: 'Cancel "Meeting with Ada Lovelace" on Fri 4 Dec, 16:00 (Europe/Berlin)' })]);
    expect(t.reply).toMatch(/needs your approval/);
    expect(t.reply).toContain(`(/events/${meetingId})`);
    expect((await org.member.get(`/api/v1/events/${meetingId}`)).status).toBe(200);
    const approved = await org.member.post(`/api/v1/assistant/approvals/${t.pendingApprovals[0].id}`, { approve: true });
    expect(approved.body.data.status).toBe('executed');
    expect((await org.member.get(`/api/v1/events/${meetingId}`)).status).toBe(404);
  });

  test('two Adas: it asks which one, and the meeting gets the one picked', async () => {
    const king = (await org.member.post('/api/v1/contacts', { firstName: 'Ada', lastName: 'King', email: 'ada.king@example.test' })).body.data.id;
    const asked = await say('schedule a call with Ada on Monday at 10am');
    expect(asked.choices.map((c) => c.label).sort()).toEqual(['Ada King', 'Ada Lovelace', 'Cancel']);
    expect((await org.member.get('/api/v1/events?q=Ada')).body.data.filter((e: { title: string }) => e.title === 'Call with Ada King')).toHaveLength(0);
    const done = await say(asked.choices.find((c) => c.label === 'Ada King')!.reply, asked.conversationId);
    const e = await event(idFromLink(done.reply, 'events')!);
    expect(e).toMatchObject({ title: 'Call with Ada King', startsAt: '2026-12-07T09:00:00.000Z', endsAt: '2026-12-07T10:00:00.000Z' });
    expect(e.attendees.map((a: { id: string }) => a.id)).toEqual([king]);
    void bob;
  });

  test('a viewer can read the agenda but not schedule', async () => {
    const res = await org.viewer.post('/api/v1/assistant/messages', { text: 'schedule a meeting with Ada Lovelace tomorrow at 11' });
    expect(res.body.data.reply).toMatch(/isn't available to your role/);
    const agenda = await org.viewer.post('/api/v1/assistant/messages', { text: "what's on my calendar today?" });
    expect(agenda.body.data.reply).toMatch(/Nothing on your calendar today/);
  });
});

describe('a provider model calls schedule_meeting (OpenAI wire format)', () => {
  let llm: FakeLlm;
  let app: TestApp;
  beforeAll(async () => {
    llm = await startFakeLlm();
    app = await testApp({ env: { OUTBOUND_ALLOWED_HOSTS: new URL(llm.url).host } });
  });
  afterAll(() => llm.close());

  test('a wall-clock start and an attendee by name become the event, in the user\'s zone', async () => {
    const o = await orgWithRoles(app);
    expect((await o.admin.request('PUT', '/api/v1/settings/ai', { provider: 'openai', model: 'gpt-test', apiKey: 'sk-test-cal-1234', baseUrl: `${llm.url}/v1` })).status).toBe(200);
    await o.member.put('/api/v1/me/notification-settings', { timezone: ZONE });
    const grace = (await o.member.post('/api/v1/contacts', { firstName: 'Grace', lastName: 'Hopper', email: 'grace@navy.test' })).body.data.id;
    llm.script(
      { toolCalls: [{ name: 'schedule_meeting', args: { title: 'Intro with Grace', start: '2026-12-04T15:00', durationMinutes: 30, attendees: ['Grace Hopper'], reminders: [{ minutesBefore: 10, channels: ['in_app'] }] } }] },
      { text: 'Booked.' },
    );
    const res = await o.member.post('/api/v1/assistant/messages', { text: 'book an intro with Grace on Friday at 3pm for half an hour' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data.toolCalls[0]).toMatchObject({ name: 'schedule_meeting', status: 'ok' });
    const id = res.body.data.toolCalls[0].output.id;
    const e = (await o.member.get(`/api/v1/events/${id}`)).body.data;
    expect(e).toMatchObject({ title: 'Intro with Grace', startsAt: '2026-12-04T14:00:00.000Z', endsAt: '2026-12-04T14:30:00.000Z', timezone: ZONE, relatedId: grace, reminders: [{ minutesBefore: 10, channels: ['in_app'] }] });
    expect(e.attendees).toEqual([expect.objectContaining({ type: 'contact', id: grace })]);
    // The tool was offered to the model with its schema.
    const offered = (llm.requests[0].tools as { function: { name: string } }[]).map((t) => t.function.name);
    expect(offered).toEqual(expect.arrayContaining(['schedule_meeting', 'calendar_agenda', 'move_event', 'cancel_event']));
  });
});
