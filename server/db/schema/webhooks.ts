// Webhooks and their delivery log (issue 13.2). The secret is sealed with the server's secret box
// (it must be read back to sign); deliveries keep the body they send, so every retry is identical.
import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, uuid, boolean } from 'drizzle-orm/pg-core';
import { organization, user } from './auth';
import { ts } from './columns';

export const webhooks = pgTable(
  'webhooks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: text('organization_id').notNull().references(() => organization.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    events: text('events').array().notNull(),
    description: text('description'),
    secretEncrypted: text('secret_encrypted').notNull(),
    active: boolean('active').notNull().default(true),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    disabledReason: text('disabled_reason'),
    /** Payloads carry what this person may read; deliveries stop if they lose access. */
    createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('webhooks_org_idx').on(t.organizationId)],
);

export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: text('organization_id').notNull().references(() => organization.id, { onDelete: 'cascade' }),
    webhookId: uuid('webhook_id').notNull().references(() => webhooks.id, { onDelete: 'cascade' }),
    eventId: bigint('event_id', { mode: 'number' }).notNull(),
    eventType: text('event_type').notNull(),
    /** The JSON body, fixed at the first attempt (null until then). */
    body: jsonb('body').$type<Record<string, unknown>>(),
    /** pending | retrying | succeeded | failed | cancelled */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    responseStatus: integer('response_status'),
    error: text('error'),
    durationMs: integer('duration_ms'),
    createdAt: ts('created_at').notNull().default(sql`now()`),
    lastAttemptAt: ts('last_attempt_at'),
  },
  (t) => [index('webhook_deliveries_hook_idx').on(t.webhookId, t.createdAt), index('webhook_deliveries_status_idx').on(t.status, t.createdAt)],
);
