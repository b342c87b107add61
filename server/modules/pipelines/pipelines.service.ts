// Pipelines and their ordered stages. Every organization gets a default "Sales" pipeline; admins
// add, rename, reorder and remove stages (a stage holding deals is removed only with a target).
import { and, asc, count, eq, isNotNull, isNull, ne } from 'drizzle-orm';
import { PipelineCreateSchema, PipelineUpdateSchema, StageInputSchema, StageUpdateSchema, type Pipeline } from '../../../contracts/sales';
import type { Tx } from '../../db/client';
import { deals, pipelineStages, pipelines } from '../../db/schema';
import { recordChange, recordChanges } from '../../lib/audit';
import type { ServiceContext } from '../../lib/context';
import { badRequest, conflict, fieldError, parseInput } from '../../lib/errors';
import { requireRole } from '../../lib/roles';
import { nextVersion } from '../../lib/crud';
import { dealService } from '../deals/deals.service';
import { DEFAULT_STAGES, insertPipeline, loadPipeline, pipelineReads, present, stageIn, stagesOf } from './stages';

export { createDefaultPipeline, DEFAULT_STAGES, stageIn } from './stages';

async function liveDealCount(tx: Tx, ctx: ServiceContext, where: ReturnType<typeof eq>) {
  const [{ n }] = await tx.select({ n: count() }).from(deals).where(and(eq(deals.organizationId, ctx.orgId), isNull(deals.deletedAt), where));
  return n;
}

