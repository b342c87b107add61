import { useInfiniteQuery } from '@tanstack/react-query';
import type { ActivityFeed } from '../../../contracts/activities';
import { api } from '../../lib/api';

/** The feed's filters, as the URL carries them (empty ones left out). */
export interface FeedFilters {
  actorId?: string;
  entityType?: string;
  action?: string;
  from?: string;
  to?: string;
}

export const FEED_PAGE = 50;

/** The organization's activity feed, newest first, one page of 50 at a time ("Load older"). */
export function useActivityFeed(filters: FeedFilters) {
  return useInfiniteQuery({
    // 'activities' is the key root realtime refreshes on any record change (lib/realtime.ts).
    queryKey: ['activities', 'feed', filters],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const qs = new URLSearchParams({ limit: String(FEED_PAGE) });
      for (const [k, v] of Object.entries(filters)) if (v) qs.set(k, v);
      if (pageParam) qs.set('cursor', pageParam);
      return api<ActivityFeed>(`/activities?${qs}`, { signal });
    },
    getNextPageParam: (last) => last.nextCursor,
  });
}
