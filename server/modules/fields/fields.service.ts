// Admin-defined data: custom field definitions per entity, and the org's colored tags.
import { and, count, eq, isNull, sql } from 'drizzle-orm';
import { CustomFieldCreateSchema, CustomFieldUpdateSchema, TagInputSchema, type CustomField } from '../../../contracts/custom-fields';
import type { DbOrTx, Tx } from '../../db/client';
import { customFieldDefinitions, tags } from '../../db/schema';
import { recordChange, recordChanges } from '../../lib/audit';
import type { ServiceContext } from '../../lib/context';
import type { CrudService } from '../../lib/crud';
import { definitionsFor } from '../../lib/custom-fields';
import { conflict, fieldError, notFound, parseInput } from '../../lib/errors';
import { requireRole } from '../../lib/roles';

type Def = typeof customFieldDefinitions.$inferSelect;
const presentField = (d: Def): CustomField => ({ id: d.id, entity: d.entity as CustomField['entity'], key: d.key, label: d.label, type: d.type as CustomField['type'], required: d.required, options: d.options ?? null, position: d.position, archivedAt: d.archivedAt?.toISOString() ?? null });

export const keyFromLabel = (label: string) =>
  (label.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').replace(/^(\d)/, 'f_$1') || 'field').slice(0, 63);

export const customFieldService = {
  async list(ctx: ServiceContext, entity: string, includeArchived: boolean) {
    requireRole(ctx, 'viewer');
    return (await definitionsFor(ctx.db, ctx.orgId, entity, includeArchived)).map(presentField);
  },

  async create(ctx: ServiceContext, input: unknown) {
    requireRole(ctx, 'admin');
    const i = parseInput(CustomFieldCreateSchema, input);
    const key = i.key ?? keyFromLabel(i.label);
    return ctx.db.transaction(async (tx) => {
      const [taken] = await tx.select({ id: customFieldDefinitions.id }).from(customFieldDefinitions).where(and(eq(customFieldDefinitions.organizationId, ctx.orgId), eq(customFieldDefinitions.entity, i.entity), eq(customFieldDefinitions.key, key)));
      if (taken) throw conflict(`A ${i.entity} field with the key "${key}" already exists (archived fields keep their key)`, [{ path: 'key', message: 'already used' }]);
      const [{ n }] = await tx.select({ n: count() }).from(customFieldDefinitions).where(and(eq(customFieldDefinitions.organizationId, ctx.orgId), eq(customFieldDefinitions.entity, i.entity)));
      const [d] = await tx.insert(customFieldDefinitions).values({ organizationId: ctx.orgId, entity: i.entity, key, label: i.label, type: i.type, required: i.required, options: i.options ?? null, position: n }).returning();
      await recordChange(tx, ctx.orgId, ctx.actor, { entityType: 'custom_field', entityId: d.id, action: 'created', after: presentField(d) });
      return presentField(d);
    });
  },

  async update(ctx: ServiceContext, id: string, input: unknown) {
    requireRole(ctx, 'admin');
    const i = parseInput(CustomFieldUpdateSchema, input);
    return ctx.db.transaction(async (tx) => {
      const [d] = await tx.select().from(customFieldDefinitions).where(and(eq(customFieldDefinitions.id, id), eq(customFieldDefinitions.organizationId, ctx.orgId)));
      if (!d) throw notFound('Custom field');
      if (i.options && !['select', 'multi_select'].includes(d.type)) throw fieldError('options', 'only select fields have options');
      const [u] = await tx.update(customFieldDefinitions).set({ ...i, updatedAt: new Date() }).where(eq(customFieldDefinitions.id, id)).returning();
      await recordChange(tx, ctx.orgId, ctx.actor, { entityType: 'custom_field', entityId: id, action: 'updated', before: presentField(d), after: presentField(u) });
      return presentField(u);
    });
  },

  /** Archived, not deleted: the values stay on the records and the field can be shown again. */
  async archive(ctx: ServiceContext, id: string) {
    requireRole(ctx, 'admin');
    await ctx.db.transaction(async (tx) => {
      const [d] = await tx.update(customFieldDefinitions).set({ archivedAt: new Date(), updatedAt: new Date() }).where(and(eq(customFieldDefinitions.id, id), eq(customFieldDefinitions.organizationId, ctx.orgId), isNull(customFieldDefinitions.archivedAt))).returning();
      if (!d) throw notFound('Custom field');
      await recordChange(tx, ctx.orgId, ctx.actor, { entityType: 'custom_field', entityId: id, action: 'archived', before: { label: d.label } });
    });
  },
};

/** Tables whose records carry tags, from the registry. */
const tagged = (services: CrudService[]) => services.filter((s) => 'tags' in s.def.table);

/**
 * Rewrites one tag on every record that carries it, in bulk, and still leaves each record its
 * activity and outbox event (so its timeline, the search index and later consumers see the change).
 */
async function retag(tx: Tx, ctx: ServiceContext, services: CrudService[], from: string, to: string | null) {
  for (const s of tagged(services)) {
    const change = to === null ? sql`array_remove(tags, ${from})` : sql`array_replace(tags, ${from}, ${to})`;
    const r = await tx.execute(sql`update ${s.def.table} set tags = ${change}, updated_at = now()
      where organization_id = ${ctx.orgId} and ${from} = any(tags) returning id, tags`);
    const rows = (r as unknown as { rows: { id: string; tags: string[] }[] }).rows;
    await recordChanges(tx, ctx.orgId, ctx.actor, rows.map((row) => ({
      entityType: s.def.type,
      entityId: row.id,
      action: 'updated',
      before: { tags: to === null ? [...row.tags, from] : row.tags.map((t) => (t === to ? from : t)) },
      after: { tags: row.tags },
    })));
  }
}

export function tagService(services: CrudService[]) {
  async function loadTag(db: DbOrTx, ctx: ServiceContext, id: string) {
    const [t] = await db.select().from(tags).where(and(eq(tags.id, id), eq(tags.organizationId, ctx.orgId)));
    if (!t) throw notFound('Tag');
    return t;
  }
  return {
    async list(ctx: ServiceContext) {
      requireRole(ctx, 'viewer');
      const usage = sql.join(
        tagged(services).map((s) => sql`select unnest(tags) as name from ${s.def.table} where organization_id = ${ctx.orgId} and deleted_at is null`),
        sql` union all `,
      );
      const rows = await ctx.db.execute(sql`
        select t.id, t.name, t.color, coalesce(u.n, 0)::int as count
        from tags t left join (select lower(name) as name, count(*) as n from (${usage}) all_tags group by 1) u on u.name = lower(t.name)
        where t.organization_id = ${ctx.orgId} order by lower(t.name)`);
      return (rows as unknown as { rows: { id: string; name: string; color: string; count: number }[] }).rows;
    },

    async create(ctx: ServiceContext, input: unknown) {
      requireRole(ctx, 'member');
      const i = parseInput(TagInputSchema, input);
      return ctx.db.transaction(async (tx) => {
        const [t] = await tx.insert(tags).values({ organizationId: ctx.orgId, name: i.name, ...(i.color ? { color: i.color } : {}) }).returning();
        await recordChange(tx, ctx.orgId, ctx.actor, { entityType: 'tag', entityId: t.id, action: 'created', after: { name: t.name, color: t.color } });
        return { id: t.id, name: t.name, color: t.color, count: 0 };
      });
    },

    /** Renaming rewrites the name on every record that carries it, in one transaction. */
    async update(ctx: ServiceContext, id: string, input: unknown) {
      requireRole(ctx, 'member');
      const i = parseInput(TagInputSchema.partial(), input);
      return ctx.db.transaction(async (tx) => {
        const t = await loadTag(tx, ctx, id);
        if (i.name && i.name !== t.name) await retag(tx, ctx, services, t.name, i.name);
        const [u] = await tx.update(tags).set({ ...(i.name ? { name: i.name } : {}), ...(i.color ? { color: i.color } : {}) }).where(eq(tags.id, id)).returning();
        await recordChange(tx, ctx.orgId, ctx.actor, { entityType: 'tag', entityId: id, action: 'updated', before: { name: t.name, color: t.color }, after: { name: u.name, color: u.color } });
        return { id: u.id, name: u.name, color: u.color, count: 0 };
      });
    },

    async remove(ctx: ServiceContext, id: string) {
      requireRole(ctx, 'admin');
      await ctx.db.transaction(async (tx) => {
        const t = await loadTag(tx, ctx, id);
        await retag(tx, ctx, services, t.name, null);
        await tx.delete(tags).where(eq(tags.id, id));
        await recordChange(tx, ctx.orgId, ctx.actor, { entityType: 'tag', entityId: id, action: 'deleted', before: { name: t.name } });
      });
    },
  };
}
