// One process per embedded data directory (PGlite is one connection in one process; two processes
// on one directory corrupt it). Whoever opens DATA_DIR's PGlite — the server, `db:migrate`,
// `reindex`, `db:backup`, `db:restore` — first takes DATA_DIR/pglite.lock (created exclusively,
// holding its pid). A lock whose pid is gone is stale and taken over.
import { existsSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: { pid: number; command?: string },
  ) {
    super(
      `The embedded database in ${dataDir} is in use by process ${holder.pid}${holder.command ? ` (${holder.command})` : ''}. ` +
        'Stop it first: PGlite must never be opened by two processes at once.',
    );
    this.name = 'DataDirBusyError';
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, it is just not ours.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

export const lockPath = (dataDir: string) => join(dataDir, 'pglite.lock');

/** Who holds DATA_DIR now (a live process), if anyone. */
export function dataDirHolder(dataDir: string): { pid: number; command?: string } | undefined {
  const file = lockPath(dataDir);
  if (!existsSync(file)) return undefined;
  try {
    const holder = JSON.parse(readFileSync(file, 'utf8')) as { pid: number; command?: string };
    return alive(holder.pid) ? holder : undefined;
  } catch {
    return undefined;
  }
}

/** Takes the lock or throws DataDirBusyError. Returns the release function (also run at exit). */
export function lockDataDir(dataDir: string, command = process.argv.slice(1).join(' ')): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = lockPath(dataDir);
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, JSON.stringify({ pid: process.pid, command, since: new Date().toISOString() }), { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 2) throw err;
      const holder = dataDirHolder(dataDir);
      if (holder) throw new DataDirBusyError(dataDir, holder);
      // Stale (its process is gone): take it over.
      try {
        unlinkSync(file);
      } catch {
        // Someone else took it over first; the next attempt sees theirs.
      }
    }
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.removeListener('exit', release);
    try {
      const holder = JSON.parse(readFileSync(file, 'utf8')) as { pid: number };
      if (holder.pid === process.pid) unlinkSync(file);
    } catch {
      // Already gone.
    }
  };
  process.once('exit', release);
  return release;
}
