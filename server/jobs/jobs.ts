// Background jobs on pg-boss (DESIGN.md §1): the one place that starts the boss, creates the queues,
// registers the workers and stops them. Works on PGlite (one process, through pg-boss's adapter)
// and on PostgreSQL (any number of nodes share the queues through the database).
//
// A job is a JobDefinition: a queue name, a handler that receives an array of jobs, optional queue
// options, an optional cron schedule and an optional `poll` — a cheap check run every few seconds
// on worker nodes that enqueues one job when it says there is work (the way outbox consumers
// wake up without a job per event). See ARCHITECTURE.md "Adding a job".
import { PgBoss, fromPglite, type Job, type Queue, type SendOptions, type WorkOptions } from 'pg-boss';
import type { Database } from '../db/client';
import type { Logger } from '../lib/logger';

export interface JobDefinition<T extends object = object> {
  /** Queue name, e.g. "context.embed". */
  name: string;
  /** pg-boss handlers receive a batch (an array) of jobs. */
  handler: (jobs: Job<T>[]) => Promise<unknown>;
  /** Queue options (policy, retries, expiry); `stately` keeps at most one queued and one running. */
  queue?: Omit<Queue, 'name'>;
  work?: Omit<WorkOptions, 'includeMetadata' | 'perJobResults' | 'transactional'>;
  /** A cron expression: pg-boss sends one job per occurrence, once across all nodes. */
  cron?: string;
  /** Checked every `everySeconds` on worker nodes; when it resolves true one job is enqueued. */
  poll?: { everySeconds: number; when: () => Promise<boolean>; data?: T };
}

export interface Jobs {
  send<T extends object>(name: string, data?: T, options?: SendOptions): Promise<string | null>;
  /** Stops polling and workers; waits for running handlers (up to `timeoutMs`). */
  stop(timeoutMs?: number): Promise<void>;
  /** 'running' from start until stop() begins (readiness reads it). */
  state(): 'running' | 'stopped';
  boss: PgBoss;
}

export interface StartJobsOptions {
  database: Database;
  log: Logger;
  definitions: JobDefinition<any>[];
  /** false on web-only nodes: they may send jobs but run none. */
  work?: boolean;
}

/** pg-boss over the app's own connection: the PGlite instance, or the node-postgres pool. */
function bossFor(database: Database): PgBoss {
  if (database.pglite) return new PgBoss({ db: fromPglite(database.pglite), backend: 'pglite', schema: 'pgboss' });
  const pool = database.pool!;
  return new PgBoss({ db: { executeSql: (text, values) => pool.query(text, values as unknown[]) }, schema: 'pgboss' });
}

export async function startJobs({ database, log, definitions, work = true }: StartJobsOptions): Promise<Jobs> {
  const boss = bossFor(database);
  // pg-boss reports maintenance and polling failures as events; an unhandled 'error' would crash.
  boss.on('error', (err) => log.error({ err }, 'job queue error'));
  boss.on('warning', (w) => log.warn({ warning: w }, 'job queue warning'));
  await boss.start();
  for (const d of definitions) await boss.createQueue(d.name, d.queue ?? {});

  const timers: NodeJS.Timeout[] = [];
  const inFlight = new Set<Promise<unknown>>();
  let stopping = false;
  if (work) {
    for (const d of definitions) {
      await boss.work(d.name, d.work ?? {}, async (jobs: Job<object>[]) => {
        try {
          return await d.handler(jobs as Job<any>[]);
        } catch (err) {
          log.error({ err, queue: d.name }, 'job failed; pg-boss will retry it');
          throw err;
        }
      });
      if (d.cron) await boss.schedule(d.name, d.cron, d.poll?.data ?? {});
      if (d.poll) {
        const { everySeconds, when, data } = d.poll;
        let busy = false;
        const tick = async () => {
          if (busy || stopping) return;
          busy = true;
          const run = (async () => {
            if (await when()) await boss.send(d.name, data ?? {});
          })()
            .catch((err) => log.error({ err, queue: d.name }, 'job poll failed; it will retry'))
            .finally(() => {
              busy = false;
              inFlight.delete(run);
            });
          inFlight.add(run);
        };
        const timer = setInterval(tick, everySeconds * 1000);
        timer.unref();
        timers.push(timer);
        void tick();
      }
    }
  }

  return {
    boss,
    send: (name, data, options) => boss.send(name, data ?? {}, options ?? {}),
    state: () => (stopping ? 'stopped' : 'running'),
    async stop(timeoutMs = 10_000) {
      stopping = true;
      for (const t of timers) clearInterval(t);
      await Promise.allSettled([...inFlight]);
      // close: false — the connection is the app's (PGlite or the pool) and is closed by its owner.
      await boss.stop({ graceful: true, close: false, timeout: timeoutMs });
    },
  };
}
