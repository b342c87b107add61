// The two calendar providers behind one shape: where their OAuth endpoints are, which scopes we ask
// for, and their event APIs (Google Calendar v3, Microsoft Graph v1.0) mapped to `RemoteEvent`.
// OAuth itself (PKCE, the token and refresh grants, revocation) is oauth4webapi — a maintained,
// dependency-free, spec-checked client that lets us name the endpoints (so tests can point it at
// local fakes) and hand it our outbound-guarded fetch. Every HTTP call here goes through `fetch`,
// which app.ts builds from lib/outbound.ts (guardedFetch).
import { DateTime } from 'luxon';
import * as oauth from 'oauth4webapi';
import type { CalendarProvider } from '../../../contracts/calendar-sync';
import type { Env } from '../../env';
import { normalizeRule } from '../events/recurrence';

export interface RemoteEvent extends LocalEvent {
  remoteId: string;
  etag: string | null;
  updatedAt: Date;
  deleted: boolean;
  /** An instance or exception of a remote series that Meridian does not model as its own row. */
  skip?: boolean;
}

export interface LocalEvent {
  title: string;
  description: string | null;
  location: string | null;
  startsAt: Date;
  endsAt: Date | null;
  allDay: boolean;
  timezone: string;
  recurrence: string | null;
}

/** A page-through of every change since `cursor` (null: everything), ending with the next cursor. */
export interface Changes {
  events: RemoteEvent[];
  cursor: string;
  /** True when this was a full listing (no cursor, or the old one was refused): unseen links are gone remotely. */
  full: boolean;
}

/** The provider said the access token is no good (401) or the grant is gone (invalid_grant). */
export class GrantError extends Error {}
/** A remote call failed in a way a retry may fix. */
export class RemoteError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
  }
}

export interface CalendarApi {
  listChanges(token: string, cursor: string | null): Promise<Changes>;
  create(token: string, e: LocalEvent): Promise<RemoteEvent>;
  update(token: string, remoteId: string, e: LocalEvent): Promise<RemoteEvent>;
  remove(token: string, remoteId: string): Promise<void>;
  accountEmail(token: string): Promise<string>;
}

export interface ProviderConfig {
  provider: CalendarProvider;
  label: string;
  clientId: string | undefined;
  clientSecret: string | undefined;
  as: oauth.AuthorizationServer;
  scopes: string;
  /** Extra authorize parameters (Google needs access_type=offline + prompt=consent for a refresh token). */
  authorizeParams: Record<string, string>;
  /** Only when a base URL is overridden for tests: plain-http fakes on 127.0.0.1. */
  insecure: boolean;
  api: (fetch: typeof globalThis.fetch) => CalendarApi;
}

const trim = (u: string) => u.replace(/\/$/, '');

