// The embedding phase of the bench. Vectors need pgvector, which the bench's PostgreSQL lacks, so
// this phase runs on embedded PGlite (as `npm start` does): it imports BENCH_EMBED_ROWS contacts
// through the contacts service's createMany (the import's one door: rows, activities, outbox
// events), then times how the background consumers catch up — search documents, chunks, and the
// offline embedding pass in its worker threads. The pass is timed for BENCH_EMBED_SECONDS and the
// full catch-up projected from its rate, unless BENCH_EMBED_FULL=1 runs it to the end.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createApp } from '../server/app';
import { CLIENT_IP_HEADER } from '../server/auth';
import { syncChunks } from '../server/context/chunks';
import { embedPending, searchStatus } from '../server/context/embeddings';
import { drainSearchIndex } from '../server/context/indexer';
import { openDatabase } from '../server/db/client';
import { runMigrations } from '../server/db/migrate';
import { loadEnv } from '../server/env';
import type { ServiceContext } from '../server/lib/context';
import { entityServices } from '../server/modules/registry';
import { FIRST_NAMES, LAST_NAMES } from './names';

const APP_URL = 'http://localhost:3997';
const BATCH = 1000;
const TITLES = ['Account Manager', 'Head of Operations', 'Procurement Lead', 'Software Engineer', 'Marketing Director', 'Finance Controller'];
const DEPARTMENTS = ['Sales', 'Operations', 'Purchasing', 'Engineering', 'Marketing', 'Finance'];

export interface EmbeddingPhaseResult {
  rows: number;
  workers: number;
  importSeconds: number;
  /** Outbox → search documents (words), all imported rows. */
  wordsCatchUpSeconds: number;
  /** Outbox → chunks (text only). */
  chunkSyncSeconds: number;
  chunks: number;
  embedded: number;
  embedSeconds: number;
  chunksPerSecond: number;
  /** Measured when the pass ran to the end, else projected from the rate. */
  catchUpSeconds: number;
  catchUpMeasured: boolean;
}

