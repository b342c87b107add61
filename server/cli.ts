// `npm run db:migrate`: apply pending migrations to DATABASE_URL or the embedded database.
import './polyfills';
import { openDatabase } from './db/client';
import { runMigrations } from './db/migrate';
import { loadEnv } from './env';

const command = process.argv[2];
if (command !== 'migrate') {
  console.error('Usage: tsx server/cli.ts migrate');
  process.exit(2);
}
const env = loadEnv();
const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
try {
  await runMigrations(database);
  console.log(`Migrations applied (${database.kind === 'pglite' ? env.DATA_DIR : 'DATABASE_URL'}).`);
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
} finally {
  await database.close();
}
