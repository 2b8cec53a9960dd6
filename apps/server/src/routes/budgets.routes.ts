import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZBudget,
  ZBudgetExportRequest,
  ZBudgetReport,
  ZBudgetReportQuery,
  ZCostEntriesInput,
  ZCostEntryParams,
  ZCostEntryVoid,
  ZErrorBody,
  ZEstimateInput,
  ZIdParams,
  ZJob,
  ZLecturerRateInput,
  ZLecturerRateList,
} from '@nang-tam/contracts';
import type { AppContext } from '../context.js';
import { userOf } from '../auth/plugin.js';
import * as budgets from '../services/budgets.service.js';
import * as jobs from '../services/jobs.service.js';

/**
 * Budgets of classes and plan lines (issue 11 point 2, docs/decisions/0050). Reading a budget needs
 * classes.read (a class) or plans.read (a line) and the budget policy's reach (the holder's organiser
 * in the user's subtree, by someone who reads plans or runs classes; otherwise 404). Writing applies
 * the budget policy: the school for its classes, plans.write for lines.
 */
export function budgetsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['budgets'];
    for (const [kind, base, read, write] of [
      ['class', '/api/v1/classes/:id/budget', 'classes.read', 'classes.manage'],
      ['line', '/api/v1/plan-lines/:id/budget', 'plans.read', 'plans.write'],
    ] as const) {
      const what = kind === 'class' ? 'lớp' : 'dòng kế hoạch';
      app.get(
        base,
        {
          schema: { tags, summary: `Kinh phí của ${what}: dự toán theo khoản mục, thực chi theo chứng từ, so sánh, bình quân mỗi học viên`, params: ZIdParams, response: { 200: ZBudget } },
          config: { access: read },
        },
        async (request) => budgets.getBudget(ctx.db, userOf(request), { kind, id: request.params.id }),
      );
      app.put(
        `${base}/estimate`,
        {
          schema: {
            tags,
            summary: `Lập hoặc sửa dự toán kinh phí của ${what} (thù lao giảng viên theo định mức, hỗ trợ học viên, hội trường, tài liệu, chi khác)`,
            description: 'Số tiền âm, thiếu, hoặc loại giảng viên chưa có định mức tại ngày bắt đầu: 400, không ghi gì. Phiên bản cũ: 409 CONFLICT.',
            params: ZIdParams,
            body: ZEstimateInput,
            response: { 200: ZBudget, 409: ZErrorBody },
          },
          config: { access: write, policy: 'budget.editEstimate' },
        },
        async (request) => budgets.saveEstimate(ctx.db, userOf(request), { kind, id: request.params.id }, request.body),
      );
      app.post(
        `${base}/costs`,
        {
          schema: {
            tags,
            summary: `Ghi nhận thực chi của ${what} theo chứng từ (ngày, khoản mục, số tiền, số chứng từ); nhiều chứng từ ghi cùng lúc`,
            params: ZIdParams,
            body: ZCostEntriesInput,
            response: { 200: ZBudget },
          },
          config: { access: write, policy: 'budget.recordCost' },
        },
        async (request) => budgets.recordCosts(ctx.db, userOf(request), { kind, id: request.params.id }, request.body),
      );
      app.post(
        `${base}/costs/:entryId/void`,
        {
          schema: {
            tags,
            summary: `Hủy một chứng từ thực chi ghi nhầm của ${what}, có lý do (chứng từ vẫn hiện trong danh sách, không tính vào thực chi)`,
            description: 'Chứng từ không thuộc đối tượng này: 404. Đã hủy trước đó: 409 COST_ENTRY_VOIDED.',
            params: ZCostEntryParams,
            body: ZCostEntryVoid,
            response: { 200: ZBudget, 409: ZErrorBody },
          },
          config: { access: write, policy: 'budget.recordCost' },
        },
        async (request) => budgets.voidCost(ctx.db, userOf(request), { kind, id: request.params.id }, request.params.entryId, request.body),
      );
    }
    // lecturers' rates as versions (decision 0063): read by whoever reads plans; changed by the board and home affairs
    app.get(
      '/api/v1/lecturer-rates',
      {
        schema: { tags, summary: 'Định mức thù lao giảng viên, báo cáo viên theo loại: các phiên bản với văn bản quy định và thời gian hiệu lực', response: { 200: ZLecturerRateList } },
        config: { access: 'plans.read' },
      },
      async (request) => budgets.listRateVersions(ctx.db, userOf(request)),
    );
    app.post(
      '/api/v1/lecturer-rates',
      {
        schema: {
          tags,
          summary: 'Thêm mức thù lao giảng viên áp dụng từ một ngày (mức đang áp dụng kết thúc hôm trước), thêm loại giảng viên mới, hoặc đính chính một phiên bản',
          description: 'Mức không lớn hơn 0, thiếu đối tượng hoặc văn bản: 422 LECTURER_RATE_INVALID. Trùng thời gian hiệu lực: 409 LECTURER_RATE_OVERLAP. Dự toán đã lập giữ nguyên mức đã dùng.',
          body: ZLecturerRateInput,
          response: { 200: ZLecturerRateList, 409: ZErrorBody, 422: ZErrorBody },
        },
        config: { access: 'support.manage' },
      },
      async (request) => budgets.addRateVersion(ctx.db, userOf(request), request.body),
    );
    app.get(
      '/api/v1/budgets/report',
      {
        schema: { tags, summary: 'Báo cáo kinh phí năm: dự toán so với thực chi theo dòng kế hoạch, chương trình, đơn vị tổ chức hoặc năm; bình quân mỗi học viên, mỗi lượt người', querystring: ZBudgetReportQuery, response: { 200: ZBudgetReport } },
        config: { access: 'plans.read' },
      },
      async (request) => budgets.getReport(ctx.db, userOf(request), request.query),
    );
    app.post(
      '/api/v1/exports/budget-report',
      {
        schema: { tags: ['exports'], summary: 'Xuất báo cáo kinh phí năm ra Excel hoặc PDF có tiêu đề văn bản (chạy nền)', body: ZBudgetExportRequest, response: { 202: ZJob } },
        config: { access: 'plans.read' },
      },
      async (request, reply) => reply.status(202).send(await jobs.queueExport(ctx.db, userOf(request), 'budget_report_export', request.body)),
    );
  };
}
