import { useMutation, useQuery } from '@tanstack/react-query';
import type { Permissions, PermissionsInput, RestrictableFields } from '../../../contracts/permissions';
import { api } from '../../lib/api';
import { queryClient } from '../../lib/query-client';

const key = ['settings', 'permissions'] as const;

export function usePermissions() {
  return useQuery({ queryKey: key, queryFn: ({ signal }) => api<Permissions>('/settings/permissions', { signal }) });
}

export function useSavePermissions() {
  return useMutation({
    mutationFn: (input: PermissionsInput) => api<Permissions>('/settings/permissions', { method: 'PUT', body: input }),
    // Visibility changes what every list shows: refetch them all.
    onSuccess: (saved) => {
      queryClient.setQueryData(key, saved);
      void queryClient.invalidateQueries();
    },
  });
}

/** Per record type, the fields field rules can name (built-in and the organization's custom fields). */
export function useRestrictableFields() {
  return useQuery({ queryKey: [...key, 'fields'], queryFn: ({ signal }) => api<RestrictableFields>('/settings/permissions/fields', { signal }) });
}
