// The measured operations, each as an API request and its raw-SQL twin driven by the same input
// for the same index i, plus a check that both return the same rows or numbers.
import type pg from 'pg';
import type { BenchPipeline } from './accounts';
import type { HttpClient } from './http-client';
import { globalSearchOp } from './search';
import {
  rawCreate,
  rawDealAging,
  rawDealList,
  rawForecast,
  rawGet,
  rawList,
  rawPipelineReport,
  ownerCondition,
  type RawList,
  type RawListResult,
} from './raw';

export interface Operation {
  name: string;
  api: (i: number) => Promise<void>;
  raw: (i: number) => Promise<void>;
  /** Resolves to null when API and SQL agree for a few inputs, else a description of the difference. */
  verify?: () => Promise<string | null>;
  /** Runs before the operation is verified and before it is measured (e.g. the permission setting it needs). */
  setup?: () => Promise<void>;
}

export interface OpsContext {
  client: HttpClient;
  pool: pg.Pool;
  orgId: string;
  userId: string;
  contactIds: string[];
  companyIds: string[];
  /** The big organization's default pipeline (GET /api/v1/pipelines). */
  pipeline: BenchPipeline;
  fragments: string[];
  /** Distinguishes this run's created emails from any earlier run's. */
  runTag: string;
}

