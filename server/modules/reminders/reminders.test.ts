// Reminders and notifications (Issue 11.3–4) on a real database with real pg-boss runners and a
// real SMTP peer: reminders fire on time, exactly once with two runners on one database, after a
// restart when they came due while no runner ran, never when done/deleted/moved; event reminders;
// every notification kind; the bell's reads; preferences; the realtime push; tenant isolation; and
// "remind me to …" in the offline assistant.
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startJobs, type Jobs } from '../../jobs/jobs';
import { testApp, type TestApp } from '../../../test/app';
import { orgWithRoles } from '../../../test/factories';
import { sseReader } from '../../../test/sse';
import { startSmtp } from '../../../test/smtp';
import { localDay, mentioned } from '../notifications/notifications.jobs';

const quiet = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

// Runners share the worker's database (and so its queues): each test stops its own after it.
let perTest: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of perTest.reverse()) await c();
  perTest = [];
});

let smtp: Awaited<ReturnType<typeof startSmtp>>;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(() => smtp.close());

async function runner(app: TestApp) {
  let jobs: Jobs | undefined = await startJobs({ database: app.database, log: quiet, definitions: app.jobDefinitions });
  app.context.attachJobs(jobs);
  const stop = async () => {
    await jobs?.stop(2000);
    jobs = undefined;
    app.context.attachJobs(undefined);
  };
  perTest.push(stop);
  return { stop };
}

async function appWithJobs(env: Record<string, string> = {}) {
  const app = await testApp({ env: { SMTP_URL: smtp.url, ...env } });
  perTest.push(() => app.close());
  const r = await runner(app);
  return { app, ...r };
}

type Client = Awaited<ReturnType<typeof orgWithRoles>>['member'];

