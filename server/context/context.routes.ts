// The context layer's own endpoints: indexing status and the organization's embedding model.
import { createRoute, z } from '@hono/zod-openapi';
import { EmbeddingSettingsInputSchema, EmbeddingSettingsSchema, SearchStatusSchema } from '../../contracts/context';
import { errorResponses as errors, jsonResponse as json } from '../lib/openapi';
import { allow, apiRouter, serviceContext } from '../lib/http';
import type { EmbedderRegistry } from './embedder';
import type { EmbeddingSettingsService } from './embedding-settings';
import { searchStatus } from './embeddings';
import { requireRole } from '../lib/roles';

export function contextRoutes(deps: { registry: EmbedderRegistry; settings: EmbeddingSettingsService; lastError?: (orgId: string) => string | undefined }) {
  const r = apiRouter();
  r.openapi(
    createRoute({
      method: 'get', path: '/search/status', tags: ['Search'], summary: 'Indexing backlog and embedding progress of your organization, and whether semantic retrieval is on', middleware: [allow('viewer')] as const,
      responses: { 200: json(z.object({ data: SearchStatusSchema }), 'Status'), 401: errors[401] },
    }),
    async (c) => {
      const ctx = serviceContext(c);
      requireRole(ctx, 'viewer');
      return c.json({ data: await searchStatus(ctx.db, ctx.orgId, deps.registry, deps.lastError?.(ctx.orgId)) }, 200);
    },
  );
  const one = json(z.object({ data: EmbeddingSettingsSchema }), 'Embedding settings (the key masked)');
  r.openapi(
    createRoute({ method: 'get', path: '/settings/embeddings', tags: ['Settings'], summary: "The organization's embedding model", middleware: [allow('admin')] as const, responses: { 200: one, 401: errors[401], 403: errors[403] } }),
    async (c) => c.json({ data: await deps.settings.get(serviceContext(c)) }, 200),
  );
  r.openapi(
    createRoute({
      method: 'put', path: '/settings/embeddings', tags: ['Settings'], summary: "Set the organization's embedding model (records are re-embedded in the background)", middleware: [allow('admin')] as const,
      request: { body: { content: { 'application/json': { schema: EmbeddingSettingsInputSchema } }, required: true } },
      responses: { 200: one, 400: errors[400], 401: errors[401], 403: errors[403], 422: { description: 'The provider refused or did not answer the probe (key, model or address); nothing saved', content: errors[400].content } },
    }),
    async (c) => c.json({ data: await deps.settings.put(serviceContext(c), c.req.valid('json')) }, 200),
  );
  return r;
}
