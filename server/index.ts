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

async function main() {
  const env = loadEnv();
  const log = createLogger(env.LOG_LEVEL);
  const started = performance.now();
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, poolMax: env.DATABASE_POOL_MAX });
  const migrated = await runMigrations(database);
  if (!migrated.vector) log.warn({ reason: migrated.vectorReason }, 'semantic retrieval is off');
  const { app, imports, context, jobDefinitions, close: closeApp } = createApp({ database, env, log });

  // Imports interrupted by a restart (here or on another node) continue from their last batch.
  const resumeImports = () => imports.resumeStalled(database.db).catch((err) => log.error({ err }, 'could not resume imports'));
  await resumeImports();
  const importWatch = setInterval(resumeImports, 60_000);

  // Background jobs (pg-boss): the search index, the embeddings and webhooks follow the outbox. A node with
  // JOBS=false only serves requests; another node works the queues.
  let jobs: Jobs | undefined;
  try {
    jobs = await startJobs({ database, log, definitions: jobDefinitions, work: env.JOBS });
    context.attachJobs(jobs);
  } catch (err) {
    log.error({ err }, 'background jobs could not start; search still indexes on read');
  }
  // The offline model takes 0.5–2.5 s to load: load it now rather than in the first search.
  if (migrated.vector) void context.embedders.warm().catch((err) => log.warn({ err }, 'offline embedding model did not load'));

  const server = serve({
    fetch: (req, info) => {
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
    log.info({ url: env.APP_URL, database: db, ms: Math.round(performance.now() - started) }, `Meridian CRM ready on ${env.APP_URL}`);
  });
  server.once('error', (err) => {
    log.fatal({ err }, `Cannot listen on port ${env.PORT}`);
    process.exit(1);
  });

  const shutdown = async () => {
    clearInterval(importWatch);
    server.close();
    await jobs?.stop().catch((err) => log.error({ err }, 'jobs did not stop cleanly'));
    await context.embedders.close();
    await closeApp();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((err) => {
  // Config and migration errors carry a message meant for the operator; print it plainly.
  const message = err instanceof ConfigError || err?.name === 'MigrationError' ? err.message : err?.stack ?? String(err);
  console.error(`\nMeridian CRM could not start:\n${message}\n`);
  process.exit(1);
});