async function waitFor<T>(what: string, check: () => Promise<T | undefined | false>, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const notificationsOf = async (c: Client) => (await c.get('/api/v1/notifications?limit=100')).body as { data: { id: string; kind: string; title: string; body: string | null; recordType: string | null; recordId: string | null; readAt: string | null; createdAt: string }[]; unreadCount: number; nextCursor: string | null };
const mailsTo = (email: string) => smtp.inbox.filter((m) => m.to.includes(email));

describe('reminders fire', () => {
  test('on time (within 5 s) as a notification pushed on the realtime stream and as email; a teammate sees nothing', { timeout: 60_000 }, async () => {
    const { app } = await appWithJobs();
    const org = await orgWithRoles(app);
    const mine = sseReader(await org.member.open('/api/v1/realtime'));
    const theirs = sseReader(await org.admin.open('/api/v1/realtime'));
    await mine.until((e) => e.some((x) => x.event === 'ready'));
    await theirs.until((e) => e.some((x) => x.event === 'ready'));

    const contact = (await org.member.post('/api/v1/contacts', { firstName: 'Bob', lastName: 'Builder' })).body.data;
    const made = await org.member.post('/api/v1/reminders', { title: 'Call Bob', remindAt: inSeconds(2), relatedType: 'contact', relatedId: contact.id });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.data).toMatchObject({ title: 'Call Bob', channels: ['in_app', 'email'], done: false, ownerId: org.member.userId, firedAt: null });

    const n = await waitFor('the reminder', async () => (await notificationsOf(org.member)).data.find((x) => x.kind === 'reminder'));
    expect(n).toMatchObject({ title: 'Reminder: Call Bob', recordType: 'contact', recordId: contact.id, readAt: null });
    expect(Date.parse(n.createdAt) - Date.parse(made.body.data.remindAt)).toBeLessThan(5000);
    expect(Date.parse(n.createdAt)).toBeGreaterThanOrEqual(Date.parse(made.body.data.remindAt) - 50);
    const pushed = await mine.until((e) => e.find((x) => x.event === 'change' && JSON.parse(x.data).type === 'notification'));
    expect(JSON.parse(pushed.data)).toMatchObject({ type: 'notification', entityId: n.id, action: 'created' });
    const mail = await smtp.waitFor(org.member.email, 5000);
    expect(mail.raw).toContain('Reminder: Call Bob');
    expect(mail.raw).toContain(`/contacts/${contact.id}`);
    expect((await org.member.get(`/api/v1/reminders/${made.body.data.id}`)).body.data.firedAt).not.toBeNull();
    // Its timeline says it was sent, by the system; open lists hear of it on the stream.
    const timeline = (await org.member.get(`/api/v1/reminders/${made.body.data.id}/activities`)).body.data as { action: string; actorType: string }[];
    expect(timeline.find((a) => a.action === 'fired')).toMatchObject({ actorType: 'system' });
    await mine.until((e) => e.find((x) => x.event === 'change' && JSON.parse(x.data).type === 'reminder' && JSON.parse(x.data).action === 'fired'));

    // The admin's stream never carried the member's notification, and the admin's bell is empty.
    await sleep(500);
    expect(theirs.events.some((x) => x.event === 'change' && JSON.parse(x.data).type === 'notification')).toBe(false);
    expect((await notificationsOf(org.admin)).data).toEqual([]);
    await mine.close();
    await theirs.close();
  });

  test('exactly once with two job runners (two nodes) on one database', { timeout: 60_000 }, async () => {
    const { app } = await appWithJobs();
    const second = await testApp({ database: app.database, env: { SMTP_URL: smtp.url } });
    perTest.push(() => second.close());
    await runner(second);
    const org = await orgWithRoles(app);
    const made: { id: string; remindAt: string }[] = [];
    for (let i = 0; i < 4; i++) made.push((await org.member.post('/api/v1/reminders', { title: `Twice? ${i}`, remindAt: inSeconds(1.5 + i * 0.2) })).body.data);
    await waitFor('four reminders', async () => (await notificationsOf(org.member)).data.filter((x) => x.kind === 'reminder').length >= 4);
    // Both nodes sweep at once, as two would after a shared outage: nothing fires again.
    expect(await Promise.all([app.reminders.sweep(), second.reminders.sweep()])).toEqual([0, 0]);
    expect(await Promise.all(made.map((r) => Promise.all([app.reminders.fireReminder(r.id, r.remindAt), second.reminders.fireReminder(r.id, r.remindAt)])))).toEqual(made.map(() => [false, false]));
    await sleep(1500);
    const got = (await notificationsOf(org.member)).data.filter((x) => x.kind === 'reminder');
    expect(got.map((x) => x.title).sort()).toEqual([0, 1, 2, 3].map((i) => `Reminder: Twice? ${i}`));
    expect(mailsTo(org.member.email)).toHaveLength(4);
  });

  test('racing claims: of many concurrent fires of one due reminder, one wins', { timeout: 30_000 }, async () => {
    const app = await testApp({ env: { SMTP_URL: smtp.url } });
    perTest.push(() => app.close());
    const org = await orgWithRoles(app);
    const r = (await org.member.post('/api/v1/reminders', { title: 'Race', remindAt: inSeconds(-1) })).body.data;
    const results = await Promise.all(Array.from({ length: 6 }, () => app.reminders.fireReminder(r.id, r.remindAt)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await notificationsOf(org.member)).data.filter((x) => x.title === 'Reminder: Race')).toHaveLength(1);
  });

  test('a reminder that came due while no runner ran fires when one starts (the restart sweep)', { timeout: 60_000 }, async () => {
    const app = await testApp({ env: { SMTP_URL: smtp.url } });
    perTest.push(() => app.close());
    const org = await orgWithRoles(app);
    const r = (await org.member.post('/api/v1/reminders', { title: 'While down', remindAt: inSeconds(0.5), channels: ['in_app'] })).body.data;
    await sleep(1500);
    expect((await notificationsOf(org.member)).data).toEqual([]);
    await runner(app);
    const n = await waitFor('the overdue reminder', async () => (await notificationsOf(org.member)).data.find((x) => x.title === 'Reminder: While down'));
    expect(n.recordId).toBe(r.id);
    // in_app only: no email.
    await sleep(300);
    expect(mailsTo(org.member.email)).toHaveLength(0);
  });

  test('done, deleted and moved reminders never fire at the old time; the moved one fires at its new time', { timeout: 60_000 }, async () => {
    const { app } = await appWithJobs();
    const org = await orgWithRoles(app);
    const make = async (title: string, s = 2) => (await org.member.post('/api/v1/reminders', { title, remindAt: inSeconds(s) })).body.data;
    const [keep, done, gone, moved, movedSoon] = [await make('Keep'), await make('Done'), await make('Gone'), await make('Moved'), await make('Moved sooner', 30)];
    // Let the runner schedule their jobs first, so the jobs exist and must find the rows changed.
    await sleep(800);
    expect((await org.member.patch(`/api/v1/reminders/${done.id}`, { done: true })).status).toBe(200);
    expect((await org.member.delete(`/api/v1/reminders/${gone.id}`)).status).toBe(204);
    expect((await org.member.patch(`/api/v1/reminders/${moved.id}`, { remindAt: inSeconds(60) })).status).toBe(200);
    expect((await org.member.patch(`/api/v1/reminders/${movedSoon.id}`, { remindAt: inSeconds(2) })).status).toBe(200);
    await waitFor('the kept and the moved-sooner reminder', async () => (await notificationsOf(org.member)).data.length >= 2);
    await sleep(2500);
    const titles = (await notificationsOf(org.member)).data.map((x) => x.title).sort();
    expect(titles).toEqual(['Reminder: Keep', 'Reminder: Moved sooner']);
    expect((await org.member.get(`/api/v1/reminders/${keep.id}`)).body.data.firedAt).not.toBeNull();
    expect((await org.member.get(`/api/v1/reminders/${moved.id}`)).body.data.firedAt).toBeNull();
    // A restored reminder whose time has passed is still not fired twice for one time... and fires once if never fired.
    expect((await org.member.post(`/api/v1/reminders/${gone.id}/restore`)).status).toBe(200);
    await waitFor('the restored overdue reminder', async () => (await notificationsOf(org.member)).data.some((x) => x.title === 'Reminder: Gone'), 20_000);
  });

  test('an event reminder fires before the start; a deleted event\'s does not', { timeout: 60_000 }, async () => {
    const { app } = await appWithJobs();
    const org = await orgWithRoles(app);
    const startsAt = inSeconds(62);
    const bad = await org.member.post('/api/v1/events', { title: 'Bad', startsAt, reminders: [{ minutesBefore: -5, channels: ['in_app'] }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toMatch(/^reminders/);
    const ev = await org.member.post('/api/v1/events', { title: 'Demo with Ada', startsAt, timezone: 'Europe/Berlin', reminders: [{ minutesBefore: 1, channels: ['in_app', 'email'] }] });
    expect(ev.status, JSON.stringify(ev.body)).toBe(201);
    expect(ev.body.data.reminders).toEqual([{ minutesBefore: 1, channels: ['in_app', 'email'] }]);
    const dropped = (await org.member.post('/api/v1/events', { title: 'Cancelled meeting', startsAt, reminders: [{ minutesBefore: 1, channels: ['in_app'] }] })).body.data;
    await sleep(500);
    expect((await org.member.delete(`/api/v1/events/${dropped.id}`)).status).toBe(204);
    const n = await waitFor('the event reminder', async () => (await notificationsOf(org.member)).data.find((x) => x.recordId === ev.body.data.id), 15_000);
    expect(n).toMatchObject({ kind: 'reminder', title: 'Demo with Ada — in 1 min', recordType: 'event' });
    expect((await smtp.waitFor(org.member.email)).raw).toContain('Demo with Ada');
    await sleep(2000);
    expect(await app.reminders.sweep()).toBe(0);
    expect((await notificationsOf(org.member)).data.map((x) => x.title)).toEqual(['Demo with Ada — in 1 min']);
  });
});

describe('notifications', () => {
  test('task assigned by someone else, deal stage moved by someone else, @mentions in notes; never for your own doing', { timeout: 60_000 }, async () => {
    const app = await testApp({ env: { SMTP_URL: smtp.url } });
    perTest.push(() => app.close());
    const org = await orgWithRoles(app);
    const memberName = ((await org.member.get('/api/v1/me')).body.data.user.name as string); // "Member Person"
    const adminName = ((await org.admin.get('/api/v1/me')).body.data.user.name as string);

    const task = (await org.admin.post('/api/v1/tasks', { title: 'Send the pricing sheet', assigneeId: org.member.userId })).body.data;
    await org.member.post('/api/v1/tasks', { title: 'My own task', assigneeId: org.member.userId });
    const own = (await org.admin.post('/api/v1/tasks', { title: 'Later assigned' })).body.data;
    await org.admin.patch(`/api/v1/tasks/${own.id}`, { assigneeId: org.member.userId });
    await org.admin.patch(`/api/v1/tasks/${own.id}`, { title: 'Later assigned (renamed)' }); // no new assignment

    const deal = (await org.member.post('/api/v1/deals', { name: 'Acme renewal', amount: '100', ownerId: org.member.userId })).body.data;
    const stages = (await org.member.get('/api/v1/pipelines')).body.data[0].stages as { id: string; name: string }[];
    const next = stages.find((s) => s.id !== deal.stageId)!;
    expect((await org.admin.post(`/api/v1/deals/${deal.id}/move`, { stageId: next.id })).status).toBe(200);
    const back = stages.find((s) => s.id !== next.id)!;
    expect((await org.member.post(`/api/v1/deals/${deal.id}/move`, { stageId: back.id })).status).toBe(200); // by the owner: nothing

    const contact = (await org.admin.post('/api/v1/contacts', { firstName: 'Ada' })).body.data;
    const note = (await org.admin.post('/api/v1/notes', { body: `Call her back, @${memberName}. And @nobody.`, relatedType: 'contact', relatedId: contact.id })).body.data;
    await org.admin.patch(`/api/v1/notes/${note.id}`, { body: `Call her back, @${memberName}! Also @${org.owner.email}.` });
    await org.member.post('/api/v1/notes', { body: `Talking to myself @${memberName}`, relatedType: 'contact', relatedId: contact.id });

    await app.notifications.fanOut();
    const got = (await notificationsOf(org.member)).data;
    expect(got.map((x) => x.kind).sort()).toEqual(['deal_stage_changed', 'mention', 'task_assigned', 'task_assigned']);
    expect(got.find((x) => x.recordId === task.id)).toMatchObject({ kind: 'task_assigned', title: `${adminName} assigned you “Send the pricing sheet”`, recordType: 'task' });
    expect(got.find((x) => x.kind === 'deal_stage_changed')).toMatchObject({ title: `Acme renewal moved to ${next.name}`, recordType: 'deal', recordId: deal.id });
    expect(got.find((x) => x.kind === 'mention')).toMatchObject({ title: `${adminName} mentioned you in a note`, recordType: 'contact', recordId: contact.id });
    // The owner was mentioned by email in the edit (a new mention): told once.
    expect((await notificationsOf(org.owner)).data.map((x) => x.kind)).toEqual(['mention']);
    // Running the consumer again tells nobody twice.
    await app.notifications.fanOut();
    expect((await notificationsOf(org.member)).data).toHaveLength(4);
  });

  test('@mentions match whole names and emails only', () => {
    const people = [{ id: 'a', name: 'Ada Lovelace', email: 'ada@acme.test' }, { id: 'b', name: 'Bob Stone', email: 'bob@acme.test' }, { id: 'c', name: 'Al', email: 'al@x.test' }];
    expect(mentioned('thanks @Ada Lovelace!', people)).toEqual(['a']);
    expect(mentioned('cc @bob@acme.test.', people)).toEqual(['b']);
    expect(mentioned('hey @ada', people)).toEqual(['a']);
    expect(mentioned('@Alfred and @adam', people)).toEqual([]);
    expect(mentioned('mail bob@acme.test', people)).toEqual([]);
  });

  test('the morning digest of tasks due today or overdue, at the digest hour in the person\'s zone, once a day', { timeout: 30_000 }, async () => {
    const app = await testApp({ env: { SMTP_URL: smtp.url } });
    perTest.push(() => app.close());
    const org = await orgWithRoles(app);
    const zone = 'Asia/Tokyo';
    const now = new Date();
    const { hour } = localDay(now, zone);
    await org.member.post('/api/v1/tasks', { title: 'Overdue one', assigneeId: org.member.userId, dueAt: inSeconds(-86400) });
    await org.member.post('/api/v1/tasks', { title: 'Due in a week', assigneeId: org.member.userId, dueAt: inSeconds(7 * 86400) });
    await org.member.post('/api/v1/tasks', { title: 'Finished', assigneeId: org.member.userId, dueAt: inSeconds(-3600), status: 'done' });
    // Not yet the hour (an hour later than now there): nothing.
    if (hour < 23) {
      expect((await org.member.put('/api/v1/me/notification-settings', { timezone: zone, digestHour: hour + 1 })).status).toBe(200);
      await app.notifications.digest(now);
      expect((await notificationsOf(org.member)).data).toEqual([]);
    }
    expect((await org.member.put('/api/v1/me/notification-settings', { timezone: zone, digestHour: hour })).body.data).toMatchObject({ timezone: zone, digestHour: hour });
    expect(await app.notifications.digest(now)).toBeGreaterThanOrEqual(1);
    const [digest] = (await notificationsOf(org.member)).data;
    expect(digest).toMatchObject({ kind: 'task_due', title: '1 task due today (1 overdue)' });
    expect(digest.body).toContain('Overdue one');
    expect(digest.body).not.toContain('Due in a week');
    expect(digest.body).not.toContain('Finished');
    expect((await smtp.waitFor(org.member.email)).raw).toContain('1 task due today');
    await app.notifications.digest(now);
    await app.notifications.digest(new Date(now.getTime() + 60_000));
    expect((await notificationsOf(org.member)).data).toHaveLength(1);
  });

  test('unread count, newest first, cursor pages, read and read-all; only your own', { timeout: 30_000 }, async () => {
    const app = await testApp({ env: { SMTP_URL: smtp.url } });
    perTest.push(() => app.close());
    const org = await orgWithRoles(app);
    for (let i = 0; i < 5; i++) await org.member.post('/api/v1/reminders', { title: `R${i}`, remindAt: inSeconds(-10 + i), channels: ['in_app'] });
    expect(await app.reminders.sweep()).toBe(5);
    const page1 = (await org.member.get('/api/v1/notifications?limit=2')).body;
    expect(page1.unreadCount).toBe(5);
    expect(page1.data.map((x: { title: string }) => x.title)).toEqual(['Reminder: R4', 'Reminder: R3']);
    const page2 = (await org.member.get(`/api/v1/notifications?limit=2&cursor=${page1.nextCursor}`)).body;
    const page3 = (await org.member.get(`/api/v1/notifications?limit=2&cursor=${page2.nextCursor}`)).body;
    expect([...page2.data, ...page3.data].map((x: { title: string }) => x.title)).toEqual(['Reminder: R2', 'Reminder: R1', 'Reminder: R0']);
    expect(page3.nextCursor).toBeNull();
    expect((await org.member.get('/api/v1/notifications?cursor=nonsense')).status).toBe(400);
    expect((await org.member.get('/api/v1/notifications?limit=0')).status).toBe(400);

    const first = page1.data[0].id;
    // Someone else's notification is not theirs to read: 404, and nothing changes.
    expect((await org.admin.post(`/api/v1/notifications/${first}/read`)).status).toBe(404);
    expect((await org.member.post('/api/v1/notifications/not-a-uuid/read')).status).toBe(400);
    const read = await org.member.post(`/api/v1/notifications/${first}/read`);
    expect(read.status).toBe(200);
    expect(read.body.data.readAt).not.toBeNull();
    expect((await notificationsOf(org.member)).unreadCount).toBe(4);
    expect((await org.member.get('/api/v1/notifications?unread=true')).body.data).toHaveLength(4);
    expect((await org.member.post('/api/v1/notifications/read-all')).body.data).toEqual({ updated: 4 });
    expect((await notificationsOf(org.member)).unreadCount).toBe(0);
    // A viewer has a bell too.
    expect((await org.viewer.get('/api/v1/notifications')).body).toEqual({ data: [], nextCursor: null, unreadCount: 0 });
  });

  test('preferences: per kind in-app and email, digest hour and time zone; bad values are a 400 that changes nothing', { timeout: 30_000 }, async () => {
    const app = await testApp({ env: { SMTP_URL: smtp.url } });
    perTest.push(() => app.close());
    const org = await orgWithRoles(app);
    const defaults = (await org.member.get('/api/v1/me/notification-settings')).body.data;
    expect(defaults).toMatchObject({ digestHour: 8, timezone: 'UTC', kinds: { reminder: { inApp: true, email: true }, task_assigned: { inApp: true, email: false } } });
    for (const bad of [{ timezone: 'Mars/Olympus' }, { digestHour: 24 }, { kinds: { nope: { inApp: true } } }, { kinds: { mention: { inApp: 'yes' } } }, { extra: 1 }]) {
      const r = await org.member.put('/api/v1/me/notification-settings', bad);
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect(r.body.error.details.length).toBeGreaterThan(0);
    }
    expect((await org.member.get('/api/v1/me/notification-settings')).body.data).toEqual(defaults);

    // Task assignments: by email only; reminders: in the app only.
    const saved = await org.member.put('/api/v1/me/notification-settings', { kinds: { task_assigned: { inApp: false, email: true }, reminder: { email: false } } });
    expect(saved.body.data.kinds).toMatchObject({ task_assigned: { inApp: false, email: true }, reminder: { inApp: true, email: false }, mention: { inApp: true, email: false } });
    await org.admin.post('/api/v1/tasks', { title: 'Mail me this', assigneeId: org.member.userId });
    await org.member.post('/api/v1/reminders', { title: 'Bell only', remindAt: inSeconds(-1) });
    await app.notifications.fanOut();
    await app.reminders.sweep();
    expect((await notificationsOf(org.member)).data.map((x) => x.title)).toEqual(['Reminder: Bell only']);
    const mails = mailsTo(org.member.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].raw).toContain('Mail me this');
  });

  test('tenant isolation: another organization sees none of the reminders or notifications', { timeout: 30_000 }, async () => {
    const app = await testApp({ env: { SMTP_URL: smtp.url } });
    perTest.push(() => app.close());
    const a = await orgWithRoles(app);
    const b = await orgWithRoles(app);
    const r = (await a.member.post('/api/v1/reminders', { title: 'Org A only', remindAt: inSeconds(-1), channels: ['in_app'] })).body.data;
    await app.reminders.sweep();
    const [n] = (await notificationsOf(a.member)).data;
    expect(n.title).toBe('Reminder: Org A only');
    expect((await b.owner.get(`/api/v1/reminders/${r.id}`)).status).toBe(404);
    expect((await b.owner.get('/api/v1/reminders')).body.data).toEqual([]);
    expect((await b.owner.post(`/api/v1/notifications/${n.id}/read`)).status).toBe(404);
    expect((await b.owner.post('/api/v1/notifications/read-all')).body.data.updated).toBe(0);
    expect((await notificationsOf(a.member)).unreadCount).toBe(1);
    // An owner of another org cannot name its member as a reminder's owner.
    const foreign = await b.owner.post('/api/v1/reminders', { title: 'x', remindAt: inSeconds(60), ownerId: a.member.userId });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details[0].path).toBe('ownerId');
  });

  test('reminder input is checked: 400 with field paths, nothing written', { timeout: 30_000 }, async () => {
    const app = await testApp();
    const org = await orgWithRoles(app);
    for (const [body, path] of [
      [{ remindAt: inSeconds(60) }, 'title'],
      [{ title: 'x' }, 'remindAt'],
      [{ title: 'x', remindAt: 'tomorrow' }, 'remindAt'],
      [{ title: 'x', remindAt: inSeconds(60), channels: [] }, 'channels'],
      [{ title: 'x', remindAt: inSeconds(60), channels: ['sms'] }, 'channels.0'],
    ] as const) {
      const r = await org.member.post('/api/v1/reminders', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.details[0].path).toBe(path);
    }
    expect((await org.viewer.post('/api/v1/reminders', { title: 'x', remindAt: inSeconds(60) })).status).toBe(403);
    expect((await org.member.get('/api/v1/reminders')).body.total).toBe(0);
  });
});

describe('the assistant', () => {
  test('"remind me to call Bob tomorrow at 10" makes a reminder at 10:00 tomorrow in the user\'s zone, and links it', { timeout: 60_000 }, async () => {
    const app = await testApp();
    const org = await orgWithRoles(app);
    const zone = 'America/New_York';
    const r = await org.member.post('/api/v1/assistant/messages', { text: 'remind me to call Bob tomorrow at 10', timezone: zone });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const call = r.body.data.toolCalls.find((t: { name: string }) => t.name === 'create_reminder');
    expect(call, JSON.stringify(r.body.data)).toBeDefined();
    const reminder = call.output;
    expect(reminder.title).toBe('Call Bob');
    const localToday = new Date().toLocaleDateString('en-CA', { timeZone: zone });
    const tomorrow = new Date(Date.parse(`${localToday}T12:00:00Z`) + 86400_000).toISOString().slice(0, 10);
    expect(new Date(reminder.remindAt).toLocaleString('en-CA', { timeZone: zone, hourCycle: 'h23' })).toMatch(new RegExp(`^${tomorrow}, 10:00`));
    expect(r.body.data.reply).toContain(`(/reminders/${reminder.id})`);
    expect((await org.member.get(`/api/v1/reminders/${reminder.id}`)).body.data).toMatchObject({ ownerId: org.member.userId, done: false });

    const bare = await org.member.post('/api/v1/assistant/messages', { text: 'set a reminder to renew the licence', timezone: zone });
    const made = bare.body.data.toolCalls.find((t: { name: string }) => t.name === 'create_reminder').output;
    expect(made.title).toBe('Renew the licence');
    expect(new Date(made.remindAt).toLocaleString('en-CA', { timeZone: zone, hourCycle: 'h23' })).toMatch(/, 09:00/);
    expect(bare.body.data.reply).toMatch(/tomorrow morning/);
    // No zone in the request (an API or MCP caller): the one in the person's notification settings.
    await org.member.put('/api/v1/me/notification-settings', { timezone: 'Asia/Tokyo' });
    const api = await org.member.post('/api/v1/assistant/messages', { text: 'remind me to file the report tomorrow at 10' });
    const filed = api.body.data.toolCalls.find((t: { name: string }) => t.name === 'create_reminder').output;
    expect(new Date(filed.remindAt).toLocaleString('en-CA', { timeZone: 'Asia/Tokyo', hourCycle: 'h23' })).toMatch(/, 10:00/);
    // A viewer may not.
    const no = await org.viewer.post('/api/v1/assistant/messages', { text: 'remind me to call Bob tomorrow at 10' });
    expect(no.body.data.toolCalls ?? []).toEqual([]);
  });
});
