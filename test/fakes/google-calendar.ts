// A local Google (OAuth 2.0 + Calendar API v3) for tests: the wire format of
// https://developers.google.com/calendar/api/v3/reference/events — event resources with etag,
// updated, start/end {dateTime,timeZone}|{date}, status "cancelled" for deletions; events.list with
// nextPageToken and, on the last page, nextSyncToken; a syncToken the server no longer accepts → 410
// "fullSyncRequired"; insert (POST), patch (PATCH), delete; 401 UNAUTHENTICATED on a bad token.
// Point the app at it with GOOGLE_OAUTH_BASE_URL=<url> and GOOGLE_CALENDAR_BASE_URL=<url>/calendar/v3.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { oauthFake, readBody } from './oauth';

export interface GoogleEvent {
  kind: 'calendar#event';
  id: string;
  etag: string;
  status: 'confirmed' | 'tentative' | 'cancelled';
  summary?: string;
  description?: string;
  location?: string;
  start?: { dateTime?: string; date?: string; timeZone?: string };
  end?: { dateTime?: string; date?: string; timeZone?: string };
  recurrence?: string[];
  created: string;
  updated: string;
  htmlLink: string;
  iCalUID: string;
}

export interface GoogleFakeOptions {
  clientId?: string;
  clientSecret?: string;
  account?: string;
  /** events.list page size cap (Google's is up to 2500; small here to exercise nextPageToken). */
  pageSize?: number;
}

