import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZClassSurvey,
  ZErrorBody,
  ZEvaluationExportRequest,
  ZEvaluationSettings,
  ZEvaluationSettingsInput,
  ZFeedbackExportRequest,
  ZFeedbackInput,
  ZFeedbackItem,
  ZFeedbackListQuery,
  ZFeedbackPage,
  ZFeedbackResults,
  ZFeedbackResultsQuery,
  ZIdParams,
  ZJob,
  ZLecturerResults,
  ZMySurveys,
  ZQuestionnaire,
  ZQuestionnaireInput,
  ZQuestionnaireList,
  ZSurveyAnswerInput,
  ZSurveyForm,
  ZSurveyListQuery,
  ZSurveyOpenInput,
  ZSurveyPage,
  ZTeachingResults,
  ZTeachingResultsExport,
} from '@nang-tam/contracts';
import type { AppContext } from '../context.js';
import { userOf } from '../auth/plugin.js';
import * as feedback from '../services/feedback.service.js';

/**
 * Evaluation after training, levels 1 and 3 (issue 11 point 4; docs/decisions/0051). The school and
 * the board (evaluation.read / evaluation.manage) over classes organised in their subtree; the learner
 * (reaction.answer) over their own classes' surveys, anyone else's answering 404; the agency
 * (conduct.write) over its people's feedback, out of its subtree 404. The survey and feedback
 * policies (policies/feedback.ts) are applied by the service on the record it loaded.
 */
