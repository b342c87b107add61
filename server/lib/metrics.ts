// Prometheus metrics (prom-client) for GET /api/metrics: request latency by route pattern, the
// pg-boss queues, how far each outbox consumer is behind, the database pool, and Node's own
// process figures. One registry per app (no globals: tests build many apps in one process).
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../db/client';
import type { Jobs } from '../jobs/jobs';

export interface Metrics {
  registry: Registry;
  /** Times every request; label `route` is the matched pattern ("/api/v1/contacts/:id"), never the raw path. */
  middleware: MiddlewareHandler;
  render(): Promise<{ body: string; contentType: string }>;
}

/**
 * The route pattern that answered the request ("/api/v1/contacts/:id"): Hono leaves routeIndex on
 * the last handler that ran — the endpoint, or the middleware that refused it ("/api/v1/*"), or the
 * SPA fallback ("*"). Patterns are a fixed set, so the label's cardinality is bounded.
 */
export function routeOf(c: Parameters<MiddlewareHandler>[0]): string {
  return routePath(c) || 'unmatched';
}

export function createMetrics({ database, jobs }: { database: Database; jobs: () => Jobs | undefined }): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  new Gauge({
    name: 'meridian_job_queue_jobs',
    help: 'Jobs per pg-boss queue and state (queued = waiting, incl. deferred; active = running; failed = retained failures), as counted by pg-boss\'s monitor (refreshed about every minute)',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const boss = jobs()?.boss;
      if (!boss) return;
      for (const q of await boss.getQueues()) {
        this.set({ queue: q.name, state: 'queued' }, q.queuedCount);
        this.set({ queue: q.name, state: 'ready' }, q.readyCount);
        this.set({ queue: q.name, state: 'deferred' }, q.deferredCount);
        this.set({ queue: q.name, state: 'active' }, q.activeCount);
        this.set({ queue: q.name, state: 'failed' }, q.failedCount);
      }
    },
  });

  // Outbox lag per consumer (search index, chunks, and later webhooks/automations): events written
  // after the consumer's cursor, and the age of the oldest of them. Ids come from one identity
  // sequence, so the difference counts events (a rolled-back write leaves a gap: at most an overcount).
  const lagRows = async () =>
    (
      await database.query(
        `select c.consumer,
                greatest(m.max_id - c.last_event_id, 0)::float8 as behind,
                coalesce(extract(epoch from now() - (select e.created_at from outbox_events e where e.id > c.last_event_id order by e.id limit 1)), 0)::float8 as age
           from outbox_cursors c, (select coalesce(max(id), 0) as max_id from outbox_events) m`,
      )
    ).rows as { consumer: string; behind: number; age: number }[];
  new Gauge({
    name: 'meridian_outbox_lag_events',
    help: 'Outbox events a consumer has not handled yet',
    labelNames: ['consumer'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of await lagRows()) this.set({ consumer: r.consumer }, Number(r.behind));
    },
  });
  new Gauge({
    name: 'meridian_outbox_lag_seconds',
    help: 'Age of the oldest outbox event a consumer has not handled yet (0 when it is caught up)',
    labelNames: ['consumer'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of await lagRows()) this.set({ consumer: r.consumer }, Number(r.age));
    },
  });

  // node-postgres keeps pool figures; embedded PGlite is one in-process connection and has none.
  const pool = database.pool;
  if (pool) {
    new Gauge({
      name: 'meridian_db_pool_connections',
      help: 'node-postgres pool: connections by state (total, idle, waiting = queued requests for a connection, max = the configured size)',
      labelNames: ['state'] as const,
      registers: [registry],
      collect() {
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
        this.set({ state: 'max' }, pool.options.max ?? 10);
      },
    });
  }

  return {
    registry,
    middleware: async (c, next) => {
      const end = duration.startTimer();
      try {
        await next();
      } finally {
        end({ method: c.req.method, route: routeOf(c), status_code: String(c.res.status) });
      }
    },
    async render() {
      return { body: await registry.metrics(), contentType: registry.contentType };
    },
  };
}
