// Columns every CRM table carries: tenant, identity, timestamps, soft delete.
import { sql } from 'drizzle-orm';
import { integer, jsonb, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organization, user } from './auth';

export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const crmColumns = () => ({
  id: uuid('id').primaryKey().defaultRandom(),
  organizationId: text('organization_id')
    .notNull()
    .references(() => organization.id, { onDelete: 'cascade' }),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  deletedAt: ts('deleted_at'),
  createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
  // Bumped by every write of the row (lib/crud.ts and the few set-based writes beside it): the
  // record's ETag and the If-Match check on PATCH (lib/etag.ts). An integer rather than updatedAt,
  // which comes from each node's clock (not monotonic across nodes) at millisecond precision (two
  // writes in one millisecond would share a value).
  version: integer('version').notNull().default(1),
});

export const tagsColumn = () => text('tags').array().notNull().default(sql`'{}'::text[]`);

/** A person's name (with a generated full name for sorting and search), email and phone. */
export const personColumns = () => ({
  firstName: text('first_name'),
  lastName: text('last_name'),
  fullName: text('full_name')
    .notNull()
    .generatedAlwaysAs(sql`btrim(coalesce(first_name, '') || ' ' || coalesce(last_name, ''))`),
  email: text('email'),
  phone: text('phone'),
});

/** Values of the organization's custom fields for this record, by field key. */
export const customFieldsColumn = () => jsonb('custom_fields').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`);
