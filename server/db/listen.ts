// PostgreSQL LISTEN on one connection of this node's own, for PGlite and for a server. Nodes learn
// of each other's writes through PostgreSQL itself (triggers NOTIFY at commit), so no broker is needed.
// A lost connection is reopened; `onConnection(false)` says notifications may be missed from now,
// `onConnection(true)` that listening is back (catch up on what was missed).
import type { Database } from './client';
import type { Logger } from '../lib/logger';

export interface Listener {
  /** Resolves once the LISTEN is in place (callers that must not miss a notification wait for it). */
  ready: () => Promise<void>;
  close: () => Promise<void>;
}

export function listenTo(database: Database, channel: string, onNotify: (payload: string) => void, log: Logger, onConnection?: (up: boolean) => void): Listener {
  let stop: (() => Promise<void>) | undefined;
  let starting: Promise<void> | undefined;
  let closed = false;

  async function listen() {
    if (database.pglite) {
      stop = await database.pglite.listen(channel, onNotify);
      return;
    }
    const client = await database.pool!.connect();
    let released = false;
    const release = (err?: Error) => {
      if (released) return;
      released = true;
      client.release(err ?? true);
    };
    client.on('notification', (m) => m.channel === channel && m.payload && onNotify(m.payload));
    client.on('error', (err) => {
      // The connection died (server restart, failover): listen again, then let the caller catch up.
      log.warn({ err, channel }, 'LISTEN connection lost; reconnecting');
      release(err);
      stop = undefined;
      starting = undefined;
      onConnection?.(false);
      if (!closed) setTimeout(() => void ready().then(() => onConnection?.(true)).catch(() => undefined), 1000);
    });
    await client.query(`LISTEN ${channel}`);
    stop = async () => {
      await client.query(`UNLISTEN ${channel}`).catch(() => undefined);
      release();
    };
  }

  function ready() {
    starting ??= listen().catch((err) => {
      starting = undefined;
      throw err;
    });
    return starting;
  }

  return {
    ready,
    async close() {
      closed = true;
      await starting?.catch(() => undefined);
      await stop?.();
    },
  };
}
