/**
 * Typed calls of the learner-following API (issue 4): attendance and QR check-in, recalls and
 * make-up study, a learner's progress, the home agency's conduct reports, grades, graduation,
 * certificates and their public verification, and the lecturer's own schedule.
 */
import type {
  AttendanceInput,
  ClassLearnersBoard,
  MyLearners,
  MyLearning,
  Certificate,
  CertificateList,
  CertificateVerification,
  CheckinCode,
  CheckinInput,
  CheckinResult,
  ConductReport,
  ConductReportInput,
  ConductReportPage,
  ConductReportRequestResult,
  EnrolmentProgress,
  GradeMatrix,
  GradesInput,
  GraduationPreview,
  GraduationResult,
  MakeUp,
  MakeUpInput,
  MySessions,
  RecallInput,
  RecallResult,
  SessionAttendance,
} from '@nang-tam/contracts';
import { api, apiUrl, type RequestOptions } from './client';

export const attendanceApi = {
  get: (sessionId: number) => api.get<SessionAttendance>(`/sessions/${sessionId}/attendance`),
  mark: (sessionId: number, body: AttendanceInput) => api.put<SessionAttendance>(`/sessions/${sessionId}/attendance`, body),
  checkinCode: (sessionId: number) => api.get<CheckinCode>(`/sessions/${sessionId}/checkin-code`),
  /** The learner's own check-in; `noAuthRedirect`: the check-in page handles a missing session itself. */
  checkIn: (body: CheckinInput, opts?: RequestOptions) => api.post<CheckinResult>('/checkins', body, { noAuthRedirect: true, ...opts }),
};

export const enrolmentsApi = {
  progress: (enrolmentId: number) => api.get<EnrolmentProgress>(`/enrolments/${enrolmentId}/progress`),
  recall: (enrolmentId: number, body: RecallInput) => api.post<RecallResult>(`/enrolments/${enrolmentId}/recalls`, body),
  makeUp: (enrolmentId: number, body: MakeUpInput) => api.post<MakeUp>(`/enrolments/${enrolmentId}/make-ups`, body),
  fillConductReport: (enrolmentId: number, body: ConductReportInput) =>
    api.put<ConductReport>(`/enrolments/${enrolmentId}/conduct-report`, body),
};

export type ConductReportsParams = {
  status?: 'pending' | 'received' | 'all';
  overdue?: boolean;
  classId?: number;
  limit: number;
  offset: number;
};

export const conductApi = {
  list: (q: ConductReportsParams, signal?: AbortSignal) =>
    api.get<ConductReportPage>('/conduct-reports', { query: { ...q, overdue: q.overdue ? true : undefined }, signal }),
  request: (classId: number, dueOn: string) =>
    api.post<ConductReportRequestResult>(`/classes/${classId}/conduct-reports/request`, { dueOn }),
};

export const gradesApi = {
  matrix: (classId: number) => api.get<GradeMatrix>(`/classes/${classId}/grades`),
  save: (classId: number, body: GradesInput) => api.put<GradeMatrix>(`/classes/${classId}/grades`, body),
};

export const graduationApi = {
  preview: (classId: number, asOf?: string) => api.get<GraduationPreview>(`/classes/${classId}/graduation/preview`, { query: { asOf } }),
  graduate: (classId: number, decidedOn: string) => api.post<GraduationResult>(`/classes/${classId}/graduation`, { decidedOn }),
};

export const certificatesApi = {
  ofClass: (classId: number) => api.get<CertificateList>(`/classes/${classId}/certificates`),
  ofPerson: (personId: number) => api.get<CertificateList>(`/people/${personId}/certificates`),
  pdfUrl: (id: number) => apiUrl(`/certificates/${id}/pdf`),
  revoke: (id: number, reason: string) => api.post<Certificate>(`/certificates/${id}/revoke`, { reason }),
  /** Public: no session needed. The code is the rest of the path (it may be long). */
  verify: (code: string) => api.get<CertificateVerification>(`/verify/${encodeURIComponent(code)}`, { noAuthRedirect: true }),
};

export const boardsApi = {
  /** One class, learner by learner: attendance, recalls, make-ups, conduct report, grades, exam eligibility. */
  classLearners: (classId: number) => api.get<ClassLearnersBoard>(`/classes/${classId}/board`),
};

export const meApi = {
  /** The lecturer's sessions (default: today and the next 30 days). */
  sessions: (q: { from?: string; to?: string }) => api.get<MySessions>('/me/sessions', { query: q }),
  /** The agency officer's people in classes and the conduct reports the agency owes. */
  learners: (q: { classId?: number; limit: number; offset: number }, signal?: AbortSignal) =>
    api.get<MyLearners>('/me/learners', { query: q, signal }),
  /** The learner's own classes, schedule, marks, grades and certificates. */
  learning: () => api.get<MyLearning>('/me/learning'),
};
