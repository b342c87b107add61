// Backups of the embedded mode (`npm run db:backup` / `db:restore`). A backup is a directory:
//   pglite.tar.gz   PGlite's own dump of the database (dumpDataDir: a consistent copy of its files)
//   auth-secret     the generated BETTER_AUTH_SECRET, when DATA_DIR has one (sessions, and the key
//                   every stored AI/integration key is encrypted with)
//   attachments/    uploaded files kept in DATA_DIR (not those in an S3 bucket)
//   manifest.json   what it holds, when it was made, row counts of the main tables
// Both take DATA_DIR's lock (data-dir-lock.ts), so neither runs beside a server on the same
// directory: stop the server, back up (seconds), start it again. Server mode (DATABASE_URL) uses
// PostgreSQL's own pg_dump / pg_restore (README).
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openDatabase } from './client';
import { lockDataDir } from './data-dir-lock';

export const BACKUP_FORMAT = 'meridian-embedded-backup';
const COUNTED = ['organization', 'user', 'member', 'companies', 'contacts', 'deals', 'leads', 'projects', 'tasks', 'notes', 'events', 'activities', 'outbox_events', 'attachments'];

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  version: 1;
  createdAt: string;
  files: string[];
  /** Rows per table at backup time (restore checks them). */
  counts: Record<string, number>;
}

async function countRows(query: (sql: string) => Promise<{ rows: Record<string, unknown>[] }>) {
  const counts: Record<string, number> = {};
  for (const table of COUNTED) {
    const { rows } = await query(`select case when to_regclass('public."${table}"') is null then -1 else 0 end as present`);
    if (rows[0]?.present === -1) continue;
    counts[table] = Number((await query(`select count(*)::int as n from "${table}"`)).rows[0].n);
  }
  return counts;
}

/** Writes a backup of `dataDir` into `out` (a new or empty directory). */
export async function backupDataDir(dataDir: string, out: string): Promise<BackupManifest> {
  dataDir = resolve(dataDir);
  out = resolve(out);
  if (!existsSync(join(dataDir, 'pglite', 'PG_VERSION'))) throw new Error(`${dataDir} holds no embedded database (no pglite/PG_VERSION)`);
  if (existsSync(out) && readdirSync(out).length > 0) throw new Error(`${out} is not empty: choose a new directory for the backup`);
  // Opening takes the lock: a running server on this directory makes this throw, untouched.
  const database = await openDatabase({ dataDir });
  try {
    const counts = await countRows((q) => database.query(q));
    const dump = await database.pglite!.dumpDataDir('gzip');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'pglite.tar.gz'), Buffer.from(await dump.arrayBuffer()));
    const files = ['pglite.tar.gz'];
    if (existsSync(join(dataDir, 'auth-secret'))) {
      cpSync(join(dataDir, 'auth-secret'), join(out, 'auth-secret'));
      files.push('auth-secret');
    }
    if (existsSync(join(dataDir, 'attachments'))) {
      cpSync(join(dataDir, 'attachments'), join(out, 'attachments'), { recursive: true });
      files.push('attachments/');
    }
    const manifest: BackupManifest = { format: BACKUP_FORMAT, version: 1, createdAt: new Date().toISOString(), files, counts };
    writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  } finally {
    await database.close();
  }
}

/**
 * Restores a backup into `dataDir`. An existing database there is kept aside (renamed to
 * pglite.before-restore-<time>) only with `force`; without it a non-empty target is refused.
 */
export async function restoreDataDir(backup: string, dataDir: string, opts: { force?: boolean } = {}): Promise<{ counts: Record<string, number>; movedAside?: string }> {
  backup = resolve(backup);
  dataDir = resolve(dataDir);
  const manifestFile = join(backup, 'manifest.json');
  if (!existsSync(manifestFile)) throw new Error(`${backup} is not a Meridian backup (no manifest.json)`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT) throw new Error(`${backup} is not a Meridian embedded backup`);
  mkdirSync(dataDir, { recursive: true });
  // Take the lock before touching anything: never restore under a running server.
  const unlock = lockDataDir(dataDir);
  let movedAside: string | undefined;
  try {
    const target = join(dataDir, 'pglite');
    if (existsSync(target) && readdirSync(target).length > 0) {
      if (!opts.force) throw new Error(`${dataDir} already has a database: restore into an empty DATA_DIR, or pass --force to keep the current one aside and replace it`);
      movedAside = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(target, movedAside);
    }
    for (const f of ['auth-secret', 'attachments']) {
      if (existsSync(join(backup, f))) cpSync(join(backup, f), join(dataDir, f), { recursive: true, force: true });
    }
  } finally {
    unlock();
  }
  const dump = new Blob([readFileSync(join(backup, 'pglite.tar.gz'))]);
  const database = await openDatabase({ dataDir, loadDataDir: dump });
  try {
    const counts = await countRows((q) => database.query(q));
    for (const [table, n] of Object.entries(manifest.counts)) {
      if (counts[table] !== n) throw new Error(`restored ${table} has ${counts[table]} rows, the backup had ${n}`);
    }
    return { counts, movedAside };
  } finally {
    await database.close();
  }
}
