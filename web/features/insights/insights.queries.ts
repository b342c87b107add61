// Insights from /api/v1: a deal's risk and next actions, a record's brief, drafted emails, the
// dashboard's deals at risk, and the record of an insight acted on (actor: assistant). Keys start
// with "activities": every change the realtime stream reports refreshes them (web/lib/realtime.ts).
import { useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Brief, BriefType, DealInsights, DealsAtRisk, DraftEmail, DraftEmailInput, InsightEventInput, RecordSentimentSchema } from '../../../contracts/insights';
import { api, qs } from '../../lib/api';
import { queryClient } from '../../lib/query-client';

const RESOURCE: Record<string, string> = { contact: 'contacts', company: 'companies', deal: 'deals', lead: 'leads' };

export function useDealInsights(id: string) {
  return useQuery({ queryKey: ['activities', 'insights', 'deal', id], queryFn: () => api<{ data: DealInsights }>(`/deals/${id}/insights`).then((r) => r.data) });
}

export function useBrief(type: BriefType, id: string, enabled = true) {
  return useQuery({ queryKey: ['activities', 'brief', type, id], enabled, staleTime: 60_000, queryFn: () => api<{ data: Brief }>(`/${RESOURCE[type]}/${id}/brief`).then((r) => r.data) });
}

export type RecordSentiment = z.infer<typeof RecordSentimentSchema>;

export function useRecordSentiment(type: BriefType, id: string) {
  return useQuery({ queryKey: ['activities', 'sentiment', type, id], staleTime: 60_000, queryFn: () => api<{ data: RecordSentiment }>(`/${RESOURCE[type]}/${id}/sentiment`).then((r) => r.data) });
}

export function useDealsAtRisk(params: { pipelineId?: string; ownerId?: string; limit?: number }) {
  return useQuery({ queryKey: ['activities', 'deals-at-risk', params], queryFn: () => api<{ data: DealsAtRisk }>(`/insights/deals-at-risk${qs({ limit: params.limit ?? 5, pipelineId: params.pipelineId, ownerId: params.ownerId })}`).then((r) => r.data) });
}

export function useDraftEmail() {
  return useMutation({ mutationFn: (input: DraftEmailInput) => api<{ data: DraftEmail }>('/ai/draft-email', { method: 'POST', body: input }).then((r) => r.data) });
}

/** Records that an insight was acted on: an activity on the record with actor assistant. */
export function recordInsightUse(input: InsightEventInput) {
  return api<{ data: { id: string } }>('/ai/insight-events', { method: 'POST', body: input }).then((r) => {
    void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'activities' || q.queryKey[0] === RESOURCE[input.relatedType] });
    return r.data;
  });
}
