// GET /realtime: the organization's changes as server-sent events (issue 13.4), resumable with
// Last-Event-ID, with a comment line as heartbeat so proxies keep the connection open.
import { createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { RealtimeChangeSchema } from '../../contracts/realtime';
import { errorResponses as errors } from '../lib/openapi';
import { allow, apiRouter, serviceContext } from '../lib/http';
import { requireRole } from '../lib/roles';
import { canRead } from '../lib/visibility';
import type { Delivery, RealtimeHub } from './hub';

export function realtimeRoutes(hub: RealtimeHub, heartbeatSeconds: number) {
  const r = apiRouter();
  r.openapi(
    createRoute({
      method: 'get', path: '/realtime', tags: ['Realtime'], middleware: [allow('viewer')] as const,
      summary: "A server-sent-events stream of your organization's changes (type, id, action, actor — no field values)",
      description:
        'Events: `ready` (connected), `change` (data: the change; id: its outbox id), `reset` (too far behind to replay: reload). ' +
        `Reconnect with Last-Event-ID to resume. A comment line every ${heartbeatSeconds} s keeps the connection open.`,
      request: { headers: z.object({ 'last-event-id': z.string().regex(/^\d{1,15}$/, 'must be an event id').optional() }) },
      responses: {
        200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: RealtimeChangeSchema } } },
        400: errors[400],
        401: errors[401],
      },
    }),
    async (c) => {
      const ctx = serviceContext(c);
      requireRole(ctx, 'viewer');
      const lastEventId = c.req.valid('header')['last-event-id'] === undefined ? undefined : Number(c.req.valid('header')['last-event-id']);
      return streamSSE(c, async (stream) => {
        const queue: Delivery[] = [];
        let wakeWriter: (() => void) | undefined;
        const unsubscribe = await hub.subscribe(ctx.orgId, lastEventId, (d) => {
          queue.push(d);
          wakeWriter?.();
        });
        stream.onAbort(() => {
          unsubscribe();
          wakeWriter?.();
        });
        await stream.writeSSE({ event: 'ready', data: JSON.stringify({ heartbeatSeconds }), retry: 3000 });
        // One writer drains the queue in order; between events it waits for the next or the heartbeat.
        while (!stream.aborted && !stream.closed) {
          const d = queue.shift();
          if (d?.kind === 'change') {
            // Owner-only visibility: a change to a record the caller may not see is not sent (checked as it goes out, so a reassignment shows at once).
            if (await canRead(ctx.db, ctx, d.event.type, d.event.entityId)) await stream.writeSSE({ event: 'change', id: String(d.event.id), data: JSON.stringify(d.event) });
          } else if (d?.kind === 'reset') await stream.writeSSE({ event: 'reset', data: '{}' });
          else {
            const beat = await new Promise<boolean>((resolve) => {
              const timer = setTimeout(() => resolve(true), heartbeatSeconds * 1000);
              wakeWriter = () => {
                clearTimeout(timer);
                resolve(false);
              };
            });
            wakeWriter = undefined;
            if (beat) await stream.write(': heartbeat\n\n');
          }
        }
        unsubscribe();
      });
    },
  );
  return r;
}
