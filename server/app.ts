// Builds the whole HTTP app from its parts: auth, REST /api/v1, OpenAPI + docs, health, web app.
// No globals: tests build as many apps as they need, each over its own database.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OpenAPIHono } from '@hono/zod-openapi';
import { serveStatic } from '@hono/node-server/serve-static';
import { sql } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { createAgent } from './assistant/agent';
import { contextJobs } from './context/context.jobs';
import { contextRoutes } from './context/context.routes';
import { embedderRegistry, type EmbedderRegistry } from './context/embedder';
import { embeddingSettingsService } from './context/embedding-settings';
import { vectorsAvailable } from './context/embeddings';
import { createSearch } from './context/search';
import { searchRoutes } from './context/search.routes';
import type { Jobs } from './jobs/jobs';
import { assistantRoutes } from './assistant/assistant.routes';
import { aiSettingsService } from './assistant/settings';
import { createAuth } from './auth';
import type { Database } from './db/client';
import type { Env } from './env';
import { AppError, errorBody, formatBytes, notFound, toAppError } from './lib/errors';
import { authCache } from './lib/auth-cache';
import { watchFieldPermissions } from './lib/field-permissions';
import { apiRouter, authenticate, type AppEnv } from './lib/http';
import { withSafeErrors, type Logger } from './lib/logger';
import { rejectNulInJson, rejectNulInUrl } from './lib/input-guards';
import { secretBox } from './lib/crypto';
import { outboundGuard } from './lib/outbound';
import { csrfGuard } from './lib/csrf';
import { apiRateLimit } from './lib/rate-limit';
import { createMailer, type Mailer } from './lib/mailer';
import { handleMcp } from './mcp/mcp';
import { docsRoutes } from './docs';
import { activityRoutes } from './modules/activities/activities.routes';
import { apiKeyRoutes } from './modules/api-keys/api-keys.routes';
import { meRoutes, myInvitationRoutes } from './modules/me/me.routes';
import { memberRoutes } from './modules/members/members.routes';
import { mergeRoutes } from './modules/merge/merge.routes';
import { fieldRoutes } from './modules/fields/fields.routes';
import { importRoutes } from './modules/imports/imports.routes';
import { importService } from './modules/imports/imports.service';
import { attachmentRoutes } from './modules/attachments/attachments.routes';
import { attachmentService } from './modules/attachments/attachments.service';
import { storageFor, type Storage } from './lib/storage';
import { feedbackRoutes } from './modules/feedback/feedback.routes';
import { feedbackService } from './modules/feedback/feedback.service';
import { exportRoutes } from './modules/export/export.routes';
import { campaignMail } from './modules/campaigns/campaign-mail';
import { campaignRoutes } from './modules/campaigns/campaigns.routes';
import { dealRoutes } from './modules/deals/deals.routes';
import { createDefaultPipeline } from './modules/pipelines/pipelines.service';
import { leadRoutes } from './modules/leads/leads.routes';
import { pipelineRoutes } from './modules/pipelines/pipelines.routes';
import { entityServices, servicesWith } from './modules/registry';
import { reportRoutes } from './modules/reports/reports.routes';
import { insightRoutes } from './modules/insights/insights.routes';
import { scoreJobs } from './modules/insights/scores.jobs';
import { permissionRoutes } from './modules/permissions/permissions.routes';
import { shareRoutes } from './modules/permissions/shares.routes';
import { crudRoutes } from './lib/crud-routes';
import type { CrudRouteExtension } from './lib/crud';
import { calendarService } from './modules/events/calendar.service';
import { calendarRoutes, eventRouteExtension, mountIcsFeed } from './modules/events/events.routes';
import { createMetrics, routeOf } from './lib/metrics';
import { errorReporter } from './lib/sentry';
import { observabilityRoutes } from './observability';
import { setPhoneDefaultCountry } from './lib/phone';
import { realtimeHub } from './realtime/hub';
import { automationJobs } from './modules/automations/automations.jobs';
import { automationRoutes } from './modules/automations/automations.routes';
import { automationService } from './modules/automations/automations.service';
import { webhookJobs } from './modules/webhooks/webhooks.jobs';
import { notificationJobs } from './modules/notifications/notifications.jobs';
import { notificationRoutes } from './modules/notifications/notifications.routes';
import { reminderJobs } from './modules/reminders/reminders.jobs';
import { webhookRoutes } from './modules/webhooks/webhooks.routes';
import { webhookService } from './modules/webhooks/webhooks.service';
import { realtimeRoutes } from './realtime/realtime.routes';
import { bulkRoutes } from './modules/bulk/bulk.routes';
import { bulkService } from './modules/bulk/bulk.service';
import { calendarSyncJobs } from './modules/calendar-sync/calendar-sync.jobs';
import { calendarSyncRoutes } from './modules/calendar-sync/calendar-sync.routes';
import { calendarSyncService, type CalendarSyncService } from './modules/calendar-sync/calendar-sync.service';
import { providerConfigs } from './modules/calendar-sync/providers';
import { mcpServerRoutes } from './modules/integrations/mcp-servers.routes';
import { mcpServerService } from './modules/integrations/mcp-servers.service';
import { mcpAssistantTools } from './modules/integrations/mcp-tools';
import { brandIndexHtml, brandingFrom, faviconSvg, manifest } from './branding';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const WEB_DIST = join(ROOT, 'dist', 'web');

