// Organization-defined data: colored tags, and custom fields per entity (definitions here; the
// values live in each record's custom_fields JSON).
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organization } from './auth';
import { ts } from './columns';

const org = () =>
  text('organization_id')
    .notNull()
    .references(() => organization.id, { onDelete: 'cascade' });

export const tags = pgTable(
  'tags',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: org(),
    name: text('name').notNull(),
    color: text('color').notNull().default('#6366f1'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('tags_org_name_uq').on(t.organizationId, sql`lower(${t.name})`)],
);

export const customFieldDefinitions = pgTable(
  'custom_field_definitions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: org(),
    /** contact | company | deal | lead | project */
    entity: text('entity').notNull(),
    /** Stable: values are stored under it, so renaming the label keeps the data. */
    key: text('key').notNull(),
    label: text('label').notNull(),
    type: text('type').notNull(),
    required: boolean('required').notNull().default(false),
    options: jsonb('options').$type<string[]>(),
    position: integer('position').notNull().default(0),
    archivedAt: ts('archived_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('custom_fields_org_entity_key_uq').on(t.organizationId, t.entity, t.key), index('custom_fields_org_entity_idx').on(t.organizationId, t.entity, t.position)],
);
