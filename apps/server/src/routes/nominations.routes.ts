import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  NOMINATIONS_BULK_COLUMN,
  NOMINATIONS_BULK_MAX,
  NOMINATIONS_DECISIONS_MAX,
  ZErrorBody,
  ZIdParams,
  ZJob,
  ZNominationBulk,
  ZNominationBulkDecision,
  ZNominationBulkDecisionResult,
  ZNominationCreate,
  ZNominationDecision,
  type NominationDecision,
  ZNominationDetail,
  ZNominationListQuery,
  ZNominationPage,
  ZNominationWithdraw,
} from '@nang-tam/contracts';
import type { AppContext } from '../context.js';
import { userOf } from '../auth/plugin.js';
import { readUpload, uploadedPart, uploadTooLarge } from '../http/upload.js';
import * as nominations from '../services/nominations.service.js';
import { decisionAction } from '../policies/nomination.js';

/** Room for the multipart envelope around the file itself. */
const MULTIPART_OVERHEAD = 64 * 1024;

/** JSON { personIds } or, for an upload, no parsed body at all (the file is read as a stream). */
const ZBulkBody = ZNominationBulk.nullish().meta({
  description:
    `JSON { "personIds": [...] } (tối đa ${NOMINATIONS_BULK_MAX.toLocaleString('vi-VN')} người), ` +
    `hoặc multipart/form-data với trường "file": tệp .xlsx có cột "${NOMINATIONS_BULK_COLUMN}".`,
});

/**
 * Nomination and enrolment: nominate one person or many (a background job), the class's
 * nomination list, one nomination with its steps, the board's and the school's decisions, and
 * withdrawal. Nominating applies the class policy's `nominate` (the class still takes nominations);
 * a decision applies the nomination policy's `approve`, `refuse` or `enrol`, as its body says
 * (a `PolicyChoice`); withdrawal its `withdraw`. The list and one nomination declare no policy
 * action: what they show is bounded by the repository's visibility (people in the user's scope,
 * and for the school the classes it organises), out of sight answering 404 or leaving the row out,
 * and each row carries the nomination policy's `actions`.
 */
