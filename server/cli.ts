// `npm run db:migrate`: apply pending migrations to DATABASE_URL or the embedded database.
// `npm run reindex`: the same, then rebuild the search documents and the embedding chunks from the
// records, and embed every chunk whose vector is missing or of another model (with progress).
// Ctrl-C is safe: what is embedded stays, and the server's background job finishes the rest.
import './polyfills';
import { rebuildChunks } from './context/chunks';
import { embedderRegistry } from './context/embedder';
import { embedPending, searchStatus } from './context/embeddings';
import { reindexAll } from './context/indexer';
import { openDatabase } from './db/client';
import { runMigrations } from './db/migrate';
import { loadEnv } from './env';
import { secretBox } from './lib/crypto';
import { servicesWith } from './modules/registry';

const command = process.argv[2];
if (command !== 'migrate' && command !== 'reindex') {
  console.error('Usage: tsx server/cli.ts migrate|reindex');
  process.exit(2);
}
const env = loadEnv();
const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
const registry = embedderRegistry({ box: secretBox(env.BETTER_AUTH_SECRET), workers: env.EMBEDDING_WORKERS, timeoutMs: env.AI_TIMEOUT_MS });
try {
  const migrated = await runMigrations(database);
  console.log(`Migrations applied (${database.kind === 'pglite' ? env.DATA_DIR : 'DATABASE_URL'}).${migrated.vector ? '' : ` Semantic retrieval is off: ${migrated.vectorReason}.`}`);
  if (command === 'reindex') {
    let started = performance.now();
    const n = await reindexAll(database.db, servicesWith('search'));
    console.log(`Search index rebuilt: ${n} documents in ${Math.round(performance.now() - started)} ms.`);
    if (migrated.vector) {
      started = performance.now();
      const records = await rebuildChunks(database.db, servicesWith('search'));
      console.log(`Chunks rebuilt for ${records} records in ${Math.round(performance.now() - started)} ms; embedding what changed…`);
      started = performance.now();
      let embedded = 0;
      for (;;) {
        const r = await embedPending(database.db, registry, { budgetMs: 10_000 });
        embedded += r.embedded;
        for (const f of r.failed) console.error(`  organization ${f.orgId}: ${f.error}`);
        const secs = (performance.now() - started) / 1000;
        console.log(`  ${embedded} chunks embedded (${(embedded / Math.max(secs, 0.001)).toFixed(1)}/s)`);
        if (!r.more) break;
      }
      const { rows } = await database.query(`select id from organization`);
      let waiting = 0;
      for (const o of rows) waiting += (await searchStatus(database.db, String(o.id), registry)).chunks.pending;
      console.log(`Embeddings done in ${Math.round(performance.now() - started)} ms${waiting ? `; ${waiting} chunks still wait (their provider failed, see above)` : ''}.`);
    }
  }
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
} finally {
  await registry.close();
  await database.close();
}
