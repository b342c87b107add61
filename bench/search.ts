// Global search in the bench: the seeded rows get their search documents set-based (the same
// title and body server/context/indexer.ts documentFor builds), and `global search` asks
// GET /api/v1/search for a last name. Its raw twin is the words leg alone (tenant-scoped full text,
// ranked, top 20): the floor under the fused query, which adds the trigram leg and the fusion.
import type pg from 'pg';
import type { HttpClient } from './http-client';
import type { Operation } from './ops';
import { LAST_NAMES } from './names';

const LIMIT = 20;

/** search_documents for every seeded company and contact, built once with its indexes after. */
export async function seedSearchDocuments(pool: pg.Pool, log: (m: string) => void): Promise<void> {
  const started = performance.now();
  const client = await pool.connect();
  try {
    const { rows } = await client.query<{ name: string; def: string }>(
      `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
        WHERE x.indrelid = 'search_documents'::regclass AND NOT x.indisprimary`,
    );
    for (const r of rows) await client.query(`DROP INDEX "${r.name}"`);
    await client.query(
      `INSERT INTO search_documents (organization_id, entity_type, entity_id, title, body, owner_id)
       SELECT organization_id, 'company', id, name, concat_ws(' · ', domain, website, industry, size, status, description, address, array_to_string(tags, ' · ')), created_by
         FROM companies WHERE deleted_at IS NULL
       ON CONFLICT DO NOTHING`,
    );
    await client.query(
      `INSERT INTO search_documents (organization_id, entity_type, entity_id, title, body, owner_id)
       SELECT organization_id, 'contact', id, full_name, concat_ws(' · ', first_name, last_name, email, phone, title, department, status, source, linkedin_url, about, array_to_string(tags, ' · ')), created_by
         FROM contacts WHERE deleted_at IS NULL
       ON CONFLICT DO NOTHING`,
    );
    await client.query(`SET maintenance_work_mem = '512MB'`);
    for (const r of rows) await client.query(r.def);
    await client.query(`ANALYZE search_documents`);
    // Nothing seeded is in the outbox, so the indexer has nothing to catch up on.
  } finally {
    client.release();
  }
  log(`search documents for the seeded rows built in ${((performance.now() - started) / 1000).toFixed(1)}s`);
}

export function globalSearchOp(ctx: { client: HttpClient; pool: pg.Pool; orgId: string }, pick: <T>(list: T[], i: number) => T): Operation {
  return {
    name: 'global search',
    api: async (i) => {
      const q = pick(LAST_NAMES, i);
      const res = await ctx.client.request('GET', `/api/v1/search?q=${encodeURIComponent(q)}&limit=${LIMIT}`);
      if (res.status !== 200) throw new Error(`GET /search?q=${q} → ${res.status}: ${res.body.slice(0, 300)}`);
    },
    raw: async (i) => {
      const q = pick(LAST_NAMES, i);
      await ctx.pool.query(
        `with query as (select websearch_to_tsquery('simple', $2) as tsq)
         select d.entity_type, d.entity_id, d.title from search_documents d, query
          where d.organization_id = $1 and d.tsv @@ query.tsq
          order by ts_rank(d.tsv, query.tsq) desc limit ${LIMIT}`,
        [ctx.orgId, q],
      );
    },
  };
}
