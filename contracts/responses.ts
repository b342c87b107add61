// Response shapes of the endpoints that are not a record's own (record schemas live beside their
// inputs: contacts.ts, sales.ts, …). The routes declare these in the OpenAPI document and the web
// imports their types, so the two cannot drift.
import { z } from 'zod';

/** One global search hit (GET /search, the assistant's search tool). */
export const SearchHitSchema = z.object({
  type: z.string(),
  id: z.string(),
  title: z.string(),
  snippet: z.string(),
  /** Why it matched: the words found, and/or a similar spelling. */
  why: z.string(),
  score: z.number(),
  /** The record's web path, for links and citations. */
  url: z.string(),
});
export type SearchHit = z.infer<typeof SearchHitSchema>;

/** A likely pair of duplicates (GET /{resource}/duplicates). */
export const DuplicatePairSchema = z.object({
  a: z.object({ id: z.string(), title: z.string() }),
  b: z.object({ id: z.string(), title: z.string() }),
  score: z.number(),
  reasons: z.array(z.string()),
});
export type DuplicatePair = z.infer<typeof DuplicatePairSchema>;
