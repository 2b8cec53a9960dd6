import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZErrorBody, ZIdParams, ZMarkedRead, ZNotificationListQuery, ZNotificationPage, ZNotificationSummary } from '@nang-tam/contracts';
import type { AppContext } from '../context.js';
import { userOf } from '../auth/plugin.js';
import * as notifications from '../services/notifications.service.js';

/**
 * One's own notifications and work waiting (issue 14, point 8; decision 0036): every signed-in user
 * (`authenticated`). The routes declare no record policy: each reads or marks the caller's own
 * notifications only (the repository filters by the caller's id; another's id answers 404), and the
 * work counts are bounded by the caller's scope and role.
 */
export function notificationsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/me/notifications/summary',
      {
        schema: {
          tags: ['notifications'],
          summary: 'Chuông thông báo: số thông báo chưa đọc, việc đang chờ tôi và các thông báo mới nhất',
          response: { 200: ZNotificationSummary },
        },
        config: { access: 'authenticated' },
      },
      async (request) => notifications.summaryOf(ctx.db, userOf(request)),
    );
    app.get(
      '/api/v1/me/notifications',
      {
        schema: {
          tags: ['notifications'],
          summary: 'Thông báo của tôi, mới nhất trước',
          querystring: ZNotificationListQuery,
          response: { 200: ZNotificationPage },
        },
        config: { access: 'authenticated' },
      },
      async (request) => notifications.listMine(ctx.db, userOf(request), request.query),
    );
    app.post(
      '/api/v1/me/notifications/read-all',
      {
        schema: { tags: ['notifications'], summary: 'Đánh dấu mọi thông báo là đã đọc', response: { 200: ZMarkedRead } },
        config: { access: 'authenticated' },
      },
      async (request) => notifications.markAllRead(ctx.db, userOf(request)),
    );
    app.post(
      '/api/v1/me/notifications/:id/read',
      {
        schema: {
          tags: ['notifications'],
          summary: 'Đánh dấu một thông báo là đã đọc',
          params: ZIdParams,
          response: { 200: ZMarkedRead, 404: ZErrorBody },
        },
        config: { access: 'authenticated' },
      },
      async (request) => notifications.markRead(ctx.db, userOf(request), request.params.id),
    );
  };
}
