// What the board's overdue / stale / rotting marks read from the API: each stage's rotting limit
// (set, changed, cleared and checked like the stale one) and each deal's last activity, which any
// change, note or logged call on the deal moves forward.
import { beforeAll, describe, expect, test } from 'vitest';
import { orgWithRoles } from '../../../test/factories';

let org: Awaited<ReturnType<typeof orgWithRoles>>;
let pipeline: { id: string; stages: { id: string; name: string; kind: string; rottingDays: number | null; staleAfterDays: number | null }[] };

beforeAll(async () => {
  org = await orgWithRoles();
  pipeline = (await org.member.get('/api/v1/pipelines')).body.data[0];
});

describe('stage rotting days', () => {
  test('new organizations get rotting limits on their open stages, none on won and lost', () => {
    expect(pipeline.stages.map((s) => `${s.name}:${s.rottingDays}`)).toEqual(['Qualification:7', 'Needs analysis:10', 'Proposal:10', 'Negotiation:7', 'Won:null', 'Lost:null']);
  });

  test('admins set, change and clear it; bad values are 400 and change nothing; members may not', async () => {
    const { admin, member } = org;
    const p = (await admin.post('/api/v1/pipelines', { name: 'Rotting', stages: [{ name: 'Open', probability: 20, rottingDays: 5 }, { name: 'Won', probability: 100, kind: 'won' }] })).body.data;
    const open = p.stages[0];
    expect(open.rottingDays).toBe(5);
    const url = `/api/v1/pipelines/${p.id}/stages/${open.id}`;
    expect((await admin.patch(url, { rottingDays: 12 })).body.data.stages[0].rottingDays).toBe(12);
    for (const bad of [0, -1, 2.5, 'ten', 4000]) {
      const res = await admin.patch(url, { rottingDays: bad });
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.error.details[0].path).toBe('rottingDays');
    }
    expect((await member.patch(url, { rottingDays: 3 })).status).toBe(403);
    expect((await admin.get(`/api/v1/pipelines/${p.id}`)).body.data.stages[0].rottingDays).toBe(12);
    expect((await admin.patch(url, { rottingDays: null })).body.data.stages[0].rottingDays).toBeNull();
    const added = await admin.post(`/api/v1/pipelines/${p.id}/stages`, { name: 'Demo', probability: 40, rottingDays: 3 });
    expect(added.status).toBe(201);
    expect(added.body.data.stages.find((s: { name: string }) => s.name === 'Demo').rottingDays).toBe(3);
  });
});

describe('deal lastActivityAt', () => {
  test('moves forward on a change, a note and a logged call; lists and the record agree', async () => {
    const { member } = org;
    const deal = (await member.post('/api/v1/deals', { name: 'Idle deal', amount: '100' })).body.data;
    const created = deal.lastActivityAt as string;
    expect(Date.parse(created)).toBeGreaterThan(0);

    const afterChange = (await member.patch(`/api/v1/deals/${deal.id}`, { amount: '200' })).body.data.lastActivityAt as string;
    expect(afterChange > created).toBe(true);

    expect((await member.post('/api/v1/notes', { body: 'Pinged them', relatedType: 'deal', relatedId: deal.id })).status).toBe(201);
    const afterNote = (await member.get(`/api/v1/deals/${deal.id}`)).body.data.lastActivityAt as string;
    expect(afterNote > afterChange).toBe(true);

    expect((await member.post('/api/v1/activities/log', { type: 'call', relatedType: 'deal', relatedId: deal.id, summary: 'Left a voicemail' })).status).toBe(201);
    const afterCall = (await member.get(`/api/v1/deals/${deal.id}`)).body.data.lastActivityAt as string;
    expect(afterCall > afterNote).toBe(true);

    const listed = (await member.get(`/api/v1/deals?filter=${encodeURIComponent(JSON.stringify({ pipelineId: pipeline.id }))}&limit=200`)).body.data.find((d: { id: string }) => d.id === deal.id);
    expect(listed.lastActivityAt).toBe(afterCall);
  });

  test("another organization's activity on a same-named deal does not count", async () => {
    const other = await orgWithRoles();
    const mine = (await org.member.post('/api/v1/deals', { name: 'Twin' })).body.data;
    const theirs = (await other.member.post('/api/v1/deals', { name: 'Twin' })).body.data;
    await other.member.post('/api/v1/notes', { body: 'Theirs', relatedType: 'deal', relatedId: theirs.id });
    expect((await org.member.get(`/api/v1/deals/${mine.id}`)).body.data.lastActivityAt).toBe(mine.lastActivityAt);
  });
});

