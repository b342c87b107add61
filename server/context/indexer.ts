// Keeps search_documents current from the outbox (DESIGN.md §5). Each run claims the consumer's
// cursor row (FOR UPDATE, so nodes take turns), indexes what changed since, and moves the cursor:
// an event is never lost while the indexer is down, only handled later.
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
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
    if ((SKIP.test(k) && k !== 'customFields') || k === 'fullName' || k === 'name' || k === 'organizationId') continue;
    if (typeof v === 'string' && v.trim()) parts.push(v.trim());
    else if (k === 'customFields' && v && typeof v === 'object') parts.push(...Object.values(v).filter((x): x is string => typeof x === 'string'));
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) parts.push(...(v as string[]));
  }
  return { title: title || '(untitled)', body: parts.join(' · ').slice(0, 20_000), ownerId: (row.ownerId as string | null) ?? (row.assigneeId as string | null) ?? (row.createdBy as string | null) ?? null };
}

/** Inserts or refreshes documents, many per statement. */
async function upsertMany(tx: Tx, docs: (typeof searchDocuments.$inferInsert)[]) {
  if (docs.length === 0) return;
  await tx
    .insert(searchDocuments)
    .values(docs)
    .onConflictDoUpdate({
      target: [searchDocuments.organizationId, searchDocuments.entityType, searchDocuments.entityId],
      set: { title: sql`excluded.title`, body: sql`excluded.body`, ownerId: sql`excluded.owner_id`, updatedAt: sql`now()` },
    });
}

/** Brings the documents of these records of one type up to date: one read, one write, one delete. */
async function indexRecords(tx: Tx, service: CrudService, ids: string[]) {
  const t = service.def.table;
  const rows = (await tx.select().from(t).where(inArray(t.id, ids))) as Row[];
  const live = rows.filter((r) => !r.deletedAt);
  await upsertMany(tx, live.map((row) => ({ organizationId: row.organizationId as string, entityType: service.def.type, entityId: row.id, ...documentFor(row) })));
  const liveIds = new Set(live.map((r) => r.id));
  const gone = ids.filter((id) => !liveIds.has(id));
  if (gone.length) await tx.delete(searchDocuments).where(and(eq(searchDocuments.entityType, service.def.type), inArray(searchDocuments.entityId, gone)));
}

/** Indexes every outbox event not yet indexed. Returns how many events it handled. */
export async function drainSearchIndex(db: Db, services: CrudService[]): Promise<number> {
  // Searches call this first: when nothing is pending (the usual case) they must not queue on the
  // cursor lock, so look without locking before taking it.
  const pending = await db.execute(
    sql`select exists (select 1 from outbox_events where id > coalesce((select last_event_id from outbox_cursors where consumer = ${CONSUMER}), 0)) as pending`,
  );
  if (!(pending as unknown as { rows: { pending: boolean }[] }).rows[0]?.pending) return 0;
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
      // Several events for one record in a batch: index it once, as it is now. One pass per type.
      const idsByType = new Map<string, Set<string>>();
      for (const e of events) {
        if (!byType.has(e.entityType)) continue;
        if (!idsByType.has(e.entityType)) idsByType.set(e.entityType, new Set());
        idsByType.get(e.entityType)!.add(e.entityId);
      }
      for (const [type, ids] of idsByType) await indexRecords(tx, byType.get(type)!, [...ids]);
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
        await upsertMany(tx, rows.map((row) => ({ organizationId: row.organizationId as string, entityType: s.def.type, entityId: row.id, ...documentFor(row) })));
        count += rows.length;
        after = rows[rows.length - 1].id;
      }
    }
  });
  return count;
}
