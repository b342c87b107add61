// Every endpoint Better Auth mounts under /api/auth, and who may call it over HTTP (DESIGN.md §2,
// invariant 10). Better Auth's own checks still run after ours; ours add what it does not know:
// our role ladder, deactivation, and the endpoints we do not use at all.
//
// Deny by default: an endpoint missing from AUTH_ENDPOINTS (say, one a plugin upgrade adds) answers
// 404 until someone decides here who may call it. server/auth-routes.test.ts enumerates auth.api and
// fails while the table and the mounted endpoints differ.
//
// Only HTTP requests pass this gate; our own services call auth.api server-side, on purpose.
import { and, eq } from 'drizzle-orm';
import type { Role } from '../../contracts/common';
import type { Db } from '../db/client';
import { invitation, member, organization } from '../db/schema';
import { hasRole } from './roles';

export type AuthEndpointPolicy =
  /** Anyone, signed in or not. `credential` ones are the only ones the auth rate limiter counts. */
  | { access: 'public'; credential?: true }
  /** Any signed-in user, about themselves (Better Auth scopes these to the caller). */
  | { access: 'session'; credential?: true }
  /** An active (not deactivated) member of every organization the request names, with at least `role`. */
  | { access: 'org'; role: Role }
  /** Not used by Meridian: 404. */
  | { access: 'disabled'; why: string };

const pub = { access: 'public' } as const;
const credential = { access: 'public', credential: true } as const;
const self = { access: 'session' } as const;
const org = (role: Role) => ({ access: 'org', role }) as const;
const off = (why: string) => ({ access: 'disabled', why }) as const;

export const AUTH_ENDPOINTS: Record<string, AuthEndpointPolicy> = {
  // Signing in and out, and the session.
  '/sign-up/email': credential,
  '/sign-in/email': credential,
  '/sign-out': pub,
  '/get-session': pub, // answers null without a session
  '/request-password-reset': credential,
  '/reset-password/:token': credential, // the emailed link; redirects to the web page with the token
  '/reset-password': credential, // sets the new password with that token
  // The signed-in user's own account and sessions (ASVS V7.5: see and end your sessions).
  '/change-password': { access: 'session', credential: true },
  '/update-user': self,
  '/list-sessions': self,
  '/revoke-session': self,
  '/revoke-sessions': self,
  '/revoke-other-sessions': self,
  // Creating an organization, finding yours, answering invitations addressed to you.
  '/organization/create': self,
  '/organization/check-slug': self,
  '/organization/list': self,
  '/organization/get-invitation': self, // Better Auth checks the invitation is to the caller's email
  '/organization/accept-invitation': self,
  '/organization/reject-invitation': self,
  // One organization: our role ladder.
  '/organization/set-active': org('viewer'),
  '/organization/get-organization': org('viewer'),
  '/organization/list-members': org('viewer'),
  '/organization/get-active-member': org('viewer'),
  '/organization/get-active-member-role': org('viewer'),
  '/organization/has-permission': org('viewer'),
  '/organization/leave': org('viewer'),
  '/organization/get-full-organization': org('admin'), // it includes the pending invitations
  '/organization/list-invitations': org('admin'),
  '/organization/invite-member': org('admin'),
  '/organization/cancel-invitation': org('admin'),
  '/organization/update-member-role': org('admin'),
  '/organization/remove-member': org('admin'),
  '/organization/update': org('owner'),
  '/organization/delete': org('owner'),
  // Not used.
  '/api-key/create': off('keys are made by admins through POST /api/v1/api-keys'),
  '/api-key/get': off('keys are listed through GET /api/v1/api-keys'),
  '/api-key/list': off('keys are listed through GET /api/v1/api-keys'),
  '/api-key/update': off('keys are not edited; revoke and make a new one'),
  '/api-key/delete': off('keys are revoked through DELETE /api/v1/api-keys/{id}'),
  '/sign-in/social': off('no social sign-in providers'),
  '/callback/:id': off('no OAuth providers'),
  '/link-social': off('no social sign-in providers'),
  '/unlink-account': off('no social sign-in providers'),
  '/list-accounts': off('no social sign-in providers'),
  '/refresh-token': off('no OAuth providers'),
  '/get-access-token': off('no OAuth providers'),
  '/account-info': off('no OAuth providers'),
  '/verify-email': off('email verification is not used'),
  '/send-verification-email': off('email verification is not used'),
  '/change-email': off('changing the email is not offered'),
  '/delete-user': off('accounts are not self-deleted'),
  '/delete-user/callback': off('accounts are not self-deleted'),
  '/update-session': off('sessions carry no editable fields'),
  '/verify-password': off('nothing asks for the password again this way'),
  '/organization/list-user-invitations': off('Better Auth requires verified emails for it, which Meridian does not use'),
  '/ok': off('GET /api/health is the health check'),
  '/error': off('the web app shows its own error pages'),
};

