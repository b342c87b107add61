// Calendar events: a time range (endsAt on or after startsAt) in an IANA time zone, owned by a member,
// optionally about any record. The generic write path does the rest (REST, tools, MCP, search, timeline).
import { and, gte, lt, sql, eq, type SQL } from 'drizzle-orm';
import { EventCreateSchema, EventSchema, EventUpdateSchema } from '../../../contracts/events';
import { RELATED_TYPES } from '../../../contracts/entities';
import { events } from '../../db/schema';
import type { ServiceContext } from '../../lib/context';
import { crudService, defineEntity } from '../../lib/crud';
import { fieldError } from '../../lib/errors';
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
  // Timestamps arrive as ISO strings; the columns take dates.
  prepare: (_w, v) => ({
    ...v,
    ...(typeof v.startsAt === 'string' ? { startsAt: new Date(v.startsAt) } : {}),
    ...(typeof v.endsAt === 'string' ? { endsAt: new Date(v.endsAt) } : {}),
  }),
  validate: (r) => {
    if (r.startsAt && r.endsAt && new Date(r.endsAt as string | Date) < new Date(r.startsAt as string | Date)) throw fieldError('endsAt', 'must be on or after the start');
  },
  checkReferences: async (tx, ctx, v) => {
    await checkOwner(tx, ctx, v.ownerId);
    await checkRelated(tx, ctx, v);
  },
});

export const eventService = crudService(eventEntity);
