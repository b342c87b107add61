// Tasks and notes: work attached to any record (relatedType + relatedId).
import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { user } from './auth';
import { crmColumns, ts } from './columns';

const live = sql`deleted_at is null`;

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
    relatedType: text('related_type'),
    relatedId: uuid('related_id'),
  },
  (t) => [
    index('tasks_org_assignee_due_idx').on(t.organizationId, t.assigneeId, t.dueAt).where(live),
    index('tasks_org_due_idx').on(t.organizationId, t.dueAt, t.id).where(live),
    index('tasks_org_related_idx').on(t.organizationId, t.relatedType, t.relatedId).where(live),
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
    index('notes_body_trgm_idx').using('gin', sql`${t.body} gin_trgm_ops`),
  ],
);
