// Global search: kept current from the outbox, words and typos, org-scoped, types, why, reindex.
import { beforeAll, describe, expect, test } from 'vitest';
import { testApp } from '../../test/app';
import { orgWithRoles, ownerWithOrg } from '../../test/factories';
import { entityServices } from '../modules/registry';
import { reindexAll } from './indexer';

let org: Awaited<ReturnType<typeof orgWithRoles>>;
let ada: { id: string };
let acme: { id: string };
beforeAll(async () => {
  org = await orgWithRoles();
  acme = (await org.member.post('/api/v1/companies', { name: 'Acme Rockets', industry: 'aerospace' })).body.data;
  ada = (await org.member.post('/api/v1/contacts', { firstName: 'Ada', lastName: 'Lovelace', title: 'Analyst', companyId: acme.id })).body.data;
  await org.member.post('/api/v1/notes', { body: 'Met Ada at the Babbage conference; wants a demo of the difference engine', relatedType: 'contact', relatedId: ada.id });
  await org.member.post('/api/v1/tasks', { title: 'Send Ada the engine brochure' });
});

const search = (qs: string, client = org.member) => client.get(`/api/v1/search?${qs}`);

describe('global search', () => {
  test('finds by words across types, with snippets and why', async () => {
    const res = await search('q=difference engine');
    expect(res.status).toBe(200);
    const note = res.body.data.find((h: { type: string }) => h.type === 'note');
    expect(note).toMatchObject({ why: expect.stringContaining('words'), url: `/notes/${note.id}` });
    expect(note.snippet).toContain('**difference**');
    // One word found in a note and a task: both come back.
    const both = (await search('q=engine')).body.data.map((h: { type: string }) => h.type);
    expect(both).toEqual(expect.arrayContaining(['note', 'task']));
  });

  test('tolerates typos (trigram)', async () => {
    const res = await search('q=Lovlace');
    expect(res.body.data[0]).toMatchObject({ type: 'contact', id: ada.id, title: 'Ada Lovelace', why: 'similar spelling' });
    expect((await search('q=Acme Rockts')).body.data[0]).toMatchObject({ type: 'company', id: acme.id });
  });

  test('types filter, org scope, deletes and bad input', async () => {
    expect((await search('q=Ada&types=company')).body.data.every((h: { type: string }) => h.type === 'company')).toBe(true);
    expect((await search('q=Ada&types=spaceship')).status).toBe(400);
    expect((await search('q=')).status).toBe(400);
    const { owner: stranger } = await ownerWithOrg();
    expect((await search('q=Lovelace', stranger)).body.data).toEqual([]);
    // A deleted record leaves the index; restoring brings it back.
    await org.member.delete(`/api/v1/contacts/${ada.id}`);
    expect((await search('q=Lovelace&types=contact')).body.data).toEqual([]);
    await org.member.post(`/api/v1/contacts/${ada.id}/restore`);
    expect((await search('q=Lovelace&types=contact')).body.data[0].id).toBe(ada.id);
    // An update is searchable at once.
    await org.member.patch(`/api/v1/contacts/${ada.id}`, { title: 'Countess of Lovelace' });
    expect((await search('q=Countess')).body.data[0].id).toBe(ada.id);
  });

  test('reindex rebuilds the documents from the records', async () => {
    const { database } = await testApp();
    await database.query(`delete from search_documents where organization_id = $1`, [org.orgId]);
    expect((await search('q=Lovelace')).body.data).toEqual([]);
    const n = await reindexAll(database.db, entityServices);
    expect(n).toBeGreaterThan(3);
    expect((await search('q=Lovelace')).body.data[0].id).toBe(ada.id);
  });

  test('the assistant answers "what do we know" from the same index', async () => {
    const res = await org.member.post('/api/v1/assistant/messages', { text: 'what do we know about Lovlace?' });
    expect(res.body.data.reply).toContain(`(/contacts/${ada.id})`);
  });
});