export function feedbackRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // ---------- questionnaires and settings ----------
    app.get(
      '/api/v1/reaction/questionnaires',
      { schema: { tags: ['evaluation'], summary: 'Phiếu khảo sát ý kiến học viên: mẫu chung và mẫu của từng chương trình (bản mới nhất)', response: { 200: ZQuestionnaireList } }, config: { access: 'evaluation.read' } },
      async (request) => feedback.listQuestionnaires(ctx.db, userOf(request)),
    );
    app.post(
      '/api/v1/reaction/questionnaires',
      {
        schema: { tags: ['evaluation'], summary: 'Lưu phiên bản mới của phiếu khảo sát (mẫu chung hoặc của một chương trình)', body: ZQuestionnaireInput, response: { 201: ZQuestionnaire } },
        config: { access: 'evaluation.manage' },
      },
      async (request, reply) => reply.status(201).send(await feedback.saveQuestionnaire(ctx.db, userOf(request), request.body)),
    );
    app.put(
      '/api/v1/reaction/settings',
      {
        schema: { tags: ['evaluation'], summary: 'Số phiếu tối thiểu để hiển thị kết quả (bảo đảm ẩn danh)', body: ZEvaluationSettingsInput, response: { 200: ZEvaluationSettings } },
        config: { access: 'evaluation.manage' },
      },
      async (request) => feedback.updateSettings(ctx.db, userOf(request), request.body),
    );
    // ---------- surveys: the school ----------
    app.get(
      '/api/v1/reaction/surveys',
      { schema: { tags: ['evaluation'], summary: 'Các lớp đã mở phiếu khảo sát, tỷ lệ trả lời', querystring: ZSurveyListQuery, response: { 200: ZSurveyPage } }, config: { access: 'evaluation.read' } },
      async (request) => feedback.listSurveys(ctx.db, userOf(request), request.query),
    );
    app.get(
      '/api/v1/classes/:id/survey',
      {
        schema: { tags: ['evaluation'], summary: 'Phiếu khảo sát của lớp và kết quả (ẩn khi số phiếu dưới ngưỡng)', params: ZIdParams, response: { 200: ZClassSurvey } },
        config: { access: 'evaluation.read' },
      },
      async (request) => feedback.getClassSurvey(ctx.db, userOf(request), request.params.id),
    );
    app.put(
      '/api/v1/classes/:id/survey',
      {
        schema: {
          tags: ['evaluation'],
          summary: 'Mở phiếu khảo sát cho lớp khi kết thúc, hoặc đổi ngày mở, đóng phiếu',
          params: ZIdParams,
          body: ZSurveyOpenInput,
          response: { 200: ZClassSurvey, 409: ZErrorBody },
        },
        config: { access: 'evaluation.manage' },
      },
      async (request) => feedback.putClassSurvey(ctx.db, userOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/v1/classes/:id/survey/export',
      {
        schema: { tags: ['evaluation'], summary: 'Xuất kết quả khảo sát của lớp ra Excel hoặc PDF (chạy nền)', params: ZIdParams, body: ZEvaluationExportRequest, response: { 202: ZJob } },
        config: { access: 'evaluation.read' },
      },
      async (request, reply) => reply.status(202).send(await feedback.startSurveyExport(ctx.db, userOf(request), request.params.id, request.body.format)),
    );
    app.get(
      '/api/v1/reaction/lecturers/:id',
      { schema: { tags: ['evaluation'], summary: 'Kết quả khảo sát về một giảng viên qua các lớp', params: ZIdParams, response: { 200: ZLecturerResults } }, config: { access: 'evaluation.read' } },
      async (request) => feedback.lecturerResults(ctx.db, userOf(request), request.params.id),
    );
    // ---------- a lecturer's own results (branch lecturer-views, decision 0066) ----------
    app.get(
      '/api/v1/me/teaching-results',
      {
        schema: {
          tags: ['evaluation'],
          summary: 'Ý kiến học viên về giảng viên (của chính tôi): tổng hợp ẩn danh theo lớp, dưới ngưỡng chỉ hiện số phiếu',
          response: { 200: ZTeachingResults },
        },
        config: { access: 'reaction.ownResults' },
      },
      async (request) => feedback.myTeachingResults(ctx.db, userOf(request)),
    );
    app.post(
      '/api/v1/me/teaching-results/export',
      {
        schema: { tags: ['exports'], summary: 'Xuất ý kiến học viên về giảng viên (của chính tôi) ra Excel hoặc PDF (chạy nền)', body: ZTeachingResultsExport, response: { 202: ZJob } },
        config: { access: 'reaction.ownResults' },
      },
      async (request, reply) => reply.status(202).send(await feedback.startTeachingResultsExport(ctx.db, userOf(request), request.body.format)),
    );
    // ---------- surveys: the learner ----------
    app.get(
      '/api/v1/me/surveys',
      { schema: { tags: ['evaluation'], summary: 'Phiếu khảo sát của các lớp tôi học', response: { 200: ZMySurveys } }, config: { access: 'reaction.answer' } },
      async (request) => feedback.mySurveys(ctx.db, userOf(request)),
    );
    app.get(
      '/api/v1/me/surveys/:id',
      { schema: { tags: ['evaluation'], summary: 'Nội dung phiếu khảo sát (chỉ học viên của lớp)', params: ZIdParams, response: { 200: ZSurveyForm } }, config: { access: 'reaction.answer' } },
      async (request) => feedback.getSurveyForm(ctx.db, userOf(request), request.params.id),
    );
    app.post(
      '/api/v1/me/surveys/:id/answers',
      {
        schema: {
          tags: ['evaluation'],
          summary: 'Gửi phiếu khảo sát (một lần, trong thời gian mở phiếu; ẩn danh)',
          params: ZIdParams,
          body: ZSurveyAnswerInput,
          response: { 201: z.object({ answered: z.literal(true) }), 409: ZErrorBody },
        },
        config: { access: 'reaction.answer' },
      },
      async (request, reply) => reply.status(201).send(await feedback.answerSurvey(ctx.db, userOf(request), request.params.id, request.body)),
    );
    // ---------- agency feedback ----------
    app.get(
      '/api/v1/agency-feedback',
      {
        schema: { tags: ['evaluation'], summary: 'Nhận xét sau đào tạo 6 và 12 tháng: cơ quan thấy phần mình phải gửi, Trường thấy học viên tốt nghiệp của lớp mình', querystring: ZFeedbackListQuery, response: { 200: ZFeedbackPage } },
        config: { access: ['conduct.write', 'evaluation.read'] },
      },
      async (request) => feedback.listFeedback(ctx.db, userOf(request), request.query),
    );
    app.post(
      '/api/v1/agency-feedback',
      {
        schema: {
          tags: ['evaluation'],
          summary: 'Cơ quan gửi nhận xét về người học sau tốt nghiệp (từ ngày đến hạn, mỗi mốc một lần)',
          body: ZFeedbackInput,
          response: { 201: ZFeedbackItem, 409: ZErrorBody },
        },
        config: { access: 'conduct.write', policy: 'agencyFeedback.submit' },
      },
      async (request, reply) => reply.status(201).send(await feedback.submitFeedback(ctx.db, userOf(request), request.body)),
    );
    app.get(
      '/api/v1/agency-feedback/results',
      { schema: { tags: ['evaluation'], summary: 'Tổng hợp nhận xét sau đào tạo theo lớp hoặc chương trình', querystring: ZFeedbackResultsQuery, response: { 200: ZFeedbackResults } }, config: { access: 'evaluation.read' } },
      async (request) => feedback.feedbackResults(ctx.db, userOf(request), request.query),
    );
    app.post(
      '/api/v1/agency-feedback/results/export',
      {
        schema: { tags: ['evaluation'], summary: 'Xuất tổng hợp nhận xét sau đào tạo ra Excel hoặc PDF (chạy nền)', body: ZFeedbackExportRequest, response: { 202: ZJob } },
        config: { access: 'evaluation.read' },
      },
      async (request, reply) => reply.status(202).send(await feedback.startFeedbackExport(ctx.db, userOf(request), request.body.groupBy, request.body.format)),
    );
  };
}
