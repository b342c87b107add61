// Connecting a calendar (Issue 11.6): OAuth 2.0 authorization code with PKCE (RFC 7636, S256),
// tokens sealed at rest with the server's secret box, refreshed when they expire, revoked on
// disconnect (Google has a revocation endpoint; Microsoft has none — the tokens are just deleted).
//
// The `state` parameter is the pending request itself, sealed (AES-256-GCM, so neither the
// browser nor the provider can read or forge it): who started it, for which organization and
// provider, the PKCE code_verifier and an expiry. The callback only accepts it from the same
// signed-in member, within 10 minutes; the provider accepts a code only once.
import * as oauth from 'oauth4webapi';
import { and, eq } from 'drizzle-orm';
import type { CalendarConnection, CalendarIntegrations, CalendarProvider } from '../../../contracts/calendar-sync';
import { CALENDAR_PROVIDERS } from '../../../contracts/calendar-sync';
import type { Db } from '../../db/client';
import { calendarConnections } from '../../db/schema';
import type { ServiceContext } from '../../lib/context';
import type { SecretBox } from '../../lib/crypto';
import { AppError, badRequest, notFound } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import { GrantError, type ProviderConfig } from './providers';

const STATE_TTL_MS = 10 * 60_000;
/** Refresh this long before the access token's stated expiry. */
const EARLY_MS = 60_000;

type Connection = typeof calendarConnections.$inferSelect;

export interface CalendarSyncDeps {
  db: Db;
  box: SecretBox;
  fetch: typeof globalThis.fetch;
  log: Logger;
  appUrl: string;
  providers: Record<CalendarProvider, ProviderConfig>;
  /** Queues a sync of one connection (calendar-sync.jobs.ts). */
  enqueue: (connectionId: string) => Promise<void>;
}

export function present(c: Connection): CalendarConnection {
  return {
    id: c.id,
    provider: c.provider as CalendarProvider,
    accountEmail: c.accountEmail,
    status: c.status as CalendarConnection['status'],
    lastError: c.lastError,
    lastSyncedAt: c.lastSyncedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
  };
}

