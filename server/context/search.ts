// Global search over search_documents: full-text (words), trigram (typos, partial words) and, where
// the database has pgvector, the meaning of the query against the records' embedded chunks — each
// ranked on its own and fused by reciprocal rank (DESIGN.md §5). Always scoped to one organization
// first: searching across tenants is both wrong and 6–9× slower.
//
// Modes: hybrid (default; words + spelling + meaning, and words + spelling alone where there are
// no vectors, saying so with `semantic: false`), words (no vectors), semantic (meaning only; a 400
// `semantic_unavailable` where the database has no vectors, since answering it with words would
// pass off keyword hits as meaning).
import { sql, type SQL } from 'drizzle-orm';
import type { SEARCH_MODES } from '../../contracts/context';
import type { ServiceContext } from '../lib/context';
import { readableRef } from '../lib/visibility';
import type { CrudService } from '../lib/crud';
import { AppError, fieldError } from '../lib/errors';
import { requireRole } from '../lib/roles';
import type { Embedder, EmbedderRegistry } from './embedder';
import { NO_VECTORS_REASON, vectorLiteral, vectorsAvailable } from './embeddings';
import { withoutHiddenText, type RawHit } from './hidden-text';
import { drainSearchIndex } from './indexer';

import type { SearchHit } from '../../contracts/responses';

export type { SearchHit };

export type SearchMode = (typeof SEARCH_MODES)[number];

export interface SearchResult {
  data: SearchHit[];
  mode: SearchMode;
  /** Whether the meaning of the query took part (vectors exist and the query was embedded). */
  semantic: boolean;
  /** Why it did not, when it did not. */
  notice?: string;
}

const RRF_K = 60;
const CANDIDATES = 50;
/**
 * Matches ranked per leg. Up to this many an organization's ranking is exact; a term in more
 * documents is ranked within the first RANK_WINDOW found (the way search engines bound rescoring).
 */
const RANK_WINDOW = 1000;
/** Nearest chunks read before grouping them by record. */
const VECTOR_CANDIDATES = 100;
/**
 * Cosine similarity below which a chunk is not "similar in meaning": without a floor the vector
 * leg returns the nearest records to anything, even to a name that matches nothing.
 */
const MIN_SIMILARITY = 0.25;
const QUERY_CACHE = 500;

/** Recent query vectors per model: typing the same search twice embeds it once. */
function queryCache() {
  const cache = new Map<string, number[]>();
  return {
    async vector(embedder: Embedder, text: string): Promise<number[]> {
      const key = `${embedder.model}\u0000${text}`;
      const hit = cache.get(key);
      if (hit) {
        cache.delete(key);
        cache.set(key, hit);
        return hit;
      }
      const [v] = await embedder.embed([text], { priority: 'query' });
      cache.set(key, v);
      if (cache.size > QUERY_CACHE) cache.delete(cache.keys().next().value!);
      return v;
    },
  };
}

/**
 * `embedders` turns on the meaning leg (where the database has vectors); without it search is
 * words + spelling, as before the context layer.
 */
