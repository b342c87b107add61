// Calendar events: a time range (endsAt on or after startsAt) in an IANA time zone, owned by a member,
// optionally about any record, optionally repeating (RRULE) with attendees. The generic write path
// does the rest (REST, tools, MCP, search, timeline); occurrences.ts expands series into ranges.
import { and, gte, inArray, isNull, lt, sql, eq, type SQL } from 'drizzle-orm';
import { EventCreateSchema, EventSchema, EventUpdateSchema } from '../../../contracts/events';
import { RELATED_TYPES } from '../../../contracts/entities';
import type { Attendee } from '../../../contracts/events';
import type { Tx } from '../../db/client';
import { contacts, events, member, user } from '../../db/schema';
import type { ServiceContext } from '../../lib/context';
import { crudService, defineEntity } from '../../lib/crud';
import { conflict, fieldError } from '../../lib/errors';
import { readable } from '../../lib/visibility';
import { isOccurrence, normalizeRule } from './recurrence';
import { checkOwner } from '../../lib/references';
import { checkRelated } from '../../lib/related';

const t = events;
const DAY = 86400_000;
const today = () => new Date(new Date().setUTCHours(0, 0, 0, 0));

export const eventEntity = defineEntity('event', {
  table: t,
  createSchema: EventCreateSchema,
  updateSchema: EventUpdateSchema,
  itemSchema: EventSchema,
  example: { title: 'Quarterly review with Acme', location: 'Acme HQ, room 4', startsAt: '2026-12-15T14:00:00Z', endsAt: '2026-12-15T15:00:00Z', timezone: 'Europe/Berlin' },
  list: {
    defaultSort: 'startsAt',
    fields: {
      id: { column: t.id, type: 'uuid' },
      title: { column: t.title, type: 'text' },
      location: { column: t.location, type: 'text' },
      startsAt: { column: t.startsAt, type: 'date' },
      endsAt: { column: t.endsAt, type: 'date' },
      allDay: { column: t.allDay, type: 'boolean' },
      timezone: { column: t.timezone, type: 'text' },
      ownerId: { column: t.ownerId, type: 'text' },
      relatedType: { column: t.relatedType, type: 'enum', values: RELATED_TYPES },
      relatedId: { column: t.relatedId, type: 'uuid' },
      recurringEventId: { column: t.recurringEventId, type: 'uuid' },
      createdAt: { column: t.createdAt, type: 'date' },
      updatedAt: { column: t.updatedAt, type: 'date' },
    },
    search: (p) => sql`(${t.title} ilike ${p} or ${t.location} ilike ${p})`,
  },
  views: {
    mine: (ctx: ServiceContext) => eq(t.ownerId, ctx.actor.userId),
    upcoming: () => gte(t.startsAt, new Date()),
    today: () => and(gte(t.startsAt, today()), lt(t.startsAt, new Date(today().getTime() + DAY)))!,
    week: () => and(gte(t.startsAt, today()), lt(t.startsAt, new Date(today().getTime() + 7 * DAY)))!,
  } satisfies Record<string, (ctx: ServiceContext) => SQL>,
  // Timestamps arrive as ISO strings; the columns take dates. The rule is stored in canonical form;
  // attendees get the email and name of the contact or member they name (invitations need them).
  prepare: async (w, v) => ({
    ...v,
    ...(typeof v.startsAt === 'string' ? { startsAt: new Date(v.startsAt) } : {}),
    ...(typeof v.endsAt === 'string' ? { endsAt: new Date(v.endsAt) } : {}),
    ...(typeof v.originalStartsAt === 'string' ? { originalStartsAt: new Date(v.originalStartsAt) } : {}),
    ...(typeof v.recurrence === 'string' ? { recurrence: v.recurrence.trim() === '' ? null : normalizeRule(v.recurrence) } : {}),
    ...(Array.isArray(v.attendees) ? { attendees: await resolveAttendees(w.tx, w.ctx, v.attendees as Attendee[]) } : {}),
  }),
  validate: (r) => {
    if (r.startsAt && r.endsAt && new Date(r.endsAt as string | Date) < new Date(r.startsAt as string | Date)) throw fieldError('endsAt', 'must be on or after the start');
    if (r.recurringEventId && r.recurrence) throw fieldError('recurrence', 'an edited occurrence does not repeat; change the series instead');
  },
  checkReferences: async (tx, ctx, v) => {
    await checkOwner(tx, ctx, v.ownerId);
    await checkRelated(tx, ctx, v);
    if (v.recurringEventId !== undefined) await checkSeries(tx, ctx, v.recurringEventId as string, v.originalStartsAt as Date | undefined);
  },
  // An event about a record shows on that record's timeline, like a note.
  afterWrite: (_w, { action, row, change }) =>
    action !== 'created' || !row.relatedType || !row.relatedId
      ? [change]
      : [change, { entityType: row.relatedType as string, entityId: row.relatedId as string, action: 'event_scheduled', after: { id: row.id, title: row.title, startsAt: (row.startsAt as Date).toISOString() } }],
});