export function providerConfigs(env: Env): Record<CalendarProvider, ProviderConfig> {
  const gOauth = trim(env.GOOGLE_OAUTH_BASE_URL ?? '');
  const gApi = trim(env.GOOGLE_CALENDAR_BASE_URL ?? 'https://www.googleapis.com/calendar/v3');
  const msLogin = `${trim(env.MICROSOFT_LOGIN_BASE_URL ?? 'https://login.microsoftonline.com')}/${env.MICROSOFT_TENANT}/oauth2/v2.0`;
  const msGraph = trim(env.MICROSOFT_GRAPH_BASE_URL ?? 'https://graph.microsoft.com/v1.0');
  return {
    google: {
      provider: 'google',
      label: 'Google Calendar',
      clientId: env.GOOGLE_CLIENT_ID,
      clientSecret: env.GOOGLE_CLIENT_SECRET,
      as: {
        issuer: 'https://accounts.google.com',
        authorization_endpoint: gOauth ? `${gOauth}/o/oauth2/v2/auth` : 'https://accounts.google.com/o/oauth2/v2/auth',
        token_endpoint: gOauth ? `${gOauth}/token` : 'https://oauth2.googleapis.com/token',
        revocation_endpoint: gOauth ? `${gOauth}/revoke` : 'https://oauth2.googleapis.com/revoke',
      },
      // calendar.events: read and write events; calendar.readonly: read the primary calendar's id (the account's email).
      scopes: 'https://www.googleapis.com/auth/calendar.events https://www.googleapis.com/auth/calendar.readonly',
      authorizeParams: { access_type: 'offline', prompt: 'consent', include_granted_scopes: 'true' },
      insecure: Boolean(env.GOOGLE_OAUTH_BASE_URL || env.GOOGLE_CALENDAR_BASE_URL),
      api: (fetch) => googleApi(gApi, fetch),
    },
    microsoft: {
      provider: 'microsoft',
      label: 'Microsoft 365 / Outlook',
      clientId: env.MICROSOFT_CLIENT_ID,
      clientSecret: env.MICROSOFT_CLIENT_SECRET,
      as: { issuer: `https://login.microsoftonline.com/${env.MICROSOFT_TENANT}/v2.0`, authorization_endpoint: `${msLogin}/authorize`, token_endpoint: `${msLogin}/token` },
      scopes: 'offline_access User.Read Calendars.ReadWrite',
      authorizeParams: { prompt: 'select_account' },
      insecure: Boolean(env.MICROSOFT_LOGIN_BASE_URL || env.MICROSOFT_GRAPH_BASE_URL),
      api: (fetch) => graphApi(msGraph, fetch),
    },
  };
}

async function call(fetch: typeof globalThis.fetch, url: string, token: string, init: RequestInit = {}): Promise<Response> {
  const res = await fetch(url, { ...init, headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(init.body ? { 'content-type': 'application/json' } : {}), ...(init.headers as Record<string, string>) }, signal: AbortSignal.timeout(20_000) });
  if (res.status === 401) {
    await res.body?.cancel();
    throw new GrantError('the calendar refused the access token (401)');
  }
  return res;
}

async function ok<T>(res: Response, what: string): Promise<T> {
  if (!res.ok) {
    const text = await res.text().catch(() => '');
    throw new RemoteError(`${what}: HTTP ${res.status} ${text.slice(0, 200)}`, res.status);
  }
  return (res.status === 204 ? undefined : await res.json()) as T;
}

const ruleOf = (lines: string[] | undefined): string | null => {
  const line = lines?.find((l) => l.startsWith('RRULE:'));
  if (!line) return null;
  try {
    return normalizeRule(line.slice('RRULE:'.length));
  } catch {
    return null;
  }
};
/** An all-day event's date: its start in its own zone (Meridian keeps all-day events as midnight there, the end exclusive). */
const ymd = (d: Date, zone: string) => DateTime.fromJSDate(d, { zone }).toISODate() ?? d.toISOString().slice(0, 10);
/** Midnight of a YYYY-MM-DD date in `zone`. */
const midnight = (date: string, zone: string) => {
  const t = DateTime.fromISO(date, { zone });
  return t.isValid ? t.toJSDate() : new Date(`${date}T00:00:00Z`);
};

// ---- Google Calendar v3 (https://developers.google.com/calendar/api/v3/reference/events) ----

interface GEvent {
  id: string;
  etag?: string;
  status?: string;
  summary?: string;
  description?: string;
  location?: string;
  start?: { dateTime?: string; date?: string; timeZone?: string };
  end?: { dateTime?: string; date?: string; timeZone?: string };
  recurrence?: string[];
  recurringEventId?: string;
  updated?: string;
}

/** `zone`: the calendar's time zone (events.list `timeZone`), which all-day dates and zone-less times are in. */
function fromGoogle(e: GEvent, zone = 'UTC'): RemoteEvent {
  const allDay = Boolean(e.start?.date);
  const timezone = e.start?.timeZone ?? zone;
  const startsAt = allDay ? midnight(e.start!.date!, timezone) : new Date(e.start?.dateTime ?? 0);
  const endsAt = allDay ? (e.end?.date ? midnight(e.end.date, timezone) : null) : e.end?.dateTime ? new Date(e.end.dateTime) : null;
  return {
    remoteId: e.id,
    etag: e.etag ?? null,
    updatedAt: new Date(e.updated ?? Date.now()),
    deleted: e.status === 'cancelled',
    skip: Boolean(e.recurringEventId),
    title: e.summary?.trim() || '(no title)',
    description: e.description ?? null,
    location: e.location ?? null,
    startsAt,
    endsAt,
    allDay,
    timezone,
    recurrence: ruleOf(e.recurrence),
  };
}

