// The REST list conventions (DESIGN.md §4), exercised on companies over HTTP.
import { beforeAll, describe, expect, test } from 'vitest';
import { ownerWithOrg } from '../../test/factories';
import type { Client } from '../../test/app';

let owner: Client;
const names = ['Zeta', 'alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon', 'Eta', 'Theta', 'Iota', 'Kappa'];

beforeAll(async () => {
  ({ owner } = await ownerWithOrg());
  for (const [i, name] of names.entries()) {
    const res = await owner.post('/api/v1/companies', {
      name,
      status: i % 2 ? 'customer' : 'lead',
      employeeCount: i * 10,
      annualRevenue: i === 3 ? '1000000.50' : null,
      industry: i < 3 ? null : 'software',
      tags: i % 3 === 0 ? ['vip'] : [],
    });
    expect(res.status).toBe(201);
  }

  test("later pages carry the first page's total instead of counting again; a first page counts afresh", async () => {
    for (const n of ['One', 'Two', 'Three']) expect((await owner.post('/api/v1/companies', { name: `Totalsco ${n}` })).status).toBe(201);
    const first = await list('q=Totalsco&sort=name&limit=2');
    expect(first.body.total).toBe(3);
    await owner.post('/api/v1/companies', { name: 'Totalsco Four' });
    const second = await list(`q=Totalsco&sort=name&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.total).toBe(3);
    expect((await list('q=Totalsco&sort=name&limit=2')).body.total).toBe(4);
  });
});

const list = (qs: string) => owner.get(`/api/v1/companies?${qs}`);
const filter = (f: unknown) => `filter=${encodeURIComponent(JSON.stringify(f))}`;
const namesOf = (r: { body: { data: { name: string }[] } }) => r.body.data.map((c) => c.name);

describe('list conventions', () => {
  test('envelope, default limit, total', async () => {
    const r = await list('');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ total: 10, nextCursor: null });
    expect(r.body.data).toHaveLength(10);
  });

  test('sort ascending, descending, multi-key, and unknown fields', async () => {
    expect(namesOf(await list('sort=employeeCount'))[0]).toBe('Zeta');
    expect(namesOf(await list('sort=-employeeCount'))[0]).toBe('Kappa');
    const multi = namesOf(await list('sort=status,-employeeCount'));
    expect(multi.slice(0, 2)).toEqual(['Kappa', 'Theta']); // customers by count desc
    const bad = await list('sort=password');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('sort');
  });

  test('filter operators', async () => {
    expect((await list(filter({ status: 'customer' }))).body.total).toBe(5);
    expect((await list(filter({ status: { ne: 'customer' } }))).body.total).toBe(5);
    expect((await list(filter({ employeeCount: { gte: 50, lt: 80 } }))).body.total).toBe(3);
    expect((await list(filter({ employeeCount: { lte: 0 } }))).body.total).toBe(1);
    expect((await list(filter({ employeeCount: { gt: 80 } }))).body.total).toBe(1);
    expect(namesOf(await list(filter({ name: { in: ['Beta', 'Eta', 'Nope'] } })))).toEqual(['Beta', 'Eta']);
    expect(namesOf(await list(filter({ name: { contains: 'ET' } })))).toEqual(['Beta', 'Eta', 'Theta', 'Zeta']);
    expect((await list(filter({ industry: { isNull: true } }))).body.total).toBe(3);
    expect((await list(filter({ industry: null }))).body.total).toBe(3);
    expect((await list(filter({ annualRevenue: { gt: '999999' } }))).body.data[0].annualRevenue).toBe('1000000.50');
    expect((await list(filter({ tags: 'vip' }))).body.total).toBe(4);
    expect((await list(filter({ tags: { in: ['vip', 'other'] } }))).body.total).toBe(4);
    expect((await list(filter({ createdAt: { lte: new Date(Date.now() + 60_000).toISOString() } }))).body.total).toBe(10);
  });

  test('bad filters are 400 with the field path', async () => {
    const cases: [unknown, string][] = [
      [{ secret: 1 }, 'filter.secret'],
      [{ status: 'bogus' }, 'filter.status'],
      [{ employeeCount: { gt: 'many' } }, 'filter.employeeCount'],
      [{ name: { like: 'x' } }, 'filter.name.like'],
      [{ createdAt: { gt: 'yesterday' } }, 'filter.createdAt'],
    ];
    for (const [f, path] of cases) {
      const r = await list(filter(f));
      expect(r.status, JSON.stringify(f)).toBe(400);
      expect(r.body.error.details[0].path).toBe(path);
    }
    const notJson = await list('filter=%7Bnope');
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.details[0].path).toBe('filter');
    expect((await list('limit=500')).status).toBe(400);
  });

  test('q searches name and domain, case-insensitively, with LIKE characters escaped', async () => {
    expect(namesOf(await list('q=ALPH'))).toEqual(['alpha']);
    expect((await list('q=%25')).body.total).toBe(0);
  });

  test('offset paging and cursor paging that stays stable under inserts', async () => {
    const first = await list('sort=name&limit=4');
    expect(first.body.data).toHaveLength(4);
    expect(first.body.total).toBe(10);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const byOffset = await list('sort=name&limit=4&offset=4');
    // An insert that sorts before the cursor must not shift the next page.
    await owner.post('/api/v1/companies', { name: 'Aaa Early Bird' });
    const byCursor = await list(`sort=name&limit=4&cursor=${first.body.nextCursor}`);
    expect(namesOf(byCursor)).toEqual(namesOf(byOffset));
    // Walk the whole list by cursor: every row once.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r: Awaited<ReturnType<typeof list>> = await list(`sort=-employeeCount&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...namesOf(r));
      cursor = r.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(11);
    expect(new Set(seen).size).toBe(11);
    // Nullable sort keys page correctly too (nulls last ascending).
    const byIndustry: string[] = [];
    cursor = null;
    do {
      const r: Awaited<ReturnType<typeof list>> = await list(`sort=industry&limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      byIndustry.push(...namesOf(r));
      cursor = r.body.nextCursor;
    } while (cursor);
    expect(new Set(byIndustry).size).toBe(11);
    expect((await list('cursor=garbage')).status).toBe(400);
    expect((await list(`cursor=${first.body.nextCursor}&offset=2`)).status).toBe(400);
  });
});
