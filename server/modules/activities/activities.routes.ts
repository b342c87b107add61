import { createRoute, z } from '@hono/zod-openapi';
import { ActivityFeedQuerySchema, ActivityFeedSchema, LogActivityInputSchema, LoggedActivitySchema } from '../../../contracts/activities';
import { errorResponses as errors, jsonResponse as json } from '../../lib/openapi';
import { allow, apiRouter, serviceContext } from '../../lib/http';
import { activityFeed, logActivity } from './activities.service';

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
  r.openapi(
    createRoute({
      method: 'get', path: '/activities', tags: ['Timeline'], middleware: [allow('viewer')] as const,
      summary: 'The organization\'s activity feed: every change, newest first',
      description: 'Filter by actor, record type, record, action and time; page with `cursor`. Viewers and members see changes to records and pipelines; admins also see changes to members, API keys, webhooks and settings.',
      request: { query: ActivityFeedQuerySchema },
      responses: { 200: json(ActivityFeedSchema, 'A page of the feed'), 400: errors[400], 401: errors[401], 403: errors[403] },
    }),
    async (c) => c.json(await activityFeed(serviceContext(c), c.req.valid('query')), 200),
  );
  return r;
}
