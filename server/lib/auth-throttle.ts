// Per-account limits on credential endpoints (OWASP ASVS 5.0 V6.3.1), kept in the database so they
// hold across IPs, nodes and restarts. The per-IP side is Better Auth's own limiter (server/auth.ts).
//
// Sign-in: the first FREE_FAILURES failed attempts cost nothing; each further one makes the account
// wait before the next attempt (30 s, 1, 2, 4, 8 min); at AUTH_LOCKOUT_THRESHOLD failures (10) it is
// locked for AUTH_LOCKOUT_MINUTES (15), and every failure after that locks it again, until a
// successful sign-in, a password reset, an admin's unlock, or an hour without failures. While an
// account waits, even the right password is refused, without being checked.
// Reset and sign-up requests: at most REQUESTS_PER_HOUR per address (no mail-bombing an inbox).
//
// Keys are addresses, not user ids, and addresses without an account are counted the same way, so
// none of this tells which addresses have accounts.
import { and, gt, gte, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { authThrottle } from '../db/schema';

import type { Env } from '../env';

export const FREE_FAILURES = 5;
const FIRST_DELAY_SECONDS = 30;
const FAILURES_FORGOTTEN_AFTER = '1 hour';
export const REQUESTS_PER_HOUR = 5;

export type ThrottleKind = 'sign-in' | 'request-password-reset' | 'sign-up';

export const normalizeEmail = (email: string) => email.trim().toLowerCase();
const keyOf = (kind: ThrottleKind, email: string) => `${kind}:${normalizeEmail(email)}`;

export interface LockPolicy {
  /** Consecutive failures that lock the account. */
  lockAfter: number;
  lockMinutes: number;
}
export const lockPolicy = (env: Pick<Env, 'AUTH_LOCKOUT_THRESHOLD' | 'AUTH_LOCKOUT_MINUTES'>): LockPolicy => ({
  lockAfter: env.AUTH_LOCKOUT_THRESHOLD,
  lockMinutes: env.AUTH_LOCKOUT_MINUTES,
});

/** Seconds an account must wait after its `failures`-th consecutive failure. */
export function delayAfter(policy: LockPolicy, failures: number) {
  if (failures >= policy.lockAfter) return policy.lockMinutes * 60;
  if (failures < FREE_FAILURES) return 0;
  return FIRST_DELAY_SECONDS * 2 ** (failures - FREE_FAILURES);
}

export interface Refusal {
  code: 'SIGN_IN_THROTTLED' | 'ACCOUNT_LOCKED' | 'TOO_MANY_REQUESTS';
  message: string;
  retryAfter: number;
}

type Row = Record<string, unknown>;
const rowsOf = async <T extends Row>(q: Promise<unknown>) => ((await q) as { rows: T[] }).rows;

const inWords = (seconds: number) => (seconds < 90 ? `${seconds} second${seconds === 1 ? '' : 's'}` : `${Math.ceil(seconds / 60)} minutes`);

/** Whether this address may try to sign in now. */
export async function signInRefusal(db: Db, policy: LockPolicy, email: string): Promise<Refusal | null> {
  const [row] = await rowsOf<{ hits: number; wait: number }>(
    db.execute(sql`select hits, ceil(extract(epoch from blocked_until - now()))::int as wait
      from auth_throttle where key = ${keyOf('sign-in', email)} and blocked_until > now()`),
  );
  if (!row) return null;
  const retryAfter = Math.max(1, row.wait);
  if (row.hits >= policy.lockAfter) {
    return {
      code: 'ACCOUNT_LOCKED',
      message: `This account is locked after too many failed sign-ins. Try again in ${inWords(retryAfter)}, reset your password, or ask an admin to unlock it.`,
      retryAfter,
    };
  }
  return { code: 'SIGN_IN_THROTTLED', message: `Too many failed sign-ins for this account. Try again in ${inWords(retryAfter)}.`, retryAfter };
}

export async function recordSignInFailure(db: Db, policy: LockPolicy, email: string): Promise<void> {
  const key = keyOf('sign-in', email);
  const forgotten = sql`auth_throttle.last_at < now() - ${FAILURES_FORGOTTEN_AFTER}::interval`;
  const [row] = await rowsOf<{ hits: number }>(
    db.execute(sql`insert into auth_throttle (key, hits, first_at, last_at) values (${key}, 1, now(), now())
      on conflict (key) do update set
        hits = case when ${forgotten} then 1 else auth_throttle.hits + 1 end,
        first_at = case when ${forgotten} then now() else auth_throttle.first_at end,
        last_at = now()
      returning hits`),
  );
  const wait = delayAfter(policy, row.hits);
  if (wait > 0) {
    // greatest(): two failures landing together never shorten the wait the later one set.
    await db.execute(sql`update auth_throttle set blocked_until = greatest(coalesce(blocked_until, now()), now() + make_interval(secs => ${wait}::int))
      where key = ${key}`);
  }
  // Rows of addresses nobody has tried for a day are of no use any more.
  await db.execute(sql`delete from auth_throttle where last_at < now() - interval '1 day' and (blocked_until is null or blocked_until < now())`);
}

export async function clearSignIn(db: Db | Tx, email: string): Promise<void> {
  await db.execute(sql`delete from auth_throttle where key = ${keyOf('sign-in', email)}`);
}

/** Counts one request of `kind` for this address; a refusal once the hour's allowance is spent. */
export async function consumeRequest(db: Db, kind: Exclude<ThrottleKind, 'sign-in'>, email: string): Promise<Refusal | null> {
  const stale = sql`auth_throttle.first_at < now() - interval '1 hour'`;
  const [row] = await rowsOf<{ hits: number; wait: number }>(
    db.execute(sql`insert into auth_throttle (key, hits, first_at, last_at) values (${keyOf(kind, email)}, 1, now(), now())
      on conflict (key) do update set
        hits = case when ${stale} then 1 else auth_throttle.hits + 1 end,
        first_at = case when ${stale} then now() else auth_throttle.first_at end,
        last_at = now()
      returning hits, ceil(extract(epoch from first_at + interval '1 hour' - now()))::int as wait`),
  );
  if (row.hits <= REQUESTS_PER_HOUR) return null;
  const retryAfter = Math.max(1, row.wait);
  return { code: 'TOO_MANY_REQUESTS', message: `Too many requests for this address. Try again in ${inWords(retryAfter)}.`, retryAfter };
}

/** Addresses (normalized) whose sign-in is locked now, with the end of the lock. */
export async function lockedUntil(db: Db | Tx, policy: LockPolicy, emails: string[]): Promise<Map<string, Date>> {
  if (emails.length === 0) return new Map();
  const keys = emails.map((e) => keyOf('sign-in', e));
  const rows = await db
    .select({ key: authThrottle.key, blockedUntil: authThrottle.blockedUntil })
    .from(authThrottle)
    .where(and(inArray(authThrottle.key, keys), gte(authThrottle.hits, policy.lockAfter), gt(authThrottle.blockedUntil, sql`now()`)));
  return new Map(rows.map((r) => [r.key.slice('sign-in:'.length), r.blockedUntil!]));
}
