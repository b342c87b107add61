// Events in a time range with their series expanded, and the two ways to change one occurrence:
// edit it (a row of its own: recurringEventId + originalStartsAt, like Google's "this event" edit)
// or cancel it (its start joins the series' exdates, like EXDATE). Every write goes through
// eventService; this file only reads and decides which write to make.
import { and, eq, gt, gte, inArray, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { EventUpdateSchema, RANGE_MAX_DAYS, type EventOccurrence } from '../../../contracts/events';
import { events } from '../../db/schema';
import type { ServiceContext } from '../../lib/context';
import { present, type Row, type WriteOptions } from '../../lib/crud';
import { fieldError, parseInput } from '../../lib/errors';
import { filterConditions } from '../../lib/list-query';
import { requireRole } from '../../lib/roles';
import { readable } from '../../lib/visibility';
import { eventEntity, eventService } from './events.service';
import { isOccurrence, MAX_OCCURRENCES, occurrenceStarts } from './recurrence';

const t = events;
const DAY = 86400_000;

/** ISO instants, uuids and type names sort by code unit (localeCompare gives the same order here, several times slower). */
export const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** `from`/`to` (ISO date or date-time) as instants; a date is midnight UTC. At most RANGE_MAX_DAYS apart. */
export function parseRange(q: { from?: string; to?: string }): { from: Date; to: Date } {
  const at = (v: string | undefined, name: 'from' | 'to') => {
    if (!v) throw fieldError(name, 'is required (ISO 8601 date or date-time)');
    const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v);
    if (Number.isNaN(d.getTime())) throw fieldError(name, 'must be an ISO 8601 date or date-time');
    return d;
  };
  const from = at(q.from, 'from');
  const to = at(q.to, 'to');
  if (to <= from) throw fieldError('to', 'must be after from');
  if (to.getTime() - from.getTime() > RANGE_MAX_DAYS * DAY) throw fieldError('to', `the range is at most ${RANGE_MAX_DAYS} days`);
  return { from, to };
}

export interface RangeFilter {
  /** The list's JSON filter (same fields as GET /events). */
  filter?: string;
  view?: string;
  /** Extra SQL (the ICS feed: the user's own events). */
  where?: SQL;
}

function baseConditions(ctx: ServiceContext, f: RangeFilter): SQL[] {
  const conds: SQL[] = [eq(t.organizationId, ctx.orgId), isNull(t.deletedAt)];
  const visible = readable(ctx, 'event');
  if (visible) conds.push(visible);
  conds.push(...filterConditions(eventEntity.list, f.filter));
  if (f.view) {
    const view = eventEntity.views?.[f.view];
    if (!view) throw fieldError('view', `unknown view; use one of: ${Object.keys(eventEntity.views ?? {}).join(', ')}`);
    conds.push(view(ctx));
  }
  if (f.where) conds.push(f.where);
  return conds;
}

// An edited occurrence of a deleted series goes with it (and comes back when the series is restored).
const seriesLive = sql`(${t.recurringEventId} is null or exists (select 1 from events s where s.id = ${t.recurringEventId} and s.deleted_at is null))`;

/** The occurrences overlapping [from, to), by start: single events, edited occurrences, and each series expanded. */
export async function eventsInRange(ctx: ServiceContext, range: { from: Date; to: Date }, f: RangeFilter = {}): Promise<EventOccurrence[]> {
  requireRole(ctx, 'viewer');
  const { from, to } = range;
  const conds = baseConditions(ctx, f);
  // An event overlapping the range starts at most a day before it, or lasts longer than a day: two
  // bounded index scans (events_org_starts_idx over [from − 24 h, to), events_org_long_idx over the
  // few long ones) instead of every event before `to`.
  const overlaps = or(gt(t.endsAt, from), and(isNull(t.endsAt), sql`${t.startsAt} >= ${from}`), sql`${t.endsAt} = ${t.startsAt} and ${t.startsAt} >= ${from}`);
  const dayBefore = new Date(from.getTime() - DAY);
  const singleRows = (bounds: SQL) => ctx.db.select().from(t).where(and(...conds, isNull(t.recurrence), seriesLive, bounds, overlaps)).orderBy(t.startsAt, t.id).limit(MAX_OCCURRENCES + 1);
  const [near, long, series] = await Promise.all([
    singleRows(and(gte(t.startsAt, dayBefore), lt(t.startsAt, to))!),
    singleRows(and(lt(t.startsAt, dayBefore), sql`(${t.endsAt} - ${t.startsAt}) > interval '24 hours'`)!),
    ctx.db
      .select()
      .from(t)
      .where(and(...conds, isNotNull(t.recurrence), lt(t.startsAt, to))),
  ]);
  const singles = [...long, ...near];
  // Occurrences replaced by an edited row (deleted ones included: deleting an edited occurrence cancels it).
  const edited = new Set<string>();
  if (series.length) {
    const rows = await ctx.db
      .select({ seriesId: t.recurringEventId, at: t.originalStartsAt })
      .from(t)
      .where(and(eq(t.organizationId, ctx.orgId), inArray(t.recurringEventId, series.map((s) => s.id))));
    for (const r of rows) if (r.at) edited.add(`${r.seriesId}|${r.at.getTime()}`);
  }
  const out: EventOccurrence[] = singles.map((r) => ({
    ...(present(r as Row) as unknown as EventOccurrence),
    seriesId: r.recurringEventId,
    occurrenceStart: r.originalStartsAt ? r.originalStartsAt.toISOString() : null,
  }));
  for (const s of series) {
    const shown = present(s as Row) as unknown as EventOccurrence;
    const duration = s.endsAt ? s.endsAt.getTime() - s.startsAt.getTime() : null;
    const cancelled = new Set(s.exdates.map((d) => new Date(d).getTime()));
    for (const start of occurrenceStarts({ startsAt: s.startsAt, endsAt: s.endsAt, timezone: s.timezone, recurrence: s.recurrence! }, from, to)) {
      const ms = start.getTime();
      if (cancelled.has(ms) || edited.has(`${s.id}|${ms}`)) continue;
      const iso = start.toISOString();
      out.push({ ...shown, startsAt: iso, endsAt: duration === null ? null : new Date(ms + duration).toISOString(), seriesId: s.id, occurrenceStart: iso });
    }
  }
  if (out.length > MAX_OCCURRENCES) throw fieldError('to', `more than ${MAX_OCCURRENCES} events in this range; ask for a shorter one`);
  return out.sort((a, b) => byCode(a.startsAt, b.startsAt) || byCode(a.id, b.id));
}

