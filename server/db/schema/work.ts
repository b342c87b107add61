// Projects with their tasks, notes and calendar events: work attached to any record (relatedType +
// relatedId). The calendar (Issue 11) adds attendees, recurrence and reminders beside events.
import { sql } from 'drizzle-orm';
import { boolean, date, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organization, user } from './auth';
import { companies } from './crm';
import { deals } from './sales';
import { crmColumns, customFieldsColumn, tagsColumn, ts } from './columns';

const live = sql`deleted_at is null`;

export const projects = pgTable(
  'projects',
  {
    ...crmColumns(),
    name: text('name').notNull(),
    description: text('description'),
    status: text('status').notNull().default('planned'),
    priority: text('priority').notNull().default('medium'),
    companyId: uuid('company_id').references(() => companies.id, { onDelete: 'set null' }),
    dealId: uuid('deal_id').references(() => deals.id, { onDelete: 'set null' }),
    assigneeIds: text('assignee_ids').array().notNull().default(sql`'{}'::text[]`),
    startDate: date('start_date'),
    dueDate: date('due_date'),
    tags: tagsColumn(),
    customFields: customFieldsColumn(),
  },
  (t) => [
    index('projects_org_name_idx').on(t.organizationId, t.name, t.id).where(live),
    index('projects_org_status_idx').on(t.organizationId, t.status).where(live),
    index('projects_org_due_idx').on(t.organizationId, t.dueDate).where(live),
    index('projects_org_updated_idx').on(t.organizationId, t.updatedAt, t.id).where(live),
    index('projects_org_assignees_idx').using('gin', t.assigneeIds).where(live),
    index('projects_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
  ],
);

export const tasks = pgTable(
  'tasks',
  {
    ...crmColumns(),
    title: text('title').notNull(),
    description: text('description'),
    status: text('status').notNull().default('todo'),
    priority: text('priority').notNull().default('medium'),
    type: text('type').notNull().default('todo'),
    dueAt: ts('due_at'),
    completedAt: ts('completed_at'),
    assigneeId: text('assignee_id').references(() => user.id, { onDelete: 'set null' }),
    projectId: uuid('project_id').references(() => projects.id, { onDelete: 'set null' }),
    relatedType: text('related_type'),
    relatedId: uuid('related_id'),
  },
  (t) => [
    index('tasks_org_assignee_due_idx').on(t.organizationId, t.assigneeId, t.dueAt).where(live),
    index('tasks_org_due_idx').on(t.organizationId, t.dueAt, t.id).where(live),
    index('tasks_org_related_idx').on(t.organizationId, t.relatedType, t.relatedId).where(live),
    index('tasks_org_project_idx').on(t.organizationId, t.projectId, t.status).where(live),
    index('tasks_org_created_idx').on(t.organizationId, t.createdAt, t.id).where(live),
    index('tasks_title_trgm_idx').using('gin', sql`${t.title} gin_trgm_ops`),
  ],
);

export const notes = pgTable(
  'notes',
  {
    ...crmColumns(),
    body: text('body').notNull(),
    pinned: boolean('pinned').notNull().default(false),
    relatedType: text('related_type').notNull(),
    relatedId: uuid('related_id').notNull(),
  },
  (t) => [
    index('notes_org_related_idx').on(t.organizationId, t.relatedType, t.relatedId, t.createdAt).where(live),
    index('notes_org_created_idx').on(t.organizationId, t.createdAt, t.id).where(live),
    index('notes_org_author_idx').on(t.organizationId, t.createdBy, t.createdAt).where(live),
    index('notes_body_trgm_idx').using('gin', sql`${t.body} gin_trgm_ops`),
  ],
);

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
    // RFC 5545 RRULE (without DTSTART: startsAt is the series start); null = a single event.
    recurrence: text('recurrence'),
    // [{type:'contact'|'member', id, email?, name?, response}] — a list read and written whole with the event.
    attendees: jsonb('attendees').$type<{ type: 'contact' | 'member'; id: string; email?: string; name?: string; response: string }[]>().notNull().default([]),
    // Cancelled occurrences of a series: their original starts (ISO, UTC), like EXDATE.
    exdates: jsonb('exdates').$type<string[]>().notNull().default([]),
    // An edited occurrence is its own row pointing at its series and the start it replaces.
    recurringEventId: uuid('recurring_event_id'),
    originalStartsAt: ts('original_starts_at'),
    relatedType: text('related_type'),
    relatedId: uuid('related_id'),
    /** [{minutesBefore, channels}]: fired by server/modules/reminders/reminders.jobs.ts. */
    reminders: jsonb('reminders').$type<{ minutesBefore: number; channels: ('in_app' | 'email')[] }[]>().notNull().default(sql`'[]'::jsonb`),
  },
  (t) => [
    index('events_org_series_idx').on(t.organizationId, t.recurringEventId).where(sql`recurring_event_id is not null`),
    index('events_org_recurring_idx').on(t.organizationId, t.startsAt).where(sql`recurrence is not null and deleted_at is null`),
    index('events_org_starts_idx').on(t.organizationId, t.startsAt, t.id).where(live),
    // The range query's second scan: single events longer than a day (occurrences.ts eventsInRange).
    index('events_org_long_idx').on(t.organizationId, t.startsAt).where(sql`recurrence is null and deleted_at is null and (ends_at - starts_at) > interval '24 hours'`),
    index('events_org_owner_starts_idx').on(t.organizationId, t.ownerId, t.startsAt).where(live),
    index('events_org_related_idx').on(t.organizationId, t.relatedType, t.relatedId).where(live),
    index('events_org_created_idx').on(t.organizationId, t.createdAt, t.id).where(live),
    index('events_title_trgm_idx').using('gin', sql`${t.title} gin_trgm_ops`),
  ],
);

/**
 * A member's private iCalendar feed (GET /api/v1/calendar/feed): only the token's SHA-256 is stored,
 * so the URL is shown when made and the database never holds it. Rotating replaces the row.
 */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: text('organization_id').notNull().references(() => organization.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull().references(() => user.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    // The token itself, encrypted (AES-256-GCM): GET /calendar/feed shows the same URL again until rotated.
    tokenSealed: text('token_sealed').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('calendar_feeds_org_user_idx').on(t.organizationId, t.userId), uniqueIndex('calendar_feeds_token_idx').on(t.tokenHash)],
);
