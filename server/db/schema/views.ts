// Saved views (Issue 15.3): a named list state — filter, sort, columns, layout — of one resource,
// private to its creator or shared with the organization.
import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { crmColumns } from './columns';

export const savedViews = pgTable(
  'saved_views',
  {
    ...crmColumns(),
    name: text('name').notNull(),
    resource: text('resource').notNull(),
    filter: jsonb('filter').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    q: text('q'),
    sort: text('sort'),
    columns: text('columns').array().notNull().default(sql`'{}'::text[]`),
    layout: text('layout').notNull().default('table'),
    /** private: only its creator sees it; shared: everyone in the organization (creator and admins edit). */
    visibility: text('visibility').notNull().default('private'),
  },
  (t) => [index('saved_views_org_resource_idx').on(t.organizationId, t.resource, t.name).where(sql`deleted_at is null`)],
);
