// The generic service behind every CRM entity: list/get/create/update/delete/restore/timeline.
// Each write checks role and tenant, validates, and commits the row, its activity and its outbox
// event in one transaction. Entity modules supply only what differs (fields, references, rules).
import { and, count, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Activity, ListQuery } from '../../contracts/common';
import type { Db, Tx } from '../db/client';
import { activities, user } from '../db/schema';
import { diff, recordChange, recordChanges } from './audit';
import type { ServiceContext } from './context';
import { AppError, fieldError, notFound, parseInput, zodIssues, type FieldIssue } from './errors';
import { customFieldSpecs, definitionsFor, resolveCustomFields, type Definition } from './custom-fields';
import { assertPaging, cursorCondition, encodeCursor, filterConditions, likePattern, orderBy, parseSort, type ListSpec } from './list-query';
import { ensureTags } from './tags';
import { requireRole } from './roles';

export type Row = Record<string, unknown> & { id: string };

/** The columns every CRM table has (see db/schema/columns.ts). */
export type CrmTable = PgTable & {
  id: PgColumn;
  organizationId: PgColumn;
  createdAt: PgColumn;
  updatedAt: PgColumn;
  deletedAt: PgColumn;
};

export interface EntityDef {
  /** singular, snake_case: activity entity type, outbox prefix, tool names */
  type: string;
  /** REST resource (plural kebab-case) */
  resource: string;
  label: string;
  table: CrmTable;
  createSchema: z.ZodType;
  updateSchema: z.ZodType;
  /** The record as the API returns it (OpenAPI responses). */
  itemSchema: z.ZodType;
  list: ListSpec;
  /** Checks that referenced records (company, owner, …) exist in the caller's org. */
  checkReferences?: (tx: Tx, ctx: ServiceContext, values: Record<string, unknown>) => Promise<void>;
  /** The same for many records at once (imports): one query per reference kind, errors by index. */
  checkReferencesMany?: (tx: Tx, ctx: ServiceContext, values: Record<string, unknown>[]) => Promise<Map<number, FieldIssue[]>>;
  /** Rules on the whole record after a patch is applied (e.g. a contact needs a name or an email). */
  validateRecord?: (record: Record<string, unknown>) => void;
  /** Adds related data to rows for responses (one query per page, never per row). */
  expand?: (db: Db, ctx: ServiceContext, rows: Row[]) => Promise<Row[]>;
  /** Values the service sets from the input (e.g. a task's completedAt from its status). */
  derive?: (values: Record<string, unknown>, existing?: Row) => Record<string, unknown>;
  /** The record whose timeline should also show this one being added (a note shows on its contact). */
  timelineOf?: (row: Row) => { entityType: string; entityId: string; summary: Record<string, unknown> } | null;
  /** Named list presets (?view=mine), resolved for the caller. */
  views?: Record<string, (ctx: ServiceContext) => SQL>;
}

export type CreateManyResult = { ok: true; row: Row } | { ok: false; errors: FieldIssue[] };

function issuesOf(err: unknown): FieldIssue[] {
  if (err instanceof AppError && Array.isArray(err.details)) return err.details as FieldIssue[];
  if (err instanceof AppError) return [{ path: '(row)', message: err.message }];
  throw err;
}

export interface ListResult {
  data: Row[];
  total: number;
  totalIsEstimate?: boolean;
  nextCursor: string | null;
}

// Counting every match of a large list costs more than the page itself (at 1M rows a 10k cap
// cost 60 ms against 3 ms for the page); past this many we return the planner's estimate and
// say so (totalIsEstimate).
const EXACT_COUNT_CAP = 1_000;

// searchText: the lowercased copy list `q` matches (schema/crm.ts), never part of a record.
const HIDDEN = new Set(['organizationId', 'searchText']);
export function present(row: Record<string, unknown>): Row {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (!HIDDEN.has(k)) out[k] = v instanceof Date ? v.toISOString() : v;
  return out as Row;
}

