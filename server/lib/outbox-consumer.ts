// Reading the outbox as one named consumer (DESIGN.md invariant 4). Each run claims the consumer's
// cursor row (FOR UPDATE, so nodes take turns), hands the events after it to `handle` in the same
// transaction, and moves the cursor: an event is never lost while a consumer is down, only handled
// later. The search index, the embedding chunks, webhooks, automations, reminders, notifications,
// calendar sync and rescoring each use one. A cursor row missing at the first run starts at 0 (all history): a consumer that
// acts on people's behalf and must not replay history on an upgrade gets its row in the migration
// that introduces it (see 0038_outbox_consumers_start_now.sql).
import { asc, eq, gt, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { outboxCursors, outboxEvents } from '../db/schema';

export interface OutboxEvent {
  id: number;
  organizationId: string;
  entityType: string;
  entityId: string;
}

/** Whether events wait for this consumer: one indexed look, no lock (cheap enough to poll). */
export async function outboxPending(db: Db, consumer: string): Promise<boolean> {
  const r = await db.execute(
    sql`select exists (select 1 from outbox_events where id > coalesce((select last_event_id from outbox_cursors where consumer = ${consumer}), 0)) as pending`,
  );
  return Boolean((r as unknown as { rows: { pending: boolean }[] }).rows[0]?.pending);
}

/** Hands every pending event to `handle`, `batch` at a time. Returns how many it handled. */
export async function consumeOutbox(db: Db, consumer: string, batch: number, handle: (tx: Tx, events: OutboxEvent[]) => Promise<void>): Promise<number> {
  // Callers on a request path (search reads its own writes) must not queue on the cursor lock
  // when nothing is pending — the usual case — so look without locking first.
  if (!(await outboxPending(db, consumer))) return 0;
  let handled = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      await tx.insert(outboxCursors).values({ consumer }).onConflictDoNothing();
      const [cursor] = await tx.select().from(outboxCursors).where(eq(outboxCursors.consumer, consumer)).for('update');
      const events = await tx
        .select({ id: outboxEvents.id, organizationId: outboxEvents.organizationId, entityType: outboxEvents.entityType, entityId: outboxEvents.entityId })
        .from(outboxEvents)
        .where(gt(outboxEvents.id, cursor.lastEventId))
        .orderBy(asc(outboxEvents.id))
        .limit(batch);
      if (events.length === 0) return 0;
      await handle(tx, events);
      await tx.update(outboxCursors).set({ lastEventId: events[events.length - 1].id, updatedAt: new Date() }).where(eq(outboxCursors.consumer, consumer));
      return events.length;
    });
    handled += n;
    if (n < batch) return handled;
  }
}

/** Moves a consumer's cursor to the newest event (after a full rebuild covered everything). */
export async function catchUpCursor(tx: Tx, consumer: string) {
  await tx.insert(outboxCursors).values({ consumer }).onConflictDoNothing();
  await tx.execute(sql`update outbox_cursors set last_event_id = coalesce((select max(id) from outbox_events), 0), updated_at = now() where consumer = ${consumer}`);
}

/** Events grouped as record ids per entity type: several events for one record count once. */
export function idsByType(events: OutboxEvent[], known: (type: string) => boolean): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  for (const e of events) {
    if (!known(e.entityType)) continue;
    if (!out.has(e.entityType)) out.set(e.entityType, new Set());
    out.get(e.entityType)!.add(e.entityId);
  }
  return new Map([...out].map(([t, ids]) => [t, [...ids]]));
}
