/**
 * Typed calls of the outside-training API (issue 9): a person sent to the national academy, a
 * university or abroad, through the chain agency → board or home affairs → sending decision → result.
 */
import type {
  OutsideCreate,
  OutsideDecision,
  OutsideDetail,
  OutsidePage,
  OutsideResultInput,
  OutsideSendingDecision,
  OutsideStatus,
  OutsideWithdraw,
} from '@nang-tam/contracts';
import { api } from './client';

export type OutsideParams = {
  year?: number | null;
  status?: OutsideStatus | null;
  institution?: string | null;
  personId?: number | null;
  q?: string | null;
  limit: number;
  offset: number;
};

export const outsideApi = {
  list: (q: OutsideParams, signal?: AbortSignal) => api.get<OutsidePage>('/outside-trainings', { query: q, signal }),
  get: (id: number) => api.get<OutsideDetail>(`/outside-trainings/${id}`),
  propose: (body: OutsideCreate) => api.post<OutsideDetail>('/outside-trainings', body),
  decide: (id: number, body: OutsideDecision) => api.post<OutsideDetail>(`/outside-trainings/${id}/decision`, body),
  recordDecision: (id: number, body: OutsideSendingDecision) => api.post<OutsideDetail>(`/outside-trainings/${id}/sending-decision`, body),
  recordResult: (id: number, body: OutsideResultInput) => api.post<OutsideDetail>(`/outside-trainings/${id}/result`, body),
  withdraw: (id: number, body: OutsideWithdraw) => api.post<OutsideDetail>(`/outside-trainings/${id}/withdraw`, body),
};
