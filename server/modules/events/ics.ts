// iCalendar (RFC 5545) in and out: the private feed and invitations are written with ical-generator
// (VTIMEZONEs from @touch4it/ical-timezones, so a series keeps its local time across DST in every
// client); imports are read with ical.js. Only the translation lives here — no database access.
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, type ICalCalendar } from 'ical-generator';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { isTimeZone, type Attendee } from '../../../contracts/events';
import { badRequest } from '../../lib/errors';

const PROD_ID = { company: 'Meridian CRM', product: 'Meridian', language: 'EN' };

/** An event row as the service presents it (dates as ISO strings). */
export interface IcsEvent {
  id: string;
  title: string;
  description: string | null;
  location: string | null;
  startsAt: string;
  endsAt: string | null;
  allDay: boolean;
  timezone: string;
  recurrence: string | null;
  exdates: string[];
  attendees: Attendee[];
  recurringEventId: string | null;
  originalStartsAt: string | null;
  updatedAt: string;
  createdAt: string;
}

export interface IcsTask {
  id: string;
  title: string;
  description: string | null;
  dueAt: string;
}

/** The UID of an event in every calendar we write: an edited occurrence shares its series' UID (with RECURRENCE-ID). */
export const uidOf = (e: Pick<IcsEvent, 'id' | 'recurringEventId'>) => `${e.recurringEventId ?? e.id}@meridian-crm`;

/** A zone every client can resolve: one with a VTIMEZONE we can embed, else UTC. */
const zoneOf = (tz: string) => (tz !== 'UTC' && getVtimezoneComponent(tz) ? tz : null);
const local = (iso: string, tz: string | null) => DateTime.fromISO(iso, { zone: tz ?? 'UTC' });

const RESPONSE: Record<Attendee['response'], ICalAttendeeStatus> = {
  needs_action: ICalAttendeeStatus.NEEDSACTION,
  accepted: ICalAttendeeStatus.ACCEPTED,
  declined: ICalAttendeeStatus.DECLINED,
  tentative: ICalAttendeeStatus.TENTATIVE,
};

function newCalendar(name: string, method?: ICalCalendarMethod): ICalCalendar {
  const cal = ical({ name, prodId: PROD_ID, ...(method ? { method } : {}) });
  cal.timezone({ name: null, generator: getVtimezoneComponent });
  return cal;
}

function addEvent(cal: ICalCalendar, e: IcsEvent, opts: { url?: string; organizer?: { name: string; email: string }; cancelled?: string[] } = {}) {
  const tz = zoneOf(e.timezone);
  const start = local(e.startsAt, tz);
  // An all-day event is its dates in its own zone; DTEND is exclusive (the day after the last).
  const end = e.endsAt ? local(e.endsAt, tz) : e.allDay ? start.plus({ days: 1 }) : null;
  let repeating: string | null = null;
  if (e.recurrence) {
    const cancelled = [...new Set([...e.exdates, ...(opts.cancelled ?? [])])];
    const exdate = !cancelled.length
      ? ''
      : e.allDay
        ? `\nEXDATE;VALUE=DATE:${cancelled.map((d) => local(d, tz).toFormat('yyyyMMdd')).join(',')}`
        : tz
          ? `\nEXDATE;TZID=${tz}:${cancelled.map((d) => local(d, tz).toFormat("yyyyMMdd'T'HHmmss")).join(',')}`
          : `\nEXDATE:${cancelled.map((d) => local(d, null).toFormat("yyyyMMdd'T'HHmmss'Z'")).join(',')}`;
    repeating = `RRULE:${e.recurrence}${exdate}`;
  }
  cal.createEvent({
    id: uidOf(e),
    start,
    end,
    allDay: e.allDay,
    timezone: tz,
    summary: e.title,
    description: e.description,
    location: e.location,
    repeating,
    recurrenceId: e.originalStartsAt ? local(e.originalStartsAt, tz) : null,
    url: opts.url ?? null,
    created: new Date(e.createdAt),
    lastModified: new Date(e.updatedAt),
    stamp: new Date(e.updatedAt),
    organizer: opts.organizer ?? null,
    attendees: e.attendees
      .filter((a) => a.email)
      .map((a) => ({ email: a.email!, name: a.name ?? null, rsvp: true, role: ICalAttendeeRole.REQ, status: RESPONSE[a.response] })),
  });
}

/** A member's feed: their events (series as RRULE + EXDATE, edited occurrences with RECURRENCE-ID) and due tasks. */
export function feedIcs(name: string, evs: { event: IcsEvent; url: string; cancelled?: string[] }[], tasks: { task: IcsTask; url: string }[]): string {
  const cal = newCalendar(name);
  for (const { event, url, cancelled } of evs) addEvent(cal, event, { url, cancelled });
  for (const { task, url } of tasks) {
    cal.createEvent({ id: `task-${task.id}@meridian-crm`, start: new Date(task.dueAt), end: null, summary: `Task: ${task.title}`, description: task.description, url });
  }
  return cal.toString();
}

/** The METHOD:REQUEST calendar an invitation email carries. */
export function invitationIcs(e: IcsEvent, organizer: { name: string; email: string }, url: string): string {
  const cal = newCalendar(e.title, ICalCalendarMethod.REQUEST);
  addEvent(cal, e, { url, organizer });
  return cal.toString();
}

