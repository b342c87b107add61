// Reading and changing the organization's record permissions (tables record_permissions and
// field_permissions). The rules themselves are applied by lib/visibility.ts (rows) and
// lib/field-permissions.ts (fields) on every read and write.
import { and, eq, sql } from 'drizzle-orm';
import { getTableColumns } from 'drizzle-orm';
import { ENTITIES, entityOfResource } from '../../../contracts/entities';
import { FIELD_RULE_ROLES, PermissionsInputSchema, type Permissions, type RestrictableField, type RestrictableFields } from '../../../contracts/permissions';
import { customFieldDefinitions, fieldPermissions, recordPermissions } from '../../db/schema';
import type { ServiceContext } from '../../lib/context';
import { badRequest, parseInput, type FieldIssue } from '../../lib/errors';
import { fieldRules, forgetFieldRules } from '../../lib/field-permissions';
import { requireRole } from '../../lib/roles';
import { readPermissions } from '../../lib/visibility';
import { serviceForType } from '../registry';

// Bookkeeping columns every record has; restricting them would break lists, ETags and undo.
const FIXED = new Set(['id', 'organizationId', 'searchText', 'createdAt', 'updatedAt', 'version', 'deletedAt', 'createdBy', 'customFields']);

export async function getPermissions(ctx: ServiceContext): Promise<Permissions> {
  requireRole(ctx, 'viewer');
  const [byType, fields] = await Promise.all([readPermissions(ctx.db, ctx.orgId), fieldRules(ctx.db, ctx.orgId)]);
  return Object.fromEntries(ENTITIES.map((e) => [e.resource, { ...(byType[e.type] ?? { read: 'all', edit: 'all' }), fields: fields[e.type] ?? {} }])) as Permissions;
}

/** The fields of a record type a rule may name: its own columns, and customFields.<key> of the org's definitions. */
async function restrictable(ctx: ServiceContext, type: string): Promise<RestrictableField[]> {
  const service = serviceForType(type);
  const own = service ? Object.keys(getTableColumns(service.def.table)).filter((k) => !FIXED.has(k)) : [];
  const custom = await ctx.db
    .select({ key: customFieldDefinitions.key, label: customFieldDefinitions.label })
    .from(customFieldDefinitions)
    .where(and(eq(customFieldDefinitions.organizationId, ctx.orgId), eq(customFieldDefinitions.entity, type)));
  return [...own.map((f) => ({ field: f, label: labelOf(f), custom: false })), ...custom.map((c) => ({ field: `customFields.${c.key}`, label: c.label, custom: true }))];
}

const restrictableFields = async (ctx: ServiceContext, type: string) => new Set((await restrictable(ctx, type)).map((f) => f.field));

/** "expectedCloseDate" → "Expected close date"; an "…Id" reference reads as its record ("ownerId" → "Owner"). */
function labelOf(field: string): string {
  const words = field.replace(/Id$/, '').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Per record type, the fields an admin can hide or make read-only (what the Permissions page offers). */
export async function getRestrictableFields(ctx: ServiceContext): Promise<RestrictableFields> {
  requireRole(ctx, 'viewer');
  return Object.fromEntries(await Promise.all(ENTITIES.map(async (e) => [e.resource, await restrictable(ctx, e.type)] as const))) as RestrictableFields;
}

export async function putPermissions(ctx: ServiceContext, input: unknown): Promise<Permissions> {
  requireRole(ctx, 'admin');
  const parsed = parseInput(PermissionsInputSchema, input);
  const current = await readPermissions(ctx.db, ctx.orgId);
  // Every named field must exist on its type: a typo would otherwise protect nothing, silently.
  const issues: FieldIssue[] = [];
  for (const [resource, p] of Object.entries(parsed)) {
    if (!p?.fields) continue;
    const type = entityOfResource(resource)!.type;
    const known = await restrictableFields(ctx, type);
    for (const field of Object.keys(p.fields)) if (!known.has(field)) issues.push({ path: `${resource}.fields.${field}`, message: `unknown field; use one of: ${[...known].sort().join(', ')}` });
  }
  if (issues.length) throw badRequest('Unknown fields in the field rules', issues);

  await ctx.db.transaction(async (tx) => {
    const rows = Object.entries(parsed)
      .filter(([, p]) => p?.read || p?.edit)
      .map(([resource, p]) => {
        const type = entityOfResource(resource)!.type;
        return { organizationId: ctx.orgId, recordType: type, read: p!.read ?? current[type]?.read ?? 'all', edit: p!.edit ?? current[type]?.edit ?? 'all', updatedAt: new Date() };
      });
    if (rows.length) {
      await tx
        .insert(recordPermissions)
        .values(rows)
        .onConflictDoUpdate({ target: [recordPermissions.organizationId, recordPermissions.recordType], set: { read: sql`excluded.read`, edit: sql`excluded.edit`, updatedAt: sql`excluded.updated_at` } });
    }
    for (const [resource, p] of Object.entries(parsed)) {
      if (!p?.fields) continue;
      const type = entityOfResource(resource)!.type;
      await tx.delete(fieldPermissions).where(and(eq(fieldPermissions.organizationId, ctx.orgId), eq(fieldPermissions.recordType, type)));
      const restricted = Object.entries(p.fields).flatMap(([field, byRole]) =>
        FIELD_RULE_ROLES.flatMap((role) => (byRole[role] && byRole[role] !== 'visible' ? [{ organizationId: ctx.orgId, recordType: type, field, role, access: byRole[role]! }] : [])),
      );
      if (restricted.length) await tx.insert(fieldPermissions).values(restricted);
    }
  });
  forgetFieldRules(ctx.orgId);
  return getPermissions(ctx);
}
