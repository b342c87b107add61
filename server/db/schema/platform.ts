// The audit trail (activities) and the outbox: both written in the same transaction as the row
// they describe (DESIGN.md §2, invariants 1 and 4).
import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { organization } from './auth';
import { ts } from './columns';

export const activities = pgTable(
  'activities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organization.id, { onDelete: 'cascade' }),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    action: text('action').notNull(),
    /** user | api_key | assistant | system */
    actorType: text('actor_type').notNull(),
    /** The user who acted (or on whose behalf the assistant / key acted). */
    actorId: text('actor_id'),
    /** For api_key and assistant actors: the key id or conversation id that carried the write. */
    onBehalfOf: text('on_behalf_of'),
    before: jsonb('before').$type<Record<string, unknown>>(),
    after: jsonb('after').$type<Record<string, unknown>>(),
    // clock_timestamp, not now(): several changes in one transaction keep their order on the timeline.
    createdAt: ts('created_at').notNull().default(sql`clock_timestamp()`),
  },
  (t) => [
    index('activities_org_entity_idx').on(t.organizationId, t.entityType, t.entityId, t.createdAt),
    // The activity feed: newest first per organization, and per actor ("what did Ada do").
    index('activities_org_feed_idx').on(t.organizationId, t.createdAt.desc(), t.id.desc()),
    index('activities_org_actor_idx').on(t.organizationId, t.actorId, t.createdAt.desc()),
  ],
);

export const outboxEvents = pgTable(
  'outbox_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: text('organization_id').notNull(),
    /** e.g. contact.created, company.updated */
    type: text('type').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('outbox_events_org_idx').on(t.organizationId, t.id)],
);

/** Each consumer (search indexer, webhooks, …) remembers the last event it handled, so none is lost while it is down. */
export const outboxCursors = pgTable('outbox_cursors', {
  consumer: text('consumer').primaryKey(),
  lastEventId: bigint('last_event_id', { mode: 'number' }).notNull().default(0),
  updatedAt: ts('updated_at').notNull().default(sql`now()`),
});

/**
 * REST rate-limit counters, one row per user or API key (rate-limiter-flexible's Drizzle store:
 * one upsert per request, shared by every node on this database). A row is reused window after
 * window, so the table never holds more rows than there are users and keys.
 */
export const apiRateLimits = pgTable('api_rate_limits', {
  key: text('key').primaryKey(),
  points: integer('points').notNull().default(0),
  expire: ts('expire'),
});
