// PostgreSQL LISTEN for PGlite and for a server. Nodes learn of each other's writes through
// PostgreSQL itself (triggers NOTIFY at commit), so no broker is needed.
//
// On a server, every channel of one database shares ONE dedicated connection, outside the pool:
// a LISTEN holds its connection for the life of the process, and taking several from the pool (the
// realtime hub, the auth cache, the field rules — per app) starved requests and transactions of
// connections. A lost connection is reopened; `onConnection(false)` says notifications may be
// missed from now, `onConnection(true)` that listening is back (catch up on what was missed).
import pg from 'pg';
import type { Logger } from '../lib/logger';
import type { Database } from './client';

export interface Listener {
  /** Resolves once the LISTEN is in place (callers that must not miss a notification wait for it). */
  ready: () => Promise<void>;
  close: () => Promise<void>;
}

interface Subscriber {
  channel: string;
  onNotify: (payload: string) => void;
  onConnection?: (up: boolean) => void;
}

/** The one LISTEN connection of a server database, and who listens on it. */
interface Shared {
  subscribers: Set<Subscriber>;
  client?: pg.Client;
  connecting?: Promise<pg.Client>;
  /** Opens the connection (once) and LISTENs on every subscriber's channel. */
  connect: () => Promise<pg.Client>;
}
const shared = new WeakMap<Database, Shared>();

function connectionString(database: Database): string {
  return (database.pool as unknown as { options: { connectionString: string } }).options.connectionString;
}

function sharedFor(database: Database, log: Logger): Shared {
  let s = shared.get(database);
  if (s) return s;
  const state: Shared = { subscribers: new Set(), connect: () => connect() };
  shared.set(database, state);
  const connect = (): Promise<pg.Client> => {
    state.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: connectionString(database) });
      client.on('notification', (m) => {
        if (!m.payload) return;
        for (const sub of state.subscribers) if (sub.channel === m.channel) sub.onNotify(m.payload);
      });
      client.on('error', (err) => {
        // The connection died (server restart, failover): listen again, then let everyone catch up.
        log.warn({ err }, 'LISTEN connection lost; reconnecting');
        state.client = undefined;
        state.connecting = undefined;
        void client.end().catch(() => undefined);
        for (const sub of state.subscribers) sub.onConnection?.(false);
        if (state.subscribers.size) {
          setTimeout(() => void connect().then(() => state.subscribers.forEach((sub) => sub.onConnection?.(true))).catch(() => undefined), 1000);
        }
      });
      await client.connect();
      for (const channel of new Set([...state.subscribers].map((sub) => sub.channel))) await client.query(`LISTEN ${channel}`);
      state.client = client;
      return client;
    })().catch((err) => {
      state.connecting = undefined;
      throw err;
    });
    return state.connecting;
  };
  return state;
}

export function listenTo(database: Database, channel: string, onNotify: (payload: string) => void, log: Logger, onConnection?: (up: boolean) => void): Listener {
  const sub: Subscriber = { channel, onNotify, onConnection };

  if (database.pglite) {
    let stop: (() => Promise<void>) | undefined;
    let starting: Promise<void> | undefined;
    const ready = () =>
      (starting ??= database.pglite!.listen(channel, onNotify).then((unlisten) => {
        stop = unlisten;
      }).catch((err) => {
        starting = undefined;
        throw err;
      }));
    return {
      ready,
      async close() {
        await starting?.catch(() => undefined);
        await stop?.();
      },
    };
  }

  const state = sharedFor(database, log);
  let started: Promise<void> | undefined;
  return {
    ready() {
      started ??= (async () => {
        const first = ![...state.subscribers].some((s) => s.channel === channel);
        state.subscribers.add(sub);
        const client = await state.connect();
        // A channel added after the connection was opened.
        if (first && state.client === client) await client.query(`LISTEN ${channel}`);
      })().catch((err) => {
        state.subscribers.delete(sub);
        started = undefined;
        throw err;
      });
      return started;
    },
    async close() {
      await started?.catch(() => undefined);
      state.subscribers.delete(sub);
      if (state.subscribers.size === 0 && state.client) {
        const client = state.client;
        state.client = undefined;
        state.connecting = undefined;
        await client.end().catch(() => undefined);
      } else if (state.client && ![...state.subscribers].some((s) => s.channel === channel)) {
        await state.client.query(`UNLISTEN ${channel}`).catch(() => undefined);
      }
    },
  };
}