export function crudService(def: EntityDef) {
  const t = def.table;
  const scope = (ctx: ServiceContext, id: string) => and(eq(t.id, id), eq(t.organizationId, ctx.orgId));

  async function load(db: Db | Tx, ctx: ServiceContext, id: string, opts: { includeDeleted?: boolean; lock?: boolean } = {}) {
    const where = opts.includeDeleted ? scope(ctx, id) : and(scope(ctx, id), isNull(t.deletedAt));
    let q = db.select().from(t).where(where).$dynamic();
    if (opts.lock) q = q.for('update');
    const [row] = await q;
    if (!row) throw notFound(def.label);
    return row as Row;
  }

  async function respond(ctx: ServiceContext, rows: Row[]): Promise<Row[]> {
    const shown = rows.map(present);
    return def.expand ? def.expand(ctx.db, ctx, shown) : shown;
  }

  const hasCustomFields = 'customFields' in t;
  /** Custom field values checked against the org's definitions; new tag names become tags. */
  async function applyOrgData(tx: Tx, ctx: ServiceContext, values: Record<string, unknown>, existing?: Row, defs?: Definition[]) {
    if (hasCustomFields) {
      const resolved = await resolveCustomFields(tx, ctx, def.type, values.customFields as Record<string, unknown> | undefined, existing ? ((existing.customFields as Record<string, unknown>) ?? {}) : undefined, defs);
      if (resolved !== undefined) values.customFields = resolved;
    }
    if ('tags' in values) values.tags = await ensureTags(tx, ctx.orgId, values.tags);
  }

  /** The list fields plus customFields.<key> when the query names one. */
  async function listSpec(ctx: ServiceContext, query: ListQuery): Promise<ListSpec> {
    if (!hasCustomFields || !`${query.filter ?? ''}${query.sort ?? ''}`.includes('customFields.')) return def.list;
    const dynamic = await customFieldSpecs(ctx.db, ctx.orgId, def.type, (t as unknown as { customFields: unknown }).customFields);
    return { ...def.list, fields: { ...def.list.fields, ...dynamic } };
  }

  return {
    def,
    applyOrgData,

    async list(ctx: ServiceContext, query: ListQuery): Promise<ListResult> {
      requireRole(ctx, 'viewer');
      assertPaging(query);
      const conds: SQL[] = [eq(t.organizationId, ctx.orgId)];
      if (query.includeDeleted !== 'true') conds.push(isNull(t.deletedAt));
      const spec = await listSpec(ctx, query);
      conds.push(...filterConditions(spec, query.filter));
      if (query.view) {
        const view = def.views?.[query.view];
        if (!view) throw fieldError('view', `unknown view; use one of: ${Object.keys(def.views ?? {}).join(', ') || '(none)'}`);
        conds.push(view(ctx));
      }
      const q = query.q?.trim();
      if (q) conds.push(spec.search(likePattern(q)));
      const where = and(...conds)!;
      const keys = parseSort(spec, t.id, query.sort);
      const pageWhere = query.cursor ? and(where, cursorCondition(keys, query.cursor, spec))! : where;

      let pageQuery = ctx.db.select().from(t).where(pageWhere).orderBy(...orderBy(keys)).limit(query.limit + 1).$dynamic();
      if (query.offset) pageQuery = pageQuery.offset(query.offset);
      if (q) {
        // `q` tests many rows to fill a page. Picking the page's ids first lets PostgreSQL answer
        // from an index that carries the searched text (index-only: no table row read per test);
        // only the page's rows are then read whole.
        let ids = ctx.db.select({ id: t.id }).from(t).where(pageWhere).orderBy(...orderBy(keys)).limit(query.limit + 1).$dynamic();
        if (query.offset) ids = ids.offset(query.offset);
        pageQuery = ctx.db.select().from(t).where(inArray(t.id, ids)).orderBy(...orderBy(keys)).$dynamic();
      }
      const [rows, total] = await Promise.all([pageQuery, countMatches(ctx.db, t, where)]);
      const more = rows.length > query.limit;
      const page = (more ? rows.slice(0, query.limit) : rows) as Row[];
      return {
        data: await respond(ctx, page),
        total: total.value,
        ...(total.estimate ? { totalIsEstimate: true } : {}),
        nextCursor: more ? encodeCursor(keys, page[page.length - 1]) : null,
      };
    },

    async get(ctx: ServiceContext, id: string): Promise<Row> {
      requireRole(ctx, 'viewer');
      const [row] = await respond(ctx, [await load(ctx.db, ctx, id)]);
      return row;
    },

    async create(ctx: ServiceContext, input: unknown): Promise<Row> {
      requireRole(ctx, 'member');
      const parsed = parseInput(def.createSchema, input) as Record<string, unknown>;
      const values = def.derive ? { ...parsed, ...def.derive(parsed) } : parsed;
      def.validateRecord?.(values);
      const row = await ctx.db.transaction(async (tx) => {
        await def.checkReferences?.(tx, ctx, values);
        await applyOrgData(tx, ctx, values);
        const [created] = (await tx
          .insert(t)
          .values({ ...values, organizationId: ctx.orgId, createdBy: ctx.actor.userId } as never)
          .returning()) as Row[];
        await recordChange(tx, ctx.orgId, ctx.actor, { entityType: def.type, entityId: created.id, action: 'created', after: present(created) });
        const parent = def.timelineOf?.(created);
        if (parent) await recordChange(tx, ctx.orgId, ctx.actor, { entityType: parent.entityType, entityId: parent.entityId, action: `${def.type}_added`, after: { id: created.id, ...parent.summary } });
        return created;
      });
      const [shown] = await respond(ctx, [row]);
      return shown;
    },

    /**
     * Bulk create (imports): each input gets the same validation and reference checks as create;
     * the valid ones are written with their activities and events in one transaction.
     */
    async createMany(ctx: ServiceContext, inputs: unknown[]): Promise<CreateManyResult[]> {
      requireRole(ctx, 'member');
      const results: CreateManyResult[] = new Array(inputs.length);
      const valid: { index: number; values: Record<string, unknown> }[] = [];
      for (const [index, input] of inputs.entries()) {
        const r = def.createSchema.safeParse(input);
        if (!r.success) {
          results[index] = { ok: false, errors: zodIssues(r.error) };
          continue;
        }
        const parsed = r.data as Record<string, unknown>;
        const values = def.derive ? { ...parsed, ...def.derive(parsed) } : parsed;
        try {
          def.validateRecord?.(values);
          valid.push({ index, values });
        } catch (err) {
          results[index] = { ok: false, errors: issuesOf(err) };
        }
      }
      await ctx.db.transaction(async (tx) => {
        // Rows of an import repeat their references (the same company on many contacts): check each once,
        // or all at once when the entity can.
        const bulk = def.checkReferencesMany ? await def.checkReferencesMany(tx, ctx, valid.map((v) => v.values)) : undefined;
        const defs = hasCustomFields ? await definitionsFor(tx, ctx.orgId, def.type) : undefined;
        const checked = new Map<string, FieldIssue[] | null>();
        const writable: typeof valid = [];
        for (const [i, v] of valid.entries()) {
          const key = bulk ? `#${i}` : JSON.stringify(Object.entries(v.values).filter(([k]) => /Ids?$/.test(k)));
          if (bulk) checked.set(key, bulk.get(i) ?? null);
          else if (!checked.has(key)) {
            try {
              await def.checkReferences?.(tx, ctx, v.values);
              checked.set(key, null);
            } catch (err) {
              checked.set(key, issuesOf(err));
            }
          }
          const problem = checked.get(key);
          if (problem) {
            results[v.index] = { ok: false, errors: problem };
            continue;
          }
          try {
            await applyOrgData(tx, ctx, v.values, undefined, defs);
            writable.push(v);
          } catch (err) {
            results[v.index] = { ok: false, errors: issuesOf(err) };
          }
        }
        if (writable.length === 0) return;
        const created = (await tx
          .insert(t)
          .values(writable.map((v) => ({ ...v.values, organizationId: ctx.orgId, createdBy: ctx.actor.userId })) as never)
          .returning()) as Row[];
        await recordChanges(tx, ctx.orgId, ctx.actor, created.map((row) => ({ entityType: def.type, entityId: row.id, action: 'created', after: present(row) })));
        created.forEach((row, i) => (results[writable[i].index] = { ok: true, row: present(row) }));
      });
      return results;
    },

    async update(ctx: ServiceContext, id: string, input: unknown): Promise<Row> {
      requireRole(ctx, 'member');
      const parsed = parseInput(def.updateSchema, input) as Record<string, unknown>;
      const row = await ctx.db.transaction(async (tx) => {
        const existing = await load(tx, ctx, id, { lock: true });
        const patch = def.derive ? { ...parsed, ...def.derive(parsed, existing) } : parsed;
        def.validateRecord?.({ ...existing, ...patch });
        await def.checkReferences?.(tx, ctx, patch);
        await applyOrgData(tx, ctx, patch, existing);
        const change = diff(present(existing), present({ ...existing, ...patch }));
        if (!change.changed) return existing;
        const [updated] = (await tx
          .update(t)
          .set({ ...patch, updatedAt: new Date() } as never)
          .where(scope(ctx, id))
          .returning()) as Row[];
        await recordChange(tx, ctx.orgId, ctx.actor, { entityType: def.type, entityId: id, action: 'updated', before: change.before, after: change.after });
        return updated;
      });
      const [shown] = await respond(ctx, [row]);
      return shown;
    },

    /** Soft delete: the record disappears from lists and can be restored. */
    async remove(ctx: ServiceContext, id: string): Promise<void> {
      requireRole(ctx, 'member');
      await ctx.db.transaction(async (tx) => {
        await load(tx, ctx, id, { lock: true });
        const now = new Date();
        await tx.update(t).set({ deletedAt: now, updatedAt: now } as never).where(scope(ctx, id));
        await recordChange(tx, ctx.orgId, ctx.actor, { entityType: def.type, entityId: id, action: 'deleted', before: { deletedAt: null }, after: { deletedAt: now.toISOString() } });
      });
    },

    async restore(ctx: ServiceContext, id: string): Promise<Row> {
      requireRole(ctx, 'member');
      const row = await ctx.db.transaction(async (tx) => {
        const existing = await load(tx, ctx, id, { includeDeleted: true, lock: true });
        if (!existing.deletedAt) return existing;
        const [restored] = (await tx
          .update(t)
          .set({ deletedAt: null, updatedAt: new Date() } as never)
          .where(scope(ctx, id))
          .returning()) as Row[];
        await recordChange(tx, ctx.orgId, ctx.actor, { entityType: def.type, entityId: id, action: 'restored', before: { deletedAt: present(existing).deletedAt }, after: { deletedAt: null } });
        return restored;
      });
      const [shown] = await respond(ctx, [row]);
      return shown;
    },

    /** The record's timeline, newest first. A deleted record keeps its history. */
    async activities(ctx: ServiceContext, id: string, limit = 100): Promise<Activity[]> {
      requireRole(ctx, 'viewer');
      await load(ctx.db, ctx, id, { includeDeleted: true });
      const rows = await ctx.db
        .select({
          id: activities.id,
          entityType: activities.entityType,
          entityId: activities.entityId,
          action: activities.action,
          actorType: activities.actorType,
          actorId: activities.actorId,
          actorName: user.name,
          onBehalfOf: activities.onBehalfOf,
          before: activities.before,
          after: activities.after,
          createdAt: activities.createdAt,
        })
        .from(activities)
        .leftJoin(user, eq(user.id, activities.actorId))
        .where(and(eq(activities.organizationId, ctx.orgId), eq(activities.entityType, def.type), eq(activities.entityId, id)))
        .orderBy(desc(activities.createdAt), desc(activities.id))
        .limit(limit);
      return rows.map(present) as unknown as Activity[];
    },

    /** Ids of `ids` that are live records of this entity in the caller's org. */
    async existing(db: Db | Tx, ctx: ServiceContext, ids: string[]): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const rows = await db
        .select({ id: t.id })
        .from(t)
        .where(and(eq(t.organizationId, ctx.orgId), inArray(t.id, ids), isNull(t.deletedAt)));
      return new Set(rows.map((r) => r.id as string));
    },
  };
}

export type CrudService = ReturnType<typeof crudService>;

async function countMatches(db: Db, t: CrmTable, where: SQL): Promise<{ value: number; estimate: boolean }> {
  const capped = db.select({ one: sql`1` }).from(t).where(where).limit(EXACT_COUNT_CAP + 1).as('capped');
  const [{ n }] = await db.select({ n: count() }).from(capped);
  if (n <= EXACT_COUNT_CAP) return { value: n, estimate: false };
  const plan = await db.execute(sql`explain (format json) select 1 from ${t} where ${where}`);
  const rows = (plan as unknown as { rows: { 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }[] }).rows;
  const estimated = Math.round(rows[0]?.['QUERY PLAN']?.[0]?.Plan?.['Plan Rows'] ?? n);
  return { value: Math.max(estimated, n), estimate: true };
}
