// The bell's data: the newest notifications with the unread count. Kept fresh by the realtime
// stream (web/lib/realtime.ts invalidates ['notifications'] on a `notification` change), so it
// never polls.
import { useMutation, useQuery } from '@tanstack/react-query';
import type { NotificationList, NotificationSettings, NotificationSettingsUpdate } from '../../../contracts/notifications';
import { api } from '../../lib/api';
import { queryClient } from '../../lib/query-client';

export const notificationsKey = ['notifications'] as const;

export function useNotifications() {
  return useQuery({ queryKey: [...notificationsKey, 'list'], queryFn: () => api<NotificationList>('/notifications?limit=20') });
}

const refresh = () => queryClient.invalidateQueries({ queryKey: notificationsKey });

export function useMarkRead() {
  return useMutation({ mutationFn: (id: string) => api(`/notifications/${id}/read`, { method: 'POST' }), onSettled: refresh });
}

export function useMarkAllRead() {
  return useMutation({ mutationFn: () => api('/notifications/read-all', { method: 'POST' }), onSettled: refresh });
}

export function useNotificationSettings() {
  return useQuery({ queryKey: [...notificationsKey, 'settings'], queryFn: async () => (await api<{ data: NotificationSettings }>('/me/notification-settings')).data });
}

export function useSaveNotificationSettings() {
  return useMutation({
    mutationFn: async (patch: NotificationSettingsUpdate) => (await api<{ data: NotificationSettings }>('/me/notification-settings', { method: 'PUT', body: patch })).data,
    onSuccess: (saved) => queryClient.setQueryData([...notificationsKey, 'settings'], saved),
  });
}
