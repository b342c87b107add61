// Scores follow engagement: the "scores" outbox consumer rescores a lead or contact when a note,
// call, email or meeting lands on it (its own writes already rescore in the prepare hook). The
// rescore is an empty update through the record's write path, so the score change is recorded
// like any other (actor: system) and nothing is written when the score stays the same.
import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { outboxEvents } from '../../db/schema';
import type { JobDefinition } from '../../jobs/jobs';
import type { ServiceContext } from '../../lib/context';
import { consumeOutbox, outboxPending } from '../../lib/outbox-consumer';
import { serviceForType } from '../registry';

const CONSUMER = 'scores';
const QUEUE = 'insights.scores';
const SCORED = new Set(['lead', 'contact']);
const ENGAGEMENT = /\.(?:note_added|call_logged|email_logged|meeting_logged)$/;

/** Rescores the records that gained engagement since the consumer's cursor. Returns how many events it read. */
export async function drainScores(db: Db): Promise<number> {
  return consumeOutbox(db, CONSUMER, 500, async (tx, events) => {
    const candidates = events.filter((e) => SCORED.has(e.entityType));
    if (candidates.length === 0) return;
    const typed = await tx.select({ id: outboxEvents.id, type: outboxEvents.type }).from(outboxEvents).where(inArray(outboxEvents.id, candidates.map((e) => e.id)));
    const engaged = new Set(typed.filter((t) => ENGAGEMENT.test(t.type)).map((t) => t.id));
    const seen = new Set<string>();
    for (const e of candidates) {
      const key = `${e.organizationId}:${e.entityType}:${e.entityId}`;
      if (!engaged.has(e.id) || seen.has(key)) continue;
      seen.add(key);
      const ctx: ServiceContext = { db: tx, orgId: e.organizationId, role: 'owner', actor: { type: 'system', userId: 'system' } };
      // A record deleted since has nothing to rescore.
      await serviceForType(e.entityType)!.updateValues(ctx, e.entityId, {}).catch(() => undefined);
    }
  });
}

export function scoreJobs(o: { db: Db; pollSeconds?: number }) {
  const definitions: JobDefinition<any>[] = [
    {
      name: QUEUE,
      queue: { policy: 'stately', retryLimit: 5, retryDelay: 5, expireInSeconds: 300 },
      work: { pollingIntervalSeconds: 1 },
      poll: { everySeconds: o.pollSeconds ?? 2, when: () => outboxPending(o.db, CONSUMER) },
      handler: async () => {
        await drainScores(o.db);
      },
    },
  ];
  return { definitions };
}
