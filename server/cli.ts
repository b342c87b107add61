// `npm run db:migrate`: apply pending migrations to DATABASE_URL or the embedded database.
// `npm run reindex`: the same, then rebuild the search index from the records.
import './polyfills';
import { openDatabase } from './db/client';
import { runMigrations } from './db/migrate';
import { loadEnv } from './env';
import { reindexAll } from './context/indexer';
import { servicesWith } from './modules/registry';

const command = process.argv[2];
if (command !== 'migrate' && command !== 'reindex') {
  console.error('Usage: tsx server/cli.ts migrate|reindex');
  process.exit(2);
}
const env = loadEnv();
const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
try {
  await runMigrations(database);
  console.log(`Migrations applied (${database.kind === 'pglite' ? env.DATA_DIR : 'DATABASE_URL'}).`);
  if (command === 'reindex') {
    const started = performance.now();
    const n = await reindexAll(database.db, servicesWith('search'));
    console.log(`Search index rebuilt: ${n} documents in ${Math.round(performance.now() - started)} ms.`);
  }
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
} finally {
  await database.close();
}