export function createSearch(services: CrudService[], embedders?: EmbedderRegistry) {
  const resources = new Map(services.map((s) => [s.def.type, s.def.resource]));
  const byType = new Map(services.map((s) => [s.def.type, s]));
  const queries = queryCache();

  /** The query's vector, or why there is none. Never throws in hybrid mode: words still answer. */
  async function meaningOf(ctx: ServiceContext, text: string, mode: SearchMode): Promise<{ embedder: Embedder; vector: number[] } | { notice: string }> {
    if (!embedders) {
      if (mode === 'semantic') throw new AppError(400, 'semantic_unavailable', 'This search answers by words and spelling only.', [{ path: 'mode', message: 'use mode=hybrid or mode=words' }]);
      return { notice: 'This search answers by words and spelling only.' };
    }
    if (!(await vectorsAvailable(ctx.db))) {
      if (mode === 'semantic') throw new AppError(400, 'semantic_unavailable', NO_VECTORS_REASON, [{ path: 'mode', message: 'semantic search needs pgvector; use mode=hybrid or mode=words' }]);
      return { notice: NO_VECTORS_REASON };
    }
    const embedder = await embedders.forOrg(ctx.db, ctx.orgId);
    try {
      return { embedder, vector: await queries.vector(embedder, text) };
    } catch (err) {
      if (mode === 'semantic') throw new AppError(502, 'embedding_failed', `Could not embed the query with ${embedder.model}: ${(err as Error).message}`);
      return { notice: `The query could not be embedded (${embedder.model}), so this answer is by words only.` };
    }
  }

  return {
    types: [...resources.keys()],

    /** Hits only (the assistant's tool and older callers). */
    async search(ctx: ServiceContext, q: string, opts: { types?: string[]; limit?: number; mode?: SearchMode } = {}): Promise<SearchHit[]> {
      return (await this.find(ctx, q, opts)).data;
    },

    async find(ctx: ServiceContext, q: string, opts: { types?: string[]; limit?: number; mode?: SearchMode } = {}): Promise<SearchResult> {
      requireRole(ctx, 'viewer');
      const mode = opts.mode ?? 'hybrid';
      const text = q.trim();
      if (!text) return { data: [], mode, semantic: false };
      const types = opts.types?.length ? opts.types : [...resources.keys()];
      const unknown = types.find((t) => !resources.has(t));
      if (unknown) throw fieldError('types', `unknown type "${unknown}"; use: ${[...resources.keys()].join(', ')}`);
      const limit = Math.min(Math.max(opts.limit ?? 20, 1), 50);
      const meaning = mode === 'words' ? undefined : await meaningOf(ctx, text, mode);
      const vector = meaning && 'vector' in meaning ? meaning : undefined;
      // Read your own writes: index what the outbox holds before answering.
      await drainSearchIndex(ctx.db, services);
      const rows = await ctx.db.transaction(async (tx) => {
        // Looser than the 0.6 default so one typo in a short name still matches; local to this query.
        await tx.execute(sql`select set_config('pg_trgm.word_similarity_threshold', '0.4', true)`);
        if (vector) {
          // The HNSW scan keeps going past chunks of other organizations until it has enough of ours.
          await tx.execute(sql`select set_config('hnsw.iterative_scan', 'relaxed_order', true), set_config('hnsw.ef_search', ${String(VECTOR_CANDIDATES)}, true)`);
        }
        const typeList = sql.join(types.map((t) => sql`${t}`), sql`, `);
        // Owner-only visibility (lib/visibility.ts): documents of records the caller may not see never rank or show.
        const visible = readableRef(ctx, sql`d.entity_type`, sql`d.entity_id`) ?? sql`true`;
        const lexical = mode !== 'semantic';
        const legs: SQL[] = [];
        if (lexical) legs.push(sql`select entity_type, entity_id, rank, 'words' as src, null::int as chunk_no from words`, sql`select entity_type, entity_id, rank, 'spelling' as src, null::int as chunk_no from spelling`);
        if (vector) legs.push(sql`select entity_type, entity_id, rank, 'meaning' as src, chunk_no from meaning`);
        const meaningCte = vector ? meaningSql(ctx.orgId, typeList, vector.embedder.model, vector.vector) : sql``;
        const r = await tx.execute(sql`
          with query as (select websearch_to_tsquery('simple', ${text}) as tsq),
          ${meaningCte}
          words as (
            select w.entity_type, w.entity_id, row_number() over (order by ts_rank(w.tsv, query.tsq) desc) as rank
            from (
              -- The rank window: a word in thousands of documents (a common surname at 1M
              -- contacts) would otherwise read every one of them to rank them.
              select d.entity_type, d.entity_id, d.tsv from search_documents d, query
              where d.organization_id = ${ctx.orgId} and d.entity_type in (${typeList}) and d.tsv @@ query.tsq and ${visible}
              limit ${RANK_WINDOW}
            ) w, query
            order by ts_rank(w.tsv, query.tsq) desc limit ${CANDIDATES}
          ),
          spelling as (
            select s.entity_type, s.entity_id,
                   row_number() over (order by greatest(word_similarity(${text}, s.title), word_similarity(${text}, s.body)) desc) as rank
            from (
              select d.entity_type, d.entity_id, d.title, d.body from search_documents d
              where d.organization_id = ${ctx.orgId} and d.entity_type in (${typeList}) and ${visible}
                and (${text} <% d.title or ${text} <% d.body)
                -- Similar spellings are for when the words themselves find too little (a typo, a
                -- fragment); when they fill the page the trigram scan, the costly part, is skipped.
                and (select count(*) from words) < ${limit}
              limit ${RANK_WINDOW}
            ) s
            order by greatest(word_similarity(${text}, s.title), word_similarity(${text}, s.body)) desc limit ${CANDIDATES}
          ),
          fused as (
            select entity_type, entity_id, sum(1.0 / (${RRF_K} + rank)) as score,
                   bool_or(src = 'words') as by_words, bool_or(src = 'spelling') as by_spelling,
                   bool_or(src = 'meaning') as by_meaning, min(chunk_no) as chunk_no
            from (${sql.join(legs, sql` union all `)}) hits
            group by entity_type, entity_id
          )
          select f.entity_type, f.entity_id::text, f.score::float8 as score, f.by_words, f.by_spelling, f.by_meaning, f.chunk_no, d.title,
                 ts_headline('simple', d.body, query.tsq, 'MaxWords=18, MinWords=6, StartSel=**, StopSel=**') as headline,
                 left(d.body, 160) as opening,
                 ${vector ? sql`(select left(c.content, 160) from search_chunks c where c.organization_id = ${ctx.orgId} and c.entity_type = f.entity_type and c.entity_id = f.entity_id and c.chunk_no = f.chunk_no)` : sql`null::text`} as passage
          from fused f
          join search_documents d on d.organization_id = ${ctx.orgId} and d.entity_type = f.entity_type and d.entity_id = f.entity_id and ${visible}
          cross join query
          order by f.score desc, d.title
          limit ${limit}`);
        return (r as unknown as { rows: RawHit[] }).rows;
      });
      // Fields hidden from the caller's role neither match nor show (field-level permissions).
      const shown = await withoutHiddenText(ctx, byType, rows, text);
      const data = shown.map((r) => {
        const type = String(r.entity_type);
        const why = [r.by_words ? `words: ${text}` : null, r.by_spelling ? 'similar spelling' : null, r.by_meaning ? 'similar meaning' : null].filter(Boolean).join('; ');
        const headline = String(r.headline ?? '');
        return {
          type,
          id: String(r.entity_id),
          title: String(r.title),
          snippet: r.by_words && headline.includes('**') ? headline : String(r.passage ?? r.opening ?? ''),
          why,
          score: Number(r.score),
          url: `/${resources.get(type)}/${String(r.entity_id)}`,
        };
      });
      return { data, mode, semantic: Boolean(vector), ...(meaning && 'notice' in meaning ? { notice: meaning.notice } : {}) };
    },
  };
}

