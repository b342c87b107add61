// Deals: the generic CRUD plus what is particular to a pipeline — a stage default on create, board
// moves with stable positions, stage_change activities with time in stage, lost reasons, closedAt.
import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { DealCreateSchema, DealMoveSchema, DealSchema, DealUpdateSchema } from '../../../contracts/sales';
import type { Db, Tx } from '../../db/client';
import { contacts, deals, pipelineStages } from '../../db/schema';
import { diff, recordChange } from '../../lib/audit';
import type { ServiceContext } from '../../lib/context';
import { crudService, present, type EntityDef, type Row } from '../../lib/crud';
import { fieldError, notFound, parseInput } from '../../lib/errors';
import { checkCompany, checkOwner, companiesOf } from '../../lib/references';
import { requireRole } from '../../lib/roles';
import { pipelineService, stageIn } from '../pipelines/pipelines.service';

const t = deals;
const GAP = 1024;
const stageKind = (kind: string) => sql`exists (select 1 from ${pipelineStages} s where s.id = ${t.stageId} and s.kind = ${kind})`;

async function checkContacts(tx: Tx, ctx: ServiceContext, v: Record<string, unknown>) {
  const ids = [...(Array.isArray(v.contactIds) ? (v.contactIds as string[]) : []), ...(typeof v.primaryContactId === 'string' ? [v.primaryContactId] : [])];
  if (ids.length === 0) return;
  const found = await tx.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.organizationId, ctx.orgId), inArray(contacts.id, ids), isNull(contacts.deletedAt)));
  const ok = new Set(found.map((r) => r.id));
  const missing = ids.find((id) => !ok.has(id));
  if (missing) throw fieldError(v.primaryContactId === missing ? 'primaryContactId' : 'contactIds', `no such contact in this organization (${missing})`);
}

export const dealEntity: EntityDef = {
  type: 'deal',
  resource: 'deals',
  label: 'Deal',
  table: t,
  createSchema: DealCreateSchema,
  updateSchema: DealUpdateSchema,
  itemSchema: DealSchema,
  list: {
    defaultSort: 'name',
    fields: {
      id: { column: t.id, type: 'uuid' },
      name: { column: t.name, type: 'text' },
      pipelineId: { column: t.pipelineId, type: 'uuid' },
      stageId: { column: t.stageId, type: 'uuid' },
      position: { column: t.position, type: 'number' },
      amount: { column: t.amount, type: 'decimal' },
      currency: { column: t.currency, type: 'text' },
      probability: { column: t.probability, type: 'number' },
      expectedCloseDate: { column: t.expectedCloseDate, type: 'text' },
      closedAt: { column: t.closedAt, type: 'date' },
      companyId: { column: t.companyId, type: 'uuid' },
      primaryContactId: { column: t.primaryContactId, type: 'uuid' },
      ownerId: { column: t.ownerId, type: 'text' },
      source: { column: t.source, type: 'text' },
      tags: { column: t.tags, type: 'tags' },
      createdAt: { column: t.createdAt, type: 'date' },
      updatedAt: { column: t.updatedAt, type: 'date' },
    },
    search: (p) => sql`${t.name} ilike ${p}`,
  },
  // "Show my open deals": by the kind of the deal's stage, which the list fields cannot express.
  views: {
    mine: (ctx: ServiceContext) => eq(t.ownerId, ctx.actor.userId),
    open: () => stageKind('open'),
    won: () => stageKind('won'),
    lost: () => stageKind('lost'),
  },
  checkReferences: async (tx, ctx, v) => {
    await checkCompany(tx, ctx, v.companyId);
    await checkOwner(tx, ctx, v.ownerId);
    await checkContacts(tx, ctx, v);
  },
  // Stage, effective probability, weighted amount and company name: two queries per page.
  expand: async (db, ctx, rows) => {
    if (rows.length === 0) return rows;
    const stageIds = [...new Set(rows.map((r) => r.stageId as string))];
    const [stages, coById] = await Promise.all([
      db.select({ id: pipelineStages.id, name: pipelineStages.name, kind: pipelineStages.kind, probability: pipelineStages.probability }).from(pipelineStages).where(and(eq(pipelineStages.organizationId, ctx.orgId), inArray(pipelineStages.id, stageIds))),
      companiesOf(db, ctx, rows),
    ]);
    const stageById = new Map(stages.map((s) => [s.id, s]));
    return rows.map((r) => {
      const stage = stageById.get(r.stageId as string);
      const p = (r.probability as number | null) ?? stage?.probability ?? 0;
      return { ...r, stage, effectiveProbability: p, weightedAmount: weighted(r.amount as string | null, p), company: coById.get(r.companyId as string) ?? null };
    });
  },
};

