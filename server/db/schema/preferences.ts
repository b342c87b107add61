// A person's own settings that follow them into every organization (so not tenant-scoped, like
// Better Auth's user table): today the colour theme.
import { pgTable, text } from 'drizzle-orm/pg-core';
import { user } from './auth';
import { ts } from './columns';

export const userPreferences = pgTable('user_preferences', {
  userId: text('user_id').primaryKey().references(() => user.id, { onDelete: 'cascade' }),
  /** light | dark | system (follow the device). */
  theme: text('theme').notNull().default('system'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
