// Records as text chunks with vectors (search_chunks, from the optional vector migrations). A
// record gives one chunk of its short fields and one or more of each long text field, split by
// length. The "chunks" outbox consumer keeps the text current; the embedding pass fills in the
// vectors in the background. A chunk whose text changed, or whose model is not the organization's
// current one, waits (model null / other) until the pass gets to it; retrieval uses only vectors
// of the current model.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import type { CrudService, Row } from '../lib/crud';
import type { FieldType } from '../lib/list-query';
import { catchUpCursor, consumeOutbox, idsByType, outboxPending } from '../lib/outbox-consumer';
import { SKIP, documentFor } from './indexer';

const CONSUMER = 'chunks';
const BATCH = 500;
const REBUILD_BATCH = 1000;
/** Text fields longer than this get chunks of their own. */
const LONG_FIELD = 300;
/** Chunk length: sentence encoders lose detail on long inputs, so keep chunks paragraph-sized. */
const CHUNK_CHARS = 600;
const OVERLAP_CHARS = 120;
const MAX_CHUNKS_PER_RECORD = 40;
/**
 * A chunk of fewer words is a name with a label ("Ada Lovelace. CTO"): its vector says little and
 * sits close to every query (short texts of unknown names are hubs), so it is not embedded; words
 * and spelling find it.
 */
const MIN_WORDS = 4;

export interface Chunk {
  chunkNo: number;
  content: string;
}

/** Splits a long text at sentence (then word) boundaries into overlapping pieces. */
export function splitText(text: string, max = CHUNK_CHARS, overlap = OVERLAP_CHARS): string[] {
  const sentences = text.replace(/\s+/g, ' ').trim().split(/(?<=[.!?;])\s+/);
  const pieces: string[] = [];
  for (const s of sentences) {
    if (s.length <= max) pieces.push(s);
    else for (let i = 0; i < s.length; ) {
      let end = Math.min(s.length, i + max);
      if (end < s.length) end = s.lastIndexOf(' ', end) > i ? s.lastIndexOf(' ', end) : end;
      pieces.push(s.slice(i, end).trim());
      i = end;
    }
  }
  const out: string[] = [];
  let current = '';
  for (const p of pieces) {
    if (current && current.length + 1 + p.length > max) {
      out.push(current);
      // Carry the end of the previous chunk over, so a thought split across chunks is in one.
      const tail = current.slice(-overlap);
      const cut = tail.indexOf(' ');
      current = cut >= 0 && cut < tail.length - 1 ? tail.slice(cut + 1) : '';
    }
    current = current ? `${current} ${p}` : p;
  }
  if (current) out.push(current);
  return out;
}

/** List field types that are codes, amounts or dates: filters, not meaning (fields not listed count as text). */
const NOT_PROSE = new Set<FieldType>(['enum', 'number', 'decimal', 'date', 'uuid', 'boolean']);
/** Values that are addresses or numbers, not words: they only blur a sentence vector. */
const MACHINE_VALUE = /^(\S+@\S+\.\S+|https?:\/\/\S+|[+\d\s().\-]+)$/;

/**
 * The chunks of one record: its short prose fields together, then each long text field in pieces.
 * Only prose is embedded: status codes, amounts, emails and the parts of a name already in its
 * title stay out (they are found by words and spelling instead).
 */
export function chunksFor(row: Row, fields: Record<string, { type: FieldType }> = {}): Chunk[] {
  const { title } = documentFor(row);
  const short: string[] = [];
  const long: string[] = [];
  for (const [k, v] of Object.entries(row)) {
    // The title's own field is left out by the includes() test below (a contact's job title stays).
    if (SKIP.test(k) || k === 'organizationId') continue;
    if (fields[k] && NOT_PROSE.has(fields[k].type)) continue;
    const values = typeof v === 'string' ? [v] : Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : [];
    for (const raw of values) {
      const text = raw.trim();
      if (!text || MACHINE_VALUE.test(text) || (text.length <= LONG_FIELD && title.includes(text))) continue;
      (text.length > LONG_FIELD ? long : short).push(text);
    }
  }
  // A note's title is the first line of its body: do not say it twice.
  const titled = [...short, ...long].some((t) => t.startsWith(title)) ? [] : [title];
  const chunks: string[] = [];
  const head = [...titled, ...short].join('. ');
  if (head) chunks.push(head);
  for (const text of long) for (const piece of splitText(text)) chunks.push(titled.length ? `${title}: ${piece}` : piece);
  return chunks
    .filter((c) => c.split(/\s+/).filter((w) => /\p{L}{2,}/u.test(w)).length >= MIN_WORDS)
    .slice(0, MAX_CHUNKS_PER_RECORD)
    .map((content, chunkNo) => ({ chunkNo, content }));
}

