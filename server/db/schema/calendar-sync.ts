// Calendar sync (Issue 11.6): a member's connected Google or Microsoft calendar, and the link from a
// Meridian event to its copy there. Tokens are sealed with the server's secret box (AES-256-GCM,
// lib/crypto.ts); `cursor` is Google's nextSyncToken or Graph's @odata.deltaLink.
import { index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organization, user } from './auth';
import { ts } from './columns';
import { events } from './work';

export const calendarConnections = pgTable(
  'calendar_connections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: text('organization_id').notNull().references(() => organization.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull().references(() => user.id, { onDelete: 'cascade' }),
    /** google | microsoft */
    provider: text('provider').notNull(),
    accountEmail: text('account_email').notNull(),
    accessTokenSealed: text('access_token_sealed').notNull(),
    refreshTokenSealed: text('refresh_token_sealed'),
    expiresAt: ts('expires_at'),
    /** Google nextSyncToken or Graph @odata.deltaLink; null = the next sync is a full one. */
    cursor: text('cursor'),
    /** ok | reconnect_needed */
    status: text('status').notNull().default('ok'),
    lastError: text('last_error'),
    lastSyncedAt: ts('last_synced_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('calendar_connections_account_idx').on(t.organizationId, t.userId, t.provider, t.accountEmail)],
);

/** One Meridian event ↔ one remote event of one connection: what makes sync idempotent. */
export const calendarEventLinks = pgTable(
  'calendar_event_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: text('organization_id').notNull().references(() => organization.id, { onDelete: 'cascade' }),
    connectionId: uuid('connection_id').notNull().references(() => calendarConnections.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
    provider: text('provider').notNull(),
    remoteId: text('remote_id').notNull(),
    /** Google etag / Graph @odata.etag of the version last seen. */
    remoteEtag: text('remote_etag'),
    /** The remote `updated` / `lastModifiedDateTime` last seen. */
    remoteUpdatedAt: ts('remote_updated_at'),
    /** The Meridian event's updatedAt when it was last in step with the remote copy. */
    localUpdatedAt: ts('local_updated_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('calendar_event_links_remote_idx').on(t.connectionId, t.remoteId),
    uniqueIndex('calendar_event_links_event_idx').on(t.connectionId, t.eventId),
    index('calendar_event_links_org_event_idx').on(t.organizationId, t.eventId),
  ],
);
