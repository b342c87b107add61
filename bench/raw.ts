// The SQL the API runs for each operation (server/lib/crud.ts, list-query.ts, audit.ts, the contact
// and deal entities' expand, reports.service.ts), issued directly through `pg`: the baseline the
// API is compared with. Captured from the Postgres log (log_statement = all) of a real run.
// Same statements, same round trips and the same parallelism (page and count run concurrently).
import type pg from 'pg';

/** crud.ts EXACT_COUNT_CAP: past this the API asks the planner for an estimate. */
const EXACT_COUNT_CAP = 1_000;

export interface RawList {
  /** Extra conditions after the tenant and live-row ones, numbered from $2. */
  where?: string;
  params?: unknown[];
  limit: number;
  offset?: number;
  /** crud.ts with `q`: the page's ids first (index-only), then those rows. */
  idsFirst?: boolean;
}

export interface RawListResult {
  ids: string[];
  total: number;
}

async function expandCompanies(pool: pg.Pool, orgId: string, rows: { company_id: string | null }[]): Promise<void> {
  const ids = [...new Set(rows.map((r) => r.company_id).filter((id): id is string => id !== null))];
  if (ids.length === 0) return;
  const list = ids.map((_, i) => `$${i + 2}`).join(', ');
  await pool.query(`select id, name from companies where organization_id = $1 and id in (${list})`, [orgId, ...ids]);
}

/** The deal entity's expand (deals.service.ts): the page's stages and companies, concurrently. */
async function expandDeals(pool: pg.Pool, orgId: string, rows: { stage_id: string; company_id: string | null }[]): Promise<void> {
  if (rows.length === 0) return;
  const stageIds = [...new Set(rows.map((r) => r.stage_id))];
  const list = stageIds.map((_, i) => `$${i + 2}`).join(', ');
  await Promise.all([
    pool.query(`select id, name, kind, probability from pipeline_stages where organization_id = $1 and id in (${list})`, [orgId, ...stageIds]),
    expandCompanies(pool, orgId, rows),
  ]);
}

async function countMatches(pool: pg.Pool, table: string, where: string, params: unknown[]): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(
    `select count(*) as n from (select 1 from ${table} where ${where} limit $${params.length + 1}) capped`,
    [...params, EXACT_COUNT_CAP + 1],
  );
  const n = Number(rows[0].n);
  if (n <= EXACT_COUNT_CAP) return n;
  const plan = await pool.query<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(`explain (format json) select 1 from ${table} where ${where}`, params);
  return Math.max(Math.round(plan.rows[0]['QUERY PLAN'][0].Plan['Plan Rows']), n);
}

/** crud.ts list: the page (limit + 1) and the capped count concurrently, then the entity's expand. */
async function rawPage<R extends { id: string }>(
  pool: pg.Pool,
  orgId: string,
  table: string,
  order: string,
  q: RawList,
  expand: (rows: R[]) => Promise<void>,
): Promise<RawListResult> {
  const params = [orgId, ...(q.params ?? [])];
  const where = `organization_id = $1 and deleted_at is null${q.where ? ` and ${q.where}` : ''}`;
  const paging = q.offset ? `limit $${params.length + 1} offset $${params.length + 2}` : `limit $${params.length + 1}`;
  const pageParams = q.offset ? [...params, q.limit + 1, q.offset] : [...params, q.limit + 1];
  const [page, total] = await Promise.all([
    pool.query<R>(
      q.idsFirst
        ? `select * from ${table} where id in (select id from ${table} where ${where} order by ${order} ${paging}) order by ${order}`
        : `select * from ${table} where ${where} order by ${order} ${paging}`,
      pageParams,
    ),
    countMatches(pool, table, where, params),
  ]);
  const rows = page.rows.slice(0, q.limit);
  await expand(rows);
  return { ids: rows.map((r) => r.id), total };
}

