// CSV imports: the uploaded file, its column mapping, progress, and the rows it rejected.
import { index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { organization, user } from './auth';
import { ts } from './columns';

export const imports = pgTable(
  'imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organization.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    /** contacts | companies | deals | leads */
    resource: text('resource').notNull(),
    filename: text('filename').notNull(),
    /** uploaded | running | completed | failed */
    status: text('status').notNull().default('uploaded'),
    headers: jsonb('headers').$type<string[]>().notNull(),
    mapping: jsonb('mapping').$type<Record<string, string | null>>(),
    duplicateMode: text('duplicate_mode').notNull().default('skip'),
    totalRows: integer('total_rows').notNull(),
    processed: integer('processed').notNull().default(0),
    created: integer('created').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    skipped: integer('skipped').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    rejectedRows: jsonb('rejected_rows').$type<{ row: number; errors: { path: string; message: string }[]; values: Record<string, string> }[]>().notNull().default([]),
    error: text('error'),
    /** The file itself, parsed into rows of strings (header order). */
    rows: jsonb('rows').$type<string[][]>().notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('imports_org_created_idx').on(t.organizationId, t.createdAt)],
);
