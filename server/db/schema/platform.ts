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
    /** The bulk action (bulk_jobs.id) this change was part of: one undo reverts every change of a batch. */
    batchId: uuid('batch_id'),
    // clock_timestamp, not now(): several changes in one transaction keep their order on the timeline.
    createdAt: ts('created_at').notNull().default(sql`clock_timestamp()`),
  },
  (t) => [
    index('activities_org_entity_idx').on(t.organizationId, t.entityType, t.entityId, t.createdAt),
    // The activity feed: newest first per organization, and per actor ("what did Ada do").
    index('activities_org_feed_idx').on(t.organizationId, t.createdAt.desc(), t.id.desc()),
    index('activities_org_actor_idx').on(t.organizationId, t.actorId, t.createdAt.desc()),
    index('activities_org_batch_idx').on(t.organizationId, t.batchId).where(sql`batch_id is not null`),
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

/**
 * One bulk action (POST /{resource}/bulk): the selection as it was when asked, its progress and
 * failures. Its id is the batch id its activities carry. Small batches run in the request and are
 * stored finished; larger ones run as a pg-boss job that resumes from `done` after a restart.
 */
export const bulkJobs = pgTable(
  'bulk_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organization.id, { onDelete: 'cascade' }),
    resource: text('resource').notNull(),
    action: text('action').notNull(),
    /** queued | running | completed | failed */
    status: text('status').notNull(),
    ids: jsonb('ids').$type<string[]>().notNull(),
    values: jsonb('values').$type<Record<string, unknown>>().notNull(),
    /** Who asked (type, userId, via): the job acts as them, with their role at run time. */
    actor: jsonb('actor').$type<{ type: string; userId: string; via?: string }>().notNull(),
    total: integer('total').notNull(),
    /** Records processed so far (succeeded or failed). */
    done: integer('done').notNull().default(0),
    succeeded: integer('succeeded').notNull().default(0),
    failures: jsonb('failures').$type<{ id: string; error: string }[]>().notNull().default(sql`'[]'::jsonb`),
    error: text('error'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    finishedAt: ts('finished_at'),
    undoneAt: ts('undone_at'),
  },
  (t) => [index('bulk_jobs_org_created_idx').on(t.organizationId, t.createdAt)],
);
