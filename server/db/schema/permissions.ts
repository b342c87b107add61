// Record visibility and edit rights per organization and record type (Issue 14). A missing row
// means "all" for both: today's behaviour, everyone in the organization reads and edits.
import { index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { organization, user } from './auth';
import { ts } from './columns';

export const recordPermissions = pgTable(
  'record_permissions',
  {
    organizationId: text('organization_id')
      .notNull()
      .references(() => organization.id, { onDelete: 'cascade' }),
    /** Catalogue type: contact, deal, … */
    recordType: text('record_type').notNull(),
    /** all | own */
    read: text('read').notNull().default('all'),
    /** all | own (members only; viewers never edit, admins and owners always may) */
    edit: text('edit').notNull().default('all'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.recordType] })],
);

// Field-level permissions (lib/field-permissions.ts): a row restricts one field of one record type
// for one role; no row means visible and writable (as the role allows).
export const fieldPermissions = pgTable(
  'field_permissions',
  {
    organizationId: text('organization_id')
      .notNull()
      .references(() => organization.id, { onDelete: 'cascade' }),
    recordType: text('record_type').notNull(),
    /** The record's field name, or customFields.<key>. */
    field: text('field').notNull(),
    /** admin | member | viewer (owners are never restricted) */
    role: text('role').notNull(),
    /** hidden | read_only */
    access: text('access').notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.recordType, t.field, t.role] })],
);

// Explicit shares (Issue 14.4): one record made visible to one more member under owner-only
// visibility, to read or to edit, beside its owner and assignees. Records of every type share this
// table (type + id, as activities do); they stay with a deleted record, so a restore brings them back.
export const recordShares = pgTable(
  'record_shares',
  {
    organizationId: text('organization_id')
      .notNull()
      .references(() => organization.id, { onDelete: 'cascade' }),
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    /** read | edit */
    access: text('access').notNull().default('read'),
    createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  // Visibility looks a share up by (org, type, record, user): the key serves it.
  (t) => [primaryKey({ columns: [t.organizationId, t.entityType, t.entityId, t.userId] }), index('record_shares_user_idx').on(t.organizationId, t.userId)],
);
