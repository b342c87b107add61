// `npm run bench`: seed a fresh database, start the real server on it, then measure each
// operation over HTTP and as raw SQL through `pg`, and print how far apart they are.
import { availableParallelism, cpus } from 'node:os';
import pg from 'pg';
import { createOrgAccount, defaultPipeline, type OrgAccount } from './accounts';
import { loadConfig } from './config';
import { runLoad } from './http-load';
import { renderImport, runImportPhase, type ImportPhaseResult } from './import';
import { lastNameFragments } from './names';
import { buildOperations, pick } from './ops';
import { judge, renderTable, renderVerdict, writeResults, type OpResult } from './report';
import { recreateDatabase, sampleIds, seedOrganizations } from './seed';
import { startServer, type RunningServer } from './server';
import { seedSearchDocuments } from './search';
import { calendarOp, seedCalendar } from './calendar';
import { renderEmbedding, runEmbeddingPhase, type EmbeddingPhaseResult } from './embeddings';

// Same as the server's default DATABASE_POOL_MAX, so both sides have the same connections.
const RAW_POOL_MAX = 10;
const SAMPLE_IDS = 2000;

const log = (msg: string) => console.log(msg);
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)}s`;

async function main(): Promise<number> {
  const config = loadConfig();
  log(`Meridian CRM bench: ${config.rows.toLocaleString('en-US')} contacts and ${config.deals.toLocaleString('en-US')} deals in the measured organization, ` +
    `${config.otherOrgs} other organizations × ${config.otherOrgRows.toLocaleString('en-US')} contacts and ${config.otherOrgDeals.toLocaleString('en-US')} deals; ` +
    `${config.requests} requests per operation after ${config.warmup} warm-up, ${config.concurrency} in flight; ` +
    `${config.events || config.tasks ? `${config.events.toLocaleString('en-US')} events and ${config.tasks.toLocaleString('en-US')} tasks for the calendar month; ` : ''}` +
    `${config.importRows ? `CSV import of ${config.importRows.toLocaleString('en-US')} contacts` : 'no import phase (BENCH_IMPORT_ROWS=0)'}`);

  let started = performance.now();
  await recreateDatabase(config.adminUrl, config.databaseName);
  let server: RunningServer | undefined;
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: RAW_POOL_MAX });
  pool.on('error', () => {});
  const accounts: OrgAccount[] = [];
  const stopAll = async () => {
    for (const a of accounts) a.client.close();
    await server?.stop();
    server = undefined;
    await pool.end().catch(() => undefined);
  };
  const onSignal = () => {
    void stopAll().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    server = await startServer(config.databaseUrl);
    log(`database ${config.databaseName} recreated and migrated, server up at ${server.baseUrl} (${seconds(started)})`);

    started = performance.now();
    const big = await createOrgAccount(server.baseUrl, server.appUrl, 'main', config.concurrency);
    accounts.push(big);
    for (let k = 0; k < config.otherOrgs; k++) accounts.push(await createOrgAccount(server.baseUrl, server.appUrl, `other${k}`, 1));
    log(`${accounts.length} users and organizations created through the auth API (${seconds(started)})`);

    started = performance.now();
    // The smaller organizations go first so the big one's rows are not all at the start of the heap.
    // Every organization got its default "Sales" pipeline from the server when it was created.
    const pipelines = await Promise.all(accounts.map((a) => defaultPipeline(a)));
    const seeds = [
      ...accounts.slice(1).map((a, k) => ({ orgId: a.orgId, userId: a.userId, contacts: config.otherOrgRows, deals: config.otherOrgDeals, pipeline: pipelines[k + 1] })),
      { orgId: big.orgId, userId: big.userId, contacts: config.rows, deals: config.deals, pipeline: pipelines[0] },
    ].filter((s) => s.contacts > 0 || s.deals > 0);
    await seedOrganizations(pool, seeds, log);
    await seedSearchDocuments(pool, log);
    if (config.events || config.tasks) await seedCalendar(pool, big.orgId, big.userId, { events: config.events, tasks: config.tasks }, log);
    log(`seeded in ${seconds(started)}`);

    const samples = await sampleIds(pool, big.orgId, SAMPLE_IDS);
    const ops = buildOperations({
      client: big.client,
      pool,
      orgId: big.orgId,
      userId: big.userId,
      contactIds: samples.contactIds,
      companyIds: samples.companyIds,
      pipeline: pipelines[0],
      fragments: lastNameFragments(),
      runTag: Date.now().toString(36),
    });
    if (config.events || config.tasks) ops.push(calendarOp({ client: big.client, pool, orgId: big.orgId }, pick));

    for (const op of ops) {
      const problem = await op.verify?.();
      if (problem) throw new Error(`The raw SQL is not equivalent to the API for "${op.name}": ${problem}`);
    }
    log('checked: the API and the raw SQL return the same rows and totals for the list operations and the same numbers for the reports\n');

    const results: OpResult[] = [];
    for (const op of ops) {
      const api = await runLoad(op.api, { ...config, maxSeconds: config.phaseSeconds });
      const raw = await runLoad(op.raw, { ...config, maxSeconds: config.phaseSeconds });
      results.push({ name: op.name, api, raw, ratio: api.p50 / raw.p50 });
      log(`  ${op.name}: api p50 ${api.p50.toFixed(2)} ms, raw p50 ${raw.p50.toFixed(2)} ms`);
    }

    const verdict = judge(results);
    log(`\n${renderTable(results)}\n`);
    log(renderVerdict(verdict, config.rows));

    let failed = false;
    for (const r of results) {
      for (const [side, s] of [['api', r.api], ['raw', r.raw]] as const) {
        if (s.errors) {
          failed = true;
          log(`ERROR ${r.name} (${side}): ${s.errors} failed requests; first: ${s.firstError}`);
        }
        if (s.timedOut) log(`note: ${r.name} (${side}) hit the ${config.phaseSeconds}s phase limit after ${s.count} requests`);
      }
    }
    let imported: ImportPhaseResult | undefined;
    if (config.importRows > 0) {
      log(`\nimport phase: ${config.importRows.toLocaleString('en-US')} contacts into a fresh organization, then the same rows as raw SQL into another`);
      const apiOrg = await createOrgAccount(server.baseUrl, server.appUrl, 'import', 1);
      accounts.push(apiOrg);
      const rawOrg = await createOrgAccount(server.baseUrl, server.appUrl, 'import-raw', 1);
      accounts.push(rawOrg);
      imported = await runImportPhase(pool, apiOrg, rawOrg, config.importRows, log);
      log(`\n${renderImport(imported)}`);
      if (imported.problems.length) failed = true;
    }

    let embedding: EmbeddingPhaseResult | undefined;
    if (config.embedRows > 0) {
      log(`\nembedding phase: ${config.embedRows.toLocaleString('en-US')} contacts into embedded PGlite (pgvector), then the background consumers catch up`);
      embedding = await runEmbeddingPhase({ rows: config.embedRows, seconds: config.embedSeconds, full: config.embedFull, log });
      log(`\n${renderEmbedding(embedding)}`);
    }

    const file = writeResults({
      at: new Date().toISOString(),
      machine: { cpus: availableParallelism(), model: cpus()[0]?.model, node: process.version },
      config: { ...config, databaseUrl: undefined, adminUrl: undefined },
      results,
      verdict,
      import: imported,
      embedding,
    });
    log(`results written to ${file}`);
    return failed ? 1 : 0;
  } finally {
    await stopAll();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`\nbench failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    process.exit(1);
  },
);
