import { createRoute, z } from '@hono/zod-openapi';
import { IdParamSchema } from '../../../contracts/common';
import { PipelineCreateSchema, PipelineSchema, PipelineUpdateSchema, StageInputSchema, StageUpdateSchema } from '../../../contracts/sales';
import { errorResponses as errors, jsonResponse as json } from '../../lib/openapi';
import { allow, apiRouter, serviceContext } from '../../lib/http';
import { pipelineService as s } from './pipelines.service';

const tags = ['Pipelines'];
const Id = IdParamSchema;
const StageParams = z.object({ id: z.uuid({ message: 'must be a UUID' }), stageId: z.uuid({ message: 'must be a UUID' }) });
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
const one = json(z.object({ data: PipelineSchema }), 'The pipeline with its stages');
const write = { 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] };

export function pipelineRoutes() {
  const r = apiRouter();
  r.openapi(
    createRoute({ method: 'get', path: '/pipelines', tags, summary: 'Pipelines with their stages, in order', middleware: [allow('viewer')] as const, responses: { 200: json(z.object({ data: z.array(PipelineSchema) }), 'Pipelines'), 401: errors[401] } }),
    async (c) => c.json({ data: await s.list(serviceContext(c)) }, 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/pipelines/{id}', tags, summary: 'A pipeline', middleware: [allow('viewer')] as const, request: { params: Id }, responses: { 200: one, 401: errors[401], 404: errors[404] } }),
    async (c) => c.json({ data: await s.get(serviceContext(c), c.req.valid('param').id) }, 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/pipelines', tags, summary: 'Create a pipeline (standard stages when none are given)', middleware: [allow('admin')] as const, request: body(PipelineCreateSchema), responses: { 201: one, ...write } }),
    async (c) => c.json({ data: await s.create(serviceContext(c), c.req.valid('json')) }, 201),
  );
  r.openapi(
    createRoute({ method: 'patch', path: '/pipelines/{id}', tags, summary: 'Rename a pipeline', middleware: [allow('admin')] as const, request: { params: Id, ...body(PipelineUpdateSchema) }, responses: { 200: one, ...write } }),
    async (c) => c.json({ data: await s.update(serviceContext(c), c.req.valid('param').id, c.req.valid('json')) }, 200),
  );
  r.openapi(
    createRoute({ method: 'delete', path: '/pipelines/{id}', tags, summary: 'Delete an empty pipeline', middleware: [allow('admin')] as const, request: { params: Id }, responses: { 204: { description: 'Deleted' }, ...write } }),
    async (c) => {
      await s.remove(serviceContext(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  r.openapi(
    createRoute({ method: 'post', path: '/pipelines/{id}/stages', tags, summary: 'Add a stage (at `position`, else last)', middleware: [allow('admin')] as const, request: { params: Id, ...body(StageInputSchema.extend({ position: z.number().int().min(0).optional() })) }, responses: { 201: one, ...write } }),
    async (c) => {
      const { position, ...stage } = c.req.valid('json');
      return c.json({ data: await s.addStage(serviceContext(c), c.req.valid('param').id, stage, position) }, 201);
    },
  );
  r.openapi(
    createRoute({ method: 'post', path: '/pipelines/{id}/stages/reorder', tags, summary: 'Reorder stages', middleware: [allow('admin')] as const, request: { params: Id, ...body(z.strictObject({ stageIds: z.array(z.uuid()).min(1) })) }, responses: { 200: one, ...write } }),
    async (c) => c.json({ data: await s.reorderStages(serviceContext(c), c.req.valid('param').id, c.req.valid('json').stageIds) }, 200),
  );
  r.openapi(
    createRoute({ method: 'patch', path: '/pipelines/{id}/stages/{stageId}', tags, summary: 'Rename a stage or change its probability, kind or stale threshold', middleware: [allow('admin')] as const, request: { params: StageParams, ...body(StageUpdateSchema) }, responses: { 200: one, ...write } }),
    async (c) => {
      const p = c.req.valid('param');
      return c.json({ data: await s.updateStage(serviceContext(c), p.id, p.stageId, c.req.valid('json')) }, 200);
    },
  );
  r.openapi(
    createRoute({ method: 'delete', path: '/pipelines/{id}/stages/{stageId}', tags, summary: 'Remove a stage; 409 asks for moveTo when it holds deals', middleware: [allow('admin')] as const, request: { params: StageParams, query: z.object({ moveTo: z.uuid().optional() }) }, responses: { 200: one, ...write } }),
    async (c) => {
      const p = c.req.valid('param');
      return c.json({ data: await s.removeStage(serviceContext(c), p.id, p.stageId, c.req.valid('query').moveTo) }, 200);
    },
  );
  return r;
}
