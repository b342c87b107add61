import { createRoute, z } from '@hono/zod-openapi';
import { CompanySchema } from '../../../contracts/companies';
import { ContactSchema } from '../../../contracts/contacts';
import { errorResponses as errors, jsonResponse as json } from '../../lib/crud-routes';
import { allow, apiRouter, serviceContext } from '../../lib/http';
import { MergeInputSchema, mergeService, type MergeKind } from './merge.service';

const PairSchema = z.object({ a: z.object({ id: z.string(), title: z.string() }), b: z.object({ id: z.string(), title: z.string() }), score: z.number(), reasons: z.array(z.string()) });

/** Mounted before the generic /{resource}/{id} routes, so "duplicates" is not taken for an id. */
export function mergeRoutes() {
  const r = apiRouter();
  for (const [kind, resource, item] of [['contact', 'contacts', ContactSchema], ['company', 'companies', CompanySchema]] as const) {
    const service = mergeService(kind as MergeKind);
    const tags = [kind === 'contact' ? 'Contacts' : 'Companies'];
    r.openapi(
      createRoute({ method: 'get', path: `/${resource}/duplicates`, tags, summary: `Likely duplicate ${resource}, scored`, middleware: [allow('viewer')] as const, responses: { 200: json(z.object({ data: z.array(PairSchema) }), 'Pairs, most likely first'), 401: errors[401] } }),
      async (c) => c.json({ data: await service.duplicates(serviceContext(c)) }, 200),
    );
    r.openapi(
      createRoute({
        method: 'post', path: `/${resource}/{id}/merge`, tags, summary: `Merge other ${resource} into this one (blanks filled, references moved, others deleted)`, middleware: [allow('member')] as const,
        request: { params: z.object({ id: z.uuid({ message: 'must be a UUID' }) }), body: { content: { 'application/json': { schema: MergeInputSchema } }, required: true } },
        responses: { 200: json(z.object({ data: item as z.ZodType }), 'The survivor'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
      }),
      async (c) => c.json({ data: await service.merge(serviceContext(c), c.req.valid('param').id, c.req.valid('json')) }, 200),
    );
  }
  return r;
}