export function nominationsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const maxBytes = ctx.config.importMaxBytes;
  const refuseDeclaredOversize = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.headers['content-type']?.startsWith('multipart/')) return;
    const length = Number(request.headers['content-length']);
    if (Number.isFinite(length) && length > maxBytes + MULTIPART_OVERHEAD) {
      reply.header('connection', 'close');
      throw uploadTooLarge(maxBytes);
    }
  };

  return async (app) => {
    app.post(
      '/api/v1/classes/:id/nominations',
      {
        schema: {
          tags: ['nominations'],
          summary: 'Cử một người vào lớp (xét điều kiện theo chương trình, hình thức học, tại ngày khai giảng)',
          description:
            'Người chưa đủ điều kiện: 422 NOT_ELIGIBLE, `details` nêu từng điều kiện chưa đạt kèm văn bản căn cứ; ' +
            'Ban Tổ chức Tỉnh ủy (quyền nominations.override) cử được khi ghi `overrideReason`. ' +
            'Lớp đã đủ chỗ: hồ sơ vào danh sách chờ (status `waitlisted`, `waitlistPosition`).',
          params: ZIdParams,
          body: ZNominationCreate,
          response: { 201: ZNominationDetail, 422: ZErrorBody },
        },
        config: { access: 'nominations.write', policy: 'class.nominate' },
      },
      async (request, reply) =>
        reply.status(201).send(await nominations.nominate(ctx.db, userOf(request), request.params.id, request.body)),
    );
    app.get(
      '/api/v1/classes/:id/nominations',
      {
        schema: {
          tags: ['nominations'],
          summary: 'Danh sách cử vào lớp (chỉ người trong phạm vi của bạn; cơ sở đào tạo thấy cả lớp mình tổ chức)',
          params: ZIdParams,
          querystring: ZNominationListQuery,
          response: { 200: ZNominationPage },
        },
        config: { access: 'classes.read' },
      },
      async (request) => nominations.listClassNominations(ctx.db, userOf(request), request.params.id, request.query),
    );
    app.post(
      '/api/v1/classes/:id/nominations/bulk',
      {
        schema: {
          tags: ['nominations'],
          summary: 'Cử nhiều người vào lớp từ danh sách hoặc tệp Excel (chạy nền, có tệp kết quả từng dòng)',
          description: `Mỗi người được xét và cử riêng: người không đủ điều kiện không làm hỏng cả danh sách. Tối đa ${Math.round(maxBytes / 1024 / 1024)} MB.`,
          consumes: ['application/json', 'multipart/form-data'],
          params: ZIdParams,
          body: ZBulkBody,
          response: { 202: ZJob, 413: ZErrorBody },
        },
        config: { access: 'nominations.write', policy: 'class.nominate' },
        onRequest: refuseDeclaredOversize,
      },
      async (request, reply) => {
        const user = userOf(request);
        let source: nominations.BulkSource | null = request.body ?? null;
        if (request.isMultipart()) {
          const part = await uploadedPart(request);
          if (!part || part.fieldname !== 'file') throw nominations.missingBulkSource('file');
          const content = await readUpload(part.file, maxBytes).catch((err: unknown) => {
            reply.header('connection', 'close');
            throw err;
          });
          source = { fileName: part.filename, content };
        }
        if (!source) throw nominations.missingBulkSource('personIds');
        return reply.status(202).send(await nominations.startBulkNomination(ctx.db, user, request.params.id, source));
      },
    );
    app.get(
      '/api/v1/nominations/:id',
      {
        schema: {
          tags: ['nominations'],
          summary: 'Hồ sơ cử đi học: các bước duyệt và kết quả xét điều kiện',
          params: ZIdParams,
          response: { 200: ZNominationDetail },
        },
        config: { access: 'classes.read' },
      },
      async (request) => nominations.getNomination(ctx.db, userOf(request), request.params.id),
    );
    // Decision: the board step needs nominations.approve, the school step classes.manage over the
    // organiser (the nomination policy decides on the record). The route lets through everyone who
    // follows classes so that an agency officer who tries is told which body takes the step
    // (403 with that message), rather than a bare refusal.
    app.post(
      '/api/v1/nominations/:id/decision',
      {
        schema: {
          tags: ['nominations'],
          summary: 'Duyệt hoặc không duyệt: bước cơ quan quản lý cán bộ (board) rồi cơ sở đào tạo (school)',
          description:
            '`board`: quyền nominations.approve, đúng cơ quan duyệt của chương trình (Ban Tổ chức Tỉnh ủy hoặc Sở Nội vụ). ' +
            '`school`: quyền classes.manage với đơn vị tổ chức lớp, sau bước board; duyệt thì ghi danh học viên. ' +
            'Không duyệt phải ghi lý do (`note`); chỗ được giải phóng chuyển cho người chờ lâu nhất.',
          params: ZIdParams,
          body: ZNominationDecision,
          response: { 200: ZNominationDetail },
        },
        config: {
          access: 'classes.read',
          policy: {
            anyOf: ['nomination.approve', 'nomination.refuse', 'nomination.enrol'],
            chosenBy: (body) => `nomination.${decisionAction(body as NominationDecision)}` as const,
          },
        },
      },
      async (request) => nominations.decideNomination(ctx.db, userOf(request), request.params.id, request.body),
    );
    // Bulk decision: the same decision on many nominations, each decided by the nomination policy
    // on its own record (as the single decision route), so the route declares no policy of its own.
    app.post(
      '/api/v1/nominations/decisions',
      {
        schema: {
          tags: ['nominations'],
          summary: 'Duyệt hoặc không duyệt nhiều hồ sơ cử đi học cùng lúc (kết quả từng hồ sơ)',
          description:
            `Tối đa ${NOMINATIONS_DECISIONS_MAX} hồ sơ. Mỗi hồ sơ được xét riêng như khi duyệt từng hồ sơ (cùng quy tắc, cùng khóa, ghi nhật ký riêng): ` +
            'hồ sơ không được phép duyệt được báo lý do (`refused`) mà không làm hỏng các hồ sơ khác; hồ sơ ngoài phạm vi: `not_found`. ' +
            'Không duyệt phải ghi lý do (`note`).',
          body: ZNominationBulkDecision,
          response: { 200: ZNominationBulkDecisionResult },
        },
        config: { access: 'classes.read' },
      },
      async (request) => nominations.decideNominations(ctx.db, userOf(request), request.body),
    );
    // Withdrawal: the sending agency (nominations.write, before enrolment) or the school running
    // the class (classes.manage, an enrolled learner); which one applies depends on the record.
    app.post(
      '/api/v1/nominations/:id/withdraw',
      {
        schema: {
          tags: ['nominations'],
          summary: 'Rút hồ sơ (cơ quan cử đi học) hoặc rút học viên đã ghi danh khỏi lớp (cơ sở đào tạo)',
          params: ZIdParams,
          body: ZNominationWithdraw,
          response: { 200: ZNominationDetail },
        },
        config: { access: ['nominations.write', 'classes.manage'], policy: 'nomination.withdraw' },
      },
      async (request) => nominations.withdrawNomination(ctx.db, userOf(request), request.params.id, request.body),
    );
  };
}
