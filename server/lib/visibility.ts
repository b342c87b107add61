// Record visibility and member edit rights (Issue 14), in one place. Per organization and record
// type, `record_permissions` says read all|own and edit all|own (no row: all). With read = own a
// record is visible to the users it belongs to (its owner, assignees, project assignees — each
// entity's `ownedBy`), to the members it is explicitly shared with (`record_shares`: read, or
// edit), and to admins and owners. Every read goes through `readable()`: the CRUD
// list/get/reference checks, search and snippets, the activity feed, reports and realtime.
import { eq, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/client';
import { recordPermissions, recordShares } from '../db/schema';
import type { ServiceContext } from './context';
import { forbidden } from './errors';
import { hasRole } from './roles';

export type Access = 'all' | 'own';
export interface TypePermissions {
  read: Access;
  edit: Access;
}

type Owned = { table: PgTable & { id: PgColumn }; ownedBy: (userId: string) => SQL };
const owners = new Map<string, Owned>();

/** Called by crudService for each entity: how to tell the rows that belong to a user. */
export function registerOwnership(type: string, owned: Owned) {
  owners.set(type, owned);
}

/**
 * A record type's own row rule (EntityDef.visibleTo: a private saved view is its creator's alone).
 * Unlike the settings above it holds for admins too; the references below apply it, so the
 * activity feed, search and realtime say nothing about such a row either.
 */
type RowRule = { table: PgTable & { id: PgColumn }; rule: (ctx: ServiceContext) => SQL };
const rowRules = new Map<string, RowRule>();
export function registerRowRule(type: string, r: RowRule) {
  rowRules.set(type, r);
}

function rowRuleRefs(ctx: ServiceContext, typeCol: SQL | PgColumn, idCol: SQL | PgColumn): SQL[] {
  return [...rowRules.entries()].map(
    ([type, r]) => sql`not (${typeCol} = ${type} and not exists (select 1 from ${r.table} where ${r.table.id} = (case when ${typeCol} = ${type} then ${idCol}::uuid end) and ${r.rule(ctx)}))`,
  );
}

/** Types that take part (every CRUD entity). */
export function permissionTypes(): string[] {
  return [...owners.keys()];
}

/** Admins and owners see and edit everything; API keys and the assistant act as their user's role. */
function unrestricted(ctx: ServiceContext) {
  return hasRole(ctx.role, 'admin') || ctx.actor.type === 'system';
}

/**
 * SQL, correlated to the row of `o.table`: the record belongs to the caller (its `ownedBy`) or is
 * shared with them — for reading, any share; for editing, a share with edit access.
 */
function belongs(ctx: ServiceContext, type: string, o: Owned, what: 'read' | 'edit'): SQL {
  const access = what === 'edit' ? sql` and ${recordShares.access} = 'edit'` : sql``;
  return sql`(${o.ownedBy(ctx.actor.userId)} or exists (select 1 from ${recordShares} where ${recordShares.organizationId} = ${ctx.orgId} and ${recordShares.entityType} = ${type} and ${recordShares.entityId} = ${o.table.id} and ${recordShares.userId} = ${ctx.actor.userId}${access}))`;
}

/** SQL: this org's setting for `type` says `what` = own. Uncorrelated, so PostgreSQL evaluates it once per query. */
function isOwnOnly(ctx: ServiceContext, type: string, what: 'read' | 'edit'): SQL {
  const col = what === 'read' ? sql.raw('"read"') : sql.raw('"edit"');
  return sql`exists (select 1 from ${recordPermissions} where ${recordPermissions.organizationId} = ${ctx.orgId} and ${recordPermissions.recordType} = ${type} and ${col} = 'own')`;
}

/**
 * The condition a row of `type` must meet for the caller to read it (undefined: no restriction).
 * Added beside the tenant scope wherever rows of that type are read.
 */
export function readable(ctx: ServiceContext, type: string): SQL | undefined {
  if (unrestricted(ctx)) return undefined;
  const o = owners.get(type);
  if (!o) return undefined;
  return sql`(not ${isOwnOnly(ctx, type, 'read')} or ${belongs(ctx, type, o, 'read')})`;
}

/**
 * For rows that point at records by (entity_type, entity_id) — search documents, chunks,
 * activities, outbox events: true when the record pointed at is readable by the caller. The id
 * column may be text (activities); it is cast only for the type it belongs to (CASE keeps the
 * cast from running on another type's id) and then matches the table's primary key.
 */
export function readableRef(ctx: ServiceContext, typeCol: SQL | PgColumn, idCol: SQL | PgColumn): SQL | undefined {
  const rules = rowRuleRefs(ctx, typeCol, idCol);
  if (unrestricted(ctx)) return rules.length ? sql`(${sql.join(rules, sql` and `)})` : undefined;
  const parts = [...rules, ...[...owners.entries()].map(
    ([type, o]) =>
      sql`not (${typeCol} = ${type} and ${isOwnOnly(ctx, type, 'read')} and not exists (select 1 from ${o.table} where ${o.table.id} = (case when ${typeCol} = ${type} then ${idCol}::uuid end) and ${belongs(ctx, type, o, 'read')}))`,
  )];
  return parts.length ? sql`(${sql.join(parts, sql` and `)})` : undefined;
}

/** Members under edit = own may change only records that belong to them: 403 otherwise (the record is readable, so no leak). */
export async function assertMayEdit(db: DbOrTx, ctx: ServiceContext, type: string, id: string, label: string) {
  if (unrestricted(ctx)) return;
  const o = owners.get(type);
  if (!o) return;
  const rows = await db.execute(
    sql`select ${isOwnOnly(ctx, type, 'edit')} as own_only, exists (select 1 from ${o.table} where ${o.table.id} = ${id} and ${belongs(ctx, type, o, 'edit')}) as mine`,
  );
  const [r] = (rows as unknown as { rows: { own_only: boolean; mine: boolean }[] }).rows;
  if (r?.own_only && !r.mine) throw forbidden(`Members may edit only the ${label.toLowerCase()} records they own, are assigned to or that are shared with them to edit.`);
}

/** The organization's settings, every type present (missing: all/all). */
export async function readPermissions(db: DbOrTx, orgId: string): Promise<Record<string, TypePermissions>> {
  const rows = await db.select().from(recordPermissions).where(eq(recordPermissions.organizationId, orgId));
  const out: Record<string, TypePermissions> = {};
  for (const type of permissionTypes()) out[type] = { read: 'all', edit: 'all' };
  for (const r of rows) if (out[r.recordType]) out[r.recordType] = { read: r.read as Access, edit: r.edit as Access };
  return out;
}

/** `readable` for a query that names the table by an alias: the row whose id is `idExpr` is readable. */
export function readableId(ctx: ServiceContext, type: string, idExpr: SQL): SQL | undefined {
  const r = rowRules.get(type);
  const rule = r ? sql`exists (select 1 from ${r.table} where ${r.table.id} = ${idExpr} and ${r.rule(ctx)})` : undefined;
  const o = owners.get(type);
  if (unrestricted(ctx) || !o) return rule;
  const own = sql`(not ${isOwnOnly(ctx, type, 'read')} or exists (select 1 from ${o.table} where ${o.table.id} = ${idExpr} and ${belongs(ctx, type, o, 'read')}))`;
  return rule ? sql`(${rule} and ${own})` : own;
}

/** One record, by type and id: may the caller read it? (Realtime checks each change it would send.) */
export async function canRead(db: DbOrTx, ctx: ServiceContext, type: string, id: string): Promise<boolean> {
  // A notification is its recipient's alone, whatever the role (admins included).
  if (type === 'notification') {
    const r = (await db.execute(sql`select exists (select 1 from notifications where id = ${id}::uuid and organization_id = ${ctx.orgId} and user_id = ${ctx.actor.userId}) as ok`)) as unknown as { rows: { ok: boolean }[] };
    return Boolean(r.rows[0]?.ok);
  }
  const cond = readableId(ctx, type, sql`${id}::uuid`);
  if (!cond) return true;
  const r = (await db.execute(sql`select ${cond} as ok`)) as unknown as { rows: { ok: boolean }[] };
  return Boolean(r.rows[0]?.ok);
}
