// Bulk actions (Issue 15.4). Each record goes through its entity's own write path (update/remove) —
// role, tenant, record permissions, hooks, its own activity and outbox event — as the caller, with a
// batch id every activity carries. A record the caller cannot change is reported as failed with the
// reason, never skipped silently. Up to `threshold` records run in the request; more run as a pg-boss
// job whose progress is in bulk_jobs. One undo reverts the batch through the same undo as a timeline.
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Job } from 'pg-boss';
import { z } from 'zod';
import { BULK_MAX_IDS, BulkRequestSchema, type BulkJob, type BulkResult, type BulkUndoResult } from '../../../contracts/bulk';
import type { Role } from '../../../contracts/common';
import { undoActivity } from '../../assistant/undo';
import type { Db } from '../../db/client';
import { activities, bulkJobs, member } from '../../db/schema';
import type { JobDefinition, Jobs } from '../../jobs/jobs';
import type { Actor, ServiceContext } from '../../lib/context';
import type { CrudService } from '../../lib/crud';
import { AppError, conflict, fieldError, fromZod, notFound, parseInput, toAppError } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import { checkOwner } from '../../lib/references';
import { requireRole } from '../../lib/roles';
import { serviceForResource } from '../registry';

export const BULK_QUEUE = 'bulk.run';
/** Progress is written every this many records (and at the end); a resumed job redoes at most these. */
const CHECKPOINT = 10;

type Action = z.infer<typeof BulkRequestSchema>['action'];
interface Plan {
  action: Action;
  /** update/assign: the parsed patch; tag/untag: the tags. */
  values: Record<string, unknown>;
}
type Failure = { id: string; error: string };

/** The field a record type's "owner" is: ownerId, or a task's assigneeId. */
function ownerField(service: CrudService): string | null {
  const shape = (service.def.updateSchema as z.ZodObject).shape ?? {};
  return 'ownerId' in shape ? 'ownerId' : 'assigneeId' in shape ? 'assigneeId' : null;
}

/** The action's values checked up front: bad input is one 400 and changes nothing. */
async function planOf(ctx: ServiceContext, service: CrudService, action: Action, values: Record<string, unknown> | undefined): Promise<Plan> {
  const { def } = service;
  switch (action) {
    case 'update': {
      if (!values || Object.keys(values).length === 0) throw fieldError('values', 'give the fields to set, e.g. {"status":"customer"}');
      const r = (def.updateSchema as z.ZodType).safeParse(values);
      if (!r.success) throw fromZod(r.error, 'values');
      return { action, values: r.data as Record<string, unknown> };
    }
    case 'assign': {
      const field = ownerField(service);
      if (!field) throw fieldError('action', `${def.plural} have no owner to assign`);
      const r = z.strictObject({ ownerId: z.string().min(1).nullable() }).safeParse(values ?? {});
      if (!r.success) throw fromZod(r.error, 'values');
      await ctx.db.transaction((tx) => checkOwner(tx, ctx, r.data.ownerId, 'values.ownerId'));
      return { action, values: { [field]: r.data.ownerId } };
    }
    case 'tag':
    case 'untag': {
      if (!('tags' in def.table)) throw fieldError('action', `${def.plural} have no tags`);
      const r = z.strictObject({ tags: z.array(z.string().trim().min(1).max(64)).min(1).max(50) }).safeParse(values ?? {});
      if (!r.success) throw fromZod(r.error, 'values');
      return { action, values: { tags: r.data.tags } };
    }
    case 'delete':
      if (values && Object.keys(values).length) throw fieldError('values', 'delete takes no values');
      return { action, values: {} };
  }
}

