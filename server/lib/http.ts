// The HTTP edge of /api/v1: who is calling (session cookie or API key), the role gate that runs
// before body validation (so a viewer's write is a 403 whatever its body), and the error hook.
import { OpenAPIHono } from '@hono/zod-openapi';
import { and, asc, eq } from 'drizzle-orm';
import type { Context, MiddlewareHandler } from 'hono';
import type { Role } from '../../contracts/common';
import type { Auth } from '../auth';
import type { Db } from '../db/client';
import { member } from '../db/schema';
import type { AuthCache, CachedCaller } from './auth-cache';
import type { ServiceContext } from './context';
import { forbidden, fromZod, unauthorized } from './errors';
import { requireRole } from './roles';

export interface AppVariables {
  ctx: ServiceContext;
  requestId: string;
}
export type AppEnv = { Variables: AppVariables };

/** An OpenAPIHono whose validation failures become our 400 error shape with field paths. */
export function apiRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const prefix = result.target === 'json' ? undefined : result.target;
        throw fromZod(result.error, prefix === 'param' ? undefined : prefix);
      }
    },
  });
}

/** Only callers with at least `role` get past this; it runs before validation. */
export function allow(role: Role): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    requireRole(c.get('ctx'), role);
    await next();
  };
}

export function serviceContext(c: Context<AppEnv>): ServiceContext {
  return c.get('ctx');
}

interface ApiKeyVerification {
  valid: boolean;
  key: { id: string; referenceId: string; expiresAt?: Date | string | null; metadata?: Record<string, unknown> | null } | null;
}

/** Better Auth's session cookie (`__Secure-` prefixed over HTTPS). */
const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?better-auth\.session_token=([^;]+)/;

/**
 * Resolves the caller into a ServiceContext, or answers 401/403. A credential seen recently is
 * answered from `cache` without a query (lib/auth-cache.ts says how it is kept honest).
 */
export function authenticate(auth: Auth, db: Db, cache?: AuthCache): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const authorization = c.req.header('authorization');
    const bearer = authorization?.toLowerCase().startsWith('bearer ') ? authorization.slice(7).trim() : undefined;
    const cookie = bearer ? undefined : SESSION_COOKIE.exec(c.req.header('cookie') ?? '')?.[1];
    const cacheKey = cache && (bearer ? cache.key('api_key', bearer) : cookie ? cache.key('session', cookie) : undefined);
    const known = cacheKey ? cache!.get(cacheKey) : undefined;
    const caller = known ?? (await resolveCaller(auth, db, c.req.raw.headers, bearer, (caller, expiresAt) => cacheKey && cache!.set(cacheKey, caller, expiresAt)));
    c.set('ctx', {
      db,
      orgId: caller.orgId,
      role: caller.role,
      actor: caller.via ? { type: 'api_key', userId: caller.userId, via: caller.via } : { type: 'user', userId: caller.userId },
    });
    await next();
  };
}

/** Asks Better Auth who this is and our member table what they may do here. */
async function resolveCaller(auth: Auth, db: Db, headers: Headers, bearer: string | undefined, remember: (caller: CachedCaller, expiresAt: Date | null) => unknown): Promise<CachedCaller> {
  let userId: string;
  let orgId: string | undefined;
  let via: string | undefined;
  let expiresAt: Date | null = null;
  if (bearer !== undefined) {
    const result = (await auth.api.verifyApiKey({ body: { key: bearer } }).catch(() => null)) as ApiKeyVerification | null;
    if (!result?.valid || !result.key) throw unauthorized('This API key is invalid or has been revoked');
    userId = result.key.referenceId;
    const meta = result.key.metadata;
    orgId = typeof meta?.organizationId === 'string' ? meta.organizationId : undefined;
    if (!orgId) throw unauthorized('This API key is not bound to an organization');
    via = result.key.id;
    expiresAt = result.key.expiresAt ? new Date(result.key.expiresAt) : null;
  } else {
    const session = await auth.api.getSession({ headers });
    if (!session) throw unauthorized();
    userId = session.user.id;
    orgId = session.session.activeOrganizationId ?? undefined;
    expiresAt = new Date(session.session.expiresAt);
  }
  // The active organization, or (for a session that never chose one) the user's first.
  const [membership] = await db
    .select({ organizationId: member.organizationId, role: member.role, deactivatedAt: member.deactivatedAt })
    .from(member)
    .where(orgId ? and(eq(member.userId, userId), eq(member.organizationId, orgId)) : eq(member.userId, userId))
    .orderBy(asc(member.createdAt))
    .limit(1);
  if (!membership) {
    throw orgId
      ? forbidden('You are not a member of this organization', 'not_a_member')
      : forbidden('Create or join an organization first', 'no_organization');
  }
  if (membership.deactivatedAt) throw forbidden('Your access to this organization has been deactivated by an admin', 'deactivated');
  const caller: CachedCaller = { userId, orgId: membership.organizationId, role: membership.role as Role, ...(via ? { via } : {}) };
  remember(caller, expiresAt);
  return caller;
}
