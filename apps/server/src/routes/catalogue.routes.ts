import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZCatalogueAsOfQuery,
  ZCatalogueCodeParams,
  ZCatalogueList,
  ZCatalogueProgrammeDetail,
  ZCatalogueQuery,
  ZCatalogueVocabulary,
  ZProgrammeCreateInput,
  ZProgrammeVersionInput,
} from '@nang-tam/contracts';
import type { AppContext } from '../context.js';
import { userOf } from '../auth/plugin.js';
import * as catalogue from '../services/programme-catalogue.service.js';

/**
 * The programme catalogue of every kind of training (issue 9), versioned. Programmes are
 * province-wide reference data with no record out of anyone's reach, so the routes declare no
 * record-level policy: reading needs `rules.read`, writing `catalogue.write` (the board, home
 * affairs), and the service advertises the same through the programme policies' `actions`.
 */
export function catalogueRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/catalogue/vocabulary',
      {
        schema: {
          tags: ['catalogue'],
          summary: 'Các danh mục dùng khi soạn chương trình: loại, cơ sở tổ chức, cấp độ, đối tượng, văn bằng',
          response: { 200: ZCatalogueVocabulary },
        },
        config: { access: 'rules.read' },
      },
      async () => catalogue.getVocabulary(ctx.db),
    );
    app.get(
      '/api/v1/catalogue/programmes',
      {
        schema: {
          tags: ['catalogue'],
          summary: 'Danh mục chương trình đào tạo, bồi dưỡng tại một ngày (mặc định hôm nay), lọc theo loại, cơ sở tổ chức, tìm không dấu',
          querystring: ZCatalogueQuery,
          response: { 200: ZCatalogueList },
        },
        config: { access: 'rules.read' },
      },
      async (request) => catalogue.listCatalogue(ctx.db, userOf(request), request.query),
    );
    app.get(
      '/api/v1/catalogue/programmes/:code',
      {
        schema: {
          tags: ['catalogue'],
          summary: 'Một chương trình: phiên bản có hiệu lực tại ngày asOf và lịch sử các phiên bản',
          params: ZCatalogueCodeParams,
          querystring: ZCatalogueAsOfQuery,
          response: { 200: ZCatalogueProgrammeDetail },
        },
        config: { access: 'rules.read' },
      },
      async (request) => catalogue.getProgramme(ctx.db, userOf(request), request.params.code, request.query.asOf),
    );
    app.post(
      '/api/v1/catalogue/programmes',
      {
        schema: {
          tags: ['catalogue'],
          summary: 'Thêm chương trình (Ban Tổ chức Tỉnh ủy, Sở Nội vụ): phiên bản 1 có hiệu lực từ effectiveFrom',
          description:
            'Mã trùng → 409 DUPLICATE (trường code); loại, cấp độ, đối tượng, văn bằng không có trong danh mục, không có hình thức học, thời gian ≤ 0 → 400 với đường dẫn trường.',
          body: ZProgrammeCreateInput,
          response: { 201: ZCatalogueProgrammeDetail },
        },
        config: { access: 'catalogue.write' },
      },
      async (request, reply) => reply.status(201).send(await catalogue.createProgramme(ctx.db, userOf(request), request.body)),
    );
    app.post(
      '/api/v1/catalogue/programmes/:code/versions',
      {
        schema: {
          tags: ['catalogue'],
          summary: 'Sửa chương trình = thêm phiên bản mới có hiệu lực từ effectiveFrom, kèm lý do và văn bản căn cứ',
          description:
            'Phiên bản đang có hiệu lực kết thúc vào ngày hôm trước. effectiveFrom không sau ngày bắt đầu của phiên bản cuối → 409 PROGRAMME_PERIOD_OVERLAP; ' +
            'basedOnVersion không phải phiên bản cuối → 409 PROGRAMME_VERSION_CONFLICT.',
          params: ZCatalogueCodeParams,
          body: ZProgrammeVersionInput,
          response: { 201: ZCatalogueProgrammeDetail },
        },
        config: { access: 'catalogue.write' },
      },
      async (request, reply) =>
        reply.status(201).send(await catalogue.addProgrammeVersion(ctx.db, userOf(request), request.params.code, request.body)),
    );
  };
}
