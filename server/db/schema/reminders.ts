// Reminders and notifications (Issue 11.3–4). A reminder is a CRM record (the catalogue's
// `reminder`); notifications and their settings are a person's own, read only by them.
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organization, user } from './auth';
import { crmColumns, ts } from './columns';

const live = sql`deleted_at is null`;

export const reminders = pgTable(
  'reminders',
  {
    ...crmColumns(),
    title: text('title').notNull(),
    remindAt: ts('remind_at').notNull(),
    relatedType: text('related_type'),
    relatedId: uuid('related_id'),
    channels: text('channels').array().notNull().default(sql`'{in_app,email}'::text[]`),
    done: boolean('done').notNull().default(false),
    /** Who it reminds (the creator unless set). */
    ownerId: text('owner_id').references(() => user.id, { onDelete: 'set null' }),
    /** Set by the one job that fires it (claimed with `where fired_at is null`); cleared on reschedule. */
    firedAt: ts('fired_at'),
  },
  (t) => [
    index('reminders_org_owner_at_idx').on(t.organizationId, t.ownerId, t.remindAt).where(live),
    index('reminders_org_at_idx').on(t.organizationId, t.remindAt, t.id).where(live),
    index('reminders_org_created_idx').on(t.organizationId, t.createdAt, t.id).where(live),
    index('reminders_org_related_idx').on(t.organizationId, t.relatedType, t.relatedId).where(live),
    // The startup sweep: overdue, unfired, open.
    index('reminders_due_idx').on(t.remindAt).where(sql`deleted_at is null and fired_at is null and done = false`),
    index('reminders_title_trgm_idx').using('gin', sql`${t.title} gin_trgm_ops`),
  ],
);

/**
 * One row per fired event reminder (event, occurrence start, minutes before): the claim that makes
 * it fire exactly once across nodes (insert … on conflict do nothing returning).
 */
export const eventReminderFires = pgTable(
  'event_reminder_fires',
  {
    organizationId: text('organization_id').notNull().references(() => organization.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id').notNull(),
    occurrenceStart: ts('occurrence_start').notNull(),
    minutesBefore: integer('minutes_before').notNull(),
    firedAt: ts('fired_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.eventId, t.occurrenceStart, t.minutesBefore] })],
);

export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: text('organization_id').notNull().references(() => organization.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull().references(() => user.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body'),
    recordType: text('record_type'),
    recordId: uuid('record_id'),
    actorId: text('actor_id'),
    /** One notification per happening (e.g. `reminder:<id>:<at>`, `digest:<day>`), however often it is offered. */
    dedupeKey: text('dedupe_key').notNull(),
    readAt: ts('read_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('notifications_dedupe_idx').on(t.organizationId, t.userId, t.dedupeKey),
    index('notifications_user_created_idx').on(t.organizationId, t.userId, t.createdAt, t.id),
    index('notifications_user_unread_idx').on(t.organizationId, t.userId).where(sql`read_at is null`),
  ],
);

/** A person's notification preferences (all organizations alike, like user_preferences). */
export const notificationSettings = pgTable('notification_settings', {
  userId: text('user_id').primaryKey().references(() => user.id, { onDelete: 'cascade' }),
  /** { [kind]: { inApp, email } } — kinds not stored take the defaults. */
  kinds: jsonb('kinds').$type<Record<string, { inApp?: boolean; email?: boolean }>>().notNull().default(sql`'{}'::jsonb`),
  digestHour: integer('digest_hour').notNull().default(8),
  timezone: text('timezone').notNull().default('UTC'),
  /** The local day (YYYY-MM-DD) of the last digest sent, so it goes out once a day. */
  lastDigestDay: text('last_digest_day'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
