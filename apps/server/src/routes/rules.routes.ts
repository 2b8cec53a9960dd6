import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZJobPosition,
  ZJobPositionCodeParams,
  ZJobPositionFieldsInput,
  ZJobPositionList,
  ZProgrammeList,
  ZRule,
  ZRuleIdParams,
  ZRuleList,
  ZRulesQuery,
  ZRuleVersionInput,
  ZStandard,
  ZStandardIdParams,
  ZStandardList,
  ZStandardsQuery,
  ZStandardVersionInput,
  ZAsOfQuery,
} from '@nang-tam/contracts';
import type { AppContext } from '../context.js';
import { userOf } from '../auth/plugin.js';
import * as rulesService from '../services/rules.service.js';

/** Programmes, eligibility rules and standards with their versions; job-position fields. */
export function rulesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/programmes',
      {
        schema: { tags: ['rules'], summary: 'Danh mục chương trình đào tạo, bồi dưỡng', response: { 200: ZProgrammeList } },
        config: { access: 'authenticated' },
      },
      async () => rulesService.listProgrammes(ctx.db),
    );
    app.get(
      '/api/v1/rules',
      {
        schema: {
          tags: ['rules'],
          summary: 'Điều kiện cử đi đào tạo của các chương trình, kèm mọi phiên bản và văn bản căn cứ',
          querystring: ZRulesQuery,
          response: { 200: ZRuleList },
        },
        config: { access: 'rules.read' },
      },
      async (request) => rulesService.listRules(ctx.db, request.query),
    );
    app.get(
      '/api/v1/rules/:ruleId',
      {
        schema: { tags: ['rules'], summary: 'Một điều kiện và lịch sử phiên bản', params: ZRuleIdParams, querystring: ZAsOfQuery, response: { 200: ZRule } },
        config: { access: 'rules.read' },
      },
      async (request) => rulesService.getRule(ctx.db, request.params.ruleId, request.query.asOf),
    );
    app.post(
      '/api/v1/rules/:ruleId/versions',
      {
        schema: {
          tags: ['rules'],
          summary: 'Thêm phiên bản của điều kiện (thay đổi từ một ngày, hoặc đính chính một phiên bản)',
          description:
            'Không có `corrects`: phiên bản mới có hiệu lực từ `period.from`; phiên bản đang mở (nếu bắt đầu sớm hơn) được đóng vào ngày hôm trước; ' +
            'trùng thời gian với phiên bản khác → 409 RULE_PERIOD_OVERLAP. Có `corrects: N`: sửa phiên bản N cho đúng thời gian hiệu lực của nó. ' +
            'Mã chương trình (`programmeCode`) bắt buộc khi tạo điều kiện mới. Trình độ, chức danh, ngạch… không có trong danh mục → 400 với đường dẫn trường.',
          params: ZRuleIdParams,
          body: ZRuleVersionInput,
          response: { 201: ZRule },
        },
        config: { access: 'rules.write' },
      },
      async (request, reply) => reply.status(201).send(await rulesService.addRuleVersion(ctx.db, userOf(request), request.params.ruleId, request.body)),
    );
    app.get(
      '/api/v1/standards',
      {
        schema: {
          tags: ['rules'],
          summary: 'Tiêu chuẩn chức danh, vị trí việc làm, kèm mọi phiên bản',
          querystring: ZStandardsQuery,
          response: { 200: ZStandardList },
        },
        config: { access: 'rules.read' },
      },
      async (request) => rulesService.listStandards(ctx.db, request.query),
    );
    app.post(
      '/api/v1/standards/:standardId/versions',
      {
        schema: {
          tags: ['rules'],
          summary: 'Thêm phiên bản của tiêu chuẩn (như điều kiện)',
          params: ZStandardIdParams,
          body: ZStandardVersionInput,
          response: { 201: ZStandard },
        },
        config: { access: 'rules.write' },
      },
      async (request, reply) =>
        reply.status(201).send(await rulesService.addStandardVersion(ctx.db, userOf(request), request.params.standardId, request.body)),
    );
    app.get(
      '/api/v1/job-positions',
      {
        schema: { tags: ['rules'], summary: 'Vị trí việc làm và các ngành, lĩnh vực phù hợp', response: { 200: ZJobPositionList } },
        config: { access: 'rules.read' },
      },
      async () => rulesService.listJobPositions(ctx.db),
    );
    app.put(
      '/api/v1/job-positions/:code/fields',
      {
        schema: {
          tags: ['rules'],
          summary: 'Sửa các ngành, lĩnh vực phù hợp với vị trí việc làm (dùng cho điều kiện chuyên ngành phù hợp)',
          params: ZJobPositionCodeParams,
          body: ZJobPositionFieldsInput,
          response: { 200: ZJobPosition },
        },
        config: { access: 'rules.write' },
      },
      async (request) => rulesService.setJobPositionFields(ctx.db, userOf(request), request.params.code, request.body.fields),
    );
  };
}
