// The organization's members (GET /api/v1/members): owner selects, assignee pickers and owner
// columns all read this one query. Member administration lives in features/settings.
import { useQuery } from '@tanstack/react-query';
import type { Member } from '../../contracts/members';
import { api } from './api';

export const membersQueryKey = ['members'] as const;

/**
 * The organization's members. `fresh`: pickers that choose a person ask again when they open, so a
 * teammate who joined a moment ago is there (the lists and the board, which also load the members
 * for their owner column, may have cached them just before).
 */
export function useMembers(opts: { fresh?: boolean } = {}) {
  return useQuery({ queryKey: membersQueryKey, queryFn: ({ signal }) => api<{ data: Member[] }>('/members', { signal }).then((r) => r.data), refetchOnMount: opts.fresh ? 'always' : true });
}
