// The background embedding pass and the backlog figures. Runs as the "context.embed" job
// (context.jobs.ts), never on a request path: it takes the chunks that wait for a vector of their
// organization's current model, embeds them in batches and stores vector, model and dimension.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Embedder, EmbedderRegistry } from './embedder';
import { OFFLINE_MODEL } from './offline-embedder';

/** Chunks per round per organization; rounds go round-robin so one big import starves no one. */
const ROUND = 64;

const rowsOf = (r: unknown) => (r as { rows: Record<string, unknown>[] }).rows;

const capability = new WeakMap<Db, Promise<boolean>>();

/** Whether this database has the vector tables (set at migration time; read once per process). */
export function vectorsAvailable(db: Db): Promise<boolean> {
  let known = capability.get(db);
  if (!known) {
    known = db.execute(sql`select to_regclass('public.search_chunks') is not null as present`).then((r) => rowsOf(r)[0]?.present === true);
    capability.set(db, known);
  }
  return known;
}

export const NO_VECTORS_REASON = 'This database server has no pgvector extension: search uses words and similar spellings only.';

/** Chunks waiting for a vector of `model` (null = text changed; another model = the setting changed). */
const waiting = (model: string) => sql`(c.model is null or c.model < ${model} or c.model > ${model})`;

/** Organizations with chunks waiting, with the model each should be embedded with. */
async function organizationsWaiting(db: Db): Promise<{ orgId: string; model: string }[]> {
  // Per organization, the (organization_id, model) index answers "anything waiting?" in a few probes.
  const r = await db.execute(sql`
    select o.id as org_id, m.model from organization o
    left join embedding_settings s on s.organization_id = o.id
    cross join lateral (select coalesce(case when s.provider = 'offline' then null else s.provider || ':' || s.model end, ${OFFLINE_MODEL}) as model) m
    where exists (select 1 from search_chunks c where c.organization_id = o.id and (c.model is null or c.model < m.model or c.model > m.model))`);
  return rowsOf(r).map((row) => ({ orgId: String(row.org_id), model: String(row.model) }));
}

export const vectorLiteral = (v: number[]) => `[${v.map((x) => (Number.isFinite(x) ? x : 0)).join(',')}]`;

/** Embeds one round of an organization's waiting chunks. Returns how many it stored. */
async function embedRound(db: Db, orgId: string, embedder: Embedder): Promise<number> {
  const pending = rowsOf(await db.execute(sql`
    select c.entity_type, c.entity_id::text as entity_id, c.chunk_no, c.content, c.content_hash from search_chunks c
    where c.organization_id = ${orgId} and ${waiting(embedder.model)} limit ${ROUND}`));
  if (pending.length === 0) return 0;
  const vectors = await embedder.embed(pending.map((p) => String(p.content)), { priority: 'background' });
  if (vectors.length !== pending.length) throw new Error(`${embedder.model} returned ${vectors.length} vectors for ${pending.length} texts`);
  const dims = vectors[0].length;
  if (vectors.some((v) => v.length !== dims)) throw new Error(`${embedder.model} returned vectors of different lengths`);
  const items = pending.map((p, k) => ({ t: p.entity_type, i: p.entity_id, n: p.chunk_no, h: p.content_hash, e: vectorLiteral(vectors[k]) }));
  // content_hash guards against text that changed while it was being embedded: that chunk waits again.
  const r = await db.execute(sql`
    update search_chunks c set model = ${embedder.model}, dims = ${dims}, embedding = x.e::vector, updated_at = now()
    from jsonb_to_recordset(${JSON.stringify(items)}::jsonb) as x(t text, i uuid, n int, h text, e text)
    where c.organization_id = ${orgId} and c.entity_type = x.t and c.entity_id = x.i and c.chunk_no = x.n and c.content_hash = x.h`);
  return (r as unknown as { rowCount?: number; affectedRows?: number }).rowCount ?? (r as unknown as { affectedRows?: number }).affectedRows ?? pending.length;
}

