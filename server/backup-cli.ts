// `npm run db:backup -- [dir]` and `npm run db:restore -- <dir> [--force]` for the embedded mode
// (server/db/backup.ts). With DATABASE_URL they point to pg_dump / pg_restore instead.
import './polyfills';
import { join } from 'node:path';
import { backupDataDir, restoreDataDir } from './db/backup';
import { loadEnv } from './env';

const [command, ...args] = process.argv.slice(2);
const force = args.includes('--force');
const paths = args.filter((a) => !a.startsWith('--'));
const env = loadEnv();

try {
  if (env.DATABASE_URL) {
    console.error('DATABASE_URL is set: back up a PostgreSQL server with its own tools, e.g.\n' +
      '  pg_dump --format=custom --file=meridian.dump "$DATABASE_URL"\n' +
      '  pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" meridian.dump\n(see README, "Backups").');
    process.exit(2);
  }
  if (command === 'backup') {
    const out = paths[0] ?? join(env.DATA_DIR, '..', `meridian-backup-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    const m = await backupDataDir(env.DATA_DIR, out);
    console.log(`Backup of ${env.DATA_DIR} written to ${out}: ${m.files.join(', ')}; ${Object.entries(m.counts).map(([t, n]) => `${t} ${n}`).join(', ')}`);
  } else if (command === 'restore' && paths[0]) {
    const r = await restoreDataDir(paths[0], env.DATA_DIR, { force });
    console.log(`Restored ${paths[0]} into ${env.DATA_DIR}${r.movedAside ? ` (the previous database is kept at ${r.movedAside})` : ''}; ${Object.entries(r.counts).map(([t, n]) => `${t} ${n}`).join(', ')} — every count matches the backup.`);
  } else {
    console.error('Usage: npm run db:backup -- [backup-dir]   |   npm run db:restore -- <backup-dir> [--force]');
    process.exit(2);
  }
} catch (err) {
  console.error(`\n${(err as Error).message}\n`);
  process.exitCode = 1;
}
