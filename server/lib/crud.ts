// The one write path behind every CRM entity: list/get/create/createMany/update/delete/restore/
// timeline. Each write checks role and tenant, validates, runs the entity's own rules (its hooks),
// and commits the row, its activities and its outbox events in one transaction. Entity modules give
// only what differs — fields, references and the hooks below — never a service of their own that
// spreads this one and overrides parts (a caller could then skip the rules: DESIGN.md §2).
import { and, count, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Activity, ListQuery } from '../../contracts/common';
import { entityOf, type EntityType } from '../../contracts/entities';
import type { DbOrTx, Tx } from '../db/client';
import { activities, savedViews, user } from '../db/schema';
import { diff, recordChanges, type Change } from './audit';
import type { ServiceContext } from './context';
import { AppError, fieldError, notFound, parseInput, zodIssues, type FieldIssue } from './errors';
import { customFieldSpecs, definitionsFor, resolveCustomFields, type Definition } from './custom-fields';
import { ifMatchSatisfied, preconditionFailed, type IfMatch } from './etag';
import { assertPaging, cursorCondition, encodeCursor, filterConditions, likePattern, orderBy, parseSort, type ListSpec } from './list-query';
import { assertWritable, fieldRules, restrictedFields, withoutHidden } from './field-permissions';
import { ensureTags } from './tags';
import { requireRole } from './roles';
import { assertMayEdit, readable, registerOwnership, registerRowRule } from './visibility';

export type Row = Record<string, unknown> & { id: string };
type Values = Record<string, unknown>;

/** The columns every CRM table has (see db/schema/columns.ts). */
export type CrmTable = PgTable & {
  id: PgColumn;
  organizationId: PgColumn;
  createdAt: PgColumn;
  updatedAt: PgColumn;
  deletedAt: PgColumn;
  version: PgColumn;
};

/** Options of one update or delete. */
export interface WriteOptions {
  /** The caller's If-Match: the write happens only if the row's version (under its lock) matches, else 412 with the current record. */
  ifMatch?: IfMatch;
}

/** `version + 1`, for the SET of every UPDATE of a CRM row: each write gives the record a new ETag (lib/etag.ts). */
export function nextVersion(t: CrmTable): SQL {
  return sql`${t.version} + 1`;
}

/** One write in progress: its transaction, its caller, and a scratchpad shared by the rows of one batch. */
export interface WriteScope {
  tx: Tx;
  ctx: ServiceContext;
  /** Lives for one create/update or one createMany batch (e.g. the next board position per stage). */
  memo: Map<string, unknown>;
}

export type WriteAction = 'created' | 'updated' | 'deleted' | 'restored';

/** A row just written, handed to afterWrite with the change the generic path would record for it. */
export interface Written {
  action: WriteAction;
  /** The row as stored now (raw: dates as Date). */
  row: Row;
  /** The row before the write (update, delete, restore). */
  existing?: Row;
  /** The activity + outbox event the generic path records: `<type>.<action>` with before/after. */
  change: Change;
}

export interface EntityDef {
  /** From the catalogue (contracts/entities.ts): singular snake_case, activity/outbox type, tool names. */
  type: string;
  /** From the catalogue: the REST resource (plural kebab-case). */
  resource: string;
  /** From the catalogue: "Contact". */
  label: string;
  /** From the catalogue: "Contacts". */
  plural: string;
  table: CrmTable;
  createSchema: z.ZodType;
  updateSchema: z.ZodType;
  /** The record as the API returns it (OpenAPI responses). */
  itemSchema: z.ZodType;
  /** A valid create body: the OpenAPI example, and what the catalogue tests create. */
  example: Record<string, unknown>;
  list: ListSpec;
  /** Adds related data to rows for responses (one query per page, never per row). */
  expand?: (db: DbOrTx, ctx: ServiceContext, rows: Row[]) => Promise<Row[]>;
  /** Named list presets (?view=mine), resolved for the caller. */
  views?: Record<string, (ctx: ServiceContext) => SQL>;