/** One record through the write path. */
async function applyOne(ctx: ServiceContext, service: CrudService, plan: Plan, id: string) {
  switch (plan.action) {
    case 'update':
    case 'assign':
      await service.updateValues(ctx, id, plan.values);
      return;
    case 'tag':
    case 'untag': {
      const row = await service.get(ctx, id);
      const have = (row.tags as string[] | undefined) ?? [];
      const given = plan.values.tags as string[];
      const lower = new Set(given.map((t) => t.toLowerCase()));
      const next = plan.action === 'tag' ? [...have, ...given.filter((t) => !have.some((h) => h.toLowerCase() === t.toLowerCase()))] : have.filter((h) => !lower.has(h.toLowerCase()));
      if (next.length === have.length && next.every((t, i) => t === have[i])) return;
      // If-Match on the version just read: a concurrent edit of the tags is a failure, not a lost write.
      await service.updateValues(ctx, id, { tags: next }, { ifMatch: { any: false, tags: [{ weak: false, opaque: String(row.version) }] } });
      return;
    }
    case 'delete':
      await service.remove(ctx, id);
  }
}

function present(row: typeof bulkJobs.$inferSelect): BulkJob {
  return {
    id: row.id,
    batchId: row.id,
    resource: row.resource,
    action: row.action as BulkJob['action'],
    status: row.status as BulkJob['status'],
    total: row.total,
    done: row.done,
    succeeded: row.succeeded,
    failed: row.failures.length,
    failures: row.failures,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    undoneAt: row.undoneAt?.toISOString() ?? null,
  };
}

export interface BulkOptions {
  db: Db;
  log?: Logger;
  threshold: number;
  jobs: () => Jobs | undefined;
}

