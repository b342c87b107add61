// The bell's endpoints (Issue 11.4) and each person's notification settings. Every call reads and
// changes only the caller's own notifications in the active organization (another's id is a 404).
import { createRoute, z } from '@hono/zod-openapi';
import { NotificationListQuerySchema, NotificationListSchema, NotificationSchema, NotificationSettingsSchema, NotificationSettingsUpdateSchema } from '../../../contracts/notifications';
import { allow, apiRouter, serviceContext } from '../../lib/http';
import { errorResponses as errors, jsonResponse as json } from '../../lib/openapi';
import { listNotifications, markAllRead, markRead, settingsOf, updateSettings } from './notifications.service';

export function notificationRoutes() {
  const r = apiRouter();
  r.openapi(
    createRoute({
      method: 'get', path: '/notifications', tags: ['Notifications'], middleware: [allow('viewer')] as const,
      summary: 'Your notifications, newest first, with the number unread',
      request: { query: NotificationListQuerySchema },
      responses: { 200: json(NotificationListSchema, 'A page of notifications'), 400: errors[400], 401: errors[401] },
    }),
    async (c) => {
      const ctx = serviceContext(c);
      return c.json(await listNotifications(ctx.db, ctx.orgId, ctx.actor.userId, c.req.valid('query')), 200);
    },
  );
  r.openapi(
    createRoute({
      method: 'post', path: '/notifications/read-all', tags: ['Notifications'], middleware: [allow('viewer')] as const,
      summary: 'Mark all your notifications read',
      responses: { 200: json(z.object({ data: z.object({ updated: z.number().int() }) }), 'How many were unread'), 401: errors[401] },
    }),
    async (c) => {
      const ctx = serviceContext(c);
      return c.json({ data: await markAllRead(ctx.db, ctx.orgId, ctx.actor.userId) }, 200);
    },
  );
  r.openapi(
    createRoute({
      method: 'post', path: '/notifications/{id}/read', tags: ['Notifications'], middleware: [allow('viewer')] as const,
      summary: 'Mark one of your notifications read',
      request: { params: z.object({ id: z.uuid() }) },
      responses: { 200: json(z.object({ data: NotificationSchema }), 'The notification'), 400: errors[400], 401: errors[401], 404: errors[404] },
    }),
    async (c) => {
      const ctx = serviceContext(c);
      return c.json({ data: await markRead(ctx.db, ctx.orgId, ctx.actor.userId, c.req.valid('param').id) }, 200);
    },
  );
  r.openapi(
    createRoute({
      method: 'get', path: '/me/notification-settings', tags: ['Me'], middleware: [allow('viewer')] as const,
      summary: 'Which notifications you get, in the app and by email; your digest hour and time zone',
      responses: { 200: json(z.object({ data: NotificationSettingsSchema }), 'The settings'), 401: errors[401] },
    }),
    async (c) => {
      const { lastDigestDay: _, ...data } = await settingsOf(serviceContext(c).db, serviceContext(c).actor.userId);
      return c.json({ data }, 200);
    },
  );
  r.openapi(
    createRoute({
      method: 'put', path: '/me/notification-settings', tags: ['Me'], middleware: [allow('viewer')] as const,
      summary: 'Change your notification settings; what is left out keeps its value',
      request: { body: { required: true, content: { 'application/json': { schema: NotificationSettingsUpdateSchema } } } },
      responses: { 200: json(z.object({ data: NotificationSettingsSchema }), 'The settings as saved'), 400: errors[400], 401: errors[401] },
    }),
    async (c) => {
      const ctx = serviceContext(c);
      return c.json({ data: await updateSettings(ctx.db, ctx.actor.userId, c.req.valid('json')) }, 200);
    },
  );
  return r;
}