function toGoogle(e: LocalEvent) {
  const end = e.endsAt ?? (e.allDay ? new Date(e.startsAt.getTime() + 86400_000) : new Date(e.startsAt.getTime() + 3600_000));
  return {
    summary: e.title,
    description: e.description ?? '',
    location: e.location ?? '',
    start: e.allDay ? { date: ymd(e.startsAt, e.timezone) } : { dateTime: e.startsAt.toISOString(), timeZone: e.timezone },
    end: e.allDay ? { date: ymd(end > e.startsAt ? end : new Date(e.startsAt.getTime() + 86400_000), e.timezone) } : { dateTime: end.toISOString(), timeZone: e.timezone },
    recurrence: e.recurrence ? [`RRULE:${e.recurrence}`] : [],
  };
}

function googleApi(base: string, fetch: typeof globalThis.fetch): CalendarApi {
  const events = `${base}/calendars/primary/events`;
  return {
    async listChanges(token, cursor) {
      const out: RemoteEvent[] = [];
      let pageToken: string | undefined;
      let syncToken = cursor;
      for (;;) {
        const q = new URLSearchParams({ maxResults: '250' });
        if (syncToken) q.set('syncToken', syncToken);
        if (pageToken) q.set('pageToken', pageToken);
        const res = await call(fetch, `${events}?${q}`, token);
        // 410 Gone: the sync token is no longer valid; start over with a full listing.
        if (res.status === 410 && syncToken) {
          await res.body?.cancel();
          syncToken = null;
          pageToken = undefined;
          out.length = 0;
          continue;
        }
        const page = await ok<{ items?: GEvent[]; nextPageToken?: string; nextSyncToken?: string; timeZone?: string }>(res, 'Google events.list');
        out.push(...(page.items ?? []).map((e) => fromGoogle(e, page.timeZone)));
        if (page.nextPageToken) pageToken = page.nextPageToken;
        else return { events: out, cursor: page.nextSyncToken ?? '', full: !syncToken };
      }
    },
    async create(token, e) {
      return fromGoogle(await ok<GEvent>(await call(fetch, events, token, { method: 'POST', body: JSON.stringify(toGoogle(e)) }), 'Google events.insert'));
    },
    async update(token, id, e) {
      return fromGoogle(await ok<GEvent>(await call(fetch, `${events}/${encodeURIComponent(id)}`, token, { method: 'PATCH', body: JSON.stringify(toGoogle(e)) }), 'Google events.patch'));
    },
    async remove(token, id) {
      const res = await call(fetch, `${events}/${encodeURIComponent(id)}`, token, { method: 'DELETE' });
      if (res.status === 404 || res.status === 410) return void (await res.body?.cancel());
      await ok(res, 'Google events.delete');
    },
    async accountEmail(token) {
      return (await ok<{ id: string }>(await call(fetch, `${base}/calendars/primary`, token), 'Google calendars.get')).id;
    },
  };
}

// ---- Microsoft Graph (https://learn.microsoft.com/graph/api/event-delta) ----

interface MEvent {
  id: string;
  '@odata.etag'?: string;
  '@removed'?: { reason: string };
  subject?: string;
  body?: { contentType?: string; content?: string };
  location?: { displayName?: string };
  start?: { dateTime: string; timeZone: string };
  end?: { dateTime: string; timeZone: string };
  isAllDay?: boolean;
  isCancelled?: boolean;
  lastModifiedDateTime?: string;
}

/** Graph's dateTime has no offset; with `Prefer: outlook.timezone="UTC"` it is UTC. */
const graphTime = (t: { dateTime: string } | undefined) => (t ? new Date(/[zZ]|[+-]\d\d:\d\d$/.test(t.dateTime) ? t.dateTime : `${t.dateTime}Z`) : null);
const PREFER = { prefer: 'outlook.timezone="UTC", outlook.body-content-type="text"' };