/** Deterministic spread of i over a list (Knuth multiplicative hash), identical for API and raw. */
export function pick<T>(list: T[], i: number): T {
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

type RawListFn = (pool: pg.Pool, orgId: string, q: RawList) => Promise<RawListResult>;

async function getBody(client: HttpClient, path: string): Promise<string> {
  const res = await client.request('GET', path);
  if (res.status !== 200) throw new Error(`GET ${path} → ${res.status}: ${res.body.slice(0, 300)}`);
  return res.body;
}

function listOp(name: string, ctx: Pick<OpsContext, 'client' | 'pool' | 'orgId'>, build: (i: number) => ListCase, rawFn: RawListFn = rawList): Operation {
  const get = (path: string) => getBody(ctx.client, path);
  return {
    name,
    api: async (i) => {
      await get(build(i).path);
    },
    raw: async (i) => {
      await rawFn(ctx.pool, ctx.orgId, build(i).raw);
    },
    verify: async () => {
      let rows = 0;
      for (let i = 0; i < 5; i++) {
        const c = build(i);
        const api = JSON.parse(await get(c.path)) as ListEnvelope;
        const raw = await rawFn(ctx.pool, ctx.orgId, c.raw);
        const apiIds = api.data.map((r) => r.id).join(',');
        if (apiIds !== raw.ids.join(',')) return `${c.path}: API and SQL returned different rows`;
        if (api.total !== raw.total) return `${c.path}: total ${api.total} (API) vs ${raw.total} (SQL)`;
        rows += api.data.length;
      }
      return rows > 0 ? null : 'no rows for any of the first inputs; they do not exercise the query';
    },
  };
}

interface PipelineReport {
  data: {
    pipelineId: string;
    stages: { stageId: string; kind: string; count: number; amount: string; weightedAmount: string }[];
    totals: { openCount: number; openAmount: string; weightedAmount: string };
  };
}

interface ForecastReport {
  data: { months: { month: string; count: number; bestCaseAmount: string; weightedAmount: string }[] };
}

interface AgingReport {
  data: { deals: { dealId: string; daysInStage: number; staleAfterDays: number; stale: boolean }[]; staleCount: number };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The board's per-column totals, and the open totals checked against an independent SQL sum. */
function pipelineReportOp(ctx: OpsContext): Operation {
  const path = '/api/v1/reports/pipeline';
  return {
    name: 'pipeline report',
    api: async () => {
      await getBody(ctx.client, path);
    },
    raw: async () => {
      await rawPipelineReport(ctx.pool, ctx.orgId);
    },
    verify: async () => {
      const api = (JSON.parse(await getBody(ctx.client, path)) as PipelineReport).data;
      const raw = await rawPipelineReport(ctx.pool, ctx.orgId);
      if (api.pipelineId !== ctx.pipeline.id) return `${path}: pipeline ${api.pipelineId}, expected the default ${ctx.pipeline.id}`;
      const byStage = new Map(raw.map((r) => [r.stage_id, r]));
      for (const s of api.stages) {
        const r = byStage.get(s.stageId);
        const expected = { count: r?.count ?? 0, amount: r?.amount ?? '0.00', weighted: r?.weighted ?? '0.00' };
        if (!same({ count: s.count, amount: s.amount, weighted: s.weightedAmount }, expected)) {
          return `${path}: stage ${s.stageId} ${JSON.stringify(s)} (API) vs ${JSON.stringify(expected)} (SQL)`;
        }
      }
      const { rows } = await ctx.pool.query<{ n: number; amount: string; weighted: string }>(
        `select count(*)::int as n, coalesce(sum(d.amount), 0)::numeric(18,2)::text as amount,
                coalesce(sum(round(d.amount * coalesce(d.probability, s.probability) / 100.0, 2)), 0)::numeric(18,2)::text as weighted
           from deals d join pipeline_stages s on s.id = d.stage_id
          where d.organization_id = $1 and d.deleted_at is null and d.pipeline_id = $2 and s.kind = 'open'`,
        [ctx.orgId, ctx.pipeline.id],
      );
      const totals = { openCount: rows[0].n, openAmount: rows[0].amount, weightedAmount: rows[0].weighted };
      // The report also carries currency and byCurrency (one currency here); the sums are what is checked.
      const apiTotals = { openCount: api.totals.openCount, openAmount: api.totals.openAmount, weightedAmount: api.totals.weightedAmount };
      if (!same(apiTotals, totals)) return `${path}: totals ${JSON.stringify(api.totals)} (API) vs ${JSON.stringify(totals)} (SQL)`;
      return totals.openCount > 0 ? null : 'no open deals; the report does not exercise the query';
    },
  };
}

function forecastReportOp(ctx: OpsContext): Operation {
  const path = '/api/v1/reports/forecast';
  return {
    name: 'forecast report',
    api: async () => {
      await getBody(ctx.client, path);
    },
    raw: async () => {
      await rawForecast(ctx.pool, ctx.orgId);
    },
    verify: async () => {
      // Compared on the sums (the report also carries per-currency breakdowns; one currency here).
      const api = (JSON.parse(await getBody(ctx.client, path)) as ForecastReport).data.months.map((m) => ({ month: m.month, count: m.count, bestCaseAmount: m.bestCaseAmount, weightedAmount: m.weightedAmount }));
      const raw = (await rawForecast(ctx.pool, ctx.orgId)).map((r) => ({ month: r.month, count: r.count, bestCaseAmount: r.best, weightedAmount: r.weighted }));
      if (!same(api, raw)) return `${path}: API and SQL returned different months`;
      return raw.length > 0 ? null : 'no months; the report does not exercise the query';
    },
  };
}

function dealAgingReportOp(ctx: OpsContext): Operation {
  const path = '/api/v1/reports/deal-aging';
  return {
    name: 'deal aging report',
    api: async () => {
      await getBody(ctx.client, path);
    },
    raw: async () => {
      await rawDealAging(ctx.pool, ctx.orgId);
    },
    verify: async () => {
      const api = (JSON.parse(await getBody(ctx.client, path)) as AgingReport).data;
      const raw = await rawDealAging(ctx.pool, ctx.orgId);
      if (!same(api.deals.map((d) => d.dealId), raw.map((r) => r.id))) return `${path}: API and SQL returned different deals`;
      const stale = raw.filter((r) => r.days > r.threshold).length;
      if (api.staleCount !== stale) return `${path}: staleCount ${api.staleCount} (API) vs ${stale} (SQL)`;
      return raw.length > 0 ? null : 'no open deals; the report does not exercise the query';
    },
  };
}

export function buildOperations(ctx: OpsContext): Operation[] {
  const PAGE = 25;
  const BOARD_PAGE = 200;
  const openStages = ctx.pipeline.stages.filter((s) => s.kind === 'open').map((s) => s.id);
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
        raw: { where: 'search_text like lower($2)', params: [`%${q}%`], limit: PAGE, idsFirst: true },
      };
    }),
    globalSearchOp(ctx, pick),
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
    // The board, one column: the first 200 deals of an open stage in board order.
    listOp(
      'board column page',
      ctx,
      (i) => {
        const stageId = pick(openStages, i);
        const filter = JSON.stringify({ pipelineId: ctx.pipeline.id, stageId });
        return {
          path: `/api/v1/deals?filter=${encodeURIComponent(filter)}&sort=position&limit=${BOARD_PAGE}`,
          raw: { where: 'pipeline_id = $2 and stage_id = $3', params: [ctx.pipeline.id, stageId], limit: BOARD_PAGE },
        };
      },
      rawDealList,
    ),
    // What web/features/deals/deals.queries.ts useBoard requests today: the whole pipeline in
    // position order, 200 a page (this is its first page).
    listOp(
      'board pipeline page',
      ctx,
      () => {
        const filter = JSON.stringify({ pipelineId: ctx.pipeline.id });
        return {
          path: `/api/v1/deals?filter=${encodeURIComponent(filter)}&sort=position&limit=${BOARD_PAGE}`,
          raw: { where: 'pipeline_id = $2', params: [ctx.pipeline.id], limit: BOARD_PAGE },
        };
      },
      rawDealList,
    ),
    pipelineReportOp(ctx),
    forecastReportOp(ctx),
    dealAgingReportOp(ctx),
  ];
}

