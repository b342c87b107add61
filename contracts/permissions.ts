// Record permissions (Issue 14): per record type, who reads (everyone in the organization, or only
// the users a record belongs to plus admins and owners) and which records members may edit.
import { z } from 'zod';
import { ENTITIES, type EntityResource } from './entities';

export const ACCESS = ['all', 'own'] as const;
export const AccessSchema = z.enum(ACCESS);

export const TypePermissionsSchema = z
  .object({
    read: AccessSchema.describe('all: everyone in the organization; own: its owner, assignees and project assignees, and admins/owners'),
    edit: AccessSchema.describe('Members edit all records they can see (all), or only those they own or are assigned to (own)'),
  })
  .strict();
export type TypePermissions = z.infer<typeof TypePermissionsSchema>;

const shape = Object.fromEntries(ENTITIES.map((e) => [e.resource, TypePermissionsSchema])) as Record<EntityResource, typeof TypePermissionsSchema>;

/** Every record type by its resource name: `{ "contacts": { "read": "all", "edit": "own" }, … }`. */
export const PermissionsSchema = z.object(shape);
export type Permissions = z.infer<typeof PermissionsSchema>;

/** PUT body: the types to change; types left out keep their setting. */
export const PermissionsInputSchema = z.object(shape).partial().strict();
export type PermissionsInput = z.infer<typeof PermissionsInputSchema>;