/** A contacts list page sorted by name (full_name, id), as the API's default sort. */
export function rawList(pool: pg.Pool, orgId: string, q: RawList): Promise<RawListResult> {
  return rawPage<{ id: string; company_id: string | null }>(pool, orgId, 'contacts', 'full_name asc, id asc', q, (rows) => expandCompanies(pool, orgId, rows));
}

/** A deals list page sorted by board position (position, id), as `sort=position`. */
export function rawDealList(pool: pg.Pool, orgId: string, q: RawList): Promise<RawListResult> {
  return rawPage<{ id: string; stage_id: string; company_id: string | null }>(pool, orgId, 'deals', 'position asc, id asc', q, (rows) => expandDeals(pool, orgId, rows));
}

export interface RawPipeline {
  id: string;
  stages: { id: string; kind: string }[];
}

/**
 * reports.service.ts scope() without a pipelineId: pipelineService.defaultPipeline → list(), the
 * organization's pipelines and then their stages, one after the other.
 */
export async function rawDefaultPipeline(pool: pg.Pool, orgId: string): Promise<RawPipeline> {
  const { rows: pipelines } = await pool.query<{ id: string; is_default: boolean }>(
    `select "id", "organization_id", "created_at", "updated_at", "deleted_at", "created_by", "name", "position", "is_default"
       from "pipelines" where ("pipelines"."organization_id" = $1 and "pipelines"."deleted_at" is null) order by "pipelines"."position" asc`,
    [orgId],
  );
  if (pipelines.length === 0) throw new Error(`organization ${orgId} has no pipeline`);
  const ids = pipelines.map((p) => p.id);
  const { rows: stages } = await pool.query<{ id: string; pipeline_id: string; kind: string }>(
    `select "id", "organization_id", "pipeline_id", "name", "position", "probability", "kind", "stale_after_days", "created_at", "updated_at"
       from "pipeline_stages" where ("pipeline_stages"."organization_id" = $1 and "pipeline_stages"."pipeline_id" in (${ids.map((_, i) => `$${i + 2}`).join(', ')}))
      order by "pipeline_stages"."position" asc`,
    [orgId, ...ids],
  );
  const p = pipelines.find((x) => x.is_default) ?? pipelines[0];
  return { id: p.id, stages: stages.filter((s) => s.pipeline_id === p.id) };
}

const WEIGHTED_SUM = 'coalesce(sum(round(d.amount * coalesce(d.probability, s.probability) / 100.0, 2)), 0)::numeric(18,2)::text';

export interface RawStageTotals {
  stage_id: string;
  count: number;
  amount: string;
  weighted: string;
}

/** GET /reports/pipeline: the default pipeline, then count/amount/weighted per stage. */
export async function rawPipelineReport(pool: pg.Pool, orgId: string): Promise<RawStageTotals[]> {
  const p = await rawDefaultPipeline(pool, orgId);
  const { rows } = await pool.query<RawStageTotals>(
    `select d.stage_id, count(*)::int as count, coalesce(sum(d.amount), 0)::numeric(18,2)::text as amount, ${WEIGHTED_SUM} as weighted
       from deals d join pipeline_stages s on s.id = d.stage_id
      where d.organization_id = $1 and d.deleted_at is null and d.pipeline_id = $2
      group by d.stage_id`,
    [orgId, p.id],
  );
  return rows;
}

export interface RawForecastMonth {
  month: string;
  count: number;
  best: string;
  weighted: string;
}

/** GET /reports/forecast: open deals by expected close month. */
export async function rawForecast(pool: pg.Pool, orgId: string): Promise<RawForecastMonth[]> {
  const p = await rawDefaultPipeline(pool, orgId);
  const { rows } = await pool.query<RawForecastMonth>(
    `select to_char(d.expected_close_date, 'YYYY-MM') as month, count(*)::int as count,
            coalesce(sum(d.amount), 0)::numeric(18,2)::text as best, ${WEIGHTED_SUM} as weighted
       from deals d join pipeline_stages s on s.id = d.stage_id
      where d.organization_id = $1 and d.deleted_at is null and d.pipeline_id = $2 and s.kind = 'open' and d.expected_close_date is not null
      group by 1 order by 1`,
    [orgId, p.id],
  );
  return rows;
}

