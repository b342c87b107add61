import { createRoute, z } from '@hono/zod-openapi';
import { IdParamSchema } from '../../../contracts/common';
import { FeedbackInputSchema, FeedbackSchema } from '../../../contracts/feedback';
import { readForm } from '../../lib/input-guards';
import { allow, apiRouter, serviceContext } from '../../lib/http';
import { errorResponses as errors, jsonResponse as json } from '../../lib/openapi';
import type { FeedbackService } from './feedback.service';

const tags = ['Feedback'];

export function feedbackRoutes(service: FeedbackService) {
  const r = apiRouter();
  r.openapi(
    createRoute({
      method: 'post', path: '/feedback', tags, middleware: [allow('viewer')] as const,
      summary: 'Send feedback (JSON, or multipart with a `screenshot` image)',
      description: 'Anyone in the organization may send feedback; owners and admins are emailed each one when SMTP is configured.',
      // The multipart form carries the same fields plus `screenshot` (PNG, JPEG, WebP or GIF, up to
      // 5 MB); it is read and checked by hand below, so its declared schema accepts anything.
      request: {
        body: {
          content: {
            'application/json': { schema: FeedbackInputSchema },
            'multipart/form-data': { schema: z.object({ category: z.string().optional(), message: z.string().optional(), page: z.string().optional(), screenshot: z.any().optional() }).catchall(z.any()) },
          },
          // Not "required": zod-openapi then runs each validator only for its own content type.
          required: false,
        },
      },
      responses: { 201: json(z.object({ data: FeedbackSchema }), 'Received'), 400: errors[400], 401: errors[401], 403: errors[403] },
    }),
    async (c) => {
      const ctx = serviceContext(c);
      if (/^multipart\//i.test(c.req.header('content-type') ?? '')) {
        const { screenshot, ...fields } = await readForm(c, 'screenshot');
        const bytes = screenshot instanceof File && screenshot.size > 0 ? new Uint8Array(await screenshot.arrayBuffer()) : undefined;
        // Form fields arrive as strings; an empty one means "not given".
        const input = Object.fromEntries(Object.entries(fields).filter(([, v]) => typeof v === 'string' && v !== ''));
        return c.json({ data: await service.send(ctx, input, bytes) }, 201);
      }
      return c.json({ data: await service.send(ctx, c.req.valid('json')) }, 201);
    },
  );
  r.openapi(
    createRoute({
      method: 'get', path: '/feedback', tags, summary: 'Feedback received, newest first (owners and admins)', middleware: [allow('admin')] as const,
      responses: { 200: json(z.object({ data: z.array(FeedbackSchema) }), 'Feedback'), 401: errors[401], 403: errors[403] },
    }),
    async (c) => c.json({ data: await service.list(serviceContext(c)) }, 200),
  );
  r.openapi(
    createRoute({
      method: 'get', path: '/feedback/{id}/screenshot', tags, summary: 'The screenshot sent with a piece of feedback (owners and admins)', middleware: [allow('admin')] as const,
      request: { params: IdParamSchema },
      responses: { 200: { description: 'The image' }, 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const { bytes, type } = await service.screenshot(serviceContext(c), c.req.valid('param').id);
      return c.body(new Uint8Array(bytes), 200, { 'Content-Type': type, 'Content-Length': String(bytes.byteLength), 'X-Content-Type-Options': 'nosniff', 'Content-Security-Policy': "default-src 'none'; sandbox", 'Cache-Control': 'private, max-age=3600' });
    },
  );
  return r;
}
