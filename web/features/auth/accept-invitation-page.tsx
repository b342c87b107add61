// /accept-invitation/:id — the link an admin shares. Signed-out visitors sign in or up and come back.
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { toast } from 'sonner';
import { AuthLayout, FullPageSpinner } from '../../components/full-page';
import { Button } from '../../components/ui/button';
import { FormError } from '../../components/ui/field';
import { errorMessage } from '../../lib/api';
import { authClient, unwrap } from '../../lib/auth-client';
import { queryClient } from '../../lib/query-client';

export function AcceptInvitationPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const session = authClient.useSession();
  const signedIn = Boolean(session.data);

  const invitation = useQuery({
    queryKey: ['invitation', id],
    queryFn: () => unwrap(authClient.organization.getInvitation({ query: { id } })),
    enabled: signedIn,
  });

  const accept = useMutation({
    mutationFn: async () => {
      const result = await unwrap(authClient.organization.acceptInvitation({ invitationId: id }));
      await unwrap(authClient.organization.setActive({ organizationId: result.invitation.organizationId }));
    },
    onSuccess: async () => {
      // An accepted invitation is no longer readable; drop it rather than refetch it into a 400.
      queryClient.removeQueries({ queryKey: ['invitation', id] });
      await queryClient.resetQueries();
      toast.success('Welcome aboard!');
      navigate('/', { replace: true });
    },
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
  if (invitation.isError) {
    return (
      <AuthLayout title="Invitation not available" footer={<Link className="text-indigo-600 hover:underline" to="/">Go to the app</Link>}>
        <p className="text-sm text-zinc-700">
          {errorMessage(invitation.error)}. The invitation may have expired, been cancelled, or been sent to a different email address than{' '}
          <strong>{session.data?.user.email}</strong>.
        </p>
      </AuthLayout>
    );
  }

  const inv = invitation.data;
  return (
    <AuthLayout title={`Join ${inv.organizationName}`} subtitle={`${inv.inviterEmail} invited you as ${inv.role}.`}>
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
