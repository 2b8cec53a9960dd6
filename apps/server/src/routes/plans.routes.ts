import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZAdjustmentCreate,
  ZAnnualPlan,
  ZAnnualPlanCreate,
  ZAnnualPlanList,
  ZCompareQuery,
  ZDrill,
  ZDrillQuery,
  ZFiveYearCreate,
  ZFiveYearList,
  ZFiveYearPlan,
  ZFiveYearUpdate,
  ZIdParams,
  ZLinkableLines,
  ZLinkableLinesQuery,
  ZPlanComparison,
  ZPlanLinesAdd,
  ZPlanLineUpdate,
  ZPlanStep,
  ZPlanVersion,
  ZRealisation,
  ZRealisationQuery,
  ZYearParams,
  ZId,
  ZIdNumber,
  ZJob,
  ZPlanExport,
  ZRealisationExport,
  ZNeedsPlanProposal,
  ZNeedsPlanProposalQuery,
} from '@nang-tam/contracts';
import type { AppContext } from '../context.js';
import { reportsDb } from '../database.js';
import { userOf } from '../auth/plugin.js';
import * as plans from '../services/plans.service.js';
import * as jobs from '../services/jobs.service.js';

const ZLineParams = z.strictObject({ id: ZId, lineId: ZId });
const ZRowVersionQuery = z.strictObject({ rowVersion: z.coerce.number().pipe(ZIdNumber) });

/**
 * Annual and five-year plans (issue 9): the plan, its versions and lines, the workflow
 * (submit / return / approve), adjustments, the comparison of two versions, plan against actual
 * with its drill-down, and the five-year targets. Plans are the province's documents: every
 * plans.read role reads them; a school registrar sees the lines (and classes) its unit organises.
 */