export async function startGoogleFake(opts: GoogleFakeOptions = {}) {
  const account = opts.account ?? 'ada@example.com';
  const oauth = oauthFake({ clientId: opts.clientId ?? 'google-client', clientSecret: opts.clientSecret ?? 'google-secret', account });
  const events = new Map<string, GoogleEvent & { seq: number }>();
  let seq = 0;
  /** Sync tokens below this are stale (410). */
  let oldestValid = 0;
  const requests: { method: string; path: string }[] = [];
  const pageSize = opts.pageSize ?? 250;
  // Google's `updated` has millisecond precision; keep each change strictly later than the last.
  let lastStamp = 0;
  const stamp = () => {
    lastStamp = Math.max(Date.now(), lastStamp + 1);
    return new Date(lastStamp).toISOString();
  };

  function put(e: Partial<GoogleEvent> & { id?: string }, at?: string): GoogleEvent {
    const prev = e.id ? events.get(e.id) : undefined;
    const id = e.id ?? randomBytes(10).toString('hex');
    const updated = at ?? stamp();
    const row = { kind: 'calendar#event' as const, status: 'confirmed' as const, created: prev?.created ?? updated, htmlLink: `https://www.google.com/calendar/event?eid=${id}`, iCalUID: `${id}@google.com`, ...prev, ...e, id, updated, etag: `"${Date.now()}${++seq}"`, seq };
    events.set(id, row);
    return strip(row);
  }
  const strip = ({ seq: _s, ...e }: GoogleEvent & { seq: number }): GoogleEvent => e;

  function json(res: import('node:http').ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
    res.end(JSON.stringify(body));
  }
  const gError = (res: import('node:http').ServerResponse, code: number, message: string, reason: string, status?: string) =>
    json(res, code, { error: { code, message, errors: [{ domain: 'global', reason, message }], ...(status ? { status } : {}) } });

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const body = req.method === 'GET' ? '' : await readBody(req);
    requests.push({ method: req.method ?? 'GET', path: url.pathname + url.search });
    try {
      if (url.pathname === '/o/oauth2/v2/auth') return oauth.authorize(url, res);
      if (url.pathname === '/token' && req.method === 'POST') return await oauth.token(req, res, body);
      if (url.pathname === '/revoke' && req.method === 'POST') return oauth.revoke(url, res, body);
      const m = /^\/calendar\/v3\/calendars\/([^/]+)(\/events(?:\/([^/]+))?)?$/.exec(url.pathname);
      if (!m) return gError(res, 404, 'Not Found', 'notFound');
      const who = oauth.accountOf(req);
      if (!who) return gError(res, 401, 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.', 'authError', 'UNAUTHENTICATED');
      const calendarId = decodeURIComponent(m[1]);
      if (calendarId !== 'primary' && calendarId !== who) return gError(res, 404, 'Not Found', 'notFound');
      if (!m[2]) return json(res, 200, { kind: 'calendar#calendar', etag: '"c1"', id: who, summary: who, timeZone: 'Europe/Berlin' });
      const eventId = m[3] ? decodeURIComponent(m[3]) : undefined;
      if (!eventId && req.method === 'GET') {
        const syncToken = url.searchParams.get('syncToken');
        const pageToken = url.searchParams.get('pageToken');
        const max = Math.min(Number(url.searchParams.get('maxResults') ?? 250), pageSize);
        let since = -1;
        if (syncToken) {
          const n = Number(/^s(\d+)$/.exec(syncToken)?.[1] ?? NaN);
          if (!Number.isFinite(n) || n < oldestValid) return gError(res, 410, 'Sync token is no longer valid, a full sync is required.', 'fullSyncRequired');
          since = n;
        }
        // A page token carries the listing's position and its sync start, like Google's opaque one.
        const [offset, upTo, from] = pageToken ? Buffer.from(pageToken, 'base64url').toString().split(':').map(Number) : [0, seq, since];
        const all = [...events.values()]
          .filter((e) => e.seq <= upTo && (from >= 0 ? e.seq > from : e.status !== 'cancelled'))
          .sort((a, b) => a.seq - b.seq);
        const page = all.slice(offset, offset + max);
        const more = offset + max < all.length;
        return json(res, 200, {
          kind: 'calendar#events', etag: `"p${seq}"`, summary: who, updated: new Date().toISOString(), timeZone: 'Europe/Berlin', accessRole: 'owner',
          items: page.map(strip),
          ...(more ? { nextPageToken: Buffer.from(`${offset + max}:${upTo}:${from}`).toString('base64url') } : { nextSyncToken: `s${upTo}` }),
        });
      }
      if (!eventId && req.method === 'POST') {
        const input = JSON.parse(body || '{}') as Partial<GoogleEvent>;
        if (!input.start || !input.end) return gError(res, 400, 'Missing end time.', 'required');
        return json(res, 200, put({ ...input, id: undefined }));
      }
      const existing = eventId ? events.get(eventId) : undefined;
      if (!existing || (existing.status === 'cancelled' && req.method !== 'GET')) return gError(res, existing ? 410 : 404, existing ? 'Resource has been deleted' : 'Not Found', existing ? 'deleted' : 'notFound');
      if (req.method === 'GET') return json(res, 200, strip(existing));
      if (req.method === 'PATCH' || req.method === 'PUT') {
        const ifMatch = req.headers['if-match'];
        if (ifMatch && ifMatch !== existing.etag) return gError(res, 412, 'Precondition Failed', 'conditionNotMet');
        return json(res, 200, put({ ...JSON.parse(body || '{}'), id: existing.id }));
      }
      if (req.method === 'DELETE') {
        put({ id: existing.id, status: 'cancelled' });
        res.writeHead(204);
        return res.end();
      }
      return gError(res, 405, 'Method Not Allowed', 'methodNotAllowed');
    } catch (err) {
      json(res, 500, { error: { code: 500, message: String(err) } });
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    env: { GOOGLE_CLIENT_ID: opts.clientId ?? 'google-client', GOOGLE_CLIENT_SECRET: opts.clientSecret ?? 'google-secret', GOOGLE_OAUTH_BASE_URL: url, GOOGLE_CALENDAR_BASE_URL: `${url}/calendar/v3` },
    account,
    oauth,
    requests,
    /** Events as the calendar holds them (cancelled ones too). */
    events: () => [...events.values()].map(strip),
    /** A change made in Google Calendar by the user (or another app). */
    addEvent: (e: Partial<GoogleEvent>, at?: string) => put({ ...e, id: undefined }, at),
    updateEvent: (id: string, e: Partial<GoogleEvent>, at?: string) => put({ ...e, id }, at),
    deleteEvent: (id: string) => put({ id, status: 'cancelled' }),
    /** Every sync token handed out so far is now stale (Google may do this at any time). */
    invalidateSyncTokens: () => void (oldestValid = seq + 1),
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
export type GoogleFake = Awaited<ReturnType<typeof startGoogleFake>>;
