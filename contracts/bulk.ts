// Bulk actions (Issue 15.4): POST /{resource}/bulk changes many records, each through the one write
// path with its own activity; the activities share the batch id, so one undo reverts the batch.
import { z } from 'zod';

export const BULK_ACTIONS = ['update', 'assign', 'tag', 'untag', 'delete'] as const;
export const BULK_MAX_IDS = 10_000;
export const BULK_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;

export const BulkRequestSchema = z
  .strictObject({
    ids: z.array(z.uuid({ message: 'must be a UUID' })).min(1).max(BULK_MAX_IDS).optional().describe('The records to change (or give `filter`)'),
    filter: z
      .union([z.record(z.string(), z.unknown()), z.string().max(4000)])
      .optional()
      .describe('Every record matching this list filter (the same JSON as ?filter=; {} is all), instead of `ids`'),
    q: z.string().max(200).optional().describe('With `filter`: the list\'s free-text search too'),
    viewId: z.uuid({ message: 'must be a UUID' }).optional().describe('With `filter`: a saved view of the resource, applied as in GET /{resource}?viewId='),
    action: z.enum(BULK_ACTIONS).describe('update: set `values` fields; assign: `values.ownerId`; tag/untag: `values.tags`; delete (soft, restorable)'),
    values: z.record(z.string(), z.unknown()).optional().describe('update: the fields to set (as PATCH); assign: {ownerId}; tag/untag: {tags: [..]}'),
  })
  .refine((b) => (b.ids === undefined) !== (b.filter === undefined), { message: 'give either ids or filter', path: ['ids'] });
export type BulkRequest = z.input<typeof BulkRequestSchema>;

export const BulkFailureSchema = z.object({ id: z.string(), error: z.string() });

/** A batch run in the request (200). */
export const BulkResultSchema = z.object({
  batchId: z.string().describe('Undo it all with POST /bulk-jobs/{batchId}/undo'),
  total: z.number().int(),
  succeeded: z.number().int(),
  failed: z.array(BulkFailureSchema).describe('Records not changed, each with the reason (not found, not yours to edit, invalid, …)'),
});
export type BulkResult = z.infer<typeof BulkResultSchema>;

/** A batch past BULK_JOB_THRESHOLD: queued as a background job (202). */
export const BulkQueuedSchema = z.object({
  jobId: z.string().describe('Follow it at GET /bulk-jobs/{jobId}'),
  batchId: z.string(),
  total: z.number().int(),
  status: z.enum(BULK_STATUSES),
});

export const BulkJobSchema = z.object({
  id: z.string(),
  batchId: z.string(),
  resource: z.string(),
  action: z.enum(BULK_ACTIONS),
  status: z.enum(BULK_STATUSES),
  total: z.number().int(),
  done: z.number().int().describe('Processed so far (succeeded + failed)'),
  succeeded: z.number().int(),
  failed: z.number().int(),
  failures: z.array(BulkFailureSchema),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  undoneAt: z.string().nullable(),
});
export type BulkJob = z.infer<typeof BulkJobSchema>;

export const BulkUndoResultSchema = z.object({
  batchId: z.string(),
  total: z.number().int().describe('Changes of the batch to revert'),
  undone: z.number().int(),
  failed: z.array(BulkFailureSchema).describe('Records not reverted (changed since, or no longer yours to edit)'),
});
export type BulkUndoResult = z.infer<typeof BulkUndoResultSchema>;