export interface MemberOpsContext {
  /** The organization's owner: changes the permission setting. */
  admin: HttpClient;
  /** A member of the same organization: makes the measured requests. */
  member: HttpClient;
  memberId: string;
  pool: pg.Pool;
  orgId: string;
  /** Contacts the member owns: both get operations address these, so they read the same rows. */
  ownedContactIds: string[];
  /** 'member' (owns a third) or 'sparse member' (owns one in 3,000): names the operations. */
  who: string;
}

/** The names the report pairs up: owner-only against org-wide, as the same member. */
export const MEMBER_PAIRS = ['member', 'sparse member'].flatMap((who) => [
  { orgWide: `contacts list (${who}, org-wide)`, ownerOnly: `contacts list (${who}, owner-only)` },
  { orgWide: `contacts get (${who}, org-wide)`, ownerOnly: `contacts get (${who}, owner-only)` },
]);

/**
 * Issue 14 item 5: the contacts list (default sort, pages 1–10) and get, as a member, first with the
 * default permissions and then with contacts read = own. For a member the API's SQL carries the
 * owner condition either way (visibility.ts readable()); only the setting differs, so the raw twin
 * is the same statement in both.
 */
export function memberOperations(ctx: MemberOpsContext): { orgWide: Operation[]; ownerOnly: Operation[] } {
  const PAGE = 25;
  const setRead = (read: 'all' | 'own') => async () => {
    const res = await ctx.admin.request('PUT', '/api/v1/settings/permissions', { contacts: { read, edit: read } });
    if (res.status !== 200) throw new Error(`PUT /settings/permissions → ${res.status}: ${res.body.slice(0, 300)}`);
  };
  const list = (name: string, read: 'all' | 'own'): Operation => ({
    ...listOp(name, { client: ctx.member, pool: ctx.pool, orgId: ctx.orgId }, (i) => {
      // The sparse member has too few rows for later pages: the first page only.
      const offset = ctx.who === 'sparse member' ? 0 : PAGE * pick([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], i);
      return {
        path: `/api/v1/contacts?limit=${PAGE}${offset ? `&offset=${offset}` : ''}`,
        raw: { where: ownerCondition('contact', 2), params: [ctx.memberId], limit: PAGE, offset },
      };
    }),
    setup: setRead(read),
  });
  const get = (name: string, read: 'all' | 'own'): Operation => ({
    name,
    api: async (i) => {
      const id = pick(ctx.ownedContactIds, i);
      const res = await ctx.member.request('GET', `/api/v1/contacts/${id}`);
      if (res.status !== 200) throw new Error(`GET contact ${id} as member → ${res.status}: ${res.body.slice(0, 300)}`);
    },
    raw: (i) => rawGet(ctx.pool, ctx.orgId, pick(ctx.ownedContactIds, i), ctx.memberId),
    setup: setRead(read),
  });
  const [l, g] = MEMBER_PAIRS.filter((p) => p.orgWide.includes(`(${ctx.who},`));
  return { orgWide: [list(l.orgWide, 'all'), get(g.orgWide, 'all')], ownerOnly: [list(l.ownerOnly, 'own'), get(g.ownerOnly, 'own')] };
}