export const pipelineService = {
  list: pipelineReads.list,
  get: pipelineReads.get,
  defaultPipeline: pipelineReads.defaultPipeline,

  async create(ctx: ServiceContext, input: unknown): Promise<Pipeline> {
    requireRole(ctx, 'admin');
    const i = parseInput(PipelineCreateSchema, input);
    const stages = i.stages ?? DEFAULT_STAGES;
    if (!stages.some((s) => (s.kind ?? 'open') === 'open')) throw fieldError('stages', 'a pipeline needs at least one open stage');
    return ctx.db.transaction((tx) => insertPipeline(tx, ctx.orgId, ctx.actor, i.name, stages, false));
  },

  async update(ctx: ServiceContext, id: string, input: unknown): Promise<Pipeline> {
    requireRole(ctx, 'admin');
    const i = parseInput(PipelineUpdateSchema, input);
    return ctx.db.transaction(async (tx) => {
      const p = await loadPipeline(tx, ctx, id);
      const [updated] = await tx.update(pipelines).set({ name: i.name, updatedAt: new Date() }).where(eq(pipelines.id, id)).returning();
      await recordChange(tx, ctx.orgId, ctx.actor, { entityType: 'pipeline', entityId: id, action: 'updated', before: { name: p.name }, after: { name: i.name } });
      return present(updated, await stagesOf(tx, ctx, [id]));
    });
  },

  async remove(ctx: ServiceContext, id: string): Promise<void> {
    requireRole(ctx, 'admin');
    await ctx.db.transaction(async (tx) => {
      const p = await loadPipeline(tx, ctx, id);
      const n = await liveDealCount(tx, ctx, eq(deals.pipelineId, id));
      if (n > 0) throw conflict(`This pipeline still has ${n} deal(s); move or delete them first`, [{ path: 'id', message: `${n} deals` }]);
      const [{ others }] = await tx.select({ others: count() }).from(pipelines).where(and(eq(pipelines.organizationId, ctx.orgId), isNull(pipelines.deletedAt), ne(pipelines.id, id)));
      if (others === 0) throw badRequest('An organization needs at least one pipeline');
      await tx.update(pipelines).set({ deletedAt: new Date(), isDefault: false }).where(eq(pipelines.id, id));
      if (p.isDefault) {
        const [next] = await tx.select({ id: pipelines.id }).from(pipelines).where(and(eq(pipelines.organizationId, ctx.orgId), isNull(pipelines.deletedAt))).orderBy(asc(pipelines.position)).limit(1);
        await tx.update(pipelines).set({ isDefault: true }).where(eq(pipelines.id, next.id));
      }
      await recordChange(tx, ctx.orgId, ctx.actor, { entityType: 'pipeline', entityId: id, action: 'deleted', before: { name: p.name } });
    });
  },

  async addStage(ctx: ServiceContext, pipelineId: string, input: unknown, position?: number): Promise<Pipeline> {
    requireRole(ctx, 'admin');
    const i = parseInput(StageInputSchema, input);
    return ctx.db.transaction(async (tx) => {
      await loadPipeline(tx, ctx, pipelineId);
      const stages = await stagesOf(tx, ctx, [pipelineId]);
      const at = Math.min(position ?? stages.length, stages.length);
      for (const s of stages.filter((x) => x.position >= at)) await tx.update(pipelineStages).set({ position: s.position + 1 }).where(eq(pipelineStages.id, s.id));
      const [s] = await tx.insert(pipelineStages).values({ organizationId: ctx.orgId, pipelineId, name: i.name, probability: i.probability, kind: i.kind, staleAfterDays: i.staleAfterDays ?? null, rottingDays: i.rottingDays ?? null, position: at }).returning();
      await recordChange(tx, ctx.orgId, ctx.actor, { entityType: 'pipeline', entityId: pipelineId, action: 'stage_added', after: { stageId: s.id, name: s.name, position: at } });
      return pipelineService.get({ ...ctx, db: tx }, pipelineId);
    });
  },

  async updateStage(ctx: ServiceContext, pipelineId: string, stageId: string, input: unknown): Promise<Pipeline> {
    requireRole(ctx, 'admin');
    const i = parseInput(StageUpdateSchema, input);
    return ctx.db.transaction(async (tx) => {
      await loadPipeline(tx, ctx, pipelineId);
      const stage = await stageIn(tx, ctx, pipelineId, stageId);
      if (i.kind && i.kind !== 'open' && stage.kind === 'open') await assertAnotherOpenStage(tx, ctx, pipelineId, stageId);
      await tx.update(pipelineStages).set({ ...i, updatedAt: new Date() }).where(eq(pipelineStages.id, stageId));
      await recordChange(tx, ctx.orgId, ctx.actor, { entityType: 'pipeline', entityId: pipelineId, action: 'stage_updated', before: { stageId, name: stage.name, probability: stage.probability, kind: stage.kind, staleAfterDays: stage.staleAfterDays, rottingDays: stage.rottingDays }, after: { stageId, ...i } });
      return pipelineService.get({ ...ctx, db: tx }, pipelineId);
    });
  },

  async reorderStages(ctx: ServiceContext, pipelineId: string, stageIds: string[]): Promise<Pipeline> {
    requireRole(ctx, 'admin');
    return ctx.db.transaction(async (tx) => {
      await loadPipeline(tx, ctx, pipelineId);
      const stages = await stagesOf(tx, ctx, [pipelineId]);
      const known = new Set(stages.map((s) => s.id));
      if (stageIds.length !== stages.length || new Set(stageIds).size !== stageIds.length || !stageIds.every((id) => known.has(id))) {
        throw fieldError('stageIds', 'must list every stage of the pipeline exactly once');
      }
      for (const [i, id] of stageIds.entries()) await tx.update(pipelineStages).set({ position: i }).where(eq(pipelineStages.id, id));
      await recordChange(tx, ctx.orgId, ctx.actor, { entityType: 'pipeline', entityId: pipelineId, action: 'stages_reordered', before: { stageIds: stages.map((s) => s.id) }, after: { stageIds } });
      return pipelineService.get({ ...ctx, db: tx }, pipelineId);
    });
  },

  /** A stage that holds deals is removed only with `moveTo`, the stage that receives them. */
  async removeStage(ctx: ServiceContext, pipelineId: string, stageId: string, moveTo?: string): Promise<Pipeline> {
    requireRole(ctx, 'admin');
    return ctx.db.transaction(async (tx) => {
      await loadPipeline(tx, ctx, pipelineId);
      const stage = await stageIn(tx, ctx, pipelineId, stageId);
      const stages = await stagesOf(tx, ctx, [pipelineId]);
      if (stages.length === 1) throw badRequest('A pipeline needs at least one stage');
      if (stage.kind === 'open') await assertAnotherOpenStage(tx, ctx, pipelineId, stageId);
      const n = await liveDealCount(tx, ctx, eq(deals.stageId, stageId));
      if (n > 0) {
        if (!moveTo) throw conflict(`The stage "${stage.name}" holds ${n} deal(s): choose the stage to move them to (moveTo)`, [{ path: 'moveTo', message: `required: ${n} deals` }]);
        if (moveTo === stageId) throw fieldError('moveTo', 'must be another stage');
        const target = await stageIn(tx, ctx, pipelineId, moveTo);
        // Live deals move through the deal write path, like a board move: closedAt, lost reason,
        // stage_change activity and outbox event, position at the end of the target column.
        const live = await tx.select({ id: deals.id }).from(deals).where(and(eq(deals.organizationId, ctx.orgId), eq(deals.stageId, stageId), isNull(deals.deletedAt))).orderBy(asc(deals.position), asc(deals.id));
        const txCtx = { ...ctx, db: tx };
        for (const d of live) {
          await dealService.update(txCtx, d.id, { stageId: target.id, ...(target.kind === 'lost' ? { lostReason: `Stage "${stage.name}" was removed` } : {}) });
        }
      }
      // Deleted deals keep pointing at a stage until restored: they follow to the target (or, with no
      // live deals to move, to the first remaining stage), each with its own activity and event.
      const fallback = moveTo ?? stages.find((s) => s.id !== stageId)!.id;
      const parked = await tx.update(deals).set({ stageId: fallback, updatedAt: new Date(), version: nextVersion(deals) }).where(and(eq(deals.organizationId, ctx.orgId), eq(deals.stageId, stageId), isNotNull(deals.deletedAt))).returning({ id: deals.id });
      await recordChanges(tx, ctx.orgId, ctx.actor, parked.map((d) => ({ entityType: 'deal', entityId: d.id, action: 'updated', before: { stageId }, after: { stageId: fallback } })));
      await tx.delete(pipelineStages).where(eq(pipelineStages.id, stageId));
      for (const s of stages.filter((x) => x.position > stage.position)) await tx.update(pipelineStages).set({ position: s.position - 1 }).where(eq(pipelineStages.id, s.id));
      await recordChange(tx, ctx.orgId, ctx.actor, { entityType: 'pipeline', entityId: pipelineId, action: 'stage_removed', before: { stageId, name: stage.name }, after: { movedDealsTo: moveTo ?? null } });
      return pipelineService.get({ ...ctx, db: tx }, pipelineId);
    });
  },
};

async function assertAnotherOpenStage(tx: Tx, ctx: ServiceContext, pipelineId: string, stageId: string) {
  const [{ n }] = await tx.select({ n: count() }).from(pipelineStages).where(and(eq(pipelineStages.organizationId, ctx.orgId), eq(pipelineStages.pipelineId, pipelineId), eq(pipelineStages.kind, 'open'), ne(pipelineStages.id, stageId)));
  if (n === 0) throw badRequest('A pipeline needs at least one open stage');
}