// ── Import ────────────────────────────────────────────────────────────────────

export interface ParsedIcs {
  events: { uid: string | null; title: string; input: Record<string, unknown> }[];
  skipped: { uid: string | null; title: string | null; reason: string }[];
}

const tzidOf = (prop: ICAL.Property | null) => (prop?.getParameter('tzid') as string | undefined) ?? null;

/** An ICAL.Time as an instant: its TZID read as an IANA zone when it is one, else as ical.js resolves it (a VTIMEZONE in the file, UTC, or floating = UTC). */
function instantOf(t: ICAL.Time, tzid: string | null): Date {
  if (tzid && isTimeZone(tzid)) {
    return DateTime.fromObject({ year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute, second: t.second }, { zone: tzid }).toJSDate();
  }
  if (t.zone && t.zone !== ICAL.Timezone.localTimezone) return new Date(t.toUnixTime() * 1000);
  return new Date(Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second));
}

/** The events of an .ics file as create bodies for eventService; a VEVENT we cannot take is skipped with the reason. A file that is not iCalendar is a 400. */
export function parseIcs(text: string): ParsedIcs {
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text) as unknown[]);
  } catch (err) {
    throw badRequest(`Not an iCalendar file: ${(err as Error).message}`, [{ path: 'file', message: 'must be an iCalendar (.ics) file' }]);
  }
  if (root.name !== 'vcalendar') throw badRequest('Not an iCalendar file: no VCALENDAR', [{ path: 'file', message: 'must contain a VCALENDAR' }]);
  // Time zones the file defines (Outlook's "W. Europe Standard Time" and the like) resolve its times.
  for (const vtz of root.getAllSubcomponents('vtimezone')) {
    try {
      ICAL.TimezoneService.register(new ICAL.Timezone(vtz));
    } catch {
      /* an unusable VTIMEZONE: its times are read as UTC */
    }
  }
  const vevents = root.getAllSubcomponents('vevent');
  if (vevents.length === 0) throw badRequest('The file has no events', [{ path: 'file', message: 'contains no VEVENT' }]);
  const out: ParsedIcs = { events: [], skipped: [] };
  for (const v of vevents) {
    const uid = (v.getFirstPropertyValue('uid') as string | null) ?? null;
    const summary = (v.getFirstPropertyValue('summary') as string | null)?.toString().trim() || null;
    const skip = (reason: string) => out.skipped.push({ uid, title: summary, reason });
    try {
      if (v.hasProperty('recurrence-id')) {
        skip('an edited occurrence of a recurring event (RECURRENCE-ID): the series is imported, this change to it is not');
        continue;
      }
      const dtstart = v.getFirstProperty('dtstart');
      const start = dtstart?.getFirstValue() as ICAL.Time | undefined;
      if (!dtstart || !start || !(start instanceof ICAL.Time)) {
        skip('no valid DTSTART');
        continue;
      }
      const tzid = tzidOf(dtstart);
      const timezone = tzid && isTimeZone(tzid) ? tzid : 'UTC';
      const allDay = start.isDate;
      const startsAt = allDay ? DateTime.fromObject({ year: start.year, month: start.month, day: start.day }, { zone: timezone }).toJSDate() : instantOf(start, tzid);
      let endsAt: Date | null = null;
      const dtend = v.getFirstProperty('dtend');
      const endTime = dtend?.getFirstValue() as ICAL.Time | undefined;
      if (dtend && endTime instanceof ICAL.Time) {
        endsAt = allDay ? DateTime.fromObject({ year: endTime.year, month: endTime.month, day: endTime.day }, { zone: timezone }).toJSDate() : instantOf(endTime, tzidOf(dtend));
      } else if (v.hasProperty('duration')) {
        const d = v.getFirstPropertyValue('duration') as ICAL.Duration;
        endsAt = new Date(startsAt.getTime() + d.toSeconds() * 1000);
      } else if (allDay) {
        endsAt = new Date(startsAt.getTime() + 86400_000);
      }
      if (Number.isNaN(startsAt.getTime()) || (endsAt && Number.isNaN(endsAt.getTime()))) {
        skip('a date it gives cannot be read');
        continue;
      }
      const rrule = v.getFirstPropertyValue('rrule') as ICAL.Recur | null;
      const exdates = v
        .getAllProperties('exdate')
        .flatMap((p) => p.getValues().map((x) => (x instanceof ICAL.Time ? instantOf(x, tzidOf(p)).toISOString() : null)))
        .filter((x): x is string => x !== null);
      out.events.push({
        uid,
        title: summary ?? '(No title)',
        input: {
          title: (summary ?? '(No title)').slice(0, 300),
          description: (v.getFirstPropertyValue('description') as string | null)?.toString() ?? null,
          location: (v.getFirstPropertyValue('location') as string | null)?.toString().slice(0, 500) ?? null,
          startsAt: startsAt.toISOString(),
          endsAt: endsAt ? endsAt.toISOString() : null,
          allDay,
          timezone,
          recurrence: rrule ? rrule.toString() : null,
          ...(exdates.length ? { exdates } : {}),
        },
      });
    } catch (err) {
      skip(`cannot be read: ${(err as Error).message}`);
    }
  }
  return out;
}
