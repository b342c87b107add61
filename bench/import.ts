// The CSV import phase: a HubSpot-style contacts export with BENCH_IMPORT_ROWS rows goes through the
// real API (upload, run as a background job, poll for progress) into a fresh organization, and the
// same rows are then written with the equivalent raw SQL through `pg` as the baseline.
// The issue's target: 100,000 rows import in under a minute on PostgreSQL.
import type pg from 'pg';
import type { OrgAccount } from './accounts';
import { COMPANY_WORDS, FIRST_NAMES, LAST_NAMES } from './names';

/** imports.service.ts BATCH: rows per createMany (one multi-row insert + activities + outbox). */
const BATCH = 1000;
const POLL_MS = 250;
const RUN_LIMIT_MS = 10 * 60_000;
const INDEXER_LIMIT_MS = 5 * 60_000;
const TARGET_SECONDS = 60;
/** One contact in this many has an email the contact schema refuses. */
const BAD_EMAIL_EVERY = 200;
/** One contact in this many has no company. */
const NO_COMPANY_EVERY = 10;
const ROWS_PER_COMPANY = 20;

const HEADERS = ['First Name', 'Last Name', 'Email', 'Company Name', 'Job Title', 'Phone Number'];
const TITLES = ['Account Manager', 'Software Engineer', 'Head of Sales', 'VP, Marketing', 'CFO', 'Office Manager', 'Product Manager', 'Consultant', ''];

export interface CsvContact {
  firstName: string;
  lastName: string;
  email: string;
  company: string;
  title: string;
  phone: string;
  /** The email is malformed, so the import must reject the row. */
  invalid: boolean;
}

export interface ImportCsv {
  content: string;
  contacts: CsvContact[];
  companies: number;
  invalid: number;
}

/** 32-bit integer hash (lowbias32): deterministic, well spread. */
function hash(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d) >>> 0;
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

function cell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * Rows in the order a CRM export has them (by creation, not by company): each batch of 1000 rows
 * refers to hundreds of different companies, as a real export does.
 */
export function generateContactsCsv(rows: number, tag: string): ImportCsv {
  const companyCount = Math.max(1, Math.ceil(rows / ROWS_PER_COMPANY));
  const companyName = (k: number) => `${COMPANY_WORDS[k % COMPANY_WORDS.length]} ${COMPANY_WORDS[Math.floor(k / COMPANY_WORDS.length) % COMPANY_WORDS.length]} ${tag} ${k}`;
  const contacts: CsvContact[] = new Array(rows);
  const lines: string[] = new Array(rows + 1);
  lines[0] = HEADERS.join(',');
  let invalid = 0;
  for (let i = 0; i < rows; i++) {
    const h = hash(i + 1);
    const h2 = hash(i + 0x9e3779b9);
    const firstName = FIRST_NAMES[h % FIRST_NAMES.length];
    const lastName = LAST_NAMES[Math.floor(h / 97) % LAST_NAMES.length];
    const bad = i % BAD_EMAIL_EVERY === BAD_EMAIL_EVERY - 1;
    if (bad) invalid++;
    const local = `${firstName}.${lastName}.${i}`.toLowerCase();
    const email = bad ? `${local}(at)mail${i % 50}.example.com` : `${local}@mail${i % 50}.example.com`;
    const company = hash(i + 0x85ebca6b) % NO_COMPANY_EVERY === 0 ? '' : companyName(h2 % companyCount);
    const title = TITLES[Math.floor(h2 / 7) % TITLES.length];
    const phone = `+1 555 ${String(h % 10_000_000).padStart(7, '0')}`;
    contacts[i] = { firstName, lastName, email, company, title, phone, invalid: bad };
    lines[i + 1] = [firstName, lastName, email, company, title, phone].map(cell).join(',');
  }
  return { content: lines.join('\r\n') + '\r\n', contacts, companies: companyCount, invalid };
}

interface ImportRecord {
  id: string;
  status: string;
  totalRows: number;
  processed: number;
  created: number;
  updated: number;
  skipped: number;
  rejected: number;
  error?: string | null;
  mapping: Record<string, string | null> | null;
  createdAt: string;
  updatedAt: string;
}

