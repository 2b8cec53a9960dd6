import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZCertificate,
  ZCertificateList,
  ZCertificateVerification,
  ZErrorBody,
  ZIdParams,
  ZRevokeCertificate,
  ZSigningPublicKey,
} from '@nang-tam/contracts';
import type { AppContext } from '../context.js';
import { userOf } from '../auth/plugin.js';
import { contentDisposition } from '../http/content-disposition.js';
import * as certificates from '../services/certificates.service.js';

/** Verification requests per address and minute: a registrar checking a pile of diplomas passes, a scraper does not. */
export const VERIFY_RATE_LIMIT = { max: 60, timeWindow: 60_000 };

const ZPdfFile = {
  description: 'Tệp PDF',
  content: { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } },
};

/** The code is the rest of the path (a wildcard: codes are longer than a route parameter may be). */
const ZVerifyParams = z.strictObject({ '*': z.string() });

/** Where the web app is reached: the configured public address, else this request's origin. */
function baseUrlOf(ctx: AppContext, request: FastifyRequest): string {
  return ctx.config.publicBaseUrl ?? `${request.protocol}://${request.host}`;
}

function sendPdf(reply: FastifyReply, file: certificates.CertificateFile) {
  return reply.type('application/pdf').header('content-disposition', contentDisposition(file.fileName)).send(file.content);
}

export function certificatesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/certificates/public-key',
      {
        schema: {
          tags: ['certificates'],
          summary: 'Khóa công khai (Ed25519, SPKI PEM) dùng để kiểm tra chữ ký trên mã xác thực văn bằng, chứng chỉ',
          response: { 200: ZSigningPublicKey },
        },
        config: { access: 'public' },
      },
      async () => certificates.getPublicKey(ctx.db),
    );
    app.get(
      '/api/v1/verify/*',
      {
        schema: {
          tags: ['certificates'],
          summary: 'Kiểm tra văn bằng, chứng chỉ từ mã trên mã QR (công khai)',
          description:
            'Đường dẫn: /api/v1/verify/<mã>. Luôn trả 200 với status `valid`, `revoked` (kèm ngày và lý do thu hồi) hoặc ' +
            '`invalid` (kèm lý do: mã sai định dạng, chữ ký không khớp, số hiệu không có, thông tin bị sửa). ' +
            `Giới hạn ${VERIFY_RATE_LIMIT.max} lần mỗi phút cho mỗi địa chỉ (429 khi vượt).`,
          params: ZVerifyParams,
          response: { 200: ZCertificateVerification, 429: ZErrorBody },
        },
        config: { access: 'public', rateLimit: { ...VERIFY_RATE_LIMIT, keyGenerator: (req) => req.ip } },
      },
      async (request) => certificates.verifyCertificate(ctx.db, request.params['*']),
    );
    app.get(
      '/api/v1/certificates/:id/pdf',
      {
        schema: {
          tags: ['certificates'],
          summary: 'Tải văn bằng, chứng chỉ (PDF, A4 ngang, có mã QR để kiểm tra)',
          description:
            'Người học tải của chính mình; cán bộ tổ chức tải của người thuộc đơn vị mình; phòng đào tạo tải của lớp do đơn vị mình tổ chức.',
          params: ZIdParams,
          response: { 200: ZPdfFile },
        },
        config: { access: 'people.read' },
      },
      async (request, reply) => {
        const file = await certificates.getCertificatePdf(ctx.db, userOf(request), request.params.id, baseUrlOf(ctx, request));
        return sendPdf(reply, file);
      },
    );
    app.post(
      '/api/v1/certificates/:id/revoke',
      {
        schema: {
          tags: ['certificates'],
          summary: 'Thu hồi văn bằng, chứng chỉ (kèm lý do); trình độ đã ghi vào hồ sơ khi tốt nghiệp bị gỡ',
          description:
            'Người quản lý văn bằng (phòng đào tạo, quản trị hệ thống) thu hồi văn bằng của lớp do đơn vị thuộc phạm vi mình tổ chức; ' +
            'văn bằng đã thu hồi không thu hồi lại được (CERTIFICATE_ALREADY_REVOKED).',
          params: ZIdParams,
          body: ZRevokeCertificate,
          response: { 200: ZCertificate },
        },
        config: { access: 'certificates.manage', policy: 'certificate.revoke' },
      },
      async (request) => certificates.revokeCertificate(ctx.db, userOf(request), request.params.id, request.body),
    );
    app.get(
      '/api/v1/people/:id/certificates',
      {
        schema: {
          tags: ['certificates'],
          summary: 'Văn bằng, chứng chỉ của một người',
          params: ZIdParams,
          response: { 200: ZCertificateList },
        },
        config: { access: 'people.read', policy: 'person.viewTraining' },
      },
      async (request) => certificates.listPersonCertificates(ctx.db, userOf(request), request.params.id),
    );
    app.get(
      '/api/v1/classes/:id/certificates',
      {
        schema: {
          tags: ['certificates'],
          summary: 'Văn bằng, chứng chỉ đã cấp của một lớp (người thuộc phạm vi của bạn, hoặc cả lớp nếu đơn vị bạn tổ chức lớp)',
          params: ZIdParams,
          response: { 200: ZCertificateList },
        },
        config: { access: 'classes.read', policy: 'class.viewCertificates' },
      },
      async (request) => certificates.listClassCertificates(ctx.db, userOf(request), request.params.id),
    );
  };
}
