/**
 * Typed calls of the official report forms API (issue 10 point 3, decision 0048): the forms, a
 * definition with its versions, a corrected version, and filling a form (a background job).
 */
import type { Job, ReportFillInput, ReportFormDetail, ReportFormVersion, ReportFormVersionInput } from '@nang-tam/contracts';
import { api } from './client';

export const reportsApi = {
  forms: (signal?: AbortSignal) => api.get<{ items: ReportFormVersion[] }>('/reports/forms', { signal }),
  form: (code: string, signal?: AbortSignal) => api.get<ReportFormDetail>(`/reports/forms/${encodeURIComponent(code)}`, { signal }),
  save: (code: string, body: ReportFormVersionInput) => api.put<ReportFormDetail>(`/reports/forms/${encodeURIComponent(code)}`, body),
  fill: (code: string, body: ReportFillInput) => api.post<Job>(`/reports/forms/${encodeURIComponent(code)}/fill`, body),
};
