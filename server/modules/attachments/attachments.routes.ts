import { createRoute, z } from '@hono/zod-openapi';
import { IdParamSchema } from '../../../contracts/common';
import { RELATED_TYPES } from '../../../contracts/entities';
import { AttachmentSchema } from '../../../contracts/responses';
import { errorResponses as errors, jsonResponse as json } from '../../lib/openapi';
import { badRequest } from '../../lib/errors';
import { allow, apiRouter, serviceContext } from '../../lib/http';
import type { AttachmentService } from './attachments.service';

const Id = IdParamSchema;
const tags = ['Attachments'];

/** "Ada's notes.pdf" → an ASCII fallback plus the exact UTF-8 name (RFC 6266). */
export function contentDisposition(filename: string) {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export function attachmentRoutes(service: AttachmentService) {
  const r = apiRouter();
  r.openapi(
    createRoute({
      method: 'post', path: '/attachments', tags, summary: 'Attach a file to a record (multipart: file, relatedType, relatedId)', middleware: [allow('member')] as const,
      responses: { 201: json(z.object({ data: AttachmentSchema }), 'Attached'), 400: errors[400], 401: errors[401], 403: errors[403], 413: { description: 'Too large' } },
    }),
    async (c) => {
      if (!(c.req.header('content-type') ?? '').startsWith('multipart/form-data')) throw badRequest('Upload the file as multipart/form-data', [{ path: 'file', message: 'required' }]);
      const form = await c.req.parseBody();
      const file = form.file;
      if (!(file instanceof File)) throw badRequest('Attach the file as the "file" field', [{ path: 'file', message: 'required' }]);
      const meta = z.object({ relatedType: z.enum(RELATED_TYPES), relatedId: z.uuid() }).safeParse(form);
      if (!meta.success) throw badRequest('Say which record the file belongs to', meta.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
      const bytes = new Uint8Array(await file.arrayBuffer());
      return c.json({ data: await service.upload(serviceContext(c), { ...meta.data, filename: file.name, bytes }) }, 201);
    },
  );
  r.openapi(
    createRoute({ method: 'get', path: '/attachments', tags, summary: "A record's attachments", middleware: [allow('viewer')] as const, request: { query: z.object({ relatedType: z.enum(RELATED_TYPES), relatedId: z.uuid() }) }, responses: { 200: json(z.object({ data: z.array(AttachmentSchema) }), 'Attachments'), 400: errors[400], 401: errors[401] } }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json({ data: await service.list(serviceContext(c), q.relatedType, q.relatedId) }, 200);
    },
  );
  r.openapi(
    createRoute({ method: 'get', path: '/attachments/{id}', tags, summary: 'Attachment details', middleware: [allow('viewer')] as const, request: { params: Id }, responses: { 200: json(z.object({ data: AttachmentSchema }), 'Attachment'), 401: errors[401], 404: errors[404] } }),
    async (c) => c.json({ data: await service.get(serviceContext(c), c.req.valid('param').id) }, 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/attachments/{id}/download', tags, summary: 'Download (always as an attachment, never rendered)', middleware: [allow('viewer')] as const, request: { params: Id }, responses: { 200: { description: 'The file' }, 401: errors[401], 404: errors[404] } }),
    async (c) => {
      const { attachment, bytes } = await service.download(serviceContext(c), c.req.valid('param').id);
      return c.body(new Uint8Array(bytes), 200, {
        'Content-Type': attachment.contentType,
        'Content-Length': String(bytes.byteLength),
        'Content-Disposition': contentDisposition(attachment.filename),
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "default-src 'none'; sandbox",
      });
    },
  );
  r.openapi(
    createRoute({ method: 'delete', path: '/attachments/{id}', tags, summary: 'Remove an attachment', middleware: [allow('member')] as const, request: { params: Id }, responses: { 204: { description: 'Removed' }, 401: errors[401], 403: errors[403], 404: errors[404] } }),
    async (c) => {
      await service.remove(serviceContext(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  return r;
}
