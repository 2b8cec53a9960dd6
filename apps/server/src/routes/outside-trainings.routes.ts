import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZErrorBody,
  ZIdParams,
  ZOutsideCreate,
  ZOutsideDecision,
  ZOutsideDetail,
  ZOutsideListQuery,
  ZOutsidePage,
  ZOutsideResultInput,
  ZOutsideSendingDecision,
  ZOutsideWithdraw,
  type OutsideDecision,
} from '@nang-tam/contracts';
import type { AppContext } from '../context.js';
import { userOf } from '../auth/plugin.js';
import * as outside from '../services/outside-trainings.service.js';
import { outsideDecisionAction } from '../policies/outside-training.js';

/**
 * Training outside the province's own classes (issue 9): the list and one record, the agency's
 * proposal, the approver's decision, the sending decision, the result and the withdrawal. Every
 * route needs nominations.write (the agency, the board, home affairs, the system administrator:
 * those who send people to study). The list, one record and the proposal declare no policy action:
 * what they reach is bounded by the repository (people in the user's scope; anyone else's record,
 * or a person outside the scope, answers 404), and each record carries the outside-training
 * policy's `actions`. The other writes apply that policy on the locked record.
 */
export function outsideTrainingsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/outside-trainings',
      {
        schema: {
          tags: ['outside-trainings'],
          summary: 'Danh sách đi học ngoài các lớp của tỉnh (người trong phạm vi của bạn); lọc theo năm, trạng thái, cơ sở đào tạo, tên',
          querystring: ZOutsideListQuery,
          response: { 200: ZOutsidePage },
        },
        config: { access: 'nominations.write' },
      },
      async (request) => outside.listOutsideTrainings(ctx.db, userOf(request), request.query),
    );
    app.post(
      '/api/v1/outside-trainings',
      {
        schema: {
          tags: ['outside-trainings'],
          summary: 'Đề nghị cử một người đi học ngoài tỉnh (Học viện, trường đại học, nước ngoài); xét điều kiện tại ngày bắt đầu học',
          description:
            'Người chưa đủ điều kiện: 422 NOT_ELIGIBLE với từng điều kiện chưa đạt; Ban Tổ chức Tỉnh ủy cử được khi ghi `overrideReason`. ' +
            'Trùng chương trình, trùng thời gian với hồ sơ khác của cùng người: 409 DUPLICATE.',
          body: ZOutsideCreate,
          response: { 201: ZOutsideDetail, 422: ZErrorBody },
        },
        config: { access: 'nominations.write' },
      },
      async (request, reply) => reply.status(201).send(await outside.proposeOutsideTraining(ctx.db, userOf(request), request.body)),
    );
    app.get(
      '/api/v1/outside-trainings/:id',
      {
        schema: {
          tags: ['outside-trainings'],
          summary: 'Hồ sơ đi học ngoài tỉnh: các bước duyệt, quyết định cử, kết quả',
          params: ZIdParams,
          response: { 200: ZOutsideDetail },
        },
        config: { access: 'nominations.write' },
      },
      async (request) => outside.getOutsideTraining(ctx.db, userOf(request), request.params.id),
    );
    app.post(
      '/api/v1/outside-trainings/:id/decision',
      {
        schema: {
          tags: ['outside-trainings'],
          summary: 'Duyệt hoặc không duyệt (cơ quan duyệt của chương trình: Ban Tổ chức Tỉnh ủy hoặc Sở Nội vụ)',
          params: ZIdParams,
          body: ZOutsideDecision,
          response: { 200: ZOutsideDetail },
        },
        config: {
          access: 'nominations.write',
          policy: {
            anyOf: ['outsideTraining.approve', 'outsideTraining.refuse'],
            chosenBy: (body) => `outsideTraining.${outsideDecisionAction(body as OutsideDecision)}` as const,
          },
        },
      },
      async (request) => outside.decideOutsideTraining(ctx.db, userOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/v1/outside-trainings/:id/sending-decision',
      {
        schema: {
          tags: ['outside-trainings'],
          summary: 'Ghi quyết định cử đi học (số, ngày ký, người ký); ngày ký không sau ngày bắt đầu học',
          params: ZIdParams,
          body: ZOutsideSendingDecision,
          response: { 200: ZOutsideDetail },
        },
        config: { access: 'nominations.write', policy: 'outsideTraining.recordDecision' },
      },
      async (request) => outside.recordSendingDecision(ctx.db, userOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/v1/outside-trainings/:id/result',
      {
        schema: {
          tags: ['outside-trainings'],
          summary: 'Ghi kết quả học tập; tốt nghiệp thì ghi trình độ vào hồ sơ cán bộ',
          params: ZIdParams,
          body: ZOutsideResultInput,
          response: { 200: ZOutsideDetail },
        },
        config: { access: 'nominations.write', policy: 'outsideTraining.recordResult' },
      },
      async (request) => outside.recordOutsideResult(ctx.db, userOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/v1/outside-trainings/:id/withdraw',
      {
        schema: {
          tags: ['outside-trainings'],
          summary: 'Rút đề nghị cử đi học (trước khi có quyết định cử)',
          params: ZIdParams,
          body: ZOutsideWithdraw,
          response: { 200: ZOutsideDetail },
        },
        config: { access: 'nominations.write', policy: 'outsideTraining.withdraw' },
      },
      async (request) => outside.withdrawOutsideTraining(ctx.db, userOf(request), request.params.id, request.body),
    );
  };
}
