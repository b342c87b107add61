// What users tell us through /feedback; the screenshot's bytes live in attachment storage.
import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { organization, user } from './auth';
import { ts } from './columns';

export const feedback = pgTable(
  'feedback',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: text('organization_id').notNull().references(() => organization.id, { onDelete: 'cascade' }),
    authorId: text('author_id').notNull().references(() => user.id, { onDelete: 'cascade' }),
    category: text('category').notNull(),
    message: text('message').notNull(),
    page: text('page'),
    screenshotKey: text('screenshot_key'),
    screenshotType: text('screenshot_type'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('feedback_org_created_idx').on(t.organizationId, t.createdAt)],
);
