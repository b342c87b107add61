// The context layer end to end: records become chunks from the outbox, the background pass embeds
// them (offline model in worker threads, or the organization's provider over the OpenAI wire
// format), retrieval fuses words, spelling and meaning, and on a PostgreSQL without pgvector it
// all degrades to words + spelling and says so. Runs on PGlite (vectors) and, with
// TEST_DATABASE_URL, on PostgreSQL 15 (no vectors): each test asserts what its database can do.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testApp, type TestApp } from '../../test/app';
import { orgWithRoles } from '../../test/factories';
import { startFakeLlm, FAKE_EMBEDDING_DIMENSIONS, type FakeLlm } from '../../test/fake-llm';
import { startJobs } from '../jobs/jobs';
import { entityServices } from '../modules/registry';
import { chunksFor, rebuildChunks, splitText } from './chunks';
import { drainSearchIndex } from './indexer';
import { EmbeddingPool } from './offline-embedder';

let app: TestApp;
let org: Awaited<ReturnType<typeof orgWithRoles>>;
let vectors: boolean;
let fake: FakeLlm;
const cos = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i], 0) / Math.hypot(...a) / Math.hypot(...b);

beforeAll(async () => {
  fake = await startFakeLlm();
  // The fake provider listens on 127.0.0.1: the operator allows it, as for a self-hosted gateway.
  app = await testApp({ env: { OUTBOUND_ALLOWED_HOSTS: new URL(fake.url).host } });
  vectors = app.database.kind === 'pglite';
  org = await orgWithRoles(app);
});
afterAll(async () => {
  await fake.close();
});

const status = async () => (await org.member.get('/api/v1/search/status')).body.data;
const chunks = async (entityId: string) =>
  (await app.database.query(`select chunk_no, content, model, dims from search_chunks where entity_id = $1 order by chunk_no`, [entityId])).rows;
/** One background slice for this test's organization only (the worker's database is shared). */
const embedOwn = async () => {
  await drainSearchIndex(app.database.db, entityServices);
  for (;;) if (!(await app.context.runEmbedSlice({ orgId: org.orgId })).more) return;
};

