/**
 * Typed calls of the indicators API (issue 10 point 1): the list with values as of a date, one
 * indicator with its trend, the drill-down and its export, definitions, and the CCHC posts.
 */
import type {
  AdminReformPosts,
  AdminReformPostsUpdate,
  IndicatorCreate,
  IndicatorDetail,
  IndicatorList,
  IndicatorPeoplePage,
  IndicatorUpdate,
  Job,
} from '@nang-tam/contracts';
import { api } from './client';

export type IndicatorParams = { asOf?: string | null; unitId?: number | null };
export type IndicatorPeopleParams = IndicatorParams & { set: 'counted' | 'missing'; limit: number; offset: number };

export const indicatorsApi = {
  list: (q: IndicatorParams & { trend?: 'true' | 'false' }, signal?: AbortSignal) => api.get<IndicatorList>('/indicators', { query: q, signal }),
  get: (id: number, q: IndicatorParams, signal?: AbortSignal) => api.get<IndicatorDetail>(`/indicators/${id}`, { query: q, signal }),
  people: (id: number, q: IndicatorPeopleParams, signal?: AbortSignal) => api.get<IndicatorPeoplePage>(`/indicators/${id}/people`, { query: q, signal }),
  exportPeople: (id: number, body: { asOf?: string; unitId?: number; set: 'counted' | 'missing' }) => api.post<Job>(`/indicators/${id}/people/export`, body),
  create: (body: IndicatorCreate) => api.post<IndicatorDetail>('/indicators', body),
  update: (id: number, body: IndicatorUpdate) => api.put<IndicatorDetail>(`/indicators/${id}`, body),
  posts: (signal?: AbortSignal) => api.get<AdminReformPosts>('/indicators/admin-reform-posts', { signal }),
  updatePosts: (body: AdminReformPostsUpdate) => api.put<AdminReformPosts>('/indicators/admin-reform-posts', body),
};
