import { describe, expect, test } from 'vitest';
import { orgWithRoles } from '../../../test/factories';

describe('duplicates and merge', () => {
  test('contacts: suggested pairs, merge fills blanks and takes over notes, tasks and deals, in one step', async () => {
    const { member, viewer } = await orgWithRoles();
    const acme = (await member.post('/api/v1/companies', { name: 'Acme' })).body.data;
    const keep = (await member.post('/api/v1/contacts', { firstName: 'Jonathan', lastName: 'Smith', companyId: acme.id, tags: ['vip'] })).body.data;
    const dup = (await member.post('/api/v1/contacts', { firstName: 'Jonathon', lastName: 'Smith', email: 'jon@acme.test', phone: '+1 555 0100', title: 'CFO', tags: ['finance'] })).body.data;
    await member.post('/api/v1/contacts', { firstName: 'Unrelated', lastName: 'Person' });
    const note = (await member.post('/api/v1/notes', { body: 'Spoke about budget', relatedType: 'contact', relatedId: dup.id })).body.data;
    const task = (await member.post('/api/v1/tasks', { title: 'Follow up', relatedType: 'contact', relatedId: dup.id })).body.data;
    const deal = (await member.post('/api/v1/deals', { name: 'Smith deal', primaryContactId: dup.id, contactIds: [dup.id] })).body.data;

    const pairs = (await viewer.get('/api/v1/contacts/duplicates')).body.data;
    const pair = pairs.find((p: { a: { id: string }; b: { id: string } }) => [p.a.id, p.b.id].sort().join() === [keep.id, dup.id].sort().join());
    expect(pair.score).toBeGreaterThan(0.5);
    expect(pair.reasons[0]).toMatch(/similar names/);

    expect((await viewer.post(`/api/v1/contacts/${keep.id}/merge`, { otherIds: [dup.id] })).status).toBe(403);
    const merged = await member.post(`/api/v1/contacts/${keep.id}/merge`, { otherIds: [dup.id] });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body.data).toMatchObject({ id: keep.id, firstName: 'Jonathan', email: 'jon@acme.test', phone: '+1 555 0100', title: 'CFO', companyId: acme.id });
    expect(merged.body.data.tags.sort()).toEqual(['finance', 'vip']);
    expect((await member.get(`/api/v1/contacts/${dup.id}`)).status).toBe(404);
    expect((await member.get(`/api/v1/notes/${note.id}`)).body.data.relatedId).toBe(keep.id);
    expect((await member.get(`/api/v1/tasks/${task.id}`)).body.data.relatedId).toBe(keep.id);
    expect((await member.get(`/api/v1/deals/${deal.id}`)).body.data).toMatchObject({ primaryContactId: keep.id, contactIds: [keep.id] });
    // Re-pointed records carry the change on their own timelines too.
    const noteTimeline = (await member.get(`/api/v1/notes/${note.id}/activities`)).body.data;
    expect(noteTimeline[0]).toMatchObject({ action: 'updated', before: { relatedId: dup.id }, after: { relatedId: keep.id } });
    const timeline = (await member.get(`/api/v1/contacts/${keep.id}/activities`)).body.data;
    expect(timeline[0]).toMatchObject({ action: 'merged', before: { mergedIds: [dup.id] } });
    // The duplicate's own history now sits on the survivor's timeline.
    expect(timeline.filter((a: { action: string }) => a.action === 'created')).toHaveLength(2);
  });

  test('companies: same domain is a likely pair; contacts and deals move to the survivor; bad input changes nothing', async () => {
    const { member } = await orgWithRoles();
    const a = (await member.post('/api/v1/companies', { name: 'Initech', domain: 'initech.test' })).body.data;
    const b = (await member.post('/api/v1/companies', { name: 'Initech Inc.', domain: 'initech.test', industry: 'software' })).body.data;
    const peter = (await member.post('/api/v1/contacts', { firstName: 'Peter', companyId: b.id })).body.data;
    const pairs = (await member.get('/api/v1/companies/duplicates')).body.data;
    expect(pairs[0]).toMatchObject({ score: 0.9, reasons: expect.arrayContaining(['same domain']) });
    expect((await member.post(`/api/v1/companies/${a.id}/merge`, { otherIds: [a.id] })).status).toBe(400);
    expect((await member.post(`/api/v1/companies/${a.id}/merge`, { otherIds: [crypto.randomUUID()] })).status).toBe(400);
    expect((await member.get(`/api/v1/companies/${b.id}`)).status).toBe(200);
    const merged = await member.post(`/api/v1/companies/${a.id}/merge`, { otherIds: [b.id] });
    expect(merged.body.data).toMatchObject({ name: 'Initech', industry: 'software' });
    expect((await member.get(`/api/v1/contacts/${peter.id}`)).body.data.companyId).toBe(a.id);
  });
});

test("merge moves the duplicates' attachments to the survivor with an activity and an outbox event each", async () => {
  const { testApp } = await import('../../../test/app');
  const { database } = await testApp();
  const { member, orgId } = await orgWithRoles();
  const keep = (await member.post('/api/v1/contacts', { firstName: 'Keeper' })).body.data;
  const dup = (await member.post('/api/v1/contacts', { firstName: 'Keepr' })).body.data;
  const file = (await member.upload('/api/v1/attachments', { relatedType: 'contact', relatedId: dup.id }, { name: 'contract.txt', bytes: new TextEncoder().encode('signed') })).body.data;
  expect((await member.post(`/api/v1/contacts/${keep.id}/merge`, { otherIds: [dup.id] })).status).toBe(200);
  expect((await member.get(`/api/v1/attachments?relatedType=contact&relatedId=${keep.id}`)).body.data.map((a: { id: string }) => a.id)).toEqual([file.id]);
  const timeline = (await member.get(`/api/v1/contacts/${keep.id}/activities`)).body.data;
  const added = timeline.filter((a: { action: string; after: { attachmentId?: string } }) => a.action === 'attachment_added' && a.after.attachmentId === file.id);
  // One from the upload (it moved with the duplicate's history) and one for the move itself.
  expect(added.map((a: { after: { mergedFrom?: string } }) => a.after.mergedFrom ?? null)).toEqual([dup.id, null]);
  const events = (await database.query(`select type from outbox_events where organization_id = $1 and entity_id = $2 and type = 'contact.attachment_added'`, [orgId, keep.id])).rows;
  expect(events).toHaveLength(1);
  expect(timeline[0]).toMatchObject({ action: 'merged', after: { movedAttachments: [file.id] } });
});
