import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZErrorBody,
  ZIdParams,
  ZNeedsAggregate,
  ZNeedsAggregateQuery,
  ZNeedsAnswer,
  ZNeedsAnswerReturn,
  ZNeedsAnswerSave,
  ZNeedsAnswerSubmit,
  ZNeedsCampaignCreate,
  ZNeedsCampaignDetail,
  ZNeedsCampaignList,
  ZNeedsCampaignUnitParams,
  ZNeedsCampaignUpdate,
  ZNeedsExportRequest,
  ZNeedsAggregateExportRequest,
  ZJob,
  ZNeedsHistory,
  ZNeedsReminderList,
  ZNeedsReopen,
  ZNeedsSuggestion,
} from '@nang-tam/contracts';
import type { AppContext } from '../context.js';
import { userOf } from '../auth/plugin.js';
import * as needs from '../services/needs.service.js';

/**
 * Training needs: campaigns (the board and home affairs open, change, close and reopen them for a
 * unit), each unit's answer (its officers save, submit; the board returns it), the suggestion from
 * gaps, the aggregation (the board, home affairs, the school), the unit's history and reminders.
 * Opening a campaign needs needs.manage and no record-level decision (the campaign is made in the
 * caller's own subtree). The campaign list, one campaign and one answer declare no policy action:
 * what they show is bounded by reach (a campaign none of whose units the user reaches, another unit's answer: 404) and each
 * record carries its `actions`. History and reminders are bounded by the user's subtree.
 */
