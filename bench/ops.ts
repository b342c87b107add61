// The five measured operations, each as an API request and its raw-SQL twin driven by the same
// input for the same index i, plus a check that both return the same rows.
import type pg from 'pg';
import type { HttpClient } from './http-client';
import { rawCreate, rawGet, rawList, type RawList } from './raw';

export interface Operation {
  name: string;
  api: (i: number) => Promise<void>;
  raw: (i: number) => Promise<void>;
  /** Resolves to null when API and SQL agree for a few inputs, else a description of the difference. */
  verify?: () => Promise<string | null>;
}

export interface OpsContext {
  client: HttpClient;
  pool: pg.Pool;
  orgId: string;
  userId: string;
  contactIds: string[];
  companyIds: string[];
  fragments: string[];
  /** Distinguishes this run's created emails from any earlier run's. */
  runTag: string;
}

/** Deterministic spread of i over a list (Knuth multiplicative hash), identical for API and raw. */
function pick<T>(list: T[], i: number): T {
  return list[(Math.imul(i + 1, 2654435761) >>> 0) % list.length];
}

interface ListEnvelope {
  data: { id: string }[];
  total: number;
}

interface ListCase {
  path: string;
  raw: RawList;
}

function listOp(name: string, ctx: OpsContext, build: (i: number) => ListCase): Operation {
  const get = async (path: string) => {
    const res = await ctx.client.request('GET', path);
    if (res.status !== 200) throw new Error(`GET ${path} → ${res.status}: ${res.body.slice(0, 300)}`);
    return res.body;
  };
  return {
    name,
    api: async (i) => {
      await get(build(i).path);
    },
    raw: async (i) => {
      await rawList(ctx.pool, ctx.orgId, build(i).raw);
    },
    verify: async () => {
      let rows = 0;
      for (let i = 0; i < 5; i++) {
        const c = build(i);
        const api = JSON.parse(await get(c.path)) as ListEnvelope;
        const raw = await rawList(ctx.pool, ctx.orgId, c.raw);
        const apiIds = api.data.map((r) => r.id).join(',');
        if (apiIds !== raw.ids.join(',')) return `${c.path}: API and SQL returned different rows`;
        if (api.total !== raw.total) return `${c.path}: total ${api.total} (API) vs ${raw.total} (SQL)`;
        rows += api.data.length;
      }
      return rows > 0 ? null : 'no rows for any of the first inputs; they do not exercise the query';
    },
  };
}

export function buildOperations(ctx: OpsContext): Operation[] {
  const PAGE = 25;
  return [
    // Pages 1–10 by offset: what a user paging through the list does.
    listOp('list by name', ctx, (i) => {
      const offset = PAGE * pick([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], i);
      return {
        path: `/api/v1/contacts?sort=name&limit=${PAGE}${offset ? `&offset=${offset}` : ''}`,
        raw: { limit: PAGE, offset },
      };
    }),
    listOp('list status+company', ctx, (i) => {
      const companyId = pick(ctx.companyIds, i);
      const filter = JSON.stringify({ status: 'customer', companyId });
      return {
        path: `/api/v1/contacts?filter=${encodeURIComponent(filter)}&sort=name&limit=${PAGE}`,
        raw: { where: 'status = $2 and company_id = $3', params: ['customer', companyId], limit: PAGE },
      };
    }),
    listOp('q search', ctx, (i) => {
      const q = pick(ctx.fragments, i);
      return {
        path: `/api/v1/contacts?q=${encodeURIComponent(q)}&limit=${PAGE}`,
        // list-query.ts likePattern: %q% with LIKE metacharacters escaped (fragments have none).
        raw: { where: '(full_name ilike $2 or email ilike $3)', params: [`%${q}%`, `%${q}%`], limit: PAGE },
      };
    }),
    {
      name: 'get by id',
      api: async (i) => {
        const id = pick(ctx.contactIds, i);
        const res = await ctx.client.request('GET', `/api/v1/contacts/${id}`);
        if (res.status !== 200) throw new Error(`GET contact ${id} → ${res.status}: ${res.body.slice(0, 300)}`);
      },
      raw: (i) => rawGet(ctx.pool, ctx.orgId, pick(ctx.contactIds, i)),
    },
    {
      name: 'create',
      api: async (i) => {
        const body = { firstName: 'Bench', lastName: `Api ${i}`, email: `api-${ctx.runTag}-${i}@create.example.com` };
        const res = await ctx.client.request('POST', '/api/v1/contacts', body);
        if (res.status !== 201) throw new Error(`POST contact → ${res.status}: ${res.body.slice(0, 300)}`);
      },
      raw: (i) => rawCreate(ctx.pool, ctx.orgId, ctx.userId, { firstName: 'Bench', lastName: `Raw ${i}`, email: `raw-${ctx.runTag}-${i}@create.example.com` }),
    },
  ];
}
