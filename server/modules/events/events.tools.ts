// Assistant and MCP tools for the calendar beside the five generic event tools (list/get/create/
// update/delete_event, delete needing approval): what is on in a range with series expanded, one
// occurrence changed or cancelled (cancelling needs approval, like a delete), and the calendar as
// people ask for it (agenda.ts): schedule a meeting with named attendees at a wall-clock time in the
// user's zone, the user's agenda, move an event keeping its length, cancel an event (approval).
// Reminders ("remind me to …") are the generic create_reminder.
import { z } from 'zod';
import { RELATED_TYPES } from '../../../contracts/entities';
import { EventUpdateSchema, isTimeZone, RANGE_MAX_DAYS } from '../../../contracts/events';
import { EventRemindersSchema } from '../../../contracts/reminders';
import type { ToolSpec } from '../../assistant/tools';
import type { ServiceContext } from '../../lib/context';
import { fieldError } from '../../lib/errors';
import { agenda, dayRange, instantIn, resolveAttendeeRefs, userZone, type AttendeeRef } from './agenda';
import { eventService } from './events.service';
import { cancelOccurrence, editOccurrence, eventsInRange, parseRange } from './occurrences';

const occurrenceInput = z.object({
  id: z.uuid().describe('Id of the recurring event (the seriesId of the occurrence)'),
  occurrence: z.iso.datetime({ offset: true }).describe('The occurrenceStart of the occurrence, as list_calendar_events gives it'),
});

const zoneInput = z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin').optional().describe("IANA time zone of times given without an offset (default: the user's)");
const attendeeInput = z
  .union([z.string().min(1).max(320), z.object({ type: z.enum(['contact', 'member']), id: z.string().min(1) })])
  .describe('A name ("Ada Lovelace"), an email, or {type, id} of a contact or member');

