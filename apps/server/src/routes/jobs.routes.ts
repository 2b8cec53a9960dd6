import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZCandidatesExport, ZErrorBody, ZIdParams, ZJob, ZPeopleFilter } from '@nang-tam/contracts';
import type { AppContext } from '../context.js';
import { userOf } from '../auth/plugin.js';
import { contentDisposition } from '../http/content-disposition.js';
import { readUpload, uploadedPart, uploadTooLarge } from '../http/upload.js';
import { OFFICIAL_MIME } from '../documents/render.js';
import { XLSX_MIME } from '../jobs/xlsx/write.js';
import * as jobs from '../services/jobs.service.js';

/** Room for the multipart envelope around the file itself. */
const MULTIPART_OVERHEAD = 64 * 1024;

const ZXlsxFile = {
  description: 'Tệp Excel (.xlsx)',
  content: { [XLSX_MIME]: { schema: z.string().meta({ format: 'binary' }) } },
};

/** The multipart upload, for the OpenAPI document only: the file is read as a stream, not parsed as a body. */
const ZUpload = z.unknown().meta({
  type: 'object',
  required: ['file'],
  properties: { file: { type: 'string', format: 'binary', description: 'Tệp .xlsx theo mẫu (trang tính "CanBo")' } },
} as Record<string, unknown>);

/** A job's result file: a workbook, or a PDF (an official document rendered as PDF: documents/README.md). */
const ZJobFile = {
  description: 'Tệp kết quả (.xlsx hoặc .pdf)',
  content: {
    [XLSX_MIME]: { schema: z.string().meta({ format: 'binary' }) },
    [OFFICIAL_MIME.pdf]: { schema: z.string().meta({ format: 'binary' }) },
  },
};

function sendFile(reply: FastifyReply, file: jobs.DownloadFile) {
  const type = /\.pdf$/i.test(file.fileName) ? OFFICIAL_MIME.pdf : XLSX_MIME;
  return reply.type(type).header('content-disposition', contentDisposition(file.fileName)).send(file.content);
}

export function jobsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const maxBytes = ctx.config.importMaxBytes;
  // a declared size over the limit is refused before a byte of the body is read
  const refuseDeclaredOversize = async (request: FastifyRequest, reply: FastifyReply) => {
    const length = Number(request.headers['content-length']);
    if (Number.isFinite(length) && length > maxBytes + MULTIPART_OVERHEAD) {
      // the unread body stays on the connection: close it with the answer
      reply.header('connection', 'close');
      throw uploadTooLarge(maxBytes);
    }
  };

  return async (app) => {
    app.get(
      '/api/v1/imports/people/template',
      {
        schema: { tags: ['imports'], summary: 'Tải tệp mẫu nhập hồ sơ cán bộ (.xlsx)', response: { 200: ZXlsxFile } },
        config: { access: 'people.import' },
      },
      async (request, reply) => sendFile(reply, await jobs.getImportTemplate(ctx.db, userOf(request))),
    );
    app.post(
      '/api/v1/imports/people',
      {
        schema: {
          tags: ['imports'],
          summary: 'Nhập hồ sơ cán bộ từ tệp Excel (chạy nền)',
          description: `multipart/form-data, trường "file"; tối đa ${Math.round(maxBytes / 1024 / 1024)} MB. Trả về tác vụ để theo dõi.`,
          consumes: ['multipart/form-data'],
          body: ZUpload,
          response: { 202: ZJob, 413: ZErrorBody },
        },
        config: { access: 'people.import' },
        onRequest: refuseDeclaredOversize,
      },
      async (request, reply) => {
        const part = await uploadedPart(request);
        if (!part || part.fieldname !== 'file') throw jobs.missingUpload();
        const content = await readUpload(part.file, maxBytes).catch((err: unknown) => {
          reply.header('connection', 'close');
          throw err;
        });
        const job = await jobs.startPeopleImport(ctx.db, userOf(request), { fileName: part.filename, content });
        return reply.status(202).send(job);
      },
    );
    app.post(
      '/api/v1/exports/people',
      {
        schema: { tags: ['exports'], summary: 'Xuất danh sách đã lọc ra Excel (chạy nền)', body: ZPeopleFilter, response: { 202: ZJob } },
        config: { access: 'people.export' },
      },
      async (request, reply) => reply.status(202).send(await jobs.startPeopleExport(ctx.db, userOf(request), request.body)),
    );
    app.post(
      '/api/v1/exports/candidates',
      {
        schema: {
          tags: ['exports'],
          summary: 'Xuất danh sách nguồn cử đi học (đã xếp hạng) ra Excel (chạy nền)',
          body: ZCandidatesExport,
          response: { 202: ZJob },
        },
        config: { access: 'rules.read' },
      },
      async (request, reply) => reply.status(202).send(await jobs.startCandidatesExport(ctx.db, userOf(request), request.body)),
    );
    app.get(
      '/api/v1/jobs/:id',
      {
        schema: { tags: ['jobs'], summary: 'Trạng thái tác vụ nền', params: ZIdParams, response: { 200: ZJob } },
        config: { access: 'jobs.read' },
      },
      async (request) => jobs.getJob(ctx.db, userOf(request), request.params.id),
    );
    app.get(
      '/api/v1/jobs/:id/file',
      {
        schema: { tags: ['jobs'], summary: 'Tải tệp kết quả của tác vụ', params: ZIdParams, response: { 200: ZJobFile } },
        config: { access: 'jobs.read' },
      },
      async (request, reply) => sendFile(reply, await jobs.getJobFile(ctx.db, userOf(request), request.params.id)),
    );
  };
}
