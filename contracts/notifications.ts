// In-app notifications (Issue 11.4): one per person and happening, newest first, with an unread
// count; pushed on the realtime stream as a `notification` change so the bell updates at once.
import { z } from 'zod';
import { isTimeZone } from './events';

export const NOTIFICATION_KINDS = ['reminder', 'task_assigned', 'task_due', 'event_invitation', 'deal_stage_changed', 'mention', 'calendar_sync'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  reminder: 'Reminders',
  task_assigned: 'A task is assigned to me',
  task_due: 'Tasks due today or overdue (morning digest)',
  event_invitation: 'I am invited to an event',
  deal_stage_changed: 'A deal I own changes stage',
  mention: 'Someone mentions me in a note',
  calendar_sync: 'A connected calendar needs me to reconnect',
};

export const NotificationSchema = z.object({
  id: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  title: z.string(),
  body: z.string().nullable(),
  /** The record it is about (opens at its page), when there is one. */
  recordType: z.string().nullable(),
  recordId: z.string().nullable(),
  /** User id of who caused it (null: the system, e.g. a reminder or the digest). */
  actorId: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Notification = z.infer<typeof NotificationSchema>;

export const NotificationListSchema = z.object({
  data: z.array(NotificationSchema),
  nextCursor: z.string().nullable(),
  unreadCount: z.number().int(),
});
export type NotificationList = z.infer<typeof NotificationListSchema>;

export const NotificationListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
  unread: z.enum(['true', 'false']).optional().describe('true: unread only'),
});

const channel = z.strictObject({ inApp: z.boolean(), email: z.boolean() });
export const NotificationSettingsSchema = z.object({
  kinds: z.record(z.enum(NOTIFICATION_KINDS), channel),
  /** Hour (0–23, in `timezone`) of the morning digest of tasks due today or overdue. */
  digestHour: z.number().int().min(0).max(23),
  timezone: z.string(),
});
export type NotificationSettings = z.infer<typeof NotificationSettingsSchema>;

export const NotificationSettingsUpdateSchema = z.strictObject({
  kinds: z.partialRecord(z.enum(NOTIFICATION_KINDS), channel.partial().strict()).optional(),
  digestHour: z.number().int().min(0, 'an hour from 0 to 23').max(23, 'an hour from 0 to 23').optional(),
  timezone: z.string().trim().max(100).refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin').optional(),
});
export type NotificationSettingsUpdate = z.infer<typeof NotificationSettingsUpdateSchema>;

/** Everything on, digest at 8 in UTC until the person picks their zone. */
export function defaultNotificationSettings(): NotificationSettings {
  return {
    kinds: Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, { inApp: true, email: k === 'reminder' || k === 'task_due' || k === 'calendar_sync' }])) as NotificationSettings['kinds'],
    digestHour: 8,
    timezone: 'UTC',
  };
}
