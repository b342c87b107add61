// A local Microsoft identity platform + Graph for tests, in their wire formats: the v2.0 authorize
// and token endpoints (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow),
// GET /me, /me/calendarView/delta with @odata.nextLink pages and a final @odata.deltaLink, removed
// events as {"@removed":{"reason":"deleted"}}, a stale delta token → 410 (resync required), and
// /me/events create (POST), update (PATCH), delete. Point the app at it with
// MICROSOFT_LOGIN_BASE_URL=<url> and MICROSOFT_GRAPH_BASE_URL=<url>/v1.0.
import { randomBytes } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { oauthFake, readBody } from './oauth';

export interface GraphEvent {
  '@odata.etag': string;
  id: string;
  subject?: string;
  body?: { contentType: 'text' | 'html'; content: string };
  bodyPreview?: string;
  location?: { displayName?: string };
  start?: { dateTime: string; timeZone: string };
  end?: { dateTime: string; timeZone: string };
  isAllDay?: boolean;
  isCancelled?: boolean;
  type?: 'singleInstance' | 'occurrence' | 'exception' | 'seriesMaster';
  createdDateTime: string;
  lastModifiedDateTime: string;
  webLink: string;
}

export async function startGraphFake(opts: { clientId?: string; clientSecret?: string; account?: string; pageSize?: number } = {}) {
  const account = opts.account ?? 'grace@contoso.com';
  const oauth = oauthFake({ clientId: opts.clientId ?? 'ms-client', clientSecret: opts.clientSecret ?? 'ms-secret', account });
  const events = new Map<string, GraphEvent & { seq: number; removed?: boolean }>();
  let seq = 0;
  let oldestValid = 0;
  const pageSize = opts.pageSize ?? 50;
  const requests: { method: string; path: string }[] = [];
  let lastStamp = 0;
  const stamp = () => {
    lastStamp = Math.max(Date.now(), lastStamp + 1);
    return new Date(lastStamp).toISOString().replace('Z', '0000Z');
  };
  let base = '';

  const strip = ({ seq: _s, removed: _r, ...e }: GraphEvent & { seq: number; removed?: boolean }): GraphEvent => e;
  function put(e: Partial<GraphEvent> & { id?: string }, at?: string) {
    const prev = e.id ? events.get(e.id) : undefined;
    const id = e.id ?? `AAMk${randomBytes(12).toString('base64url')}`;
    const modified = at ?? stamp();
    const row = { type: 'singleInstance' as const, createdDateTime: prev?.createdDateTime ?? modified, webLink: `https://outlook.office365.com/owa/?itemid=${id}`, ...prev, ...e, id, lastModifiedDateTime: modified, '@odata.etag': `W/"${randomBytes(6).toString('base64')}"`, seq: ++seq };
    if (row.body && !e.bodyPreview) row.bodyPreview = row.body.content.slice(0, 255);
    events.set(id, row);
    return strip(row);
  }
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; odata.metadata=minimal; charset=utf-8' });
    res.end(JSON.stringify(body));
  };
  const gError = (res: ServerResponse, status: number, code: string, message: string) => json(res, status, { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': randomBytes(8).toString('hex') } } });

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const body = req.method === 'GET' ? '' : await readBody(req);
    requests.push({ method: req.method ?? 'GET', path: url.pathname + url.search });
    try {
      if (/^\/[^/]+\/oauth2\/v2\.0\/authorize$/.test(url.pathname)) return oauth.authorize(url, res);
      if (/^\/[^/]+\/oauth2\/v2\.0\/token$/.test(url.pathname) && req.method === 'POST') return await oauth.token(req, res, body);
      if (!url.pathname.startsWith('/v1.0/')) return gError(res, 404, 'ResourceNotFound', 'Not found');
      const who = oauth.accountOf(req);
      if (!who) return gError(res, 401, 'InvalidAuthenticationToken', 'Access token has expired or is not yet valid.');
      const path = url.pathname.slice('/v1.0'.length);
      if (path === '/me') return json(res, 200, { '@odata.context': `${base}/v1.0/$metadata#users/$entity`, id: 'u1', displayName: 'Grace Hopper', mail: who, userPrincipalName: who });
      if (path === '/me/calendarView/delta' && req.method === 'GET') {
        const deltaToken = url.searchParams.get('$deltatoken');
        const skipToken = url.searchParams.get('$skiptoken');
        let since = -1;
        let offset = 0;
        let upTo = seq;
        if (skipToken) [offset, upTo, since] = Buffer.from(skipToken, 'base64url').toString().split(':').map(Number);
        else if (deltaToken) {
          since = Number(deltaToken.replace(/^d/, ''));
          if (!Number.isFinite(since) || since < oldestValid) return gError(res, 410, 'SyncStateNotFound', 'The sync state generation is not found, please do a full sync.');
        } else if (!url.searchParams.get('startDateTime') || !url.searchParams.get('endDateTime')) {
          return gError(res, 400, 'ErrorInvalidParameter', 'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.');
        }
        const all = [...events.values()].filter((e) => e.seq <= upTo && (since >= 0 ? e.seq > since : !e.removed)).sort((a, b) => a.seq - b.seq);
        const page = all.slice(offset, offset + pageSize);
        const more = offset + pageSize < all.length;
        return json(res, 200, {
          '@odata.context': `${base}/v1.0/$metadata#Collection(event)`,
          value: page.map((e) => (e.removed ? { '@odata.type': '#microsoft.graph.event', id: e.id, '@removed': { reason: 'deleted' } } : strip(e))),
          ...(more
            ? { '@odata.nextLink': `${base}/v1.0/me/calendarView/delta?$skiptoken=${Buffer.from(`${offset + pageSize}:${upTo}:${since}`).toString('base64url')}` }
            : { '@odata.deltaLink': `${base}/v1.0/me/calendarView/delta?$deltatoken=d${upTo}` }),
        });
      }
      if (path === '/me/events' && req.method === 'POST') return json(res, 201, put({ ...JSON.parse(body || '{}'), id: undefined }));
      const m = /^\/me\/events\/([^/]+)$/.exec(path);
      const existing = m ? events.get(decodeURIComponent(m[1])) : undefined;
      if (!existing || existing.removed) return gError(res, 404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
      if (req.method === 'GET') return json(res, 200, strip(existing));
      if (req.method === 'PATCH') return json(res, 200, put({ ...JSON.parse(body || '{}'), id: existing.id }));
      if (req.method === 'DELETE') {
        existing.removed = true;
        existing.seq = ++seq;
        res.writeHead(204);
        return res.end();
      }
      return gError(res, 405, 'ErrorInvalidRequest', 'Method not allowed');
    } catch (err) {
      gError(res, 500, 'generalException', String(err));
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    host: `127.0.0.1:${port}`,
    env: { MICROSOFT_CLIENT_ID: opts.clientId ?? 'ms-client', MICROSOFT_CLIENT_SECRET: opts.clientSecret ?? 'ms-secret', MICROSOFT_LOGIN_BASE_URL: base, MICROSOFT_GRAPH_BASE_URL: `${base}/v1.0` },
    account,
    oauth,
    requests,
    events: () => [...events.values()].filter((e) => !e.removed).map(strip),
    addEvent: (e: Partial<GraphEvent>, at?: string) => put({ ...e, id: undefined }, at),
    updateEvent: (id: string, e: Partial<GraphEvent>, at?: string) => put({ ...e, id }, at),
    deleteEvent: (id: string) => {
      const e = events.get(id)!;
      e.removed = true;
      e.seq = ++seq;
    },
    invalidateDeltaTokens: () => void (oldestValid = seq + 1),
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
export type GraphFake = Awaited<ReturnType<typeof startGraphFake>>;
