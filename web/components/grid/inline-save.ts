// Saving one cell: the list shows the new value at once (TanStack Query cache), PATCH runs, and
// then either a toast with Undo (which PATCHes the previous value back the same way) or — when the
// server refuses — the cell goes back to what it was and the error says why.
import { useMutation } from '@tanstack/react-query';
import { toast } from 'sonner';
import { api, ApiError, errorMessage } from '../../lib/api';
import { queryClient } from '../../lib/query-client';
import { invalidateCrm, type CrmResource, type ListResponse } from '../../lib/resource';

type Row = { id: string } & Record<string, unknown>;
interface Vars {
  id: string;
  body: Record<string, unknown>;
}

export function useInlineSave(resource: CrmResource) {
  const listKey = [resource, 'list'];
  const mutation = useMutation({
    mutationFn: ({ id, body }: Vars) => api<{ data: Row }>(`/${resource}/${id}`, { method: 'PATCH', body }).then((r) => r.data),
    onMutate: async ({ id, body }: Vars) => {
      await queryClient.cancelQueries({ queryKey: listKey });
      const snapshots = queryClient.getQueriesData<ListResponse<Row>>({ queryKey: listKey });
      queryClient.setQueriesData<ListResponse<Row>>({ queryKey: listKey }, (old) => (old ? { ...old, data: old.data.map((r) => (r.id === id ? { ...r, ...body } : r)) } : old));
      return { snapshots };
    },
    onError: (_e, _vars, context) => {
      for (const [key, data] of context?.snapshots ?? []) queryClient.setQueryData(key, data);
    },
    onSuccess: (row) => {
      // The server's row (derived fields such as a deal's stage name or weighted amount) replaces the guess.
      queryClient.setQueriesData<ListResponse<Row>>({ queryKey: listKey }, (old) => (old ? { ...old, data: old.data.map((r) => (r.id === row.id ? { ...r, ...row } : r)) } : old));
      queryClient.setQueryData([resource, 'one', row.id], row);
    },
    onSettled: () => invalidateCrm(),
  });

  /** Saves `body` on the record; `previous` is what Undo writes back. */
  function save(id: string, label: string, body: Record<string, unknown>, previous: Record<string, unknown>) {
    mutation.mutate(
      { id, body },
      {
        onError: (e) => toast.error(`Could not save ${label}: ${refusal(e)}`),
        onSuccess: () =>
          toast.success(`${label} saved`, {
            action: {
              label: 'Undo',
              onClick: () =>
                mutation.mutate(
                  { id, body: previous },
                  {
                    onError: (e) => toast.error(`Could not undo: ${errorMessage(e)}`),
                    onSuccess: () => toast.success(`${label} restored`),
                  },
                ),
            },
          }),
      },
    );
  }
  return { save, pending: mutation.isPending };
}

/** The server's reason, with the field message when it gave one ("email: must be a valid email address"). */
function refusal(e: unknown) {
  if (e instanceof ApiError && e.details.length > 0) return e.details.map((d) => `${d.path ? `${d.path}: ` : ''}${d.message}`).join('; ');
  return errorMessage(e);
}
