import { createRoute, z } from '@hono/zod-openapi';
import { DealSchema, LeadConvertSchema, LeadSchema } from '../../../contracts/sales';
import { errorResponses as errors, jsonResponse as json } from '../../lib/openapi';
import { allow, apiRouter, serviceContext } from '../../lib/http';
import { convertLead } from './leads.service';

const ConvertResultSchema: z.ZodType = z.object({
  lead: LeadSchema,
  company: z.object({ id: z.string(), name: z.string(), created: z.boolean() }).nullable(),
  contact: z.object({ id: z.string(), created: z.boolean() }),
  deal: DealSchema,
  task: z.object({ id: z.string(), title: z.string() }).passthrough().nullable(),
});

export function leadRoutes() {
  const r = apiRouter();
  r.openapi(
    createRoute({
      method: 'post', path: '/leads/{id}/convert', tags: ['Leads'], summary: 'Convert a lead into company + contact + deal (+ task), in one transaction', middleware: [allow('member')] as const,
      request: { params: z.object({ id: z.uuid({ message: 'must be a UUID' }) }), body: { content: { 'application/json': { schema: LeadConvertSchema } } } },
      responses: { 200: json(z.object({ data: ConvertResultSchema }), 'What the lead became'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
    }),
    async (c) => {
      const input = await c.req.json().catch(() => ({}));
      return c.json({ data: await convertLead(serviceContext(c), c.req.valid('param').id, input) }, 200);
    },
  );
  return r;
}
