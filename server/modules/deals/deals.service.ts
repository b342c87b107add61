// Deals: the generic write path plus the pipeline's rules as its hooks — a pipeline and stage on
// create, stable board positions, closedAt and lost reasons when a deal enters a stage, and a
// `stage_change` activity with the time spent in the old stage. Every way a deal is written (REST
// create/PATCH, board moves, lead conversion, CSV import, removing a stage, undo, the assistant)
// goes through these hooks.
import { and, asc, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { DealCreateSchema, DealMoveSchema, DealSchema, DealUpdateSchema } from '../../../contracts/sales';
import type { Tx } from '../../db/client';
import { activities, campaigns, contacts, deals, pipelineStages } from '../../db/schema';
import type { Change } from '../../lib/audit';
import type { ServiceContext } from '../../lib/context';
import { crudService, defineEntity, nextVersion, present, type Row, type WriteScope, type Written } from '../../lib/crud';
import { fieldError, parseInput } from '../../lib/errors';
import { readable } from '../../lib/visibility';
import { checkCompany, checkOwner, companiesOf } from '../../lib/references';
import { pipelineReads as pipelineService, stageIn } from '../pipelines/stages';

const t = deals;
const GAP = 1024;
const stageKind = (kind: string) => sql`exists (select 1 from ${pipelineStages} s where s.id = ${t.stageId} and s.kind = ${kind})`;
/** The index a board move asks for; not a column, consumed by prepare. */
const MOVE_INDEX = Symbol('moveIndex');
/** Columns a stage move sets; in an update that changes the stage they make up the stage_change. */
const STAGE_KEYS = ['stageId', 'pipelineId', 'position', 'stageEnteredAt', 'closedAt', 'lostReason'];

type Stage = typeof pipelineStages.$inferSelect;

async function checkContacts(tx: Tx, ctx: ServiceContext, v: Record<string, unknown>) {
  const ids = [...(Array.isArray(v.contactIds) ? (v.contactIds as string[]) : []), ...(typeof v.primaryContactId === 'string' ? [v.primaryContactId] : [])];
  if (ids.length === 0) return;
  const found = await tx.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.organizationId, ctx.orgId), inArray(contacts.id, ids), isNull(contacts.deletedAt), readable(ctx, 'contact')));
  const ok = new Set(found.map((r) => r.id));
  const missing = ids.find((id) => !ok.has(id));
  if (missing) throw fieldError(v.primaryContactId === missing ? 'primaryContactId' : 'contactIds', `no such contact in this organization (${missing})`);
}

/** A deal's campaign must be a live campaign of the caller's organization that the caller may see. */
async function checkCampaign(tx: Tx, ctx: ServiceContext, campaignId: unknown) {
  if (typeof campaignId !== 'string') return;
  const [c] = await tx.select({ id: campaigns.id }).from(campaigns).where(and(eq(campaigns.organizationId, ctx.orgId), eq(campaigns.id, campaignId), isNull(campaigns.deletedAt), readable(ctx, 'campaign'))).limit(1);
  if (!c) throw fieldError('campaignId', 'no such campaign in this organization');
}

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

/** Locks a stage's column: concurrent writes into it queue here and get distinct positions. */
async function lockColumn(w: WriteScope, stageId: string) {
  const key = `locked:${stageId}`;
  if (w.memo.has(key)) return;
  await w.tx.select({ id: pipelineStages.id }).from(pipelineStages).where(eq(pipelineStages.id, stageId)).for('update');
  w.memo.set(key, true);
}

/**
 * Position for index `at` in a column, between its neighbours (the end when `at` is undefined).
 * When two neighbours are too close for another midpoint the column is renumbered. That renumbering
 * records no activity or event of its own, on purpose: it rewrites an internal sort key without
 * changing the order anyone sees, and the move that caused it already records its own change
 * (stage_change or reordered), which is what timelines, the board in other browsers and webhooks need.
 */