export async function runEmbeddingPhase(opts: { rows: number; seconds: number; full: boolean; log: (m: string) => void }): Promise<EmbeddingPhaseResult> {
  const { rows, log } = opts;
  const dataDir = mkdtempSync(join(tmpdir(), 'meridian-bench-embed-'));
  const database = await openDatabase({});
  await runMigrations(database);
  const env = loadEnv({ NODE_ENV: 'test', APP_URL, DATA_DIR: dataDir, BETTER_AUTH_SECRET: 'bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz', LOG_LEVEL: 'silent', AUTH_RATE_LIMIT: 'false' });
  const { app, context } = createApp({ database, env, log: pino({ level: 'silent' }) });
  try {
    let cookie = '';
    const call = async (path: string, body: unknown) => {
      const res = await app.request(`${APP_URL}${path}`, { method: 'POST', headers: { origin: APP_URL, [CLIENT_IP_HEADER]: '127.0.0.1', 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });
      const set = res.headers.getSetCookie().map((c) => c.split(';')[0]).filter((c) => !c.endsWith('='));
      if (set.length) cookie = set.join('; ');
      if (res.status !== 200) throw new Error(`${path} → ${res.status}`);
      return res.json();
    };
    const user = await call('/api/auth/sign-up/email', { name: 'Bench Embed', email: 'embed@bench.example', password: 'correct-horse-battery' });
    await call('/api/auth/sign-in/email', { email: 'embed@bench.example', password: 'correct-horse-battery' }); // sign-up opens no session
    const org = await call('/api/auth/organization/create', { name: 'Embed bench', slug: `embed-${Date.now()}` });
    const ctx: ServiceContext = { db: database.db, orgId: org.id, role: 'owner', actor: { type: 'system', userId: user.user.id } };
    const contacts = entityServices.find((s) => s.def.type === 'contact')!;

    let started = performance.now();
    for (let lo = 0; lo < rows; lo += BATCH) {
      const inputs = [];
      for (let i = lo; i < Math.min(rows, lo + BATCH); i++) {
        inputs.push({ firstName: FIRST_NAMES[i % FIRST_NAMES.length], lastName: LAST_NAMES[(i * 7) % LAST_NAMES.length], email: `c${i}@embed.example`, title: TITLES[i % TITLES.length], department: DEPARTMENTS[(i >> 3) % DEPARTMENTS.length] });
      }
      await contacts.createMany(ctx, inputs);
    }
    const importSeconds = (performance.now() - started) / 1000;
    log(`  imported ${rows.toLocaleString('en-US')} contacts into PGlite through createMany in ${importSeconds.toFixed(1)}s`);

    started = performance.now();
    await drainSearchIndex(database.db, entityServices);
    const wordsCatchUpSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    await syncChunks(database.db, entityServices);
    const chunkSyncSeconds = (performance.now() - started) / 1000;
    const total = (await searchStatus(database.db, org.id, context.embedders)).chunks.total;
    log(`  words index caught up in ${wordsCatchUpSeconds.toFixed(1)}s; ${total.toLocaleString('en-US')} chunks written in ${chunkSyncSeconds.toFixed(1)}s`);

    // Load the model first: a cold start is not throughput.
    await context.embedders.warm();
    started = performance.now();
    let embedded = 0;
    const limit = opts.full ? Infinity : opts.seconds * 1000;
    while (performance.now() - started < limit) {
      const r = await embedPending(database.db, context.embedders, { budgetMs: Math.min(10_000, limit - (performance.now() - started)) });
      embedded += r.embedded;
      if (r.failed.length) throw new Error(`embedding failed: ${r.failed[0].error}`);
      if (!r.more) break;
    }
    const embedSeconds = (performance.now() - started) / 1000;
    const chunksPerSecond = embedded / embedSeconds;
    const done = embedded >= total;
    const catchUpSeconds = wordsCatchUpSeconds + chunkSyncSeconds + (done ? embedSeconds : total / chunksPerSecond);
    log(`  embedded ${embedded.toLocaleString('en-US')} chunks in ${embedSeconds.toFixed(1)}s: ${chunksPerSecond.toFixed(1)} chunks/s with ${env.EMBEDDING_WORKERS} worker thread(s)`);
    return { rows, workers: env.EMBEDDING_WORKERS, importSeconds, wordsCatchUpSeconds, chunkSyncSeconds, chunks: total, embedded, embedSeconds, chunksPerSecond, catchUpSeconds, catchUpMeasured: done };
  } finally {
    await context.embedders.close();
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function renderEmbedding(r: EmbeddingPhaseResult): string {
  const h = (s: number) => (s >= 3600 ? `${(s / 3600).toFixed(1)} h` : s >= 60 ? `${(s / 60).toFixed(1)} min` : `${s.toFixed(1)} s`);
  return [
    '| embeddings (PGlite, offline model) | value |',
    '|---|---|',
    `| contacts imported (createMany) | ${r.rows.toLocaleString('en-US')} in ${h(r.importSeconds)} |`,
    `| words index catch-up | ${h(r.wordsCatchUpSeconds)} |`,
    `| chunks written | ${r.chunks.toLocaleString('en-US')} in ${h(r.chunkSyncSeconds)} |`,
    `| embedding throughput | ${r.chunksPerSecond.toFixed(1)} chunks/s (${r.workers} worker thread${r.workers === 1 ? '' : 's'}) |`,
    `| backlog catch-up after the import | ${h(r.catchUpSeconds)} ${r.catchUpMeasured ? '(measured)' : `(projected from ${r.embedded.toLocaleString('en-US')} chunks in ${h(r.embedSeconds)}; BENCH_EMBED_FULL=1 measures it)`} |`,
  ].join('\n');
}
