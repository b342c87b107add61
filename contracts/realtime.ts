// GET /api/v1/realtime: server-sent events of the organization's changes. Each `change` event says
// what changed and who changed it — never field values; the client refetches what it shows.
import { z } from 'zod';

export const RealtimeChangeSchema = z.object({
  /** The outbox id: also the SSE id, which a reconnecting EventSource sends back as Last-Event-ID. */
  id: z.number().int(),
  /** Catalogue type of the record (contact, deal, …) or another kind of row (api_key, member, …). */
  type: z.string(),
  entityId: z.string(),
  /** created, updated, deleted, restored, stage_changed, … */
  action: z.string(),
  actor: z.object({ type: z.string(), userId: z.string().nullable() }),
  /** The record's version after the change, when the change carries one. */
  version: z.number().int().nullable(),
  at: z.string(),
});
export type RealtimeChange = z.infer<typeof RealtimeChangeSchema>;

/** The stream's event names: `ready` once connected, `change` per change, `reset` when too far behind to replay (reload everything). */
export const REALTIME_EVENTS = ['ready', 'change', 'reset'] as const;
