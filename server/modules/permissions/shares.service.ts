// Explicit shares (Issue 14.4): a member who may change a record (its owner or assignee under
// "edit: own", anyone under "edit: all", admins) shares it with another member of the
// organization, to read or to edit. lib/visibility.ts counts a share as belonging, so under
// owner-only visibility the record appears for that member at once, on every read path. Each
// share and unshare is on the record's timeline (and in the outbox: realtime tells the member).
import { and, asc, eq, sql } from 'drizzle-orm';
import { ShareInputSchema, type Share } from '../../../contracts/permissions';
import { member, recordShares, user } from '../../db/schema';
import { recordChange } from '../../lib/audit';
import type { ServiceContext } from '../../lib/context';
import type { CrudService } from '../../lib/crud';
import { fieldError, notFound, parseInput } from '../../lib/errors';
import { requireRole } from '../../lib/roles';
import { assertMayEdit } from '../../lib/visibility';

export function sharesOf(service: CrudService) {
  const { def } = service;

  async function list(ctx: ServiceContext, id: string): Promise<Share[]> {
    await service.get(ctx, id); // 404 unless the caller can read the record
    const rows = await ctx.db
      .select({ userId: recordShares.userId, name: user.name, email: user.email, access: recordShares.access, createdBy: recordShares.createdBy, createdAt: recordShares.createdAt })
      .from(recordShares)
      .innerJoin(user, eq(user.id, recordShares.userId))
      .where(and(eq(recordShares.organizationId, ctx.orgId), eq(recordShares.entityType, def.type), eq(recordShares.entityId, id)))
      .orderBy(asc(user.name));
    return rows.map((r) => ({ ...r, access: r.access as Share['access'], createdAt: r.createdAt.toISOString() }));
  }

  /** Who may share: whoever may change the record. */
  async function mayShare(ctx: ServiceContext, id: string) {
    requireRole(ctx, 'member');
    await service.get(ctx, id);
    await assertMayEdit(ctx.db, ctx, def.type, id, def.label);
  }

  async function put(ctx: ServiceContext, id: string, userId: string, input: unknown): Promise<Share[]> {
    const { access } = parseInput(ShareInputSchema, input ?? {});
    await mayShare(ctx, id);
    const [m] = await ctx.db.select({ deactivatedAt: member.deactivatedAt }).from(member).where(and(eq(member.organizationId, ctx.orgId), eq(member.userId, userId)));
    if (!m) throw fieldError('userId', 'is not a member of this organization');
    if (m.deactivatedAt) throw fieldError('userId', 'is deactivated');
    if (userId === ctx.actor.userId) throw fieldError('userId', 'you cannot share a record with yourself');
    await ctx.db.transaction(async (tx) => {
      const [before] = await tx.select({ access: recordShares.access }).from(recordShares).where(and(eq(recordShares.organizationId, ctx.orgId), eq(recordShares.entityType, def.type), eq(recordShares.entityId, id), eq(recordShares.userId, userId)));
      if (before?.access === access) return; // the same share again changes nothing
      await tx
        .insert(recordShares)
        .values({ organizationId: ctx.orgId, entityType: def.type, entityId: id, userId, access, createdBy: ctx.actor.userId })
        .onConflictDoUpdate({ target: [recordShares.organizationId, recordShares.entityType, recordShares.entityId, recordShares.userId], set: { access: sql`excluded.access` } });
      await recordChange(tx, ctx.orgId, ctx.actor, { entityType: def.type, entityId: id, action: 'shared', before: before ? { userId, access: before.access } : null, after: { userId, access } });
    });
    return list(ctx, id);
  }

  async function remove(ctx: ServiceContext, id: string, userId: string): Promise<void> {
    await mayShare(ctx, id);
    await ctx.db.transaction(async (tx) => {
      const gone = await tx
        .delete(recordShares)
        .where(and(eq(recordShares.organizationId, ctx.orgId), eq(recordShares.entityType, def.type), eq(recordShares.entityId, id), eq(recordShares.userId, userId)))
        .returning({ access: recordShares.access });
      if (gone.length === 0) throw notFound('Share');
      await recordChange(tx, ctx.orgId, ctx.actor, { entityType: def.type, entityId: id, action: 'unshared', before: { userId, access: gone[0].access }, after: null });
    });
  }

  return { list, put, remove };
}
