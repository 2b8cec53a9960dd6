import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZAsOfQuery,
  ZCandidatePage,
  ZCandidatesQuery,
  ZIdParams,
  ZPersonEligibility,
  ZPersonEligibilityQuery,
  ZPersonGaps,
  ZUnitGapPeople,
  ZUnitGapPeopleQuery,
  ZUnitGaps,
  ZWhatIf,
  ZWhatIfQuery,
} from '@nang-tam/contracts';
import type { AppContext } from '../context.js';
import { reportsDb } from '../database.js';
import { userOf } from '../auth/plugin.js';
import * as gaps from '../services/gaps.service.js';
import * as eligibility from '../services/eligibility.service.js';

/** Gaps and eligibility of a person, gap dashboards of a unit, candidate lists and what-if. */
export function eligibilityRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/people/:id/gaps',
      {
        schema: {
          tags: ['eligibility'],
          summary: 'Khoảng trống: tiêu chuẩn của chức danh hiện tại, vị trí việc làm và chức danh quy hoạch mà người này chưa đạt',
          params: ZIdParams,
          querystring: ZAsOfQuery,
          response: { 200: ZPersonGaps },
        },
        config: { access: 'people.read' },
      },
      async (request) => gaps.getPersonGaps(ctx.db, userOf(request), request.params.id, request.query.asOf),
    );
    app.get(
      '/api/v1/people/:id/eligibility',
      {
        schema: {
          tags: ['eligibility'],
          summary: 'Đủ điều kiện cử đi học? Từng điều kiện đạt / không đạt / thiếu dữ liệu, kèm dữ kiện và văn bản căn cứ',
          description:
            'Không nêu `programme`: mọi chương trình; không nêu `mode`: mọi hình thức học của chương trình. ' +
            'Thiếu dữ kiện (ví dụ ngày chính thức vào Đảng, xếp loại một năm) → outcome `cannot_decide` và `missing` nêu rõ dữ kiện thiếu.',
          params: ZIdParams,
          querystring: ZPersonEligibilityQuery,
          response: { 200: ZPersonEligibility },
        },
        config: { access: 'people.read' },
      },
      async (request) => eligibility.getPersonEligibility(ctx.db, userOf(request), request.params.id, request.query),
    );
    app.get(
      '/api/v1/units/:id/gaps',
      {
        schema: {
          tags: ['eligibility'],
          summary: 'Bảng khoảng trống của đơn vị: số người thiếu từng loại, mức trình độ, theo từng đơn vị trực thuộc',
          params: ZIdParams,
          querystring: ZAsOfQuery,
          response: { 200: ZUnitGaps },
        },
        config: { access: 'rules.read' },
      },
      async (request) => gaps.getUnitGaps(reportsDb(ctx), userOf(request), request.params.id, request.query.asOf),
    );
    app.get(
      '/api/v1/units/:id/gaps/people',
      {
        schema: {
          tags: ['eligibility'],
          summary: 'Danh sách người thiếu một loại trình độ (và mức) trong đơn vị',
          params: ZIdParams,
          querystring: ZUnitGapPeopleQuery,
          response: { 200: ZUnitGapPeople },
        },
        config: { access: 'rules.read' },
      },
      async (request) => gaps.listUnitGapPeople(reportsDb(ctx), userOf(request), request.params.id, request.query),
    );
    app.get(
      '/api/v1/candidates',
      {
        schema: {
          tags: ['eligibility'],
          summary: 'Danh sách nguồn cử đi học của một chương trình trong đơn vị, xếp hạng: quy hoạch → chức danh hiện tại yêu cầu → khác',
          querystring: ZCandidatesQuery,
          response: { 200: ZCandidatePage },
        },
        config: { access: 'rules.read' },
      },
      async (request) => eligibility.listCandidates(ctx.db, userOf(request), request.query),
    );
    app.get(
      '/api/v1/candidates/what-if',
      {
        schema: {
          tags: ['eligibility'],
          summary: 'So sánh kết quả xét tại hai ngày (ví dụ trước và sau khi 350-QĐ/TW có hiệu lực): ai thay đổi',
          querystring: ZWhatIfQuery,
          response: { 200: ZWhatIf },
        },
        config: { access: 'rules.read' },
      },
      async (request) => eligibility.whatIf(ctx.db, userOf(request), request.query),
    );
  };
}
