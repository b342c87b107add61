// The only reader of process.env. Every setting is validated here at start-up; a bad value
// stops the process with a message naming the variable.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { isSupportedCountry } from 'libphonenumber-js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** "localhost:11434, ollama.lan:443" → ['localhost:11434', 'ollama.lan:443'] (lower case). */
const hostPortList = z
  .string()
  .transform((v) => v.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+):([1-9]\d{0,4})$/, 'entries must be host:port, e.g. localhost:11434')));

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  APP_URL: z.url().optional(),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection URL')
    .optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(500).default(10),
  BETTER_AUTH_SECRET: z.string().optional(),
  TRUST_PROXY: bool.default(false),
  AUTH_RATE_LIMIT: bool.default(true),
  AUTH_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
  AUTH_RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(100),
  /** Failed sign-ins in a row that lock an account (per account, whatever the IP); see lib/auth-throttle.ts. */
  AUTH_LOCKOUT_THRESHOLD: z.coerce.number().int().min(2).max(100).default(10),
  AUTH_LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().default('Meridian CRM <no-reply@localhost>'),
  ATTACHMENT_MAX_BYTES: z.coerce.number().int().min(1024).default(10 * 1024 * 1024),
  S3_BUCKET: z.string().min(3).optional(),
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: bool.default(false),
  IMPORT_MAX_BYTES: z.coerce.number().int().min(1024).default(25 * 1024 * 1024),
  ASSISTANT_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  WEBHOOK_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(20),
  WEBHOOK_DISABLE_AFTER_FAILURES: z.coerce.number().int().min(1).default(50),
  // Bulk actions on more records than this run as a background job (202 + progress) instead of in the request.
  BULK_JOB_THRESHOLD: z.coerce.number().int().min(1).default(200),
  /** Campaign emails sent per minute at most, across the whole installation (the send job's throttle). */
  CAMPAIGN_SENDS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(60),
  // How long a verified session or API key is remembered per node (0: ask the database every time).
  AUTH_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  REALTIME_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(300).default(25),
  AI_TIMEOUT_MS: z.coerce.number().int().min(1000).default(60_000),
  // Tokens of recent turns replayed to the model as they were; older turns fold into the summary. Unset: a quarter of the model's context, at most 32k.
  ASSISTANT_HISTORY_TOKENS: z.coerce.number().int().min(50).max(1_000_000).optional(),
  // Worker threads for the offline embedding model (~250 MB each; ~30 short texts/s per core).
  EMBEDDING_WORKERS: z.coerce.number().int().min(1).max(32).default(Math.max(1, Math.min(4, availableParallelism() - 1))),
  // Background jobs (search index, embeddings) run on this node; false on web-only nodes.
  JOBS: bool.default(true),
  // What this node does (`npm start -- --role web` overrides it): all, web (HTTP only) or worker (jobs only).
  ROLE: z.enum(['all', 'web', 'worker']).default('all'),
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  OUTBOUND_ALLOWED_HOSTS: hostPortList.default([]),
  /** MCP servers the assistant uses (modules/integrations): stdio runs a local command, so it is off unless the operator turns it on. */
  MCP_STDIO_ENABLED: bool.default(false),
  /** Per call to a connected MCP server (connect, tools/list, tools/call). */
  MCP_TIMEOUT_MS: z.coerce.number().int().min(1000).max(300_000).default(15_000),
  /** Calendar sync (modules/calendar-sync): OAuth clients registered with Google and Microsoft; unset = that provider's Connect is off. */
  GOOGLE_CLIENT_ID: z.string().trim().min(1).optional(),
  GOOGLE_CLIENT_SECRET: z.string().trim().min(1).optional(),
  MICROSOFT_CLIENT_ID: z.string().trim().min(1).optional(),
  MICROSOFT_CLIENT_SECRET: z.string().trim().min(1).optional(),
  /** Microsoft tenant in the login URL: common (any account), organizations, consumers or a tenant id. */
  MICROSOFT_TENANT: z.string().trim().min(1).default('common'),
  /** Tests only (refused when NODE_ENV=production): point the providers at local fakes. */
  GOOGLE_OAUTH_BASE_URL: z.url().optional(),
  GOOGLE_CALENDAR_BASE_URL: z.url().optional(),
  MICROSOFT_LOGIN_BASE_URL: z.url().optional(),
  MICROSOFT_GRAPH_BASE_URL: z.url().optional(),
  /** How often every connected calendar is pulled (minutes; changes made in Meridian are pushed within seconds). */
  CALENDAR_SYNC_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(1440).default(5),
  /** Bearer token for GET /api/metrics; unset: metrics only for direct connections from this machine. */
  METRICS_TOKEN: z.string().min(16, 'use at least 16 random characters').optional(),
  /** Optional error reporting (lib/sentry.ts): 5xx errors go to this Sentry project. */
  SENTRY_DSN: z.url().optional(),
  SENTRY_ENVIRONMENT: z.string().optional(),
  SENTRY_RELEASE: z.string().optional(),
  /** ISO 3166 country (US, DE, GB…) for phone numbers written without a country code; none: only +/00 numbers are normalized. */
  PHONE_DEFAULT_COUNTRY: z
    .string()
    .trim()
    .toUpperCase()
    .refine((c) => isSupportedCountry(c), 'must be a two-letter country code such as US, DE or GB')
    .optional(),
  /** Branding (server/branding.ts): the product's name in the title, header, emails' sender name and manifest. */
  APP_NAME: z.string().trim().min(1).max(60).default('Meridian'),
  /** The accent colour as hex (#0f766e); shades and a readable text colour on it are computed. */
  BRAND_ACCENT: z
    .string()
    .trim()
    .regex(/^#([0-9a-f]{3}|[0-9a-f]{6})$/i, 'must be a hex colour such as #0f766e')
    .default('#4f46e5'),
  /** A logo: a file path (svg, png, jpg, webp or ico, up to 1 MB) or an http(s) URL. */
  BRAND_LOGO: z.string().trim().optional(),
  /** `dark`: the sidebar and top bar are dark (with the logo on them); `light` (default): white. */
  BRAND_HEADER: z.enum(['light', 'dark']).default('light'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = Omit<z.infer<typeof EnvSchema>, 'APP_URL' | 'BETTER_AUTH_SECRET'> & {
  APP_URL: string;
  BETTER_AUTH_SECRET: string;
  /** 'embedded' = PGlite in DATA_DIR; 'server' = DATABASE_URL */
  databaseMode: 'embedded' | 'server';
};

export class ConfigError extends Error {}

const MIN_SECRET_LENGTH = 32;

/** Reads and validates the environment. `source` is injectable so tests never mutate process.env. */
export function loadEnv(source?: Record<string, string | undefined>): Env {
  if (!source) {
    // A .env file in the working directory fills in what the real environment does not set.
    if (existsSync('.env')) process.loadEnvFile('.env');
    source = process.env;
  }
  // Empty strings mean "unset" (a blank line in .env must not override a default).
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const overrides = (['GOOGLE_OAUTH_BASE_URL', 'GOOGLE_CALENDAR_BASE_URL', 'MICROSOFT_LOGIN_BASE_URL', 'MICROSOFT_GRAPH_BASE_URL'] as const).filter((k) => e[k]);
  if (e.NODE_ENV === 'production' && overrides.length) {
    throw new ConfigError(`${overrides.join(', ')}: calendar provider URL overrides are for tests only and are refused when NODE_ENV=production.`);
  }
  const dataDir = resolve(e.DATA_DIR);
  return {
    ...e,
    DATA_DIR: dataDir,
    APP_URL: (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    BETTER_AUTH_SECRET: resolveSecret(e.BETTER_AUTH_SECRET, e.NODE_ENV, dataDir),
    databaseMode: e.DATABASE_URL ? 'server' : 'embedded',
  };
}

/**
 * Production must be given a strong secret. Elsewhere a missing one is generated once and kept
 * in DATA_DIR (mode 0600) so sessions survive restarts.
 */
function resolveSecret(given: string | undefined, nodeEnv: string, dataDir: string): string {
  if (given) {
    if (nodeEnv === 'production' && (given.length < MIN_SECRET_LENGTH || new Set(given).size < 10)) {
      throw new ConfigError(
        `BETTER_AUTH_SECRET is too weak: use at least ${MIN_SECRET_LENGTH} random characters (e.g. \`openssl rand -base64 32\`).`,
      );
    }
    return given;
  }
  if (nodeEnv === 'production') {
    throw new ConfigError(
      'BETTER_AUTH_SECRET is required when NODE_ENV=production: set it to at least 32 random characters (e.g. `openssl rand -base64 32`).',
    );
  }
  const file = join(dataDir, 'auth-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}