function fromGraph(e: MEvent): RemoteEvent {
  return {
    remoteId: e.id,
    etag: e['@odata.etag'] ?? null,
    updatedAt: new Date(e.lastModifiedDateTime ?? Date.now()),
    deleted: Boolean(e['@removed']) || Boolean(e.isCancelled),
    title: e.subject?.trim() || '(no title)',
    description: e.body?.content?.trim() || null,
    location: e.location?.displayName || null,
    startsAt: graphTime(e.start) ?? new Date(),
    endsAt: graphTime(e.end),
    allDay: Boolean(e.isAllDay),
    timezone: 'UTC',
    recurrence: null,
  };
}

function toGraph(e: LocalEvent) {
  const end = e.endsAt ?? new Date(e.startsAt.getTime() + (e.allDay ? 86400_000 : 3600_000));
  // All-day: the dates in the event's zone at midnight, floating (Graph wants midnight in the given zone).
  const at = (d: Date) => ({ dateTime: e.allDay ? `${ymd(d, e.timezone)}T00:00:00` : d.toISOString().replace('Z', ''), timeZone: 'UTC' });
  return {
    subject: e.title,
    body: { contentType: 'text', content: e.description ?? '' },
    location: { displayName: e.location ?? '' },
    start: at(e.startsAt),
    end: at(e.allDay && end <= e.startsAt ? new Date(e.startsAt.getTime() + 86400_000) : end),
    isAllDay: e.allDay,
  };
}

function graphApi(base: string, fetch: typeof globalThis.fetch): CalendarApi {
  return {
    async listChanges(token, cursor) {
      const out: RemoteEvent[] = [];
      // A year back and two ahead: calendarView delta needs a window; the delta link remembers it.
      const initial = () => `${base}/me/calendarView/delta?${new URLSearchParams({ startDateTime: new Date(Date.now() - 365 * 86400_000).toISOString(), endDateTime: new Date(Date.now() + 2 * 365 * 86400_000).toISOString() })}`;
      let full = !cursor;
      let next = cursor ?? initial();
      for (;;) {
        const res = await call(fetch, next, token, { headers: { ...PREFER, prefer: `${PREFER.prefer}, odata.maxpagesize=100` } });
        // An expired delta token: 410 (SyncStateNotFound / resyncRequired) — start a full listing again.
        if (res.status === 410 && !full) {
          await res.body?.cancel();
          full = true;
          out.length = 0;
          next = initial();
          continue;
        }
        const page = await ok<{ value?: MEvent[]; '@odata.nextLink'?: string; '@odata.deltaLink'?: string }>(res, 'Graph calendarView/delta');
        out.push(...(page.value ?? []).map(fromGraph));
        if (page['@odata.nextLink']) next = page['@odata.nextLink'];
        else return { events: out, cursor: page['@odata.deltaLink'] ?? '', full };
      }
    },
    async create(token, e) {
      return fromGraph(await ok<MEvent>(await call(fetch, `${base}/me/events`, token, { method: 'POST', headers: PREFER, body: JSON.stringify(toGraph(e)) }), 'Graph create event'));
    },
    async update(token, id, e) {
      return fromGraph(await ok<MEvent>(await call(fetch, `${base}/me/events/${encodeURIComponent(id)}`, token, { method: 'PATCH', headers: PREFER, body: JSON.stringify(toGraph(e)) }), 'Graph update event'));
    },
    async remove(token, id) {
      const res = await call(fetch, `${base}/me/events/${encodeURIComponent(id)}`, token, { method: 'DELETE' });
      if (res.status === 404) return void (await res.body?.cancel());
      await ok(res, 'Graph delete event');
    },
    async accountEmail(token) {
      const me = await ok<{ mail?: string | null; userPrincipalName?: string }>(await call(fetch, `${base}/me`, token), 'Graph /me');
      return me.mail || me.userPrincipalName || 'unknown';
    },
  };
}
