// /accept-invitation/:id — the link an admin shares. Signed-out visitors sign in or up and come back.
// The invitation is read from GET /me/invitations/{id}, which answers also once it is accepted, so
// opening the link again says "already accepted" with a way in instead of asking again (a 400).
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { toast } from 'sonner';
import type { MyInvitation } from '../../../contracts/responses';
import { AuthLayout, FullPageSpinner } from '../../components/full-page';
import { Button } from '../../components/ui/button';
import { FormError } from '../../components/ui/field';
import { api, errorMessage } from '../../lib/api';
import { authClient, unwrap } from '../../lib/auth-client';
import { enumLabel } from '../../lib/format';
import { queryClient } from '../../lib/query-client';
import { prefetchAccount } from './session';

export function AcceptInvitationPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const session = authClient.useSession();
  const signedIn = Boolean(session.data);

  const invitation = useQuery({
    queryKey: ['invitation', id],
    queryFn: () => api<{ data: MyInvitation }>(`/me/invitations/${encodeURIComponent(id)}`).then((r) => r.data),
    enabled: signedIn,
    retry: false,
  });

  /** Into the invitation's organization: its dashboard, with every cached query dropped. */
  const enter = useMutation({
    mutationFn: (organizationId: string) => unwrap(authClient.organization.setActive({ organizationId })),
    onSuccess: async () => {
      await queryClient.resetQueries();
      await prefetchAccount(queryClient);
      navigate('/', { replace: true });
    },
  });

  const accept = useMutation({
    mutationFn: async () => {
      const result = await unwrap(authClient.organization.acceptInvitation({ invitationId: id }));
      await unwrap(authClient.organization.setActive({ organizationId: result.invitation.organizationId }));
    },
    onSuccess: async () => {
      await queryClient.resetQueries();
      await prefetchAccount(queryClient);
      toast.success('Welcome aboard!');
      navigate('/', { replace: true });
    },
    // Accepted meanwhile (another tab, a double click): read it again, the page then says so.
    onError: () => invitation.refetch(),
  });

  const reject = useMutation({
    mutationFn: () => unwrap(authClient.organization.rejectInvitation({ invitationId: id })),
    onSuccess: () => {
      toast.success('Invitation declined');
      navigate('/', { replace: true });
    },
  });

  if (session.isPending) return <FullPageSpinner />;

  const here = `/accept-invitation/${encodeURIComponent(id)}`;
  if (!signedIn) {
    return (
      <AuthLayout title="You've been invited" subtitle="Sign in or create an account to join your team on Meridian CRM.">
        <div className="flex flex-col gap-3">
          <Button asChild>
            <Link to={`/sign-up?next=${encodeURIComponent(here)}`}>Create an account</Link>
          </Button>
          <Button asChild variant="secondary">
            <Link to={`/sign-in?next=${encodeURIComponent(here)}`}>Sign in</Link>
          </Button>
        </div>
      </AuthLayout>
    );
  }

  if (invitation.isPending) return <FullPageSpinner />;
  const toApp = <Link className="text-indigo-700 hover:underline" to="/">Go to the app</Link>;
  if (invitation.isError) {
    return (
      <AuthLayout title="Invitation not available" footer={toApp}>
        <p className="text-sm text-zinc-700">
          {errorMessage(invitation.error)}. The invitation may have been sent to a different email address than{' '}
          <strong>{session.data?.user.email}</strong>.
        </p>
      </AuthLayout>
    );
  }

  const inv = invitation.data;
  if (inv.status === 'accepted' || (inv.status === 'pending' && inv.isMember)) {
    return (
      <AuthLayout title="Invitation already accepted" subtitle={`You are a member of ${inv.organizationName}.`}>
        <div className="space-y-4">
          <FormError message={enter.error ? errorMessage(enter.error) : null} />
          <Button className="w-full" onClick={() => enter.mutate(inv.organizationId)} disabled={enter.isPending}>
            {enter.isPending ? 'Opening…' : `Open ${inv.organizationName}`}
          </Button>
        </div>
      </AuthLayout>
    );
  }
  if (inv.status !== 'pending' || inv.expired) {
    const why = inv.expired ? 'has expired' : inv.status === 'rejected' ? 'was declined' : 'was cancelled';
    return (
      <AuthLayout title="Invitation not available" footer={toApp}>
        <p className="text-sm text-zinc-700">
          This invitation to <strong>{inv.organizationName}</strong> {why}. Ask {inv.inviterEmail ?? 'an admin'} to invite you again.
        </p>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title={`Join ${inv.organizationName}`} subtitle={`${inv.inviterEmail ?? 'An admin'} invited you as ${enumLabel(inv.role ?? 'member').toLowerCase()}.`}>
      <div className="space-y-4">
        <FormError message={accept.error ? errorMessage(accept.error) : reject.error ? errorMessage(reject.error) : null} />
        <Button className="w-full" onClick={() => accept.mutate()} disabled={accept.isPending}>
          {accept.isPending ? 'Joining…' : 'Accept invitation'}
        </Button>
        <Button className="w-full" variant="secondary" onClick={() => reject.mutate()} disabled={reject.isPending}>
          Decline
        </Button>
      </div>
    </AuthLayout>
  );
}
