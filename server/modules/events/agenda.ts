// The calendar as a person asks for it (the assistant's and MCP's calendar tools): times given as
// wall-clock times in the user's zone, attendees named rather than given by id, one person's agenda
// (their events and the tasks due to them) in local time. Every write goes through eventService.
import { and, eq, gte, isNull, lt, notInArray, or, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { entityOf } from '../../../contracts/entities';
import type { Attendee } from '../../../contracts/events';
import { events, tasks } from '../../db/schema';
import type { ServiceContext } from '../../lib/context';
import { fieldError } from '../../lib/errors';
import { readable } from '../../lib/visibility';
import { contactService } from '../contacts/contacts.service';
import { listMembers } from '../members/members.service';
import { settingsOf } from '../notifications/notifications.service';
import { byCode, eventsInRange } from './occurrences';

/** The zone the user plans in: their notification settings' (UTC by default). */
export async function userZone(ctx: ServiceContext): Promise<string> {
  return (await settingsOf(ctx.db, ctx.actor.userId)).timezone;
}

/**
 * An instant from what a person or a model writes: an ISO date-time with an offset is that
 * instant; one without ("2026-12-04T15:00") is a wall-clock time in `zone`; a bare date is its midnight there.
 */
export function instantIn(value: string, zone: string, field: string): Date {
  const hasOffset = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(value.trim());
  const dt = hasOffset ? DateTime.fromISO(value.trim(), { setZone: true }) : DateTime.fromISO(value.trim(), { zone });
  if (!dt.isValid) throw fieldError(field, 'must be an ISO 8601 date-time, e.g. 2026-12-04T15:00 (in the user\'s time zone) or with an offset');
  return dt.toJSDate();
}

export type AttendeeRef = string | { type: 'contact' | 'member'; id: string };

/**
 * Attendees as people name them: an email, a name ("Ada Lovelace", "Ada"), or {type, id}. A name
 * that matches several people or nobody is refused with the candidates, so the caller can ask.
 */
export async function resolveAttendeeRefs(ctx: ServiceContext, refs: AttendeeRef[]): Promise<Attendee[]> {
  if (!refs.length) return [];
  const members = (await listMembers(ctx)).filter((m) => !m.deactivatedAt);
  const out: Attendee[] = [];
  for (const [i, ref] of refs.entries()) {
    if (typeof ref !== 'string') {
      out.push({ type: ref.type, id: ref.id, response: 'needs_action' });
      continue;
    }
    const typed = ref.trim();
    const lower = typed.toLowerCase();
    const isEmail = /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(typed);
    const memberHits = members.filter((m) => (isEmail ? m.email.toLowerCase() === lower : namesMatch(typed, m.name)));
    const contactRows = (await contactService.list(ctx, { q: isEmail ? lower : typed, limit: 10 })).data;
    const contactHits = contactRows.filter((c) => (isEmail ? String(c.email ?? '').toLowerCase() === lower : namesMatch(typed, String(c.fullName ?? ''))));
    const hits = [
      ...contactHits.map((c) => ({ type: 'contact' as const, id: String(c.id), name: String(c.fullName), email: (c.email as string | null) ?? null })),
      ...memberHits.map((m) => ({ type: 'member' as const, id: m.userId, name: m.name, email: m.email })),
    ];
    // An exact full name beats first-name matches ("Ada Lovelace" over "Ada King" when typed in full).
    const exact = hits.filter((h) => h.name.toLowerCase() === lower || (h.email ?? '').toLowerCase() === lower);
    const chosen = exact.length === 1 ? exact : hits;
    if (chosen.length === 0) throw fieldError(`attendees.${i}`, `no contact or member called "${typed}"`);
    if (chosen.length > 1) {
      throw fieldError(`attendees.${i}`, `"${typed}" matches ${chosen.length} people: ${chosen.map((h) => `${h.name} (${h.type} ${h.id}${h.email ? `, ${h.email}` : ''})`).join('; ')}. Ask the user which one, then pass {type, id}`);
    }
    if (!out.some((a) => a.type === chosen[0].type && a.id === chosen[0].id)) out.push({ type: chosen[0].type, id: chosen[0].id, response: 'needs_action' });
  }
  return out;
}

/** "Ada" or "ada lovelace" names Ada Lovelace: every typed word starts a word of the name, in order. */
function namesMatch(typed: string, name: string): boolean {
  const a = typed.toLowerCase().split(/\s+/).filter(Boolean);
  const b = name.toLowerCase().split(/\s+/).filter(Boolean);
  let j = 0;
  for (const w of a) {
    while (j < b.length && !b[j].startsWith(w)) j++;
    if (j === b.length) return false;
    j++;
  }
  return a.length > 0;
}

/** Events the user is in: they own it, made it without an owner, or are invited as a member. */
export function mineCondition(userId: string) {
  const e = events;
  return or(eq(e.ownerId, userId), and(isNull(e.ownerId), eq(e.createdBy, userId)), sql`${e.attendees} @> ${JSON.stringify([{ type: 'member', id: userId }])}::jsonb`)!;
}

/** Local calendar days [fromDay, toDay] in `zone` as an instant range [start of fromDay, start of the day after toDay). */
export function dayRange(fromDay: string, toDay: string, zone: string): { from: Date; to: Date } {
  const from = DateTime.fromISO(fromDay, { zone }).startOf('day');
  const to = DateTime.fromISO(toDay, { zone }).startOf('day').plus({ days: 1 });
  if (!from.isValid) throw fieldError('from', 'must be a date (YYYY-MM-DD) or an ISO date-time');
  if (!to.isValid) throw fieldError('to', 'must be a date (YYYY-MM-DD) or an ISO date-time');
  return { from: from.toJSDate(), to: to.toJSDate() };
}

export interface AgendaItem {
  type: 'event' | 'task';
  id: string;
  title: string;
  /** ISO instant. */
  start: string;
  end: string | null;
  /** The same in the user's zone, e.g. "Fri 4 Dec, 15:00". */
  local: string;
  allDay: boolean;
  location: string | null;
  seriesId: string | null;
  occurrenceStart: string | null;
  attendees?: string[];
  status?: string;
  link: string;
}

/** The user's occurrences and open tasks due to them in [from, to), by start, with local times in `zone`. */
export async function agenda(ctx: ServiceContext, range: { from: Date; to: Date }, zone: string, opts: { tasks?: boolean } = {}): Promise<AgendaItem[]> {
  const local = (iso: string, allDay: boolean) =>
    DateTime.fromISO(iso, { zone }).setLocale('en-GB').toFormat(allDay ? 'ccc d LLL' : 'ccc d LLL, HH:mm');
  const path = (type: 'event' | 'task', id: string) => `${entityOf(type)!.route}/${id}`;
  const occurrences = await eventsInRange(ctx, range, { where: mineCondition(ctx.actor.userId) });
  const items: AgendaItem[] = occurrences.map((o) => ({
    type: 'event',
    id: o.id,
    title: o.title,
    start: o.startsAt,
    end: o.endsAt,
    local: local(o.startsAt, o.allDay),
    allDay: o.allDay,
    location: o.location,
    seriesId: o.seriesId,
    occurrenceStart: o.occurrenceStart,
    attendees: o.attendees.map((a) => a.name ?? a.email ?? a.id),
    link: path('event', o.id),
  }));
  if (opts.tasks !== false) {
    const me = ctx.actor.userId;
    const rows = await ctx.db
      .select({ id: tasks.id, title: tasks.title, dueAt: tasks.dueAt, status: tasks.status })
      .from(tasks)
      .where(and(eq(tasks.organizationId, ctx.orgId), isNull(tasks.deletedAt), readable(ctx, 'task'), gte(tasks.dueAt, range.from), lt(tasks.dueAt, range.to), notInArray(tasks.status, ['done', 'cancelled']), or(eq(tasks.assigneeId, me), and(isNull(tasks.assigneeId), eq(tasks.createdBy, me)))))
      .orderBy(tasks.dueAt)
      .limit(500);
    for (const t of rows) {
      const start = t.dueAt!.toISOString();
      items.push({ type: 'task', id: t.id, title: t.title, start, end: null, local: local(start, false), allDay: false, location: null, seriesId: null, occurrenceStart: null, status: t.status, link: path('task', t.id) });
    }
  }
  return items.sort((a, b) => byCode(a.start, b.start) || byCode(a.type, b.type));
}
