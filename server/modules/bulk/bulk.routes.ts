// POST /{resource}/bulk for every record type, the progress of a batch and its undo (Issue 15.4).
import { createRoute, z } from '@hono/zod-openapi';
import { BulkJobSchema, BulkQueuedSchema, BulkRequestSchema, BulkResultSchema, BulkUndoResultSchema } from '../../../contracts/bulk';
import { IdParamSchema } from '../../../contracts/common';
import { allow, apiRouter, serviceContext } from '../../lib/http';
import { errorResponses as errors, jsonBody, jsonResponse as json } from '../../lib/openapi';
import { entityServices } from '../registry';
import type { BulkService } from './bulk.service';

export function bulkRoutes(bulk: BulkService, threshold: number) {
  const r = apiRouter();
  for (const { def } of entityServices) {
    r.openapi(
      createRoute({
        method: 'post', path: `/${def.resource}/bulk`, tags: [def.plural], middleware: [allow('member')] as const,
        summary: `Change many ${def.resource} at once (update, assign, tag, untag, delete)`,
        description: `Each record goes through the same checks and write as a single change and gets its own activity; records you may not change are listed in \`failed\`. Up to ${threshold} records (BULK_JOB_THRESHOLD) run now (200); more run in the background (202, follow GET /bulk-jobs/{jobId}). Undo the whole batch with POST /bulk-jobs/{batchId}/undo.`,
        request: jsonBody(BulkRequestSchema, { ids: ['00000000-0000-4000-8000-000000000001'], action: 'tag', values: { tags: ['vip'] } }),
        responses: {
          200: json(z.object({ data: BulkResultSchema }), 'Done'),
          202: json(z.object({ data: BulkQueuedSchema }), 'Queued as a background job'),
          400: errors[400], 401: errors[401], 403: errors[403],
        },
      }),
      async (c) => {
        const out = await bulk.run(serviceContext(c), def.resource, c.req.valid('json'));
        if (out.queued) return c.json({ data: { jobId: out.job.id, batchId: out.job.batchId, total: out.job.total, status: out.job.status } }, 202);
        return c.json({ data: out.result }, 200);
      },
    );
  }
  r.openapi(
    createRoute({
      method: 'get', path: '/bulk-jobs/{id}', tags: ['Bulk actions'], summary: 'Progress of a bulk action', middleware: [allow('viewer')] as const,
      request: { params: IdParamSchema },
      responses: { 200: json(z.object({ data: BulkJobSchema }), '{total, done, failed, status, …}'), 401: errors[401], 404: errors[404] },
    }),
    async (c) => c.json({ data: await bulk.get(serviceContext(c), c.req.valid('param').id) }, 200),
  );
  r.openapi(
    createRoute({
      method: 'post', path: '/bulk-jobs/{id}/undo', tags: ['Bulk actions'], summary: 'Undo every change of a bulk action', middleware: [allow('member')] as const,
      description: 'Reverts each change of the batch through the timeline undo (POST /activities/{id}/undo). A record changed since is left as it is and listed in `failed`.',
      request: { params: IdParamSchema },
      responses: { 200: json(z.object({ data: BulkUndoResultSchema }), 'Undone'), 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
    }),
    async (c) => c.json({ data: await bulk.undo(serviceContext(c), c.req.valid('param').id) }, 200),
  );
  return r;
}
