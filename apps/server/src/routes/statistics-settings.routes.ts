import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZErrorBody, ZYoungSettingCreate, ZYoungSettings } from '@nang-tam/contracts';
import type { AppContext } from '../context.js';
import { userOf } from '../auth/plugin.js';
import * as settings from '../services/statistics-settings.service.js';

/**
 * The "young" age limit of the training statistics (decision 0057): read with statistics.read,
 * changed (a new version from a date, with its source; audited) with rules.write — the provincial
 * board and the system administrator.
 */
export function statisticsSettingsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/statistics/settings/young',
      {
        schema: {
          tags: ['statistics'],
          summary: 'Ngưỡng tuổi "cán bộ trẻ" dùng trong thống kê: phiên bản đang áp dụng và lịch sử, kèm căn cứ',
          response: { 200: ZYoungSettings },
        },
        config: { access: 'statistics.read' },
      },
      async (request) => settings.getYoungSettings(ctx.db, userOf(request)),
    );
    app.post(
      '/api/v1/statistics/settings/young',
      {
        schema: {
          tags: ['statistics'],
          summary: 'Đổi ngưỡng tuổi "cán bộ trẻ" từ một ngày (thêm phiên bản mới kèm văn bản căn cứ; ghi nhật ký)',
          description: 'Tuổi ngoài 16–60 hoặc thiếu căn cứ: 400 với trường. Đã có phiên bản từ cùng ngày: 409 DUPLICATE.',
          body: ZYoungSettingCreate,
          response: { 201: ZYoungSettings, 409: ZErrorBody },
        },
        config: { access: 'rules.write' },
      },
      async (request, reply) => reply.status(201).send(await settings.addYoungSetting(ctx.db, userOf(request), request.body)),
    );
  };
}
