import { createRoute, z } from '@hono/zod-openapi';
import { IdParamSchema } from '../../../contracts/common';
import { errorResponses as errors, jsonResponse as json } from '../../lib/openapi';
import { badRequest } from '../../lib/errors';
import { allow, apiRouter, serviceContext } from '../../lib/http';
import { ImportPreviewSchema, ImportSchema, UploadedImportSchema } from '../../../contracts/responses';
import { ImportSettingsSchema, type ImportService } from './imports.service';

const Id = IdParamSchema;
const tags = ['Import'];
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

export function importRoutes(service: ImportService) {
  const r = apiRouter();
  r.openapi(
    createRoute({
      method: 'post', path: '/imports', tags, summary: 'Upload a CSV (multipart field "file" + "resource", or JSON {resource, filename, content}); returns headers, suggested mapping and sample rows', middleware: [allow('member')] as const,
      responses: { 201: json(z.object({ data: UploadedImportSchema }), 'Uploaded'), 400: errors[400], 401: errors[401], 403: errors[403] },
    }),
    async (c) => {
      const type = c.req.header('content-type') ?? '';
      let resource: string, filename: string, content: string;
      if (type.startsWith('multipart/form-data')) {
        const form = await c.req.parseBody();
        const file = form.file;
        if (!(file instanceof File)) throw badRequest('Attach the CSV as the "file" field', [{ path: 'file', message: 'required' }]);
        resource = String(form.resource ?? '');
        filename = file.name || 'import.csv';
        content = await file.text();
      } else {
        const json = await c.req.json().catch(() => ({}));
        const parsed = z.object({ resource: z.string(), filename: z.string().default('import.csv'), content: z.string().min(1) }).safeParse(json);
        if (!parsed.success) throw badRequest('Send {resource, filename, content} or a multipart upload', [{ path: 'content', message: 'required' }]);
        ({ resource, filename, content } = parsed.data);
      }
      return c.json({ data: await service.upload(serviceContext(c), resource, filename, content) }, 201);
    },
  );
  r.openapi(
    createRoute({ method: 'get', path: '/imports', tags, summary: 'Recent imports', middleware: [allow('viewer')] as const, responses: { 200: json(z.object({ data: z.array(ImportSchema) }), 'Imports'), 401: errors[401] } }),
    async (c) => c.json({ data: await service.list(serviceContext(c)) }, 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/imports/{id}', tags, summary: 'An import with its progress', middleware: [allow('viewer')] as const, request: { params: Id }, responses: { 200: json(z.object({ data: ImportSchema }), 'Import'), 401: errors[401], 404: errors[404] } }),
    async (c) => c.json({ data: await service.get(serviceContext(c), c.req.valid('param').id) }, 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/imports/{id}/preview', tags, summary: 'Dry run: what each row would do, with per-row errors (nothing is written)', middleware: [allow('member')] as const, request: { params: Id, ...body(ImportSettingsSchema) }, responses: { 200: json(z.object({ data: ImportPreviewSchema }), 'Preview'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] } }),
    async (c) => c.json({ data: await service.preview(serviceContext(c), c.req.valid('param').id, c.req.valid('json')) }, 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/imports/{id}/run', tags, summary: 'Run the import in the background (poll GET /imports/{id})', middleware: [allow('member')] as const, request: { params: Id, ...body(ImportSettingsSchema) }, responses: { 202: json(z.object({ data: ImportSchema }), 'Started'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] } }),
    async (c) => {
      const started = await service.start(serviceContext(c), c.req.valid('param').id, c.req.valid('json'));
      return c.json({ data: started.import }, 202);
    },
  );
  r.openapi(
    createRoute({ method: 'get', path: '/imports/{id}/rejected', tags, summary: 'The rejected rows as CSV, with what was wrong', middleware: [allow('viewer')] as const, request: { params: Id }, responses: { 200: { description: 'CSV (attachment)' }, 401: errors[401], 404: errors[404] } }),
    async (c) => {
      const csv = await service.rejectedCsv(serviceContext(c), c.req.valid('param').id);
      return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="rejected-rows.csv"', 'X-Content-Type-Options': 'nosniff' });
    },
  );
  return r;
}
