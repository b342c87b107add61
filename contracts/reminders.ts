// Reminders (Issue 11.3): "remind me to call Bob tomorrow at 10". A reminder fires once at remindAt
// for its owner, as an in-app notification and (when SMTP is set up) an email, unless it is done or
// deleted by then. Events carry their own reminders (`reminders` on contracts/events.ts).
import { z } from 'zod';
import { isoDateTime, VersionSchema } from './common';
import { RELATED_TYPES } from './entities';

export const REMINDER_CHANNELS = ['in_app', 'email'] as const;
export type ReminderChannel = (typeof REMINDER_CHANNELS)[number];
export const REMINDER_VIEWS = ['mine', 'upcoming', 'overdue', 'done'] as const;

export const ChannelsSchema = z
  .array(z.enum(REMINDER_CHANNELS))
  .min(1, 'pick at least one channel')
  .max(2)
  .refine((c) => new Set(c).size === c.length, 'each channel once')
  .describe('How it reaches its owner: in_app (the bell), email (when the server has SMTP)');

const reminderFields = {
  title: z.string().trim().min(1, 'Title is required').max(300).describe('What to be reminded of'),
  remindAt: isoDateTime().describe('When it fires (ISO 8601 with offset)'),
  relatedType: z.enum(RELATED_TYPES).nullable().describe('Type of the record it is about'),
  relatedId: z.uuid().nullable().describe('Id of the record it is about'),
  channels: ChannelsSchema,
  done: z.boolean().describe('Done reminders never fire'),
  ownerId: z.string().min(1).nullable().describe('User id of the member it reminds (default: the creator)'),
};

export const ReminderUpdateSchema = z.strictObject(reminderFields).partial();
export const ReminderCreateSchema = ReminderUpdateSchema.extend({
  title: reminderFields.title,
  remindAt: reminderFields.remindAt,
  channels: ChannelsSchema.default(['in_app', 'email']),
  done: reminderFields.done.default(false),
});

export const ReminderSchema = z.object({
  id: z.string(),
  title: z.string(),
  remindAt: z.string(),
  relatedType: z.enum(RELATED_TYPES).nullable(),
  relatedId: z.string().nullable(),
  channels: z.array(z.enum(REMINDER_CHANNELS)),
  done: z.boolean(),
  ownerId: z.string().nullable(),
  /** When it fired (null: not yet). Rescheduling to a later time clears it. */
  firedAt: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: VersionSchema,
  deletedAt: z.string().nullable(),
});
export type Reminder = z.infer<typeof ReminderSchema>;
export type ReminderCreate = z.input<typeof ReminderCreateSchema>;
export type ReminderUpdate = z.input<typeof ReminderUpdateSchema>;

/** One reminder of an event: minutes before its start (0 = at the start), through these channels. */
export const EventReminderSchema = z.strictObject({
  minutesBefore: z.number().int().min(0).max(40320, 'at most four weeks before').describe('Minutes before the start'),
  channels: ChannelsSchema,
});
export const EventRemindersSchema = z
  .array(EventReminderSchema)
  .max(5, 'at most five reminders per event')
  .refine((r) => new Set(r.map((x) => x.minutesBefore)).size === r.length, 'each minutesBefore once')
  .describe('Reminders before the start: [{minutesBefore, channels}]');
export type EventReminder = z.infer<typeof EventReminderSchema>;
