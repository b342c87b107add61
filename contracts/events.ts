// Calendar events: a meeting, call or deadline with a time range, optionally about any record, with
// an optional RFC 5545 recurrence rule and attendees (contacts and members). One occurrence of a
// series can be edited (an override row: recurringEventId + originalStartsAt) or cancelled (an entry
// in the series' exdates) — see ARCHITECTURE.md "Calendar".
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

export const ATTENDEE_RESPONSES = ['needs_action', 'accepted', 'declined', 'tentative'] as const;

export const AttendeeSchema = z.strictObject({
  type: z.enum(['contact', 'member']).describe('A contact of the organization or a member (user)'),
  id: z.string().min(1).max(100).describe('Contact id, or the user id of the member'),
  email: z.email().max(320).optional().describe("Where invitations go; defaults to the contact's or member's email"),
  name: z.string().trim().max(200).optional().describe('Display name; defaults to the record\'s name'),
  response: z.enum(ATTENDEE_RESPONSES).default('needs_action').describe('Their answer to the invitation'),
});
export type Attendee = z.infer<typeof AttendeeSchema>;

const eventFields = {
  title: z.string().trim().min(1, 'Title is required').max(300).describe('What the event is'),
  description: z.string().max(20000).nullable().describe('Agenda or details'),
  location: z.string().trim().max(500).nullable().describe('Where: an address, a room or a meeting link'),
  startsAt: dateTime.describe('Start (ISO 8601 with offset)'),
  endsAt: dateTime.nullable().describe('End (ISO 8601); on or after the start; null for a point in time'),
  allDay: z.boolean().describe('An all-day event (times are then midnight in its time zone)'),
  timezone: z.string().trim().max(100).refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin').describe('IANA time zone the event is planned in'),
  ownerId: z.string().min(1).nullable().describe('User id of the member it belongs to'),
  recurrence: z
    .string()
    .trim()
    .max(1000)
    .nullable()
    .describe('RFC 5545 RRULE, e.g. `FREQ=WEEKLY;BYDAY=MO;COUNT=10` (an `RRULE:` prefix is allowed); expanded in the event\'s time zone from startsAt. null: a single event'),
  attendees: z.array(AttendeeSchema).max(200).describe('Contacts and members invited, with their response'),
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
  // Set once, on create: an edited occurrence of a series (PATCH /events/{id}?occurrence= makes these).
  recurringEventId: z.uuid().optional().describe('Makes this an edited occurrence of that recurring event (with originalStartsAt)'),
  originalStartsAt: dateTime.optional().describe('With recurringEventId: the start of the occurrence this one replaces'),
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
  recurrence: z.string().nullable(),
  attendees: z.array(z.object({ type: z.enum(['contact', 'member']), id: z.string(), email: z.string().optional(), name: z.string().optional(), response: z.enum(ATTENDEE_RESPONSES) })),
  exdates: z.array(z.string()).describe('Cancelled occurrences of a series (their original starts, ISO)'),
  recurringEventId: z.string().nullable().describe('Set on an edited occurrence: the series it belongs to'),
  originalStartsAt: z.string().nullable().describe('Set on an edited occurrence: the start it had in the series'),
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

/** One occurrence in a range (`GET /events?from=&to=`, the calendar): the event's fields with its own times. */
export const EventOccurrenceSchema = EventSchema.extend({
  seriesId: z.string().nullable().describe('The recurring event this is an occurrence of (null for a single event)'),
  occurrenceStart: z.string().nullable().describe('The start this occurrence has in its series: pass it as ?occurrence= to edit or cancel just this one'),
});
export type EventOccurrence = z.infer<typeof EventOccurrenceSchema>;

/** The longest range one request may expand. */
export const RANGE_MAX_DAYS = 400;

/** `?occurrence=` on PATCH/DELETE /events/{id}: act on one occurrence of the series instead of all of it. */
export const OccurrenceQuerySchema = z.object({
  occurrence: z.iso.datetime({ offset: true, message: 'must be the ISO 8601 start of an occurrence' }).optional().describe('The start of one occurrence of this recurring event (its occurrenceStart): edit or cancel only that one'),
});

// ── The calendar feed (GET /calendar) ─────────────────────────────────────────
export const CALENDAR_ITEM_TYPES = ['event', 'task', 'deal'] as const;

export const CalendarItemSchema = z.object({
  type: z.enum(CALENDAR_ITEM_TYPES),
  id: z.string().describe('The record id (for an occurrence: the event row it comes from)'),
  title: z.string(),
  start: z.string().describe('ISO 8601 date-time; for all-day items midnight UTC of the day'),
  end: z.string().nullable(),
  allDay: z.boolean(),
  timezone: z.string().nullable().describe('Events: the IANA zone it is planned in'),
  recordPath: z.string().describe('Where the record lives in the web app, e.g. /events/<id>'),
  url: z.string().describe('The same as an absolute URL'),
  seriesId: z.string().nullable().describe('Events: the recurring series'),
  occurrenceStart: z.string().nullable().describe('Events: the start in its series (?occurrence=)'),
  location: z.string().nullable(),
  status: z.string().nullable().describe("Tasks: their status; deals: 'open' | 'won' | 'lost'"),
  ownerId: z.string().nullable().describe('Owner (events, deals) or assignee (tasks)'),
  relatedType: z.string().nullable(),
  relatedId: z.string().nullable(),
});
export type CalendarItem = z.infer<typeof CalendarItemSchema>;

// from/to are checked by the service (one rule and one message for /events and /calendar).
export const CalendarQuerySchema = z.object({
  from: z.string().max(40).optional().describe('Range start (inclusive), ISO date or date-time; required'),
  to: z.string().max(40).optional().describe(`Range end (exclusive), at most ${RANGE_MAX_DAYS} days after from; required`),
  include: z
    .string()
    .max(100)
    .optional()
    .describe('Comma-separated extra types beside events: `tasks`, `deals`. Default `tasks`; empty for events only'),
});

export const CalendarFeedSchema = z.object({ url: z.string().describe('Private iCalendar (RFC 5545) URL of your events and due tasks; anyone with it can read them: rotate it if it leaks') });

export const EventImportResultSchema = z.object({
  created: z.array(z.object({ id: z.string(), title: z.string(), uid: z.string().nullable() })),
  skipped: z.array(z.object({ uid: z.string().nullable(), title: z.string().nullable(), reason: z.string() })),
});

export const EventInviteSchema = z.strictObject({
  message: z.string().max(5000).optional().describe('A note added to the invitation email'),
});
export const EventInviteResultSchema = z.object({ sent: z.array(z.string()).describe('Addresses invited'), skipped: z.array(z.object({ attendee: z.string(), reason: z.string() })) });
