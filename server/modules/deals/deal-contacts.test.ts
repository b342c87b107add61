// Issue 17 item 3: a contact's page lists the deals it takes part in, as primary or further contact,
// through the deals list's `contactId` filter (and `contactIds` for the further contacts only).
import { beforeAll, describe, expect, test } from 'vitest';
import { orgWithRoles } from '../../../test/factories';

let org: Awaited<ReturnType<typeof orgWithRoles>>;
beforeAll(async () => {
  org = await orgWithRoles();
});

const list = (filter: unknown) => org.member.get(`/api/v1/deals?sort=name&filter=${encodeURIComponent(JSON.stringify(filter))}`);
const names = (res: { body: { data: { name: string }[] } }) => res.body.data.map((d) => d.name);

describe('deals by contact', () => {
  test('contactId matches the primary contact and the further contacts; contactIds only the further ones', async () => {
    const contact = async (firstName: string) => (await org.member.post('/api/v1/contacts', { firstName })).body.data.id as string;
    const ada = await contact('Ada');
    const bob = await contact('Bob');
    const deal = async (body: Record<string, unknown>) => expect((await org.member.post('/api/v1/deals', body)).status).toBe(201);
    await deal({ name: 'A primary', primaryContactId: ada });
    await deal({ name: 'B further', primaryContactId: bob, contactIds: [ada] });
    await deal({ name: 'C bob only', primaryContactId: bob });
    await deal({ name: 'D nobody' });

    const byAda = await list({ contactId: ada });
    expect(byAda.status).toBe(200);
    expect(names(byAda)).toEqual(['A primary', 'B further']);
    expect(byAda.body.total).toBe(2);
    expect(names(await list({ contactId: bob }))).toEqual(['B further', 'C bob only']);
    expect(names(await list({ contactId: { in: [ada, bob] } }))).toEqual(['A primary', 'B further', 'C bob only']);
    expect(names(await list({ contactIds: ada }))).toEqual(['B further']);
    // isNull on the combined field: deals with no contact at all.
    expect(names(await list({ contactId: { isNull: true } }))).toEqual(['D nobody']);
  });

  test('another organization’s deals never match, and a bad operator is a 400', async () => {
    const other = await orgWithRoles();
    const theirs = (await other.member.post('/api/v1/contacts', { firstName: 'Eve' })).body.data.id;
    await other.member.post('/api/v1/deals', { name: 'Theirs', primaryContactId: theirs });
    expect(names(await list({ contactId: theirs }))).toEqual([]);
    const bad = await list({ contactId: { lt: theirs } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('filter.contactId.lt');
  });
});
