// Undo a change from a record's timeline by applying its inverse through the same service (so the
// undo is itself checked, audited and evented). Refused when the record changed since.
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { activities } from '../db/schema';
import type { ServiceContext } from '../lib/context';
import { present } from '../lib/crud';
import { AppError, conflict, notFound } from '../lib/errors';
import { requireRole } from '../lib/roles';
import { entityOf, hasCapability } from '../../contracts/entities';
import { serviceForType } from '../modules/registry';

/**
 * The part of a change's "before" that an update accepts. The rest was derived by the write path
 * (a task's completedAt follows its status, a deal's closedAt its stage) and is derived again.
 */
function writable(schema: z.ZodType, before: Record<string, unknown>) {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.fromEntries(Object.entries(before).filter(([k]) => k in shape)) : before;
}

export async function undoActivity(ctx: ServiceContext, activityId: string) {
  requireRole(ctx, 'member');
  const [a] = await ctx.db.select().from(activities).where(and(eq(activities.id, activityId), eq(activities.organizationId, ctx.orgId)));
  if (!a) throw notFound('Activity');
  const entry = entityOf(a.entityType);
  const service = entry && hasCapability(entry, 'undo') ? serviceForType(a.entityType) : undefined;
  if (!service) throw new AppError(400, 'not_undoable', `Changes to ${a.entityType} records cannot be undone here`);
  switch (a.action) {
    case 'created':
    case 'restored':
      await service.remove(ctx, a.entityId);
      return { undone: a.action, entityType: a.entityType, entityId: a.entityId };
    case 'deleted':
      await service.restore(ctx, a.entityId);
      return { undone: a.action, entityType: a.entityType, entityId: a.entityId };
    case 'updated': {
      const current = present(await service.get(ctx, a.entityId));
      const after = a.after ?? {};
      const drifted = Object.keys(after).filter((k) => JSON.stringify(current[k] ?? null) !== JSON.stringify(after[k] ?? null));
      if (drifted.length) throw conflict(`The record changed since (${drifted.join(', ')}); undo the later change first`);
      await service.update(ctx, a.entityId, writable(service.def.updateSchema, a.before ?? {}));
      return { undone: a.action, entityType: a.entityType, entityId: a.entityId };
    }
    default:
      throw new AppError(400, 'not_undoable', `A "${a.action}" cannot be undone`);
  }
}
