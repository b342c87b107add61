// The calendar around events: one feed of events, due tasks and deal close dates for a range; each
// member's private iCalendar URL (token stored as a SHA-256 for look-up and sealed for showing again);
// .ics import through the event write path; invitations by email with a METHOD:REQUEST attachment.
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gte, inArray, isNotNull, isNull, lt, notInArray, or, sql } from 'drizzle-orm';
import { entityOf } from '../../../contracts/entities';
import type { Attendee, CalendarItem, EventOccurrence } from '../../../contracts/events';
import type { Db } from '../../db/client';
import { calendarFeeds, deals, events, member, pipelineStages as stages, tasks, user } from '../../db/schema';
import type { ServiceContext } from '../../lib/context';
import type { SecretBox } from '../../lib/crypto';
import { AppError, badRequest, notFound } from '../../lib/errors';
import type { Mailer } from '../../lib/mailer';
import { requireRole } from '../../lib/roles';
import { readable } from '../../lib/visibility';
import type { Role } from '../../../contracts/common';
import { eventService } from './events.service';
import { feedIcs, invitationIcs, parseIcs, type IcsEvent, type IcsTask } from './ics';
import { byCode, eventsInRange } from './occurrences';

const DAY = 86400_000;
const path = (type: 'event' | 'task' | 'deal', id: string) => `${entityOf(type)!.route}/${id}`;

/** include=tasks,deals → which extra types; absent → tasks; empty → events only. */
export function parseInclude(include: string | undefined): Set<'task' | 'deal'> {
  if (include === undefined) return new Set(['task']);
  const out = new Set<'task' | 'deal'>();
  for (const part of include.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (part === 'tasks') out.add('task');
    else if (part === 'deals') out.add('deal');
    else if (part !== 'events') throw badRequest(`include: unknown type "${part}"; use tasks, deals`, [{ path: 'include', message: 'takes tasks, deals' }]);
  }
  return out;
}