export function needsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/needs/campaigns',
      {
        schema: {
          tags: ['needs'],
          summary: 'Các đợt đăng ký nhu cầu đào tạo, bồi dưỡng (mới nhất trước)',
          response: { 200: ZNeedsCampaignList },
        },
        config: { access: 'needs.read' },
      },
      async (request) => needs.listCampaigns(ctx.db, userOf(request)),
    );
    app.post(
      '/api/v1/needs/campaigns',
      {
        schema: {
          tags: ['needs'],
          summary: 'Mở đợt đăng ký nhu cầu cho một năm: chương trình và hình thức học, hạn, các đơn vị phải đăng ký',
          body: ZNeedsCampaignCreate,
          response: { 201: ZNeedsCampaignDetail, 400: ZErrorBody },
        },
        config: { access: 'needs.manage' },
      },
      async (request, reply) => reply.status(201).send(await needs.createCampaign(ctx.db, userOf(request), request.body)),
    );
    app.get(
      '/api/v1/needs/campaigns/:id',
      {
        schema: {
          tags: ['needs'],
          summary: 'Một đợt đăng ký nhu cầu và tình trạng đăng ký của từng đơn vị',
          params: ZIdParams,
          response: { 200: ZNeedsCampaignDetail },
        },
        config: { access: 'needs.read' },
      },
      async (request) => needs.getCampaign(ctx.db, userOf(request), request.params.id),
    );
    app.patch(
      '/api/v1/needs/campaigns/:id',
      {
        schema: {
          tags: ['needs'],
          summary: 'Sửa đợt đăng ký (tên, hạn, ghi chú), đóng hoặc mở lại',
          params: ZIdParams,
          body: ZNeedsCampaignUpdate,
          response: { 200: ZNeedsCampaignDetail, 409: ZErrorBody },
        },
        config: { access: 'needs.manage', policy: 'needsCampaign.update' },
      },
      async (request) => needs.updateCampaign(ctx.db, userOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/v1/needs/campaigns/:id/units/:unitId/reopen',
      {
        schema: {
          tags: ['needs'],
          summary: 'Mở lại đợt đăng ký cho một đơn vị đến một ngày (sau hạn hoặc sau khi đóng); until = null để thôi',
          params: ZNeedsCampaignUnitParams,
          body: ZNeedsReopen,
          response: { 200: ZNeedsCampaignDetail },
        },
        config: { access: 'needs.manage', policy: 'needsCampaign.reopenUnit' },
      },
      async (request) => needs.reopenForUnit(ctx.db, userOf(request), request.params.id, request.params.unitId, request.body.until),
    );
    app.get(
      '/api/v1/needs/campaigns/:id/aggregate',
      {
        schema: {
          tags: ['needs'],
          summary: 'Tổng hợp nhu cầu: theo chương trình, hình thức, quý, đơn vị (cộng dồn theo cây) và nhóm đối tượng; các đơn vị chưa gửi',
          params: ZIdParams,
          querystring: ZNeedsAggregateQuery,
          response: { 200: ZNeedsAggregate },
        },
        config: { access: 'needs.aggregate', policy: 'needsCampaign.viewAggregate' },
      },
      async (request) => needs.aggregateCampaign(ctx.db, userOf(request), request.params.id, request.query),
    );
    app.get(
      '/api/v1/needs/campaigns/:id/answers/:unitId',
      {
        schema: {
          tags: ['needs'],
          summary: 'Bản đăng ký nhu cầu của một đơn vị',
          params: ZNeedsCampaignUnitParams,
          response: { 200: ZNeedsAnswer },
        },
        config: { access: 'needs.read' },
      },
      async (request) => needs.getAnswer(ctx.db, userOf(request), request.params.id, request.params.unitId),
    );
    app.put(
      '/api/v1/needs/campaigns/:id/answers/:unitId',
      {
        schema: {
          tags: ['needs'],
          summary: 'Lưu bản nháp đăng ký nhu cầu của đơn vị (các dòng chương trình × hình thức × quý × số người, có thể nêu tên)',
          description: '`version`: phiên bản đã đọc (0 khi đơn vị chưa lưu lần nào); người khác đã sửa trong lúc đó: 409 CONFLICT.',
          params: ZNeedsCampaignUnitParams,
          body: ZNeedsAnswerSave,
          response: { 200: ZNeedsAnswer, 400: ZErrorBody, 409: ZErrorBody },
        },
        config: { access: 'needs.write', policy: 'needsAnswer.edit' },
      },
      async (request) => needs.saveAnswer(ctx.db, userOf(request), request.params.id, request.params.unitId, request.body),
    );
    app.get(
      '/api/v1/needs/campaigns/:id/answers/:unitId/suggestion',
      {
        schema: {
          tags: ['needs'],
          summary: 'Gợi ý từ khoảng trống: người còn thiếu trình độ chức danh hiện tại hoặc quy hoạch yêu cầu và đã đủ điều kiện học',
          params: ZNeedsCampaignUnitParams,
          response: { 200: ZNeedsSuggestion },
        },
        config: { access: 'needs.write', policy: 'needsAnswer.edit' },
      },
      async (request) => needs.suggestAnswer(ctx.db, userOf(request), request.params.id, request.params.unitId),
    );
    app.post(
      '/api/v1/needs/campaigns/:id/answers/:unitId/submit',
      {
        schema: {
          tags: ['needs'],
          summary: 'Gửi bản đăng ký nhu cầu của đơn vị',
          params: ZNeedsCampaignUnitParams,
          body: ZNeedsAnswerSubmit,
          response: { 200: ZNeedsAnswer, 409: ZErrorBody },
        },
        config: { access: 'needs.write', policy: 'needsAnswer.submit' },
      },
      async (request) => needs.submitAnswer(ctx.db, userOf(request), request.params.id, request.params.unitId, request.body.version),
    );
    app.post(
      '/api/v1/needs/campaigns/:id/answers/:unitId/return',
      {
        schema: {
          tags: ['needs'],
          summary: 'Trả lại bản đăng ký đơn vị đã gửi, kèm ý kiến (đơn vị sửa rồi gửi lại)',
          params: ZNeedsCampaignUnitParams,
          body: ZNeedsAnswerReturn,
          response: { 200: ZNeedsAnswer, 409: ZErrorBody },
        },
        config: { access: 'needs.manage', policy: 'needsAnswer.return' },
      },
      async (request) =>
        needs.returnAnswer(ctx.db, userOf(request), request.params.id, request.params.unitId, request.body.version, request.body.comment),
    );
    app.post(
      '/api/v1/needs/campaigns/:id/answers/:unitId/export',
      {
        schema: {
          tags: ['needs'],
          summary: 'Xuất phiếu đăng ký nhu cầu của đơn vị ra Excel (có tiêu đề văn bản) hoặc PDF (chạy nền)',
          params: ZNeedsCampaignUnitParams,
          body: ZNeedsExportRequest,
          response: { 202: ZJob },
        },
        config: { access: 'needs.read', policy: 'needsAnswer.export' },
      },
      async (request, reply) =>
        reply
          .status(202)
          .send(await needs.startAnswerExport(ctx.db, userOf(request), request.params.id, request.params.unitId, request.body.format)),
    );
    app.post(
      '/api/v1/needs/campaigns/:id/aggregate/export',
      {
        schema: {
          tags: ['needs'],
          summary: 'Xuất bảng tổng hợp nhu cầu ra Excel (có tiêu đề văn bản) hoặc PDF (chạy nền)',
          params: ZIdParams,
          body: ZNeedsAggregateExportRequest,
          response: { 202: ZJob },
        },
        config: { access: 'needs.aggregate', policy: 'needsCampaign.export' },
      },
      async (request, reply) =>
        reply
          .status(202)
          .send(await needs.startAggregateExport(ctx.db, userOf(request), request.params.id, request.body.format, request.body.unitId)),
    );
    app.get(
      '/api/v1/needs/units/:id/history',
      {
        schema: {
          tags: ['needs'],
          summary: 'Lịch sử đăng ký nhu cầu của một đơn vị qua các năm và kết quả',
          params: ZIdParams,
          response: { 200: ZNeedsHistory },
        },
        config: { access: 'needs.read' },
      },
      async (request) => needs.unitHistory(ctx.db, userOf(request), request.params.id),
    );
    app.get(
      '/api/v1/needs/reminders',
      {
        schema: {
          tags: ['needs'],
          summary: 'Nhắc hạn đăng ký nhu cầu của các đơn vị thuộc phạm vi của bạn chưa gửi',
          response: { 200: ZNeedsReminderList },
        },
        config: { access: 'needs.read' },
      },
      async (request) => needs.listReminders(ctx.db, userOf(request)),
    );
  };
}
