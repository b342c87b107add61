// Keeps search_documents current from the outbox (DESIGN.md §5) as the "search" consumer
// (lib/outbox-consumer.ts): an event is never lost while the indexer is down, only handled later.
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { searchDocuments } from '../db/schema';
import type { CrudService, Row } from '../lib/crud';
import { catchUpCursor, consumeOutbox, idsByType, outboxPending } from '../lib/outbox-consumer';
import { markdownToPlain } from '../../contracts/markdown';

const CONSUMER = 'search';
const BATCH = 500;
const REINDEX_BATCH = 2000;
/** Fields that are ids, flags or machine values: not words anyone searches for. */
export const SKIP = /(^id$|^searchText$|Id$|Ids$|At$|^createdBy$|^relatedType$|^position$|^probability$|^score$|^currency$|^pinned$|^customFields$)/;

export interface SearchDocument {
  title: string;
  body: string;
  ownerId: string | null;
}

/** The searchable text of any record: its title, then every other text field. */
export function documentFor(row: Row): SearchDocument {
  // A note's title is its first line as words ("**Discovery call**" → "Discovery call").
  const firstLine = typeof row.body === 'string' ? markdownToPlain(row.body.split('\n')[0]).slice(0, 120) : undefined;
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
  const byType = new Map(services.map((s) => [s.def.type, s]));
  return consumeOutbox(db, CONSUMER, BATCH, async (tx, events) => {
    // Several events for one record in a batch: index it once, as it is now. One pass per type.
    for (const [type, ids] of idsByType(events, (t) => byType.has(t))) await indexRecords(tx, byType.get(type)!, ids);
  });
}

/** Whether outbox events wait for the search index (for the job poll). */
export const searchIndexPending = (db: Db) => outboxPending(db, CONSUMER);

/** Rebuilds every document from the records themselves (`npm run reindex`). */
export async function reindexAll(db: Db, services: CrudService[]): Promise<number> {
  let count = 0;
  await db.transaction(async (tx) => {
    // Catch the cursor up first so the outbox does not replay what this rebuild already covers.
    await catchUpCursor(tx, CONSUMER);
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