export interface AppOptions {
  database: Database;
  env: Env;
  log: Logger;
  /** Tests pass a mailer bound to their SMTP peer; otherwise built from SMTP_URL. */
  mailer?: Mailer;
  /** Where attachments go; from S3_* or DATA_DIR when not given. */
  storage?: Storage;
  /** Embedding models per organization (the offline worker pool); built from env when not given. */
  embedders?: EmbedderRegistry;
}

export function createApp({ database, env, log: given, mailer, storage, embedders }: AppOptions) {
  // Whatever logger the caller hands in, errors are logged without query parameters (lib/logger.ts).
  const log = withSafeErrors(given);
  setPhoneDefaultCountry(env.PHONE_DEFAULT_COUNTRY);
  mailer ??= createMailer(env.SMTP_URL, env.MAIL_FROM, log);
  const { db } = database;
  const mails = campaignMail({ db, mailer, links: { appUrl: env.APP_URL, secret: env.BETTER_AUTH_SECRET }, perMinute: env.CAMPAIGN_SENDS_PER_MINUTE, log });
  const box = secretBox(env.BETTER_AUTH_SECRET);
  // Every URL called on a user's behalf goes through this one guard (lib/outbound.ts).
  const outbound = outboundGuard({ allowedHosts: env.OUTBOUND_ALLOWED_HOSTS });
  const registry = embedders ?? embedderRegistry({ box, workers: env.EMBEDDING_WORKERS, timeoutMs: env.AI_TIMEOUT_MS, fetch: outbound.fetch });
  // The jobs are started by whoever runs the process (index.ts); the app only defines them.
  let jobs: Jobs | undefined;
  const context = contextJobs({ db, services: servicesWith('search'), registry, log, jobs: () => jobs });
  const hooks = webhookJobs({ db, box, outbound, log, mailer, appUrl: env.APP_URL, jobs: () => jobs, retryDelaySeconds: env.WEBHOOK_RETRY_DELAY_SECONDS, disableAfter: env.WEBHOOK_DISABLE_AFTER_FAILURES });
  const rules = automationJobs({ db, log, mailer, outbound, appUrl: env.APP_URL });
  // Bulk actions past BULK_JOB_THRESHOLD records run as a job (modules/bulk).
  const bulk = bulkService({ db, log, threshold: env.BULK_JOB_THRESHOLD, jobs: () => jobs });
  // Reminders fire on pg-boss; notifications follow the outbox (modules/reminders, modules/notifications).
  const reminderRunner = reminderJobs({ db, log, mailer, appUrl: env.APP_URL, jobs: () => jobs });
  const notifier = notificationJobs({ db, log, mailer, appUrl: env.APP_URL });
  // Lead and contact scores follow their engagement (notes, calls, emails, meetings): modules/insights.
  const scores = scoreJobs({ db });
  // Google / Microsoft calendar sync: OAuth in the service, every remote call in pg-boss jobs, all through the outbound guard.
  const calendarProviders = providerConfigs(env);
  let calendarSync: CalendarSyncService | undefined;
  const calendarSyncRunner = calendarSyncJobs({ db, log, mailer, appUrl: env.APP_URL, fetch: outbound.fetch, providers: calendarProviders, jobs: () => jobs, intervalMinutes: env.CALENDAR_SYNC_INTERVAL_MINUTES, service: () => calendarSync! });
  calendarSync = calendarSyncService({ db, box, fetch: outbound.fetch, log, appUrl: env.APP_URL, providers: calendarProviders, enqueue: calendarSyncRunner.enqueue });
  const auth = createAuth(db, env, mailer, log, (orgId, userId) => createDefaultPipeline(db, orgId, userId));
  const app = new OpenAPIHono<AppEnv>();
  const metrics = createMetrics({ database, jobs: () => jobs });
  // SENTRY_DSN set: every 5xx is reported (lib/sentry.ts); unset: nothing is loaded.
  // APP_NAME, BRAND_ACCENT, BRAND_LOGO, BRAND_HEADER: read once; a bad logo stops the start with a clear message.
  const brand = brandingFrom(env);
  const reporter = errorReporter(env);

  app.use('*', requestId());
  app.use('*', metrics.middleware);
  if (reporter) {
    // 5xx answers that did not pass app.onError (Better Auth answers its own errors) are reported too.
    app.use('*', async (c, next) => {
      await next();
      if (c.res.status >= 500 && !c.error) reporter.report(new Error(`${c.req.method} ${routeOf(c)} answered ${c.res.status}`), { reqId: c.get('requestId'), method: c.req.method, route: routeOf(c), status: c.res.status });
    });
  }
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    log.info({ reqId: c.get('requestId'), method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) }, 'request');
  });
  // A strict policy for the SPA and /api/docs alike: scripts only from this origin (no inline
  // script, no eval), requests only to this origin. Styles allow inline attributes because React,
  // Radix, Recharts and Scalar set element styles at run time. Tested in e2e/csp.test.ts.
  app.use('*', secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      // A BRAND_LOGO given as a URL is loaded by the browser from its own origin.
      imgSrc: ["'self'", 'data:', 'blob:', ...(brand.logoOrigin ? [brand.logoOrigin] : [])],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      workerSrc: ["'self'", 'blob:'],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    crossOriginEmbedderPolicy: false,
  }));

  app.onError((err, c) => {
    const e = toAppError(err);
    if (e.status >= 500) {
      log.error({ reqId: c.get('requestId'), err }, 'unhandled error');
      reporter?.report(err, { reqId: c.get('requestId'), method: c.req.method, route: routeOf(c), status: e.status });
    }
    return c.json(errorBody(e), e.status);
  });

  // Odd bytes are refused before any handler (ours, Better Auth's, MCP's) can pass them to SQL:
  // in the URL here, in JSON bodies after each mount's body limit.
  app.use('*', rejectNulInUrl());
  // Better Auth's bodies are small JSON (credentials, org names): 64 KB is plenty.
  app.use('/api/auth/*', bodyLimit({ maxSize: 64 * 1024, onError: () => { throw new AppError(413, 'payload_too_large', 'Request body is larger than 64 KB'); } }));
  app.use('/api/auth/*', rejectNulInJson());
  // Who a credential belongs to, remembered per node; any auth write served here is forgotten here at
  // once (other nodes hear it from PostgreSQL's NOTIFY). Signing in or up revokes nothing.
  const authCached = authCache(database, log, env.AUTH_CACHE_SECONDS);
  const stopFieldWatch = watchFieldPermissions(database, log);
  const forgetAfterAuthWrite: MiddlewareHandler = async (c, next) => {
    await next();
    if (c.req.method !== 'GET' && !/\/(sign-in|sign-up)\//.test(c.req.path)) authCached.clear();
  };
  app.use('/api/auth/*', forgetAfterAuthWrite);
  app.on(['GET', 'POST'], '/api/auth/*', (c) => auth.handler(c.req.raw));

  app.get('/api/health', async (c) => {
    try {
      await db.execute(sql`select 1`);
      // semantic: false where the server has no pgvector — search then answers by words and spelling.
      return c.json({ status: 'ok', details: { database: database.kind, semantic: await vectorsAvailable(db) } });
    } catch {
      return c.json({ status: 'unavailable' }, 503);
    }
  });

  observabilityRoutes(app, { database, metrics, jobs: () => jobs, metricsToken: env.METRICS_TOKEN });

  const v1 = apiRouter();
  const csrf = csrfGuard(env.APP_URL);
  const rateLimit = apiRateLimit({ db, perMinute: env.API_RATE_LIMIT_PER_MINUTE, redisUrl: env.REDIS_URL, log });
  // Uploads (CSV imports) may be large; every other body stays under 1 MB.
  const importLimit = bodyLimit({ maxSize: env.IMPORT_MAX_BYTES, onError: () => { throw new AppError(413, 'payload_too_large', `Files are limited to ${formatBytes(env.IMPORT_MAX_BYTES)}`); } });
  const jsonLimit = bodyLimit({ maxSize: 1024 * 1024, onError: () => { throw new AppError(413, 'payload_too_large', 'Request body is larger than 1 MB'); } });
  // Attachments get their own (checked again in the service, which answers 413 with the limit).
  const attachmentLimit = bodyLimit({ maxSize: env.ATTACHMENT_MAX_BYTES + 64 * 1024, onError: () => { throw new AppError(413, 'payload_too_large', `Files are limited to ${formatBytes(env.ATTACHMENT_MAX_BYTES)}`); } });
  v1.use('*', (c, next) => {
    if (c.req.method === 'POST' && c.req.path === '/api/v1/imports') return importLimit(c, next);
    if (c.req.method === 'POST' && c.req.path === '/api/v1/attachments') return attachmentLimit(c, next);
    return jsonLimit(c, next);
  });
  v1.use('*', rejectNulInJson());
  v1.use('*', csrf);
  // Before the organization check: an invitee reads their invitation before belonging anywhere.
  v1.route('/', myInvitationRoutes(auth, db));
  v1.use('*', authenticate(auth, db, authCached));
  v1.use('/members/*', forgetAfterAuthWrite);
  v1.use('/api-keys/*', forgetAfterAuthWrite);
  v1.use('*', rateLimit.middleware);
  v1.route('/', meRoutes(Boolean(mailer)));
  v1.route('/', mergeRoutes());
  v1.route('/', fieldRoutes(servicesWith('tags')));
  const imports = importService(log);
  v1.route('/', importRoutes(imports));
  storage ??= storageFor(env);
  v1.route('/', attachmentRoutes(attachmentService(storage, env.ATTACHMENT_MAX_BYTES)));
  v1.route('/', feedbackRoutes(feedbackService({ storage, mailer, log, appUrl: env.APP_URL })));
  v1.route('/', exportRoutes());
  // Before the generic routes: /{resource}/bulk is a path of its own, not a record id.
  v1.route('/', bulkRoutes(bulk, env.BULK_JOB_THRESHOLD));
  // Events take more than the conventions (occurrences in a range, one occurrence's edit): events.routes.ts.
  const calendar = calendarService({ db, box, mailer, appUrl: env.APP_URL });
  const routeExtensions: Partial<Record<string, CrudRouteExtension>> = { event: eventRouteExtension(calendar) };
  for (const service of entityServices) v1.route('/', crudRoutes(service, routeExtensions[service.def.type]));
  v1.route('/', calendarRoutes(calendar));
  v1.route('/', pipelineRoutes());
  v1.route('/', dealRoutes());
  v1.route('/', leadRoutes());
  v1.route('/', campaignRoutes(mails));
  v1.route('/', reportRoutes());
  const aiSettings = aiSettingsService(box, outbound);
  // Insights (briefs, risk, drafts, sentiment): rules offline, the organization's model when configured.
  v1.route('/', insightRoutes({ settings: aiSettings, timeoutMs: env.AI_TIMEOUT_MS }));
  v1.route('/', permissionRoutes());
  for (const service of entityServices) v1.route('/', shareRoutes(service));
  v1.route('/', activityRoutes());
  v1.route('/', contextRoutes({ registry, settings: embeddingSettingsService(box, registry, outbound), lastError: context.lastError }));
  // REST search has the meaning leg; the assistant's tool (context/global-search.ts) is words + spelling until retrieval for the assistant lands.
  v1.route('/', searchRoutes(createSearch(servicesWith('search'), registry)));
  v1.route('/', memberRoutes(auth, env, Boolean(mailer)));
  v1.route('/', apiKeyRoutes(auth));
  v1.route('/', webhookRoutes(webhookService(box, outbound, hooks.sendDelivery)));
  v1.route('/', notificationRoutes());
  v1.route('/', calendarSyncRoutes(calendarSync));
  v1.route('/', automationRoutes(automationService({ outbound, mailer, appUrl: env.APP_URL })));
  // MCP servers the assistant may use (modules/integrations): their tools join the agent's as <server>__<tool>.
  const mcp = mcpServerService({ db, box, outbound, timeoutMs: env.MCP_TIMEOUT_MS, stdioEnabled: env.MCP_STDIO_ENABLED });
  const mcpTools = mcpAssistantTools(mcp);
  v1.route('/', mcpServerRoutes(mcp));
  const agent = createAgent({ settings: aiSettings, requestsPerMinute: env.ASSISTANT_REQUESTS_PER_MINUTE, timeoutMs: env.AI_TIMEOUT_MS, external: mcpTools, historyTokens: env.ASSISTANT_HISTORY_TOKENS });
  v1.route('/', assistantRoutes(agent, aiSettings, mcpTools));
  // Live changes: each node LISTENs once and fans the outbox out to its open streams.
  const realtime = realtimeHub(database, log);
  v1.route('/', realtimeRoutes(realtime, env.REALTIME_HEARTBEAT_SECONDS));
  v1.all('*', () => {
    throw new AppError(404, 'not_found', 'No such endpoint; see /api/docs');
  });
  app.route('/api/v1', v1);

  // MCP clients (Claude Desktop, IDEs, the MCP Inspector) authenticate with an API key.
  app.all('/mcp', jsonLimit, rejectNulInJson(), csrf, authenticate(auth, db, authCached), rateLimit.middleware, handleMcp);

  app.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', { type: 'http', scheme: 'bearer', description: 'An API key from Settings → API keys' });
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'better-auth.session_token' });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Meridian CRM API', version: '1', description: 'REST API of Meridian CRM. Errors are `{ "error": { "code", "message", "details"? } }`. Auth endpoints live under /api/auth (Better Auth).' },
    servers: [{ url: env.APP_URL }],
    security: [{ apiKey: [] }, { session: [] }],
  });
  docsRoutes(app);
  // Opens, clicks and unsubscribes from campaign mails: public, each link signed (campaign-mail.ts).
  app.route('/', mails.routes());
  // A member's private iCalendar feed: no session, the token in the URL is the credential.
  mountIcsFeed(app, calendar);
  app.all('/api/*', (c) => c.json(errorBody(notFound('Endpoint')), 404));

  // The brand's icon, manifest and logo (server/branding.ts), ahead of the static files.
  app.get('/favicon.svg', (c) => c.body(faviconSvg(brand), 200, { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=3600' }));
  app.get('/manifest.webmanifest', (c) => c.body(JSON.stringify(manifest(brand)), 200, { 'content-type': 'application/manifest+json', 'cache-control': 'public, max-age=3600' }));
  app.get('/brand/logo', (c) =>
    brand.logoFile
      ? // An SVG logo opened on its own runs no inline script: the page-wide CSP above applies to it too.
        c.body(new Uint8Array(brand.logoFile.body), 200, { 'content-type': brand.logoFile.contentType, 'cache-control': 'public, max-age=3600' })
      : c.json(errorBody(notFound('Logo')), 404),
  );

  // The web app: static files, and index.html (with the brand) for every client-side route.
  if (existsSync(join(WEB_DIST, 'index.html'))) {
    const indexHtml = brandIndexHtml(readFileSync(join(WEB_DIST, 'index.html'), 'utf8'), brand);
    // "/" and "/index.html" would otherwise be the built file itself, without the brand.
    app.get('/', (c) => c.html(indexHtml));
    app.get('/index.html', (c) => c.html(indexHtml));
    app.use('/assets/*', serveStatic({ root: WEB_DIST }));
    app.use('*', serveStatic({ root: WEB_DIST }));
    app.get('*', (c) => c.html(indexHtml));
  } else {
    app.get('/', (c) => c.text('The web app is not built. Run `npm run build` (npm start does it for you).', 503));
  }

  return {
    app,
    auth,
    imports,
    /** The context layer: its job definitions (for startJobs), one embedding slice, the embedders. */
    context: { ...context, embedders: registry, attachJobs: (j: Jobs | undefined) => void (jobs = j) },
    metrics,
    realtime,
    authCache: authCached,
    /** Every background job this app defines (index.ts starts them; tests may too). */
    jobDefinitions: [...context.definitions, ...hooks.definitions, ...rules.definitions, ...bulk.definitions, ...reminderRunner.definitions, ...notifier.definitions, ...mails.definitions, ...calendarSyncRunner.definitions, ...scores.definitions],
    bulk,
    campaignMail: mails,
    webhooks: hooks,
    automations: rules,
    reminders: reminderRunner,
    notifications: notifier,
    calendarSync: { ...calendarSyncRunner, service: calendarSync },
    mcp,
    /** Closes what the app opened itself (the rate limiter's Redis connection, the LISTEN connection) and sends queued error reports. */
    close: async () => {
      await Promise.all([rateLimit.close(), realtime.close(), authCached.close(), stopFieldWatch(), mcp.clients.close()]);
      await reporter?.flush().catch(() => {});
    },
  };
}

export type App = ReturnType<typeof createApp>;
