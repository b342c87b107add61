// Ours, not Better Auth's: per-account counters for credential endpoints (failed sign-ins that slow
// down and then lock an account; reset and sign-up requests per address). In the database so every
// node sees the same count and a lock survives restarts. Keyed by `<kind>:<normalized email>`, for
// addresses with no account too, so the answers never tell which addresses exist.
import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { ts } from './columns';

export const authThrottle = pgTable(
  'auth_throttle',
  {
    key: text('key').primaryKey(),
    hits: integer('hits').notNull(),
    firstAt: ts('first_at').notNull(),
    lastAt: ts('last_at').notNull(),
    blockedUntil: ts('blocked_until'),
  },
  (t) => [index('auth_throttle_last_at_idx').on(t.lastAt)],
);
