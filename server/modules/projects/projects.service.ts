import { and, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import { PROJECT_PRIORITIES, PROJECT_STATUSES, ProjectCreateSchema, ProjectSchema, ProjectUpdateSchema } from '../../../contracts/projects';
import { deals, member, projects, tasks, user } from '../../db/schema';
import { crudService, defineEntity } from '../../lib/crud';
import { fieldError } from '../../lib/errors';
import { readable } from '../../lib/visibility';
import { checkCompany, companiesOf } from '../../lib/references';

const t = projects;

export const projectEntity = defineEntity('project', {
  // Owner-only visibility: the project's assignees and its creator.
  ownedBy: (userId) => sql`(${userId} = any(${projects.assigneeIds}) or ${projects.createdBy} = ${userId})`,
  table: t,
  createSchema: ProjectCreateSchema,
  updateSchema: ProjectUpdateSchema,
  itemSchema: ProjectSchema,
  example: { name: 'Acme onboarding', status: 'planned', priority: 'high', startDate: '2026-12-01', dueDate: '2027-01-31', tags: ['onboarding'] },
  list: {
    defaultSort: '-updatedAt',
    fields: {
      id: { column: t.id, type: 'uuid' },
      name: { column: t.name, type: 'text' },
      status: { column: t.status, type: 'enum', values: PROJECT_STATUSES },
      priority: { column: t.priority, type: 'enum', values: PROJECT_PRIORITIES },
      companyId: { column: t.companyId, type: 'uuid' },
      dealId: { column: t.dealId, type: 'uuid' },
      assigneeIds: { column: t.assigneeIds, type: 'tags' },
      tags: { column: t.tags, type: 'tags' },
      startDate: { column: t.startDate, type: 'text' },
      dueDate: { column: t.dueDate, type: 'text' },
      createdAt: { column: t.createdAt, type: 'date' },
      updatedAt: { column: t.updatedAt, type: 'date' },
    },
    search: (p) => sql`${t.name} ilike ${p}`,
  },
  validate: (r) => {
    if (typeof r.startDate === 'string' && typeof r.dueDate === 'string' && r.startDate > r.dueDate) throw fieldError('dueDate', 'must be on or after the start date');
  },
  checkReferences: async (tx, ctx, v) => {
    await checkCompany(tx, ctx, v.companyId);
    if (typeof v.dealId === 'string') {
      const [d] = await tx.select({ id: deals.id }).from(deals).where(and(eq(deals.organizationId, ctx.orgId), eq(deals.id, v.dealId), isNull(deals.deletedAt), readable(ctx, 'deal')));
      if (!d) throw fieldError('dealId', 'no such deal in this organization');
    }
    const ids = Array.isArray(v.assigneeIds) ? [...new Set(v.assigneeIds as string[])] : [];
    if (ids.length) {
      const found = await tx.select({ userId: member.userId }).from(member).where(and(eq(member.organizationId, ctx.orgId), inArray(member.userId, ids)));
      const ok = new Set(found.map((m) => m.userId));
      const stray = ids.find((id) => !ok.has(id));
      if (stray) throw fieldError('assigneeIds', `${stray} is not a member of this organization`);
    }
  },
  // Progress (done/total tasks), company name and assignee names: three queries per page.
  expand: async (db, ctx, rows) => {
    if (rows.length === 0) return rows;
    const ids = rows.map((r) => r.id);
    const userIds = [...new Set(rows.flatMap((r) => (r.assigneeIds as string[]) ?? []))];
    const [progress, c, users] = await Promise.all([
      db
        .select({ projectId: tasks.projectId, total: count(), done: sql<number>`count(*) filter (where ${tasks.status} = 'done')::int` })
        .from(tasks)
        .where(and(eq(tasks.organizationId, ctx.orgId), inArray(tasks.projectId, ids), isNull(tasks.deletedAt)))
        .groupBy(tasks.projectId),
      companiesOf(db, ctx, rows),
      userIds.length ? db.select({ id: user.id, name: user.name }).from(user).where(inArray(user.id, userIds)) : Promise.resolve([]),
    ]);
    const p = new Map(progress.map((x) => [x.projectId, x]));
    const u = new Map(users.map((x) => [x.id, x]));
    return rows.map((r) => ({
      ...r,
      progress: { done: p.get(r.id)?.done ?? 0, total: p.get(r.id)?.total ?? 0 },
      company: c.get(r.companyId as string) ?? null,
      assignees: ((r.assigneeIds as string[]) ?? []).map((id) => u.get(id)).filter((x): x is { id: string; name: string } => Boolean(x)),
    }));
  },
});

export const projectService = crudService(projectEntity);