  // ── Hooks of the write path. create, createMany (imports), update, restore and merge all run them,
  //    so no caller — REST, assistant, MCP, import, automation — can skip an entity's rules.
  /**
   * Values computed before the row is written, inside its transaction: what the service sets from
   * the input (a task's completedAt from its status; a deal's pipeline, stage, position, closedAt).
   * `existing` is the locked row on update; undefined on create. Returns the values to write.
   */
  prepare?: (w: WriteScope, values: Values, existing?: Row) => Promise<Values> | Values;
  /** Fields `prepare` computes (a score): read-only field rules refuse them only when the caller sent them. */
  derived?: string[];
  /** Rules on the whole record once the write is applied (a contact needs a name or an email). */
  validate?: (record: Values) => void;
  /** Checks that referenced records (company, owner, …) exist in the caller's org. */
  checkReferences?: (tx: Tx, ctx: ServiceContext, values: Values) => Promise<void>;
  /** The same for many records at once (imports): one query per reference kind, errors by index. */
  checkReferencesMany?: (tx: Tx, ctx: ServiceContext, values: Values[]) => Promise<Map<number, FieldIssue[]>>;
  /**
   * The changes (each an activity + an outbox event) a write records, given the generic one. Return
   * it as is, split it (a deal's stage move is a `stage_change`), or add to it (a note also shows on
   * the timeline of the record it is on). Runs in the write's transaction.
   */
  afterWrite?: (w: WriteScope, written: Written) => Promise<Change[]> | Change[];
  /**
   * The rows that belong to a user, for owner-only visibility and "members edit what they own"
   * (lib/visibility.ts). Default: `owner_id` = the user when the table has one, else its creator.
   */
  ownedBy?: (userId: string) => SQL;
  /**
   * A row rule of the type itself, beside tenant scope and record permissions: rows the caller may
   * never see, whatever their role (a private saved view is its creator's alone). 404 like any other.
   */
  visibleTo?: (ctx: ServiceContext) => SQL;
  /** Who may change a visible row (a shared view: its creator and admins); throws 403. Runs on update, delete and restore. */
  mayChange?: (ctx: ServiceContext, existing: Row) => void;
}

/** An entity definition with its catalogue entry's names filled in. */
export function defineEntity(type: EntityType, def: Omit<EntityDef, 'type' | 'resource' | 'label' | 'plural'>): EntityDef {
  const entry = entityOf(type);
  if (!entry) throw new Error(`"${type}" is not in contracts/entities.ts`);
  return { type, resource: entry.resource, label: entry.label, plural: entry.plural, ...def };
}

/**
 * Tables of the entities made so far, by type: how lib/related.ts checks a relatedType/relatedId
 * without importing the registry (which imports the services that call it).
 */
