import { useMutation, useQuery } from '@tanstack/react-query';
import type { CalendarConnection, CalendarIntegrations, CalendarProvider } from '../../../contracts/calendar-sync';
import { api } from '../../lib/api';
import { queryClient } from '../../lib/query-client';

const key = ['integrations', 'calendars'] as const;
const refresh = () => queryClient.invalidateQueries({ queryKey: key });

export function useCalendarIntegrations() {
  return useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api<{ data: CalendarIntegrations }>('/integrations/calendars', { signal }).then((r) => r.data),
    // Syncs run in the background: keep "last synced" and the status current while the page is open.
    refetchInterval: 10_000,
  });
}

/** Asks the server for the provider's sign-in URL and sends the browser there. */
export function useConnectCalendar() {
  return useMutation({
    mutationFn: (provider: CalendarProvider) => api<{ data: { url: string } }>(`/integrations/calendars/${provider}/connect`).then((r) => r.data.url),
    onSuccess: (url) => window.location.assign(url),
  });
}

export function useSyncCalendar() {
  return useMutation({ mutationFn: (id: string) => api<{ data: CalendarConnection }>(`/integrations/calendars/${id}/sync`, { method: 'POST' }), onSuccess: refresh });
}

export function useDisconnectCalendar() {
  return useMutation({ mutationFn: (id: string) => api<void>(`/integrations/calendars/${id}`, { method: 'DELETE' }), onSuccess: refresh });
}
