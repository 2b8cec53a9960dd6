/** Typed calls of one's own notifications and work waiting (issue 14, point 8). */
import type { NotificationPage, NotificationSummary } from '@nang-tam/contracts';
import { api } from './client';

export const notificationsApi = {
  summary: (signal?: AbortSignal) => api.get<NotificationSummary>('/me/notifications/summary', { signal }),
  list: (q: { unread?: 'true'; limit: number; offset: number }, signal?: AbortSignal) =>
    api.get<NotificationPage>('/me/notifications', { query: q, signal }),
  markRead: (id: number) => api.post<{ marked: number }>(`/me/notifications/${id}/read`),
  markAllRead: () => api.post<{ marked: number }>('/me/notifications/read-all'),
};
