// The organization's tags (GET/POST/PATCH/DELETE /tags): name, color and how many records use it.
import { useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { TagSchema } from '../../../contracts/custom-fields';
import { api, ApiError } from '../../lib/api';
import { invalidateCrm } from '../../lib/resource';
import { queryClient } from '../../lib/query-client';

export type Tag = z.infer<typeof TagSchema>;

export const DEFAULT_TAG_COLOR = '#6366f1';
export const TAG_COLORS = ['#6366f1', '#0ea5e9', '#10b981', '#84cc16', '#f59e0b', '#f97316', '#ef4444', '#ec4899', '#8b5cf6', '#64748b'] as const;

const key = ['tags'] as const;
const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: key }), invalidateCrm()]);

/** Every tag; a server without tags (404) reads as none. */
export function useTags() {
  return useQuery({
    queryKey: key,
    staleTime: 5_000,
    queryFn: async ({ signal }) => {
      try {
        const r = await api<{ data: Tag[] }>('/tags', { signal });
        return [...r.data].sort((a, b) => a.name.localeCompare(b.name));
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return [];
        throw e;
      }
    },
  });
}

/** name → color, case-insensitive, for chips. */
export function useTagColors() {
  const tags = useTags();
  const map = new Map((tags.data ?? []).map((t) => [t.name.toLowerCase(), t.color]));
  return (name: string) => map.get(name.toLowerCase()) ?? DEFAULT_TAG_COLOR;
}

export function useCreateTag() {
  return useMutation({ mutationFn: (body: { name: string; color?: string }) => api<{ data: Tag }>('/tags', { method: 'POST', body }).then((r) => r.data), onSuccess: refresh });
}

export function useUpdateTag() {
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: { name?: string; color?: string } }) => api<{ data: Tag }>(`/tags/${id}`, { method: 'PATCH', body }).then((r) => r.data),
    onSuccess: refresh,
  });
}

export function useDeleteTag() {
  return useMutation({ mutationFn: (id: string) => api<void>(`/tags/${id}`, { method: 'DELETE' }), onSuccess: refresh });
}

/** Invalidate tag counts after a record with tags was saved (a new name creates a tag). */
export const refreshTags = () => queryClient.invalidateQueries({ queryKey: key });
