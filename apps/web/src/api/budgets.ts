/** Typed calls of the budgets API (issue 11 point 2): a class's or plan line's budget, and the yearly report. */
import type { Budget, BudgetReport, CostEntriesInput, CostEntryVoid, EstimateInput, Job, LecturerRateInput, LecturerRateList } from '@nang-tam/contracts';
import { api } from './client';

export type HolderKind = 'class' | 'line';
const base = (kind: HolderKind, id: number) => (kind === 'class' ? `/classes/${id}/budget` : `/plan-lines/${id}/budget`);

export const budgetsApi = {
  get: (kind: HolderKind, id: number, signal?: AbortSignal) => api.get<Budget>(base(kind, id), { signal }),
  saveEstimate: (kind: HolderKind, id: number, body: EstimateInput) => api.put<Budget>(`${base(kind, id)}/estimate`, body),
  recordCosts: (kind: HolderKind, id: number, body: CostEntriesInput) => api.post<Budget>(`${base(kind, id)}/costs`, body),
  voidCost: (kind: HolderKind, id: number, entryId: number, body: CostEntryVoid) => api.post<Budget>(`${base(kind, id)}/costs/${entryId}/void`, body),
  report: (year: number, by: BudgetReport['by'], signal?: AbortSignal) => api.get<BudgetReport>('/budgets/report', { query: { year, by }, signal }),
  exportReport: (year: number, by: BudgetReport['by'], format: 'xlsx' | 'pdf') => api.post<Job>('/exports/budget-report', { year, by, format }),
  rates: (signal?: AbortSignal) => api.get<LecturerRateList>('/lecturer-rates', { signal }),
  addRate: (body: LecturerRateInput) => api.post<LecturerRateList>('/lecturer-rates', body),
};
