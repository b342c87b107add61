import { createRoute, z } from '@hono/zod-openapi';
import { LogActivityInputSchema, LoggedActivitySchema } from '../../../contracts/activities';
import { errorResponses as errors, jsonResponse as json } from '../../lib/openapi';
import { allow, apiRouter, serviceContext } from '../../lib/http';
import { logActivity } from './activities.service';

export function activityRoutes() {
  const r = apiRouter();
  r.openapi(
    createRoute({
      method: 'post', path: '/activities/log', tags: ['Timeline'], summary: 'Log a call, email or meeting on a record (shows on its timeline)', middleware: [allow('member')] as const,
      request: { body: { content: { 'application/json': { schema: LogActivityInputSchema } }, required: true } },
      responses: { 201: json(z.object({ data: LoggedActivitySchema }), 'Logged'), 400: errors[400], 401: errors[401], 403: errors[403] },
    }),
    async (c) => c.json({ data: await logActivity(serviceContext(c), c.req.valid('json')) }, 201),
  );
  return r;
}
