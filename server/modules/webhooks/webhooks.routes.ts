// /webhooks (admins): manage webhooks, read their delivery log, redeliver, rotate the secret.
import { createRoute, z } from '@hono/zod-openapi';
import { WebhookCreatedSchema, WebhookDeliverySchema, WebhookInputSchema, WebhookSchema, WebhookUpdateSchema } from '../../../contracts/webhooks';
import { allow, apiRouter, serviceContext } from '../../lib/http';
import { errorResponses as errors, jsonBody as body, jsonResponse as json } from '../../lib/openapi';
import type { WebhookService } from './webhooks.service';

const tags = ['Webhooks'];
const Id = z.object({ id: z.uuid() });

export function webhookRoutes(service: WebhookService) {
  const r = apiRouter();
  r.openapi(
    createRoute({ method: 'get', path: '/webhooks', tags, summary: 'List webhooks', middleware: [allow('admin')] as const, responses: { 200: json(z.object({ data: z.array(WebhookSchema) }), 'Webhooks of this organization'), 401: errors[401], 403: errors[403] } }),
    async (c) => c.json({ data: await service.list(serviceContext(c)) }, 200),
  );
  r.openapi(
    createRoute({
      method: 'post', path: '/webhooks', tags, summary: 'Create a webhook (the signing secret is returned once)', middleware: [allow('admin')] as const,
      request: body(WebhookInputSchema, { url: 'https://hooks.example.com/meridian', events: ['contact.created', 'deal.stage_changed', '*.deleted'] }),
      responses: { 201: json(z.object({ data: WebhookCreatedSchema }), 'Created; copy the secret now'), 400: errors[400], 401: errors[401], 403: errors[403] },
    }),
    async (c) => c.json({ data: await service.create(serviceContext(c), c.req.valid('json')) }, 201),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/webhooks/{id}', tags, summary: 'One webhook', middleware: [allow('admin')] as const, request: { params: Id }, responses: { 200: json(z.object({ data: WebhookSchema }), 'The webhook'), 401: errors[401], 403: errors[403], 404: errors[404] } }),
    async (c) => c.json({ data: await service.get(serviceContext(c), c.req.valid('param').id) }, 200),
  );
  r.openapi(
    createRoute({
      method: 'patch', path: '/webhooks/{id}', tags, summary: 'Change a webhook (switching it on clears its failure count)', middleware: [allow('admin')] as const,
      request: { params: Id, ...body(WebhookUpdateSchema) },
      responses: { 200: json(z.object({ data: WebhookSchema }), 'Updated'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => c.json({ data: await service.update(serviceContext(c), c.req.valid('param').id, c.req.valid('json')) }, 200),
  );
  r.openapi(
    createRoute({ method: 'delete', path: '/webhooks/{id}', tags, summary: 'Delete a webhook and its delivery log', middleware: [allow('admin')] as const, request: { params: Id }, responses: { 204: { description: 'Deleted' }, 401: errors[401], 403: errors[403], 404: errors[404] } }),
    async (c) => {
      await service.remove(serviceContext(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  r.openapi(
    createRoute({ method: 'post', path: '/webhooks/{id}/rotate-secret', tags, summary: 'Replace the signing secret (returned once)', middleware: [allow('admin')] as const, request: { params: Id }, responses: { 200: json(z.object({ data: WebhookCreatedSchema }), 'The new secret'), 401: errors[401], 403: errors[403], 404: errors[404] } }),
    async (c) => c.json({ data: await service.rotateSecret(serviceContext(c), c.req.valid('param').id) }, 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/webhooks/{id}/deliveries', tags, summary: 'The delivery log, newest first (last 50)', middleware: [allow('admin')] as const, request: { params: Id }, responses: { 200: json(z.object({ data: z.array(WebhookDeliverySchema) }), 'Deliveries'), 401: errors[401], 403: errors[403], 404: errors[404] } }),
    async (c) => c.json({ data: await service.deliveries(serviceContext(c), c.req.valid('param').id) }, 200),
  );
  r.openapi(
    createRoute({
      method: 'post', path: '/webhooks/{id}/deliveries/{deliveryId}/redeliver', tags, summary: 'Send a delivery again (same webhook-id and body)', middleware: [allow('admin')] as const,
      request: { params: z.object({ id: z.uuid(), deliveryId: z.uuid() }) },
      responses: { 202: json(z.object({ data: WebhookDeliverySchema }), 'Queued'), 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
    }),
    async (c) => {
      const { id, deliveryId } = c.req.valid('param');
      return c.json({ data: await service.redeliver(serviceContext(c), id, deliveryId) }, 202);
    },
  );
  return r;
}