export function plansRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['plans'];
    // ---------- annual plans ----------
    app.get(
      '/api/v1/plans/annual',
      { schema: { tags, summary: 'Các kế hoạch đào tạo, bồi dưỡng hằng năm', response: { 200: ZAnnualPlanList } }, config: { access: 'plans.read' } },
      async (request) => plans.listAnnualPlans(ctx.db, userOf(request)),
    );
    app.post(
      '/api/v1/plans/annual',
      {
        schema: { tags, summary: 'Lập kế hoạch năm (phiên bản 1, dự thảo)', body: ZAnnualPlanCreate, response: { 201: ZAnnualPlan } },
        config: { access: 'plans.manage', policy: 'plans.create' },
      },
      async (request, reply) => reply.status(201).send(await plans.createAnnualPlan(ctx.db, userOf(request), request.body)),
    );
    app.get(
      '/api/v1/plans/annual/:year',
      {
        schema: { tags, summary: 'Kế hoạch của một năm và các phiên bản (kế hoạch, các lần điều chỉnh)', params: ZYearParams, response: { 200: ZAnnualPlan } },
        config: { access: 'plans.read' },
      },
      async (request) => plans.getAnnualPlan(ctx.db, userOf(request), request.params.year),
    );
    // Read-only; the numbers are bounded by the user's subtree in the repository (no record-level decision).
    app.get(
      '/api/v1/plans/annual/:year/realisation',
      {
        schema: {
          tags,
          summary: 'Kết quả thực hiện kế hoạch đến một ngày: từng dòng và toàn bộ, số lớp, học viên kế hoạch, thực hiện, kết thúc, chuyển tiếp, tỷ lệ %',
          description: 'Cách đếm lớp chuyển tiếp và cách làm tròn tỷ lệ được nêu trong notes (quyết định 0030).',
          params: ZYearParams,
          querystring: ZRealisationQuery,
          response: { 200: ZRealisation },
        },
        config: { access: 'plans.read' },
      },
      async (request) => plans.getRealisation(reportsDb(ctx), userOf(request), request.params.year, request.query.asOf),
    );
    app.get(
      '/api/v1/plans/annual/:year/realisation/drill',
      {
        schema: {
          tags,
          summary: 'Các lớp và học viên đứng sau một số liệu của kết quả thực hiện kế hoạch',
          params: ZYearParams,
          querystring: ZDrillQuery,
          response: { 200: ZDrill },
        },
        config: { access: 'plans.read' },
      },
      async (request) => plans.drill(reportsDb(ctx), userOf(request), request.params.year, request.query),
    );
    // ---------- versions and lines ----------
    app.get(
      '/api/v1/plans/versions/:id',
      {
        schema: { tags, summary: 'Một phiên bản kế hoạch với các dòng (phòng đào tạo: dòng do đơn vị mình tổ chức)', params: ZIdParams, response: { 200: ZPlanVersion } },
        config: { access: 'plans.read' },
      },
      async (request) => plans.getVersion(ctx.db, userOf(request), request.params.id),
    );
    app.post(
      '/api/v1/plans/versions/:id/lines',
      {
        schema: { tags, summary: 'Thêm dòng vào phiên bản dự thảo', params: ZIdParams, body: ZPlanLinesAdd, response: { 200: ZPlanVersion } },
        config: { access: 'plans.write', policy: 'planVersion.addLines' },
      },
      async (request) => plans.addLinesToVersion(ctx.db, userOf(request), request.params.id, request.body),
    );
    app.put(
      '/api/v1/plans/versions/:id/lines/:lineId',
      {
        schema: { tags, summary: 'Sửa một dòng của phiên bản dự thảo', params: ZLineParams, body: ZPlanLineUpdate, response: { 200: ZPlanVersion } },
        config: { access: 'plans.write', policy: 'planLine.update' },
      },
      async (request) => plans.updateLine(ctx.db, userOf(request), request.params.id, request.params.lineId, request.body),
    );
    app.delete(
      '/api/v1/plans/versions/:id/lines/:lineId',
      {
        schema: { tags, summary: 'Xóa một dòng của phiên bản dự thảo', params: ZLineParams, querystring: ZRowVersionQuery, response: { 200: ZPlanVersion } },
        config: { access: 'plans.write', policy: 'planLine.delete' },
      },
      async (request) => plans.deleteLine(ctx.db, userOf(request), request.params.id, request.params.lineId, request.query),
    );
    for (const [step, summary, access] of [
      ['submit', 'Trình phê duyệt phiên bản dự thảo', 'plans.manage'],
      ['return', 'Trả lại phiên bản đang trình để sửa', 'plans.approve'],
      ['approve', 'Phê duyệt phiên bản đang trình (sau đó không sửa được nữa)', 'plans.approve'],
    ] as const) {
      app.post(
        `/api/v1/plans/versions/:id/${step}`,
        {
          schema: { tags, summary, params: ZIdParams, body: ZPlanStep, response: { 200: ZPlanVersion } },
          config: { access, policy: `planVersion.${step}` },
        },
        async (request) => plans.stepVersion(ctx.db, userOf(request), request.params.id, step, request.body),
      );
    }
    app.post(
      '/api/v1/plans/versions/:id/adjustments',
      {
        schema: {
          tags,
          summary: 'Lập điều chỉnh kế hoạch: phiên bản mới (dự thảo) từ phiên bản đã phê duyệt mới nhất, kèm lý do và số quyết định',
          description: 'Hai người cùng lập điều chỉnh trên một phiên bản: người đầu được, người sau nhận 409 PLAN_ADJUSTMENT_RACE.',
          params: ZIdParams,
          body: ZAdjustmentCreate,
          response: { 201: ZPlanVersion },
        },
        config: { access: 'plans.manage', policy: 'planVersion.adjust' },
      },
      async (request, reply) => reply.status(201).send(await plans.createAdjustment(ctx.db, userOf(request), request.params.id, request.body)),
    );
    app.get(
      '/api/v1/plans/compare',
      {
        schema: { tags, summary: 'So sánh hai phiên bản của một kế hoạch theo từng dòng: thêm, bớt, thay đổi (từng trường)', querystring: ZCompareQuery, response: { 200: ZPlanComparison } },
        config: { access: 'plans.read' },
      },
      async (request) => plans.compare(ctx.db, userOf(request), request.query.from, request.query.to),
    );
    app.get(
      '/api/v1/plans/linkable-lines',
      {
        schema: {
          tags,
          summary: 'Các dòng kế hoạch mà một lớp mở trong năm có thể gắn vào (theo chương trình, đơn vị tổ chức trong phạm vi)',
          querystring: ZLinkableLinesQuery,
          response: { 200: ZLinkableLines },
        },
        // the school's class form, and the agency's outside-training form (purpose=outside)
        config: { access: ['classes.manage', 'nominations.write'] },
      },
      async (request) => plans.linkableLines(ctx.db, userOf(request), request.query.year, request.query.programme, request.query.purpose),
    );
    // needs → plan (decision 0035): a proposal to review; the lines are added through POST /plans/versions/:id/lines
    app.get(
      '/api/v1/needs/campaigns/:id/plan-lines',
      {
        schema: {
          tags,
          summary: 'Tạo dòng kế hoạch từ nhu cầu: đề xuất các dòng kế hoạch năm (chương trình × hình thức × quý) từ nhu cầu đã tổng hợp của đợt đăng ký',
          description:
            'Số lớp = làm tròn lên (số học viên ÷ sĩ số lớp người dùng nhập, hoặc sĩ số thường dùng của chương trình); chương trình do cơ sở ngoài tỉnh tổ chức: 0 lớp (cử đi học). Không ghi gì: người dùng xem lại rồi thêm vào phiên bản dự thảo.',
          params: ZIdParams,
          querystring: ZNeedsPlanProposalQuery,
          response: { 200: ZNeedsPlanProposal },
        },
        config: { access: 'plans.write', policy: 'needsCampaign.viewAggregate' },
      },
      async (request) => plans.proposeLinesFromCampaign(ctx.db, userOf(request), request.params.id, request.query),
    );
    // ---------- exports: background jobs (the file is downloaded from /api/v1/jobs/:id/file) ----------
    // Every plans.read role may export what it may read (the job reads through the same scoped service), so no record-level policy.
    app.post(
      '/api/v1/exports/plan',
      {
        schema: { tags: ['exports'], summary: 'Xuất bảng kế hoạch năm (một phiên bản) ra Excel hoặc PDF có tiêu đề văn bản (chạy nền)', body: ZPlanExport, response: { 202: ZJob } },
        config: { access: 'plans.read' },
      },
      async (request, reply) => reply.status(202).send(await jobs.startPlanExport(ctx.db, userOf(request), request.body)),
    );
    app.post(
      '/api/v1/exports/realisation',
      {
        schema: { tags: ['exports'], summary: 'Xuất kết quả thực hiện kế hoạch năm đến một ngày ra Excel hoặc PDF (chạy nền)', body: ZRealisationExport, response: { 202: ZJob } },
        config: { access: 'plans.read' },
      },
      async (request, reply) => reply.status(202).send(await jobs.startRealisationExport(ctx.db, userOf(request), request.body)),
    );
    // ---------- five-year plans ----------
    app.get(
      '/api/v1/plans/five-year',
      { schema: { tags, summary: 'Các kế hoạch giai đoạn 5 năm', response: { 200: ZFiveYearList } }, config: { access: 'plans.read' } },
      async (request) => plans.listFiveYearPlans(ctx.db, userOf(request)),
    );
    app.post(
      '/api/v1/plans/five-year',
      {
        schema: { tags, summary: 'Lập kế hoạch giai đoạn 5 năm', body: ZFiveYearCreate, response: { 201: ZFiveYearPlan } },
        config: { access: 'plans.manage', policy: 'fiveYearPlan.update' },
      },
      async (request, reply) => reply.status(201).send(await plans.createFiveYearPlan(ctx.db, userOf(request), request.body)),
    );
    app.get(
      '/api/v1/plans/five-year/:id',
      {
        schema: { tags, summary: 'Kế hoạch giai đoạn: chỉ tiêu từng năm so với kế hoạch năm và kết quả thực hiện', params: ZIdParams, response: { 200: ZFiveYearPlan } },
        config: { access: 'plans.read' },
      },
      async (request) => plans.getFiveYearPlan(reportsDb(ctx), userOf(request), request.params.id),
    );
    app.put(
      '/api/v1/plans/five-year/:id',
      {
        schema: { tags, summary: 'Sửa kế hoạch giai đoạn và chỉ tiêu từng năm', params: ZIdParams, body: ZFiveYearUpdate, response: { 200: ZFiveYearPlan } },
        config: { access: 'plans.manage', policy: 'fiveYearPlan.update' },
      },
      async (request) => plans.updateFiveYearPlan(ctx.db, userOf(request), request.params.id, request.body),
    );
  };
}
