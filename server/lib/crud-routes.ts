// REST routes for an entity, built from its definition (DESIGN.md §4). Every route declares the
// role it needs; the OpenAPI document is generated from the same schemas.
import { createRoute, z } from '@hono/zod-openapi';
import { ActivitySchema, IdParamSchema, ListQuerySchema, dataEnvelope, listEnvelope, type ListQuery } from '../../contracts/common';
import type { ServiceContext } from './context';
import type { CrudRouteExtension, CrudService, Row } from './crud';
import { allow, apiRouter, serviceContext } from './http';
import { etagOf, parseIfMatch } from './etag';
import { errorResponses as errors, ifMatchHeaders, jsonBody, jsonResponse as json, jsonWithEtag, preconditionFailed } from './openapi';

export function crudRoutes(service: CrudService, ext: CrudRouteExtension = {}) {
  const { def } = service;
  const { itemSchema } = def;
  const tags = [def.plural];
  const base = `/${def.resource}`;
  const r = apiRouter();
  const conflictResponse = preconditionFailed(itemSchema);
  /** Every answer carrying one record carries its ETag (the version, lib/etag.ts). */
  const withEtag = (c: { header: (name: string, value: string) => void }, row: Record<string, unknown>) => {
    if (typeof row.version === 'number') c.header('ETag', etagOf(row.version));
    return { data: row };
  };
  // Request flags (ext.writeFlags) travel in the body beside the record's fields; split them off here.
  const flagKeys = Object.keys(ext.writeFlags?.shape ?? {});
  const withFlags = (schema: z.ZodType) => (ext.writeFlags ? (schema as z.ZodObject).extend(ext.writeFlags.shape) : schema);
  const split = (ctx: ServiceContext, body: Record<string, unknown>) => {
    const flags = Object.fromEntries(flagKeys.filter((k) => k in body).map((k) => [k, body[k]]));
    const rest = Object.fromEntries(Object.entries(body).filter(([k]) => !flagKeys.includes(k)));
    if (flagKeys.length) ext.beforeFlaggedWrite?.(ctx, flags);
    return { flags, rest };
  };
  const after = async (ctx: ServiceContext, row: Row, flags: Record<string, unknown>) => {
    if (flagKeys.length) await ext.afterFlaggedWrite?.(ctx, row, flags);
    return row;
  };
  const ifMatchOf = (c: { req: { header: (name: string) => string | undefined } }) => ({ ifMatch: parseIfMatch(c.req.header('if-match')) });

  r.openapi(
    createRoute({
      method: 'get', path: base, tags, summary: `List ${def.resource}`, middleware: [allow('viewer')] as const,
      request: { query: ext.listQuery ? ListQuerySchema.extend(ext.listQuery.shape) : ListQuerySchema },
      responses: { 200: json(listEnvelope(ext.listItemSchema ? z.union([itemSchema, ext.listItemSchema]) : itemSchema), `A page of ${def.resource}`), 400: errors[400], 401: errors[401] },
    }),
    async (c) => {
      const query = c.req.valid('query') as ListQuery & Record<string, unknown>;
      const ctx = serviceContext(c);
      return c.json((await ext.list?.(ctx, query)) ?? (await service.list(ctx, query)), 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'post', path: base, tags, summary: `Create a ${def.type}`, middleware: [allow('member')] as const,
      request: jsonBody(withFlags(def.createSchema), def.example),
      responses: { 201: jsonWithEtag(dataEnvelope(itemSchema), 'Created'), 400: errors[400], 401: errors[401], 403: errors[403], 409: errors[409] },
    }),
    async (c) => {
      const ctx = serviceContext(c);
      const { flags, rest } = split(ctx, c.req.valid('json' as never) as Record<string, unknown>);
      return c.json(withEtag(c, await after(ctx, await service.create(ctx, rest), flags)), 201);
    },
  );

  r.openapi(
    createRoute({
      method: 'get', path: `${base}/{id}`, tags, summary: `Get a ${def.type}`, middleware: [allow('viewer')] as const,
      request: { params: IdParamSchema },
      responses: { 200: jsonWithEtag(dataEnvelope(itemSchema), 'The record, with its ETag'), 401: errors[401], 404: errors[404] },
    }),
    async (c) => c.json(withEtag(c, await service.get(serviceContext(c), c.req.valid('param').id)), 200),
  );

  r.openapi(
    createRoute({
      method: 'patch', path: `${base}/{id}`, tags, summary: `Update a ${def.type} (partial)`, middleware: [allow('member')] as const,
      description: 'Send the ETag of the version you edited as If-Match to refuse the write (412, with the current record) when someone else changed it meanwhile; without If-Match the change applies to the current version.',
      request: { params: IdParamSchema, headers: ifMatchHeaders, ...(ext.writeQuery ? { query: ext.writeQuery } : {}), ...jsonBody(withFlags(def.updateSchema)) },
      responses: { 200: jsonWithEtag(dataEnvelope(itemSchema), 'Updated; ETag is the new version'), ...(ext.update ? { 201: jsonWithEtag(dataEnvelope(itemSchema), 'A new record made by the change (see the query parameters)') } : {}), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409], 412: conflictResponse },
    }),
    async (c) => {
      const opts = ifMatchOf(c);
      const ctx = serviceContext(c);
      const { id } = c.req.valid('param');
      const { flags, rest: body } = split(ctx, c.req.valid('json' as never) as Record<string, unknown>);
      const special = await ext.update?.(ctx, id, body, c.req.query(), opts);
      if (special) return c.json(withEtag(c, await after(ctx, special.row, flags)), special.status);
      return c.json(withEtag(c, await after(ctx, await service.update(ctx, id, body, opts), flags)), 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'delete', path: `${base}/{id}`, tags, summary: `Delete a ${def.type} (soft; restorable)`, middleware: [allow('member')] as const,
      request: { params: IdParamSchema, headers: ifMatchHeaders, ...(ext.writeQuery ? { query: ext.writeQuery } : {}) },
      responses: { 204: { description: 'Deleted' }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 412: conflictResponse },
    }),
    async (c) => {
      const opts = ifMatchOf(c);
      const ctx = serviceContext(c);
      const { id } = c.req.valid('param');
      if (!(await ext.remove?.(ctx, id, c.req.query(), opts))) await service.remove(ctx, id, opts);
      return c.body(null, 204);
    },
  );

  r.openapi(
    createRoute({
      method: 'post', path: `${base}/{id}/restore`, tags, summary: `Restore a deleted ${def.type}`, middleware: [allow('member')] as const,
      request: { params: IdParamSchema },
      responses: { 200: jsonWithEtag(dataEnvelope(itemSchema), 'Restored'), 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
    }),
    async (c) => c.json(withEtag(c, await service.restore(serviceContext(c), c.req.valid('param').id)), 200),
  );

  r.openapi(
    createRoute({
      method: 'get', path: `${base}/{id}/activities`, tags, summary: `Timeline of a ${def.type}`, middleware: [allow('viewer')] as const,
      request: { params: IdParamSchema },
      responses: { 200: json(z.object({ data: z.array(ActivitySchema) }), 'Newest first'), 401: errors[401], 404: errors[404] },
    }),
    async (c) => c.json({ data: await service.activities(serviceContext(c), c.req.valid('param').id) }, 200),
  );

  return r;
}

