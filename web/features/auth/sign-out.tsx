import { LogOut } from 'lucide-react';
import { useNavigate } from 'react-router';
import { toast } from 'sonner';
import { Button } from '../../components/ui/button';
import { errorMessage } from '../../lib/api';
import { authClient, unwrap } from '../../lib/auth-client';
import { queryClient } from '../../lib/query-client';

export function useSignOut() {
  const navigate = useNavigate();
  return async () => {
    try {
      await unwrap(authClient.signOut());
    } catch (e) {
      toast.error(errorMessage(e));
      return;
    }
    // Nothing of the previous user may linger in the cache for the next one.
    queryClient.clear();
    navigate('/sign-in', { replace: true });
  };
}

export function SignOutButton() {
  const signOut = useSignOut();
  return (
    <Button variant="secondary" onClick={signOut}>
      <LogOut /> Sign out
    </Button>
  );
}