/**
 * The meaning leg: the organization's chunks nearest to the query vector (cosine), best chunk per
 * record, above the similarity floor. The dimension is written into the SQL (not a parameter) so
 * the planner can match the partial HNSW index for it.
 */
function meaningSql(orgId: string, typeList: SQL, model: string, vector: number[]): SQL {
  const dims = sql.raw(String(Math.trunc(vector.length)));
  const q = sql`${vectorLiteral(vector)}::vector(${dims})`;
  return sql`
    nearest as (
      select c.entity_type, c.entity_id, c.chunk_no, (c.embedding::vector(${dims})) <=> ${q} as dist
      from search_chunks c
      where c.organization_id = ${orgId} and c.model = ${model} and c.dims = ${dims} and c.entity_type in (${typeList})
      order by (c.embedding::vector(${dims})) <=> ${q}
      limit ${VECTOR_CANDIDATES}
    ),
    best as (
      select distinct on (entity_type, entity_id) entity_type, entity_id, chunk_no, dist
      from nearest where dist <= ${1 - MIN_SIMILARITY}
      order by entity_type, entity_id, dist
    ),
    meaning as (
      select entity_type, entity_id, chunk_no, row_number() over (order by dist) as rank
      from best order by dist limit ${CANDIDATES}
    ),`;
}

export type Search = ReturnType<typeof createSearch>;
