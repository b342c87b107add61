import { createRoute, z } from '@hono/zod-openapi';
import { IdParamSchema } from '../../../contracts/common';
import { DuplicatePairSchema } from '../../../contracts/responses';
import { errorResponses as errors, jsonResponse as json } from '../../lib/openapi';
import { allow, apiRouter, serviceContext } from '../../lib/http';
import { servicesWith } from '../registry';
import { MergeInputSchema, mergeService } from './merge.service';

/** Mounted before the generic /{resource}/{id} routes, so "duplicates" is not taken for an id. */
export function mergeRoutes() {
  const r = apiRouter();
  for (const { def } of servicesWith('merge')) {
    const service = mergeService(def.type);
    const { resource } = def;
    const tags = [def.plural];
    r.openapi(
      createRoute({ method: 'get', path: `/${resource}/duplicates`, tags, summary: `Likely duplicate ${resource}, scored`, middleware: [allow('viewer')] as const, responses: { 200: json(z.object({ data: z.array(DuplicatePairSchema) }), 'Pairs, most likely first'), 401: errors[401] } }),
      async (c) => c.json({ data: await service.duplicates(serviceContext(c)) }, 200),
    );
    r.openapi(
      createRoute({
        method: 'post', path: `/${resource}/{id}/merge`, tags, summary: `Merge other ${resource} into this one (blanks filled, references moved, others deleted)`, middleware: [allow('member')] as const,
        request: { params: IdParamSchema, body: { content: { 'application/json': { schema: MergeInputSchema } }, required: true } },
        responses: { 200: json(z.object({ data: def.itemSchema }), 'The survivor'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
      }),
      async (c) => c.json({ data: await service.merge(serviceContext(c), c.req.valid('param').id, c.req.valid('json')) }, 200),
    );
  }
  return r;
}
