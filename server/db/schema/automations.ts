// Automation rules and their run log (issue 13.3). A rule's trigger, conditions and actions are
// JSON checked by contracts/automations.ts; runs record what each action did, so the log per rule
// shows it. `dedupe_key` makes a run for one event (or one overdue task, one schedule tick) once.
import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organization, user } from './auth';
import { ts } from './columns';

export const automations = pgTable(
  'automations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: text('organization_id').notNull().references(() => organization.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    /** The entity the trigger is about (deal for deal.stage_changed, task for task.overdue). */
    entityType: text('entity_type').notNull(),
    trigger: jsonb('trigger').$type<Record<string, unknown>>().notNull(),
    conditions: jsonb('conditions').$type<Record<string, unknown>>().notNull().default({}),
    actions: jsonb('actions').$type<Record<string, unknown>[]>().notNull(),
    /** Round-robin position of assign_owner actions: bumped once per assignment. */
    roundRobin: integer('round_robin').notNull().default(0),
    /** Schedule triggers: the next cron occurrence not yet run. */
    nextRunAt: ts('next_run_at'),
    /** Actions are attributed to the automation on behalf of this person. */
    createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('automations_org_idx').on(t.organizationId, t.createdAt)],
);

export const automationRuns = pgTable(
  'automation_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: text('organization_id').notNull().references(() => organization.id, { onDelete: 'cascade' }),
    automationId: uuid('automation_id').notNull().references(() => automations.id, { onDelete: 'cascade' }),
    /** event:<outbox id> · overdue:<task id>:<due> · schedule:<tick>:<record id> */
    dedupeKey: text('dedupe_key').notNull(),
    eventId: bigint('event_id', { mode: 'number' }),
    entityType: text('entity_type').notNull(),
    recordId: text('record_id'),
    depth: integer('depth').notNull().default(1),
    /** queued | running | succeeded | failed | skipped (conditions not met) | stopped (loop limit) */
    status: text('status').notNull().default('queued'),
    outcomes: jsonb('outcomes').$type<Record<string, unknown>[]>().notNull().default([]),
    error: text('error'),
    createdAt: ts('created_at').notNull().default(sql`now()`),
    startedAt: ts('started_at'),
    finishedAt: ts('finished_at'),
  },
  (t) => [
    uniqueIndex('automation_runs_dedupe_idx').on(t.automationId, t.dedupeKey),
    index('automation_runs_log_idx').on(t.organizationId, t.automationId, t.createdAt),
    index('automation_runs_status_idx').on(t.status, t.createdAt),
  ],
);