const hash = (text: string) => createHash('sha1').update(text).digest('hex');

/** Writes the chunks of these records (and removes those of deleted ones); unchanged text keeps its vector. */
async function writeChunks(tx: Tx, service: CrudService, rows: Row[], gone: { id: string; organizationId: string }[]) {
  const type = service.def.type;
  const items = rows.flatMap((row) =>
    chunksFor(row, service.def.list.fields).map((c) => ({ o: row.organizationId as string, t: type, i: row.id, n: c.chunkNo, c: c.content, h: hash(c.content) })),
  );
  const perRecord = new Map<string, number>();
  for (const x of items) perRecord.set(x.i, (perRecord.get(x.i) ?? 0) + 1);
  if (items.length) {
    await tx.execute(sql`
      insert into search_chunks (organization_id, entity_type, entity_id, chunk_no, content, content_hash)
      select x.o, x.t, x.i, x.n, x.c, x.h from jsonb_to_recordset(${JSON.stringify(items)}::jsonb) as x(o text, t text, i uuid, n int, c text, h text)
      on conflict (organization_id, entity_type, entity_id, chunk_no) do update set
        content = excluded.content, content_hash = excluded.content_hash, updated_at = now(),
        model = case when search_chunks.content_hash = excluded.content_hash then search_chunks.model end,
        dims = case when search_chunks.content_hash = excluded.content_hash then search_chunks.dims end,
        embedding = case when search_chunks.content_hash = excluded.content_hash then search_chunks.embedding end`);
  }
  // Chunks past a record's new count (its text got shorter), and every chunk of a deleted record.
  const counts = [
    ...rows.map((row) => ({ o: row.organizationId as string, t: type, i: row.id, n: perRecord.get(row.id) ?? 0 })),
    ...gone.map((g) => ({ o: g.organizationId, t: type, i: g.id, n: 0 })),
  ];
  if (counts.length) {
    await tx.execute(sql`
      delete from search_chunks c using jsonb_to_recordset(${JSON.stringify(counts)}::jsonb) as x(o text, t text, i uuid, n int)
      where c.organization_id = x.o and c.entity_type = x.t and c.entity_id = x.i and c.chunk_no >= x.n`);
  }
}

async function chunkRecords(tx: Tx, service: CrudService, ids: string[]) {
  const t = service.def.table;
  const rows = (await tx.select().from(t).where(sql`${t.id} in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`)) as Row[];
  const live = rows.filter((r) => !r.deletedAt);
  // Deleted rows still exist (soft delete) and say their organization; purged ones have no chunks
  // left to find by organization anyway once the organization's rows are gone.
  const gone = rows.filter((r) => r.deletedAt).map((r) => ({ id: r.id, organizationId: r.organizationId as string }));
  await writeChunks(tx, service, live, gone);
}

/** Brings the chunks up to date with the outbox. Cheap (no embedding): text only. */
export async function syncChunks(db: Db, services: CrudService[]): Promise<number> {
  const byType = new Map(services.map((s) => [s.def.type, s]));
  return consumeOutbox(db, CONSUMER, BATCH, async (tx, events) => {
    for (const [type, ids] of idsByType(events, (t) => byType.has(t))) await chunkRecords(tx, byType.get(type)!, ids);
  });
}

export const chunksPending = (db: Db) => outboxPending(db, CONSUMER);

/**
 * Rebuilds every chunk from the records (`npm run reindex`). Text that did not change keeps its
 * vector, so a rebuild re-embeds only what is new or different.
 */
export async function rebuildChunks(db: Db, services: CrudService[]): Promise<number> {
  let count = 0;
  await db.transaction(async (tx) => {
    await catchUpCursor(tx, CONSUMER);
    for (const s of services) {
      const t = s.def.table;
      await tx.execute(sql`delete from search_chunks c where c.entity_type = ${s.def.type} and not exists (select 1 from ${t} r where r.id = c.entity_id and r.deleted_at is null)`);
      let after = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        const rows = (await tx.select().from(t).where(sql`${t.deletedAt} is null and ${t.id} > ${after}`).orderBy(t.id).limit(REBUILD_BATCH)) as Row[];
        if (rows.length === 0) break;
        await writeChunks(tx, s, rows, []);
        count += rows.length;
        after = rows[rows.length - 1].id;
      }
    }
  });
  return count;
}
