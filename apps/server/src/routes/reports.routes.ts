import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZErrorBody,
  ZJob,
  ZReportFillInput,
  ZReportFormDetail,
  ZReportFormList,
  ZReportFormParams,
  ZReportFormVersionInput,
} from '@nang-tam/contracts';
import type { AppContext } from '../context.js';
import { userOf } from '../auth/plugin.js';
import * as reportsService from '../services/reports.service.js';

/**
 * Official statistical report forms (issue 10 point 3, decision 0048). Whoever reads training
 * statistics (statistics.read) lists the forms, reads a definition and fills a form for a unit of
 * their subtree (another unit: 404); the board and home affairs (catalogue.write, who keep the
 * catalogue's reference data) correct a definition as a new version.
 */
export function reportsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/reports/forms',
      {
        schema: {
          tags: ['reports'],
          summary: 'Các biểu mẫu báo cáo thống kê (phiên bản mới nhất của mỗi biểu)',
          response: { 200: ZReportFormList },
        },
        config: { access: 'statistics.read' },
      },
      async () => reportsService.listForms(ctx.db),
    );
    app.get(
      '/api/v1/reports/forms/:code',
      {
        schema: {
          tags: ['reports'],
          summary: 'Định nghĩa một biểu mẫu (dòng, cột, chỉ tiêu đo và điều kiện của từng ô) và các phiên bản',
          params: ZReportFormParams,
          response: { 200: ZReportFormDetail, 404: ZErrorBody },
        },
        config: { access: 'statistics.read' },
      },
      async (request) => reportsService.getForm(ctx.db, request.params.code),
    );
    app.put(
      '/api/v1/reports/forms/:code',
      {
        schema: {
          tags: ['reports'],
          summary: 'Sửa biểu mẫu: lưu phiên bản mới (kiểm tra mã danh mục, chỉ tiêu đo, dòng/cột tổng)',
          description:
            'Mã không có trong danh mục, chỉ tiêu đo không có, dòng tổng cộng vòng tròn: 400 VALIDATION_FAILED với từng trường và lý do.',
          params: ZReportFormParams,
          body: ZReportFormVersionInput,
          response: { 200: ZReportFormDetail, 400: ZErrorBody },
        },
        config: { access: 'catalogue.write' },
      },
      async (request) => reportsService.saveFormVersion(ctx.db, userOf(request), request.params.code, request.body),
    );
    app.post(
      '/api/v1/reports/forms/:code/fill',
      {
        schema: {
          tags: ['reports'],
          summary: 'Lập báo cáo theo biểu mẫu cho một kỳ và một đơn vị (tác vụ nền: bảng số liệu và tệp Excel/PDF)',
          description:
            'Kỳ kết thúc trước khi bắt đầu, kỳ không phải năm dương lịch với biểu báo cáo năm, kỳ trước ngày có dữ liệu (nêu phần thiếu): 400 VALIDATION_FAILED. Biểu mẫu không có hoặc đơn vị ngoài phạm vi: 404.',
          params: ZReportFormParams,
          body: ZReportFillInput,
          response: { 202: ZJob, 400: ZErrorBody, 404: ZErrorBody },
        },
        config: { access: 'statistics.read' },
      },
      async (request, reply) =>
        reply.code(202).send(await reportsService.startFill(ctx.db, userOf(request), request.params.code, request.body)),
    );
  };
}
