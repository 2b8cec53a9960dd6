/**
 * Typed calls of the service-commitment and reimbursement API (issue 11 point 3): a person's
 * commitments and leaving, and the board's reimbursement cases with their steps.
 */
import type { CaseDetail, CaseOpen, CasePage, CaseStepInput, CommitmentList, CommitmentListQuery, Job, LeavingInput, LeavingResult, PersonCommitments } from '@nang-tam/contracts';
import { api } from './client';

export type CaseParams = { status?: CaseDetail['status'] | null; q?: string | null; limit: number; offset: number };

export const reimbursementApi = {
  commitments: (personId: number, signal?: AbortSignal) => api.get<PersonCommitments>(`/people/${personId}/commitments`, { signal }),
  recordLeaving: (personId: number, body: LeavingInput) => api.post<LeavingResult>(`/people/${personId}/leaving`, body),
  list: (q: CaseParams, signal?: AbortSignal) => api.get<CasePage>('/reimbursement-cases', { query: q, signal }),
  get: (id: number) => api.get<CaseDetail>(`/reimbursement-cases/${id}`),
  open: (body: CaseOpen) => api.post<CaseDetail>('/reimbursement-cases', body),
  step: (id: number, body: CaseStepInput) => api.post<CaseDetail>(`/reimbursement-cases/${id}/steps`, body),
  // issue 11 point 5: the case list as Excel / PDF, the agency's people under commitment
  exportCases: (status: CaseDetail['status'] | null, format: 'xlsx' | 'pdf') => api.post<Job>('/exports/reimbursement-cases', status ? { status, format } : { format }),
  commitmentList: (q: { state: CommitmentListQuery['state']; q: string | null; limit: number; offset: number }, signal?: AbortSignal) =>
    api.get<CommitmentList>('/commitments', { query: q, signal }),
};
