// Search hits as the caller's role may see them (Issue 14.3): the index holds each record's whole
// text, but a field hidden from the role (field-level permissions) must neither make a record match
// nor show in its snippet or title. For a role with hidden fields in a type, each hit of that type is
// re-read, its text rebuilt without those fields, and the query checked against that text again;
// the snippet is drawn from it. Done at query time, not in the index, so changing a rule takes
// effect at once without re-indexing, and callers without hidden fields (the usual case) pay nothing.
import { inArray, and, eq, sql } from 'drizzle-orm';
import type { ServiceContext } from '../lib/context';
import type { CrudService, Row } from '../lib/crud';
import { fieldRules, restrictedFields, withoutHidden } from '../lib/field-permissions';
import { documentFor } from './indexer';

/** One fused hit before it is shaped for the answer (the columns search.ts selects). */
export interface RawHit extends Record<string, unknown> {
  entity_type: unknown;
  entity_id: unknown;
  by_words: unknown;
  by_spelling: unknown;
  by_meaning: unknown;
  title: unknown;
  headline: unknown;
  opening: unknown;
  passage: unknown;
  /** The best chunk of a hit by meaning. */
  chunk_no: unknown;
}

/** The text values of the hidden fields (what must not show through a chunk of the record). */
function hiddenValues(row: Row, hidden: string[]): string[] {
  const out: string[] = [];
  for (const f of hidden) {
    const v = f.startsWith('customFields.') ? (row.customFields as Record<string, unknown> | null)?.[f.slice('customFields.'.length)] : row[f];
    for (const x of Array.isArray(v) ? v : [v]) if ((typeof x === 'string' || typeof x === 'number') && String(x).trim().length > 1) out.push(String(x).trim().toLowerCase());
  }
  return out;
}

/** array[$1, $2, …]::text[] (drizzle spreads a JS array into a parameter list, not an array). */
const textArray = (values: string[]) => sql`array[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]`;

export async function withoutHiddenText(ctx: ServiceContext, services: Map<string, CrudService>, rows: RawHit[], text: string): Promise<RawHit[]> {
  if (ctx.role === 'owner' || rows.length === 0) return rows;
  const rules = await fieldRules(ctx.db, ctx.orgId);
  const hiddenOf = new Map<string, string[]>();
  for (const type of new Set(rows.map((r) => String(r.entity_type)))) {
    const { hidden } = restrictedFields(rules, type, ctx.role);
    if (hidden.length) hiddenOf.set(type, hidden);
  }
  if (hiddenOf.size === 0) return rows;

  const rebuilt = new Map<string, { title: string; body: string; values: string[] }>();
  for (const [type, hidden] of hiddenOf) {
    const service = services.get(type);
    if (!service) continue;
    const t = service.def.table;
    const ids = rows.filter((r) => String(r.entity_type) === type).map((r) => String(r.entity_id));
    const records = (await ctx.db.select().from(t).where(and(eq(t.organizationId, ctx.orgId), inArray(t.id, ids)))) as Row[];
    for (const row of records) rebuilt.set(`${type}:${row.id}`, { ...documentFor(withoutHidden(row, hidden)), values: hiddenValues(row, hidden) });
  }

  // The query against the rebuilt texts, in one statement: words, similar spelling (the same
  // threshold the search sets), the headline.
  const keys = [...rebuilt.keys()];
  const checked = new Map<string, { words: boolean; spelling: boolean; headline: string; opening: string }>();
  if (keys.length) {
    const r = await ctx.db.execute(sql`
      select t.key, (setweight(to_tsvector('simple', t.title), 'A') || to_tsvector('simple', t.body)) @@ q.tsq as words,
             greatest(word_similarity(${text}, t.title), word_similarity(${text}, t.body)) >= 0.4 as spelling,
             ts_headline('simple', t.body, q.tsq, 'MaxWords=18, MinWords=6, StartSel=**, StopSel=**') as headline,
             left(t.body, 160) as opening
      from unnest(${textArray(keys)}, ${textArray(keys.map((k) => rebuilt.get(k)!.title))}, ${textArray(keys.map((k) => rebuilt.get(k)!.body))}) as t(key, title, body),
           (select websearch_to_tsquery('simple', ${text}) as tsq) q`);
    for (const x of (r as unknown as { rows: { key: string; words: boolean; spelling: boolean; headline: string; opening: string }[] }).rows) checked.set(x.key, x);
  }

  // A hit by meaning stays only when its best chunk (all of it, not the passage shown) carries none
  // of the hidden values: otherwise the hidden text may be what it resembles.
  const byMeaning = rows.filter((r) => r.by_meaning && r.chunk_no != null && hiddenOf.has(String(r.entity_type)));
  const chunkText = new Map<string, string>();
  if (byMeaning.length) {
    const wanted = sql.join(byMeaning.map((r) => sql`(${String(r.entity_type)}, ${String(r.entity_id)}::uuid, ${Number(r.chunk_no)}::int)`), sql`, `);
    const r = await ctx.db.execute(sql`select c.entity_type || ':' || c.entity_id::text as key, c.content from search_chunks c
      where c.organization_id = ${ctx.orgId} and (c.entity_type, c.entity_id, c.chunk_no) in (${wanted})`);
    for (const x of (r as unknown as { rows: { key: string; content: string }[] }).rows) chunkText.set(x.key, x.content.toLowerCase());
  }

  const out: RawHit[] = [];
  for (const row of rows) {
    const type = String(row.entity_type);
    if (!hiddenOf.has(type)) {
      out.push(row);
      continue;
    }
    const key = `${type}:${String(row.entity_id)}`;
    const doc = rebuilt.get(key);
    const check = checked.get(key);
    if (!doc || !check) continue;
    const chunk = chunkText.get(key);
    const meaningClean = Boolean(row.by_meaning) && chunk !== undefined && !doc.values.some((v) => chunk.includes(v));
    const byWords = Boolean(row.by_words) && check.words;
    const bySpelling = Boolean(row.by_spelling) && check.spelling;
    if (!byWords && !bySpelling && !meaningClean) continue;
    out.push({ ...row, title: doc.title, by_words: byWords, by_spelling: bySpelling, by_meaning: meaningClean, headline: check.headline, opening: check.opening, passage: meaningClean ? row.passage : null });
  }
  return out;
}