export function calendarSyncService(d: CalendarSyncDeps) {
  const { db, box } = d;
  const redirectUri = (p: CalendarProvider) => `${d.appUrl}/api/v1/integrations/calendars/${p}/callback`;
  const opts = (cfg: ProviderConfig) => ({ [oauth.customFetch]: d.fetch, ...(cfg.insecure ? { [oauth.allowInsecureRequests]: true } : {}) });
  const configured = (cfg: ProviderConfig) => Boolean(cfg.clientId && cfg.clientSecret);
  const clientOf = (cfg: ProviderConfig) => {
    if (!configured(cfg)) throw new AppError(409, 'not_configured', `${cfg.label} is not set up on this server: an operator sets ${cfg.provider.toUpperCase()}_CLIENT_ID and ${cfg.provider.toUpperCase()}_CLIENT_SECRET`);
    return { client: { client_id: cfg.clientId! } as oauth.Client, auth: oauth.ClientSecretPost(cfg.clientSecret!) };
  };

  function seal(c: { accessToken: string; refreshToken?: string | null; expiresIn?: number }) {
    return {
      accessTokenSealed: box.encrypt(c.accessToken),
      ...(c.refreshToken ? { refreshTokenSealed: box.encrypt(c.refreshToken) } : {}),
      expiresAt: c.expiresIn ? new Date(Date.now() + c.expiresIn * 1000) : null,
    };
  }

  /** A usable access token: the stored one, or a refreshed one when it is (about to be) expired. Throws GrantError when the grant is gone. */
  async function accessToken(conn: Connection, force = false): Promise<string> {
    if (!force && (!conn.expiresAt || conn.expiresAt.getTime() - EARLY_MS > Date.now())) return box.decrypt(conn.accessTokenSealed);
    if (!conn.refreshTokenSealed) throw new GrantError('the access token expired and there is no refresh token');
    const cfg = d.providers[conn.provider as CalendarProvider];
    const { client, auth } = clientOf(cfg);
    let tokens: oauth.TokenEndpointResponse;
    try {
      const res = await oauth.refreshTokenGrantRequest(cfg.as, client, auth, box.decrypt(conn.refreshTokenSealed), opts(cfg));
      tokens = await oauth.processRefreshTokenResponse(cfg.as, client, res);
    } catch (err) {
      if (err instanceof oauth.ResponseBodyError && (err.error === 'invalid_grant' || err.error === 'unauthorized_client' || err.error === 'invalid_client')) throw new GrantError(`${cfg.label} refused the refresh token (${err.error})`);
      throw err;
    }
    const values = { ...seal({ accessToken: tokens.access_token, refreshToken: tokens.refresh_token, expiresIn: tokens.expires_in }), updatedAt: new Date() };
    await db.update(calendarConnections).set(values).where(eq(calendarConnections.id, conn.id));
    Object.assign(conn, values);
    return tokens.access_token;
  }

  async function own(ctx: ServiceContext, id: string): Promise<Connection> {
    const [c] = await db.select().from(calendarConnections).where(and(eq(calendarConnections.id, id), eq(calendarConnections.organizationId, ctx.orgId), eq(calendarConnections.userId, ctx.actor.userId)));
    if (!c) throw notFound('Calendar connection');
    return c;
  }

  return {
    accessToken,
    redirectUri,

    async overview(ctx: ServiceContext): Promise<CalendarIntegrations> {
      const rows = await db.select().from(calendarConnections).where(and(eq(calendarConnections.organizationId, ctx.orgId), eq(calendarConnections.userId, ctx.actor.userId))).orderBy(calendarConnections.createdAt);
      return { providers: CALENDAR_PROVIDERS.map((p) => ({ provider: p, configured: configured(d.providers[p]) })), connections: rows.map(present) };
    },

    /** The provider's authorize URL with state and the S256 code challenge. */
    async connectUrl(ctx: ServiceContext, provider: CalendarProvider): Promise<string> {
      const cfg = d.providers[provider];
      const { client } = clientOf(cfg);
      const verifier = oauth.generateRandomCodeVerifier();
      const state = box.encrypt(JSON.stringify({ u: ctx.actor.userId, o: ctx.orgId, p: provider, v: verifier, e: Date.now() + STATE_TTL_MS }));
      const url = new URL(cfg.as.authorization_endpoint!);
      const params: Record<string, string> = {
        client_id: client.client_id,
        redirect_uri: redirectUri(provider),
        response_type: 'code',
        scope: cfg.scopes,
        state: Buffer.from(state).toString('base64url'),
        code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        ...cfg.authorizeParams,
      };
      for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
      return url.toString();
    },

    /** The provider sent the browser back: exchange the code, keep the tokens sealed, queue the first sync. */
    async callback(ctx: ServiceContext, provider: CalendarProvider, callbackUrl: URL): Promise<CalendarConnection> {
      const cfg = d.providers[provider];
      const { client, auth } = clientOf(cfg);
      const rawState = callbackUrl.searchParams.get('state') ?? '';
      let pending: { u: string; o: string; p: string; v: string; e: number };
      try {
        pending = JSON.parse(box.decrypt(Buffer.from(rawState, 'base64url').toString()));
      } catch {
        throw badRequest('This sign-in link is not valid; start again from Settings → Integrations → Calendars');
      }
      if (pending.u !== ctx.actor.userId || pending.o !== ctx.orgId || pending.p !== provider) throw badRequest('This sign-in was started by someone else or for another calendar; start again');
      if (pending.e < Date.now()) throw badRequest('This sign-in took too long; start again');
      let params: URLSearchParams;
      try {
        params = oauth.validateAuthResponse(cfg.as, client, callbackUrl, rawState);
      } catch (err) {
        if (err instanceof oauth.AuthorizationResponseError) throw new AppError(400, 'oauth_denied', `${cfg.label} did not grant access (${err.error})`);
        throw err;
      }
      let tokens: oauth.TokenEndpointResponse;
      try {
        const res = await oauth.authorizationCodeGrantRequest(cfg.as, client, auth, params, redirectUri(provider), pending.v, opts(cfg));
        tokens = await oauth.processAuthorizationCodeResponse(cfg.as, client, res);
      } catch (err) {
        d.log.warn({ err, provider }, 'calendar code exchange failed');
        if (err instanceof oauth.ResponseBodyError) throw new AppError(400, 'oauth_failed', `${cfg.label} refused the sign-in (${err.error}); start again`);
        throw new AppError(502, 'oauth_failed', `${cfg.label} could not be reached; try again`);
      }
      const email = await cfg.api(d.fetch).accountEmail(tokens.access_token);
      const values = { ...seal({ accessToken: tokens.access_token, refreshToken: tokens.refresh_token, expiresIn: tokens.expires_in }), status: 'ok', lastError: null, updatedAt: new Date() };
      const [row] = await db
        .insert(calendarConnections)
        .values({ organizationId: ctx.orgId, userId: ctx.actor.userId, provider, accountEmail: email, ...values })
        .onConflictDoUpdate({ target: [calendarConnections.organizationId, calendarConnections.userId, calendarConnections.provider, calendarConnections.accountEmail], set: values })
        .returning();
      await d.enqueue(row.id).catch((err) => d.log.error({ err }, 'first calendar sync not queued; the periodic sync will run it'));
      return present(row);
    },

    async syncNow(ctx: ServiceContext, id: string) {
      const c = await own(ctx, id);
      await d.enqueue(c.id);
      return present(c);
    },

    /** Revokes the grant where the provider can, then forgets the connection and its links (events stay). */
    async disconnect(ctx: ServiceContext, id: string) {
      const c = await own(ctx, id);
      const cfg = d.providers[c.provider as CalendarProvider];
      if (cfg.as.revocation_endpoint && configured(cfg)) {
        const { client, auth } = clientOf(cfg);
        const token = box.decrypt(c.refreshTokenSealed ?? c.accessTokenSealed);
        try {
          await oauth.processRevocationResponse(await oauth.revocationRequest(cfg.as, client, auth, token, opts(cfg)));
        } catch (err) {
          // Already revoked or expired on their side: nothing left to revoke.
          d.log.warn({ err, provider: c.provider }, 'calendar token revocation failed; removing the connection anyway');
        }
      }
      await db.delete(calendarConnections).where(eq(calendarConnections.id, c.id));
    },
  };
}
export type CalendarSyncService = ReturnType<typeof calendarSyncService>;