export interface RawAgingDeal {
  id: string;
  days: number;
  threshold: number;
}

/** GET /reports/deal-aging: the 500 open deals longest in their stage, oldest stage_entered_at first (reports.service.ts, DEFAULT_STALE_DAYS = 30). */
export async function rawDealAging(pool: pg.Pool, orgId: string): Promise<RawAgingDeal[]> {
  const p = await rawDefaultPipeline(pool, orgId);
  const { rows } = await pool.query<RawAgingDeal>(
    `select d.id, d.name, d.stage_id, s.name as stage_name, d.amount::text as amount, d.owner_id,
            floor(extract(epoch from (now() - d.stage_entered_at)) / 86400)::int as days,
            coalesce(s.stale_after_days, $1)::int as threshold
       from deals d join pipeline_stages s on s.id = d.stage_id
      where d.organization_id = $2 and d.deleted_at is null and d.pipeline_id = $3 and s.kind = 'open'
      order by d.stage_entered_at, d.id limit 500`,
    [30, orgId, p.id],
  );
  return rows;
}

/**
 * visibility.ts readable() for a member: the organization's setting for the type, evaluated once
 * per query (an uncorrelated EXISTS), or the row is the caller's or shared with them (record_shares).
 * `userParam` numbers the user id; `table` is the table the row comes from.
 */
export function ownerCondition(type: string, userParam: number, orgParam = 1, table = 'contacts'): string {
  return `(not exists (select 1 from record_permissions where organization_id = $${orgParam} and record_type = '${type}' and "read" = 'own') or (owner_id = $${userParam} or exists (select 1 from record_shares where record_shares.organization_id = $${orgParam} and record_shares.entity_type = '${type}' and record_shares.entity_id = ${table}.id and record_shares.user_id = $${userParam})))`;
}

/** GET /contacts/:id; with `userId`, as a member (the owner condition beside the tenant one). */
export async function rawGet(pool: pg.Pool, orgId: string, id: string, userId?: string): Promise<void> {
  const { rows } = await pool.query<{ company_id: string | null }>(
    userId
      ? `select * from contacts where id = $1 and organization_id = $2 and ${ownerCondition('contact', 3, 2)} and deleted_at is null`
      : 'select * from contacts where id = $1 and organization_id = $2 and deleted_at is null',
    userId ? [id, orgId, userId] : [id, orgId],
  );
  if (rows.length !== 1) throw new Error(`contact ${id} not found`);
  await expandCompanies(pool, orgId, rows);
}

/** The create transaction: the row, its activity and its outbox event (audit.ts). */
export async function rawCreate(pool: pg.Pool, orgId: string, userId: string, input: { firstName: string; lastName: string; email: string }): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const { rows } = await client.query<Record<string, unknown> & { id: string }>(
      `insert into contacts (organization_id, created_by, first_name, last_name, email, status, tags)
       values ($1, $2, $3, $4, $5, 'lead', '{}') returning *`,
      [orgId, userId, input.firstName, input.lastName, input.email],
    );
    const created = rows[0];
    const { organization_id: _hidden, ...after } = created;
    await client.query(
      `insert into activities (organization_id, entity_type, entity_id, action, actor_type, actor_id, on_behalf_of, before, after)
       values ($1, 'contact', $2, 'created', 'user', $3, null, null, $4)`,
      [orgId, created.id, userId, JSON.stringify(after)],
    );
    await client.query(
      `insert into outbox_events (organization_id, type, entity_type, entity_id, payload) values ($1, 'contact.created', 'contact', $2, $3)`,
      [orgId, created.id, JSON.stringify({ before: null, after, actor: { type: 'user', userId } })],
    );
    await client.query('commit');
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
