// `npm start`: validate config, open the database, migrate, serve API + web on PORT.
import './polyfills';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { CLIENT_IP_HEADER } from './auth';
import { openDatabase } from './db/client';
import { runMigrations } from './db/migrate';
import { ConfigError, loadEnv } from './env';
import { createLogger } from './lib/logger';
import { startJobs, type Jobs } from './jobs/jobs';

type Role = 'all' | 'web' | 'worker';

/** How long after the port opens the background jobs start (see the 'listening' handler). */
const BACKGROUND_DELAY_MS = 1500;

/** `--role web|worker|all` (or `--role=web`) from the command line; ROLE otherwise. */
function roleOf(argv: string[], fallback: Role): Role {
  const i = argv.findIndex((a) => a === '--role' || a.startsWith('--role='));
  if (i < 0) return fallback;
  const value = argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1];
  if (value === 'all' || value === 'web' || value === 'worker') return value;
  throw new ConfigError(`--role must be web, worker or all (got ${JSON.stringify(value ?? '')})`);
}

async function main() {
  const env = loadEnv();
  const role = roleOf(process.argv, env.ROLE);
  // Embedded PGlite lives in this one process: no other node can share it.
  if (role !== 'all' && !env.DATABASE_URL) {
    throw new ConfigError(`--role ${role} needs a PostgreSQL server (DATABASE_URL): embedded PGlite runs as one process doing everything (--role all, the default)`);
  }
  const log = createLogger(env.LOG_LEVEL);
  // Where the start's time goes, on the ready line: `performance.now()` counts from the process's
  // start, so `imports` is loading the code itself (node, npm start's build check, every module).
  const started = performance.now();
  const phases: Record<string, number> = { imports: Math.round(started) };
  let mark = started;
  const phase = (name: string) => {
    const now = performance.now();
    phases[name] = Math.round(now - mark);
    mark = now;
  };
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, poolMax: env.DATABASE_POOL_MAX });
  phase('database');
  const migrated = await runMigrations(database);
  phase('migrations');
  if (!migrated.vector) log.warn({ reason: migrated.vectorReason }, 'semantic retrieval is off');
  const { app, imports, context, jobDefinitions, close: closeApp } = createApp({ database, env, log });
  phase('app');

  const works = role !== 'web' && env.JOBS;
  // Imports interrupted by a restart (here or on another node) continue from their last batch.
  const resumeImports = () => imports.resumeStalled(database.db).catch((err) => log.error({ err }, 'could not resume imports'));
  let importWatch: NodeJS.Timeout | undefined;
  // Background jobs (pg-boss): the search index, the embeddings, webhooks, automations follow the
  // outbox. A web node (or JOBS=false) only enqueues; worker nodes work the queues, each job once.
  // They start once the port is open: starting pg-boss took 2–4 s of a start, and nothing a request
  // needs waits for it (search indexes on read; /api/health/ready says `jobs: not_started` until then).
  let jobs: Jobs | undefined;
  let backgroundTimer: NodeJS.Timeout | undefined;
  const startBackground = async () => {
    const t = performance.now();
    if (works) {
      await resumeImports();
      importWatch = setInterval(resumeImports, 60_000);
    }
    try {
      jobs = await startJobs({ database, log, definitions: jobDefinitions, work: works });
      context.attachJobs(jobs);
      log.info({ ms: Math.round(performance.now() - t) }, 'background jobs started');
    } catch (err) {
      log.error({ err }, 'background jobs could not start; search still indexes on read');
    }
  };

  // A worker answers only health and metrics (for its orchestrator and Prometheus), nothing else.
  const workerServes = (path: string) => path === '/api/metrics' || path === '/api/health' || path.startsWith('/api/health/');
  const server = serve({
    fetch: (req, info) => {
      if (role === 'worker' && !workerServes(new URL(req.url).pathname)) {
        return Response.json({ error: { code: 'not_found', message: 'This node is a worker (--role worker): it serves only /api/health and /api/metrics' } }, { status: 404 });
      }
      // Rate limits key on this header; set it from the socket so a client cannot pick its own.
      const ip = info.incoming.socket.remoteAddress;
      if (!env.TRUST_PROXY || !req.headers.get('x-forwarded-for')) {
        if (ip) req.headers.set(CLIENT_IP_HEADER, ip);
        else req.headers.delete(CLIENT_IP_HEADER);
      }
      return app.fetch(req, info);
    },
    port: env.PORT,
    hostname: env.HOST,
  });
  server.once('listening', () => {
    const db = database.kind === 'pglite' ? `embedded PGlite in ${env.DATA_DIR}` : 'PostgreSQL (DATABASE_URL)';
    phase('listen');
    const ms = Math.round(performance.now());
    log.info({ url: env.APP_URL, database: db, role, ms, phases }, role === 'worker' ? `Meridian CRM worker ready in ${ms} ms (health and metrics on port ${env.PORT})` : `Meridian CRM ready on ${env.APP_URL} in ${ms} ms`);
    // Jobs and the offline embedding model (0.5–2.5 s to load; loaded now rather than in the first
    // search) start a moment later, not at once: on embedded PGlite (one connection) pg-boss's setup
    // queries, and on a busy machine the model's loading, held the first page's requests for seconds.
    backgroundTimer = setTimeout(() => {
      if (migrated.vector) void context.embedders.warm().catch((err) => log.warn({ err }, 'offline embedding model did not load'));
      void startBackground();
    }, BACKGROUND_DELAY_MS);
  });
  server.once('error', (err) => {
    log.fatal({ err }, `Cannot listen on port ${env.PORT}`);
    process.exit(1);
  });

  // A clean stop (port closed, jobs finished, database closed) normally takes a second or two; if
  // anything hangs, or a second signal comes, exit anyway rather than linger on the port.
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    log.info({ signal }, 'shutting down');
    setTimeout(() => {
      log.error('shutdown took longer than 15 s: exiting anyway');
      process.exit(1);
    }, 15_000).unref();
    server.close();
    clearTimeout(backgroundTimer);
    // Jobs still starting are not waited for (pg-boss's start took seconds on a busy machine, and a
    // stop must be quick): the database closes under them and the process exits.
    clearInterval(importWatch);
    await jobs?.stop().catch((err) => log.error({ err }, 'jobs did not stop cleanly'));
    await context.embedders.close();
    await closeApp();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err) => {
  // Config and migration errors carry a message meant for the operator; print it plainly.
  const message = err instanceof ConfigError || err?.name === 'MigrationError' || err?.name === 'DataDirBusyError' ? err.message : err?.stack ?? String(err);
  console.error(`\nMeridian CRM could not start:\n${message}\n`);
  process.exit(1);
});
