// Live changes for open browsers (issue 13.4). Every insert into the outbox fires a NOTIFY with the
// organization's id (a trigger, so every writer is covered and a rolled-back write never notifies);
// each node LISTENs (db/listen.ts), reads the organization's new outbox rows once per
// burst and fans them out to that organization's open streams. Nodes learn of each other's writes
// through PostgreSQL itself, so no broker is needed. Streams carry only what changed (type, id,
// action, actor), never field values: a client refetches what it may read through the API.
import type { Database } from '../db/client';
import { listenTo } from '../db/listen';
import type { Logger } from '../lib/logger';

export const OUTBOX_CHANNEL = 'outbox_events';
/** How far a resumed stream may be behind before it is told to reload instead of replayed. */
export const REPLAY_LIMIT = 1000;
const BATCH = 500;
/**
 * Outbox ids are taken at insert, so a transaction that commits late can show an id below one
 * already sent. Each fetch looks back this many ids and skips what a stream was already sent.
 */
const LOOKBACK = 50;
const RECENT = 500;

export interface ChangeEvent {
  /** The outbox id: the SSE event id, and what Last-Event-ID resumes from. */
  id: number;
  type: string;
  entityId: string;
  action: string;
  actor: { type: string; userId: string | null };
  /** The record's version after the change, when the change carries one. */
  version: number | null;
  at: string;
}

export type Delivery = { kind: 'change'; event: ChangeEvent } | { kind: 'reset' };

interface Stream {
  /** Nothing at or below this id is sent (what the client already had when it connected). */
  floor: number;
  lastId: number;
  recent: Set<number>;
  send: (d: Delivery) => void;
}

interface OrgState {
  streams: Set<Stream>;
  running: boolean;
  again: boolean;
}

type Row = { id: string | number; entity_type: string; entity_id: string; type: string; actor: { type?: string; userId?: string | null } | null; version: unknown; created_at: Date | string };

export function realtimeHub(database: Database, log: Logger) {
  const orgs = new Map<string, OrgState>();

  const query = (text: string, params: unknown[]) => database.query(text, params) as Promise<{ rows: Row[] }>;

  // After a lost connection, every stream catches up from the outbox.
  const listener = listenTo(database, OUTBOX_CHANNEL, (org) => wake(org), log, (up) => up && orgs.forEach((_, org) => wake(org)));

  /** A NOTIFY for this organization (or a new stream): fetch once, however many arrive meanwhile. */
  function wake(orgId: string) {
    const state = orgs.get(orgId);
    if (!state || state.streams.size === 0) return;
    if (state.running) {
      state.again = true;
      return;
    }
    state.running = true;
    void (async () => {
      try {
        do {
          state.again = false;
          await pump(orgId, state);
        } while (state.again && state.streams.size > 0);
      } catch (err) {
        log.warn({ err, orgId }, 'realtime: reading the outbox failed');
      } finally {
        state.running = false;
      }
    })();
  }

  async function pump(orgId: string, state: OrgState) {
    for (;;) {
      const streams = [...state.streams];
      if (streams.length === 0) return;
      const from = Math.max(0, Math.min(...streams.map((s) => Math.max(s.floor, s.lastId - LOOKBACK))));
      const { rows } = await query(
        `select id, entity_type, entity_id, type, payload->'actor' as actor, payload->'after'->'version' as version, created_at
           from outbox_events where organization_id = $1 and id > $2 order by id limit ${BATCH}`,
        [orgId, from],
      );
      for (const row of rows) {
        const event = toEvent(row);
        for (const s of streams) {
          // A stream that joined after `from` was computed may be behind it; it is served next round.
          if (Math.max(s.floor, s.lastId - LOOKBACK) < from) continue;
          if (event.id <= s.floor || s.recent.has(event.id) || event.id <= s.lastId - LOOKBACK) continue;
          s.recent.add(event.id);
          if (s.recent.size > RECENT) s.recent.delete(s.recent.values().next().value!);
          s.lastId = Math.max(s.lastId, event.id);
          s.send({ kind: 'change', event });
        }
      }
      if (rows.length < BATCH) return;
    }
  }

  return {
    /**
     * Opens a stream of the organization's changes after `lastEventId` (a reconnecting EventSource
     * sends it), or from now. A stream too far behind gets one `reset` (reload everything) instead.
     */
    async subscribe(orgId: string, lastEventId: number | undefined, send: (d: Delivery) => void): Promise<() => void> {
      await listener.ready();
      const { rows } = await database.query(
        `select coalesce(max(id), 0) as max, (select count(*) from (select 1 from outbox_events where organization_id = $1 and id > $2 limit ${REPLAY_LIMIT + 1}) behind) as behind
           from outbox_events where organization_id = $1`,
        [orgId, lastEventId ?? 0],
      );
      const max = Number(rows[0].max);
      let floor = lastEventId ?? max;
      if (lastEventId !== undefined && (lastEventId > max || Number(rows[0].behind) > REPLAY_LIMIT)) {
        send({ kind: 'reset' });
        floor = max;
      }
      const stream: Stream = { floor, lastId: floor, recent: new Set(), send };
      let state = orgs.get(orgId);
      if (!state) orgs.set(orgId, (state = { streams: new Set(), running: false, again: false }));
      state.streams.add(stream);
      wake(orgId);
      return () => {
        state.streams.delete(stream);
        if (state.streams.size === 0 && !state.running) orgs.delete(orgId);
      };
    },
    /** Open streams (for tests and metrics). */
    streams: () => [...orgs.values()].reduce((n, s) => n + s.streams.size, 0),
    async close() {
      orgs.clear();
      await listener.close();
    },
  };
}

export type RealtimeHub = ReturnType<typeof realtimeHub>;

function toEvent(row: Row): ChangeEvent {
  const version = typeof row.version === 'number' ? row.version : row.version == null ? null : Number(row.version);
  const dot = row.type.lastIndexOf('.');
  return {
    id: Number(row.id),
    type: row.entity_type,
    entityId: row.entity_id,
    action: dot >= 0 ? row.type.slice(dot + 1) : row.type,
    actor: { type: row.actor?.type ?? 'system', userId: row.actor?.userId ?? null },
    version: Number.isFinite(version) ? version : null,
    at: new Date(row.created_at).toISOString(),
  };
}
