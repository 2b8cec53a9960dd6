import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZClassDocumentList,
  ZDocumentParams,
  ZDocumentQuery,
  ZDocumentSettings,
  ZIdParams,
  ZJob,
  ZUpdateDocumentSettings,
  ZPdfSigningCertificate,
  ZUploadPdfSigningCertificate,
  type DocumentKind,
} from '@nang-tam/contracts';
import type { AppContext } from '../context.js';
import { userOf } from '../auth/plugin.js';
import { contentDisposition } from '../http/content-disposition.js';
import * as documents from '../services/documents.service.js';
import * as pdfSigning from '../services/pdf-signing.service.js';

const ZDocumentFile = {
  description: 'Tệp Word (DOCX) hoặc PDF',
  content: {
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: z.string().meta({ format: 'binary' }) },
    'application/pdf': { schema: z.string().meta({ format: 'binary' }) },
  },
};

/** Where the web app is reached (the certificates' QR codes point there). */
function baseUrlOf(ctx: AppContext, request: FastifyRequest): string {
  return ctx.config.publicBaseUrl ?? `${request.protocol}://${request.host}`;
}

function sendFile(reply: FastifyReply, file: documents.DocumentFile) {
  return reply.type(file.contentType).header('content-disposition', contentDisposition(file.fileName)).send(file.content);
}

/** Printed documents of a class (issue 10) and the organisation's document settings (decision 0034). */
export function documentsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/classes/:id/documents',
      {
        schema: {
          tags: ['documents'],
          summary:
            'Các văn bản in của lớp (quyết định, giấy triệu tập, danh sách, bảng điểm danh, bảng điểm, sổ cấp phát) và lý do chưa lập được',
          description: 'Phòng đào tạo của đơn vị tổ chức lớp và Ban Tổ chức Tỉnh ủy; người khác nhận 404.',
          params: ZIdParams,
          response: { 200: ZClassDocumentList },
        },
        config: { access: 'classes.read', policy: 'class.printDocuments' },
      },
      async (request) => documents.listClassDocuments(ctx.db, userOf(request), request.params.id),
    );
    app.get(
      '/api/v1/classes/:id/documents/:kind',
      {
        schema: {
          tags: ['documents'],
          summary: 'Tải một văn bản của lớp (DOCX sửa được hoặc PDF), trình bày theo Nghị định 30/2020/NĐ-CP',
          description:
            'format: docx (mặc định) hoặc pdf; number: số văn bản (để trống để ghi tay); date: ngày ghi trên văn bản (mặc định hôm nay); ' +
            'enrolmentId: giấy triệu tập của một học viên. Lớp chưa có danh sách được duyệt, chưa xét tốt nghiệp hoặc còn thiếu điểm bị từ chối kèm lý do.',
          params: ZDocumentParams,
          querystring: ZDocumentQuery,
          response: { 200: ZDocumentFile },
        },
        config: { access: 'classes.read', policy: 'class.printDocuments' },
      },
      async (request, reply) => {
        const file = await documents.renderClassDocument(
          ctx.db,
          userOf(request),
          request.params.id,
          request.params.kind as DocumentKind,
          request.query,
          baseUrlOf(ctx, request),
        );
        return sendFile(reply, file);
      },
    );
    app.post(
      '/api/v1/classes/:id/documents/:kind/jobs',
      {
        schema: {
          tags: ['documents'],
          summary:
            'Lập một văn bản của lớp đông học viên (văn bằng cả lớp, danh sách hàng trăm người) dưới dạng tác vụ nền; tải tệp khi tác vụ xong',
          description:
            'Cùng tham số và cùng các lý do từ chối như khi tải trực tiếp; kiểm tra lại khi tác vụ chạy. Theo dõi ở /api/v1/jobs/:id.',
          params: ZDocumentParams,
          querystring: ZDocumentQuery,
          response: { 202: ZJob },
        },
        config: { access: 'classes.read', policy: 'class.printDocuments' },
      },
      async (request, reply) => {
        const job = await documents.startClassDocumentJob(
          ctx.db,
          userOf(request),
          request.params.id,
          request.params.kind as DocumentKind,
          request.query,
          baseUrlOf(ctx, request),
        );
        return reply.code(202).send(job);
      },
    );
    app.get(
      '/api/v1/units/:id/document-settings',
      {
        schema: {
          tags: ['documents'],
          summary: 'Thông tin ban hành văn bản của đơn vị (cơ quan chủ quản, cơ quan ban hành, ký hiệu, địa danh, người ký)',
          params: ZIdParams,
          response: { 200: ZDocumentSettings },
        },
        config: { access: 'units.read' },
      },
      async (request) => documents.getDocumentSettings(ctx.db, userOf(request), request.params.id),
    );
    app.put(
      '/api/v1/units/:id/document-settings',
      {
        schema: {
          tags: ['documents'],
          summary: 'Sửa thông tin ban hành văn bản của đơn vị (phòng đào tạo, Ban Tổ chức Tỉnh ủy, quản trị hệ thống)',
          params: ZIdParams,
          body: ZUpdateDocumentSettings,
          response: { 200: ZDocumentSettings },
        },
        config: { access: ['classes.manage', 'nominations.override', 'users.manage'], policy: 'documentSettings.update' },
      },
      async (request) => documents.updateDocumentSettings(ctx.db, userOf(request), request.params.id, request.body),
    );
    // the school's certificate for signing PDF files (PAdES, decision 0061)
    app.get(
      '/api/v1/units/:id/pdf-signing-certificate',
      {
        schema: {
          tags: ['documents'],
          summary: 'Chứng thư số của đơn vị dùng để ký số tệp PDF văn bằng, chứng chỉ (chủ thể, tổ chức cấp, thời hạn; không bao giờ trả khóa hay mật khẩu)',
          params: ZIdParams,
          response: { 200: ZPdfSigningCertificate },
        },
        config: { access: 'units.read' },
      },
      async (request) => pdfSigning.getPdfSigningCertificate(ctx.db, userOf(request), request.params.id),
    );
    app.put(
      '/api/v1/units/:id/pdf-signing-certificate',
      {
        schema: {
          tags: ['documents'],
          summary: 'Nạp hoặc thay chứng thư số (tệp PKCS#12 .p12/.pfx, base64, kèm mật khẩu) để ký số tệp PDF văn bằng, chứng chỉ',
          description:
            'Từ chối (400, kèm trường) khi tệp không phải PKCS#12, sai mật khẩu, không có khóa bí mật, khóa không phải RSA/ECDSA, chứng thư hết hạn hoặc chưa có hiệu lực.',
          params: ZIdParams,
          body: ZUploadPdfSigningCertificate,
          response: { 200: ZPdfSigningCertificate },
        },
        config: { access: ['classes.manage', 'nominations.override', 'users.manage'], policy: 'documentSettings.update' },
        bodyLimit: 256 * 1024,
      },
      async (request) => pdfSigning.uploadPdfSigningCertificate(ctx.db, userOf(request), request.params.id, request.body),
    );
    app.delete(
      '/api/v1/units/:id/pdf-signing-certificate',
      {
        schema: {
          tags: ['documents'],
          summary: 'Gỡ chứng thư số của đơn vị (tệp PDF không còn được ký số)',
          params: ZIdParams,
          response: { 200: ZPdfSigningCertificate },
        },
        config: { access: ['classes.manage', 'nominations.override', 'users.manage'], policy: 'documentSettings.update' },
      },
      async (request) => pdfSigning.deletePdfSigningCertificate(ctx.db, userOf(request), request.params.id),
    );
  };
}
