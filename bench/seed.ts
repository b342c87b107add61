// Creates the bench database and bulk-inserts companies, contacts and deals with set-based SQL
// (INSERT … SELECT FROM generate_series), which is what makes a million rows take seconds.
import pg from 'pg';
import type { BenchPipeline } from './accounts';
import { COMPANY_STATUSES } from '../contracts/companies';
import { CONTACT_STATUSES } from '../contracts/contacts';
import { COMPANY_WORDS, FIRST_NAMES, LAST_NAMES } from './names';

const BATCH = 100_000;

export async function recreateDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // The name was checked against [a-z0-9_] in config.ts, so quoting it is enough.
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
}

export interface OrgSeed {
  orgId: string;
  userId: string;
  contacts: number;
  deals: number;
  /** The organization's default pipeline, whose stages the deals are spread over. */
  pipeline: BenchPipeline;
  /** Owners the contacts are spread over evenly (repeat a user to weight them); default: userId alone. */
  contactOwners?: string[];
}

interface IndexDef {
  name: string;
  def: string;
}

/**
 * Maintaining seven indexes (two of them trigram GIN) row by row is most of the cost of a bulk
 * insert; building them once afterwards is several times faster. The definitions are read back
 * from the catalog, so the rebuilt indexes are exactly the migrated ones.
 */
