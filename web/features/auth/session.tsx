// Who is signed in, in which organization, with which role — from GET /api/v1/me — and the
// guard that sends everyone else to sign-in or onboarding.
import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { api, ApiError } from '../../lib/api';
import { authClient, unwrap } from '../../lib/auth-client';
import { FullPageMessage, FullPageSpinner } from '../../components/full-page';
import { MeContext, type Me } from '../../lib/me';
import { accountQueryKey } from '../../lib/query-client';
import { useTheme } from '../../lib/theme';
import { SignOutButton } from './sign-out';

// The member itself and the role checks live in lib/me.ts (components read them there); the
// features keep importing them from here.
export { canEdit, isAdmin, useMe, type Me } from '../../lib/me';

export const meQueryKey = accountQueryKey;

type Account = { state: 'signed-out' } | { state: 'no-organization' } | { state: 'member'; me: Me };

/**
 * Asks Better Auth first (200 with or without a session) so that a signed-out visitor or a new
 * user without an organization is routed without provoking 401/403s from /me. Runs once per page
 * load (and after sign-in, sign-out or an organization switch reset the query), never per
 * navigation: the server limits how often credentials are tried, not how often this is asked, but
 * there is no reason to ask more.
 */
async function loadAccount(signal: AbortSignal): Promise<Account> {
  // A failed check (network, 5xx) is an error to show, not a reason to sign the user out.
  const { data: session, error } = await authClient.getSession({ fetchOptions: { signal } });
  if (error) throw new ApiError(error.status, error.code ?? `http_${error.status}`, error.message || error.statusText || 'Cannot check your session');
  if (!session?.session) return { state: 'signed-out' };
  if (!session.session.activeOrganizationId) {
    const orgs = await unwrap(authClient.organization.list());
    if (orgs.length === 0) return { state: 'no-organization' };
    // The first organization that lets the user in (one may have deactivated them).
    let refusal: unknown;
    for (const org of orgs) {
      try {
        await unwrap(authClient.organization.setActive({ organizationId: org.id }));
        refusal = undefined;
        break;
      } catch (e) {
        refusal = e;
      }
    }
    if (refusal) throw refusal;
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

/**
 * Loads the account into the cache before a page that needs it is shown (after creating or
 * joining an organization), so the app opens on its page instead of behind a full-page spinner.
 */
export function prefetchAccount(client: QueryClient) {
  return client.fetchQuery({ queryKey: meQueryKey, queryFn: ({ signal }) => loadAccount(signal), staleTime: Infinity });
}

export function useAccountQuery() {
  // Never stale by time: it changes only when the user signs in or out or switches organization,
  // and those reset the query. A 401 from any later API call still sends them to sign-in.
  return useQuery({ queryKey: meQueryKey, queryFn: ({ signal }) => loadAccount(signal), staleTime: Infinity });
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
  return <MemberApp me={account.data.me}>{children ?? <Outlet />}</MemberApp>;
}

function MemberApp({ me, children }: { me: Me; children: ReactNode }) {
  useTheme(me.preferences.theme);
  return <MeContext value={me}>{children}</MeContext>;
}