describe('chunks', () => {
  test('a record is its prose fields, long texts split by length; codes, amounts and emails stay out', () => {
    const row = { id: 'x', organizationId: 'o', fullName: 'Ada Lovelace', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.com', title: 'CTO', department: 'Research and Development', status: 'customer', phone: '+1 555 0100', about: 'Mathematician. '.repeat(60) };
    const [head, ...rest] = chunksFor(row, { status: { type: 'enum' } });
    expect(head.content).toBe('Ada Lovelace. CTO. Research and Development');
    expect(rest.length).toBeGreaterThan(1);
    for (const c of rest) expect(c.content.length).toBeLessThanOrEqual('Ada Lovelace: '.length + 600);
    // A bare name says too little to embed (it would sit near every query): no chunk.
    expect(chunksFor({ id: 'y', organizationId: 'o', fullName: 'Ada Lovelace', title: 'CTO' })).toEqual([]);
    // Split pieces overlap, and together they hold the whole text.
    const pieces = splitText('One two three. '.repeat(100), 200, 40);
    expect(pieces.every((p) => p.length <= 200)).toBe(true);
    expect(pieces.join(' ').split('three').length - 1).toBeGreaterThanOrEqual(100);
  });
});

describe('the offline embedder', () => {
  test('runs in worker threads with the bundled model: 512 numbers per text, paraphrases closer than strangers', async () => {
    const pool = new EmbeddingPool(1);
    try {
      const [complaint, paraphrase, unrelated] = await pool.embed(['client complained the renewal quote is too expensive', 'customer unhappy about pricing', 'we shipped the rockets to the launch site']);
      expect(complaint).toHaveLength(512);
      expect(cos(complaint, paraphrase)).toBeGreaterThan(cos(complaint, unrelated) + 0.2);
      // Queries are served before queued background batches.
      const order: string[] = [];
      const background = pool.embed(Array.from({ length: 24 }, (_, i) => `background text ${i}`)).then(() => order.push('background'));
      const query = pool.embed(['a query'], 'query').then(() => order.push('query'));
      await Promise.all([background, query]);
      expect(order).toEqual(['query', 'background']);
    } finally {
      await pool.close();
    }
  });
});

describe('kept current from the outbox, embedded in the background', () => {
  test('create → chunks wait → the pass embeds them; edit → re-embedded; delete → gone; reindex rebuilds', async () => {
    const acme = (await org.member.post('/api/v1/companies', { name: 'Acme Rockets', industry: 'aerospace', description: 'Builds small-satellite launch vehicles.' })).body.data;
    const note = (await org.member.post('/api/v1/notes', { body: "Client complained the renewal quote is too expensive and asked whether we can match last year's rate.", relatedType: 'company', relatedId: acme.id })).body.data;
    if (!vectors) {
      // No pgvector: nothing to embed, and the status says why instead of failing.
      expect(await app.context.runEmbedSlice({ orgId: org.orgId })).toMatchObject({ embedded: 0, more: false });
      expect(await status()).toMatchObject({ semantic: false, reason: expect.stringContaining('pgvector'), chunks: { total: 0, pending: 0 }, progress: 1 });
      return;
    }
    // The write returned before anything was embedded: the request path never waits for vectors.
    expect(await chunks(note.id)).toEqual([]);
    const before = await status();
    expect(before).toMatchObject({ semantic: true, model: 'offline:use-lite' });
    expect(before.pendingEvents).toBeGreaterThan(0);

    await embedOwn();
    expect(await chunks(note.id)).toEqual([{ chunk_no: 0, content: note.body, model: 'offline:use-lite', dims: 512 }]);
    expect(await status()).toMatchObject({ semantic: true, model: 'offline:use-lite', dimensions: 512, pendingEvents: 0, chunks: { pending: 0 }, progress: 1 });

    await org.member.patch(`/api/v1/notes/${note.id}`, { body: 'They signed the two-year renewal after all.' });
    await app.context.runEmbedSlice({ orgId: 'none' }); // syncs the text only
    expect((await chunks(note.id))[0]).toMatchObject({ content: 'They signed the two-year renewal after all.', model: null });
    expect((await status()).chunks.pending).toBe(1);
    await embedOwn();
    expect((await chunks(note.id))[0]).toMatchObject({ model: 'offline:use-lite', dims: 512 });

    await org.member.delete(`/api/v1/notes/${note.id}`);
    await embedOwn();
    expect(await chunks(note.id)).toEqual([]);

    // Reindex: lost chunks come back; unchanged ones keep their vector (nothing to re-embed).
    await app.database.query(`delete from search_chunks where entity_id = $1`, [acme.id]);
    await rebuildChunks(app.database.db, entityServices);
    expect((await chunks(acme.id))[0]).toMatchObject({ model: null });
    expect((await app.database.query(`select count(*)::int as n from search_chunks where organization_id = $1 and model is null`, [org.orgId])).rows[0].n).toBe(1);
  });

  test('pg-boss runs the pass by itself: a new record gets its vector without anyone asking', async () => {
    const jobs = await startJobs({ database: app.database, log: pino({ level: 'silent' }), definitions: app.context.definitions });
    app.context.attachJobs(jobs);
    try {
      const task = (await org.member.post('/api/v1/tasks', { title: 'Book travel to Denver for the onsite workshop' })).body.data;
      const end = Date.now() + 25_000;
      for (;;) {
        const s = await status();
        // Both consumers caught up (this organization's events) and, with vectors, nothing waits.
        if (s.pendingEvents === 0 && s.chunks.pending === 0 && (!vectors || (await chunks(task.id)).length)) break;
        if (Date.now() > end) throw new Error(`the background jobs did not catch up: ${JSON.stringify(s)}`);
        await new Promise((r) => setTimeout(r, 250));
      }
      if (vectors) expect((await chunks(task.id))[0]).toMatchObject({ model: 'offline:use-lite', dims: 512 });
      // The search index is a job too: the task is findable by words without a search draining it.
      const { rows } = await app.database.query(`select title from search_documents where entity_id = $1`, [task.id]);
      expect(rows).toEqual([{ title: 'Book travel to Denver for the onsite workshop' }]);
    } finally {
      app.context.attachJobs(undefined);
      await jobs.stop();
    }
  });
});

describe('hybrid retrieval', () => {
  let note: { id: string };
  beforeAll(async () => {
    const wonka = (await org.member.post('/api/v1/companies', { name: 'Wonka Confectionery' })).body.data;
    note = (await org.member.post('/api/v1/notes', { body: 'Seasonal rush: they need the rollout finished before the Christmas orders start in November.', relatedType: 'company', relatedId: wonka.id })).body.data;
    await org.member.post('/api/v1/notes', { body: 'The hardware shipment is stuck at customs in Rotterdam.', relatedType: 'company', relatedId: wonka.id });
    await embedOwn();
  });
  const search = (qs: string) => org.member.get(`/api/v1/search?${qs}`);

  test('a paraphrase with no word in common is found by meaning, not by words', async () => {
    const q = encodeURIComponent('deadline tied to the year-end festive period');
    const words = await search(`q=${q}&mode=words`);
    expect(words.status).toBe(200);
    expect(words.body).toMatchObject({ mode: 'words', semantic: false });
    expect(words.body.data.find((h: { id: string }) => h.id === note.id)).toBeUndefined();

    const hybrid = await search(`q=${q}`);
    expect(hybrid.status).toBe(200);
    if (!vectors) {
      // Degrades, never errors: words and spelling answer, and the response says meaning did not take part.
      expect(hybrid.body).toMatchObject({ mode: 'hybrid', semantic: false, notice: expect.stringContaining('pgvector') });
      const semantic = await search(`q=${q}&mode=semantic`);
      expect(semantic.status).toBe(400);
      expect(semantic.body.error).toMatchObject({ code: 'semantic_unavailable', details: [{ path: 'mode' }] });
      return;
    }
    expect(hybrid.body).toMatchObject({ mode: 'hybrid', semantic: true });
    expect(hybrid.body.data[0]).toMatchObject({ type: 'note', id: note.id, why: 'similar meaning', url: `/notes/${note.id}` });
    expect(hybrid.body.data[0].snippet).toContain('Christmas');
    const semantic = await search(`q=${q}&mode=semantic`);
    expect(semantic.body.data[0].id).toBe(note.id);
  });

  test('words still win where they match, and nonsense finds nothing by meaning', async () => {
    const res = await search('q=Rotterdam');
    expect(res.body.data[0]).toMatchObject({ type: 'note', why: expect.stringContaining('words: Rotterdam') });
    expect((await search('q=zxqv')).body.data).toEqual([]);
    expect((await search('q=x&mode=fuzzy')).status).toBe(400);
  });

  test('health details say whether semantic retrieval is on', async () => {
    const res = await org.viewer.get('/api/health');
    expect(res.body.details.semantic).toBe(vectors);
  });
});

describe("the organization's embedding provider", () => {
  test('admins set an OpenAI-compatible model: probed, dimension learned, everything re-embedded in the background, queries embedded by it', async () => {
    const put = (client: typeof org.admin, body: unknown) => client.request('PUT', '/api/v1/settings/embeddings', body);
    expect((await put(org.member, { provider: 'offline' })).status).toBe(403);
    expect((await put(org.admin, { provider: 'openai-compatible', model: 'fake-embed' })).status).toBe(400);
    expect((await put(org.admin, { provider: 'openai' })).body.error).toMatchObject({ details: [{ path: 'apiKey' }] });
    fake.embeddings.fail(401);
    const refused = await put(org.admin, { provider: 'openai-compatible', model: 'fake-embed', baseUrl: `${fake.url}/v1`, apiKey: 'sk-wrong' });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'provider_auth', details: [{ path: 'apiKey' }] });
    fake.embeddings.fail(null);
    expect((await org.admin.get('/api/v1/settings/embeddings')).body.data).toMatchObject({ provider: 'offline', modelId: 'offline:use-lite', dimensions: 512 });

    const saved = await put(org.admin, { provider: 'openai-compatible', model: 'fake-embed', baseUrl: `${fake.url}/v1`, apiKey: 'sk-test-1234' });
    expect(saved.status).toBe(200);
    expect(saved.body.data).toEqual({ provider: 'openai-compatible', model: 'fake-embed', modelId: 'openai-compatible:fake-embed', dimensions: FAKE_EMBEDDING_DIMENSIONS, apiKey: '••••1234', baseUrl: `${fake.url}/v1` });
    const probe = fake.requests.at(-1)!;
    expect(probe).toMatchObject({ path: '/v1/embeddings', model: 'fake-embed', input: ['Meridian CRM'] });
    expect((probe.headers as Record<string, string>).authorization).toBe('Bearer sk-test-1234');

    // The outbound guard: an internal address the operator did not allow is refused before any call,
    // and the stored key never follows a new base URL.
    const before = fake.requests.length;
    const internal = await put(org.admin, { provider: 'openai-compatible', model: 'fake-embed', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'sk-other' });
    expect(internal.status).toBe(400);
    expect(internal.body.error).toMatchObject({ code: 'outbound_blocked', details: [{ path: 'baseUrl' }] });
    const moved = await put(org.admin, { provider: 'openai-compatible', model: 'fake-embed', baseUrl: `${fake.url}/other/v1` });
    expect(moved.status).toBe(400);
    expect(moved.body.error.details).toEqual([expect.objectContaining({ path: 'apiKey' })]);
    expect(fake.requests.length).toBe(before);
    expect((await org.admin.get('/api/v1/settings/embeddings')).body.data).toMatchObject({ baseUrl: `${fake.url}/v1`, apiKey: '••••1234' });
    if (!vectors) return;

    // Every chunk now waits for the new model; the pass re-embeds them with it.
    const s = await status();
    expect(s).toMatchObject({ model: 'openai-compatible:fake-embed' });
    expect(s.chunks.pending).toBe(s.chunks.total);
    await embedOwn();
    expect(await status()).toMatchObject({ model: 'openai-compatible:fake-embed', dimensions: FAKE_EMBEDDING_DIMENSIONS, chunks: { pending: 0 }, progress: 1 });
    const { rows } = await app.database.query(`select distinct model, dims from search_chunks where organization_id = $1`, [org.orgId]);
    expect(rows).toEqual([{ model: 'openai-compatible:fake-embed', dims: FAKE_EMBEDDING_DIMENSIONS }]);

    // The query goes to the provider too; its vectors (not the offline ones) answer.
    const sent = fake.requests.length;
    const text = 'Seasonal rush: they need the rollout finished before the Christmas orders start in November.';
    const res = await org.member.get(`/api/v1/search?q=${encodeURIComponent(text)}&mode=semantic`);
    expect(res.status).toBe(200);
    expect(fake.requests.slice(sent).map((r) => r.input)).toEqual([[text]]);
    expect(res.body.data[0].snippet).toContain('Christmas');

    // The provider goes down: hybrid answers by words and says so; semantic says the provider failed.
    fake.embeddings.fail(500);
    const degraded = await org.member.get('/api/v1/search?q=Rotterdam+shipment');
    expect(degraded.body).toMatchObject({ semantic: false, notice: expect.stringContaining('could not be embedded') });
    expect(degraded.body.data[0].why).toContain('words');
    expect((await org.member.get('/api/v1/search?q=Rotterdam+cargo&mode=semantic')).status).toBe(502);
    fake.embeddings.fail(null);
  });
});
