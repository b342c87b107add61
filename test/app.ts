// An app over the worker's test database, and an HTTP client for it that keeps cookies like a
// browser. Requests go through Hono's full stack (app.request), not around it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { createApp, type App } from '../server/app';
import { CLIENT_IP_HEADER } from '../server/auth';
import { loadEnv, type Env } from '../server/env';
import type { Mailer } from '../server/lib/mailer';
import { testDatabase } from './db';

export const APP_URL = 'http://localhost:3999';

export interface TestApp extends App {
  env: Env;
  database: Awaited<ReturnType<typeof testDatabase>>;
}

let cached: Promise<TestApp> | undefined;

/** The worker's shared app. Pass options for a dedicated one (e.g. with a mailer). */
export function testApp(opts: { mailer?: Mailer; env?: Record<string, string>; database?: Awaited<ReturnType<typeof testDatabase>> } = {}): Promise<TestApp> {
  if (!opts.mailer && !opts.env && !opts.database) return (cached ??= build({}));
  return build(opts);
}

async function build(opts: { mailer?: Mailer; env?: Record<string, string>; database?: Awaited<ReturnType<typeof testDatabase>> }): Promise<TestApp> {
  const database = opts.database ?? (await testDatabase());
  const env = loadEnv({
    NODE_ENV: 'test',
    APP_URL,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'meridian-test-')),
    BETTER_AUTH_SECRET: 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz',
    LOG_LEVEL: 'silent',
    // Tests share organizations across many assistant calls; the limit itself has its own test.
    ASSISTANT_REQUESTS_PER_MINUTE: '1000',
    // Likewise for the REST limit (server/lib/rate-limit.test.ts tests it with a low one).
    API_RATE_LIMIT_PER_MINUTE: '1000000',
    ...opts.env,
  });
  // Without a mailer of their own, apps get one from SMTP_URL (none unless a test sets it).
  const app = createApp({ database, env, log: pino({ level: 'silent' }), ...(opts.mailer ? { mailer: opts.mailer } : {}) });
  return { ...app, env, database };
}

export interface Res<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export class Client {
  private cookies = new Map<string, string>();
  /** Each client is its own "machine" for the auth rate limiter. */
  readonly ip = `10.${rand()}.${rand()}.${rand()}`;
  bearer?: string;

  constructor(readonly app: TestApp) {}

  /** Like a browser for cookie calls (Origin is this app's), like an API client with a key (no Origin). `''` drops a header. */
  private headers(extra: Record<string, string> = {}) {
    const h = new Headers({ [CLIENT_IP_HEADER]: this.ip });
    if (!this.bearer) h.set('origin', APP_URL);
    if (this.cookies.size) h.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    if (this.bearer) h.set('authorization', `Bearer ${this.bearer}`);
    for (const [k, v] of Object.entries(extra)) {
      if (v === '') h.delete(k);
      else h.set(k, v);
    }
    return h;
  }

  /** Multipart upload (a browser's file input). */
  async upload<T = any>(path: string, fields: Record<string, string>, file: { name: string; bytes: Uint8Array; type?: string; field?: string }): Promise<Res<T>> {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    form.set(file.field ?? 'file', new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/octet-stream' }), file.name);
    const res = await this.app.app.request(`${APP_URL}${path}`, { method: 'POST', headers: this.headers(), body: form });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  /** A GET whose body is read as it arrives (server-sent events); cancel its body when done. */
  open(path: string, headers: Record<string, string> = {}, signal?: AbortSignal) {
    return this.app.app.request(`${APP_URL}${path}`, { headers: this.headers(headers), signal });
  }

  /** A GET whose body is bytes (downloads). */
  async download(path: string) {
    const res = await this.app.app.request(`${APP_URL}${path}`, { headers: this.headers() });
    return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
  }

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Res<T>> {
    const h = this.headers(headers);
    let payload: string | undefined;
    if (body !== undefined) {
      if (!h.has('content-type')) h.set('content-type', 'application/json');
      payload = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const res = await this.app.app.request(`${APP_URL}${path}`, { method, headers: h, body: payload });
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      const expired = attrs.some((a) => /max-age=0\b/i.test(a.trim())) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>('GET', path, undefined, headers);
  }
  post<T = any>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body ?? {});
  }
  patch<T = any>(path: string, body: unknown, headers?: Record<string, string>) {
    return this.request<T>('PATCH', path, body, headers);
  }
  put<T = any>(path: string, body: unknown, headers?: Record<string, string>) {
    return this.request<T>('PUT', path, body, headers);
  }
  delete<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>('DELETE', path, undefined, headers);
  }
  clearCookies() {
    this.cookies.clear();
  }
}

function rand() {
  return Math.floor(Math.random() * 254) + 1;
}

export const uniqueEmail = (prefix = 'user') => `${prefix}-${randomUUID().slice(0, 8)}@example.test`;