/** amount × probability / 100 in exact decimal (cents), never float. */
export function weighted(amount: string | null, probability: number): string | null {
  if (amount === null || amount === undefined) return null;
  const negative = amount.startsWith('-');
  const [whole, frac = ''] = amount.replace('-', '').split('.');
  const cents = BigInt(whole) * 100n + BigInt((frac + '00').slice(0, 2));
  const w = (cents * BigInt(probability) + 50n) / 100n; // round half up
  const s = `${w / 100n}.${String(w % 100n).padStart(2, '0')}`;
  return negative && w !== 0n ? `-${s}` : s;
}

const base = crudService(dealEntity);

/** Position for index `at` in a column, between its neighbours; renumbers the column when they are too close. */
async function positionIn(tx: Tx, ctx: ServiceContext, stageId: string, dealId: string, at: number | undefined): Promise<number> {
  const column = await tx
    .select({ id: t.id, position: t.position })
    .from(t)
    .where(and(eq(t.organizationId, ctx.orgId), eq(t.stageId, stageId), isNull(t.deletedAt), ne(t.id, dealId)))
    .orderBy(asc(t.position), asc(t.id));
  const i = Math.max(0, Math.min(at ?? column.length, column.length));
  const prev = column[i - 1]?.position;
  const next = column[i]?.position;
  if (prev !== undefined && next !== undefined && next - prev < 1e-6) {
    for (const [k, d] of column.entries()) await tx.update(t).set({ position: (k + 1) * GAP }).where(eq(t.id, d.id));
    return (i + 0.5) * GAP;
  }
  if (prev === undefined && next === undefined) return GAP;
  if (prev === undefined) return next! - GAP;
  if (next === undefined) return prev + GAP;
  return (prev + next) / 2;
}

/** What changes when a deal enters a stage: closedAt, lost reason, time stamps. */
function stageEffects(from: { kind: string } | undefined, to: { kind: string; name: string }, reason: unknown, existingReason: unknown) {
  const out: Record<string, unknown> = { stageEnteredAt: new Date() };
  if (to.kind === 'lost') {
    const r = typeof reason === 'string' && reason.trim() ? reason.trim() : undefined;
    if (!r) throw fieldError('reason', `Moving a deal to "${to.name}" needs a lost reason`);
    out.lostReason = r;
  } else if (existingReason) out.lostReason = null;
  if (to.kind !== 'open' && from?.kind !== to.kind) out.closedAt = new Date();
  if (to.kind === 'open') out.closedAt = null;
  return out;
}

async function loadForUpdate(tx: Tx, ctx: ServiceContext, id: string) {
  const [d] = await tx.select().from(t).where(and(eq(t.id, id), eq(t.organizationId, ctx.orgId), isNull(t.deletedAt))).for('update');
  if (!d) throw notFound('Deal');
  return d as unknown as Row;
}

async function respond(ctx: ServiceContext, row: Row) {
  const [shown] = await dealEntity.expand!(ctx.db, ctx, [present(row)]);
  return shown;
}

