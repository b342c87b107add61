// Who is signed in, in which organization, with which role — from GET /api/v1/me — and the
// guard that sends everyone else to sign-in or onboarding.
import { useQuery } from '@tanstack/react-query';
import { createContext, use, type ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { Role } from '../../../contracts/common';
import { api, ApiError } from '../../lib/api';
import { FullPageMessage, FullPageSpinner } from '../../components/full-page';
import { SignOutButton } from './sign-out';

export interface Me {
  user: { id: string; name: string; email: string };
  organization: { id: string; name: string; slug: string };
  role: Role;
  features: { email: boolean };
}

export const meQueryKey = ['me'] as const;

export function useMeQuery() {
  return useQuery({
    queryKey: meQueryKey,
    queryFn: ({ signal }) => api<{ data: Me }>('/me', { signal }).then((r) => r.data),
    staleTime: 60_000,
  });
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
  const me = useMeQuery();
  const location = useLocation();
  if (me.isPending) return <FullPageSpinner />;
  if (me.isError) {
    const e = me.error;
    if (e instanceof ApiError && e.status === 401) {
      const next = location.pathname + location.search;
      return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
    }
    if (e instanceof ApiError && e.code === 'no_organization') return <Navigate to="/onboarding" replace />;
    return (
      <FullPageMessage title={e instanceof ApiError && e.status === 403 ? 'No access' : 'Cannot load your account'} message={e.message}>
        <SignOutButton />
      </FullPageMessage>
    );
  }
  return <MeContext value={me.data}>{children ?? <Outlet />}</MeContext>;
}
