// /automations (admins): rules with the REST conventions of the records (list envelope, ETag and
// If-Match), their run log and a dry run.
import { createRoute, z } from '@hono/zod-openapi';
import { AutomationInputSchema, AutomationRunSchema, AutomationSchema, AutomationUpdateSchema, DryRunInputSchema, DryRunSchema } from '../../../contracts/automations';
import { etagOf, parseIfMatch } from '../../lib/etag';
import { allow, apiRouter, serviceContext } from '../../lib/http';
import { errorResponses as errors, ifMatchHeaders, jsonBody as body, jsonResponse as json, jsonWithEtag, preconditionFailed } from '../../lib/openapi';
import type { AutomationService } from './automations.service';

const tags = ['Automations'];
const Id = z.object({ id: z.uuid() });

const stale = preconditionFailed(AutomationSchema);
const example = {
  name: 'Follow up on proposals',
  trigger: { type: 'deal.stage_changed', stageId: null },
  conditions: {},
  actions: [{ type: 'create_task', title: 'Follow up on {{name}}', dueInDays: 3, assignTo: 'owner' }],
};

export function automationRoutes(service: AutomationService) {
  const r = apiRouter();
  const tagged = <T extends { version: number }>(c: { header: (k: string, v: string) => void }, data: T) => {
    c.header('ETag', etagOf(data.version));
    return { data };
  };
  r.openapi(
    createRoute({ method: 'get', path: '/automations', tags, summary: 'List automation rules', middleware: [allow('admin')] as const, responses: { 200: json(z.object({ data: z.array(AutomationSchema), total: z.number().int(), nextCursor: z.string().nullable() }), 'Rules of this organization, newest first'), 401: errors[401], 403: errors[403] } }),
    async (c) => c.json(await service.list(serviceContext(c)), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/automations', tags, summary: 'Create an automation rule', middleware: [allow('admin')] as const, request: body(AutomationInputSchema, example), responses: { 201: jsonWithEtag(z.object({ data: AutomationSchema }), 'Created'), 400: errors[400], 401: errors[401], 403: errors[403] } }),
    async (c) => c.json(tagged(c, await service.create(serviceContext(c), c.req.valid('json'))), 201),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/automations/{id}', tags, summary: 'One automation rule', middleware: [allow('admin')] as const, request: { params: Id }, responses: { 200: jsonWithEtag(z.object({ data: AutomationSchema }), 'The rule, with its ETag'), 401: errors[401], 403: errors[403], 404: errors[404] } }),
    async (c) => c.json(tagged(c, await service.get(serviceContext(c), c.req.valid('param').id)), 200),
  );
  r.openapi(
    createRoute({
      method: 'patch', path: '/automations/{id}', tags, summary: 'Change an automation rule (partial)', middleware: [allow('admin')] as const,
      request: { params: Id, headers: ifMatchHeaders, ...body(AutomationUpdateSchema) },
      responses: { 200: jsonWithEtag(z.object({ data: AutomationSchema }), 'Updated; ETag is the new version'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 412: stale },
    }),
    async (c) => c.json(tagged(c, await service.update(serviceContext(c), c.req.valid('param').id, c.req.valid('json'), parseIfMatch(c.req.header('if-match')))), 200),
  );
  r.openapi(
    createRoute({ method: 'delete', path: '/automations/{id}', tags, summary: 'Delete an automation rule and its run log', middleware: [allow('admin')] as const, request: { params: Id, headers: ifMatchHeaders }, responses: { 204: { description: 'Deleted' }, 401: errors[401], 403: errors[403], 404: errors[404], 412: stale } }),
    async (c) => {
      await service.remove(serviceContext(c), c.req.valid('param').id, parseIfMatch(c.req.header('if-match')));
      return c.body(null, 204);
    },
  );
  r.openapi(
    createRoute({ method: 'get', path: '/automations/{id}/runs', tags, summary: 'The run log, newest first (last 50)', middleware: [allow('admin')] as const, request: { params: Id }, responses: { 200: json(z.object({ data: z.array(AutomationRunSchema) }), 'Runs'), 401: errors[401], 403: errors[403], 404: errors[404] } }),
    async (c) => c.json({ data: await service.runs(serviceContext(c), c.req.valid('param').id) }, 200),
  );
  r.openapi(
    createRoute({
      method: 'post', path: '/automations/{id}/dry-run', tags, summary: 'What the rule would do to a record now (nothing is changed or sent)', middleware: [allow('admin')] as const,
      request: { params: Id, ...body(DryRunInputSchema) },
      responses: { 200: json(z.object({ data: DryRunSchema }), 'Conditions checked and the actions it would take'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => c.json({ data: await service.dryRun(serviceContext(c), c.req.valid('param').id, c.req.valid('json')) }, 200),
  );
  return r;
}
