// Better Auth: email/password sessions, organizations with our four roles, API keys, and
// database-backed rate limits. We write no crypto or session code of our own.
import { AsyncLocalStorage } from 'node:async_hooks';
import { apiKey } from '@better-auth/api-key';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { organization } from 'better-auth/plugins';
import { createAccessControl } from 'better-auth/plugins/access';
import { adminAc, defaultStatements, memberAc, ownerAc } from 'better-auth/plugins/organization/access';
import type { Db } from './db/client';
import * as schema from './db/schema';
import type { Env } from './env';
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

/** Lets an admin-triggered reset hand the link back to the admin when no SMTP is configured. */
const resetLinkCapture = new AsyncLocalStorage<{ url?: string }>();
export async function captureResetLink(fn: () => Promise<unknown>): Promise<string | undefined> {
  const box: { url?: string } = {};
  await resetLinkCapture.run(box, fn);
  return box.url;
}

export function invitationUrl(env: Pick<Env, 'APP_URL'>, invitationId: string) {
  return `${env.APP_URL}/accept-invitation/${invitationId}`;
}

/** `onOrganizationCreated` seeds what every organization starts with (the default pipeline). */
export function createAuth(db: Db, env: Env, mailer: Mailer, log: Logger, onOrganizationCreated?: (orgId: string, userId: string) => Promise<unknown>) {
  return betterAuth({
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
      minPasswordLength: 8,
      sendResetPassword: async ({ user, url }) => {
        const box = resetLinkCapture.getStore();
        if (box) box.url = url;
        if (mailer) {
          await mailer({
            to: user.email,
            subject: 'Reset your Meridian CRM password',
            text: `Hello ${user.name},\n\nUse this link to choose a new password (valid for one hour):\n${url}\n`,
          });
        }
      },
    },
    rateLimit: {
      enabled: env.AUTH_RATE_LIMIT,
      storage: 'database',
      window: env.AUTH_RATE_LIMIT_WINDOW_SECONDS,
      max: env.AUTH_RATE_LIMIT_MAX,
    },
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
            subject: `${inviter.user.name} invited you to ${org.name} on Meridian CRM`,
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
}

export type Auth = ReturnType<typeof createAuth>;
