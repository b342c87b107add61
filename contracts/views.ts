// Saved views (Issue 15.3): a list's filter, search, sort, columns and layout under a name, for one
// resource; private to its creator or shared with the organization. `GET /{resource}?viewId=` and the
// assistant's `find_records` apply one.
import { z } from 'zod';
import { VersionSchema } from './common';
import { ENTITY_RESOURCES } from './entities';

/** Every list a view can be of: each record type but views themselves. */
export const VIEW_RESOURCES = ENTITY_RESOURCES.filter((r) => r !== 'views') as [Exclude<(typeof ENTITY_RESOURCES)[number], 'views'>, ...Exclude<(typeof ENTITY_RESOURCES)[number], 'views'>[]];
export const VIEW_LAYOUTS = ['table', 'board'] as const;
export const VIEW_VISIBILITIES = ['private', 'shared'] as const;

const viewFields = {
  name: z.string().trim().min(1, 'Name is required').max(120).describe('What the view is called, e.g. "My Berlin customers"'),
  resource: z.enum(VIEW_RESOURCES).describe(`The list it is a view of: ${VIEW_RESOURCES.join(', ')}`),
  filter: z
    .record(z.string(), z.unknown())
    .describe('The list filter (same JSON as ?filter=): {"field": value | {"eq"|"ne"|"lt"|"lte"|"gt"|"gte"|"in"|"contains"|"isNull": …}}; fields must be filterable fields of the resource'),
  q: z.string().trim().max(200).nullable().describe('Free-text search of the list, if any'),
  sort: z.string().trim().max(200).nullable().describe('Sort, e.g. "name" or "-createdAt,name" (sortable fields of the resource)'),
  columns: z.array(z.string().trim().min(1).max(100)).max(100).describe('Column ids shown, in order (empty: the list\'s default columns)'),
  layout: z.enum(VIEW_LAYOUTS).describe('table, or board (deals)'),
  visibility: z.enum(VIEW_VISIBILITIES).describe('private: only you see it; shared: everyone in the organization sees it (you and admins may change it)'),
};

export const ViewUpdateSchema = z.strictObject(viewFields).partial();
export const ViewCreateSchema = ViewUpdateSchema.extend({
  name: viewFields.name,
  resource: viewFields.resource,
  filter: viewFields.filter.default({}),
  columns: viewFields.columns.default([]),
  layout: viewFields.layout.default('table'),
  visibility: viewFields.visibility.default('private'),
});
export type ViewCreate = z.input<typeof ViewCreateSchema>;
export type ViewUpdate = z.input<typeof ViewUpdateSchema>;

export const ViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  resource: z.enum(VIEW_RESOURCES),
  filter: z.record(z.string(), z.unknown()),
  q: z.string().nullable(),
  sort: z.string().nullable(),
  columns: z.array(z.string()),
  layout: z.enum(VIEW_LAYOUTS),
  visibility: z.enum(VIEW_VISIBILITIES),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: VersionSchema,
  deletedAt: z.string().nullable(),
});
export type SavedView = z.infer<typeof ViewSchema>;
