/** Typed calls of the rules engine API: programmes, gaps, eligibility, candidates, what-if, rules. */
import type {
  CandidatePage,
  CandidatesExport,
  Job,
  PersonEligibility,
  PersonGaps,
  Programme,
  Rule,
  RuleList,
  RuleVersionInput,
  Standard,
  StandardVersionInput,
  UnitGapPeople,
  UnitGaps,
  WhatIf,
} from '@nang-tam/contracts';
import { useQuery } from '@tanstack/react-query';
import { api, type QueryValue } from './client';

export type StudyMode = 'full_time' | 'part_time' | 'online';

/** A job position and the fields of study that match it (GET /job-positions). */
export interface JobPosition {
  id: number;
  code: string;
  name: string;
  fields: string[];
}

export const rulesApi = {
  programmes: () => api.get<{ items: Programme[] }>('/programmes'),
  personGaps: (id: number, asOf: string | null) => api.get<PersonGaps>(`/people/${id}/gaps`, { query: { asOf } }),
  personEligibility: (id: number, q: { programme: string; mode?: string | null; asOf?: string | null; studyField?: string | null }) =>
    api.get<PersonEligibility>(`/people/${id}/eligibility`, { query: q }),
  unitGaps: (id: number, asOf: string | null) => api.get<UnitGaps>(`/units/${id}/gaps`, { query: { asOf } }),
  unitGapPeople: (id: number, q: Record<string, QueryValue>) => api.get<UnitGapPeople>(`/units/${id}/gaps/people`, { query: q }),
  candidates: (q: Record<string, QueryValue>, signal?: AbortSignal) => api.get<CandidatePage>('/candidates', { query: q, signal }),
  whatIf: (q: Record<string, QueryValue>, signal?: AbortSignal) => api.get<WhatIf>('/candidates/what-if', { query: q, signal }),
  /** The whole ranked list to Excel, as a background job; empty filters are left out. */
  exportCandidates: (q: Record<string, string | number | boolean | null | undefined>) =>
    api.post<Job>('/exports/candidates', Object.fromEntries(Object.entries(q).filter(([, v]) => v !== null && v !== undefined && v !== '')) as CandidatesExport),
  rules: (programme: string | null, asOf?: string | null) => api.get<RuleList>('/rules', { query: { programme, asOf } }),
  addRuleVersion: (ruleId: string, body: RuleVersionInput) => api.post<Rule>(`/rules/${encodeURIComponent(ruleId)}/versions`, body),
  standards: (asOf?: string | null) => api.get<{ asOf: string; items: Standard[] }>('/standards', { query: { asOf } }),
  /** A new version of a standard; a new id (with titleCode or jobPositionCode) creates the standard. */
  addStandardVersion: (standardId: string, body: StandardVersionInput) =>
    api.post<Standard>(`/standards/${encodeURIComponent(standardId)}/versions`, body),
  jobPositions: () => api.get<{ items: JobPosition[] }>('/job-positions'),
  setJobPositionFields: (code: string, fields: string[]) => api.put<JobPosition>(`/job-positions/${encodeURIComponent(code)}/fields`, { fields }),
};

/** The programme catalogue changes rarely: read once per session. */
export function useProgrammes() {
  return useQuery({ queryKey: ['programmes'], queryFn: rulesApi.programmes, staleTime: Infinity });
}
