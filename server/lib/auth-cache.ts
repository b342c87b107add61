// Who a session cookie or API key belongs to, remembered for a short while so that a busy client
// costs no auth queries per request (Better Auth's session lookup plus our membership lookup were
// three queries on every call). Entries are made only after Better Auth has verified that exact
// credential, so a forged value can never be found here.
//
// Invalidation is what makes this safe. Triggers on the auth tables (migration 0026_auth_notify)
// NOTIFY `auth_changes` with the user's id at commit: sign-out and revoked sessions, a changed
// password, a member deactivated, re-roled or removed, a disabled or deleted API key. Every node
// LISTENs and forgets that user's entries at once. While the LISTEN connection is down the cache is
// bypassed (every request asks the database), and it starts empty when listening is back.
import { createHash } from 'node:crypto';
import type { Role } from '../../contracts/common';
import type { Database } from '../db/client';
import { listenTo } from '../db/listen';
import type { Logger } from './logger';

export const AUTH_CHANNEL = 'auth_changes';
const MAX_ENTRIES = 50_000;

export interface CachedCaller {
  userId: string;
  orgId: string;
  role: Role;
  /** The API key's id when the caller came with one. */
  via?: string;
}

interface Entry extends CachedCaller {
  until: number;
}

export function authCache(database: Database, log: Logger, ttlSeconds: number) {
  const entries = new Map<string, Entry>();
  const byUser = new Map<string, Set<string>>();
  let live = false;
  const stats = { hits: 0, misses: 0 };

  const forgetUser = (userId: string) => {
    for (const key of byUser.get(userId) ?? []) entries.delete(key);
    byUser.delete(userId);
  };
  const clear = () => {
    entries.clear();
    byUser.clear();
  };
  const listener = listenTo(database, AUTH_CHANNEL, forgetUser, log, (up) => {
    clear();
    live = up;
  });
  const enabled = ttlSeconds > 0;
  const started = enabled
    ? listener.ready().then(
        () => (live = true),
        (err: unknown) => log.warn({ err }, 'auth cache: cannot LISTEN; every request asks the database'),
      )
    : Promise.resolve();

  return {
    /** The credential as a cache key: a hash, so raw secrets are not kept around as map keys. */
    key: (kind: 'session' | 'api_key', secret: string) => `${kind}:${createHash('sha256').update(secret).digest('base64url')}`,
    get(key: string): CachedCaller | undefined {
      if (!live) return undefined;
      const hit = entries.get(key);
      if (!hit || hit.until <= Date.now()) {
        if (hit) entries.delete(key);
        stats.misses++;
        return undefined;
      }
      stats.hits++;
      return hit;
    },
    /** `expiresAt`: when the credential itself expires; the entry never outlives it. */
    set(key: string, caller: CachedCaller, expiresAt?: Date | null) {
      if (!live) return;
      if (entries.size >= MAX_ENTRIES) clear();
      const until = Math.min(Date.now() + ttlSeconds * 1000, expiresAt ? expiresAt.getTime() : Infinity);
      entries.set(key, { ...caller, until });
      let keys = byUser.get(caller.userId);
      if (!keys) byUser.set(caller.userId, (keys = new Set()));
      keys.add(key);
    },
    forgetUser,
    /** This node forgets everyone (after an auth write it served; other nodes hear the NOTIFY). */
    clear,
    stats: () => ({ ...stats, entries: entries.size, live }),
    started: () => started,
    close: () => listener.close(),
  };
}

export type AuthCache = ReturnType<typeof authCache>;
