// Reminders: a record like any other (REST, tools, MCP, search, timeline through the generic write
// path). Firing is reminders.jobs.ts; here only the rules of the row: whom it reminds, and that a
// moved reminder fires again at its new time.
import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { RELATED_TYPES } from '../../../contracts/entities';
import { ReminderCreateSchema, ReminderSchema, ReminderUpdateSchema } from '../../../contracts/reminders';
import { reminders } from '../../db/schema';
import type { ServiceContext } from '../../lib/context';
import { crudService, defineEntity } from '../../lib/crud';
import { checkOwner } from '../../lib/references';
import { checkRelated } from '../../lib/related';

const t = reminders;

export const reminderEntity = defineEntity('reminder', {
  table: t,
  createSchema: ReminderCreateSchema,
  updateSchema: ReminderUpdateSchema,
  itemSchema: ReminderSchema,
  example: { title: 'Call Bob about the renewal', remindAt: '2026-12-18T10:00:00Z', channels: ['in_app', 'email'] },
  list: {
    defaultSort: 'remindAt',
    fields: {
      id: { column: t.id, type: 'uuid' },
      title: { column: t.title, type: 'text' },
      remindAt: { column: t.remindAt, type: 'date' },
      done: { column: t.done, type: 'boolean' },
      firedAt: { column: t.firedAt, type: 'date' },
      ownerId: { column: t.ownerId, type: 'text' },
      relatedType: { column: t.relatedType, type: 'enum', values: RELATED_TYPES },
      relatedId: { column: t.relatedId, type: 'uuid' },
      createdAt: { column: t.createdAt, type: 'date' },
      updatedAt: { column: t.updatedAt, type: 'date' },
    },
    search: (p) => sql`${t.title} ilike ${p}`,
  },
  views: {
    mine: (ctx: ServiceContext) => eq(t.ownerId, ctx.actor.userId),
    upcoming: () => and(eq(t.done, false), gte(t.remindAt, new Date()))!,
    overdue: () => and(eq(t.done, false), lt(t.remindAt, new Date()))!,
    done: () => eq(t.done, true),
  } satisfies Record<string, (ctx: ServiceContext) => SQL>,
  prepare: (w, v, existing) => {
    const out: Record<string, unknown> = { ...v };
    if (typeof v.remindAt === 'string') out.remindAt = new Date(v.remindAt);
    // A new reminder reminds its creator unless it names someone else.
    if (!existing && v.ownerId == null) out.ownerId = w.ctx.actor.userId;
    // Moved to another time: it fires again then (the job for the old time finds the time changed and does nothing).
    if (existing && out.remindAt instanceof Date && (existing.remindAt as Date).getTime() !== out.remindAt.getTime()) out.firedAt = null;
    return out;
  },
  checkReferences: async (tx, ctx, v) => {
    await checkOwner(tx, ctx, v.ownerId);
    await checkRelated(tx, ctx, v);
  },
});

export const reminderService = crudService(reminderEntity);