export function bulkService(o: BulkOptions) {
  /** The ids a filter selects, as the caller sees the list (visibility applies), at most BULK_MAX_IDS. */
  async function idsOf(ctx: ServiceContext, service: CrudService, filter: unknown, q: string | undefined, viewId: string | undefined): Promise<string[]> {
    const raw = typeof filter === 'string' ? filter : JSON.stringify(filter ?? {});
    const out: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await service.list(ctx, { limit: 200, filter: raw === '{}' ? undefined : raw, q, viewId, cursor, sort: 'id' });
      out.push(...page.data.map((r) => r.id));
      if (out.length > BULK_MAX_IDS) throw fieldError('filter', `matches more than ${BULK_MAX_IDS} records; narrow it down`);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return out;
  }

  /** Runs records [from, total) of a batch, writing progress every CHECKPOINT records. */
  async function runBatch(ctx: ServiceContext, row: typeof bulkJobs.$inferSelect) {
    const service = serviceForResource(row.resource)!;
    const plan: Plan = { action: row.action as Action, values: row.values };
    const batchCtx: ServiceContext = { ...ctx, actor: { ...ctx.actor, batchId: row.id } };
    let { done, succeeded } = row;
    const failures = [...row.failures];
    const save = (extra: Partial<typeof bulkJobs.$inferInsert> = {}) =>
      o.db.update(bulkJobs).set({ done, succeeded, failures, updatedAt: new Date(), ...extra }).where(eq(bulkJobs.id, row.id));
    for (const id of row.ids.slice(done)) {
      try {
        await applyOne(batchCtx, service, plan, id);
        succeeded++;
      } catch (err) {
        const e = toAppError(err);
        if (e.status >= 500) o.log?.error({ err, batchId: row.id }, 'bulk record failed');
        failures.push({ id, error: e.status >= 500 ? 'Internal error' : e.message });
      }
      done++;
      if (done % CHECKPOINT === 0) await save();
    }
    await save({ status: 'completed', finishedAt: new Date() });
    return { done, succeeded, failures };
  }

  async function load(ctx: ServiceContext, id: string) {
    const [row] = await o.db.select().from(bulkJobs).where(and(eq(bulkJobs.id, id), eq(bulkJobs.organizationId, ctx.orgId)));
    if (!row) throw notFound('Bulk job');
    return row;
  }

  /** The job: acts as the person who asked, with their role as it is now. */
  async function handle(jobs: Job<{ jobId: string }>[]) {
    for (const job of jobs) {
      const [row] = await o.db.select().from(bulkJobs).where(eq(bulkJobs.id, job.data.jobId));
      if (!row || row.status === 'completed' || row.status === 'failed') continue;
      const [m] = await o.db.select({ role: member.role, deactivatedAt: member.deactivatedAt }).from(member).where(and(eq(member.organizationId, row.organizationId), eq(member.userId, row.actor.userId)));
      if (!m || m.deactivatedAt) {
        await o.db.update(bulkJobs).set({ status: 'failed', error: 'The person who started it is no longer a member', finishedAt: new Date() }).where(eq(bulkJobs.id, row.id));
        continue;
      }
      await o.db.update(bulkJobs).set({ status: 'running', updatedAt: new Date() }).where(eq(bulkJobs.id, row.id));
      const ctx: ServiceContext = { db: o.db, orgId: row.organizationId, role: m.role as Role, actor: row.actor as Actor };
      await runBatch(ctx, row);
    }
  }

  const definitions: JobDefinition<{ jobId: string }>[] = [{ name: BULK_QUEUE, handler: handle, queue: { retryLimit: 3, retryDelay: 5 } }];

  return {
    definitions,

    /** POST /{resource}/bulk: the result of a small batch, or the queued job of a large one. */
    async run(ctx: ServiceContext, resource: string, input: unknown): Promise<{ queued: false; result: BulkResult } | { queued: true; job: BulkJob }> {
      requireRole(ctx, 'member');
      const service = serviceForResource(resource);
      if (!service) throw notFound('Resource');
      const body = parseInput(BulkRequestSchema, input);
      const plan = await planOf(ctx, service, body.action, body.values);
      const ids = body.ids ? [...new Set(body.ids)] : await idsOf(ctx, service, body.filter, body.q, body.viewId);
      const background = ids.length > o.threshold;
      const jobs = background ? o.jobs() : undefined;
      if (background && !jobs) throw new AppError(503, 'jobs_unavailable', `More than ${o.threshold} records run as a background job, and background jobs are not running on this server; select fewer records or try again later`);
      const [row] = await o.db
        .insert(bulkJobs)
        .values({ organizationId: ctx.orgId, resource, action: plan.action, status: background ? 'queued' : 'running', ids, values: plan.values, total: ids.length, actor: { type: ctx.actor.type, userId: ctx.actor.userId, ...(ctx.actor.via ? { via: ctx.actor.via } : {}) } })
        .returning();
      if (background) {
        await jobs!.send(BULK_QUEUE, { jobId: row.id });
        return { queued: true, job: present(row) };
      }
      const r = await runBatch(ctx, row);
      return { queued: false, result: { batchId: row.id, total: ids.length, succeeded: r.succeeded, failed: r.failures } };
    },

    async get(ctx: ServiceContext, id: string): Promise<BulkJob> {
      requireRole(ctx, 'viewer');
      return present(await load(ctx, id));
    },

    /** Reverts every change of the batch, newest first, each through the timeline's undo (checked and audited again). */
    async undo(ctx: ServiceContext, id: string): Promise<BulkUndoResult> {
      requireRole(ctx, 'member');
      const row = await load(ctx, id);
      if (row.status === 'queued' || row.status === 'running') throw conflict('The batch is still running; undo it when it has finished');
      if (row.undoneAt) throw conflict('This batch was already undone');
      const type = serviceForResource(row.resource)!.def.type;
      const changes = await o.db
        .select({ id: activities.id, entityId: activities.entityId })
        .from(activities)
        .where(and(eq(activities.organizationId, ctx.orgId), eq(activities.batchId, id), eq(activities.entityType, type), inArray(activities.action, ['updated', 'deleted'])))
        .orderBy(desc(activities.createdAt), asc(activities.id));
      const failed: Failure[] = [];
      let undone = 0;
      for (const c of changes) {
        try {
          await undoActivity(ctx, c.id);
          undone++;
        } catch (err) {
          failed.push({ id: c.entityId, error: toAppError(err).message });
        }
      }
      await o.db.update(bulkJobs).set({ undoneAt: new Date(), updatedAt: new Date() }).where(eq(bulkJobs.id, id));
      return { batchId: id, total: changes.length, undone, failed };
    },
  };
}

export type BulkService = ReturnType<typeof bulkService>;