export interface ImportPhaseResult {
  rows: number;
  csvBytes: number;
  uploadSeconds: number;
  /** From the 202 of POST /run to the first poll that saw the import completed. */
  runSeconds: number;
  /** The same span from the import row's own timestamps (claimed → completed), without polling slack. */
  serverRunSeconds: number;
  rowsPerSecond: number;
  status: string;
  error: string | null;
  created: number;
  updated: number;
  skipped: number;
  rejected: number;
  expected: { created: number; rejected: number; companies: number };
  /** Live rows of the organization; activities and outbox events of its contacts and companies. */
  db: { contacts: number; companies: number; activities: number; outboxEvents: number };
  /** Rows processed per second over the first and the last fifth of the run, from the polls. */
  earlyRowsPerSecond: number;
  lateRowsPerSecond: number;
  /** Seconds after completion until the search indexer had handled every outbox event (null: not within the limit). */
  indexerCatchUpSeconds: number | null;
  indexerBacklogAtCompletion: number;
  rawSeconds: number;
  /** API run time / raw SQL time. */
  ratio: number;
  met: boolean;
  problems: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function countRows(pool: pg.Pool, orgId: string): Promise<ImportPhaseResult['db']> {
  const { rows } = await pool.query<{ contacts: number; companies: number; activities: number; outbox: number }>(
    `select (select count(*)::int from contacts where organization_id = $1 and deleted_at is null) as contacts,
            (select count(*)::int from companies where organization_id = $1 and deleted_at is null) as companies,
            (select count(*)::int from activities where organization_id = $1 and entity_type in ('contact', 'company')) as activities,
            (select count(*)::int from outbox_events where organization_id = $1 and entity_type in ('contact', 'company')) as outbox`,
    [orgId],
  );
  const r = rows[0];
  return { contacts: r.contacts, companies: r.companies, activities: r.activities, outboxEvents: r.outbox };
}

async function indexerBacklog(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(
    `select (select coalesce(max(id), 0) from outbox_events)
          - coalesce((select last_event_id from outbox_cursors where consumer = 'search'), 0) as n`,
  );
  return Number(rows[0].n);
}

/** Waits (bounded) until the server's search indexer has caught up with the outbox. */
async function waitForIndexer(pool: pg.Pool, limitMs: number): Promise<number | null> {
  const started = performance.now();
  while (performance.now() - started < limitMs) {
    if ((await indexerBacklog(pool)) <= 0) return (performance.now() - started) / 1000;
    await sleep(POLL_MS);
  }
  return null;
}

function rateBetween(samples: { t: number; processed: number }[], from: number, to: number): number {
  const a = samples.find((s) => s.processed >= from);
  const b = samples.find((s) => s.processed >= to);
  if (!a || !b || b.t <= a.t) return Number.NaN;
  return (b.processed - a.processed) / ((b.t - a.t) / 1000);
}

/** Upload, run and poll through the API, as the import wizard does. */
async function runApiImport(account: OrgAccount, csv: ImportCsv, log: (msg: string) => void) {
  let started = performance.now();
  const { data: uploaded } = await account.client.json<{ data: ImportRecord }>(
    'POST',
    '/api/v1/imports',
    { resource: 'contacts', filename: 'hubspot-contacts-export.csv', content: csv.content },
    201,
  );
  const uploadSeconds = (performance.now() - started) / 1000;
  if (!uploaded.mapping) throw new Error('the upload returned no mapping');
  const unmapped = HEADERS.filter((h) => !uploaded.mapping?.[h]);
  if (unmapped.length) throw new Error(`the suggested mapping leaves out ${unmapped.join(', ')}: ${JSON.stringify(uploaded.mapping)}`);
  log(`  uploaded ${uploaded.totalRows.toLocaleString('en-US')} rows in ${uploadSeconds.toFixed(1)}s, mapping ${JSON.stringify(uploaded.mapping)}`);

  started = performance.now();
  const { data: claimed } = await account.client.json<{ data: ImportRecord }>(
    'POST',
    `/api/v1/imports/${uploaded.id}/run`,
    { mapping: uploaded.mapping, duplicates: 'skip' },
    202,
  );
  const samples: { t: number; processed: number }[] = [{ t: started, processed: 0 }];
  let last: ImportRecord = claimed;
  let nextReport = 0.25;
  while (performance.now() - started < RUN_LIMIT_MS) {
    await sleep(POLL_MS);
    const { data } = await account.client.json<{ data: ImportRecord }>('GET', `/api/v1/imports/${uploaded.id}`, undefined, 200);
    last = data;
    samples.push({ t: performance.now(), processed: data.processed });
    if (data.status === 'completed' || data.status === 'failed') break;
    if (data.totalRows && data.processed / data.totalRows >= nextReport) {
      log(`    ${data.processed.toLocaleString('en-US')} / ${data.totalRows.toLocaleString('en-US')} rows after ${((performance.now() - started) / 1000).toFixed(1)}s`);
      nextReport += 0.25;
    }
  }
  const runSeconds = (performance.now() - started) / 1000;
  const serverRunSeconds = (Date.parse(last.updatedAt) - Date.parse(claimed.updatedAt)) / 1000;
  return { uploaded, last, uploadSeconds, runSeconds, serverRunSeconds, samples };
}

type Sql = Pick<pg.PoolClient, 'query'>;

/** INSERT … VALUES (…), (…) with one parameter per cell, as drizzle sends a multi-row insert. */
async function insertRows<R extends pg.QueryResultRow>(client: Sql, table: string, columns: string[], rows: unknown[][], returning: string): Promise<R[]> {
  if (rows.length === 0) return [];
  const params: unknown[] = [];
  const tuples = rows.map((r) => `(${r.map((v) => `$${params.push(v)}`).join(', ')})`);
  const sql = `insert into ${table} (${columns.join(', ')}) values ${tuples.join(', ')}${returning ? ` returning ${returning}` : ''}`;
  return (await client.query<R>(sql, params)).rows;
}

/** The activity and outbox rows of created records (audit.ts recordChanges): two multi-row inserts. */
async function recordCreated(client: Sql, orgId: string, userId: string, entityType: string, created: Record<string, unknown>[]): Promise<void> {
  const afters = created.map((row) => {
    const { organization_id: _hidden, ...after } = row;
    return after;
  });
  await insertRows(
    client,
    'activities',
    ['organization_id', 'entity_type', 'entity_id', 'action', 'actor_type', 'actor_id', 'on_behalf_of', 'before', 'after'],
    created.map((row, i) => [orgId, entityType, row.id, 'created', 'user', userId, null, null, JSON.stringify(afters[i])]),
    '',
  );
  await insertRows(
    client,
    'outbox_events',
    ['organization_id', 'type', 'entity_type', 'entity_id', 'payload'],
    created.map((row, i) => [orgId, `${entityType}.created`, entityType, row.id, JSON.stringify({ before: null, after: afters[i], actor: { type: 'user', userId } })]),
    '',
  );
}

/**
 * The SQL an import of these rows cannot do without, per batch of 1000 in one transaction: the
 * duplicate lookup by email, the company lookup by name, the missing companies and the contacts as
 * multi-row inserts, each with their activities and outbox events.
 */
async function runRawImport(pool: pg.Pool, orgId: string, userId: string, csv: ImportCsv): Promise<{ seconds: number; created: number }> {
  const valid = csv.contacts.filter((c) => !c.invalid);
  const started = performance.now();
  let created = 0;
  const client = await pool.connect();
  try {
    for (let from = 0; from < valid.length; from += BATCH) {
      const batch = valid.slice(from, from + BATCH);
      await client.query('begin');
      try {
        const existing = await client.query<{ key: string }>(
          `select id, lower(email) as key from contacts where organization_id = $1 and deleted_at is null and lower(email) = any($2::text[])`,
          [orgId, batch.map((c) => c.email)],
        );
        const taken = new Set(existing.rows.map((r) => r.key));
        const fresh = batch.filter((c) => !taken.has(c.email));
        const names = [...new Set(fresh.map((c) => c.company).filter(Boolean))];
        const companyIds = new Map<string, string>();
        if (names.length) {
          const found = await client.query<{ id: string; key: string }>(
            `select id, lower(name) as key from companies where organization_id = $1 and deleted_at is null and lower(name) = any($2::text[])`,
            [orgId, names.map((n) => n.toLowerCase())],
          );
          for (const r of found.rows) companyIds.set(r.key, r.id);
          const missing = names.filter((n) => !companyIds.has(n.toLowerCase()));
          const made = await insertRows<Record<string, unknown> & { id: string; name: string }>(
            client,
            'companies',
            ['organization_id', 'created_by', 'name'],
            missing.map((n) => [orgId, userId, n]),
            '*',
          );
          for (const r of made) companyIds.set(r.name.toLowerCase(), r.id);
          await recordCreated(client, orgId, userId, 'company', made);
        }
        const rows = await insertRows<Record<string, unknown>>(
          client,
          'contacts',
          ['organization_id', 'created_by', 'first_name', 'last_name', 'email', 'phone', 'title', 'company_id'],
          fresh.map((c) => [orgId, userId, c.firstName, c.lastName, c.email, c.phone, c.title || null, c.company ? (companyIds.get(c.company.toLowerCase()) ?? null) : null]),
          '*',
        );
        await recordCreated(client, orgId, userId, 'contact', rows);
        await client.query('commit');
        created += rows.length;
      } catch (err) {
        await client.query('rollback').catch(() => undefined);
        throw err;
      }
    }
  } finally {
    client.release();
  }
  return { seconds: (performance.now() - started) / 1000, created };
}

export async function runImportPhase(
  pool: pg.Pool,
  apiAccount: OrgAccount,
  rawAccount: OrgAccount,
  rows: number,
  log: (msg: string) => void,
): Promise<ImportPhaseResult> {
  const csv = generateContactsCsv(rows, Date.now().toString(36));
  const expected = { created: rows - csv.invalid, rejected: csv.invalid, companies: new Set(csv.contacts.filter((c) => !c.invalid && c.company).map((c) => c.company)).size };
  log(`  ${rows.toLocaleString('en-US')} rows (${(Buffer.byteLength(csv.content) / 1048576).toFixed(1)} MB of CSV), ${csv.companies.toLocaleString('en-US')} companies, ${csv.invalid} rows with a bad email`);

  // Start from a quiet server: nothing left for the search indexer from the earlier phases.
  const quiet = await waitForIndexer(pool, INDEXER_LIMIT_MS);
  if (quiet === null) log('  note: the search indexer was still behind when the import started');

  const api = await runApiImport(apiAccount, csv, log);
  const backlog = await indexerBacklog(pool);
  const db = await countRows(pool, apiAccount.orgId);
  const catchUp = await waitForIndexer(pool, INDEXER_LIMIT_MS);

  const raw = await runRawImport(pool, rawAccount.orgId, rawAccount.userId, csv);
  const rawDb = await countRows(pool, rawAccount.orgId);

  const last = api.last;
  const problems: string[] = [];
  if (last.status !== 'completed') problems.push(`the import ended as "${last.status}"${last.error ? `: ${last.error}` : ''} after ${api.runSeconds.toFixed(1)}s`);
  if (last.created !== expected.created) problems.push(`created ${last.created}, expected ${expected.created}`);
  if (last.rejected !== expected.rejected) problems.push(`rejected ${last.rejected}, expected ${expected.rejected}`);
  if (last.skipped !== 0) problems.push(`skipped ${last.skipped}, expected 0 in a fresh organization`);
  if (db.contacts !== last.created) problems.push(`the organization has ${db.contacts} contacts in the database but the import says it created ${last.created}`);
  if (db.companies !== expected.companies) problems.push(`the organization has ${db.companies} companies, expected ${expected.companies}`);
  if (db.activities !== db.contacts + db.companies || db.outboxEvents !== db.activities) {
    problems.push(`${db.activities} activities and ${db.outboxEvents} outbox events for ${db.contacts + db.companies} created contacts and companies`);
  }
  if (raw.created !== expected.created || rawDb.contacts !== expected.created) problems.push(`the raw SQL created ${raw.created} contacts (${rawDb.contacts} in the database), expected ${expected.created}`);
  if (rawDb.companies !== expected.companies) problems.push(`the raw SQL created ${rawDb.companies} companies, expected ${expected.companies}`);

  const total = api.samples[api.samples.length - 1].processed;
  const fifth = Math.max(BATCH, Math.floor(total / 5 / BATCH) * BATCH);
  return {
    rows,
    csvBytes: Buffer.byteLength(csv.content),
    uploadSeconds: api.uploadSeconds,
    runSeconds: api.runSeconds,
    serverRunSeconds: api.serverRunSeconds,
    rowsPerSecond: rows / api.runSeconds,
    status: last.status,
    error: last.error ?? null,
    created: last.created,
    updated: last.updated,
    skipped: last.skipped,
    rejected: last.rejected,
    expected,
    db,
    earlyRowsPerSecond: rateBetween(api.samples, 0, fifth),
    lateRowsPerSecond: rateBetween(api.samples, total - fifth, total),
    indexerCatchUpSeconds: catchUp,
    indexerBacklogAtCompletion: backlog,
    rawSeconds: raw.seconds,
    ratio: api.runSeconds / raw.seconds,
    met: problems.length === 0 && api.uploadSeconds + api.runSeconds < TARGET_SECONDS,
    problems,
  };
}

export function renderImport(r: ImportPhaseResult): string {
  const n = (v: number) => v.toLocaleString('en-US');
  const s = (v: number) => `${v.toFixed(1)}s`;
  const total = r.uploadSeconds + r.runSeconds;
  return [
    `import: ${n(r.rows)} contact rows (${(r.csvBytes / 1048576).toFixed(1)} MB CSV) through POST /imports + /run, polled every ${POLL_MS} ms`,
    `  upload ${s(r.uploadSeconds)}, run ${s(r.runSeconds)} (202 → completed; ${s(r.serverRunSeconds)} by the import's own timestamps), ${n(Math.round(r.rowsPerSecond))} rows/s`,
    `  rows/s over the first fifth ${Number.isFinite(r.earlyRowsPerSecond) ? n(Math.round(r.earlyRowsPerSecond)) : '-'}, over the last fifth ${Number.isFinite(r.lateRowsPerSecond) ? n(Math.round(r.lateRowsPerSecond)) : '-'}`,
    `  status ${r.status}: created ${n(r.created)}, skipped ${n(r.skipped)}, rejected ${n(r.rejected)}, updated ${n(r.updated)} (expected created ${n(r.expected.created)}, rejected ${n(r.expected.rejected)})`,
    `  database: ${n(r.db.contacts)} contacts ${r.db.contacts === r.created ? '= created' : `≠ created ${n(r.created)}`}, ${n(r.db.companies)} companies, ${n(r.db.activities)} activities, ${n(r.db.outboxEvents)} outbox events`,
    `  search indexer: ${n(r.indexerBacklogAtCompletion)} outbox events behind at completion, ${r.indexerCatchUpSeconds === null ? `not caught up within ${INDEXER_LIMIT_MS / 1000}s` : `caught up ${s(r.indexerCatchUpSeconds)} later`}`,
    `  raw SQL (multi-row inserts of ${BATCH} + activities + outbox, companies per batch): ${s(r.rawSeconds)}; ratio api run / raw ${r.ratio.toFixed(2)}`,
    `  target < ${TARGET_SECONDS}s for ${n(r.rows)} rows (upload + run = ${s(total)}): ${r.met ? 'MET' : 'NOT MET'}${r.rows === 100_000 ? '' : ' (defined at 100,000 rows)'}`,
    ...r.problems.map((p) => `  ERROR import: ${p}`),
  ].join('\n');
}
