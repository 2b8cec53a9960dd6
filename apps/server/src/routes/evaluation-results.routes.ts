import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZAssessment,
  ZAssessmentInput,
  ZAssessmentParams,
  ZCampaignClose,
  ZCampaignDetail,
  ZCampaignList,
  ZCampaignOpen,
  ZCampaignReport,
  ZCohortOptions,
  ZErrorBody,
  ZIdParams,
  ZJob,
  ZOwedList,
  ZResults,
  ZResultsQuery,
} from '@nang-tam/contracts';
import type { AppContext } from '../context.js';
import { userOf } from '../auth/plugin.js';
import { reportsDb } from '../database.js';
import * as evaluation from '../services/evaluation-results.service.js';

/**
 * Evaluation of results at two years and after (issue 11 point 4, decision 0052). Reading needs one
 * of classes.manage (the school), nominations.approve (board, home affairs) or conduct.write (an
 * agency: its own graduates, its own comparable people); opening, closing and the report need the
 * school or the board over the class's organiser (404 otherwise); an assessment needs conduct.write
 * over the graduate's unit (404 otherwise). The service applies the evaluation-campaign policy.
 */
const READERS = ['classes.manage', 'nominations.approve', 'conduct.write'] as const;
const RUNNERS = ['classes.manage', 'nominations.approve'] as const;

export function evaluationResultsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/evaluation/results',
      {
        schema: {
          tags: ['evaluation'],
          summary:
            'Đánh giá kết quả sau đào tạo 2 năm của một lớp hoặc một chương trình trong một khoảng thời gian: xếp loại trước và sau, quy hoạch, luân chuyển, bổ nhiệm, so với nhóm đối chứng',
          querystring: ZResultsQuery,
          response: { 200: ZResults },
        },
        config: { access: READERS },
      },
      async (request) => evaluation.getResults(reportsDb(ctx), userOf(request), request.query),
    );
    app.get(
      '/api/v1/evaluation/cohorts',
      {
        schema: {
          tags: ['evaluation'],
          summary: 'Các chương trình và lớp đã có học viên tốt nghiệp (để chọn khóa cần đánh giá)',
          response: { 200: ZCohortOptions },
        },
        config: { access: READERS },
      },
      async (request) => evaluation.getCohortOptions(ctx.db, userOf(request)),
    );
    app.get(
      '/api/v1/evaluation/campaigns',
      {
        schema: { tags: ['evaluation'], summary: 'Các đợt đánh giá kết quả sau đào tạo', response: { 200: ZCampaignList } },
        config: { access: READERS },
      },
      async (request) => evaluation.listCampaigns(ctx.db, userOf(request)),
    );
    app.post(
      '/api/v1/evaluation/campaigns',
      {
        schema: {
          tags: ['evaluation'],
          summary: 'Mở đợt đánh giá kết quả sau đào tạo cho một lớp, hoặc cho một chương trình trong một khoảng thời gian (điền sẵn số liệu từ hồ sơ cho từng học viên)',
          description:
            'Lớp chưa kết thúc đủ 2 năm: 409 EVALUATION_TOO_EARLY (nêu ngày bắt đầu được đánh giá). Lớp đã có đợt: 409 DUPLICATE. ' +
            'Chương trình (programmeCode, from, to): khoảng thời gian ngược 400; chương trình không có 404 UNKNOWN_PROGRAMME; không có lớp đến hạn 409 EVALUATION_NO_DUE_CLASS; ' +
            'đã có đợt đang mở của chương trình trùng khoảng thời gian 409 CAMPAIGN_OVERLAP.',
          body: ZCampaignOpen,
          response: { 201: ZCampaignDetail, 409: ZErrorBody },
        },
        config: { access: RUNNERS },
      },
      async (request, reply) => reply.status(201).send(await evaluation.openCampaign(ctx.db, userOf(request), request.body)),
    );
    app.get(
      '/api/v1/evaluation/campaigns/:id',
      {
        schema: {
          tags: ['evaluation'],
          summary: 'Một đợt đánh giá: số liệu, ý kiến của cơ quan',
          params: ZIdParams,
          response: { 200: ZCampaignDetail },
        },
        config: { access: READERS },
      },
      async (request) => evaluation.getCampaign(ctx.db, userOf(request), request.params.id),
    );
    app.post(
      '/api/v1/evaluation/campaigns/:id/close',
      {
        schema: {
          tags: ['evaluation'],
          summary: 'Kết thúc đợt đánh giá (không nhận thêm ý kiến)',
          params: ZIdParams,
          body: ZCampaignClose,
          response: { 200: ZCampaignDetail, 409: ZErrorBody },
        },
        config: { access: RUNNERS },
      },
      async (request) => evaluation.closeCampaign(ctx.db, userOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/v1/evaluation/campaigns/:id/report',
      {
        schema: {
          tags: ['exports'],
          summary: 'Xuất báo cáo đánh giá kết quả sau đào tạo ra Excel hoặc PDF (chạy nền)',
          params: ZIdParams,
          body: ZCampaignReport,
          response: { 202: ZJob },
        },
        config: { access: RUNNERS },
      },
      async (request, reply) =>
        reply.status(202).send(await evaluation.startReport(ctx.db, userOf(request), request.params.id, request.body.format)),
    );
    app.put(
      '/api/v1/evaluation/campaigns/:id/assessments/:personId',
      {
        schema: {
          tags: ['evaluation'],
          summary: 'Ý kiến đánh giá của cơ quan về một học viên (người thuộc đơn vị mình, trong khóa được đánh giá)',
          params: ZAssessmentParams,
          body: ZAssessmentInput,
          response: { 200: ZAssessment, 409: ZErrorBody },
        },
        config: { access: 'conduct.write' },
      },
      async (request) => evaluation.assess(ctx.db, userOf(request), request.params.id, request.params.personId, request.body),
    );
    app.get(
      '/api/v1/evaluation/owed',
      {
        schema: { tags: ['evaluation'], summary: 'Các ý kiến đánh giá sau đào tạo đơn vị còn phải gửi', response: { 200: ZOwedList } },
        config: { access: 'conduct.write' },
      },
      async (request) => evaluation.listOwed(ctx.db, userOf(request)),
    );
  };
}
