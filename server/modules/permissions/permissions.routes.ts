// GET/PUT /settings/permissions: record visibility and member edit rights per record type.
import { createRoute } from '@hono/zod-openapi';
import { PermissionsInputSchema, PermissionsSchema, RestrictableFieldsSchema } from '../../../contracts/permissions';
import { allow, apiRouter, serviceContext } from '../../lib/http';
import { errorResponses as errors, jsonResponse as json } from '../../lib/openapi';
import { getPermissions, getRestrictableFields, putPermissions } from './permissions.service';

export function permissionRoutes() {
  const r = apiRouter();
  const one = json(PermissionsSchema, 'Read visibility and member edit rights, by record type');
  r.openapi(
    createRoute({
      method: 'get', path: '/settings/permissions', tags: ['Settings'], middleware: [allow('viewer')] as const,
      summary: 'Who reads and who edits each record type (all: everyone in the organization; own: owners and assignees, plus admins)',
      responses: { 200: one, 401: errors[401] },
    }),
    async (c) => c.json(await getPermissions(serviceContext(c)), 200),
  );
  r.openapi(
    createRoute({
      method: 'put', path: '/settings/permissions', tags: ['Settings'], middleware: [allow('admin')] as const,
      summary: 'Change record permissions (admins); record types left out keep their setting',
      request: { body: { content: { 'application/json': { schema: PermissionsInputSchema } }, required: true } },
      responses: { 200: one, 400: errors[400], 401: errors[401], 403: errors[403] },
    }),
    async (c) => c.json(await putPermissions(serviceContext(c), c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({
      method: 'get', path: '/settings/permissions/fields', tags: ['Settings'], middleware: [allow('viewer')] as const,
      summary: 'The fields of each record type that field rules can hide or make read-only (built-in, and customFields.<key> with its label)',
      responses: { 200: json(RestrictableFieldsSchema, 'Restrictable fields, by record type'), 401: errors[401] },
    }),
    async (c) => c.json(await getRestrictableFields(serviceContext(c)), 200),
  );
  return r;
}
