// Files attached to records. The bytes live in the configured storage (DATA_DIR or S3); this row
// says what they are, whose they are and where.
import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { organization, user } from './auth';
import { ts } from './columns';

export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organization.id, { onDelete: 'cascade' }),
    relatedType: text('related_type').notNull(),
    relatedId: uuid('related_id').notNull(),
    filename: text('filename').notNull(),
    /** Detected from the bytes, not from the name. */
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    storageKey: text('storage_key').notNull(),
    createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [index('attachments_org_related_idx').on(t.organizationId, t.relatedType, t.relatedId, t.createdAt).where(sql`deleted_at is null`)],
);
