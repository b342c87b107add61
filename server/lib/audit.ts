// Writes the activity (who, what, before/after) and the outbox event for a change. Always called
// inside the transaction that changes the row, so all three commit or none does.
import type { Tx } from '../db/client';
import { activities, outboxEvents } from '../db/schema';
import type { Actor } from './context';

export interface Change {
  entityType: string;
  entityId: string;
  action: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** Returns the activity's id (a logged call is that activity). */
export async function recordChange(tx: Tx, orgId: string, actor: Actor, change: Change): Promise<string> {
  const [id] = await recordChanges(tx, orgId, actor, [change]);
  return id;
}

/** Many changes at once (bulk imports): two multi-row inserts instead of two per change. */
export async function recordChanges(tx: Tx, orgId: string, actor: Actor, changes: Change[]): Promise<string[]> {
  if (changes.length === 0) return [];
  // Stored as given: the jsonb columns serialize with JSON.stringify, which turns dates into ISO strings.
  const rows = changes.map((c) => ({ c, before: c.before ?? null, after: c.after ?? null }));
  const inserted = await tx.insert(activities).values(
    rows.map(({ c, before, after }) => ({
      organizationId: orgId,
      entityType: c.entityType,
      entityId: c.entityId,
      action: c.action,
      actorType: actor.type,
      actorId: actor.userId,
      onBehalfOf: actor.via ?? null,
      batchId: actor.batchId ?? null,
      before,
      after,
    })),
  ).returning({ id: activities.id });
  await tx.insert(outboxEvents).values(
    rows.map(({ c, before, after }) => ({
      organizationId: orgId,
      type: `${c.entityType}.${c.action}`,
      entityType: c.entityType,
      entityId: c.entityId,
      payload: { before, after, actor: { type: actor.type, userId: actor.userId, ...(actor.type === 'automation' ? { via: actor.via, depth: actor.depth ?? 1 } : {}) } },
    })),
  );
  return inserted.map((r) => r.id);
}

/**
 * Derived fields left out of the history: recomputed by the record's own hook on every write
 * (the score's explanation — the score itself is recorded), so undo never needs them.
 */
const UNRECORDED = new Set(['updatedAt', 'scoreFactors']);

/** Only the fields that changed, as before/after pairs of plain JSON. */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (UNRECORDED.has(key)) continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key] ?? null;
      a[key] = after[key] ?? null;
    }
  }
  return { before: b, after: a, changed: Object.keys(a).length > 0 };
}
