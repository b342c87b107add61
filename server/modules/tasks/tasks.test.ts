import { beforeAll, describe, expect, test, vi } from 'vitest';
import { orgWithRoles, ownerWithOrg } from '../../../test/factories';

let org: Awaited<ReturnType<typeof orgWithRoles>>;
let contactId: string;
beforeAll(async () => {
  org = await orgWithRoles();
  contactId = (await org.member.post('/api/v1/contacts', { firstName: 'Ada' })).body.data.id;
});

const day = 86400_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('tasks', () => {
  test('completedAt is set on done and cleared on reopen; each change is on the timeline', async () => {
    const { member } = org;
    const t = (await member.post('/api/v1/tasks', { title: 'Call Ada', type: 'call', relatedType: 'contact', relatedId: contactId, assigneeId: member.userId })).body.data;
    expect(t).toMatchObject({ status: 'todo', priority: 'medium', completedAt: null, relatedType: 'contact', relatedId: contactId });
    const done = (await member.patch(`/api/v1/tasks/${t.id}`, { status: 'done' })).body.data;
    expect(done.completedAt).toEqual(expect.any(String));
    const reopened = (await member.patch(`/api/v1/tasks/${t.id}`, { status: 'in_progress' })).body.data;
    expect(reopened.completedAt).toBeNull();
    const actions = (await member.get(`/api/v1/tasks/${t.id}/activities`)).body.data.map((a: { after: { status?: string } }) => a.after?.status);
    expect(actions).toEqual(['in_progress', 'done', 'todo']);
  });

  test('views: mine, overdue, today, week, open', async () => {
    const { member, admin } = org;
    // "Now" is noon UTC today (only Date is faked; timers stay real), so "later today" is always
    // today, whatever the hour this runs.
    const real = new Date();
    vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(real.getUTCFullYear(), real.getUTCMonth(), real.getUTCDate(), 12) });
    try {
      await views(member, admin);
    } finally {
      vi.useRealTimers();
    }
  });

  async function views(member: typeof org.member, admin: typeof org.admin) {
    const now = Date.now();
    const make = (title: string, extra: Record<string, unknown>) => member.post('/api/v1/tasks', { title, ...extra });
    await make('Mine overdue', { assigneeId: member.userId, dueAt: iso(now - 2 * day) });
    await make('Mine later today', { assigneeId: member.userId, dueAt: iso(now + 60_000) });
    await make('Theirs overdue', { assigneeId: admin.userId, dueAt: iso(now - day) });
    await make('Done overdue', { assigneeId: member.userId, dueAt: iso(now - day), status: 'done' });
    const titles = async (qs: string) => (await member.get(`/api/v1/tasks?${qs}`)).body.data.map((t: { title: string }) => t.title);
    expect(await titles('view=overdue')).toEqual(expect.arrayContaining(['Mine overdue', 'Theirs overdue']));
    expect(await titles('view=overdue')).not.toContain('Done overdue');
    expect(await titles(`view=overdue&filter=${encodeURIComponent(JSON.stringify({ assigneeId: member.userId }))}`)).toEqual(['Mine overdue']);
    expect(await titles('view=mine')).toEqual(expect.arrayContaining(['Mine overdue', 'Mine later today', 'Done overdue']));
    expect(await titles('view=mine')).not.toContain('Theirs overdue');
    expect(await titles('view=today')).toContain('Mine later today');
    expect(await titles('view=today')).not.toContain('Mine overdue');
    expect(await titles('view=week')).not.toContain('Done overdue');
    const bad = await member.get('/api/v1/tasks?view=someday');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]).toMatchObject({ path: 'view' });
  }

  test('related records and assignees must be in the organization', async () => {
    const { owner: stranger } = await ownerWithOrg();
    const theirs = (await stranger.post('/api/v1/contacts', { firstName: 'Hidden' })).body.data.id;
    const foreign = await org.member.post('/api/v1/tasks', { title: 'x', relatedType: 'contact', relatedId: theirs });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details).toEqual([{ path: 'relatedId', message: 'no such contact in this organization' }]);
    const half = await org.member.post('/api/v1/tasks', { title: 'x', relatedType: 'contact' });
    expect(half.body.error.details[0].path).toBe('relatedId');
    const unknownType = await org.member.post('/api/v1/tasks', { title: 'x', relatedType: 'spaceship', relatedId: theirs });
    expect(unknownType.body.error.details[0].path).toBe('relatedType');
    const stray = await org.member.post('/api/v1/tasks', { title: 'x', assigneeId: stranger.userId });
    expect(stray.body.error.details).toEqual([{ path: 'assigneeId', message: 'is not a member of this organization' }]);
    const badDate = await org.member.post('/api/v1/tasks', { title: 'x', dueAt: 'tomorrow' });
    expect(badDate.body.error.details[0].path).toBe('dueAt');
  });
});

describe('notes', () => {
  test('on a record, pinned first, searchable', async () => {
    const { member, viewer } = org;
    const a = await member.post('/api/v1/notes', { body: 'Met at the **conference**', relatedType: 'contact', relatedId: contactId });
    expect(a.status).toBe(201);
    expect(a.body.data).toMatchObject({ pinned: false, createdBy: member.userId });
    await member.post('/api/v1/notes', { body: 'Prefers email', relatedType: 'contact', relatedId: contactId, pinned: true });
    const list = await viewer.get(`/api/v1/notes?filter=${encodeURIComponent(JSON.stringify({ relatedType: 'contact', relatedId: contactId }))}`);
    expect(list.body.data.map((n: { body: string }) => n.body)).toEqual(['Prefers email', 'Met at the **conference**']);
    expect((await member.get('/api/v1/notes?q=conference')).body.total).toBe(1);
    // Each note is on the timeline of the record it is on.
    const timeline = (await viewer.get(`/api/v1/contacts/${contactId}/activities`)).body.data;
    expect(timeline.filter((a: { action: string }) => a.action === 'note_added').map((a: { after: { excerpt: string } }) => a.after.excerpt)).toEqual(['Prefers email', 'Met at the **conference**']);
    expect((await member.post('/api/v1/notes', { body: '', relatedType: 'contact', relatedId: contactId })).status).toBe(400);
    expect((await viewer.post('/api/v1/notes', { body: 'no', relatedType: 'contact', relatedId: contactId })).status).toBe(403);
    // The record a note is on cannot be changed, only its text and pin.
    expect((await member.patch(`/api/v1/notes/${a.body.data.id}`, { relatedId: contactId })).status).toBe(400);
  });
});
