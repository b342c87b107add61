// Calendar events (the calendar issue adds attendees, recurrence and reminders beside them).
import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { user } from './auth';
import { crmColumns, ts } from './columns';

const live = sql`deleted_at is null`;

export const events = pgTable(
  'events',
  {
    ...crmColumns(),
    title: text('title').notNull(),
    description: text('description'),
    location: text('location'),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at'),
    allDay: boolean('all_day').notNull().default(false),
    timezone: text('timezone').notNull().default('UTC'),
    ownerId: text('owner_id').references(() => user.id, { onDelete: 'set null' }),
    relatedType: text('related_type'),
    relatedId: uuid('related_id'),
  },
  (t) => [
    index('events_org_starts_idx').on(t.organizationId, t.startsAt, t.id).where(live),
    index('events_org_owner_starts_idx').on(t.organizationId, t.ownerId, t.startsAt).where(live),
    index('events_org_related_idx').on(t.organizationId, t.relatedType, t.relatedId).where(live),
    index('events_org_created_idx').on(t.organizationId, t.createdAt, t.id).where(live),
    index('events_title_trgm_idx').using('gin', sql`${t.title} gin_trgm_ops`),
  ],
);
