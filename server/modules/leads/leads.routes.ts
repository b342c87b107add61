import { createRoute, z } from '@hono/zod-openapi';
import { IdParamSchema } from '../../../contracts/common';
import { ConvertResultSchema, type ConvertResult } from '../../../contracts/responses';
import { LeadConvertSchema } from '../../../contracts/sales';
import { errorResponses as errors, jsonResponse as json } from '../../lib/openapi';
import { allow, apiRouter, serviceContext } from '../../lib/http';
import { convertLead } from './leads.service';


export function leadRoutes() {
  const r = apiRouter();
  r.openapi(
    createRoute({
      method: 'post', path: '/leads/{id}/convert', tags: ['Leads'], summary: 'Convert a lead into company + contact + deal (+ task), in one transaction', middleware: [allow('member')] as const,
      request: { params: IdParamSchema, body: { content: { 'application/json': { schema: LeadConvertSchema } } } },
      responses: { 200: json(z.object({ data: ConvertResultSchema }), 'What the lead became'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
    }),
    async (c) => {
      const input = await c.req.json().catch(() => ({}));
      // The records come from the generic write path as rows; their shape is the entities' item schemas.
      return c.json({ data: (await convertLead(serviceContext(c), c.req.valid('param').id, input)) as unknown as ConvertResult }, 200);
    },
  );
  return r;
}
