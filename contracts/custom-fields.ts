import { z } from 'zod';
import { CUSTOM_FIELD_ENTITIES } from './entities';

export const CUSTOM_FIELD_TYPES = ['text', 'long_text', 'number', 'currency', 'date', 'boolean', 'select', 'multi_select', 'url', 'email'] as const;
/** Record types with the customFields capability (contracts/entities.ts). */
export { CUSTOM_FIELD_ENTITIES };
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

const KEY = /^[a-z][a-z0-9_]{0,62}$/;

/** On a record: custom field values by key (validated against the organization's definitions). */
export const CustomFieldValuesSchema = z
  .record(z.string().regex(KEY, 'must be a custom field key'), z.unknown())
  .describe('Custom field values by field key (see GET /api/v1/custom-fields)');

const Options = z.array(z.string().trim().min(1).max(100)).min(1).max(200);

export const CustomFieldCreateSchema = z
  .strictObject({
    entity: z.enum(CUSTOM_FIELD_ENTITIES),
    label: z.string().trim().min(1, 'Label is required').max(100),
    key: z.string().regex(KEY, 'lowercase letters, digits and _ ; starts with a letter').optional(),
    type: z.enum(CUSTOM_FIELD_TYPES),
    required: z.boolean().default(false),
    options: Options.optional(),
  })
  .refine((f) => !['select', 'multi_select'].includes(f.type) || (f.options && f.options.length > 0), { message: 'select fields need options', path: ['options'] });

export const CustomFieldUpdateSchema = z.strictObject({
  label: z.string().trim().min(1).max(100),
  required: z.boolean(),
  options: Options,
  position: z.number().int().min(0),
}).partial();

export const CustomFieldSchema = z.object({
  id: z.string(),
  entity: z.enum(CUSTOM_FIELD_ENTITIES),
  key: z.string(),
  label: z.string(),
  type: z.enum(CUSTOM_FIELD_TYPES),
  required: z.boolean(),
  options: z.array(z.string()).nullable(),
  position: z.number(),
  archivedAt: z.string().nullable(),
});
export type CustomField = z.infer<typeof CustomFieldSchema>;

export const TagInputSchema = z.strictObject({
  name: z.string().trim().min(1, 'Name is required').max(50),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a hex color like #6366f1').optional(),
});
export const TagSchema = z.object({ id: z.string(), name: z.string(), color: z.string(), count: z.number() });
