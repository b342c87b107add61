// The SQL the API runs for each operation (server/lib/crud.ts, list-query.ts, audit.ts and the
// contact entity's expand), issued directly through `pg`: the baseline the API is compared with.
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

async function countMatches(pool: pg.Pool, where: string, params: unknown[]): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(
    `select count(*) as n from (select 1 from contacts where ${where} limit $${params.length + 1}) capped`,
    [...params, EXACT_COUNT_CAP + 1],
  );
  const n = Number(rows[0].n);
  if (n <= EXACT_COUNT_CAP) return n;
  const plan = await pool.query<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(`explain (format json) select 1 from contacts where ${where}`, params);
  return Math.max(Math.round(plan.rows[0]['QUERY PLAN'][0].Plan['Plan Rows']), n);
}

/** A contacts list page sorted by name (full_name, id), as the API's default sort. */
export async function rawList(pool: pg.Pool, orgId: string, q: RawList): Promise<RawListResult> {
  const params = [orgId, ...(q.params ?? [])];
  const where = `organization_id = $1 and deleted_at is null${q.where ? ` and ${q.where}` : ''}`;
  const paging = q.offset ? `limit $${params.length + 1} offset $${params.length + 2}` : `limit $${params.length + 1}`;
  const pageParams = q.offset ? [...params, q.limit + 1, q.offset] : [...params, q.limit + 1];
  const [page, total] = await Promise.all([
    pool.query<{ id: string; company_id: string | null }>(`select * from contacts where ${where} order by full_name asc, id asc ${paging}`, pageParams),
    countMatches(pool, where, params),
  ]);
  const rows = page.rows.slice(0, q.limit);
  await expandCompanies(pool, orgId, rows);
  return { ids: rows.map((r) => r.id), total };
}

export async function rawGet(pool: pg.Pool, orgId: string, id: string): Promise<void> {
  const { rows } = await pool.query<{ company_id: string | null }>(
    'select * from contacts where id = $1 and organization_id = $2 and deleted_at is null',
    [id, orgId],
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
