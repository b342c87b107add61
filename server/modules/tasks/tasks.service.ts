import { and, eq, gte, isNotNull, lt, notInArray, sql, type SQL } from 'drizzle-orm';
import { RELATED_TYPES, TASK_PRIORITIES, TASK_STATUSES, TASK_TYPES, TaskCreateSchema, TaskSchema, TaskUpdateSchema } from '../../../contracts/tasks';
import { projects, tasks } from '../../db/schema';
import type { ServiceContext } from '../../lib/context';
import { crudService, defineEntity, liveIds } from '../../lib/crud';
import { fieldError } from '../../lib/errors';
import { checkOwner } from '../../lib/references';
import { checkRelated } from '../../lib/related';

const t = tasks;
const OPEN = ['done', 'cancelled'];

function startOfDay(d = new Date()) {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}
/** Weeks start on Monday (ISO 8601), in UTC. */
function startOfWeek(d = new Date()) {
  const day = startOfDay(d);
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 86400_000);
}
const open = () => notInArray(t.status, OPEN);

export const taskEntity = defineEntity('task', {
  // Owner-only visibility: the assignee, the creator, and the assignees of the task's project.
  ownedBy: (userId) =>
    sql`(${tasks.assigneeId} = ${userId} or ${tasks.createdBy} = ${userId} or ${tasks.projectId} in (select ${projects.id} from ${projects} where ${userId} = any(${projects.assigneeIds})))`,
  table: t,
  createSchema: TaskCreateSchema,
  updateSchema: TaskUpdateSchema,
  itemSchema: TaskSchema,
  example: { title: 'Call Ada about the renewal', type: 'call', priority: 'high', dueAt: '2026-12-18T15:00:00Z', relatedType: 'contact', relatedId: '00000000-0000-4000-8000-000000000001' },
  list: {
    defaultSort: 'dueAt',
    fields: {
      id: { column: t.id, type: 'uuid' },
      title: { column: t.title, type: 'text' },
      status: { column: t.status, type: 'enum', values: TASK_STATUSES },
      priority: { column: t.priority, type: 'enum', values: TASK_PRIORITIES },
      type: { column: t.type, type: 'enum', values: TASK_TYPES },
      dueAt: { column: t.dueAt, type: 'date' },
      completedAt: { column: t.completedAt, type: 'date' },
      assigneeId: { column: t.assigneeId, type: 'text' },
      projectId: { column: t.projectId, type: 'uuid' },
      relatedType: { column: t.relatedType, type: 'enum', values: RELATED_TYPES },
      relatedId: { column: t.relatedId, type: 'uuid' },
      createdAt: { column: t.createdAt, type: 'date' },
      updatedAt: { column: t.updatedAt, type: 'date' },
    },
    search: (p) => sql`${t.title} ilike ${p}`,
  },
  views: {
    mine: (ctx: ServiceContext) => eq(t.assigneeId, ctx.actor.userId),
    open: () => open(),
    overdue: () => and(open(), isNotNull(t.dueAt), lt(t.dueAt, new Date()))!,
    today: () => and(open(), gte(t.dueAt, startOfDay()), lt(t.dueAt, new Date(startOfDay().getTime() + 86400_000)))!,
    week: () => and(open(), gte(t.dueAt, startOfWeek()), lt(t.dueAt, new Date(startOfWeek().getTime() + 7 * 86400_000)))!,
  } satisfies Record<string, (ctx: ServiceContext) => SQL>,
  // completedAt follows status: set when a task becomes done, cleared when it is reopened.
  prepare: (_w, v, existing) => {
    const out: Record<string, unknown> = { ...v };
    if (typeof v.dueAt === 'string') out.dueAt = new Date(v.dueAt);
    if (v.status === 'done' && existing?.status !== 'done') out.completedAt = new Date();
    else if (v.status !== undefined && v.status !== 'done') out.completedAt = null;
    return out;
  },
  checkReferences: async (tx, ctx, v) => {
    await checkOwner(tx, ctx, v.assigneeId, 'assigneeId');
    if (typeof v.projectId === 'string' && !(await liveIds(tx, ctx, projects, [v.projectId])).has(v.projectId)) {
      throw fieldError('projectId', 'no such project in this organization');
    }
    await checkRelated(tx, ctx, v);
  },
});

export const taskService = crudService(taskEntity);
