/** Typed calls of one's own calendar (issue 14): sessions by period, the .ics file, the subscription address. */
import type { Calendar, CalendarFeedCreated } from '@nang-tam/contracts';
import { api, apiUrl } from './client';

export const calendarApi = {
  get: (q: { from: string; to: string }, signal?: AbortSignal) => api.get<Calendar>('/me/calendar', { query: q, signal }),
  icsUrl: () => apiUrl('/me/calendar.ics'),
  createFeed: () => api.post<CalendarFeedCreated>('/me/calendar/feed'),
  revokeFeed: () => api.delete<null>('/me/calendar/feed'),
};
