/**
 * Typed calls of the support API (issue 11 point 1): support policies, the payment lists of a class
 * and of a sending decision, payments, their export, and the learner's own support.
 */
import type {
  ClassSupportPaymentInput,
  Job,
  MySupport,
  OutsideSupportPaymentInput,
  SupportBatches,
  SupportExport,
  SupportList,
  SupportPolicyInput,
  SupportPolicyList,
} from '@nang-tam/contracts';
import { api } from './client';

export const supportApi = {
  policies: (signal?: AbortSignal) => api.get<SupportPolicyList>('/support-policies', { signal }),
  addPolicy: (body: SupportPolicyInput) => api.post<SupportPolicyList>('/support-policies', body),
  classList: (classId: number, signal?: AbortSignal) => api.get<SupportList>(`/classes/${classId}/support`, { signal }),
  payClass: (classId: number, body: ClassSupportPaymentInput) => api.post<SupportList>(`/classes/${classId}/support/payments`, body),
  batches: (signal?: AbortSignal) => api.get<SupportBatches>('/outside-support/batches', { signal }),
  batch: (decisionNo: string, signal?: AbortSignal) => api.get<SupportList>('/outside-support', { query: { decisionNo }, signal }),
  payOutside: (body: OutsideSupportPaymentInput) => api.post<SupportList>('/outside-support/payments', body),
  exportList: (body: SupportExport) => api.post<Job>('/exports/support-list', body),
  mine: (signal?: AbortSignal) => api.get<MySupport>('/me/support', { signal }),
};
