// HTTP for the calendar: what the generic event routes add (?from=&to= occurrences, ?occurrence= on
// PATCH/DELETE), GET /calendar, the private feed URL and its public .ics, .ics import, invitations.
import { createRoute, z } from '@hono/zod-openapi';
import type { Hono } from 'hono';
import { IdParamSchema } from '../../../contracts/common';
import { CalendarFeedSchema, CalendarItemSchema, CalendarQuerySchema, EventImportResultSchema, EventInviteResultSchema, EventInviteSchema, EventOccurrenceSchema, OccurrenceQuerySchema, RANGE_MAX_DAYS } from '../../../contracts/events';
import type { CrudRouteExtension } from '../../lib/crud';
import { badRequest, notFound } from '../../lib/errors';
import { allow, apiRouter, serviceContext, type AppEnv } from '../../lib/http';
import { readForm } from '../../lib/input-guards';
import { errorResponses as errors, jsonBody, jsonResponse as json } from '../../lib/openapi';
import { parseInclude, type CalendarService } from './calendar.service';
import { cancelOccurrence, editOccurrence, eventsInRange, parseRange } from './occurrences';

/** The event routes' additions; `notify: true` on POST/PATCH sends invitations after the write (calendar.invite). */
export const eventRouteExtension = (calendar: CalendarService): CrudRouteExtension => ({
  listQuery: z.object({
    from: z.string().max(40).optional().describe(`With to: every occurrence overlapping [from, to) instead of a page — series expanded in their time zone, each with seriesId and occurrenceStart (at most ${RANGE_MAX_DAYS} days; limit/cursor/sort do not apply)`),
    to: z.string().max(40).optional().describe('Range end (exclusive), ISO date or date-time'),
  }),
  listItemSchema: EventOccurrenceSchema,
  list: async (ctx, q) => {
    if (q.from === undefined && q.to === undefined) return undefined;
    const data = await eventsInRange(ctx, parseRange(q as { from?: string; to?: string }), { filter: q.filter as string | undefined, view: q.view as string | undefined });
    return { data, total: data.length, nextCursor: null };
  },
  writeQuery: OccurrenceQuerySchema,
  update: async (ctx, id, body, q, opts) => {
    if (typeof q.occurrence !== 'string') return undefined;
    const { row, created } = await editOccurrence(ctx, id, q.occurrence, body, opts);
    return { row, status: created ? 201 : 200 };
  },
  remove: async (ctx, id, q, opts) => {
    if (typeof q.occurrence !== 'string') return false;
    await cancelOccurrence(ctx, id, q.occurrence, opts);
    return true;
  },
  writeFlags: z.object({ notify: z.boolean().optional().describe('Email the attendees an invitation (.ics, METHOD:REQUEST) once saved, as POST /events/{id}/invite does') }),
  beforeFlaggedWrite: (_ctx, flags) => {
    if (flags.notify) calendar.assertCanMail();
  },
  afterFlaggedWrite: async (ctx, row, flags) => {
    const attendees = (row.attendees as { email?: string }[] | undefined) ?? [];
    if (flags.notify && attendees.some((a) => a.email)) await calendar.invite(ctx, row.id);
  },
});

export function calendarRoutes(calendar: CalendarService) {
  const r = apiRouter();
  r.openapi(
    createRoute({
      method: 'get', path: '/calendar', tags: ['Calendar'], summary: 'Events (occurrences), tasks due and deals by expected close date in a range, by start', middleware: [allow('viewer')] as const,
      request: { query: CalendarQuerySchema },
      responses: { 200: json(z.object({ data: z.array(CalendarItemSchema) }), 'The items, by start'), 400: errors[400], 401: errors[401] },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const include = parseInclude(q.include);
      return c.json({ data: await calendar.feed(serviceContext(c), parseRange(q), include) }, 200);
    },
  );
  r.openapi(
    createRoute({
      method: 'get', path: '/calendar/feed', tags: ['Calendar'], summary: 'Your private iCalendar feed URL (made on first ask)', middleware: [allow('viewer')] as const,
      responses: { 200: json(z.object({ data: CalendarFeedSchema }), 'Subscribe to this URL in any calendar app'), 401: errors[401] },
    }),
    async (c) => c.json({ data: { url: await calendar.feedUrlFor(serviceContext(c)) } }, 200),
  );
  r.openapi(
    createRoute({
      method: 'post', path: '/calendar/feed/rotate', tags: ['Calendar'], summary: 'A new private feed URL; the old one stops working', middleware: [allow('viewer')] as const,
      responses: { 200: json(z.object({ data: CalendarFeedSchema }), 'The new URL'), 401: errors[401] },
    }),
    async (c) => c.json({ data: { url: await calendar.rotate(serviceContext(c)) } }, 200),
  );
  r.openapi(
    createRoute({
      method: 'post', path: '/events/import', tags: ['Events'], summary: 'Import an .ics file (multipart field "file", or the file as a text/calendar body): each VEVENT becomes an event; the rest are reported with the reason', middleware: [allow('member')] as const,
      request: {
        body: {
          content: {
            // (multipart/form-data with the file as "file" works too; it is read by hand, not by the validator)
            'text/calendar': { schema: z.string().describe('The iCalendar file') },
          },
          required: true,
        },
      },
      responses: { 200: json(z.object({ data: EventImportResultSchema }), 'What was created and what was skipped, with why'), 400: errors[400], 401: errors[401], 403: errors[403], 413: errors[413] },
    }),
    async (c) => {
      const type = c.req.header('content-type') ?? '';
      let text: string;
      if (type.startsWith('multipart/form-data')) {
        const file = (await readForm(c)).file;
        if (!(file instanceof File)) throw badRequest('Attach the .ics as the "file" field', [{ path: 'file', message: 'required' }]);
        text = await file.text();
      } else if (/^text\/calendar\b/i.test(type)) {
        text = await c.req.text();
      } else {
        throw badRequest('Send the .ics as text/calendar or as a multipart upload (field "file")', [{ path: 'file', message: 'required' }]);
      }
      if (text.includes('\u0000')) throw badRequest('The file contains NUL bytes', [{ path: 'file', message: 'is not a text file' }]);
      return c.json({ data: await calendar.importIcs(serviceContext(c), text) }, 200);
    },
  );
  r.openapi(
    createRoute({
      method: 'post', path: '/events/{id}/invite', tags: ['Events'], summary: "Email each attendee an invitation with the event as an .ics (METHOD:REQUEST)", middleware: [allow('member')] as const,
      request: { params: IdParamSchema, ...jsonBody(EventInviteSchema) },
      responses: { 200: json(z.object({ data: EventInviteResultSchema }), 'Who was invited and who not (and why)'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
    }),
    async (c) => c.json({ data: await calendar.invite(serviceContext(c), c.req.valid('param').id, c.req.valid('json').message) }, 200),
  );
  return r;
}

/** GET /ics/<token>.ics — no session: the unguessable token is the credential (rotate it to revoke). Errors go through app.onError. */
export function mountIcsFeed(app: Hono<AppEnv>, calendar: CalendarService) {
  app.get('/ics/:file', async (c) => {
    const m = /^([A-Za-z0-9_-]{20,100})\.ics$/.exec(c.req.param('file'));
    if (!m) throw notFound('Calendar feed');
    const body = await calendar.ics(m[1]);
    return c.body(body, 200, { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'private, no-store', 'content-disposition': 'inline; filename="meridian.ics"' });
  });
}
