// Reading and changing the organization's record permissions (table record_permissions). The rules
// themselves are applied by lib/visibility.ts on every read and write.
import { sql } from 'drizzle-orm';
import { ENTITIES, entityOfResource } from '../../../contracts/entities';
import { PermissionsInputSchema, type Permissions } from '../../../contracts/permissions';
import { recordPermissions } from '../../db/schema';
import type { ServiceContext } from '../../lib/context';
import { parseInput } from '../../lib/errors';
import { requireRole } from '../../lib/roles';
import { readPermissions } from '../../lib/visibility';

export async function getPermissions(ctx: ServiceContext): Promise<Permissions> {
  requireRole(ctx, 'viewer');
  const byType = await readPermissions(ctx.db, ctx.orgId);
  return Object.fromEntries(ENTITIES.map((e) => [e.resource, byType[e.type] ?? { read: 'all', edit: 'all' }])) as Permissions;
}

export async function putPermissions(ctx: ServiceContext, input: unknown): Promise<Permissions> {
  requireRole(ctx, 'admin');
  const parsed = parseInput(PermissionsInputSchema, input);
  const rows = Object.entries(parsed).map(([resource, p]) => ({ organizationId: ctx.orgId, recordType: entityOfResource(resource)!.type, read: p!.read, edit: p!.edit, updatedAt: new Date() }));
  if (rows.length) {
    await ctx.db
      .insert(recordPermissions)
      .values(rows)
      .onConflictDoUpdate({ target: [recordPermissions.organizationId, recordPermissions.recordType], set: { read: sql`excluded.read`, edit: sql`excluded.edit`, updatedAt: sql`excluded.updated_at` } });
  }
  return getPermissions(ctx);
}
