// Projects with their tasks, notes and calendar events: work attached to any record (relatedType +
// relatedId). The calendar (Issue 11) adds attendees, recurrence and reminders beside events.
import { sql } from 'drizzle-orm';
import { boolean, date, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { user } from './auth';
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
    relatedType: text('related_type'),
    relatedId: uuid('related_id'),
    /** [{minutesBefore, channels}]: fired by server/modules/reminders/reminders.jobs.ts. */
    reminders: jsonb('reminders').$type<{ minutesBefore: number; channels: ('in_app' | 'email')[] }[]>().notNull().default(sql`'[]'::jsonb`),
  },
  (t) => [
    index('events_org_starts_idx').on(t.organizationId, t.startsAt, t.id).where(live),
    index('events_org_owner_starts_idx').on(t.organizationId, t.ownerId, t.startsAt).where(live),
    index('events_org_related_idx').on(t.organizationId, t.relatedType, t.relatedId).where(live),
    index('events_org_created_idx').on(t.organizationId, t.createdAt, t.id).where(live),
    index('events_title_trgm_idx').using('gin', sql`${t.title} gin_trgm_ops`),
  ],
);
