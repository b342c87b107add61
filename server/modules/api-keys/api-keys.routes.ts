import { createRoute, z } from '@hono/zod-openapi';
import { ApiKeyCreateSchema, ApiKeyCreatedSchema, ApiKeySchema } from '../../../contracts/members';
import type { Auth } from '../../auth';
import { errorResponses as errors, jsonResponse as json } from '../../lib/openapi';
import { allow, apiRouter, serviceContext } from '../../lib/http';
import { apiKeyService } from './api-keys.service';

const tags = ['API keys'];
const KeyIdParam = z.object({ id: z.string().min(1).max(100) });

export function apiKeyRoutes(auth: Auth) {
  const service = apiKeyService(auth);
  const r = apiRouter();
  r.openapi(
    createRoute({
      method: 'post', path: '/api-keys', tags, summary: 'Create an API key (the key is returned once)', middleware: [allow('admin')] as const,
      request: { body: { content: { 'application/json': { schema: ApiKeyCreateSchema } }, required: true } },
      responses: { 201: json(z.object({ data: ApiKeyCreatedSchema }), 'Created; copy the key now'), 400: errors[400], 401: errors[401], 403: errors[403] },
    }),
    async (c) => c.json({ data: await service.create(serviceContext(c), c.req.valid('json')) }, 201),
  );
  r.openapi(
    createRoute({
      method: 'get', path: '/api-keys', tags, summary: 'List API keys (masked)', middleware: [allow('admin')] as const,
      responses: { 200: json(z.object({ data: z.array(ApiKeySchema) }), 'Keys of this organization'), 401: errors[401], 403: errors[403] },
    }),
    async (c) => c.json({ data: await service.list(serviceContext(c)) }, 200),
  );
  r.openapi(
    createRoute({
      method: 'delete', path: '/api-keys/{id}', tags, summary: 'Revoke an API key', middleware: [allow('admin')] as const,
      request: { params: KeyIdParam },
      responses: { 204: { description: 'Revoked' }, 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      await service.revoke(serviceContext(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  return r;
}
