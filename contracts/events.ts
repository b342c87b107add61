// Calendar events: a meeting, call or deadline with a time range, optionally about any record. Kept
// small on purpose; recurrence, attendees and reminders join with the calendar (Issue 11).
import { z } from 'zod';
import { VersionSchema } from './common';
import { RELATED_TYPES } from './entities';
import { EventReminderSchema, EventRemindersSchema } from './reminders';

/** True for an IANA time zone name the runtime knows ("Europe/Berlin", "UTC"). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const dateTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' });

const eventFields = {
  title: z.string().trim().min(1, 'Title is required').max(300).describe('What the event is'),
  description: z.string().max(20000).nullable().describe('Agenda or details'),
  location: z.string().trim().max(500).nullable().describe('Where: an address, a room or a meeting link'),
  startsAt: dateTime.describe('Start (ISO 8601 with offset)'),
  endsAt: dateTime.nullable().describe('End (ISO 8601); on or after the start; null for a point in time'),
  allDay: z.boolean().describe('An all-day event (times are then midnight in its time zone)'),
  timezone: z.string().trim().max(100).refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin').describe('IANA time zone the event is planned in'),
  ownerId: z.string().min(1).nullable().describe('User id of the member it belongs to'),
  relatedType: z.enum(RELATED_TYPES).nullable().describe('Type of the record it is about'),
  relatedId: z.uuid().nullable().describe('Id of the record it is about'),
  reminders: EventRemindersSchema,
};

export const EventUpdateSchema = z.strictObject(eventFields).partial();
export const EventCreateSchema = EventUpdateSchema.extend({
  title: eventFields.title,
  startsAt: eventFields.startsAt,
  allDay: eventFields.allDay.default(false),
  timezone: eventFields.timezone.default('UTC'),
  reminders: eventFields.reminders.default([]),
});

export const EventSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  location: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  allDay: z.boolean(),
  timezone: z.string(),
  ownerId: z.string().nullable(),
  relatedType: z.enum(RELATED_TYPES).nullable(),
  relatedId: z.string().nullable(),
  reminders: z.array(EventReminderSchema),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: VersionSchema,
  deletedAt: z.string().nullable(),
});
export type Event = z.infer<typeof EventSchema>;
export type EventCreate = z.input<typeof EventCreateSchema>;
export type EventUpdate = z.input<typeof EventUpdateSchema>;
