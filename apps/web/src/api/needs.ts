/** Typed calls of the training-needs API: campaigns, a unit's answer and its suggestion, the aggregation, history, reminders. */
import type {
  Job,
  NeedsAggregate,
  NeedsAnswer,
  NeedsAnswerSave,
  NeedsCampaign,
  NeedsCampaignCreate,
  NeedsCampaignDetail,
  NeedsCampaignUpdate,
  NeedsHistory,
  NeedsReminder,
  NeedsSuggestion,
} from '@nang-tam/contracts';
import { api, request } from './client';

const answerPath = (campaignId: number, unitId: number) => `/needs/campaigns/${campaignId}/answers/${unitId}`;

export const needsApi = {
  campaigns: () => api.get<{ items: NeedsCampaign[]; actions: 'create'[] }>('/needs/campaigns'),
  create: (body: NeedsCampaignCreate) => api.post<NeedsCampaignDetail>('/needs/campaigns', body),
  campaign: (id: number) => api.get<NeedsCampaignDetail>(`/needs/campaigns/${id}`),
  update: (id: number, body: NeedsCampaignUpdate) => request<NeedsCampaignDetail>('PATCH', `/needs/campaigns/${id}`, { body }),
  reopen: (id: number, unitId: number, until: string | null) =>
    api.post<NeedsCampaignDetail>(`/needs/campaigns/${id}/units/${unitId}/reopen`, { until }),
  aggregate: (id: number, unitId?: number) => api.get<NeedsAggregate>(`/needs/campaigns/${id}/aggregate`, { query: { unitId } }),
  answer: (campaignId: number, unitId: number) => api.get<NeedsAnswer>(answerPath(campaignId, unitId)),
  save: (campaignId: number, unitId: number, body: NeedsAnswerSave) => api.put<NeedsAnswer>(answerPath(campaignId, unitId), body),
  suggestion: (campaignId: number, unitId: number) => api.get<NeedsSuggestion>(`${answerPath(campaignId, unitId)}/suggestion`),
  submit: (campaignId: number, unitId: number, version: number) =>
    api.post<NeedsAnswer>(`${answerPath(campaignId, unitId)}/submit`, { version }),
  giveBack: (campaignId: number, unitId: number, version: number, comment: string) =>
    api.post<NeedsAnswer>(`${answerPath(campaignId, unitId)}/return`, { version, comment }),
  history: (unitId: number) => api.get<NeedsHistory>(`/needs/units/${unitId}/history`),
  exportAnswer: (campaignId: number, unitId: number, format: 'xlsx' | 'pdf') =>
    api.post<Job>(`${answerPath(campaignId, unitId)}/export`, { format }),
  exportAggregate: (campaignId: number, format: 'xlsx' | 'pdf') =>
    api.post<Job>(`/needs/campaigns/${campaignId}/aggregate/export`, { format }),
  reminders: () => api.get<{ items: NeedsReminder[] }>('/needs/reminders'),
};
