/** Typed calls of the plans API (issue 9): annual plans, versions and lines, comparison, plan against actual, five-year plans. */
import type { AnnualPlan, Drill, Job, FiveYearPlan, NeedsPlanProposal, PlanComparison, PlanLineInput, PlanVersion, Realisation } from '@nang-tam/contracts';
import { api } from './client';

export interface AnnualPlanList {
  items: { id: number; year: number; title: string; latestStatus: 'draft' | 'submitted' | 'approved'; versions: number }[];
  actions: 'create'[];
}
export interface FiveYearList {
  items: { id: number; startYear: number; endYear: number; title: string }[];
  actions: 'create'[];
}
export interface LinkableLine {
  lineId: number;
  programmeCode: string;
  programmeName: string;
  mode: string;
  classes: number;
  learners: number;
  quarter: number;
  organiser: string;
  site: string;
  planTitle: string;
  versionNumber: number;
}
export type FiveYearTargetInput = { year: number; programmeCode: string; classes: number; learners: number };

export const plansApi = {
  list: () => api.get<AnnualPlanList>('/plans/annual'),
  create: (body: { year: number; title: string }) => api.post<AnnualPlan>('/plans/annual', body),
  plan: (year: number) => api.get<AnnualPlan>(`/plans/annual/${year}`),
  version: (id: number) => api.get<PlanVersion>(`/plans/versions/${id}`),
  addLines: (id: number, rowVersion: number, lines: PlanLineInput[]) => api.post<PlanVersion>(`/plans/versions/${id}/lines`, { rowVersion, lines }),
  updateLine: (id: number, lineId: number, rowVersion: number, line: PlanLineInput) => api.put<PlanVersion>(`/plans/versions/${id}/lines/${lineId}`, { rowVersion, line }),
  deleteLine: (id: number, lineId: number, rowVersion: number) => api.delete<PlanVersion>(`/plans/versions/${id}/lines/${lineId}`, { query: { rowVersion } }),
  step: (id: number, step: 'submit' | 'return' | 'approve', body: { rowVersion: number; decisionNumber?: string | null; decisionDate?: string | null }) =>
    api.post<PlanVersion>(`/plans/versions/${id}/${step}`, body),
  adjust: (id: number, body: { rowVersion: number; reason: string; decisionNumber: string; decisionDate: string }) => api.post<PlanVersion>(`/plans/versions/${id}/adjustments`, body),
  compare: (from: number, to: number) => api.get<PlanComparison>('/plans/compare', { query: { from, to } }),
  realisation: (year: number, asOf: string | null) => api.get<Realisation>(`/plans/annual/${year}/realisation`, { query: { asOf } }),
  drill: (year: number, q: { asOf: string | null; row: string; measure: string; limit: number; offset: number }) =>
    api.get<Drill>(`/plans/annual/${year}/realisation/drill`, { query: q }),
  linkableLines: (year: number, programme: string | null, purpose: 'class' | 'outside' = 'class') =>
    api.get<{ items: LinkableLine[] }>('/plans/linkable-lines', { query: purpose === 'class' ? { year, programme } : { year, programme, purpose } }),
  /** Needs → plan (decision 0035): a campaign's aggregated needs proposed as plan lines, added with addLines. */
  linesFromNeeds: (campaignId: number, classSize: number | null) =>
    api.get<NeedsPlanProposal>(`/needs/campaigns/${campaignId}/plan-lines`, { query: classSize ? { classSize } : {} }),
  exportPlan: (versionId: number, format: 'xlsx' | 'pdf') => api.post<Job>('/exports/plan', { versionId, format }),
  exportRealisation: (year: number, asOf: string | null, format: 'xlsx' | 'pdf') => api.post<Job>('/exports/realisation', asOf ? { year, asOf, format } : { year, format }),
  fiveYearList: () => api.get<FiveYearList>('/plans/five-year'),
  fiveYearCreate: (body: { startYear: number; title: string }) => api.post<FiveYearPlan>('/plans/five-year', body),
  fiveYear: (id: number) => api.get<FiveYearPlan>(`/plans/five-year/${id}`),
  fiveYearUpdate: (id: number, body: { version: number; title: string; decisionNumber: string | null; decisionDate: string | null; targets: FiveYearTargetInput[] }) =>
    api.put<FiveYearPlan>(`/plans/five-year/${id}`, body),
};
