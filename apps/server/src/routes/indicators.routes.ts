import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZAdminReformPosts,
  ZAdminReformPostsUpdate,
  ZErrorBody,
  ZIdParams,
  ZIndicatorCreate,
  ZIndicatorDetail,
  ZIndicatorList,
  ZIndicatorPeopleExport,
  ZIndicatorPeoplePage,
  ZIndicatorPeopleQuery,
  ZIndicatorQuery,
  ZIndicatorUpdate,
  ZJob,
} from '@nang-tam/contracts';
import type { AppContext } from '../context.js';
import { userOf } from '../auth/plugin.js';
import * as indicators from '../services/indicators.service.js';

/**
 * Indicators (chỉ tiêu, issue 10 point 1, docs/decisions/0046). Readers (indicators.read) see every
 * indicator computed over their subtree; `unitId` narrows to a unit of it (another unit answers
 * 404). Defining, changing and marking administrative-reform posts: indicators.manage.
 */
export function indicatorsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/indicators',
      {
        schema: {
          tags: ['indicators'],
          summary: 'Danh sách chỉ tiêu: giá trị tại ngày chọn (trên phạm vi của bạn), chỉ tiêu, trạng thái, dự báo đến hạn; trend=true kèm xu hướng theo năm',
          querystring: ZIndicatorQuery,
          response: { 200: ZIndicatorList },
        },
        config: { access: 'indicators.read' },
      },
      async (request) => indicators.listIndicators(ctx.db, userOf(request), request.query),
    );
    app.post(
      '/api/v1/indicators',
      {
        schema: {
          tags: ['indicators'],
          summary: 'Xác định một chỉ tiêu: đối tượng, điều kiện, mức chỉ tiêu, thời hạn, văn bản căn cứ, đơn vị chủ trì',
          description: 'Mã danh mục không tồn tại, tỷ lệ ngoài 0–100%, thời hạn trước ngày bắt đầu: 400 với trường và thông báo. Trùng mã: 409 DUPLICATE.',
          body: ZIndicatorCreate,
          response: { 201: ZIndicatorDetail, 409: ZErrorBody },
        },
        config: { access: 'indicators.manage', policy: 'indicators.create' },
      },
      async (request, reply) => reply.status(201).send(await indicators.createIndicator(ctx.db, userOf(request), request.body)),
    );
    app.get(
      '/api/v1/indicators/admin-reform-posts',
      {
        schema: {
          tags: ['indicators'],
          summary: 'Vị trí việc làm và chức danh được đánh dấu làm công tác cải cách hành chính',
          response: { 200: ZAdminReformPosts },
        },
        config: { access: 'indicators.read' },
      },
      async (request) => indicators.getAdminReformPosts(ctx.db, userOf(request)),
    );
    app.put(
      '/api/v1/indicators/admin-reform-posts',
      {
        schema: {
          tags: ['indicators'],
          summary: 'Đánh dấu hoặc bỏ đánh dấu vị trí việc làm, chức danh làm công tác cải cách hành chính (ghi nhật ký)',
          body: ZAdminReformPostsUpdate,
          response: { 200: ZAdminReformPosts },
        },
        config: { access: 'indicators.manage', policy: 'indicators.markPosts' },
      },
      async (request) => indicators.updateAdminReformPosts(ctx.db, userOf(request), request.body),
    );
    app.get(
      '/api/v1/indicators/:id',
      {
        schema: {
          tags: ['indicators'],
          summary: 'Một chỉ tiêu: giá trị tại ngày chọn, xu hướng cuối mỗi năm, dự báo đến hạn, trạng thái và cách đánh giá, định nghĩa, các phiên bản',
          params: ZIdParams,
          querystring: ZIndicatorQuery,
          response: { 200: ZIndicatorDetail },
        },
        config: { access: 'indicators.read' },
      },
      async (request) => indicators.getIndicator(ctx.db, userOf(request), request.params.id, request.query),
    );
    app.put(
      '/api/v1/indicators/:id',
      {
        schema: {
          tags: ['indicators'],
          summary: 'Sửa định nghĩa chỉ tiêu (tạo phiên bản mới, ghi nhật ký)',
          description: 'Phiên bản cũ: 409 CONFLICT.',
          params: ZIdParams,
          body: ZIndicatorUpdate,
          response: { 200: ZIndicatorDetail, 409: ZErrorBody },
        },
        config: { access: 'indicators.manage', policy: 'indicator.update' },
      },
      async (request) => indicators.updateIndicator(ctx.db, userOf(request), request.params.id, request.body),
    );
    app.get(
      '/api/v1/indicators/:id/people',
      {
        schema: {
          tags: ['indicators'],
          summary: 'Những người đã đạt (set=counted) hoặc chưa đạt (set=missing) chỉ tiêu tại ngày chọn, trong phạm vi của bạn',
          params: ZIdParams,
          querystring: ZIndicatorPeopleQuery,
          response: { 200: ZIndicatorPeoplePage },
        },
        config: { access: 'indicators.read' },
      },
      async (request) => indicators.listIndicatorPeople(ctx.db, userOf(request), request.params.id, request.query),
    );
    app.post(
      '/api/v1/indicators/:id/people/export',
      {
        schema: {
          tags: ['indicators'],
          summary: 'Xuất danh sách người đã đạt hoặc chưa đạt chỉ tiêu ra Excel (chạy nền)',
          params: ZIdParams,
          body: ZIndicatorPeopleExport,
          response: { 202: ZJob },
        },
        config: { access: 'indicators.read', policy: 'indicator.exportPeople' },
      },
      async (request, reply) => reply.status(202).send(await indicators.startIndicatorPeopleExport(ctx.db, userOf(request), request.params.id, request.body)),
    );
  };
}
