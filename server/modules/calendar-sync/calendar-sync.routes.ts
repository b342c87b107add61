// /integrations/calendars: a member's connected Google / Microsoft calendars (their own only).
// Connect returns the provider's authorize URL; the provider sends the browser back to /callback,
// which answers with a redirect to the settings page (a browser navigation, not an API call).
import { createRoute, z } from '@hono/zod-openapi';
import { CalendarConnectionSchema, CalendarIntegrationsSchema, CalendarProviderSchema } from '../../../contracts/calendar-sync';
import { AppError, toAppError } from '../../lib/errors';
import { allow, apiRouter, serviceContext } from '../../lib/http';
import { errorResponses as errors, jsonResponse as json } from '../../lib/openapi';
import type { CalendarSyncService } from './calendar-sync.service';

const tags = ['Calendar sync'];
const Provider = z.object({ provider: CalendarProviderSchema });
const Id = z.object({ id: z.uuid() });
const SETTINGS = '/settings/integrations/calendars';

export function calendarSyncRoutes(service: CalendarSyncService) {
  const r = apiRouter();
  r.openapi(
    createRoute({ method: 'get', path: '/integrations/calendars', tags, summary: 'Providers this server can connect, and my connected calendars', middleware: [allow('viewer')] as const, responses: { 200: json(z.object({ data: CalendarIntegrationsSchema }), 'Providers and connections'), 401: errors[401] } }),
    async (c) => c.json({ data: await service.overview(serviceContext(c)) }, 200),
  );
  r.openapi(
    createRoute({
      method: 'get', path: '/integrations/calendars/{provider}/connect', tags, summary: 'Start connecting a calendar: the provider authorize URL (OAuth 2.0 code flow with PKCE)', middleware: [allow('member')] as const,
      request: { params: Provider },
      responses: { 200: json(z.object({ data: z.object({ url: z.string() }) }), 'Send the browser here'), 401: errors[401], 403: errors[403], 409: errors[409] },
    }),
    async (c) => c.json({ data: { url: await service.connectUrl(serviceContext(c), c.req.valid('param').provider) } }, 200),
  );
  r.openapi(
    createRoute({
      method: 'get', path: '/integrations/calendars/{provider}/callback', tags, summary: 'Where the provider sends the browser back (code and state); redirects to Settings → Integrations → Calendars', middleware: [allow('member')] as const,
      request: { params: Provider, query: z.object({ code: z.string().optional(), state: z.string().optional(), error: z.string().optional(), error_description: z.string().optional(), scope: z.string().optional(), iss: z.string().optional() }).passthrough() },
      responses: { 302: { description: 'Back to the settings page, with ?connected= or ?error=' }, 401: errors[401], 403: errors[403] },
    }),
    async (c) => {
      const { provider } = c.req.valid('param');
      try {
        await service.callback(serviceContext(c), provider, new URL(c.req.url));
        return c.redirect(`${SETTINGS}?connected=${provider}`, 302);
      } catch (err) {
        const e = err instanceof AppError ? err : toAppError(err);
        return c.redirect(`${SETTINGS}?error=${encodeURIComponent(e.status >= 500 ? 'The provider could not be reached; try again' : e.message)}`, 302);
      }
    },
  );
  r.openapi(
    createRoute({ method: 'post', path: '/integrations/calendars/{id}/sync', tags, summary: 'Sync this calendar now (in the background)', middleware: [allow('member')] as const, request: { params: Id }, responses: { 202: json(z.object({ data: CalendarConnectionSchema }), 'Queued'), 401: errors[401], 403: errors[403], 404: errors[404] } }),
    async (c) => c.json({ data: await service.syncNow(serviceContext(c), c.req.valid('param').id) }, 202),
  );
  r.openapi(
    createRoute({ method: 'delete', path: '/integrations/calendars/{id}', tags, summary: 'Disconnect: revoke the grant and forget the tokens (synced events stay)', middleware: [allow('viewer')] as const, request: { params: Id }, responses: { 204: { description: 'Disconnected' }, 401: errors[401], 404: errors[404] } }),
    async (c) => {
      await service.disconnect(serviceContext(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  return r;
}
