import { createRoute, z } from '@hono/zod-openapi';
import { IdParamSchema } from '../../../contracts/common';
import { CUSTOM_FIELD_ENTITIES, CustomFieldCreateSchema, CustomFieldSchema, CustomFieldUpdateSchema, TagInputSchema, TagSchema } from '../../../contracts/custom-fields';
import type { CrudService } from '../../lib/crud';
import { errorResponses as errors, jsonResponse as json } from '../../lib/openapi';
import { registerUniqueMessage } from '../../lib/errors';
import { allow, apiRouter, serviceContext } from '../../lib/http';
import { customFieldService, tagService } from './fields.service';

registerUniqueMessage('tags_org_name_uq', { path: 'name', message: 'A tag with this name already exists' });

const Id = IdParamSchema;
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
const write = { 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] };

export function fieldRoutes(services: CrudService[]) {
  const r = apiRouter();
  const cf = customFieldService;
  const tg = tagService(services);
  const cfTags = ['Custom fields'];
  r.openapi(
    createRoute({ method: 'get', path: '/custom-fields', tags: cfTags, summary: 'Custom fields of a record type', middleware: [allow('viewer')] as const, request: { query: z.object({ entity: z.enum(CUSTOM_FIELD_ENTITIES), includeArchived: z.enum(['true', 'false']).optional() }) }, responses: { 200: json(z.object({ data: z.array(CustomFieldSchema) }), 'Fields in order'), 400: errors[400], 401: errors[401] } }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json({ data: await cf.list(serviceContext(c), q.entity, q.includeArchived === 'true') }, 200);
    },
  );
  r.openapi(
    createRoute({ method: 'post', path: '/custom-fields', tags: cfTags, summary: 'Define a custom field (admins)', middleware: [allow('admin')] as const, request: body(CustomFieldCreateSchema), responses: { 201: json(z.object({ data: CustomFieldSchema }), 'Defined'), ...write } }),
    async (c) => c.json({ data: await cf.create(serviceContext(c), c.req.valid('json')) }, 201),
  );
  r.openapi(
    createRoute({ method: 'patch', path: '/custom-fields/{id}', tags: cfTags, summary: 'Rename, reorder, require or change options (the key and type never change)', middleware: [allow('admin')] as const, request: { params: Id, ...body(CustomFieldUpdateSchema) }, responses: { 200: json(z.object({ data: CustomFieldSchema }), 'Updated'), ...write } }),
    async (c) => c.json({ data: await cf.update(serviceContext(c), c.req.valid('param').id, c.req.valid('json')) }, 200),
  );
  r.openapi(
    createRoute({ method: 'delete', path: '/custom-fields/{id}', tags: cfTags, summary: 'Archive a custom field (its values are kept)', middleware: [allow('admin')] as const, request: { params: Id }, responses: { 204: { description: 'Archived' }, ...write } }),
    async (c) => {
      await cf.archive(serviceContext(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  const tagTags = ['Tags'];
  r.openapi(
    createRoute({ method: 'get', path: '/tags', tags: tagTags, summary: 'Tags with colors and how many records carry each', middleware: [allow('viewer')] as const, responses: { 200: json(z.object({ data: z.array(TagSchema) }), 'Tags'), 401: errors[401] } }),
    async (c) => c.json({ data: await tg.list(serviceContext(c)) }, 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/tags', tags: tagTags, summary: 'Create a tag', middleware: [allow('member')] as const, request: body(TagInputSchema), responses: { 201: json(z.object({ data: TagSchema }), 'Created'), ...write } }),
    async (c) => c.json({ data: await tg.create(serviceContext(c), c.req.valid('json')) }, 201),
  );
  r.openapi(
    createRoute({ method: 'patch', path: '/tags/{id}', tags: tagTags, summary: 'Rename (on every record) or recolor a tag', middleware: [allow('member')] as const, request: { params: Id, ...body(TagInputSchema.partial()) }, responses: { 200: json(z.object({ data: TagSchema }), 'Updated'), ...write } }),
    async (c) => c.json({ data: await tg.update(serviceContext(c), c.req.valid('param').id, c.req.valid('json')) }, 200),
  );
  r.openapi(
    createRoute({ method: 'delete', path: '/tags/{id}', tags: tagTags, summary: 'Delete a tag (removed from every record; admins)', middleware: [allow('admin')] as const, request: { params: Id }, responses: { 204: { description: 'Deleted' }, ...write } }),
    async (c) => {
      await tg.remove(serviceContext(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  return r;
}
