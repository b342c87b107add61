// Saved views (Issue 15.3) as a record type on the generic write path: REST, tools, timeline and undo
// come with it. What is theirs: a private view is its creator's alone (visibleTo), a shared one is
// changed by its creator or an admin (mayChange), and the filter and sort must fit the list they are
// of (checked against that resource's own fields, custom fields included).
import { eq, sql } from 'drizzle-orm';
import { VIEW_LAYOUTS, VIEW_RESOURCES, VIEW_VISIBILITIES, ViewCreateSchema, ViewSchema, ViewUpdateSchema } from '../../../contracts/views';
import { savedViews } from '../../db/schema';
import type { ServiceContext } from '../../lib/context';
import { crudService, defineEntity, serviceOfResource, viewVisibleTo } from '../../lib/crud';
import { AppError, forbidden } from '../../lib/errors';
import { hasRole } from '../../lib/roles';

const t = savedViews;

export const viewEntity = defineEntity('view', {
  table: t,
  createSchema: ViewCreateSchema,
  updateSchema: ViewUpdateSchema,
  itemSchema: ViewSchema,
  example: { name: 'Customers, newest first', resource: 'contacts', filter: { status: 'customer' }, sort: '-createdAt', columns: ['name', 'email', 'company', 'status'], layout: 'table', visibility: 'shared' },
  list: {
    defaultSort: 'name',
    fields: {
      id: { column: t.id, type: 'uuid' },
      name: { column: t.name, type: 'text' },
      resource: { column: t.resource, type: 'enum', values: VIEW_RESOURCES },
      layout: { column: t.layout, type: 'enum', values: VIEW_LAYOUTS },
      visibility: { column: t.visibility, type: 'enum', values: VIEW_VISIBILITIES },
      createdBy: { column: t.createdBy, type: 'text' },
      createdAt: { column: t.createdAt, type: 'date' },
      updatedAt: { column: t.updatedAt, type: 'date' },
    },
    search: (p) => sql`${t.name} ilike ${p}`,
  },
  // Record permissions' "own" for views is their creator (there is no owner field).
  ownedBy: (userId) => eq(t.createdBy, userId),
  visibleTo: (ctx: ServiceContext) => viewVisibleTo(ctx),
  mayChange: (ctx, existing) => {
    if (existing.createdBy === ctx.actor.userId || hasRole(ctx.role, 'admin')) return;
    throw forbidden('Only the person who made a shared view, or an admin, can change it.');
  },
  // The filter and sort are checked against the list the view is of, so applying it never fails on a field.
  prepare: async (w, values, existing) => {
    if (values.resource === undefined && values.filter === undefined && values.sort === undefined) return values;
    const resource = String(values.resource ?? existing?.resource);
    const target = serviceOfResource(resource);
    if (!target) throw new AppError(400, 'validation_error', `resource: no list "${resource}"`, [{ path: 'resource', message: `no list "${resource}"` }]);
    const filter = (values.filter ?? existing?.filter ?? {}) as Record<string, unknown>;
    const sort = (values.sort !== undefined ? values.sort : existing?.sort) as string | null;
    await target.checkQuery(w.tx, w.ctx, { filter, sort });
    return values;
  },
});

export const viewService = crudService(viewEntity);

/** The views of one resource the caller sees (their own and the shared ones), by name. */
export async function viewsOf(ctx: ServiceContext, resource: string) {
  return viewService.list(ctx, { limit: 200, filter: JSON.stringify({ resource }), sort: 'name' });
}
