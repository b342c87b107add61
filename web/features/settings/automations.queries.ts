import { useMutation, useQuery } from '@tanstack/react-query';
import type { Automation, AutomationInput, AutomationRun, DryRun } from '../../../contracts/automations';
import { api } from '../../lib/api';
import { queryClient } from '../../lib/query-client';

const keys = { all: ['automations'] as const, runs: (id: string) => ['automations', 'runs', id] as const };
const refresh = () => queryClient.invalidateQueries({ queryKey: keys.all });

export function useAutomations(enabled: boolean) {
  return useQuery({ queryKey: keys.all, queryFn: ({ signal }) => api<{ data: Automation[] }>('/automations', { signal }).then((r) => r.data), enabled });
}

export function useAutomationRuns(id: string | null) {
  return useQuery({
    queryKey: keys.runs(id ?? ''),
    queryFn: ({ signal }) => api<{ data: AutomationRun[] }>(`/automations/${id}/runs`, { signal }).then((r) => r.data),
    enabled: Boolean(id),
    // Runs happen in the background: keep the open log current.
    refetchInterval: 5000,
  });
}

export function useCreateAutomation() {
  return useMutation({ mutationFn: (input: AutomationInput) => api<{ data: Automation }>('/automations', { method: 'POST', body: input }).then((r) => r.data), onSuccess: refresh });
}

export function useUpdateAutomation() {
  return useMutation({ mutationFn: ({ id, ...body }: Partial<AutomationInput> & { id: string }) => api<{ data: Automation }>(`/automations/${id}`, { method: 'PATCH', body }).then((r) => r.data), onSuccess: refresh });
}

export function useDeleteAutomation() {
  return useMutation({ mutationFn: (id: string) => api<void>(`/automations/${id}`, { method: 'DELETE' }), onSuccess: refresh });
}

export function useDryRun() {
  return useMutation({ mutationFn: ({ id, recordId }: { id: string; recordId: string }) => api<{ data: DryRun }>(`/automations/${id}/dry-run`, { method: 'POST', body: { recordId } }).then((r) => r.data) });
}
