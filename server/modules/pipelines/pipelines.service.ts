// Pipelines and their ordered stages. Every organization gets a default "Sales" pipeline; admins
// add, rename, reorder and remove stages (a stage holding deals is removed only with a target).
import { and, asc, count, eq, inArray, isNull, ne } from 'drizzle-orm';
import { PipelineCreateSchema, PipelineUpdateSchema, StageInputSchema, StageUpdateSchema, type Pipeline } from '../../../contracts/sales';
import type { Db, Tx } from '../../db/client';
import { deals, pipelineStages, pipelines } from '../../db/schema';
import { recordChange } from '../../lib/audit';
import type { Actor, ServiceContext } from '../../lib/context';
import { badRequest, conflict, fieldError, notFound, parseInput } from '../../lib/errors';
import { requireRole } from '../../lib/roles';
import type { z } from 'zod';

export const DEFAULT_STAGES: z.input<typeof StageInputSchema>[] = [
  { name: 'Qualification', probability: 10, kind: 'open', staleAfterDays: 14 },
  { name: 'Needs analysis', probability: 25, kind: 'open', staleAfterDays: 21 },
  { name: 'Proposal', probability: 50, kind: 'open', staleAfterDays: 21 },
  { name: 'Negotiation', probability: 75, kind: 'open', staleAfterDays: 14 },
  { name: 'Won', probability: 100, kind: 'won' },
  { name: 'Lost', probability: 0, kind: 'lost' },
];

type StageRow = typeof pipelineStages.$inferSelect;
type PipelineRow = typeof pipelines.$inferSelect;

function present(p: PipelineRow, stages: StageRow[]): Pipeline {
  return {
    id: p.id,
    name: p.name,
    position: p.position,
    isDefault: p.isDefault,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    stages: stages
      .filter((s) => s.pipelineId === p.id)
      .sort((a, b) => a.position - b.position)
      .map((s) => ({ id: s.id, pipelineId: s.pipelineId, name: s.name, position: s.position, probability: s.probability, kind: s.kind as 'open' | 'won' | 'lost', staleAfterDays: s.staleAfterDays })),
  };
}

async function insertPipeline(tx: Tx, orgId: string, actor: Actor, name: string, stages: z.input<typeof StageInputSchema>[], isDefault: boolean) {
  const [{ n }] = await tx.select({ n: count() }).from(pipelines).where(and(eq(pipelines.organizationId, orgId), isNull(pipelines.deletedAt)));
  const [p] = await tx.insert(pipelines).values({ organizationId: orgId, name, position: n, isDefault, createdBy: actor.type === 'system' ? null : actor.userId }).returning();
  const rows = await tx
    .insert(pipelineStages)
    .values(stages.map((s, i) => ({ organizationId: orgId, pipelineId: p.id, name: s.name, probability: s.probability, kind: s.kind ?? 'open', staleAfterDays: s.staleAfterDays ?? null, position: i })))
    .returning();
  await recordChange(tx, orgId, actor, { entityType: 'pipeline', entityId: p.id, action: 'created', after: { name, stages: stages.map((s) => s.name) } });
  return present(p, rows);
}

/** Called when an organization is created (Better Auth hook). */
export async function createDefaultPipeline(db: Db, orgId: string, userId: string) {
  return db.transaction((tx) => insertPipeline(tx, orgId, { type: 'system', userId }, 'Sales', DEFAULT_STAGES, true));
}

async function loadPipeline(db: Db | Tx, ctx: ServiceContext, id: string) {
  const [p] = await db.select().from(pipelines).where(and(eq(pipelines.id, id), eq(pipelines.organizationId, ctx.orgId), isNull(pipelines.deletedAt)));
  if (!p) throw notFound('Pipeline');
  return p;
}

async function stagesOf(db: Db | Tx, ctx: ServiceContext, pipelineIds: string[]) {
  if (pipelineIds.length === 0) return [];
  return db.select().from(pipelineStages).where(and(eq(pipelineStages.organizationId, ctx.orgId), inArray(pipelineStages.pipelineId, pipelineIds))).orderBy(asc(pipelineStages.position));
}

async function liveDealCount(tx: Tx, ctx: ServiceContext, where: ReturnType<typeof eq>) {
  const [{ n }] = await tx.select({ n: count() }).from(deals).where(and(eq(deals.organizationId, ctx.orgId), isNull(deals.deletedAt), where));
  return n;
}

