// Record permissions (Issue 14): per record type, who reads (everyone in the organization, or only
// the users a record belongs to plus admins and owners) and which records members may edit.
import { z } from 'zod';
import { ENTITIES, type EntityResource } from './entities';

export const ACCESS = ['all', 'own'] as const;
export const AccessSchema = z.enum(ACCESS);

/** Field-level access for one role: visible (no restriction), read_only (a change is a 403) or hidden (left out of every response). */
export const FIELD_ACCESS = ['visible', 'read_only', 'hidden'] as const;
export const FieldAccessSchema = z.enum(FIELD_ACCESS);
export type FieldAccess = z.infer<typeof FieldAccessSchema>;
/** Roles a field rule can restrict; owners always see and change everything. */
export const FIELD_RULE_ROLES = ['admin', 'member', 'viewer'] as const;

export const FieldRuleSchema = z
  .object(Object.fromEntries(FIELD_RULE_ROLES.map((r) => [r, FieldAccessSchema.optional()])) as Record<(typeof FIELD_RULE_ROLES)[number], z.ZodOptional<typeof FieldAccessSchema>>)
  .strict()
  .describe('Access per role; roles left out are visible');
/** Field name (`amount`, or `customFields.salary`) → access per role. */
export const FieldRulesSchema = z.record(z.string().min(1).max(200), FieldRuleSchema);

const readAccess = AccessSchema.describe('all: everyone in the organization; own: its owner, assignees and project assignees, and admins/owners');
const editAccess = AccessSchema.describe('Members edit all records they can see (all), or only those they own or are assigned to (own)');

export const TypePermissionsSchema = z
  .object({
    read: readAccess,
    edit: editAccess,
    fields: FieldRulesSchema.describe('Fields restricted per role (hidden fields are absent from responses, exports, the assistant and webhooks; read-only ones refuse a change with 403). Only restricted fields are listed.'),
  })
  .strict();
export type TypePermissions = z.infer<typeof TypePermissionsSchema>;

/** PUT per type: what is sent changes; `fields`, when sent, replaces the type's field rules. */
export const TypePermissionsInputSchema = z
  .object({ read: readAccess.optional(), edit: editAccess.optional(), fields: FieldRulesSchema.optional() })
  .strict()
  .refine((p) => (p.read === undefined) === (p.edit === undefined), { message: 'read and edit are set together', path: ['edit'] });

const shape = Object.fromEntries(ENTITIES.map((e) => [e.resource, TypePermissionsSchema])) as Record<EntityResource, typeof TypePermissionsSchema>;
const inputShape = Object.fromEntries(ENTITIES.map((e) => [e.resource, TypePermissionsInputSchema])) as Record<EntityResource, typeof TypePermissionsInputSchema>;

/** Every record type by its resource name: `{ "contacts": { "read": "all", "edit": "own", "fields": {} }, … }`. */
export const PermissionsSchema = z.object(shape);
export type Permissions = z.infer<typeof PermissionsSchema>;

/** PUT body: the types to change; types left out keep their setting. */
export const PermissionsInputSchema = z.object(inputShape).partial().strict();
export type PermissionsInput = z.infer<typeof PermissionsInputSchema>;

/** A field a rule may name: `amount`, or `customFields.salary` with its definition's label. */
export const RestrictableFieldSchema = z.object({ field: z.string(), label: z.string(), custom: z.boolean() });
export type RestrictableField = z.infer<typeof RestrictableFieldSchema>;
const fieldsShape = Object.fromEntries(ENTITIES.map((e) => [e.resource, z.array(RestrictableFieldSchema)])) as Record<EntityResource, z.ZodArray<typeof RestrictableFieldSchema>>;
/** GET /settings/permissions/fields: per record type, the fields field rules can restrict. */
export const RestrictableFieldsSchema = z.object(fieldsShape);
export type RestrictableFields = z.infer<typeof RestrictableFieldsSchema>;

/** Explicit shares (Issue 14.4): one record visible to one more member, to read or to edit. */
export const SHARE_ACCESS = ['read', 'edit'] as const;
export const ShareInputSchema = z.object({ access: z.enum(SHARE_ACCESS).default('read').describe('read: the member sees the record; edit: and may change it (members only; viewers never edit)') }).strict();
export const ShareSchema = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  access: z.enum(SHARE_ACCESS),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type Share = z.infer<typeof ShareSchema>;
export const ShareParamsSchema = z.object({ id: z.uuid({ message: 'must be a UUID' }), userId: z.string().min(1) });
