// `npm run eval:retrieval`: loads the labelled CRM set (dataset.ts) into a fresh embedded database
// through the REST API, lets the background embedding pass finish, then asks every query in
// words-only, semantic-only and hybrid mode and prints hit@1, hit@5 and MRR (over the top 10). `--verbose` lists
// each query with the target's rank in both modes. No network: the offline model embeds.
import '../../server/polyfills';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createApp } from '../../server/app';
import { CLIENT_IP_HEADER } from '../../server/auth';
import { openDatabase } from '../../server/db/client';
import { runMigrations } from '../../server/db/migrate';
import { loadEnv } from '../../server/env';
import { queries, records, type EvalRecord } from './dataset';

const APP_URL = 'http://localhost:3998';
const TOP = 10;
const verbose = process.argv.includes('--verbose');
const log = (s: string) => console.log(s);

const RESOURCE: Record<EvalRecord['type'], string> = { company: 'companies', contact: 'contacts', deal: 'deals', note: 'notes', task: 'tasks', project: 'projects' };

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'meridian-eval-'));
  const database = await openDatabase({});
  const migrated = await runMigrations(database);
  if (!migrated.vector) throw new Error('the eval needs vectors (PGlite always has pgvector)');
  const env = loadEnv({ NODE_ENV: 'test', APP_URL, DATA_DIR: dataDir, BETTER_AUTH_SECRET: 'eval-secret-0123456789-abcdefghijklmnopqrstuvwxyz', LOG_LEVEL: 'silent', AUTH_RATE_LIMIT: 'false' });
  const { app, context } = createApp({ database, env, log: pino({ level: 'silent' }) });
  let cookie = '';
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await app.request(`${APP_URL}${path}`, {
      method,
      headers: { origin: APP_URL, [CLIENT_IP_HEADER]: '127.0.0.1', 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const set = res.headers.getSetCookie().map((c) => c.split(';')[0]).filter((c) => !c.endsWith('='));
    if (set.length) cookie = set.join('; ');
    const json = await res.json().catch(() => null);
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status}: ${JSON.stringify(json)}`);
    return json;
  };

  try {
    await call('POST', '/api/auth/sign-up/email', { name: 'Eval User', email: 'eval@example.test', password: 'correct-horse-battery' });
    await call('POST', '/api/auth/sign-in/email', { email: 'eval@example.test', password: 'correct-horse-battery' }); // sign-up opens no session
    const org = await call('POST', '/api/auth/organization/create', { name: 'Eval Org', slug: `eval-${Date.now()}` });
    await call('POST', '/api/auth/organization/set-active', { organizationId: org.id });

    let started = performance.now();
    const ids = new Map<string, { type: string; id: string }>();
    const set = records();
    for (const r of set) {
      const body: Record<string, unknown> = { ...r.data };
      if (r.companyKey) body.companyId = ids.get(r.companyKey)!.id;
      if (r.onKey) {
        const on = ids.get(r.onKey)!;
        body.relatedType = on.type;
        body.relatedId = on.id;
      }
      const created = await call('POST', `/api/v1/${RESOURCE[r.type]}`, body);
      ids.set(r.key, { type: r.type, id: created.data.id });
    }
    log(`loaded ${set.length} records through the REST API in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    started = performance.now();
    for (;;) {
      const r = await context.runEmbedSlice();
      if (!r.more) break;
    }
    const status = (await call('GET', '/api/v1/search/status')).data;
    const secs = (performance.now() - started) / 1000;
    log(`embedded ${status.chunks.embedded}/${status.chunks.total} chunks with ${status.model} in ${secs.toFixed(1)} s (${(status.chunks.embedded / secs).toFixed(1)} chunks/s, ${env.EMBEDDING_WORKERS} worker${env.EMBEDDING_WORKERS === 1 ? '' : 's'})`);

    if (process.argv.includes('--chunks')) {
      const { rows } = await database.query(`select entity_type, chunk_no, content from search_chunks order by entity_type, entity_id, chunk_no`);
      for (const r of rows) log(`  [${r.entity_type} #${r.chunk_no}] ${r.content}`);
    }
    const modes = ['words', 'semantic', 'hybrid'] as const;
    const ranks: Record<(typeof modes)[number], number[]> = { words: [], semantic: [], hybrid: [] };
    const lines: string[] = [];
    for (const query of queries) {
      const target = ids.get(query.target)!;
      const row: number[] = [];
      for (const mode of modes) {
        const res = await call('GET', `/api/v1/search?${new URLSearchParams({ q: query.q, mode, limit: String(TOP) })}`);
        const rank = res.data.findIndex((h: { type: string; id: string }) => h.type === target.type && h.id === target.id) + 1;
        ranks[mode].push(rank);
        row.push(rank);
      }
      lines.push(`  ${row.map((r) => (r ? String(r).padStart(2) : ' -')).join('  ')}   ${query.q}  →  ${query.target}`);
    }
    if (verbose) log(`\nrank (words, semantic, hybrid) per query, "-" = not in the top ${TOP}:\n${lines.join('\n')}`);

    const overlap = meanOverlap(set);
    log(`\n${queries.length} queries over ${set.length} records; mean share of a query's content words found in its target: ${(overlap * 100).toFixed(0)}%\n`);
    log('| mode | hit@1 | hit@5 | MRR@10 |');
    log('|---|---|---|---|');
    for (const mode of modes) {
      const r = ranks[mode];
      const at = (k: number) => r.filter((x) => x > 0 && x <= k).length / r.length;
      const mrr = r.reduce((s, x) => s + (x > 0 ? 1 / x : 0), 0) / r.length;
      const label = { words: 'words only (words + spelling)', semantic: 'semantic only (meaning)', hybrid: 'hybrid (words + spelling + meaning)' }[mode];
      log(`| ${label} | ${at(1).toFixed(3)} | ${at(5).toFixed(3)} | ${mrr.toFixed(3)} |`);
    }
  } finally {
    await context.embedders.close();
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const STOP = new Set('a an the of to for in on at by with from and or is are be it its their they them our we us our this that about into out as who what how which than rather after before ahead'.split(' '));
const words = (s: string) => s.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 2 && !STOP.has(w));

/** How much of each query's wording its target shares (the set should be low: it paraphrases). */
function meanOverlap(set: EvalRecord[]) {
  const byKey = new Map(set.map((r) => [r.key, r]));
  let sum = 0;
  for (const q of queries) {
    const target = byKey.get(q.target)!;
    const text = new Set(words(Object.values(target.data).filter((v) => typeof v === 'string').join(' ')));
    const qw = words(q.q);
    sum += qw.length ? qw.filter((w) => text.has(w)).length / qw.length : 0;
  }
  return sum / queries.length;
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`eval failed: ${err instanceof Error ? err.stack : String(err)}`);
    process.exit(1);
  },
);