export const pipelineService = {
  async list(ctx: ServiceContext): Promise<Pipeline[]> {
    requireRole(ctx, 'viewer');
    let rows = await ctx.db.select().from(pipelines).where(and(eq(pipelines.organizationId, ctx.orgId), isNull(pipelines.deletedAt))).orderBy(asc(pipelines.position));
    if (rows.length === 0) {
      // Organizations made before pipelines existed get their default on first use.
      await createDefaultPipeline(ctx.db, ctx.orgId, ctx.actor.userId);
      rows = await ctx.db.select().from(pipelines).where(and(eq(pipelines.organizationId, ctx.orgId), isNull(pipelines.deletedAt))).orderBy(asc(pipelines.position));
    }
    const stages = await stagesOf(ctx.db, ctx, rows.map((p) => p.id));
    return rows.map((p) => present(p, stages));
  },

  async get(ctx: ServiceContext, id: string): Promise<Pipeline> {
    requireRole(ctx, 'viewer');
    const p = await loadPipeline(ctx.db, ctx, id);
    return present(p, await stagesOf(ctx.db, ctx, [p.id]));
  },

  /** The pipeline a new deal goes into when none is named. */
  async defaultPipeline(db: Db | Tx, ctx: ServiceContext): Promise<Pipeline> {
    const list = await pipelineService.list({ ...ctx, db: db as Db });
    return list.find((p) => p.isDefault) ?? list[0];
  },

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
      const [s] = await tx.insert(pipelineStages).values({ organizationId: ctx.orgId, pipelineId, name: i.name, probability: i.probability, kind: i.kind, staleAfterDays: i.staleAfterDays ?? null, position: at }).returning();
      await recordChange(tx, ctx.orgId, ctx.actor, { entityType: 'pipeline', entityId: pipelineId, action: 'stage_added', after: { stageId: s.id, name: s.name, position: at } });
      return pipelineService.get({ ...ctx, db: tx as unknown as Db }, pipelineId);
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
      await recordChange(tx, ctx.orgId, ctx.actor, { entityType: 'pipeline', entityId: pipelineId, action: 'stage_updated', before: { stageId, name: stage.name, probability: stage.probability, kind: stage.kind }, after: { stageId, ...i } });
      return pipelineService.get({ ...ctx, db: tx as unknown as Db }, pipelineId);
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
      return pipelineService.get({ ...ctx, db: tx as unknown as Db }, pipelineId);
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
        const moved = await tx.update(deals).set({ stageId: target.id, stageEnteredAt: new Date(), updatedAt: new Date() }).where(and(eq(deals.organizationId, ctx.orgId), eq(deals.stageId, stageId))).returning({ id: deals.id });
        for (const d of moved) {
          await recordChange(tx, ctx.orgId, ctx.actor, { entityType: 'deal', entityId: d.id, action: 'stage_change', before: { stageId, stageName: stage.name }, after: { stageId: target.id, stageName: target.name, reason: 'stage removed' } });
        }
      }
      await tx.delete(pipelineStages).where(eq(pipelineStages.id, stageId));
      for (const s of stages.filter((x) => x.position > stage.position)) await tx.update(pipelineStages).set({ position: s.position - 1 }).where(eq(pipelineStages.id, s.id));
      await recordChange(tx, ctx.orgId, ctx.actor, { entityType: 'pipeline', entityId: pipelineId, action: 'stage_removed', before: { stageId, name: stage.name }, after: { movedDealsTo: moveTo ?? null } });
      return pipelineService.get({ ...ctx, db: tx as unknown as Db }, pipelineId);
    });
  },
};

export async function stageIn(db: Db | Tx, ctx: ServiceContext, pipelineId: string | undefined, stageId: string) {
  const [s] = await db
    .select()
    .from(pipelineStages)
    .where(and(eq(pipelineStages.id, stageId), eq(pipelineStages.organizationId, ctx.orgId), pipelineId ? eq(pipelineStages.pipelineId, pipelineId) : undefined));
  if (!s) throw fieldError('stageId', 'no such stage in this pipeline');
  return s;
}

async function assertAnotherOpenStage(tx: Tx, ctx: ServiceContext, pipelineId: string, stageId: string) {
  const [{ n }] = await tx.select({ n: count() }).from(pipelineStages).where(and(eq(pipelineStages.organizationId, ctx.orgId), eq(pipelineStages.pipelineId, pipelineId), eq(pipelineStages.kind, 'open'), ne(pipelineStages.id, stageId)));
  if (n === 0) throw badRequest('A pipeline needs at least one open stage');
}
