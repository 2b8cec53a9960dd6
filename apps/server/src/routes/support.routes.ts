import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZClassSupportPaymentInput,
  ZErrorBody,
  ZIdParams,
  ZJob,
  ZMySupport,
  ZOutsideSupportPaymentInput,
  ZSupportBatchQuery,
  ZSupportBatches,
  ZSupportExport,
  ZSupportList,
  ZSupportPolicyInput,
  ZSupportPolicyList,
} from '@nang-tam/contracts';
import type { AppContext } from '../context.js';
import { userOf } from '../auth/plugin.js';
import * as support from '../services/support.service.js';

/**
 * Support for learners and its payment lists (issue 11 point 1, docs/decisions/0049). Reading the
 * policies and the lists needs support.read (board, home affairs, agencies, the school); the rows are
 * bounded by the scope in the service (a list with no visible row answers 404). Policies and
 * payments need support.manage (board, home affairs, administrator). A learner reads their own
 * support at /me/support.
 */
/**
 * A payment list of hundreds of learners, each amount with its explanation, is large (~1.4 kB per
 * learner): its answer is written with JSON.stringify, without the zod re-validation of the response
 * that costs more than the list's SQL (decision 0049; the shape is still checked by TypeScript and
 * documented by the schema).
 */
const plainJson = () => (data: unknown) => JSON.stringify(data);

export function supportRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const tags = ['support'];
  return async (app) => {
    app.get(
      '/api/v1/support-policies',
      { schema: { tags, summary: 'Các chính sách hỗ trợ người học (mọi phiên bản, văn bản căn cứ, thời gian hiệu lực)', response: { 200: ZSupportPolicyList } }, config: { access: 'support.read' } },
      async (request) => support.listPolicies(ctx.db, userOf(request)),
    );
    app.post(
      '/api/v1/support-policies',
      {
        schema: {
          tags,
          summary: 'Thêm chính sách hỗ trợ, phiên bản mới từ một ngày, hoặc đính chính một phiên bản',
          description: 'Mức âm, thiếu, không nguyên: 422 SUPPORT_POLICY_INVALID. Trùng thời gian hiệu lực cho cùng đối tượng: 409 SUPPORT_POLICY_OVERLAP.',
          body: ZSupportPolicyInput,
          response: { 201: ZSupportPolicyList, 409: ZErrorBody, 422: ZErrorBody },
        },
        config: { access: 'support.manage' },
      },
      async (request, reply) => reply.status(201).send(await support.addPolicyVersion(ctx.db, userOf(request), request.body)),
    );
    app.get(
      '/api/v1/classes/:id/support',
      {
        schema: { tags, summary: 'Danh sách chi trả hỗ trợ học viên của lớp: số được hỗ trợ từng khoản và căn cứ, đã chi, còn lại', params: ZIdParams, response: { 200: ZSupportList } },
        serializerCompiler: plainJson,
        config: { access: 'support.read' },
      },
      async (request) => support.getClassSupport(ctx.db, userOf(request), request.params.id),
    );
    app.post(
      '/api/v1/classes/:id/support/payments',
      {
        schema: {
          tags,
          summary: 'Ghi nhận một lần chi hỗ trợ cho một học viên của lớp (không vượt số còn được hỗ trợ)',
          params: ZIdParams,
          body: ZClassSupportPaymentInput,
          response: { 200: ZSupportList, 409: ZErrorBody },
        },
        config: { access: 'support.manage' },
      },
      async (request) => support.recordClassPayment(ctx.db, userOf(request), request.params.id, request.body),
    );
    app.get(
      '/api/v1/outside-support/batches',
      { schema: { tags, summary: 'Các quyết định cử đi học (đợt) có người trong phạm vi của bạn', response: { 200: ZSupportBatches } }, config: { access: 'support.read' } },
      async (request) => support.listBatches(ctx.db, userOf(request)),
    );
    app.get(
      '/api/v1/outside-support',
      {
        schema: { tags, summary: 'Danh sách chi trả hỗ trợ người được cử đi học theo một quyết định', querystring: ZSupportBatchQuery, response: { 200: ZSupportList } },
        serializerCompiler: plainJson,
        config: { access: 'support.read' },
      },
      async (request) => support.getBatchSupport(ctx.db, userOf(request), request.query.decisionNo),
    );
    app.post(
      '/api/v1/outside-support/payments',
      {
        schema: { tags, summary: 'Ghi nhận một lần chi hỗ trợ cho một người được cử đi học', body: ZOutsideSupportPaymentInput, response: { 200: ZSupportList, 409: ZErrorBody } },
        config: { access: 'support.manage' },
      },
      async (request) => support.recordOutsidePayment(ctx.db, userOf(request), request.body),
    );
    app.post(
      '/api/v1/exports/support-list',
      { schema: { tags: ['exports'], summary: 'Xuất danh sách chi trả hỗ trợ ra Excel hoặc PDF (chạy nền)', body: ZSupportExport, response: { 202: ZJob } }, config: { access: 'support.read' } },
      async (request, reply) => reply.status(202).send(await support.startSupportExport(ctx.db, userOf(request), request.body)),
    );
    app.get(
      '/api/v1/me/support',
      {
        schema: { tags, summary: 'Khoản hỗ trợ đào tạo của tôi (học viên): được hỗ trợ, đã nhận', description: 'Chỉ tài khoản học viên; tài khoản khác: 404.', response: { 200: ZMySupport } },
        config: { access: 'authenticated' },
      },
      async (request) => support.getMySupport(ctx.db, userOf(request)),
    );
  };
}