async function seriesFor(ctx: ServiceContext, id: string, at: Date) {
  const series = await eventService.get(ctx, id);
  if (!series.recurrence) throw fieldError('occurrence', 'this event does not repeat; change it without ?occurrence=');
  const [override] = await ctx.db
    .select({ id: t.id })
    .from(t)
    .where(and(eq(t.organizationId, ctx.orgId), eq(t.recurringEventId, id), eq(t.originalStartsAt, at), isNull(t.deletedAt)))
    .limit(1);
  const rule = { startsAt: new Date(series.startsAt as string), endsAt: series.endsAt ? new Date(series.endsAt as string) : null, timezone: series.timezone as string, recurrence: series.recurrence as string };
  const exdates = series.exdates as string[];
  if (!override && (!isOccurrence(rule, at) || exdates.includes(at.toISOString()))) throw fieldError('occurrence', 'is not an occurrence of this event');
  return { series, rule, exdates, overrideId: override?.id };
}

/**
 * PATCH /events/{id}?occurrence=: change only that occurrence. The first edit makes its own row (the
 * series' fields at that time, then the change); later edits update that row. Answers with it.
 */
export async function editOccurrence(ctx: ServiceContext, id: string, occurrence: string, input: unknown, opts: WriteOptions = {}): Promise<{ row: Row; created: boolean }> {
  requireRole(ctx, 'member');
  const at = new Date(occurrence);
  const patch = parseInput(EventUpdateSchema, input) as Record<string, unknown>;
  if (patch.recurrence) throw fieldError('recurrence', 'one occurrence cannot repeat; change the series (without ?occurrence=)');
  const { series, rule, overrideId } = await seriesFor(ctx, id, at);
  if (overrideId) return { row: await eventService.update(ctx, overrideId, patch, opts), created: false };
  const duration = rule.endsAt ? rule.endsAt.getTime() - rule.startsAt.getTime() : null;
  const copy = {
    title: series.title,
    description: series.description,
    location: series.location,
    startsAt: at.toISOString(),
    endsAt: duration === null ? null : new Date(at.getTime() + duration).toISOString(),
    allDay: series.allDay,
    timezone: series.timezone,
    ownerId: series.ownerId,
    attendees: series.attendees,
    relatedType: series.relatedType,
    relatedId: series.relatedId,
    recurringEventId: id,
    originalStartsAt: at.toISOString(),
  };
  // A new start without a new end keeps the occurrence's length.
  if (typeof patch.startsAt === 'string' && patch.endsAt === undefined && duration !== null) copy.endsAt = new Date(new Date(patch.startsAt).getTime() + duration).toISOString();
  return { row: await eventService.create(ctx, { ...copy, ...patch }), created: true };
}

/** DELETE /events/{id}?occurrence=: cancel only that occurrence (and its edited row, if any). */
export async function cancelOccurrence(ctx: ServiceContext, id: string, occurrence: string, opts: WriteOptions = {}): Promise<void> {
  requireRole(ctx, 'member');
  const at = new Date(occurrence);
  const { exdates, overrideId } = await seriesFor(ctx, id, at);
  await ctx.db.transaction(async (tx) => {
    const inTx = { ...ctx, db: tx };
    if (overrideId) await eventService.remove(inTx, overrideId);
    const iso = at.toISOString();
    if (!exdates.includes(iso)) await eventService.updateValues(inTx, id, { exdates: [...exdates, iso] }, opts);
  });
}