async function dropSecondaryIndexes(client: pg.PoolClient, table: string): Promise<IndexDef[]> {
  const { rows } = await client.query<IndexDef>(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
      WHERE x.indrelid = $1::regclass AND NOT x.indisprimary
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)`,
    [table],
  );
  for (const r of rows) await client.query(`DROP INDEX "${r.name}"`);
  return rows;
}

/** Two builds at a time: the trigram GIN builds are single-threaded and dominate. */
async function rebuildIndexes(pool: pg.Pool, defs: IndexDef[]): Promise<void> {
  const queue = [...defs];
  const worker = async () => {
    const client = await pool.connect();
    try {
      await client.query(`SET maintenance_work_mem = '512MB'`);
      for (let d = queue.shift(); d; d = queue.shift()) await client.query(d.def);
    } finally {
      client.release();
    }
  };
  await Promise.all([worker(), worker()]);
}

async function seedCompanies(client: pg.PoolClient, org: OrgSeed): Promise<number> {
  const count = Math.max(10, Math.round(org.contacts / 20));
  await client.query(
    `INSERT INTO companies (organization_id, created_by, name, domain, status, tags, created_at, updated_at)
     SELECT $1, $2,
            w.words[1 + g % cardinality(w.words)] || ' ' || w.words[1 + (g / cardinality(w.words)) % cardinality(w.words)] || ' ' || g,
            'company' || g || '.example.com',
            ($4::text[])[1 + (hashint8(g::bigint) & 2147483647) % cardinality($4::text[])],
            '{}'::text[], t.at, t.at
       FROM generate_series(1, $3::int) g
      CROSS JOIN (SELECT $5::text[] AS words) w
      CROSS JOIN LATERAL (SELECT now() - make_interval(secs => (hashint8(g::bigint + 7) & 2147483647) % 63072000) AS at) t`,
    [org.orgId, org.userId, count, COMPANY_STATUSES, COMPANY_WORDS],
  );
  // Ordinals let each contact pick a company with a join instead of a per-row subquery.
  await client.query(`DROP TABLE IF EXISTS bench_company_ids`);
  await client.query(
    `CREATE TEMP TABLE bench_company_ids AS
       SELECT row_number() OVER (ORDER BY id)::int AS n, id FROM companies WHERE organization_id = $1`,
    [org.orgId],
  );
  await client.query(`CREATE UNIQUE INDEX ON bench_company_ids (n)`);
  return count;
}

async function seedContacts(client: pg.PoolClient, org: OrgSeed, companies: number): Promise<void> {
  for (let lo = 1; lo <= org.contacts; lo += BATCH) {
    const hi = Math.min(org.contacts, lo + BATCH - 1);
    // h1 picks the name and status, h2 the company (one in ten contacts has none), h3 the age and owner.
    await client.query(
      `INSERT INTO contacts (organization_id, created_by, first_name, last_name, email, phone, title, company_id, status, source, tags, owner_id, created_at, updated_at)
       SELECT $1, $2, s.first, s.last,
              lower(s.first || '.' || s.last || '.' || s.g || '@mail' || (s.g % 50) || '.example.com'),
              '+1 555 ' || lpad((s.g % 10000000)::text, 7, '0'),
              CASE WHEN s.h1 % 3 = 0 THEN 'Account Manager' WHEN s.h1 % 3 = 1 THEN 'Engineer' ELSE NULL END,
              CASE WHEN s.h2 % 10 = 0 THEN NULL ELSE c.id END,
              ($7::text[])[1 + (s.h1 / 7) % cardinality($7::text[])],
              CASE WHEN s.h2 % 4 = 0 THEN 'import' ELSE 'web' END,
              CASE WHEN s.h1 % 20 = 0 THEN '{vip}'::text[] ELSE '{}'::text[] END,
              ($9::text[])[1 + (s.h3 / 7) % cardinality($9::text[])],
              s.at, s.at
         FROM (SELECT g, h1, h2,
                      ($5::text[])[1 + h1 % cardinality($5::text[])] AS first,
                      ($6::text[])[1 + (h1 / 131) % cardinality($6::text[])] AS last,
                      h3, now() - make_interval(secs => h3 % 63072000) AS at
                 FROM (SELECT g,
                              hashint8(g::bigint) & 2147483647 AS h1,
                              hashint8(g::bigint + 4294967296) & 2147483647 AS h2,
                              hashint8(g::bigint + 8589934592) & 2147483647 AS h3
                         FROM generate_series($3::int, $4::int) g) r) s
         JOIN bench_company_ids c ON c.n = 1 + s.h2 % $8::int`,
      [org.orgId, org.userId, lo, hi, FIRST_NAMES, LAST_NAMES, CONTACT_STATUSES, companies, org.contactOwners?.length ? org.contactOwners : [org.userId]],
    );
  }
}

/** Share of deals per stage, in thousandths: some won, some lost, the rest open (more in early stages). */
const WON_SHARE = 120;
const LOST_SHARE = 100;
export const LOST_REASONS = ['Price', 'Chose a competitor', 'No budget', 'No decision', 'Timing', 'Missing feature'];
const DEAL_KINDS = ['New business', 'Renewal', 'Expansion', 'Pilot', 'Upsell'];
const DEAL_SOURCES = ['web', 'referral', 'outbound', 'event', 'partner'];

interface StageBucket {
  stageId: string;
  kind: string;
  lo: number;
  hi: number;
}

/** Splits 0–999 over the stages: open stages by decreasing weight (n, n-1, …), won and lost evenly. */
function stageBuckets(pipeline: BenchPipeline): StageBucket[] {
  const byKind = (kind: string) => pipeline.stages.filter((s) => s.kind === kind);
  const open = byKind('open');
  const won = byKind('won');
  const lost = byKind('lost');
  // Without won or lost stages their share goes to the open ones.
  const openShare = 1000 - (won.length ? WON_SHARE : 0) - (lost.length ? LOST_SHARE : 0);
  const shares = new Map<string, number>();
  const openWeights = open.map((_, k) => open.length - k);
  const weightSum = openWeights.reduce((a, b) => a + b, 0);
  open.forEach((s, k) => shares.set(s.id, (openShare * openWeights[k]) / weightSum));
  won.forEach((s) => shares.set(s.id, WON_SHARE / won.length));
  lost.forEach((s) => shares.set(s.id, LOST_SHARE / lost.length));
  const out: StageBucket[] = [];
  let acc = 0;
  for (const s of pipeline.stages) {
    const lo = Math.round(acc);
    acc += shares.get(s.id) ?? 0;
    const hi = s === pipeline.stages[pipeline.stages.length - 1] ? 1000 : Math.round(acc);
    if (hi > lo) out.push({ stageId: s.id, kind: s.kind, lo, hi });
  }
  return out;
}

/**
 * Deals of one organization in its default pipeline, in one statement: position is 1024 × the
 * deal's rank within its stage (what board moves produce), amounts are exact cents, expected close
 * dates fall in the next 12 months, stage_entered_at in the past 90 days, and won/lost deals are
 * closed when they entered their stage (lost ones with a reason). Uses the org's companies from
 * bench_company_ids, so it runs right after seedCompanies for the same organization.
 */
async function seedDeals(client: pg.PoolClient, org: OrgSeed, companies: number): Promise<void> {
  if (org.deals === 0) return;
  const { rows: members } = await client.query<{ user_id: string }>(`SELECT user_id FROM member WHERE organization_id = $1 ORDER BY created_at, id`, [org.orgId]);
  if (members.length === 0) throw new Error(`organization ${org.orgId} has no members to own deals`);
  const buckets = stageBuckets(org.pipeline);
  await client.query(`DROP TABLE IF EXISTS bench_stage_buckets`);
  await client.query(`CREATE TEMP TABLE bench_stage_buckets (stage_id uuid, kind text, lo int, hi int)`);
  await client.query(
    `INSERT INTO bench_stage_buckets SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::int[])`,
    [buckets.map((b) => b.stageId), buckets.map((b) => b.kind), buckets.map((b) => b.lo), buckets.map((b) => b.hi)],
  );
  // h1 picks the stage, probability and name; h2 the company, owner and time in stage; h3 the
  // amount, close date and age.
  await client.query(
    `INSERT INTO deals (organization_id, created_by, name, pipeline_id, stage_id, position, amount, currency, probability,
                        expected_close_date, closed_at, stage_entered_at, company_id, owner_id, source, lost_reason, tags,
                        created_at, updated_at)
     SELECT $1, $2, s.name, $3, s.stage_id,
            (row_number() OVER (PARTITION BY s.stage_id ORDER BY s.g)) * 1024,
            s.amount, 'USD', s.probability, s.close_date,
            CASE WHEN s.kind <> 'open' THEN s.entered END,
            s.entered, s.company_id, s.owner_id, s.source,
            CASE WHEN s.kind = 'lost' THEN ($8::text[])[1 + (s.h3 / 13) % cardinality($8::text[])] END,
            '{}'::text[], s.entered - make_interval(secs => s.h3 % 15552000), s.entered
       FROM (SELECT r.g, r.h1, r.h2, r.h3, b.stage_id, b.kind,
                    ($5::text[])[1 + r.h1 % cardinality($5::text[])] || ' ' ||
                      ($9::text[])[1 + (r.h1 / 31) % cardinality($9::text[])] || ' #' || r.g AS name,
                    CASE WHEN r.h3 % 20 = 0 THEN NULL ELSE ((100000 + r.h3 % 9900000)::numeric / 100)::numeric(18,2) END AS amount,
                    CASE WHEN (r.h1 / 1000) % 10 = 0 THEN ((r.h1 / 10000) % 101)::int END AS probability,
                    CASE WHEN r.h3 % 33 = 0 THEN NULL ELSE current_date + (1 + (r.h3 / 7) % 365)::int END AS close_date,
                    now() - make_interval(secs => (r.h2 / 3) % 7776000) AS entered,
                    CASE WHEN r.h2 % 20 = 0 THEN NULL ELSE c.id END AS company_id,
                    ($6::text[])[1 + (r.h2 / 11) % cardinality($6::text[])] AS owner_id,
                    ($10::text[])[1 + (r.h2 / 17) % cardinality($10::text[])] AS source
               FROM (SELECT g,
                            hashint8(g::bigint + 12884901888) & 2147483647 AS h1,
                            hashint8(g::bigint + 17179869184) & 2147483647 AS h2,
                            hashint8(g::bigint + 21474836480) & 2147483647 AS h3
                       FROM generate_series(1, $4::int) g) r
               JOIN bench_stage_buckets b ON r.h1 % 1000 >= b.lo AND r.h1 % 1000 < b.hi
               JOIN bench_company_ids c ON c.n = 1 + r.h2 % $7::int) s`,
    [org.orgId, org.userId, org.pipeline.id, org.deals, COMPANY_WORDS, members.map((m) => m.user_id), companies, LOST_REASONS, DEAL_KINDS, DEAL_SOURCES],
  );
}

export async function seedOrganizations(pool: pg.Pool, orgs: OrgSeed[], log: (msg: string) => void): Promise<void> {
  const client = await pool.connect();
  let defs: IndexDef[];
  try {
    defs = [...(await dropSecondaryIndexes(client, 'contacts')), ...(await dropSecondaryIndexes(client, 'deals'))];
    for (const org of orgs) {
      const started = performance.now();
      const companies = await seedCompanies(client, org);
      await seedContacts(client, org, companies);
      await seedDeals(client, org, companies);
      log(`  org ${org.orgId}: ${companies} companies, ${org.contacts} contacts, ${org.deals} deals in ${((performance.now() - started) / 1000).toFixed(1)}s`);
    }
  } finally {
    client.release();
  }
  let started = performance.now();
  await rebuildIndexes(pool, defs);
  log(`  rebuilt ${defs.length} contact and deal indexes in ${((performance.now() - started) / 1000).toFixed(1)}s`);
  started = performance.now();
  // Fresh statistics and a set visibility map, as autovacuum would leave a table in production
  // (the capped count relies on index-only scans).
  await pool.query('VACUUM (ANALYZE) companies');
  await pool.query('VACUUM (ANALYZE) contacts');
  await pool.query('VACUUM (ANALYZE) deals');
  await pool.query('ANALYZE pipelines, pipeline_stages, member');
  log(`  vacuum + analyze in ${((performance.now() - started) / 1000).toFixed(1)}s`);
}

export interface Samples {
  contactIds: string[];
  companyIds: string[];
}

/** Random existing ids from the big organization, to address in get and filtered-list requests. */
export async function sampleIds(pool: pg.Pool, orgId: string, n: number): Promise<Samples> {
  const contacts = await pool.query<{ id: string }>(
    `SELECT id FROM contacts WHERE organization_id = $1 AND deleted_at IS NULL ORDER BY random() LIMIT $2`,
    [orgId, n],
  );
  const companies = await pool.query<{ id: string }>(
    `SELECT id FROM companies WHERE organization_id = $1 AND deleted_at IS NULL ORDER BY random() LIMIT $2`,
    [orgId, n],
  );
  return { contactIds: contacts.rows.map((r) => r.id), companyIds: companies.rows.map((r) => r.id) };
}

/** Random contacts of the big organization that `userId` owns (the member's get requests). */
export async function sampleOwnedContactIds(pool: pg.Pool, orgId: string, userId: string, n: number): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    `SELECT id FROM contacts WHERE organization_id = $1 AND owner_id = $2 AND deleted_at IS NULL ORDER BY random() LIMIT $3`,
    [orgId, userId, n],
  );
  return rows.map((r) => r.id);
}
