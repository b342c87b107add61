// Bench settings from the environment, validated once. The bench drops and recreates a database,
// so it refuses anything but a local server and a database whose name says it is for benchmarks.
export interface BenchConfig {
  databaseUrl: string;
  /** The `postgres` maintenance database on the same server, used to drop/create the bench one. */
  adminUrl: string;
  databaseName: string;
  rows: number;
  /** Deals in the measured organization's default pipeline. */
  deals: number;
  /** Contacts in each of the smaller organizations that share the tables with the big one. */
  otherOrgs: number;
  otherOrgRows: number;
  /** Deals in each of the smaller organizations. */
  otherOrgDeals: number;
  concurrency: number;
  requests: number;
  warmup: number;
  /** Upper bound per measured phase, so a pathological endpoint cannot hang the run. */
  phaseSeconds: number;
  /** Events (one in 500 a weekly series) and tasks with due dates in the measured organization, for `calendar month`; 0 and 0 skip it. */
  events: number;
  tasks: number;
  /** Rows in the CSV import phase (POST /imports + /run into a fresh organization); 0 skips it. */
  importRows: number;
  /** Contacts imported into PGlite for the embedding phase; 0 skips it. */
  embedRows: number;
  /** How long the embedding pass is timed (the catch-up is projected from its rate). */
  embedSeconds: number;
  /** Run the embedding pass to the end instead (measures the catch-up; takes long). */
  embedFull: boolean;
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

function int(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
  return n;
}

export function loadConfig(): BenchConfig {
  const databaseUrl = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/meridian_bench';
  const url = new URL(databaseUrl);
  if (!/^postgres(ql)?:$/.test(url.protocol)) throw new Error('BENCH_DATABASE_URL must be a postgres:// URL');
  if (!LOCAL_HOSTS.has(url.hostname)) throw new Error(`BENCH_DATABASE_URL must point at localhost/127.0.0.1 (got ${url.hostname})`);
  const databaseName = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!/^[a-z0-9_]*bench[a-z0-9_]*$/.test(databaseName)) {
    throw new Error(`The bench drops and recreates its database; its name must contain "bench" and only [a-z0-9_] (got "${databaseName}")`);
  }
  const admin = new URL(url);
  admin.pathname = '/postgres';
  return {
    databaseUrl,
    adminUrl: admin.toString(),
    databaseName,
    rows: int('BENCH_ROWS', 100_000, 100, 20_000_000),
    deals: int('BENCH_DEALS', 100_000, 0, 20_000_000),
    otherOrgs: int('BENCH_OTHER_ORGS', 3, 0, 20),
    otherOrgRows: int('BENCH_OTHER_ORG_ROWS', 5_000, 0, 1_000_000),
    otherOrgDeals: int('BENCH_OTHER_ORG_DEALS', 1_000, 0, 1_000_000),
    concurrency: int('BENCH_CONCURRENCY', 8, 1, 256),
    requests: int('BENCH_REQUESTS', 500, 10, 100_000),
    warmup: int('BENCH_WARMUP', 50, 0, 10_000),
    phaseSeconds: int('BENCH_PHASE_SECONDS', 60, 1, 3600),
    events: int('BENCH_EVENTS', 100_000, 0, 20_000_000),
    tasks: int('BENCH_TASKS', 100_000, 0, 20_000_000),
    importRows: int('BENCH_IMPORT_ROWS', 100_000, 0, 1_000_000),
    embedRows: int('BENCH_EMBED_ROWS', 100_000, 0, 1_000_000),
    embedSeconds: int('BENCH_EMBED_SECONDS', 60, 5, 36_000),
    embedFull: process.env.BENCH_EMBED_FULL === '1',
  };
}
