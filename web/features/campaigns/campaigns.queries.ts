// Campaigns: the generic record hooks, plus members (cursor-paged, "Load more") and metrics. Their
// query keys sit under 'campaigns', so any CRM write (invalidateCrm) refreshes them too.
import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Campaign, CampaignCreateSchema, CampaignMember, CampaignMetrics, CampaignUpdateSchema } from '../../../contracts/campaigns';
import { api, qs } from '../../lib/api';
import { invalidateCrm, resourceHooks } from '../../lib/resource';

export type CampaignCreate = z.input<typeof CampaignCreateSchema>;
export type CampaignUpdate = z.input<typeof CampaignUpdateSchema>;

export const campaignQueries = resourceHooks<Campaign, CampaignCreate, CampaignUpdate>('campaigns');
export const {
  useList: useCampaigns,
  useOne: useCampaign,
  useActivities: useCampaignActivities,
  useCreate: useCreateCampaign,
  useUpdate: useUpdateCampaign,
  useDelete: useDeleteCampaign,
  useRestore: useRestoreCampaign,
} = campaignQueries;

interface MembersPage {
  data: CampaignMember[];
  total: number;
  nextCursor: string | null;
}

export function useCampaignMembers(id: string) {
  return useInfiniteQuery({
    queryKey: ['campaigns', 'members', id],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) => api<MembersPage>(`/campaigns/${id}/members${qs({ limit: 50, cursor: pageParam })}`, { signal }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useCampaignMetrics(id: string) {
  return useQuery({ queryKey: ['campaigns', 'metrics', id], queryFn: ({ signal }) => api<{ data: CampaignMetrics }>(`/campaigns/${id}/metrics`, { signal }).then((r) => r.data) });
}

export function useAddMembers(id: string) {
  return useMutation({
    mutationFn: (body: { contactIds: string[] } | { filter: Record<string, unknown>; q?: string }) =>
      api<{ data: { added: number; alreadyMembers: number; total: number } }>(`/campaigns/${id}/members`, { method: 'POST', body }).then((r) => r.data),
    onSuccess: () => invalidateCrm(),
  });
}

export function useRemoveMember(id: string) {
  return useMutation({
    mutationFn: (contactId: string) => api<void>(`/campaigns/${id}/members/${contactId}`, { method: 'DELETE' }),
    onSuccess: () => invalidateCrm(),
  });
}

export function useTestSend(id: string) {
  return useMutation({ mutationFn: (to: string) => api<{ data: { sent: boolean; to: string } }>(`/campaigns/${id}/test-send`, { method: 'POST', body: { to } }).then((r) => r.data) });
}

export function useSendCampaign(id: string) {
  return useMutation({
    mutationFn: () =>
      api<{ data: { queued: number; skipped: { optedOut: number; bounced: number; noEmail: number; alreadySent: number }; perMinute: number } }>(`/campaigns/${id}/send`, { method: 'POST', body: { confirm: true } }).then((r) => r.data),
    onSuccess: () => invalidateCrm(),
  });
}

export const campaignStatusTone = { planning: 'lead', active: 'customer', paused: 'inactive', completed: 'prospect', cancelled: 'churned' } as const;

export function label(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1).replace(/_/g, ' ');
}
