import { useMutation, useQuery } from '@tanstack/react-query';
import type { Feedback, FeedbackCategory } from '../../../contracts/feedback';
import { api, ApiError, toApiError } from '../../lib/api';
import { queryClient } from '../../lib/query-client';

const key = ['feedback'] as const;

export function useFeedbackList(enabled: boolean) {
  return useQuery({ queryKey: key, queryFn: ({ signal }) => api<{ data: Feedback[] }>('/feedback', { signal }).then((r) => r.data), enabled });
}

export interface FeedbackDraft {
  category: FeedbackCategory;
  message: string;
  page: string | null;
  screenshot: File | null;
}

/** Sends feedback: as JSON, or as multipart when a screenshot goes with it. */
export function useSendFeedback() {
  return useMutation({
    mutationFn: async (d: FeedbackDraft): Promise<Feedback> => {
      if (!d.screenshot) return api<{ data: Feedback }>('/feedback', { method: 'POST', body: { category: d.category, message: d.message, page: d.page } }).then((r) => r.data);
      const body = new FormData();
      body.set('category', d.category);
      body.set('message', d.message);
      if (d.page) body.set('page', d.page);
      body.set('screenshot', d.screenshot);
      let res: Response;
      try {
        res = await fetch('/api/v1/feedback', { method: 'POST', body, credentials: 'same-origin', headers: { Accept: 'application/json' } });
      } catch {
        throw new ApiError(0, 'network_error', 'Cannot reach the server. Check your connection and try again.');
      }
      if (!res.ok) throw await toApiError(res);
      return ((await res.json()) as { data: Feedback }).data;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}
