// Reading pipelines and their stages: what deals, reports, imports and the assistant need. Kept
// apart from the admin writes in pipelines.service.ts, which move deals through the deal write path
// (deals.service.ts imports this file; pipelines.service.ts imports deals.service.ts).
import { and, asc, count, eq, inArray, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { StageInputSchema, Pipeline } from '../../../contracts/sales';
import type { DbOrTx, Tx } from '../../db/client';
import { pipelineStages, pipelines } from '../../db/schema';
import { recordChange } from '../../lib/audit';
import type { Actor, ServiceContext } from '../../lib/context';
import { fieldError, notFound } from '../../lib/errors';
import { requireRole } from '../../lib/roles';

export const DEFAULT_STAGES: z.input<typeof StageInputSchema>[] = [
  { name: 'Qualification', probability: 10, kind: 'open', staleAfterDays: 14, rottingDays: 7 },
  { name: 'Needs analysis', probability: 25, kind: 'open', staleAfterDays: 21, rottingDays: 10 },
  { name: 'Proposal', probability: 50, kind: 'open', staleAfterDays: 21, rottingDays: 10 },
  { name: 'Negotiation', probability: 75, kind: 'open', staleAfterDays: 14, rottingDays: 7 },
  { name: 'Won', probability: 100, kind: 'won' },
  { name: 'Lost', probability: 0, kind: 'lost' },
];

type StageRow = typeof pipelineStages.$inferSelect;
type PipelineRow = typeof pipelines.$inferSelect;

export function present(p: PipelineRow, stages: StageRow[]): Pipeline {
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
      .map((s) => ({ id: s.id, pipelineId: s.pipelineId, name: s.name, position: s.position, probability: s.probability, kind: s.kind as 'open' | 'won' | 'lost', staleAfterDays: s.staleAfterDays, rottingDays: s.rottingDays })),
  };
}

export async function insertPipeline(tx: Tx, orgId: string, actor: Actor, name: string, stages: z.input<typeof StageInputSchema>[], isDefault: boolean) {
  const [{ n }] = await tx.select({ n: count() }).from(pipelines).where(and(eq(pipelines.organizationId, orgId), isNull(pipelines.deletedAt)));
  const [p] = await tx.insert(pipelines).values({ organizationId: orgId, name, position: n, isDefault, createdBy: actor.type === 'system' ? null : actor.userId }).returning();
  const rows = await tx
    .insert(pipelineStages)
    .values(stages.map((s, i) => ({ organizationId: orgId, pipelineId: p.id, name: s.name, probability: s.probability, kind: s.kind ?? 'open', staleAfterDays: s.staleAfterDays ?? null, rottingDays: s.rottingDays ?? null, position: i })))
    .returning();
  await recordChange(tx, orgId, actor, { entityType: 'pipeline', entityId: p.id, action: 'created', after: { name, stages: stages.map((s) => s.name) } });
  return present(p, rows);
}

/** Called when an organization is created (Better Auth hook). */
export async function createDefaultPipeline(db: DbOrTx, orgId: string, userId: string) {
  return db.transaction((tx) => insertPipeline(tx, orgId, { type: 'system', userId }, 'Sales', DEFAULT_STAGES, true));
}

export async function loadPipeline(db: DbOrTx, ctx: ServiceContext, id: string) {
  const [p] = await db.select().from(pipelines).where(and(eq(pipelines.id, id), eq(pipelines.organizationId, ctx.orgId), isNull(pipelines.deletedAt)));
  if (!p) throw notFound('Pipeline');
  return p;
}

export async function stagesOf(db: DbOrTx, ctx: ServiceContext, pipelineIds: string[]) {
  if (pipelineIds.length === 0) return [];
  return db.select().from(pipelineStages).where(and(eq(pipelineStages.organizationId, ctx.orgId), inArray(pipelineStages.pipelineId, pipelineIds))).orderBy(asc(pipelineStages.position));
}

export const pipelineReads = {
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
  async defaultPipeline(db: DbOrTx, ctx: ServiceContext): Promise<Pipeline> {
    const list = await pipelineReads.list({ ...ctx, db });
    return list.find((p) => p.isDefault) ?? list[0];
  },

};

export async function stageIn(db: DbOrTx, ctx: ServiceContext, pipelineId: string | undefined, stageId: string) {
  const [s] = await db
    .select()
    .from(pipelineStages)
    .where(and(eq(pipelineStages.id, stageId), eq(pipelineStages.organizationId, ctx.orgId), pipelineId ? eq(pipelineStages.pipelineId, pipelineId) : undefined));
  if (!s) throw fieldError('stageId', 'no such stage in this pipeline');
  return s;
}