export const dealService = {
  ...base,

  async create(ctx: ServiceContext, input: unknown) {
    requireRole(ctx, 'member');
    const v = parseInput(DealCreateSchema, input) as Record<string, unknown>;
    const row = await ctx.db.transaction(async (tx) => {
      const pipeline = v.pipelineId ? await pipelineService.get({ ...ctx, db: tx as unknown as Db }, v.pipelineId as string).catch(() => { throw fieldError('pipelineId', 'no such pipeline in this organization'); }) : await pipelineService.defaultPipeline(tx, ctx);
      const stage = v.stageId ? await stageIn(tx, ctx, pipeline.id, v.stageId as string) : pipeline.stages.find((s) => s.kind === 'open')!;
      await dealEntity.checkReferences!(tx, ctx, v);
      await base.applyOrgData(tx, ctx, v);
      // Serialize inserts into one column so positions stay distinct.
      await tx.select({ id: pipelineStages.id }).from(pipelineStages).where(eq(pipelineStages.id, stage.id)).for('update');
      const effects = stage.kind === 'open' ? {} : stageEffects(undefined, stage, v.lostReason, null);
      const position = await positionIn(tx, ctx, stage.id, '00000000-0000-0000-0000-000000000000', undefined);
      const [created] = (await tx
        .insert(t)
        .values({ ...v, ...effects, pipelineId: pipeline.id, stageId: stage.id, position, organizationId: ctx.orgId, createdBy: ctx.actor.userId } as never)
        .returning()) as Row[];
      await recordChange(tx, ctx.orgId, ctx.actor, { entityType: 'deal', entityId: created.id, action: 'created', after: present(created) });
      return created;
    });
    return respond(ctx, row);
  },

  /** A PATCH that changes stageId is a move (same rules as the board). */
  async update(ctx: ServiceContext, id: string, input: unknown) {
    requireRole(ctx, 'member');
    const patch = parseInput(DealUpdateSchema, input) as Record<string, unknown>;
    if (patch.stageId) {
      const { stageId, lostReason, ...rest } = patch;
      if (Object.keys(rest).length) await dealService.update(ctx, id, rest);
      return dealService.move(ctx, id, { stageId, ...(lostReason ? { reason: lostReason } : {}) });
    }
    if (patch.pipelineId) throw fieldError('pipelineId', 'move the deal to a stage of the other pipeline instead (stageId)');
    return base.update(ctx, id, patch);
  },

  async move(ctx: ServiceContext, id: string, input: unknown) {
    requireRole(ctx, 'member');
    const m = parseInput(DealMoveSchema, input);
    const row = await ctx.db.transaction(async (tx) => {
      const deal = await loadForUpdate(tx, ctx, id);
      const to = await stageIn(tx, ctx, undefined, m.stageId);
      // Lock the target column: concurrent moves into it queue here and get distinct positions.
      await tx.select({ id: pipelineStages.id }).from(pipelineStages).where(eq(pipelineStages.id, to.id)).for('update');
      const [from] = await tx.select().from(pipelineStages).where(eq(pipelineStages.id, deal.stageId as string));
      const position = await positionIn(tx, ctx, to.id, id, m.position);
      const stageChanged = to.id !== deal.stageId;
      const effects = stageChanged ? stageEffects(from, to, m.reason, deal.lostReason) : {};
      const [updated] = (await tx
        .update(t)
        .set({ ...effects, stageId: to.id, pipelineId: to.pipelineId, position, updatedAt: new Date() } as never)
        .where(eq(t.id, id))
        .returning()) as Row[];
      if (stageChanged) {
        const seconds = Math.round((Date.now() - new Date(deal.stageEnteredAt as string | Date).getTime()) / 1000);
        await recordChange(tx, ctx.orgId, ctx.actor, {
          entityType: 'deal',
          entityId: id,
          action: 'stage_change',
          before: { stageId: from?.id, stageName: from?.name, closedAt: present(deal).closedAt ?? null, lostReason: deal.lostReason ?? null },
          after: { stageId: to.id, stageName: to.name, secondsInPreviousStage: seconds, daysInPreviousStage: Math.floor(seconds / 86400), ...(effects.lostReason ? { lostReason: effects.lostReason } : {}), closedAt: present(updated).closedAt ?? null },
        });
      } else {
        const change = diff({ position: deal.position }, { position });
        await recordChange(tx, ctx.orgId, ctx.actor, { entityType: 'deal', entityId: id, action: 'reordered', before: change.before, after: change.after });
      }
      return updated;
    });
    return respond(ctx, row);
  },
};
