import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { notificationsApi } from '../../api/notifications';

/** The bell polls every minute (no websockets; decision 0036). */
export const SUMMARY_POLL_MS = 60_000;
export const NOTIFICATIONS_KEY = ['notifications'] as const;

export function useNotificationSummary() {
  return useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'summary'],
    queryFn: ({ signal }) => notificationsApi.summary(signal),
    refetchInterval: SUMMARY_POLL_MS,
    refetchOnWindowFocus: true,
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => notificationsApi.markRead(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}

export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => notificationsApi.markAllRead(),
    onSuccess: () => qc.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}