const when = (d: Date, zone: string) => d.toLocaleString('en-GB', { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

/** The occurrence (or single event) a move or cancel is about. */
async function target(ctx: ServiceContext, id: string, occurrence: string | undefined) {
  const row = await eventService.get(ctx, id);
  if (row.recurrence && !occurrence) return { row, occurrence: undefined };
  if (!row.recurrence && occurrence) throw fieldError('occurrence', 'this event does not repeat; leave occurrence out');
  return { row, occurrence };
}

function calendarTools(): ToolSpec[] {
  return [
    {
      name: 'schedule_meeting',
      description: "Schedule a meeting or other event for the user: title, start, end or duration, attendees by name or email (contacts and members; a name matching several people is refused with the candidates: ask the user), a related record and reminders. Times without an offset are wall-clock times in the user's time zone.",
      input: z.object({
        title: z.string().trim().min(1).max(300).describe('What the meeting is, e.g. "Meeting with Ada Lovelace"'),
        start: z.string().min(10).describe('Start: ISO 8601, e.g. 2026-12-04T15:00 (user\'s time zone) or with an offset'),
        end: z.string().min(10).optional().describe('End (ISO 8601); or give durationMinutes'),
        durationMinutes: z.number().int().min(1).max(24 * 60 * 14).optional().describe('Length in minutes (default 60) when end is not given'),
        timezone: zoneInput,
        attendees: z.array(attendeeInput).max(50).optional().describe('Who is invited'),
        location: z.string().trim().max(500).optional().describe('Where, or a meeting link'),
        description: z.string().max(20000).optional().describe('Agenda or details'),
        relatedType: z.enum(RELATED_TYPES).optional().describe('Type of the record it is about (default: the first contact attending)'),
        relatedId: z.uuid().optional().describe('Id of the record it is about'),
        reminders: EventRemindersSchema.optional().describe('e.g. [{"minutesBefore":15,"channels":["in_app"]}]'),
      }),
      role: 'member',
      destructive: false,
      execute: async (ctx, i) => {
        const zone = (i.timezone as string | undefined) ?? (await userZone(ctx));
        const startsAt = instantIn(String(i.start), zone, 'start');
        const endsAt = i.end ? instantIn(String(i.end), zone, 'end') : new Date(startsAt.getTime() + ((i.durationMinutes as number | undefined) ?? 60) * 60_000);
        const attendees = await resolveAttendeeRefs(ctx, (i.attendees as AttendeeRef[] | undefined) ?? []);
        const firstContact = attendees.find((a) => a.type === 'contact');
        const related = i.relatedType && i.relatedId ? { relatedType: i.relatedType, relatedId: i.relatedId } : firstContact ? { relatedType: 'contact', relatedId: firstContact.id } : {};
        return eventService.create(ctx, {
          title: i.title,
          startsAt: startsAt.toISOString(),
          endsAt: endsAt.toISOString(),
          timezone: zone,
          ownerId: ctx.actor.userId,
          attendees,
          ...related,
          ...(i.location ? { location: i.location } : {}),
          ...(i.description ? { description: i.description } : {}),
          ...(i.reminders ? { reminders: i.reminders } : {}),
        });
      },
    },
    {
      name: 'calendar_agenda',
      description: "The user's own agenda: their events (repeating ones expanded) and the open tasks due to them between two local dates, by start, with local times in the user's time zone and a link for each.",
      input: z.object({
        from: z.string().describe('First day, YYYY-MM-DD in the user\'s time zone (or an ISO date-time)'),
        to: z.string().describe('Last day, YYYY-MM-DD, included (or an ISO date-time, excluded)'),
        timezone: zoneInput,
        includeTasks: z.boolean().optional().describe('Include tasks due (default true)'),
      }),
      role: 'viewer',
      destructive: false,
      execute: async (ctx, i) => {
        const zone = (i.timezone as string | undefined) ?? (await userZone(ctx));
        const day = /^\d{4}-\d{2}-\d{2}$/;
        const from = String(i.from);
        const to = String(i.to);
        const range = day.test(from) && day.test(to) ? dayRange(from, to, zone) : parseRange({ from: day.test(from) ? dayRange(from, from, zone).from.toISOString() : from, to: day.test(to) ? dayRange(to, to, zone).to.toISOString() : to });
        if (range.to <= range.from) throw fieldError('to', 'must be on or after from');
        if (range.to.getTime() - range.from.getTime() > RANGE_MAX_DAYS * 86400_000) throw fieldError('to', `the range is at most ${RANGE_MAX_DAYS} days`);
        const items = await agenda(ctx, range, zone, { tasks: i.includeTasks !== false });
        return { timezone: zone, from: range.from.toISOString(), to: range.to.toISOString(), total: items.length, items: items.slice(0, 100) };
      },
    },
    {
      name: 'move_event',
      description: 'Move an event, or one occurrence of a repeating event, to a new start; it keeps its length unless a new end is given. Without occurrence a repeating event moves as a whole series.',
      input: z.object({
        id: z.uuid().describe('Id of the event (for an occurrence: the seriesId)'),
        occurrence: z.iso.datetime({ offset: true }).optional().describe('The occurrenceStart of one occurrence to move only that one'),
        start: z.string().min(10).describe('New start: ISO 8601, e.g. 2026-12-04T16:00 (user\'s time zone) or with an offset'),
        end: z.string().min(10).optional().describe('New end (default: the new start plus the current length)'),
        timezone: zoneInput,
      }),
      role: 'member',
      destructive: false,
      execute: async (ctx, i) => {
        const zone = (i.timezone as string | undefined) ?? (await userZone(ctx));
        const t = await target(ctx, i.id as string, i.occurrence as string | undefined);
        const startsAt = instantIn(String(i.start), zone, 'start');
        const length = t.row.endsAt ? new Date(String(t.row.endsAt)).getTime() - new Date(String(t.row.startsAt)).getTime() : null;
        const endsAt = i.end ? instantIn(String(i.end), zone, 'end').toISOString() : length === null ? null : new Date(startsAt.getTime() + length).toISOString();
        if (t.occurrence) return (await editOccurrence(ctx, t.row.id, t.occurrence, { startsAt: startsAt.toISOString(), endsAt })).row;
        return eventService.update(ctx, t.row.id, { startsAt: startsAt.toISOString(), endsAt });
      },
    },
    {
      name: 'cancel_event',
      description: 'Cancel an event (it is deleted and can be restored), or only one occurrence of a repeating event. Needs the user\'s approval.',
      input: z.object({
        id: z.uuid().describe('Id of the event (for an occurrence: the seriesId)'),
        occurrence: z.iso.datetime({ offset: true }).optional().describe('The occurrenceStart of one occurrence to cancel only that one'),
      }),
      role: 'member',
      destructive: true,
      execute: async (ctx, i) => {
        const t = await target(ctx, i.id as string, i.occurrence as string | undefined);
        if (t.occurrence) await cancelOccurrence(ctx, t.row.id, t.occurrence);
        else await eventService.remove(ctx, t.row.id);
        return { cancelled: true, id: t.row.id, ...(t.occurrence ? { occurrence: t.occurrence } : {}) };
      },
      describeCall: async (ctx, i) => {
        const row = await eventService.get(ctx, i.id as string).catch(() => null);
        if (!row) return `Cancel event ${String(i.id)}`;
        const zone = String(row.timezone ?? 'UTC');
        const at = new Date(String(i.occurrence ?? row.startsAt));
        return `Cancel "${String(row.title)}" on ${when(at, zone)} (${zone})${row.recurrence ? (i.occurrence ? ' (this occurrence only)' : ' (the whole series)') : ''}`;
      },
    },
  ];
}

export function eventTools(): ToolSpec[] {
  return [
    ...calendarTools(),
    {
      name: 'list_calendar_events',
      description: `Events in a time range with repeating events expanded into their occurrences (each with seriesId and occurrenceStart), by start. At most ${RANGE_MAX_DAYS} days.`,
      input: z.object({
        from: z.string().describe('Range start, ISO date or date-time'),
        to: z.string().describe('Range end (exclusive), ISO date or date-time'),
        mine: z.boolean().optional().describe("Only the user's own events"),
      }),
      role: 'viewer',
      destructive: false,
      execute: async (ctx, i) => {
        const data = await eventsInRange(ctx, parseRange(i as { from: string; to: string }), i.mine ? { view: 'mine' } : {});
        return { total: data.length, events: data.slice(0, 100) };
      },
    },
    {
      name: 'update_event_occurrence',
      description: 'Change one occurrence of a repeating event (e.g. move this week\'s meeting) without changing the rest of the series.',
      input: occurrenceInput.extend(EventUpdateSchema.omit({ recurrence: true }).shape),
      role: 'member',
      destructive: false,
      execute: async (ctx, { id, occurrence, ...patch }) => (await editOccurrence(ctx, id as string, occurrence as string, patch)).row,
    },
    {
      name: 'cancel_event_occurrence',
      description: 'Cancel one occurrence of a repeating event; the rest of the series stays. Needs the user\'s approval.',
      input: occurrenceInput,
      role: 'member',
      destructive: true,
      execute: async (ctx, i) => {
        await cancelOccurrence(ctx, i.id as string, i.occurrence as string);
        return { cancelled: true, id: i.id, occurrence: i.occurrence };
      },
      describeCall: async (ctx, i) => {
        const row = await eventService.get(ctx, i.id as string).catch(() => null);
        return `Cancel the ${String(i.occurrence)} occurrence of ${row ? `"${String(row.title)}"` : `event ${String(i.id)}`}`;
      },
    },
  ];
}
