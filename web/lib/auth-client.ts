// Better Auth's browser client: sign-up/in/out, password reset, organizations and invitations.
import { organizationClient } from 'better-auth/client/plugins';
import { createAccessControl } from 'better-auth/plugins/access';
import { adminAc, defaultStatements, memberAc, ownerAc } from 'better-auth/plugins/organization/access';
import { createAuthClient } from 'better-auth/react';
import { ApiError } from './api';

// Mirrors the server's organization roles (server/auth.ts) so the client knows our four roles,
// 'viewer' included, when inviting; the server remains the one that enforces them.
const ac = createAccessControl(defaultStatements);
const roles = {
  owner: ac.newRole(ownerAc.statements),
  admin: ac.newRole({ ...adminAc.statements, organization: [] }),
  member: ac.newRole(memberAc.statements),
  viewer: ac.newRole(memberAc.statements),
};

export const authClient = createAuthClient({
  baseURL: window.location.origin,
  basePath: '/api/auth',
  plugins: [organizationClient({ ac, roles })],
  // useSession() (onboarding, invitations) asks once when it mounts; no polling, no refetch on
  // every tab focus. The app itself learns the account once per page load (features/auth/session.tsx).
  sessionOptions: { refetchOnWindowFocus: false, refetchInterval: 0 },
});

interface AuthResult<T> {
  data: T | null;
  error: { status: number; code?: string; message?: string; statusText?: string } | null;
}

/** Better Auth returns { data, error }; the rest of the app expects thrown ApiErrors. */
export async function unwrap<T>(call: Promise<AuthResult<T>>): Promise<T> {
  const { data, error } = await call;
  if (error) throw new ApiError(error.status, error.code ?? `http_${error.status}`, error.message || error.statusText || 'Request failed');
  if (data === null) throw new ApiError(500, 'empty_response', 'The server returned no data');
  return data;
}

/** The server refused a new password itself (too short, too easy to guess): its message says why. */
export const isPasswordRefusal = (e: unknown) => e instanceof ApiError && e.code.startsWith('PASSWORD_');
