// Global search over search_documents: full-text (words) and trigram (typos, partial words), each
// ranked on its own and fused by reciprocal rank (DESIGN.md §5). Always scoped to one organization
// first: searching across tenants is both wrong and 6–9× slower.
import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../lib/context';
import type { CrudService } from '../lib/crud';
import { fieldError } from '../lib/errors';
import { requireRole } from '../lib/roles';
import { drainSearchIndex } from './indexer';

import type { SearchHit } from '../../contracts/responses';

export type { SearchHit };

const RRF_K = 60;
const CANDIDATES = 50;

export function createSearch(services: CrudService[]) {
  const resources = new Map(services.map((s) => [s.def.type, s.def.resource]));
  return {
    types: [...resources.keys()],

    async search(ctx: ServiceContext, q: string, opts: { types?: string[]; limit?: number } = {}): Promise<SearchHit[]> {
      requireRole(ctx, 'viewer');
      const text = q.trim();
      if (!text) return [];
      const types = opts.types?.length ? opts.types : [...resources.keys()];
      const unknown = types.find((t) => !resources.has(t));
      if (unknown) throw fieldError('types', `unknown type "${unknown}"; use: ${[...resources.keys()].join(', ')}`);
      const limit = Math.min(Math.max(opts.limit ?? 20, 1), 50);
      // Read your own writes: index what the outbox holds before answering.
      await drainSearchIndex(ctx.db, services);
      const rows = await ctx.db.transaction(async (tx) => {
        // Looser than the 0.6 default so one typo in a short name still matches; local to this query.
        await tx.execute(sql`select set_config('pg_trgm.word_similarity_threshold', '0.4', true)`);
        const typeList = sql.join(types.map((t) => sql`${t}`), sql`, `);
        const r = await tx.execute(sql`
          with query as (select websearch_to_tsquery('simple', ${text}) as tsq),
          words as (
            select d.entity_type, d.entity_id, row_number() over (order by ts_rank(d.tsv, query.tsq) desc) as rank
            from search_documents d, query
            where d.organization_id = ${ctx.orgId} and d.entity_type in (${typeList}) and d.tsv @@ query.tsq
            order by ts_rank(d.tsv, query.tsq) desc limit ${CANDIDATES}
          ),
          spelling as (
            select d.entity_type, d.entity_id,
                   row_number() over (order by greatest(word_similarity(${text}, d.title), word_similarity(${text}, d.body)) desc) as rank
            from search_documents d
            where d.organization_id = ${ctx.orgId} and d.entity_type in (${typeList})
              and (${text} <% d.title or ${text} <% d.body)
            order by greatest(word_similarity(${text}, d.title), word_similarity(${text}, d.body)) desc limit ${CANDIDATES}
          ),
          fused as (
            select entity_type, entity_id, sum(1.0 / (${RRF_K} + rank)) as score,
                   bool_or(src = 'words') as by_words, bool_or(src = 'spelling') as by_spelling
            from (select *, 'words' as src from words union all select *, 'spelling' as src from spelling) hits
            group by entity_type, entity_id
          )
          select f.entity_type, f.entity_id::text, f.score::float8 as score, f.by_words, f.by_spelling, d.title,
                 ts_headline('simple', d.body, query.tsq, 'MaxWords=18, MinWords=6, StartSel=**, StopSel=**') as headline,
                 left(d.body, 160) as opening
          from fused f
          join search_documents d on d.organization_id = ${ctx.orgId} and d.entity_type = f.entity_type and d.entity_id = f.entity_id
          cross join query
          order by f.score desc, d.title
          limit ${limit}`);
        return (r as unknown as { rows: Record<string, unknown>[] }).rows;
      });
      return rows.map((r) => {
        const type = String(r.entity_type);
        const why = [r.by_words ? `words: ${text}` : null, r.by_spelling ? 'similar spelling' : null].filter(Boolean).join('; ');
        const headline = String(r.headline ?? '');
        return {
          type,
          id: String(r.entity_id),
          title: String(r.title),
          snippet: r.by_words && headline.includes('**') ? headline : String(r.opening ?? ''),
          why,
          score: Number(r.score),
          url: `/${resources.get(type)}/${String(r.entity_id)}`,
        };
      });
    },
  };
}

export type Search = ReturnType<typeof createSearch>;
