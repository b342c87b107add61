// /{resource}/{id}/shares for every record type: who else sees this record, and with what access.
import { createRoute, z } from '@hono/zod-openapi';
import { IdParamSchema } from '../../../contracts/common';
import { ShareInputSchema, ShareParamsSchema, ShareSchema } from '../../../contracts/permissions';
import type { CrudService } from '../../lib/crud';
import { allow, apiRouter, serviceContext } from '../../lib/http';
import { errorResponses as errors, jsonBody, jsonResponse as json } from '../../lib/openapi';
import { sharesOf } from './shares.service';

export function shareRoutes(service: CrudService) {
  const { def } = service;
  const shares = sharesOf(service);
  const tags = [def.plural];
  const base = `/${def.resource}/{id}/shares`;
  const list = json(z.object({ data: z.array(ShareSchema) }), `The members this ${def.type} is shared with`);
  const r = apiRouter();
  r.openapi(
    createRoute({
      method: 'get', path: base, tags, middleware: [allow('viewer')] as const,
      summary: `Members a ${def.type} is explicitly shared with (under owner-only visibility they see it beside its owner and assignees)`,
      request: { params: IdParamSchema },
      responses: { 200: list, 401: errors[401], 404: errors[404] },
    }),
    async (c) => c.json({ data: await shares.list(serviceContext(c), c.req.valid('param').id) }, 200),
  );
  r.openapi(
    createRoute({
      method: 'put', path: `${base}/{userId}`, tags, middleware: [allow('member')] as const,
      summary: `Share a ${def.type} with a member of the organization, to read or to edit (whoever may change the record may share it)`,
      request: { params: ShareParamsSchema, ...jsonBody(ShareInputSchema, { access: 'read' }) },
      responses: { 200: list, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const { id, userId } = c.req.valid('param');
      return c.json({ data: await shares.put(serviceContext(c), id, userId, c.req.valid('json')) }, 200);
    },
  );
  r.openapi(
    createRoute({
      method: 'delete', path: `${base}/{userId}`, tags, middleware: [allow('member')] as const,
      summary: `Stop sharing a ${def.type} with a member`,
      request: { params: ShareParamsSchema },
      responses: { 204: { description: 'No longer shared' }, 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const { id, userId } = c.req.valid('param');
      await shares.remove(serviceContext(c), id, userId);
      return c.body(null, 204);
    },
  );
  return r;
}
