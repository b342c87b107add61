import { useMutation, useQuery } from '@tanstack/react-query';
import type { Role } from '../../../contracts/common';
import type { ApiKey, Invitation, Member } from '../../../contracts/members';
import { api } from '../../lib/api';
import { membersQueryKey } from '../../lib/members';
import { authClient, unwrap } from '../../lib/auth-client';
import { queryClient } from '../../lib/query-client';

const keys = {
  members: membersQueryKey,
  invitations: ['invitations'] as const,
  apiKeys: ['api-keys'] as const,
};

// useMembers lives in lib/members.ts (owner selects in components/ read it); re-exported for the features.
export { useMembers } from '../../lib/members';

export function useInvitations(enabled: boolean) {
  return useQuery({
    queryKey: keys.invitations,
    queryFn: ({ signal }) => api<{ data: Invitation[] }>('/invitations', { signal }).then((r) => r.data),
    enabled,
  });
}

const refreshMembers = () => queryClient.invalidateQueries({ queryKey: keys.members });

export function useChangeRole() {
  return useMutation({
    mutationFn: ({ id, role }: { id: string; role: Role }) => api<{ data: Member }>(`/members/${id}`, { method: 'PATCH', body: { role } }),
    onSuccess: refreshMembers,
  });
}

export function useRemoveMember() {
  return useMutation({ mutationFn: (id: string) => api<void>(`/members/${id}`, { method: 'DELETE' }), onSuccess: refreshMembers });
}

export function useSetActive() {
  return useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) => api<{ data: Member }>(`/members/${id}/${active ? 'reactivate' : 'deactivate'}`, { method: 'POST' }),
    onSuccess: refreshMembers,
  });
}

/** Emails the member a reset link; a 409 (code email_not_configured) when the server cannot send email. */
export function usePasswordReset() {
  return useMutation({
    mutationFn: (id: string) => api<{ data: { emailed: true } }>(`/members/${id}/password-reset`, { method: 'POST' }).then((r) => r.data),
  });
}

/** Lifts a member's sign-in lock (after repeated failed sign-ins). */
export function useUnlock() {
  return useMutation({ mutationFn: (id: string) => api<{ data: Member }>(`/members/${id}/unlock`, { method: 'POST' }), onSuccess: refreshMembers });
}

export function useInvite() {
  return useMutation({
    mutationFn: async ({ email, role }: { email: string; role: Exclude<Role, 'owner'> }) => {
      const invitation = await unwrap(authClient.organization.inviteMember({ email, role }));
      // The invitation link comes from our API, which knows the public APP_URL.
      const pending = await queryClient.fetchQuery({
        queryKey: keys.invitations,
        queryFn: () => api<{ data: Invitation[] }>('/invitations').then((r) => r.data),
        staleTime: 0,
      });
      return pending.find((i) => i.id === invitation.id) ?? null;
    },
  });
}

export function useApiKeys(enabled: boolean) {
  return useQuery({ queryKey: keys.apiKeys, queryFn: ({ signal }) => api<{ data: ApiKey[] }>('/api-keys', { signal }).then((r) => r.data), enabled });
}

export function useCreateApiKey() {
  return useMutation({
    mutationFn: (name: string) => api<{ data: ApiKey & { key: string } }>('/api-keys', { method: 'POST', body: { name } }).then((r) => r.data),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.apiKeys }),
  });
}

export function useRevokeApiKey() {
  return useMutation({
    mutationFn: (id: string) => api<void>(`/api-keys/${id}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.apiKeys }),
  });
}
