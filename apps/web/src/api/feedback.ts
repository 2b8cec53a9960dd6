/**
 * Typed calls of the evaluation API (issue 11 point 4; decision 0051): the learners' reaction survey
 * (the learner's form and answer; the school's survey and results) and the agency's feedback at 6 and
 * 12 months after graduation.
 */
import type {
  ClassSurvey,
  FeedbackInput,
  FeedbackItem,
  FeedbackListQuery,
  FeedbackPage,
  FeedbackResults,
  Job,
  MySurveys,
  Questionnaire,
  QuestionnaireInput,
  QuestionnaireList,
  SurveyAnswerInput,
  SurveyForm,
  SurveyOpenInput,
  SurveyPage,
  TeachingResults,
} from '@nang-tam/contracts';
import { api } from './client';

export type FeedbackParams = Partial<Pick<FeedbackListQuery, 'status' | 'classId' | 'milestone'>> & { limit: number; offset: number };

export const feedbackApi = {
  mySurveys: (signal?: AbortSignal) => api.get<MySurveys>('/me/surveys', { signal }),
  form: (id: number, signal?: AbortSignal) => api.get<SurveyForm>(`/me/surveys/${id}`, { signal }),
  answer: (id: number, body: SurveyAnswerInput) => api.post<{ answered: true }>(`/me/surveys/${id}/answers`, body),
  surveys: (q: { limit: number; offset: number }, signal?: AbortSignal) => api.get<SurveyPage>('/reaction/surveys', { query: q, signal }),
  classSurvey: (classId: number, signal?: AbortSignal) => api.get<ClassSurvey>(`/classes/${classId}/survey`, { signal }),
  putClassSurvey: (classId: number, body: SurveyOpenInput) => api.put<ClassSurvey>(`/classes/${classId}/survey`, body),
  exportSurvey: (classId: number, format: 'xlsx' | 'pdf') => api.post<Job>(`/classes/${classId}/survey/export`, { format }),
  questionnaires: (signal?: AbortSignal) => api.get<QuestionnaireList>('/reaction/questionnaires', { signal }),
  saveQuestionnaire: (body: QuestionnaireInput) => api.post<Questionnaire>('/reaction/questionnaires', body),
  setThreshold: (minResponses: number) => api.put<{ minResponses: number }>('/reaction/settings', { minResponses }),
  feedback: (q: FeedbackParams, signal?: AbortSignal) => api.get<FeedbackPage>('/agency-feedback', { query: q, signal }),
  submitFeedback: (body: FeedbackInput) => api.post<FeedbackItem>('/agency-feedback', body),
  feedbackResults: (groupBy: 'class' | 'programme', signal?: AbortSignal) => api.get<FeedbackResults>('/agency-feedback/results', { query: { groupBy }, signal }),
  // a lecturer's own results (branch lecturer-views, decision 0066)
  teachingResults: (signal?: AbortSignal) => api.get<TeachingResults>('/me/teaching-results', { signal }),
  exportTeachingResults: (format: 'xlsx' | 'pdf') => api.post<Job>('/me/teaching-results/export', { format }),
  exportFeedback: (groupBy: 'class' | 'programme', format: 'xlsx' | 'pdf') => api.post<Job>('/agency-feedback/results/export', { format, groupBy }),
};
