import { createRoute, z } from '@hono/zod-openapi';
import { IdParamSchema } from '../../../contracts/common';
import { DealMoveSchema, DealSchema } from '../../../contracts/sales';
import { errorResponses as errors, jsonResponse as json } from '../../lib/openapi';
import { allow, apiRouter, serviceContext } from '../../lib/http';
import { moveDeal } from './deals.service';

/** Board moves; the rest of /deals is the generic CRUD from the registry. */
export function dealRoutes() {
  const r = apiRouter();
  r.openapi(
    createRoute({
      method: 'post', path: '/deals/{id}/move', tags: ['Deals'], summary: 'Move a deal to a stage and position (board drag and drop)', middleware: [allow('member')] as const,
      request: { params: IdParamSchema, body: { content: { 'application/json': { schema: DealMoveSchema } }, required: true } },
      responses: { 200: json(z.object({ data: DealSchema as z.ZodType }), 'The moved deal'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => c.json({ data: await moveDeal(serviceContext(c), c.req.valid('param').id, c.req.valid('json')) }, 200),
  );
  return r;
}
