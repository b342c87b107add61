// The before/after hooks Better Auth runs around each of its endpoints, for HTTP requests: the
// endpoint gate (auth-gate.ts), then the credential rules — password strength on every password
// set, per-account sign-in throttling and lockout, per-address request limits, and "a password
// change ends your other sessions" whatever the client asked.
import { APIError, createAuthMiddleware, isAPIError } from 'better-auth/api';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { session, user, verification } from '../db/schema';
import { gate, GateRefusal } from './auth-gate';
import { clearSignIn, consumeRequest, recordSignInFailure, signInRefusal, type LockPolicy, type Refusal } from './auth-throttle';
import { passwordProblem } from './password-policy';

export interface HookSession {
  userId: string;
  email: string;
  name: string;
  activeOrganizationId: string | null;
}
export type SessionLookup = (headers: Headers) => Promise<HookSession | null>;

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const field = (body: unknown, key: string) => str((body as Record<string, unknown> | undefined)?.[key]);

function tooMany(r: Refusal): never {
  throw new APIError('TOO_MANY_REQUESTS', { code: r.code, message: r.message }, { 'Retry-After': String(r.retryAfter) });
}

async function requireStrongPassword(password: unknown, userInputs: (string | undefined)[]) {
  const problem = await passwordProblem(password, userInputs);
  if (problem) throw new APIError('BAD_REQUEST', { code: problem.code, message: problem.message });
}

/** The account a reset token belongs to, for the password check's personal words. */
async function resetTokenUser(db: Db, token: string | undefined) {
  if (!token) return undefined;
  const [row] = await db
    .select({ email: user.email, name: user.name })
    .from(verification)
    .innerJoin(user, eq(user.id, verification.value))
    .where(eq(verification.identifier, `reset-password:${token}`));
  return row;
}

export function authHooks(db: Db, policy: LockPolicy, lookupSession: SessionLookup) {
  /** The caller's session as it was before a password change replaced it. */
  const changing = new WeakMap<Request, HookSession>();
  const before = createAuthMiddleware(async (ctx) => {
    if (!ctx.request) return; // our own server-side calls
    let caller: Promise<HookSession | null> | undefined;
    const sessionOnce = () => (caller ??= lookupSession(ctx.headers ?? new Headers()));
    try {
      await gate(db, { path: ctx.path, body: ctx.body, query: ctx.query, session: sessionOnce });
    } catch (e) {
      if (e instanceof GateRefusal) throw new APIError(e.status, { code: e.code, message: e.message });
      throw e;
    }

    const email = field(ctx.body, 'email');
    switch (ctx.path) {
      case '/sign-up/email': {
        await requireStrongPassword(ctx.body?.password, [email, field(ctx.body, 'name')]);
        const refusal = email ? await consumeRequest(db, 'sign-up', email) : null;
        if (refusal) tooMany(refusal);
        return;
      }
      case '/sign-in/email': {
        const refusal = email ? await signInRefusal(db, policy, email) : null;
        if (refusal) tooMany(refusal);
        return;
      }
      case '/request-password-reset': {
        const refusal = email ? await consumeRequest(db, 'request-password-reset', email) : null;
        if (refusal) tooMany(refusal);
        return;
      }
      case '/reset-password': {
        const owner = await resetTokenUser(db, field(ctx.body, 'token') ?? str((ctx.query as Record<string, unknown> | undefined)?.token));
        await requireStrongPassword(ctx.body?.newPassword, [owner?.email, owner?.name]);
        return;
      }
      case '/change-password': {
        const me = (await sessionOnce())!; // the gate made sure there is one
        changing.set(ctx.request, me);
        const refusal = await signInRefusal(db, policy, me.email);
        if (refusal) tooMany(refusal);
        await requireStrongPassword(ctx.body?.newPassword, [me.email, me.name]);
        // ASVS V7.4.3: a new password ends the other sessions, whatever the client asked for.
        return { context: { body: { ...ctx.body, revokeOtherSessions: true } } };
      }
    }
  });

  const after = createAuthMiddleware(async (ctx) => {
    if (!ctx.request) return;
    const returned = ctx.context.returned;
    if (ctx.path === '/sign-in/email') {
      const email = field(ctx.body, 'email');
      if (!email) return;
      if (isAPIError(returned)) {
        if (returned.statusCode === 401) await recordSignInFailure(db, policy, email);
      } else {
        await clearSignIn(db, email);
      }
    }
    if (ctx.path === '/change-password') {
      const me = changing.get(ctx.request);
      if (!me) return;
      if (isAPIError(returned)) {
        if (returned.body?.code === 'INVALID_PASSWORD') await recordSignInFailure(db, policy, me.email);
        return;
      }
      // The fresh session that replaced the others keeps the organization the user was working in.
      const token = str((returned as { token?: unknown } | undefined)?.token);
      if (token && me.activeOrganizationId) await db.update(session).set({ activeOrganizationId: me.activeOrganizationId }).where(eq(session.token, token));
    }
  });

  return { before, after };
}
