// Who is signed in, in which organization, with which role — from GET /api/v1/me — and the
// guard that sends everyone else to sign-in or onboarding.
import { useQuery } from '@tanstack/react-query';
import { createContext, use, type ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { Role } from '../../../contracts/common';
import type { Me as MeResponse } from '../../../contracts/responses';
import { api, ApiError } from '../../lib/api';
import { authClient, unwrap } from '../../lib/auth-client';
import { FullPageMessage, FullPageSpinner } from '../../components/full-page';
import { SignOutButton } from './sign-out';

/** GET /me, as the contract describes it. */
export type Me = MeResponse;

export const meQueryKey = ['me'] as const;

type Account = { state: 'signed-out' } | { state: 'no-organization' } | { state: 'member'; me: Me };

/**
 * Asks Better Auth first (200 with or without a session) so that a signed-out visitor or a new
 * user without an organization is routed without provoking 401/403s from /me.
 */
async function loadAccount(signal: AbortSignal): Promise<Account> {
  const session = await authClient.getSession();
  if (!session.data) return { state: 'signed-out' };
  if (!session.data.session.activeOrganizationId) {
    const orgs = await unwrap(authClient.organization.list());
    const first = orgs[0];
    if (!first) return { state: 'no-organization' };
    await unwrap(authClient.organization.setActive({ organizationId: first.id }));
  }
  try {
    return { state: 'member', me: (await api<{ data: Me }>('/me', { signal })).data };
  } catch (e) {
    // The session can end or lose its organization between the two calls.
    if (e instanceof ApiError && e.status === 401) return { state: 'signed-out' };
    if (e instanceof ApiError && e.code === 'no_organization') return { state: 'no-organization' };
    throw e;
  }
}

export function useAccountQuery() {
  return useQuery({ queryKey: meQueryKey, queryFn: ({ signal }) => loadAccount(signal), staleTime: 60_000 });
}

const MeContext = createContext<Me | null>(null);

/** The signed-in member; only valid under <RequireMembership>. */
export function useMe(): Me {
  const me = use(MeContext);
  if (!me) throw new Error('useMe() used outside <RequireMembership>');
  return me;
}

export function canEdit(role: Role) {
  return role !== 'viewer';
}

export function isAdmin(role: Role) {
  return role === 'owner' || role === 'admin';
}

export function RequireMembership({ children }: { children?: ReactNode }) {
  const account = useAccountQuery();
  const location = useLocation();
  if (account.isPending) return <FullPageSpinner />;
  if (account.isError) {
    const e = account.error;
    return (
      <FullPageMessage title={e instanceof ApiError && e.status === 403 ? 'No access' : 'Cannot load your account'} message={e.message}>
        <SignOutButton />
      </FullPageMessage>
    );
  }
  if (account.data.state === 'signed-out') {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  if (account.data.state === 'no-organization') return <Navigate to="/onboarding" replace />;
  return <MeContext value={account.data.me}>{children ?? <Outlet />}</MeContext>;
}