const tables = new Map<string, CrmTable>();
const types = new Map<CrmTable, string>();
const rowRules = new Map<CrmTable, (ctx: ServiceContext) => SQL>();
export function tableOf(type: string): CrmTable | undefined {
  return tables.get(type);
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

/** A timeline entry as the API returns it, with the actor's name (join `user` on `activities.actorId`). */
export const activityColumns = {
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
};

export function crudService(def: EntityDef) {
  const t = def.table;
  tables.set(def.type, t);
  types.set(t, def.type);
  if (def.visibleTo) {
    rowRules.set(t, def.visibleTo);
    registerRowRule(def.type, { table: t, rule: def.visibleTo });
  }
  const ownerCol = (t as unknown as { ownerId?: PgColumn }).ownerId;
  const createdBy = (t as unknown as { createdBy: PgColumn }).createdBy;
  registerOwnership(def.type, { table: t, ownedBy: def.ownedBy ?? ((userId) => eq(ownerCol ?? createdBy, userId)) });
  // Tenant scope and the caller's visibility (lib/visibility.ts) together: every read and write of
  // one record goes through here, so a record the caller may not see is a 404 everywhere.
  const scope = (ctx: ServiceContext, id: string) => and(eq(t.id, id), eq(t.organizationId, ctx.orgId), readable(ctx, def.type), def.visibleTo?.(ctx));
  const newScope = (tx: Tx, ctx: ServiceContext): WriteScope => ({ tx, ctx, memo: new Map() });

  async function load(db: DbOrTx, ctx: ServiceContext, id: string, opts: { includeDeleted?: boolean; lock?: boolean } = {}) {
    const where = opts.includeDeleted ? scope(ctx, id) : and(scope(ctx, id), isNull(t.deletedAt));
    let q = db.select().from(t).where(where).$dynamic();
    if (opts.lock) q = q.for('update');
    const [row] = await q;
    if (!row) throw notFound(def.label);
    return row as Row;
  }

  /** The one presenter of every answer: bookkeeping columns out, fields hidden from the role out, then the entity's expand. */
  async function respond(ctx: ServiceContext, rows: Row[]): Promise<Row[]> {
    const { hidden } = await restricted(ctx);
    const shown = rows.map((r) => withoutHidden(present(r), hidden));
    return def.expand ? def.expand(ctx.db, ctx, shown) : shown;
  }
  /** Inside a transaction pass it: a second connection from the pool per write could starve it. */
  const restricted = async (ctx: ServiceContext, db: DbOrTx = ctx.db) => (ctx.role === 'owner' ? { hidden: [], readOnly: [] } : restrictedFields(await fieldRules(db, ctx.orgId), def.type, ctx.role));
  /** Fields the input names (a custom field as customFields.<key>), for the field-level write check. */
  const named = (input: unknown): Values => (input && typeof input === 'object' && !Array.isArray(input) ? (input as Values) : {});

  /** The change the generic path records for a write, passed through the entity's afterWrite. */
  async function record(w: WriteScope, written: Omit<Written, 'change'>, before?: Values | null, after?: Values | null) {
    const change: Change = { entityType: def.type, entityId: written.row.id, action: written.action, before, after };
    const changes = def.afterWrite ? await def.afterWrite(w, { ...written, change }) : [change];
    await recordChanges(w.tx, w.ctx.orgId, w.ctx.actor, changes);
  }

  const hasCustomFields = 'customFields' in t;
  /** Custom field values checked against the org's definitions; new tag names become tags. */
  async function applyOrgData(tx: Tx, ctx: ServiceContext, values: Values, existing?: Row, defs?: Definition[]) {
    if (hasCustomFields) {
      const resolved = await resolveCustomFields(tx, ctx, def.type, values.customFields as Values | undefined, existing ? ((existing.customFields as Values) ?? {}) : undefined, defs);
      if (resolved !== undefined) values.customFields = resolved;
    }
    if ('tags' in values) values.tags = await ensureTags(tx, ctx, values.tags);
  }

  /** prepare → validate → references → custom fields and tags: everything before a new row is inserted. */
  async function beforeInsert(w: WriteScope, parsed: Values): Promise<Values> {
    const values = def.prepare ? await def.prepare(w, { ...parsed }) : { ...parsed };
    def.validate?.(values);
    await def.checkReferences?.(w.tx, w.ctx, values);
    await applyOrgData(w.tx, w.ctx, values);
    return values;
  }

  /** The list fields plus customFields.<key> when the query names one. */
  async function listSpec(ctx: ServiceContext, query: ListQuery): Promise<ListSpec> {
    if (!hasCustomFields || !`${query.filter ?? ''}${query.sort ?? ''}`.includes('customFields.')) return def.list;
    const dynamic = await customFieldSpecs(ctx.db, ctx.orgId, def.type, (t as unknown as { customFields: unknown }).customFields);
    return { ...def.list, fields: { ...def.list.fields, ...dynamic } };
  }

  /**
   * Loads the row FOR UPDATE and checks the caller's If-Match against it. The lock is held until the
   * write commits, so a concurrent write with the same If-Match waits and then sees the new version:
   * check and update cannot interleave. Returns the row, or `stale` set when the precondition fails.
   */
  async function lockChecked(tx: Tx, ctx: ServiceContext, id: string, opts: WriteOptions) {
    const existing = await load(tx, ctx, id, { lock: true });
    const stale = opts.ifMatch !== undefined && !ifMatchSatisfied(opts.ifMatch, existing.version as number);
    return { existing, stale };
  }

  /** The 412 for a stale If-Match, carrying the record as it is now (read after the write's transaction ended). */
  async function staleError(ctx: ServiceContext, row: Row) {
    const [current] = await respond(ctx, [row]);
    return preconditionFailed(def.label, current);
  }

  /** An update of already-parsed values (the public update parses first; entity actions such as a board move call this). */
  async function updateValues(ctx: ServiceContext, id: string, parsed: Values, opts: WriteOptions = {}): Promise<Row> {
    requireRole(ctx, 'member');
    let stale = false;
    const row = await ctx.db.transaction(async (tx) => {
      const w = newScope(tx, ctx);
      const locked = await lockChecked(tx, ctx, id, opts);
      const existing = locked.existing;
      await assertMayEdit(tx, ctx, def.type, id, def.label);
      def.mayChange?.(ctx, existing);
      if ((stale = locked.stale)) return existing;
      const patch = def.prepare ? await def.prepare(w, { ...parsed }, existing) : { ...parsed };
      const computed = def.derived?.filter((k) => !(k in parsed)) ?? [];
      assertWritable((await restricted(ctx, tx)).readOnly, computed.length ? Object.fromEntries(Object.entries(patch).filter(([k]) => !computed.includes(k))) : patch, present(existing));
      def.validate?.({ ...existing, ...patch });
      await def.checkReferences?.(tx, ctx, patch);
      await applyOrgData(tx, ctx, patch, existing);
      const change = diff(present(existing), present({ ...existing, ...patch }));
      if (!change.changed) return existing;
      const [updated] = (await tx
        .update(t)
        .set({ ...patch, updatedAt: new Date(), version: nextVersion(t) } as never)
        .where(scope(ctx, id))
        .returning()) as Row[];
      await record(w, { action: 'updated', row: updated, existing }, change.before, change.after);
      return updated;
    });
    if (stale) throw await staleError(ctx, row);
    const [shown] = await respond(ctx, [row]);
    return shown;
  }

  /** A saved view's filter, search and sort under the query's own (the query's filter fields, q and sort win). */
  async function withSavedView(ctx: ServiceContext, query: ListQuery): Promise<ListQuery> {
    const [view] = await ctx.db
      .select()
      .from(savedViews)
      .where(and(eq(savedViews.id, query.viewId!), eq(savedViews.organizationId, ctx.orgId), eq(savedViews.resource, def.resource), isNull(savedViews.deletedAt), viewVisibleTo(ctx)));
    if (!view) throw fieldError('viewId', `no saved view of ${def.resource} with this id`);
    let own: Record<string, unknown> = {};
    if (query.filter) {
      try {
        own = JSON.parse(query.filter) as Record<string, unknown>;
      } catch {
        throw fieldError('filter', 'must be a JSON object, e.g. {"status":"customer"}');
      }
    }
    const filter = { ...view.filter, ...own };
    return { ...query, filter: Object.keys(filter).length ? JSON.stringify(filter) : undefined, q: query.q ?? view.q ?? undefined, sort: query.sort ?? view.sort ?? undefined };
  }

  const service = {
    def,

    /**
     * Checks a list filter and sort against this entity's fields (custom fields included) without
     * running the list: a saved view or a bulk action names them ahead of time. 400 with field paths.
     */
    async checkQuery(db: DbOrTx, ctx: ServiceContext, query: { filter?: Record<string, unknown>; sort?: string | null }) {
      const filter = query.filter && Object.keys(query.filter).length ? JSON.stringify(query.filter) : undefined;
      const spec = await listSpec({ ...ctx, db }, { filter, sort: query.sort ?? undefined, limit: 1 });
      filterConditions(spec, filter);
      if (query.sort) parseSort(spec, t.id, query.sort);
    },

    async list(ctx: ServiceContext, query: ListQuery): Promise<ListResult> {
      requireRole(ctx, 'viewer');
      assertPaging(query);
      const conds: SQL[] = [eq(t.organizationId, ctx.orgId)];
      const visible = readable(ctx, def.type);
      if (visible) conds.push(visible);
      if (def.visibleTo) conds.push(def.visibleTo(ctx));
      if (query.includeDeleted !== 'true') conds.push(isNull(t.deletedAt));
      if (query.viewId) query = await withSavedView(ctx, query);
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
      // Later pages reuse the first page's total (the count costs more than a page); only a node
      // that never served the first page counts again.
      const totalKey = `${ctx.orgId}\0${ctx.actor.userId ?? ''}\0${ctx.role}\0${def.type}\0${JSON.stringify([query.filter, q, query.view, query.includeDeleted])}`;
      const cached = query.cursor || query.offset ? recentTotals.get(totalKey) : undefined;
      const known = cached && cached.until > Date.now() ? cached.total : undefined;
      const [rows, total] = await Promise.all([pageQuery, known ?? countMatches(ctx.db, t, where)]);
      if (!known) rememberTotal(totalKey, total);
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
      const parsed = parseInput(def.createSchema, input) as Values;
      assertWritable((await restricted(ctx)).readOnly, named(input));
      const row = await ctx.db.transaction(async (tx) => {
        const w = newScope(tx, ctx);
        const values = await beforeInsert(w, parsed);
        const [created] = (await tx
          .insert(t)
          .values({ ...values, organizationId: ctx.orgId, createdBy: ctx.actor.userId } as never)
          .returning()) as Row[];
        await record(w, { action: 'created', row: created }, null, present(created));
        return created;
      });
      const [shown] = await respond(ctx, [row]);
      return shown;
    },

    /**
     * Bulk create (imports): each input gets the same parsing, hooks and reference checks as create;
     * the valid ones are written with their activities and events in one transaction.
     */
    async createMany(ctx: ServiceContext, inputs: unknown[]): Promise<CreateManyResult[]> {
      requireRole(ctx, 'member');
      const results: CreateManyResult[] = new Array(inputs.length);
      const parsed: { index: number; values: Values }[] = [];
      const { readOnly } = await restricted(ctx);
      for (const [index, input] of inputs.entries()) {
        const r = def.createSchema.safeParse(input);
        if (!r.success) {
          results[index] = { ok: false, errors: zodIssues(r.error) };
          continue;
        }
        try {
          assertWritable(readOnly, named(input));
        } catch (err) {
          results[index] = { ok: false, errors: ((err as AppError).details as FieldIssue[]) ?? [{ path: '', message: (err as Error).message }] };
          continue;
        }
        parsed.push({ index, values: r.data as Values });
      }
      await ctx.db.transaction(async (tx) => {
        const w = newScope(tx, ctx);
        // Hooks throw our own errors (never SQL ones) for a bad row, so the batch's transaction stays usable.
        const valid: typeof parsed = [];
        for (const p of parsed) {
          try {
            const values = def.prepare ? await def.prepare(w, { ...p.values }) : { ...p.values };
            def.validate?.(values);
            valid.push({ index: p.index, values });
          } catch (err) {
            results[p.index] = { ok: false, errors: issuesOf(err) };
          }
        }
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
        const changes: Change[] = [];
        for (const row of created) {
          const change: Change = { entityType: def.type, entityId: row.id, action: 'created', before: null, after: present(row) };
          changes.push(...(def.afterWrite ? await def.afterWrite(w, { action: 'created', row, change }) : [change]));
        }
        await recordChanges(tx, ctx.orgId, ctx.actor, changes);
        created.forEach((row, i) => (results[writable[i].index] = { ok: true, row: present(row) }));
      });
      return results;
    },

    async update(ctx: ServiceContext, id: string, input: unknown, opts: WriteOptions = {}): Promise<Row> {
      requireRole(ctx, 'member');
      return updateValues(ctx, id, parseInput(def.updateSchema, input) as Values, opts);
    },

    updateValues,

    /** Soft delete: the record disappears from lists and can be restored. */
    async remove(ctx: ServiceContext, id: string, opts: WriteOptions = {}): Promise<void> {
      requireRole(ctx, 'member');
      const stale = await ctx.db.transaction(async (tx) => {
        const { existing, stale } = await lockChecked(tx, ctx, id, opts);
        await assertMayEdit(tx, ctx, def.type, id, def.label);
        def.mayChange?.(ctx, existing);
        if (stale) return existing;
        const now = new Date();
        const [deleted] = (await tx.update(t).set({ deletedAt: now, updatedAt: now, version: nextVersion(t) } as never).where(scope(ctx, id)).returning()) as Row[];
        await record(newScope(tx, ctx), { action: 'deleted', row: deleted, existing }, { deletedAt: null }, { deletedAt: now.toISOString() });
        return undefined;
      });
      if (stale) throw await staleError(ctx, stale);
    },

    async restore(ctx: ServiceContext, id: string): Promise<Row> {
      requireRole(ctx, 'member');
      const row = await ctx.db.transaction(async (tx) => {
        const existing = await load(tx, ctx, id, { includeDeleted: true, lock: true });
        await assertMayEdit(tx, ctx, def.type, id, def.label);
        def.mayChange?.(ctx, existing);
        if (!existing.deletedAt) return existing;
        def.validate?.(existing);
        const [restored] = (await tx
          .update(t)
          .set({ deletedAt: null, updatedAt: new Date(), version: nextVersion(t) } as never)
          .where(scope(ctx, id))
          .returning()) as Row[];
        await record(newScope(tx, ctx), { action: 'restored', row: restored, existing }, { deletedAt: present(existing).deletedAt }, { deletedAt: null });
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
        .select(activityColumns)
        .from(activities)
        .leftJoin(user, eq(user.id, activities.actorId))
        .where(and(eq(activities.organizationId, ctx.orgId), eq(activities.entityType, def.type), eq(activities.entityId, id)))
        .orderBy(desc(activities.createdAt), desc(activities.id))
        .limit(limit);
      return rows.map(present) as unknown as Activity[];
    },

    /** Ids of `ids` that are live records of this entity in the caller's org. */
    async existing(db: DbOrTx, ctx: ServiceContext, ids: string[]): Promise<Set<string>> {
      return liveIds(db, ctx, t, ids);
    },
  };
  services.set(def.resource, service);
  return service;
}

// Services by resource, for code the registry itself imports (saved views check a filter against
// the list they are of); everyone else uses modules/registry.ts.
const services = new Map<string, unknown>();
export function serviceOfResource(resource: string): CrudService | undefined {
  return services.get(resource) as CrudService | undefined;
}

export type CrudService = ReturnType<typeof crudService>;

/**
 * What an entity's REST routes add to the generic ones, for an entity whose list or writes take more
 * than the conventions (events: `?from=&to=` occurrences, `?occurrence=` on PATCH/DELETE). Each
 * hook answers for the request or returns undefined to leave it to the generic route.
 */
export interface CrudRouteExtension {
  listQuery?: z.ZodObject;
  /** The list's item when the hook answers (documented beside the record schema). */
  listItemSchema?: z.ZodType;
  list?: (ctx: ServiceContext, query: Record<string, unknown>) => Promise<{ data: unknown[]; total: number; nextCursor: null } | undefined>;
  /** Query parameters of PATCH and DELETE on one record. */
  writeQuery?: z.ZodObject;
  update?: (ctx: ServiceContext, id: string, body: unknown, query: Record<string, unknown>, opts: WriteOptions) => Promise<{ row: Row; status: 200 | 201 } | undefined>;
  remove?: (ctx: ServiceContext, id: string, query: Record<string, unknown>, opts: WriteOptions) => Promise<boolean>;
  /** Body fields of POST and PATCH that steer the request, not the record (events: `notify`); taken off before the service sees the body. */
  writeFlags?: z.ZodObject;
  /** Called with those flags before the write (to refuse what cannot be done) and after it, with the written record. */
  beforeFlaggedWrite?: (ctx: ServiceContext, flags: Record<string, unknown>) => void;
  afterFlaggedWrite?: (ctx: ServiceContext, row: Row, flags: Record<string, unknown>) => Promise<void>;
}


/** Ids of `ids` that are live rows of table `t` in the caller's org that the caller may see (a reference to any other is a 400 on its field). */
export async function liveIds(db: DbOrTx, ctx: ServiceContext, t: CrmTable, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: t.id })
    .from(t)
    .where(and(eq(t.organizationId, ctx.orgId), inArray(t.id, ids), isNull(t.deletedAt), readable(ctx, types.get(t) ?? ''), rowRules.get(t)?.(ctx)));
  return new Set(rows.map((r) => r.id as string));
}

/** Totals of lists whose first page was served lately, for their later pages. */
const recentTotals = new Map<string, { total: { value: number; estimate: boolean }; until: number }>();
const TOTAL_TTL_MS = 30_000;
/**
 * A change of who may read what (record permissions) makes the organization's remembered totals
 * wrong: a member's later pages would show the org-wide total under owner-only. This node forgets
 * them at once; another node's expire within TOTAL_TTL_MS.
 */
export function forgetRecentTotals(orgId: string) {
  const prefix = `${orgId}\0`;
  for (const key of recentTotals.keys()) if (key.startsWith(prefix)) recentTotals.delete(key);
}
function rememberTotal(key: string, total: { value: number; estimate: boolean }) {
  if (recentTotals.size >= 10_000) recentTotals.clear();
  recentTotals.set(key, { total, until: Date.now() + TOTAL_TTL_MS });
}

async function countMatches(db: DbOrTx, t: CrmTable, where: SQL): Promise<{ value: number; estimate: boolean }> {
  const capped = db.select({ one: sql`1` }).from(t).where(where).limit(EXACT_COUNT_CAP + 1).as('capped');
  const [{ n }] = await db.select({ n: count() }).from(capped);
  if (n <= EXACT_COUNT_CAP) return { value: n, estimate: false };
  const plan = await db.execute(sql`explain (format json) select 1 from ${t} where ${where}`);
  const rows = (plan as unknown as { rows: { 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }[] }).rows;
  const estimated = Math.round(rows[0]?.['QUERY PLAN']?.[0]?.Plan?.['Plan Rows'] ?? n);
  return { value: Math.max(estimated, n), estimate: true };
}

/** A saved view is visible to its creator, and to everyone in its organization once shared. */
export function viewVisibleTo(ctx: ServiceContext): SQL {
  return sql`(${savedViews.visibility} = 'shared' or ${savedViews.createdBy} = ${ctx.actor.userId})`;
}
