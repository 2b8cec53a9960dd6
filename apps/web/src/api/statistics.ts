/** Typed calls of the statistics API (issue 10, decision 0047): statistics, drill-down, dashboards, exports. */
import type { Dashboard, DashboardQuery, GapsTrend, Job, StatDrill, StatDrillQuery, Statistics, StatisticsQuery } from '@nang-tam/contracts';
import { api } from './client';

export const statisticsApi = {
  query: (q: StatisticsQuery) => api.post<Statistics>('/statistics/query', q),
  drill: (q: StatDrillQuery) => api.post<StatDrill>('/statistics/drill', q),
  dashboard: (q: DashboardQuery) => api.get<Dashboard>('/statistics/dashboard', { query: q as Record<string, string | number | undefined> }),
  gapsTrend: (q: { unitId?: number; fromYear?: number; toYear?: number }) => api.get<GapsTrend>('/statistics/gaps-trend', { query: q }),
  export: (query: StatisticsQuery, format: 'xlsx' | 'pdf', cell?: string[]) => api.post<Job>('/exports/statistics', cell ? { query, format, cell } : { query, format }),
};