export function calendarService(deps: { db: Db; box: SecretBox; mailer: Mailer; appUrl: string }) {
  const { appUrl } = deps;
  const link = (p: string) => `${appUrl}${p}`;

  /** Events (occurrences), tasks due and deals expected to close in [from, to), by start. */
  async function feed(ctx: ServiceContext, range: { from: Date; to: Date }, include: Set<'task' | 'deal'>): Promise<CalendarItem[]> {
    requireRole(ctx, 'viewer');
    const { from, to } = range;
    const items: CalendarItem[] = (await eventsInRange(ctx, range)).map((o) => eventItem(o));
    if (include.has('task')) {
      const rows = await ctx.db
        .select()
        .from(tasks)
        .where(and(eq(tasks.organizationId, ctx.orgId), isNull(tasks.deletedAt), readable(ctx, 'task'), gte(tasks.dueAt, from), lt(tasks.dueAt, to)))
        .orderBy(tasks.dueAt)
        .limit(5000);
      for (const t of rows) {
        items.push({ type: 'task', id: t.id, title: t.title, start: t.dueAt!.toISOString(), end: null, allDay: false, timezone: null, recordPath: path('task', t.id), url: link(path('task', t.id)), seriesId: null, occurrenceStart: null, location: null, status: t.status, ownerId: t.assigneeId, relatedType: t.relatedType, relatedId: t.relatedId });
      }
    }
    if (include.has('deal')) {
      const day = (d: Date) => d.toISOString().slice(0, 10);
      const rows = await ctx.db
        .select({ id: deals.id, name: deals.name, close: deals.expectedCloseDate, ownerId: deals.ownerId, kind: stages.kind })
        .from(deals)
        .leftJoin(stages, eq(stages.id, deals.stageId))
        .where(and(eq(deals.organizationId, ctx.orgId), isNull(deals.deletedAt), readable(ctx, 'deal'), gte(deals.expectedCloseDate, day(from)), lt(deals.expectedCloseDate, day(new Date(to.getTime() + DAY - 1)))))
        .orderBy(deals.expectedCloseDate)
        .limit(5000);
      for (const d of rows) {
        const start = new Date(`${d.close}T00:00:00Z`);
        if (start >= to || start.getTime() + DAY <= from.getTime()) continue;
        items.push({ type: 'deal', id: d.id, title: d.name, start: start.toISOString(), end: new Date(start.getTime() + DAY).toISOString(), allDay: true, timezone: null, recordPath: path('deal', d.id), url: link(path('deal', d.id)), seriesId: null, occurrenceStart: null, location: null, status: d.kind ?? 'open', ownerId: d.ownerId, relatedType: null, relatedId: null });
      }
    }
    return items.sort((a, b) => byCode(a.start, b.start) || byCode(a.type, b.type) || byCode(a.id, b.id));
  }

  function eventItem(o: EventOccurrence): CalendarItem {
    return { type: 'event', id: o.id, title: o.title, start: o.startsAt, end: o.endsAt, allDay: o.allDay, timezone: o.timezone, recordPath: path('event', o.id), url: link(path('event', o.id)), seriesId: o.seriesId, occurrenceStart: o.occurrenceStart, location: o.location, status: null, ownerId: o.ownerId, relatedType: o.relatedType, relatedId: o.relatedId };
  }

  // ── The private iCalendar feed ─────────────────────────────────────────────
  const hash = (token: string) => createHash('sha256').update(token).digest('hex');
  const feedUrl = (token: string) => `${appUrl}/ics/${token}.ics`;

  async function issue(ctx: ServiceContext): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await deps.db
      .insert(calendarFeeds)
      .values({ organizationId: ctx.orgId, userId: ctx.actor.userId, tokenHash: hash(token), tokenSealed: deps.box.encrypt(token) })
      .onConflictDoUpdate({ target: [calendarFeeds.organizationId, calendarFeeds.userId], set: { tokenHash: hash(token), tokenSealed: deps.box.encrypt(token), createdAt: new Date() } });
    return feedUrl(token);
  }

  /** The caller's feed URL, made on first ask. Personal: it never shows someone else's. */
  async function feedUrlFor(ctx: ServiceContext): Promise<string> {
    requireRole(ctx, 'viewer');
    const [row] = await deps.db
      .select({ sealed: calendarFeeds.tokenSealed })
      .from(calendarFeeds)
      .where(and(eq(calendarFeeds.organizationId, ctx.orgId), eq(calendarFeeds.userId, ctx.actor.userId)));
    return row ? feedUrl(deps.box.decrypt(row.sealed)) : issue(ctx);
  }

  /** A new URL; the old one answers 404 from now on. */
  async function rotate(ctx: ServiceContext): Promise<string> {
    requireRole(ctx, 'viewer');
    return issue(ctx);
  }

  /**
   * The .ics behind a token (no session: the token is the credential). It reads as the member would,
   * with their current role and visibility; a token of someone who left the organization is a 404.
   */
  async function ics(token: string): Promise<string> {
    const [row] = await deps.db
      .select({ orgId: calendarFeeds.organizationId, userId: calendarFeeds.userId, role: member.role, name: user.name })
      .from(calendarFeeds)
      .innerJoin(member, and(eq(member.organizationId, calendarFeeds.organizationId), eq(member.userId, calendarFeeds.userId)))
      .innerJoin(user, eq(user.id, calendarFeeds.userId))
      .where(eq(calendarFeeds.tokenHash, hash(token)));
    if (!row) throw notFound('Calendar feed');
    const ctx: ServiceContext = { db: deps.db, orgId: row.orgId, role: row.role as Role, actor: { type: 'user', userId: row.userId } };
    const e = events;
    const mine = or(eq(e.ownerId, row.userId), and(isNull(e.ownerId), eq(e.createdBy, row.userId)), sql`${e.attendees} @> ${JSON.stringify([{ type: 'member', id: row.userId }])}::jsonb`)!;
    const since = new Date(Date.now() - 365 * DAY);
    const scope = and(eq(e.organizationId, ctx.orgId), readable(ctx, 'event'))!;
    const live = isNull(e.deletedAt);
    const seriesRows = await deps.db.select().from(e).where(and(scope, live, mine, isNotNull(e.recurrence))).limit(2000);
    const seriesIds = seriesRows.map((s) => s.id);
    const singleRows = await deps.db
      .select()
      .from(e)
      .where(and(scope, live, isNull(e.recurrence), gte(e.startsAt, since), or(and(mine, isNull(e.recurringEventId)), seriesIds.length ? inArray(e.recurringEventId, seriesIds) : sql`false`)))
      .orderBy(e.startsAt)
      .limit(5000);
    // Deleting an edited occurrence cancels it: its start is an EXDATE of the series.
    const cancelled = new Map<string, string[]>();
    if (seriesIds.length) {
      const gone = await deps.db
        .select({ seriesId: e.recurringEventId, at: e.originalStartsAt })
        .from(e)
        .where(and(eq(e.organizationId, ctx.orgId), inArray(e.recurringEventId, seriesIds), isNotNull(e.deletedAt)));
      for (const g of gone) if (g.seriesId && g.at) cancelled.set(g.seriesId, [...(cancelled.get(g.seriesId) ?? []), g.at.toISOString()]);
    }
    const shown = (r: typeof e.$inferSelect) => ({
      ...r,
      startsAt: r.startsAt.toISOString(),
      endsAt: r.endsAt?.toISOString() ?? null,
      originalStartsAt: r.originalStartsAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      attendees: r.attendees as Attendee[],
    });
    // An edited occurrence of a series outside the feed would stand alone without its series.
    const evs = [...seriesRows, ...singleRows.filter((r) => !r.recurringEventId || seriesIds.includes(r.recurringEventId))].map((r) => ({
      event: shown(r) as IcsEvent,
      url: link(path('event', r.recurringEventId ?? r.id)),
      cancelled: cancelled.get(r.id),
    }));
    const taskRows = await deps.db
      .select({ id: tasks.id, title: tasks.title, description: tasks.description, dueAt: tasks.dueAt })
      .from(tasks)
      .where(and(eq(tasks.organizationId, ctx.orgId), isNull(tasks.deletedAt), readable(ctx, 'task'), isNotNull(tasks.dueAt), gte(tasks.dueAt, since), notInArray(tasks.status, ['done', 'cancelled']), or(eq(tasks.assigneeId, row.userId), and(isNull(tasks.assigneeId), eq(tasks.createdBy, row.userId)))))
      .orderBy(tasks.dueAt)
      .limit(5000);
    const taskItems = taskRows.map((t) => ({ task: { ...t, dueAt: t.dueAt!.toISOString() } as IcsTask, url: link(path('task', t.id)) }));
    return feedIcs(`Meridian — ${row.name}`, evs, taskItems);
  }

  // ── Import ─────────────────────────────────────────────────────────────────
  /** Every VEVENT of the file becomes an event through the write path; the rest are reported with why. */
  async function importIcs(ctx: ServiceContext, text: string) {
    requireRole(ctx, 'member');
    const parsed = parseIcs(text);
    const results = await eventService.createMany(
      ctx,
      parsed.events.map(({ input: { exdates: _x, ...rest } }) => ({ ...rest, ownerId: ctx.actor.userId })),
    );
    const created: { id: string; title: string; uid: string | null }[] = [];
    const skipped = [...parsed.skipped];
    for (const [i, r] of results.entries()) {
      const p = parsed.events[i];
      if (!r.ok) {
        skipped.push({ uid: p.uid, title: p.title, reason: r.errors.map((e) => `${e.path}: ${e.message}`).join('; ') });
        continue;
      }
      created.push({ id: r.row.id, title: r.row.title as string, uid: p.uid });
      // EXDATEs are not a create field (a series starts with none): set them as the next write.
      const exdates = p.input.exdates as string[] | undefined;
      if (exdates?.length) await eventService.updateValues(ctx, r.row.id, { exdates });
    }
    return { created, skipped };
  }

  // ── Invitations ────────────────────────────────────────────────────────────
  /** Emails each attendee who has an address (the organizer excepted) an invitation with the event as a METHOD:REQUEST .ics. */
  function assertCanMail() {
    if (!deps.mailer) throw new AppError(409, 'mail_not_configured', 'Email is not set up on this server (SMTP_URL), so invitations cannot be sent');
  }

  async function invite(ctx: ServiceContext, id: string, message?: string) {
    requireRole(ctx, 'member');
    const event = (await eventService.get(ctx, id)) as unknown as IcsEvent & { ownerId: string | null };
    assertCanMail();
    if (!deps.mailer) return { sent: [], skipped: [] };
    const [organizer] = await deps.db.select({ name: user.name, email: user.email }).from(user).where(eq(user.id, event.ownerId ?? ctx.actor.userId));
    const sent: string[] = [];
    const skipped: { attendee: string; reason: string }[] = [];
    const url = link(path('event', event.recurringEventId ?? event.id));
    const body = invitationIcs(event, organizer, url);
    const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', ...(event.allDay ? {} : { timeStyle: 'short' }), timeZone: event.timezone }).format(new Date(event.startsAt));
    for (const a of event.attendees) {
      const who = a.name ?? a.email ?? a.id;
      if (!a.email) skipped.push({ attendee: who, reason: 'no email address' });
      else if (a.email.toLowerCase() === organizer.email.toLowerCase()) skipped.push({ attendee: who, reason: 'the organizer' });
      else {
        await deps.mailer({
          to: a.email,
          subject: `Invitation: ${event.title} @ ${when}`,
          text: [`${organizer.name} invites you to "${event.title}".`, `When: ${when} (${event.timezone})${event.recurrence ? `, repeating (${event.recurrence})` : ''}`, event.location ? `Where: ${event.location}` : '', message ? `\n${message}` : '', '\nThe invitation is attached; open it to add the event to your calendar and answer.'].filter(Boolean).join('\n'),
          attachments: [{ filename: 'invite.ics', content: body, contentType: 'text/calendar; charset=utf-8; method=REQUEST' }],
        });
        sent.push(a.email);
      }
    }
    if (!sent.length && !skipped.length) throw badRequest('The event has no attendees to invite', [{ path: 'attendees', message: 'add attendees with an email first' }]);
    return { sent, skipped };
  }

  return { feed, feedUrlFor, rotate, ics, importIcs, invite, assertCanMail };
}

export type CalendarService = ReturnType<typeof calendarService>;