async function positionIn(w: WriteScope, stageId: string, dealId: string | undefined, at: number | undefined): Promise<number> {
  const { tx, ctx, memo } = w;
  // Within one batch (an import) the column's end is remembered, so each new deal goes after the last.
  const endKey = `end:${stageId}`;
  if (at === undefined && !dealId && memo.has(endKey)) {
    const next = (memo.get(endKey) as number) + GAP;
    memo.set(endKey, next);
    return next;
  }
  const where = and(eq(t.organizationId, ctx.orgId), eq(t.stageId, stageId), isNull(t.deletedAt), dealId ? ne(t.id, dealId) : undefined);
  if (at === undefined) {
    const [last] = await tx.select({ position: t.position }).from(t).where(where).orderBy(desc(t.position)).limit(1);
    const end = last ? last.position + GAP : GAP;
    if (!dealId) memo.set(endKey, end);
    return end;
  }
  const column = await tx.select({ id: t.id, position: t.position }).from(t).where(where).orderBy(asc(t.position), asc(t.id));
  const i = Math.max(0, Math.min(at, column.length));
  const prev = column[i - 1]?.position;
  const next = column[i]?.position;
  if (prev !== undefined && next !== undefined && next - prev < 1e-6) {
    for (const [k, d] of column.entries()) await tx.update(t).set({ position: (k + 1) * GAP, version: nextVersion(t) }).where(eq(t.id, d.id));
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

async function memoized<T>(w: WriteScope, key: string, load: () => Promise<T>): Promise<T> {
  if (!w.memo.has(key)) w.memo.set(key, await load());
  return w.memo.get(key) as T;
}

/** A new deal: its pipeline (the default one), its stage (the first open one), its place at the column's end. */
async function prepareCreate(w: WriteScope, v: Record<string, unknown>) {
  const { tx, ctx } = w;
  const pipeline = v.pipelineId
    ? await memoized(w, `pipeline:${String(v.pipelineId)}`, () => pipelineService.get({ ...ctx, db: tx }, v.pipelineId as string)).catch(() => {
        throw fieldError('pipelineId', 'no such pipeline in this organization');
      })
    : await memoized(w, 'pipeline:default', () => pipelineService.defaultPipeline(tx, ctx));
  const stage = v.stageId
    ? await memoized(w, `stage:${pipeline.id}:${String(v.stageId)}`, () => stageIn(tx, ctx, pipeline.id, v.stageId as string))
    : pipeline.stages.find((s) => s.kind === 'open')!;
  await lockColumn(w, stage.id);
  const effects = stage.kind === 'open' ? {} : stageEffects(undefined, stage, v.lostReason, null);
  return { ...v, ...effects, pipelineId: pipeline.id, stageId: stage.id, position: await positionIn(w, stage.id, undefined, undefined) };
}

/** A PATCH (or board move) that names a stage moves the deal: same rules wherever it comes from. */
async function prepareUpdate(w: WriteScope, v: Record<string, unknown> & { [MOVE_INDEX]?: number }, existing: Row) {
  const { [MOVE_INDEX]: index, ...patch } = v;
  if (patch.pipelineId !== undefined && patch.stageId === undefined) throw fieldError('pipelineId', 'move the deal to a stage of the other pipeline instead (stageId)');
  delete patch.pipelineId;
  if (patch.stageId === undefined || (patch.stageId === existing.stageId && index === undefined)) {
    delete patch.stageId;
    return patch;
  }
  const to = await stageIn(w.tx, w.ctx, undefined, patch.stageId as string);
  await lockColumn(w, to.id);
  const changed = to.id !== existing.stageId;
  const [from] = changed ? await w.tx.select().from(pipelineStages).where(eq(pipelineStages.id, existing.stageId as string)) : [];
  const effects = changed ? stageEffects(from, to, patch.lostReason, existing.lostReason) : {};
  // On a move the lostReason given is the reason for a lost stage, never a value of its own.
  if (changed) delete patch.lostReason;
  return { ...patch, ...effects, stageId: to.id, pipelineId: to.pipelineId, position: await positionIn(w, to.id, existing.id, index) };
}

/** An update that changed the stage records a stage_change (and an `updated` for any other fields). */
async function describeWrite(w: WriteScope, { action, row, existing, change }: Written): Promise<Change[]> {
  if (action !== 'updated' || !existing) return [change];
  const before = change.before ?? {};
  const after = change.after ?? {};
  const moved = 'stageId' in after;
  const own = (keys: (k: string) => boolean) => Object.fromEntries(Object.entries(after).filter(([k]) => keys(k)));
  const rest = moved ? own((k) => !STAGE_KEYS.includes(k)) : own((k) => k !== 'position');
  const out: Change[] = [];
  if (Object.keys(rest).length) out.push({ ...change, before: Object.fromEntries(Object.keys(rest).map((k) => [k, before[k] ?? null])), after: rest });
  if (moved) {
    const stages: Stage[] = await w.tx.select().from(pipelineStages).where(inArray(pipelineStages.id, [existing.stageId as string, row.stageId as string]));
    const from = stages.find((s) => s.id === existing.stageId);
    const to = stages.find((s) => s.id === row.stageId)!;
    const seconds = Math.round((Date.now() - new Date(existing.stageEnteredAt as string | Date).getTime()) / 1000);
    out.push({
      entityType: 'deal',
      entityId: row.id,
      action: 'stage_change',
      before: { stageId: from?.id ?? existing.stageId, stageName: from?.name, closedAt: present(existing).closedAt ?? null, lostReason: existing.lostReason ?? null },
      after: { stageId: to.id, stageName: to.name, secondsInPreviousStage: seconds, daysInPreviousStage: Math.floor(seconds / 86400), ...(row.lostReason && row.lostReason !== existing.lostReason ? { lostReason: row.lostReason } : {}), closedAt: present(row).closedAt ?? null },
    });
  } else if ('position' in after) {
    out.push({ entityType: 'deal', entityId: row.id, action: 'reordered', before: { position: before.position }, after: { position: after.position } });
  }
  return out;
}

export const dealEntity = defineEntity('deal', {
  table: t,
  createSchema: DealCreateSchema,
  updateSchema: DealUpdateSchema,
  itemSchema: DealSchema,
  example: { name: 'Acme renewal 2027', amount: '12000.00', currency: 'EUR', expectedCloseDate: '2027-03-31', source: 'referral', tags: ['renewal'] },
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
      // Array fields compare as text[] (the list's tag operators); contactId is "the deal involves
      // this contact", as primary or further contact — what a contact's page lists.
      contactIds: { column: sql`${t.contactIds}::text[]`, type: 'tags' },
      contactId: { column: sql`array_remove(array_append(${t.contactIds}, ${t.primaryContactId}), null)::text[]`, type: 'tags' },
      ownerId: { column: t.ownerId, type: 'text' },
      source: { column: t.source, type: 'text' },
      campaignId: { column: t.campaignId, type: 'uuid' },
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
  prepare: (w, values, existing) => (existing ? prepareUpdate(w, values, existing) : prepareCreate(w, values)),
  checkReferences: async (tx, ctx, v) => {
    await checkCompany(tx, ctx, v.companyId);
    await checkOwner(tx, ctx, v.ownerId);
    await checkContacts(tx, ctx, v);
    await checkCampaign(tx, ctx, v.campaignId);
  },
  afterWrite: describeWrite,
  // Stage, effective probability, weighted amount, company and campaign names and the last activity
  // (what the board's "rotting" colour reads): four queries per page at most.
  expand: async (db, ctx, rows) => {
    if (rows.length === 0) return rows;
    const stageIds = [...new Set(rows.map((r) => r.stageId as string))];
    const ids = rows.map((r) => r.id as string);
    const campaignIds = [...new Set(rows.map((r) => r.campaignId).filter((x): x is string => typeof x === 'string'))];
    const [stages, coById, last, camps] = await Promise.all([
      db.select({ id: pipelineStages.id, name: pipelineStages.name, kind: pipelineStages.kind, probability: pipelineStages.probability }).from(pipelineStages).where(and(eq(pipelineStages.organizationId, ctx.orgId), inArray(pipelineStages.id, stageIds))),
      companiesOf(db, ctx, rows),
      // Every change, note, logged call/email/meeting on a deal is an activities row on it; the
      // (org, entity_type, entity_id, created_at) index answers the max per deal.
      db
        .select({ id: activities.entityId, at: sql<string>`max(${activities.createdAt})` })
        .from(activities)
        .where(and(eq(activities.organizationId, ctx.orgId), eq(activities.entityType, 'deal'), inArray(activities.entityId, ids)))
        .groupBy(activities.entityId),
      campaignIds.length ? db.select({ id: campaigns.id, name: campaigns.name }).from(campaigns).where(and(eq(campaigns.organizationId, ctx.orgId), inArray(campaigns.id, campaignIds))) : Promise.resolve([]),
    ]);
    const campaignById = new Map(camps.map((c) => [c.id, c]));
    const stageById = new Map(stages.map((s) => [s.id, s]));
    const lastById = new Map(last.map((l) => [l.id, l.at ? new Date(l.at).toISOString() : null]));
    return rows.map((r) => {
      const stage = stageById.get(r.stageId as string);
      const p = (r.probability as number | null) ?? stage?.probability ?? 0;
      const lastActivityAt = lastById.get(r.id as string) ?? toIso(r.updatedAt);
      return { ...r, stage, effectiveProbability: p, weightedAmount: weighted(r.amount as string | null, p), company: coById.get(r.companyId as string) ?? null, campaign: campaignById.get(r.campaignId as string) ?? null, lastActivityAt };
    });
  },
});

export const dealService = crudService(dealEntity);

/** A board move: to a stage (any pipeline of the org) and an index in its column, through the write path. */
export async function moveDeal(ctx: ServiceContext, id: string, input: unknown) {
  const m = parseInput(DealMoveSchema, input);
  return dealService.updateValues(ctx, id, { stageId: m.stageId, ...(m.reason ? { lostReason: m.reason } : {}), [MOVE_INDEX]: m.position });
}

function toIso(v: unknown): string | null {
  if (v instanceof Date) return v.toISOString();
  return typeof v === 'string' ? v : null;
}
