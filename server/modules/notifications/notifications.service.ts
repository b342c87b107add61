// Notifications (Issue 11.4): the one function that tells a member something (`deliver`), the
// bell's reads, and each person's preferences. A delivered notification is a row for the bell plus
// an outbox event (`notification.created`, no content) so the realtime stream pushes it to the
// person's open tabs — the stream sends a notification change only to its owner (lib/visibility.ts
// canRead) — and, where the person wants it and SMTP is set up, an email.
import { and, count, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { NOTIFICATION_KINDS, defaultNotificationSettings, type Notification, type NotificationKind, type NotificationSettings, type NotificationSettingsUpdate } from '../../../contracts/notifications';
import { recordPath } from '../../../contracts/entities';
import type { DbOrTx } from '../../db/client';
import { notificationSettings, notifications, outboxEvents } from '../../db/schema';
import { badRequest, notFound } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import type { Mail, Mailer } from '../../lib/mailer';
import { memberEmails } from '../automations/notify';

export interface NotifyDeps {
  mailer: Mailer;
  appUrl: string;
  log: Logger;
  /** Inside a transaction: emails are collected here and sent by the caller after it commits. */
  defer?: Mail[];
}

export interface NewNotification {
  orgId: string;
  userId: string;
  kind: NotificationKind;
  title: string;
  body?: string | null;
  recordType?: string | null;
  recordId?: string | null;
  actorId?: string | null;
  /** Same key, same person: one notification, however often it is offered. */
  dedupeKey: string;
  /** Channels the source allows (a reminder's own `channels`); default both. */
  channels?: readonly ('in_app' | 'email')[];
}

export async function settingsOf(db: DbOrTx, userId: string): Promise<NotificationSettings & { lastDigestDay: string | null }> {
  const [row] = await db.select().from(notificationSettings).where(eq(notificationSettings.userId, userId));
  const d = defaultNotificationSettings();
  if (!row) return { ...d, lastDigestDay: null };
  const kinds = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, { ...d.kinds[k], ...(row.kinds[k] ?? {}) }])) as NotificationSettings['kinds'];
  return { kinds, digestHour: row.digestHour, timezone: row.timezone, lastDigestDay: row.lastDigestDay };
}

export async function updateSettings(db: DbOrTx, userId: string, patch: NotificationSettingsUpdate): Promise<NotificationSettings> {
  const current = await settingsOf(db, userId);
  const kinds = { ...current.kinds };
  for (const [k, v] of Object.entries(patch.kinds ?? {})) kinds[k as NotificationKind] = { ...kinds[k as NotificationKind], ...v };
  const values = { kinds, digestHour: patch.digestHour ?? current.digestHour, timezone: patch.timezone ?? current.timezone, updatedAt: new Date() };
  await db.insert(notificationSettings).values({ userId, ...values }).onConflictDoUpdate({ target: notificationSettings.userId, set: values });
  const { lastDigestDay: _, ...out } = await settingsOf(db, userId);
  return out;
}

function present(r: typeof notifications.$inferSelect): Notification {
  return {
    id: r.id,
    kind: r.kind as NotificationKind,
    title: r.title,
    body: r.body,
    recordType: r.recordType,
    recordId: r.recordId,
    actorId: r.actorId,
    readAt: r.readAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

/**
 * Tells the person, as their settings and the source's channels allow. Returns the in-app
 * notification's id when one was made (null: off in-app, or already made for this dedupe key).
 * Email goes out only the first time a key is offered (the row claims it; with in-app off, the
 * caller's own claim — a reminder's fired_at, a digest's day — keeps it to once).
 */
export async function deliver(db: DbOrTx, deps: NotifyDeps, n: NewNotification): Promise<string | null> {
  const settings = await settingsOf(db, n.userId);
  const want = settings.kinds[n.kind];
  const channels = n.channels ?? ['in_app', 'email'];
  let id: string | null = null;
  let fresh = true;
  if (want.inApp && channels.includes('in_app')) {
    const [row] = await db
      .insert(notifications)
      .values({ organizationId: n.orgId, userId: n.userId, kind: n.kind, title: n.title, body: n.body ?? null, recordType: n.recordType ?? null, recordId: n.recordId ?? null, actorId: n.actorId ?? null, dedupeKey: n.dedupeKey })
      .onConflictDoNothing()
      .returning({ id: notifications.id });
    fresh = Boolean(row);
    if (row) {
      id = row.id;
      // The realtime stream's nudge: who and which, never the text (the bell refetches it).
      await db.insert(outboxEvents).values({ organizationId: n.orgId, type: 'notification.created', entityType: 'notification', entityId: row.id, payload: { after: { userId: n.userId }, actor: { type: 'system', userId: n.actorId ?? null } } });
    }
  }
  if (fresh && want.email && channels.includes('email') && deps.mailer) {
    const to = (await memberEmails(db, n.orgId, [n.userId])).get(n.userId);
    const path = recordPath(n.recordType, n.recordId);
    if (to) {
      const text = [n.body ?? n.title, path ? `Open: ${deps.appUrl}${path}` : null, `Change what you get: ${deps.appUrl}/settings/notifications`].filter(Boolean).join('\n\n');
      if (deps.defer) deps.defer.push({ to, subject: n.title, text });
      else await deps.mailer({ to, subject: n.title, text }).catch((err) => deps.log.error({ err, kind: n.kind }, 'notification email failed'));
    }
  }
  return id;
}

// Cursor: "<createdAt ISO with microseconds>|<id>" — newest first, stable under inserts.
function encode(createdAt: string, id: string) {
  return Buffer.from(`${createdAt}|${id}`).toString('base64url');
}
function decode(cursor: string): { at: string; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/.test(id)) throw badRequest('The cursor is not one this list gave out', [{ path: 'cursor', message: 'invalid cursor' }]);
  return { at, id };
}

export async function listNotifications(db: DbOrTx, orgId: string, userId: string, q: { limit: number; cursor?: string; unread?: 'true' | 'false' }) {
  const mine = and(eq(notifications.organizationId, orgId), eq(notifications.userId, userId));
  const after = q.cursor ? decode(q.cursor) : undefined;
  const rows = await db
    .select({ n: notifications, at: sql<string>`to_char(${notifications.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` })
    .from(notifications)
    .where(and(
      mine,
      q.unread === 'true' ? isNull(notifications.readAt) : undefined,
      after ? or(lt(notifications.createdAt, sql`${after.at}::timestamptz`), and(eq(notifications.createdAt, sql`${after.at}::timestamptz`), lt(notifications.id, after.id))) : undefined,
    ))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(q.limit + 1);
  const [unread] = await db.select({ n: count() }).from(notifications).where(and(mine, isNull(notifications.readAt)));
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return { data: page.map((r) => present(r.n)), nextCursor: rows.length > q.limit && last ? encode(last.at, last.n.id) : null, unreadCount: Number(unread?.n ?? 0) };
}

export async function markRead(db: DbOrTx, orgId: string, userId: string, id: string) {
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, id), eq(notifications.organizationId, orgId), eq(notifications.userId, userId)))
    .returning();
  if (!row) throw notFound('Notification');
  return present(row);
}

export async function markAllRead(db: DbOrTx, orgId: string, userId: string) {
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.organizationId, orgId), eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return { updated: rows.length };
}