export interface EmbedPassResult {
  embedded: number;
  /** Organizations whose provider failed this pass (they are retried later). */
  failed: { orgId: string; error: string }[];
  /** True when the time budget ran out with chunks still waiting. */
  more: boolean;
}

/**
 * Embeds waiting chunks until none wait or `budgetMs` is spent, round-robin over organizations.
 * A provider that fails is skipped for the rest of the pass and reported, never retried in a loop.
 */
export async function embedPending(db: Db, registry: EmbedderRegistry, opts: { budgetMs?: number; skip?: (orgId: string) => boolean; only?: string } = {}): Promise<EmbedPassResult> {
  const deadline = performance.now() + (opts.budgetMs ?? 20_000);
  const result: EmbedPassResult = { embedded: 0, failed: [], more: false };
  if (!(await vectorsAvailable(db))) return result;
  let orgs = (await organizationsWaiting(db)).filter((o) => !opts.skip?.(o.orgId) && (!opts.only || o.orgId === opts.only));
  while (orgs.length) {
    const next: typeof orgs = [];
    for (const o of orgs) {
      if (performance.now() > deadline) {
        result.more = true;
        return result;
      }
      try {
        const embedder = await registry.forOrg(db, o.orgId);
        const n = await embedRound(db, o.orgId, embedder);
        result.embedded += n;
        if (n > 0) next.push(o);
      } catch (err) {
        result.failed.push({ orgId: o.orgId, error: (err as Error).message });
      }
    }
    orgs = next;
  }
  return result;
}

/** Whether any chunk waits for a vector (for the job poll). */
export async function embeddingsPending(db: Db, skip?: (orgId: string) => boolean): Promise<boolean> {
  if (!(await vectorsAvailable(db))) return false;
  return (await organizationsWaiting(db)).some((o) => !skip?.(o.orgId));
}

export interface SearchStatus {
  semantic: boolean;
  reason?: string;
  model: string;
  dimensions: number | null;
  /** Outbox events not yet turned into search documents / chunks for this organization. */
  pendingEvents: number;
  chunks: { total: number; embedded: number; pending: number };
  /** embedded / total, 1 when there is nothing to embed. */
  progress: number;
  lastError?: string;
}

/** The organization's backlog and progress (GET /api/v1/search/status). */
export async function searchStatus(db: Db, orgId: string, registry: EmbedderRegistry, lastError?: string): Promise<SearchStatus> {
  const model = await registry.modelFor(db, orgId);
  const vectors = await vectorsAvailable(db);
  // Without vectors there is no chunks consumer: only the search index has a backlog.
  const cursor = (consumer: string) => sql`coalesce((select last_event_id from outbox_cursors where consumer = ${consumer}), 0)`;
  const behind = vectors ? sql`least(${cursor('search')}, ${cursor('chunks')})` : cursor('search');
  const events = rowsOf(await db.execute(sql`select count(*)::int as n from outbox_events where organization_id = ${orgId} and id > ${behind}`))[0];
  if (!vectors) {
    return { semantic: false, reason: NO_VECTORS_REASON, model, dimensions: null, pendingEvents: Number(events?.n ?? 0), chunks: { total: 0, embedded: 0, pending: 0 }, progress: 1 };
  }
  const c = rowsOf(await db.execute(sql`
    select count(*)::int as total, count(*) filter (where model = ${model})::int as embedded, max(dims) filter (where model = ${model}) as dims
    from search_chunks where organization_id = ${orgId}`))[0];
  const total = Number(c?.total ?? 0);
  const embedded = Number(c?.embedded ?? 0);
  return {
    semantic: true,
    model,
    dimensions: c?.dims == null ? null : Number(c.dims),
    pendingEvents: Number(events?.n ?? 0),
    chunks: { total, embedded, pending: total - embedded },
    progress: total === 0 ? 1 : Math.round((embedded / total) * 1000) / 1000,
    ...(lastError ? { lastError } : {}),
  };
}
