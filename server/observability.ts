// Readiness and metrics. GET /api/health (app.ts) is liveness: the process answers and the database
// does. GET /api/health/ready says whether this node should get traffic: the database answers, every
// committed migration is applied, and the job runner is up. GET /api/metrics is Prometheus text.
import { createHash, timingSafeEqual } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ReadinessSchema } from '../contracts/responses';
import type { Database } from './db/client';
import { pendingMigrations } from './db/migrate';
import type { Jobs } from './jobs/jobs';
import { AppError } from './lib/errors';
import type { AppEnv } from './lib/http';
import type { Metrics } from './lib/metrics';
import { errorResponses } from './lib/openapi';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Who may read the metrics. With METRICS_TOKEN: whoever sends `Authorization: Bearer <token>`.
 * Without: only a direct connection from this machine (loopback socket address) that did not come
 * through a proxy (no X-Forwarded-For / Forwarded / X-Real-IP), so a scraper beside the server works
 * with no setup, and nothing is exposed to the network by default.
 */
function metricsAccess(c: Context<AppEnv>, token: string | undefined) {
  if (token) {
    const given = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1]?.trim() ?? '';
    if (!timingSafeEqual(digest(given), digest(token))) throw new AppError(401, 'unauthorized', 'Send Authorization: Bearer <METRICS_TOKEN>');
    return;
  }
  let address: string | undefined;
  try {
    address = getConnInfo(c).remote.address;
  } catch {
    // Not served by @hono/node-server (no socket): not a local connection.
  }
  const loopback = !!address && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));
  const proxied = ['x-forwarded-for', 'forwarded', 'x-real-ip'].some((h) => c.req.header(h) !== undefined);
  if (!loopback || proxied) {
    throw new AppError(403, 'metrics_token_required', 'Metrics are served only to this machine unless METRICS_TOKEN is set; then send Authorization: Bearer <METRICS_TOKEN>');
  }
}

export function observabilityRoutes(app: OpenAPIHono<AppEnv>, deps: { database: Database; metrics: Metrics; jobs: () => Jobs | undefined; metricsToken?: string }) {
  const readiness = { description: 'Ready (200) or not (503), with what is missing', content: { 'application/json': { schema: ReadinessSchema } } };
  app.openapi(
    createRoute({
      method: 'get', path: '/api/health/ready', tags: ['Health'], summary: 'Readiness: database up, migrations applied, job runner started (503 when not)',
      responses: { 200: readiness, 503: readiness },
    }),
    async (c) => {
      let database: 'ok' | 'unavailable' = 'ok';
      let migrations: 'applied' | 'pending' | 'unknown' = 'unknown';
      try {
        migrations = (await pendingMigrations(deps.database)) === 0 ? 'applied' : 'pending';
      } catch {
        database = 'unavailable';
      }
      const jobs = deps.jobs()?.state() ?? 'not_started';
      const ok = database === 'ok' && migrations === 'applied' && jobs === 'running';
      return c.json({ status: ok ? 'ready' : 'unavailable', details: { database, migrations, jobs } } as const, ok ? 200 : 503);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/api/metrics', tags: ['Health'],
      summary: 'Prometheus metrics: request latency by route, job queues, outbox lag, database pool, process (Bearer METRICS_TOKEN; without one, only from this machine)',
      security: [{ metricsToken: [] }],
      responses: {
        200: { description: 'Prometheus text exposition format', content: { 'text/plain': { schema: z.string() } } },
        401: errorResponses[401],
        403: errorResponses[403],
      },
    }),
    async (c) => {
      metricsAccess(c, deps.metricsToken);
      const { body, contentType } = await deps.metrics.render();
      return c.text(body, 200, { 'content-type': contentType, 'cache-control': 'no-store' });
    },
  );
  app.openAPIRegistry.registerComponent('securitySchemes', 'metricsToken', { type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN' });
}
