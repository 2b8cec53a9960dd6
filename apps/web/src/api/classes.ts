/**
 * Typed calls of the classes and nominations API (issue 4): the programme catalogue's teaching
 * side, the lecturer pool, classes with their modules and sessions, nominations and their approval
 * chain, and bulk nomination (a background job).
 */
import type {
  ClassBoard,
  ClassCreate,
  ClassDetail,
  ClassPage,
  ClassSession,
  ClassSessionInput,
  ClassSessionUpdate,
  ClassUpdate,
  Job,
  Lecturer,
  LecturerCreate,
  LecturerPage,
  ModuleLecturersInput,
  NominationCreate,
  NominationBulkDecision,
  NominationBulkDecisionResult,
  NominationDecision,
  NominationDetail,
  NominationPage,
  NominationStatus,
  NominationWithdraw,
  ProgrammeCatalogue,
} from '@nang-tam/contracts';
import { useQuery } from '@tanstack/react-query';
import { api, request } from './client';

/** PATCH is not among the client's shortcuts. */
const patch = <T>(path: string, body: unknown) => request<T>('PATCH', path, { body });

export type ClassesParams = {
  year?: number | null;
  programme?: string | null;
  status?: string | null;
  q?: string | null;
  limit: number;
  offset: number;
};

export const classesApi = {
  list: (q: ClassesParams, signal?: AbortSignal) => api.get<ClassPage>('/classes', { query: q, signal }),
  /** The registrar's class board of a school year: each class's attendance, conduct reports, grades, exam eligibility. */
  board: (year: number, signal?: AbortSignal) => api.get<ClassBoard>('/classes/board', { query: { year }, signal }),
  get: (id: number) => api.get<ClassDetail>(`/classes/${id}`),
  create: (body: ClassCreate) => api.post<ClassDetail>('/classes', body),
  update: (id: number, body: ClassUpdate) => patch<ClassDetail>(`/classes/${id}`, body),
  setModuleLecturers: (id: number, moduleId: number, body: ModuleLecturersInput) =>
    api.put<ClassDetail>(`/classes/${id}/modules/${moduleId}/lecturers`, body),
  sessions: (id: number) => api.get<{ items: ClassSession[] }>(`/classes/${id}/sessions`),
  createSession: (id: number, body: ClassSessionInput) => api.post<ClassSession>(`/classes/${id}/sessions`, body),
  updateSession: (id: number, sessionId: number, body: ClassSessionUpdate) =>
    patch<ClassSession>(`/classes/${id}/sessions/${sessionId}`, body),
  deleteSession: (id: number, sessionId: number) => api.delete<void>(`/classes/${id}/sessions/${sessionId}`),
  catalogue: (programme: string) => api.get<ProgrammeCatalogue>(`/programmes/${encodeURIComponent(programme)}/catalogue`),
};

export const lecturersApi = {
  search: (q: string, signal?: AbortSignal) => api.get<LecturerPage>('/lecturers', { query: { q, active: true, limit: 20 }, signal }),
  create: (body: LecturerCreate) => api.post<Lecturer>('/lecturers', body),
};

export const nominationsApi = {
  list: (classId: number, q: { status?: NominationStatus | null; limit: number; offset: number }, signal?: AbortSignal) =>
    api.get<NominationPage>(`/classes/${classId}/nominations`, { query: q, signal }),
  get: (id: number) => api.get<NominationDetail>(`/nominations/${id}`),
  create: (classId: number, body: NominationCreate) => api.post<NominationDetail>(`/classes/${classId}/nominations`, body),
  decide: (id: number, body: NominationDecision) => api.post<NominationDetail>(`/nominations/${id}/decision`, body),
  withdraw: (id: number, body: NominationWithdraw) => api.post<NominationDetail>(`/nominations/${id}/withdraw`, body),
  /** An .xlsx with a "Số CCCD" column, nominated one by one as a background job. */
  bulkFile: (classId: number, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api.post<Job>(`/classes/${classId}/nominations/bulk`, form);
  },
  /** People picked on a list (the candidates page), nominated one by one as a background job. */
  bulkPeople: (classId: number, personIds: number[]) => api.post<Job>(`/classes/${classId}/nominations/bulk`, { personIds }),
  /** The same decision on many nominations, each decided on its own (per-item outcomes). */
  decideMany: (body: NominationBulkDecision) => api.post<NominationBulkDecisionResult>('/nominations/decisions', body),
};

/** A programme's catalogue (modules, duration, approver) changes rarely. */
export function useCatalogue(programme: string | null | undefined) {
  return useQuery({
    queryKey: ['programmes', programme, 'catalogue'],
    queryFn: () => classesApi.catalogue(programme!),
    enabled: !!programme,
    staleTime: 5 * 60_000,
  });
}
