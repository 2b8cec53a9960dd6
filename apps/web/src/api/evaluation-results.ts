/**
 * Typed calls of the evaluation-after-training API (issue 11 point 4, results at two years): a
 * cohort's figures, the campaigns, the agency's assessments.
 */
import type { Assessment, AssessmentInput, CampaignDetail, CampaignList, CampaignOpen, CohortOptions, Job, OwedList, Results } from '@nang-tam/contracts';
import { api } from './client';

export type ResultsParams = { classId?: number | null; programmeCode?: string | null; from?: string | null; to?: string | null };

export const evaluationResultsApi = {
  cohorts: (signal?: AbortSignal) => api.get<CohortOptions>('/evaluation/cohorts', { signal }),
  results: (q: ResultsParams, signal?: AbortSignal) => api.get<Results>('/evaluation/results', { query: q, signal }),
  campaigns: (signal?: AbortSignal) => api.get<CampaignList>('/evaluation/campaigns', { signal }),
  campaign: (id: number, signal?: AbortSignal) => api.get<CampaignDetail>(`/evaluation/campaigns/${id}`, { signal }),
  // a class, or a programme and a period (branch lecturer-views, decision 0066)
  open: (body: CampaignOpen) => api.post<CampaignDetail>('/evaluation/campaigns', body),
  close: (id: number, version: number) => api.post<CampaignDetail>(`/evaluation/campaigns/${id}/close`, { version }),
  report: (id: number, format: 'xlsx' | 'pdf') => api.post<Job>(`/evaluation/campaigns/${id}/report`, { format }),
  assess: (campaignId: number, personId: number, body: AssessmentInput) =>
    api.put<Assessment>(`/evaluation/campaigns/${campaignId}/assessments/${personId}`, body),
  owed: (signal?: AbortSignal) => api.get<OwedList>('/evaluation/owed', { signal }),
};
