import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZDashboard, ZDashboardQuery, ZGapsTrend, ZGapsTrendQuery, ZJob, ZStatDrill, ZStatDrillQuery, ZStatExportRequest, ZStatistics, ZStatisticsQuery } from '@nang-tam/contracts';
import type { AppContext } from '../context.js';
import { reportsDb } from '../database.js';
import { userOf } from '../auth/plugin.js';
import * as stats from '../services/statistics.service.js';

/**
 * Training statistics and dashboards (issue 10, decision 0047). Read-only: every figure is bounded
 * by the caller's subtree in the service (a unit outside it answers 404), so there is no
 * record-level policy. The query is a POST body (filters and group-by are structured), changing nothing.
 */
export function statisticsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['statistics'];
    app.post(
      '/api/v1/statistics/query',
      {
        schema: {
          tags,
          summary: 'Thống kê lượt người và số người được đào tạo, bồi dưỡng theo kỳ, đơn vị, nhóm và bộ lọc',
          description: 'Cách đếm (lượt người, người; đang học hay đã tốt nghiệp; năm) nêu trong notes (quyết định 0047).',
          body: ZStatisticsQuery,
          response: { 200: ZStatistics },
        },
        config: { access: 'statistics.read' },
      },
      async (request) => stats.computeStatistics(reportsDb(ctx), userOf(request), request.body),
    );
    app.post(
      '/api/v1/statistics/drill',
      {
        schema: { tags, summary: 'Những lượt người đứng sau một ô thống kê (phân trang)', body: ZStatDrillQuery, response: { 200: ZStatDrill } },
        config: { access: 'statistics.read' },
      },
      async (request) => stats.drillStatistics(reportsDb(ctx), userOf(request), request.body),
    );
    app.get(
      '/api/v1/statistics/dashboard',
      {
        schema: {
          tags,
          summary: 'Bảng điều khiển: lượt người theo năm và chương trình, kế hoạch — thực hiện',
          querystring: ZDashboardQuery,
          response: { 200: ZDashboard },
        },
        config: { access: 'statistics.read' },
      },
      async (request) => stats.getDashboard(reportsDb(ctx), userOf(request), request.query),
    );
    app.get(
      '/api/v1/statistics/gaps-trend',
      {
        schema: { tags, summary: 'Số người thiếu trình độ lý luận chính trị theo tiêu chuẩn, vào cuối mỗi năm', querystring: ZGapsTrendQuery, response: { 200: ZGapsTrend } },
        config: { access: 'statistics.read' },
      },
      async (request) => stats.getGapsTrend(reportsDb(ctx), userOf(request), request.query),
    );
    app.post(
      '/api/v1/exports/statistics',
      {
        schema: { tags: ['exports'], summary: 'Xuất bảng thống kê hoặc danh sách một ô ra Excel hoặc PDF (chạy nền)', body: ZStatExportRequest, response: { 202: ZJob } },
        config: { access: 'statistics.read' },
      },
      async (request, reply) => reply.status(202).send(await stats.startStatisticsExport(ctx.db, userOf(request), request.body)),
    );
  };
}
