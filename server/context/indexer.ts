// Keeps search_documents current from the outbox (DESIGN.md §5). Each run claims the consumer's
// cursor row (FOR UPDATE, so nodes take turns), indexes what changed since, and moves the cursor:
// an event is never lost while the indexer is down, only handled later.
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { outboxCursors, outboxEvents, searchDocuments } from '../db/schema';
import type { CrudService, Row } from '../lib/crud';

const CONSUMER = 'search';
const BATCH = 500;
const REINDEX_BATCH = 2000;
/** Fields that are ids, flags or machine values: not words anyone searches for. */
const SKIP = /(^id$|Id$|Ids$|At$|^createdBy$|^relatedType$|^position$|^probability$|^score$|^currency$|^pinned$|^customFields$)/;

export interface SearchDocument {
  title: string;
  body: string;
  ownerId: string | null;
}

/** The searchable text of any record: its title, then every other text field. */
export function documentFor(row: Row): SearchDocument {
  const firstLine = typeof row.body === 'string' ? row.body.split('\n')[0].slice(0, 120) : undefined;
  const title = String(row.fullName || row.name || row.title || firstLine || row.email || row.companyName || row.id).trim();
  const parts: string[] = [];
  for (const [k, v] of Object.entries(row)) {
    if (SKIP.test(k) || k === 'fullName' || k === 'name' || k === 'organizationId') continue;
    if (typeof v === 'string' && v.trim()) parts.push(v.trim());
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) parts.push(...(v as string[]));
  }
  return { title: title || '(untitled)', body: parts.join(' · ').slice(0, 20_000), ownerId: (row.ownerId as string | null) ?? (row.assigneeId as string | null) ?? (row.createdBy as string | null) ?? null };
}

async function upsert(tx: Tx, orgId: string, type: string, id: string, doc: SearchDocument) {
  await tx
    .insert(searchDocuments)
    .values({ organizationId: orgId, entityType: type, entityId: id, ...doc, updatedAt: new Date() })
    .onConflictDoUpdate({ target: [searchDocuments.organizationId, searchDocuments.entityType, searchDocuments.entityId], set: { ...doc, updatedAt: new Date() } });
}

async function indexRecord(tx: Tx, service: CrudService, orgId: string, id: string) {
  const t = service.def.table;
  const [row] = (await tx.select().from(t).where(and(eq(t.id, id), eq(t.organizationId, orgId)))) as Row[];
  if (!row || row.deletedAt) {
    await tx.delete(searchDocuments).where(and(eq(searchDocuments.organizationId, orgId), eq(searchDocuments.entityType, service.def.type), eq(searchDocuments.entityId, id)));
  } else {
    await upsert(tx, orgId, service.def.type, id, documentFor(row));
  }
}

/** Indexes every outbox event not yet indexed. Returns how many events it handled. */
export async function drainSearchIndex(db: Db, services: CrudService[]): Promise<number> {
  const byType = new Map(services.map((s) => [s.def.type, s]));
  let handled = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      await tx.insert(outboxCursors).values({ consumer: CONSUMER }).onConflictDoNothing();
      const [cursor] = await tx.select().from(outboxCursors).where(eq(outboxCursors.consumer, CONSUMER)).for('update');
      const events = await tx
        .select({ id: outboxEvents.id, organizationId: outboxEvents.organizationId, entityType: outboxEvents.entityType, entityId: outboxEvents.entityId })
        .from(outboxEvents)
        .where(gt(outboxEvents.id, cursor.lastEventId))
        .orderBy(asc(outboxEvents.id))
        .limit(BATCH);
      if (events.length === 0) return 0;
      // Several events for one record in a batch: index it once, as it is now.
      const seen = new Set<string>();
      for (const e of events) {
        const key = `${e.organizationId}:${e.entityType}:${e.entityId}`;
        const service = byType.get(e.entityType);
        if (!service || seen.has(key)) continue;
        seen.add(key);
        await indexRecord(tx, service, e.organizationId, e.entityId);
      }
      await tx.update(outboxCursors).set({ lastEventId: events[events.length - 1].id, updatedAt: new Date() }).where(eq(outboxCursors.consumer, CONSUMER));
      return events.length;
    });
    handled += n;
    if (n < BATCH) return handled;
  }
}

/** Rebuilds every document from the records themselves (`npm run reindex`). */
export async function reindexAll(db: Db, services: CrudService[]): Promise<number> {
  let count = 0;
  await db.transaction(async (tx) => {
    // Catch the cursor up first so the outbox does not replay what this rebuild already covers.
    await tx.insert(outboxCursors).values({ consumer: CONSUMER }).onConflictDoNothing();
    await tx.execute(sql`update outbox_cursors set last_event_id = coalesce((select max(id) from outbox_events), 0), updated_at = now() where consumer = ${CONSUMER}`);
    await tx.delete(searchDocuments);
    for (const s of services) {
      const t = s.def.table;
      // Keyset batches: memory stays flat however many records there are.
      let after = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        const rows = (await tx.select().from(t).where(and(sql`${t.deletedAt} is null`, gt(t.id, after))).orderBy(asc(t.id)).limit(REINDEX_BATCH)) as Row[];
        if (rows.length === 0) break;
        await tx
          .insert(searchDocuments)
          .values(rows.map((row) => ({ organizationId: row.organizationId as string, entityType: s.def.type, entityId: row.id, ...documentFor(row) })));
        count += rows.length;
        after = rows[rows.length - 1].id;
      }
    }
  });
  return count;
}
