/** Typed calls of the API, one per endpoint; shapes come from @nang-tam/contracts. */
import type {
  AppraisalInput,
  AssignmentInput,
  AuditEntry,
  Job,
  LoginRequest,
  Me,
  PeopleCount,
  PeoplePage,
  PersonCreate,
  PersonDetail,
  PersonUpdate,
  PlanningInput,
  QualificationInput,
  Reference,
  Unit,
  UnitDetail,
} from '@nang-tam/contracts';
import { api, apiUrl, type QueryValue } from './client';

export interface HealthStatus {
  status: 'ok';
  db: 'pglite' | 'postgres';
}

export const authApi = {
  login: (body: LoginRequest) => api.post<Me>('/auth/login', body, { noAuthRedirect: true }),
  logout: () => api.post<void>('/auth/logout', undefined, { noAuthRedirect: true }),
  me: () => api.get<Me>('/auth/me', { noAuthRedirect: true }),
};

export const healthApi = {
  get: () => api.get<HealthStatus>('/api/health'),
};

export const referenceApi = {
  get: () => api.get<Reference>('/reference'),
};

export const unitsApi = {
  /** Children of a unit; without a parent, the roots of the caller's scope. */
  children: (parentId?: number, historical = false) =>
    api.get<{ items: Unit[] }>('/units', { query: { parentId, historical: historical ? 'true' : undefined } }),
  search: (q: string, historical = false) => api.get<{ items: Unit[] }>('/units', { query: { q, historical: historical ? 'true' : undefined } }),
  get: (id: number) => api.get<UnitDetail>(`/units/${id}`),
};

/** Filters of the people list as the query string carries them (strings, like the URL). */
export type PeopleParams = Record<string, QueryValue>;

export type SubRecordKind = 'qualifications' | 'assignments' | 'planning-entries' | 'appraisals';
export interface SubRecordInputs {
  qualifications: QualificationInput;
  assignments: AssignmentInput;
  'planning-entries': PlanningInput;
  appraisals: AppraisalInput;
}

export const peopleApi = {
  list: (params: PeopleParams, signal?: AbortSignal) => api.get<PeoplePage>('/people', { query: params, signal }),
  /** The exact total of the filters (the list counts only up to 1,000). */
  count: (params: PeopleParams, signal?: AbortSignal) => api.get<PeopleCount>('/people/count', { query: params, signal }),
  get: (id: number) => api.get<PersonDetail>(`/people/${id}`),
  create: (body: PersonCreate) => api.post<PersonDetail>('/people', body),
  update: (id: number, body: PersonUpdate) => api.put<PersonDetail>(`/people/${id}`, body),
  addSub: <K extends SubRecordKind>(id: number, kind: K, body: SubRecordInputs[K]) =>
    api.post<PersonDetail>(`/people/${id}/${kind}`, body),
  removeSub: (id: number, kind: SubRecordKind, itemId: number) => api.delete<PersonDetail>(`/people/${id}/${kind}/${itemId}`),
  audit: (id: number, limit: number, offset: number) =>
    api.get<{ items: AuditEntry[]; total: number }>(`/people/${id}/audit`, { query: { limit, offset } }),
};

export const importsApi = {
  templateUrl: () => apiUrl('/imports/people/template'),
  uploadPeople: (file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api.post<Job>('/imports/people', form);
  },
};

export const exportsApi = {
  /** Same filters as the list, without limit/offset. */
  startPeople: (filters: PeopleParams) => {
    const body: Record<string, string> = {};
    for (const [k, v] of Object.entries(filters)) {
      if (v === undefined || v === null || v === '' || k === 'limit' || k === 'offset') continue;
      body[k] = String(v);
    }
    return api.post<Job>('/exports/people', body);
  },
};

export const jobsApi = {
  get: (id: number) => api.get<Job>(`/jobs/${id}`),
  fileUrl: (id: number) => apiUrl(`/jobs/${id}/file`),
};
