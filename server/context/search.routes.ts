import { createRoute, z } from '@hono/zod-openapi';
import { SearchModeSchema } from '../../contracts/context';
import { SearchHitSchema } from '../../contracts/responses';
import { errorResponses as errors, jsonResponse as json } from '../lib/openapi';
import { allow, apiRouter, serviceContext } from '../lib/http';
import type { Search } from './search';

export function searchRoutes(search: Search) {
  const r = apiRouter();
  r.openapi(
    createRoute({
      method: 'get', path: '/search', tags: ['Search'], summary: 'Search every record by words, similar spellings and meaning, ranked, with snippets and why each matched', middleware: [allow('viewer')] as const,
      request: {
        query: z.object({
          q: z.string().min(1, 'Type something to search for').max(200),
          types: z.string().max(200).optional().describe(`Comma-separated record types: ${search.types.join(', ')}`),
          limit: z.coerce.number().int().min(1).max(50).optional(),
          mode: SearchModeSchema.optional(),
        }),
      },
      responses: {
        200: json(
          z.object({
            data: z.array(SearchHitSchema),
            mode: SearchModeSchema,
            semantic: z.boolean().describe('Whether the meaning of the query took part; false where the database has no pgvector (words and spellings still answer)'),
            notice: z.string().optional().describe('Why meaning did not take part'),
          }),
          'Hits, best first',
        ),
        400: errors[400], 401: errors[401],
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const types = q.types?.split(',').map((t) => t.trim()).filter(Boolean);
      return c.json(await search.find(serviceContext(c), q.q, { types, limit: q.limit, mode: q.mode }), 200);
    },
  );
  return r;
}