/** Paths the auth rate limiter counts (per IP); see server/auth.ts. */
export function isCredentialPath(path: string) {
  return Object.entries(AUTH_ENDPOINTS).some(([p, policy]) => 'credential' in policy && policy.credential && matches(p, path));
}

function matches(template: string, path: string) {
  const a = template.split('/');
  const b = path.split('/');
  return a.length === b.length && a.every((seg, i) => seg.startsWith(':') || seg === b[i]);
}

export class GateRefusal extends Error {
  constructor(
    readonly status: 401 | 403 | 404 | 400,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface GateRequest {
  path: string;
  body?: unknown;
  query?: unknown;
  /** The caller's session, looked up only when the endpoint needs one. */
  session: () => Promise<{ userId: string; activeOrganizationId: string | null } | null>;
}

const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);

/**
 * Every organization the request names, however it names it: id, slug, an invitation or a member
 * of it, or (when it names none) the session's active one, which is what Better Auth then uses.
 * Each must pass the check, so no mix of fields can aim Better Auth at an organization we did
 * not check.
 */
async function organizationsNamed(db: Db, input: Record<string, unknown>, activeOrganizationId: string | null): Promise<string[]> {
  const ids = new Set<string>();
  const orgId = str(input.organizationId);
  const slug = str(input.organizationSlug);
  if (orgId) ids.add(orgId);
  if (slug) {
    const [o] = await db.select({ id: organization.id }).from(organization).where(eq(organization.slug, slug));
    ids.add(o?.id ?? `unknown-slug:${slug}`);
  }
  if (!orgId && !slug && activeOrganizationId) ids.add(activeOrganizationId);
  const invitationId = str(input.invitationId);
  if (invitationId) {
    const [i] = await db.select({ organizationId: invitation.organizationId }).from(invitation).where(eq(invitation.id, invitationId));
    if (i) ids.add(i.organizationId);
  }
  for (const memberId of [str(input.memberId), str(input.memberIdOrEmail)]) {
    if (!memberId || memberId.includes('@')) continue;
    const [m] = await db.select({ organizationId: member.organizationId }).from(member).where(eq(member.id, memberId));
    if (m) ids.add(m.organizationId);
  }
  return [...ids];
}

async function requireMembership(db: Db, userId: string, organizationId: string, role: Role) {
  const [m] = await db
    .select({ role: member.role, deactivatedAt: member.deactivatedAt })
    .from(member)
    .where(and(eq(member.userId, userId), eq(member.organizationId, organizationId)));
  if (!m) throw new GateRefusal(403, 'NOT_A_MEMBER', 'You are not a member of this organization');
  if (m.deactivatedAt) throw new GateRefusal(403, 'DEACTIVATED', 'Your access to this organization has been deactivated by an admin');
  if (!hasRole(m.role as Role, role)) throw new GateRefusal(403, 'FORBIDDEN', `Your role (${m.role}) cannot do this: it needs ${role} or above`);
}

/** Throws a GateRefusal unless the caller may use this endpoint; resolves with its policy. */
export async function gate(db: Db, req: GateRequest): Promise<AuthEndpointPolicy> {
  const policy = AUTH_ENDPOINTS[req.path];
  if (!policy || policy.access === 'disabled') throw new GateRefusal(404, 'NOT_FOUND', 'Not found');
  if (policy.access === 'public') return policy;
  const session = await req.session();
  if (!session) throw new GateRefusal(401, 'UNAUTHORIZED', 'Sign in first');
  if (policy.access === 'session') return policy;

  const input = { ...(req.query as Record<string, unknown> | undefined), ...(req.body as Record<string, unknown> | undefined) };
  // Unsetting the active organization concerns no organization.
  if (req.path === '/organization/set-active' && input.organizationId === null) return policy;
  const named = await organizationsNamed(db, input, session.activeOrganizationId);
  if (named.length === 0) throw new GateRefusal(400, 'NO_ORGANIZATION', 'Name an organization (organizationId) or set an active one first');
  for (const id of named) await requireMembership(db, session.userId, id, policy.role);
  return policy;
}
