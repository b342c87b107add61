import { useMutation, useQuery } from '@tanstack/react-query';
import type { Webhook, WebhookDelivery } from '../../../contracts/webhooks';
import { api } from '../../lib/api';
import { queryClient } from '../../lib/query-client';

const keys = {
  all: ['webhooks'] as const,
  deliveries: (id: string) => ['webhooks', 'deliveries', id] as const,
};
const refresh = () => queryClient.invalidateQueries({ queryKey: keys.all });

export interface WebhookInput {
  url: string;
  events: string[];
  description?: string | null;
  active?: boolean;
}

export function useWebhooks(enabled: boolean) {
  return useQuery({ queryKey: keys.all, queryFn: ({ signal }) => api<{ data: Webhook[] }>('/webhooks', { signal }).then((r) => r.data), enabled });
}

export function useWebhookDeliveries(id: string | null) {
  return useQuery({
    queryKey: keys.deliveries(id ?? ''),
    queryFn: ({ signal }) => api<{ data: WebhookDelivery[] }>(`/webhooks/${id}/deliveries`, { signal }).then((r) => r.data),
    enabled: Boolean(id),
    // Deliveries move on in the background (retries): keep the open log current.
    refetchInterval: 5000,
  });
}

export function useCreateWebhook() {
  return useMutation({
    mutationFn: (input: WebhookInput) => api<{ data: Webhook & { secret: string } }>('/webhooks', { method: 'POST', body: input }).then((r) => r.data),
    onSuccess: refresh,
  });
}

export function useUpdateWebhook() {
  return useMutation({
    mutationFn: ({ id, ...input }: Partial<WebhookInput> & { id: string }) => api<{ data: Webhook }>(`/webhooks/${id}`, { method: 'PATCH', body: input }).then((r) => r.data),
    onSuccess: refresh,
  });
}

export function useDeleteWebhook() {
  return useMutation({ mutationFn: (id: string) => api<void>(`/webhooks/${id}`, { method: 'DELETE' }), onSuccess: refresh });
}

export function useRedeliver() {
  return useMutation({
    mutationFn: ({ id, deliveryId }: { id: string; deliveryId: string }) => api<{ data: WebhookDelivery }>(`/webhooks/${id}/deliveries/${deliveryId}/redeliver`, { method: 'POST', body: {} }).then((r) => r.data),
    onSuccess: (_d, v) => queryClient.invalidateQueries({ queryKey: keys.deliveries(v.id) }),
  });
}
