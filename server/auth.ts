// Better Auth: email/password sessions, organizations with our four roles, API keys, and
// database-backed rate limits. We write no crypto or session code of our own. Who may call which
// of its endpoints over HTTP, and the credential rules around them, are in lib/auth-gate.ts and
// lib/auth-hooks.ts.
import { apiKey } from '@better-auth/api-key';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { organization } from 'better-auth/plugins';
import { createAccessControl } from 'better-auth/plugins/access';
import { adminAc, defaultStatements, memberAc, ownerAc } from 'better-auth/plugins/organization/access';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../contracts/passwords';
import type { Db } from './db/client';
import * as schema from './db/schema';
import type { Env } from './env';
import { isCredentialPath } from './lib/auth-gate';
import { authHooks, type HookSession } from './lib/auth-hooks';
import { clearSignIn, lockPolicy } from './lib/auth-throttle';
import type { Logger } from './lib/logger';
import type { Mailer } from './lib/mailer';

export const CLIENT_IP_HEADER = 'x-meridian-client-ip';
export const API_KEY_PREFIX = 'mrd_';

// Organization-management permissions per role (the CRM record rules live in server/lib/roles.ts).
// Admins manage members and invitations but not the organization itself; that is the owner's.
// Members and viewers manage nothing here.
const ac = createAccessControl(defaultStatements);
export const orgRoles = {
  owner: ac.newRole(ownerAc.statements),
  admin: ac.newRole({ ...adminAc.statements, organization: [] }),
  member: ac.newRole(memberAc.statements),
  viewer: ac.newRole(memberAc.statements),
};

export function invitationUrl(env: Pick<Env, 'APP_URL'>, invitationId: string) {
  return `${env.APP_URL}/accept-invitation/${invitationId}`;
}

/** `onOrganizationCreated` seeds what every organization starts with (the default pipeline). */
export function createAuth(db: Db, env: Env, mailer: Mailer, log: Logger, onOrganizationCreated?: (orgId: string, userId: string) => Promise<unknown>) {
  // The hooks need sessions from the auth they belong to; bound once it exists.
  const lookupSession = async (headers: Headers): Promise<HookSession | null> => {
    const s = await auth.api.getSession({ headers, query: { disableRefresh: true } }).catch(() => null);
    return s ? { userId: s.user.id, email: s.user.email, name: s.user.name, activeOrganizationId: s.session.activeOrganizationId ?? null } : null;
  };
  /** Mail that must not slow the answer down (its timing would tell that the address exists). Never logs the message. */
  const sendLater = (message: Parameters<NonNullable<Mailer>>[0]) => {
    void mailer?.(message).catch((err: unknown) => log.warn({ err: String(err) }, 'could not send a notice email'));
  };
  const auth = betterAuth({
    // Better Auth's own messages go to our JSON log; a rejected API key is routine, not an error.
    logger: {
      level: 'warn',
      log: (level, message) => (level === 'error' && !/API key/i.test(message) ? log.error({ source: 'auth' }, message) : log.warn({ source: 'auth' }, message)),
    },
    baseURL: env.APP_URL,
    basePath: '/api/auth',
    secret: env.BETTER_AUTH_SECRET,
    trustedOrigins: [env.APP_URL],
    database: drizzleAdapter(db, { provider: 'pg', schema }),
    emailAndPassword: {
      enabled: true,
      // lib/password-policy.ts answers first with a clearer message; these are the backstop.
      minPasswordLength: PASSWORD_MIN_LENGTH,
      maxPasswordLength: PASSWORD_MAX_LENGTH,
      // No session from sign-up: a taken address then gets the very same answer as a fresh one
      // (Better Auth's enumeration protection); the web signs in right after.
      autoSignIn: false,
      onExistingUserSignUp: async ({ user }) => {
        sendLater({
          to: user.email,
          subject: `Someone tried to create a ${env.APP_NAME} account with your address`,
          text: `Hello ${user.name},\n\nSomeone tried to create a new account with this email address, which already has an account. Nothing changed.\nIf it was you, sign in or reset your password instead: ${env.APP_URL}/sign-in\n`,
        });
      },
      // The link goes only to the account's own address, only by email; without SMTP nobody gets it.
      // Sent in the background: an answer slowed by SMTP would tell that the address has an account.
      sendResetPassword: async ({ user, url }) => {
        sendLater({
          to: user.email,
          subject: `Reset your ${env.APP_NAME} password`,
          text: `Hello ${user.name},\n\nUse this link to choose a new password (valid for one hour):\n${url}\n\nIf you did not ask for this, ignore this email; your password stays as it is.\n`,
        });
      },
      // A reset ends every session of the account and lifts a sign-in lock (the inbox proved it).
      revokeSessionsOnPasswordReset: true,
      onPasswordReset: async ({ user }) => {
        await clearSignIn(db, user.email);
      },
    },
    rateLimit: {
      enabled: env.AUTH_RATE_LIMIT,
      storage: 'database',
      window: env.AUTH_RATE_LIMIT_WINDOW_SECONDS,
      max: env.AUTH_RATE_LIMIT_MAX,
      // Per IP, only credential endpoints count (sign-in and sign-up: Better Auth's 3 per 10 s; reset
      // requests: 3 per minute; the rest: the window above). Session checks and other reads do
      // not: a busy office behind one IP must never be signed out by them. Per-account limits are in
      // lib/auth-throttle.ts.
      customRules: {
        '/**': (request, current) => (isCredentialPath(new URL(request.url).pathname.replace(/^\/api\/auth/, '')) ? current : false),
      },
    },
    hooks: authHooks(db, lockPolicy(env), lookupSession),
    advanced: {
      ipAddress: {
        // The node entry point overwrites this header with the socket address, so clients cannot forge it.
        ipAddressHeaders: env.TRUST_PROXY ? [CLIENT_IP_HEADER, 'x-forwarded-for'] : [CLIENT_IP_HEADER],
      },
    },
    telemetry: { enabled: false },
    plugins: [
      organization({
        ac,
        roles: orgRoles,
        creatorRole: 'owner',
        invitationExpiresIn: 7 * 24 * 3600,
        cancelPendingInvitationsOnReInvite: true,
        organizationHooks: {
          afterCreateOrganization: async ({ organization: org, user }) => {
            await onOrganizationCreated?.(org.id, user.id);
          },
        },
        sendInvitationEmail: async ({ id, email, organization: org, inviter }) => {
          if (!mailer) return; // the inviter copies the link from the members page instead
          await mailer({
            to: email,
            subject: `${inviter.user.name} invited you to ${org.name} on ${env.APP_NAME}`,
            text: `You have been invited to join ${org.name}.\n\nAccept the invitation: ${invitationUrl(env, id)}\n`,
          });
        },
      }),
      apiKey({
        defaultPrefix: API_KEY_PREFIX,
        enableMetadata: true,
        // Per-request API limits belong to the API, not to key verification (its default is 10/day).
        rateLimit: { enabled: false },
      }),
    ],
  });
  return auth;
}

export type Auth = ReturnType<typeof createAuth>;