/** Attendees checked against the org (a contact that is live and visible; a member) and filled in with their email and name. */
async function resolveAttendees(tx: Tx, ctx: ServiceContext, list: Attendee[]): Promise<Attendee[]> {
  const seen = new Set<string>();
  list.forEach((a, i) => {
    const key = `${a.type}:${a.id}`;
    if (seen.has(key)) throw fieldError(`attendees.${i}.id`, 'is listed twice');
    seen.add(key);
  });
  const contactIds = list.filter((a) => a.type === 'contact').map((a) => a.id);
  const userIds = list.filter((a) => a.type === 'member').map((a) => a.id);
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const found = new Map<string, { email: string | null; name: string }>();
  const validContactIds = contactIds.filter((id) => uuid.test(id));
  if (validContactIds.length) {
    const rows = await tx
      .select({ id: contacts.id, email: contacts.email, firstName: contacts.firstName, lastName: contacts.lastName })
      .from(contacts)
      .where(and(eq(contacts.organizationId, ctx.orgId), inArray(contacts.id, validContactIds), isNull(contacts.deletedAt), readable(ctx, 'contact')));
    for (const r of rows) found.set(`contact:${r.id}`, { email: r.email, name: [r.firstName, r.lastName].filter(Boolean).join(' ') });
  }
  if (userIds.length) {
    const rows = await tx
      .select({ id: user.id, email: user.email, name: user.name })
      .from(member)
      .innerJoin(user, eq(user.id, member.userId))
      .where(and(eq(member.organizationId, ctx.orgId), inArray(member.userId, userIds)));
    for (const r of rows) found.set(`member:${r.id}`, { email: r.email, name: r.name });
  }
  return list.map((a, i) => {
    const f = found.get(`${a.type}:${a.id}`);
    if (!f) throw fieldError(`attendees.${i}.id`, a.type === 'contact' ? 'no such contact in this organization' : 'is not a member of this organization');
    const email = a.email ?? f.email ?? undefined;
    const name = a.name ?? (f.name || undefined);
    return { type: a.type, id: a.id, ...(email ? { email } : {}), ...(name ? { name } : {}), response: a.response ?? 'needs_action' };
  });
}

/** An edited occurrence must point at a live recurring event of the org, at one of its occurrences, not yet edited. */
async function checkSeries(tx: Tx, ctx: ServiceContext, seriesId: string, at: Date | undefined) {
  if (!at) throw fieldError('originalStartsAt', 'is required with recurringEventId');
  const [series] = await tx
    .select()
    .from(t)
    .where(and(eq(t.id, seriesId), eq(t.organizationId, ctx.orgId), isNull(t.deletedAt), readable(ctx, 'event')))
    .limit(1);
  if (!series || !series.recurrence) throw fieldError('recurringEventId', 'no such recurring event in this organization');
  if (!isOccurrence({ startsAt: series.startsAt, endsAt: series.endsAt, timezone: series.timezone, recurrence: series.recurrence }, at) || series.exdates.includes(at.toISOString())) {
    throw fieldError('originalStartsAt', 'is not an occurrence of that event');
  }
  const [taken] = await tx
    .select({ id: t.id })
    .from(t)
    .where(and(eq(t.organizationId, ctx.orgId), eq(t.recurringEventId, seriesId), eq(t.originalStartsAt, at), isNull(t.deletedAt)))
    .limit(1);
  if (taken) throw conflict('That occurrence is already edited: change its own record', [{ path: 'originalStartsAt', message: `edited as event ${taken.id}` }]);
}

export const eventService = crudService(eventEntity);
