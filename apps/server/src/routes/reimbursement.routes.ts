import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZCaseDetail,
  ZCaseExportRequest,
  ZCommitmentList,
  ZCommitmentListQuery,
  ZJob,
  ZCaseListQuery,
  ZCaseOpen,
  ZCasePage,
  ZCaseStepInput,
  ZErrorBody,
  ZIdParams,
  ZLeavingInput,
  ZLeavingResult,
  ZPersonCommitments,
  type CaseStepInput,
} from '@nang-tam/contracts';
import type { AppContext } from '../context.js';
import { userOf } from '../auth/plugin.js';
import * as reimbursement from '../services/reimbursement.service.js';
import * as jobs from '../services/jobs.service.js';

/**
 * Service commitments and reimbursement cases (issue 11 point 3). A person's commitments are read
 * by whoever reads the person (people.read; a learner their own), bounded by the repository's
 * scope (anyone else answers 404). Recording a leaving needs people.write and the person policy's
 * `update`, applied by the service on the person it found in scope (the person routes' shape). The
 * cases need nominations.approve (board, home affairs, administrator): the list, one case and the
 * opening are bounded by the scope (404 otherwise); the steps apply the reimbursement-case policy.
 */
export function reimbursementRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/people/:id/commitments',
      {
        schema: {
          tags: ['reimbursement'],
          summary: 'Cam kết phục vụ sau đào tạo của một người (từ ngày, đến ngày, số tháng đã phục vụ, còn lại, căn cứ) và hồ sơ đền bù',
          params: ZIdParams,
          response: { 200: ZPersonCommitments },
        },
        config: { access: 'people.read' },
      },
      async (request) => reimbursement.getPersonCommitments(ctx.db, userOf(request), request.params.id),
    );
    app.post(
      '/api/v1/people/:id/leaving',
      {
        schema: {
          tags: ['reimbursement'],
          summary: 'Ghi nhận người này thôi việc, bị buộc thôi việc, chuyển ra ngoài khu vực nhà nước hoặc điều động trong hệ thống chính trị; mở hồ sơ đền bù nếu còn cam kết',
          params: ZIdParams,
          body: ZLeavingInput,
          response: { 200: ZLeavingResult, 409: ZErrorBody },
        },
        config: { access: 'people.write' },
      },
      async (request) => reimbursement.recordLeaving(ctx.db, userOf(request), request.params.id, request.body),
    );
    app.get(
      '/api/v1/reimbursement-cases',
      {
        schema: {
          tags: ['reimbursement'],
          summary: 'Danh sách hồ sơ đền bù chi phí đào tạo (người trong phạm vi của bạn)',
          querystring: ZCaseListQuery,
          response: { 200: ZCasePage },
        },
        config: { access: 'nominations.approve' },
      },
      async (request) => reimbursement.listCases(ctx.db, userOf(request), request.query),
    );
    app.post(
      '/api/v1/reimbursement-cases',
      {
        schema: {
          tags: ['reimbursement'],
          summary: 'Mở hồ sơ đền bù cho một hồ sơ đi học (đã có căn cứ: thôi việc, không hoàn thành khóa học)',
          description: 'Không có cam kết: 409 COMMITMENT_NONE. Chưa có căn cứ đền bù: 409 REIMBURSEMENT_NOT_DUE. Đã có hồ sơ: 409 DUPLICATE.',
          body: ZCaseOpen,
          response: { 201: ZCaseDetail, 409: ZErrorBody },
        },
        config: { access: 'nominations.approve' },
      },
      async (request, reply) => reply.status(201).send(await reimbursement.openCase(ctx.db, userOf(request), request.body)),
    );
    app.get(
      '/api/v1/reimbursement-cases/:id',
      {
        schema: { tags: ['reimbursement'], summary: 'Hồ sơ đền bù: số tiền, cách tính, các bước', params: ZIdParams, response: { 200: ZCaseDetail } },
        config: { access: 'nominations.approve' },
      },
      async (request) => reimbursement.getCase(ctx.db, userOf(request), request.params.id),
    );
    app.post(
      '/api/v1/reimbursement-cases/:id/steps',
      {
        schema: {
          tags: ['reimbursement'],
          summary: 'Thống nhất mức đền bù, ghi nhận nộp tiền (không vượt số còn phải nộp), hoặc miễn đền bù theo quyết định',
          params: ZIdParams,
          body: ZCaseStepInput,
          response: { 200: ZCaseDetail, 409: ZErrorBody },
        },
        config: {
          access: 'nominations.approve',
          policy: {
            anyOf: ['reimbursementCase.agree', 'reimbursementCase.recordPayment', 'reimbursementCase.waive'],
            chosenBy: (body) => `reimbursementCase.${(body as CaseStepInput).action}` as const,
          },
        },
      },
      async (request) => reimbursement.stepCase(ctx.db, userOf(request), request.params.id, request.body),
    );
    // ---------- issue 11 point 5: exports and the agency's view ----------
    app.post(
      '/api/v1/exports/reimbursement-cases',
      {
        schema: { tags: ['exports'], summary: 'Xuất danh sách hồ sơ đền bù (số tiền, cách tính) ra Excel hoặc PDF có tiêu đề văn bản (chạy nền)', body: ZCaseExportRequest, response: { 202: ZJob } },
        config: { access: 'nominations.approve' },
      },
      async (request, reply) => reply.status(202).send(await jobs.queueExport(ctx.db, userOf(request), 'reimbursement_cases_export', request.body)),
    );
    app.get(
      '/api/v1/commitments',
      {
        schema: {
          tags: ['reimbursement'],
          summary: 'Người của đơn vị đang có cam kết phục vụ sau đào tạo: chương trình, từ ngày, đến ngày, số tháng đã phục vụ',
          querystring: ZCommitmentListQuery,
          response: { 200: ZCommitmentList },
        },
        config: { access: 'people.read' },
      },
      async (request) => reimbursement.listCommitments(ctx.db, userOf(request), request.query),
    );
  };
}
