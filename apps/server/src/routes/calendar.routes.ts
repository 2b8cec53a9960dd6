import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZCalendar, ZCalendarFeedCreated, ZCalendarFeedParams, ZCalendarQuery, ZErrorBody } from '@nang-tam/contracts';
import type { AppContext } from '../context.js';
import { userOf } from '../auth/plugin.js';
import { contentDisposition } from '../http/content-disposition.js';
import { ICS_MIME } from '../calendar/ics.js';
import * as calendar from '../services/calendar.service.js';

const ZIcsFile = {
  description: 'Tệp lịch iCalendar (.ics, RFC 5545)',
  content: { 'text/calendar': { schema: z.string() } },
};

/** Calendar apps poll a subscription every hour or so; this leaves room for many on one address (a NAT). */
const FEED_RATE_LIMIT = { max: 120, timeWindow: 60_000 };

/** Where the web app is reached: the configured public address, else this request's origin. */
function baseUrlOf(ctx: AppContext, request: FastifyRequest): string {
  return ctx.config.publicBaseUrl ?? `${request.protocol}://${request.host}`;
}

/**
 * One's own calendar (issue 14): learners, lecturers and school registrars (`calendar.read`). The
 * routes declare no record policy: each answers the caller's own sessions only, bounded by the
 * repository (enrolments, the lecturer record, the unit subtree).
 */
export function calendarRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/me/calendar',
      {
        schema: {
          tags: ['calendar'],
          summary: 'Lịch của tôi: các buổi học của lớp đang học, buổi giảng, hoặc các lớp của đơn vị',
          querystring: ZCalendarQuery,
          response: { 200: ZCalendar },
        },
        config: { access: 'calendar.read' },
      },
      async (request) => calendar.getMyCalendar(ctx.db, userOf(request), request.query),
    );
    app.get(
      '/api/v1/me/calendar.ics',
      {
        schema: { tags: ['calendar'], summary: 'Tải lịch của tôi (.ics) để nhập vào ứng dụng lịch', response: { 200: ZIcsFile } },
        config: { access: 'calendar.read' },
      },
      async (request, reply) => {
        const file = await calendar.downloadMyCalendar(ctx.db, userOf(request));
        return reply.type(ICS_MIME).header('content-disposition', contentDisposition(file.fileName)).send(file.content);
      },
    );
    app.post(
      '/api/v1/me/calendar/feed',
      {
        schema: {
          tags: ['calendar'],
          summary: 'Tạo địa chỉ đăng ký lịch (bí mật) cho điện thoại; địa chỉ cũ ngừng hoạt động',
          response: { 201: ZCalendarFeedCreated },
        },
        config: { access: 'calendar.read' },
      },
      async (request, reply) => reply.status(201).send(await calendar.createFeed(ctx.db, userOf(request), baseUrlOf(ctx, request))),
    );
    app.delete(
      '/api/v1/me/calendar/feed',
      {
        schema: { tags: ['calendar'], summary: 'Hủy địa chỉ đăng ký lịch', response: { 204: z.null(), 404: ZErrorBody } },
        config: { access: 'calendar.read' },
      },
      async (request, reply) => {
        await calendar.revokeFeed(ctx.db, userOf(request));
        return reply.status(204).send(null);
      },
    );
    app.get(
      '/api/v1/calendar/feeds/:token',
      {
        schema: {
          tags: ['calendar'],
          summary: 'Lịch theo địa chỉ đăng ký (công khai với người có địa chỉ; ứng dụng lịch tự tải lại)',
          description: `Đường dẫn: /api/v1/calendar/feeds/<mã>.ics. Mã sai hoặc đã hủy: 404. Giới hạn ${FEED_RATE_LIMIT.max} lần mỗi phút cho mỗi địa chỉ.`,
          params: ZCalendarFeedParams,
          response: { 200: ZIcsFile, 404: ZErrorBody, 429: ZErrorBody },
        },
        config: { access: 'public', rateLimit: { ...FEED_RATE_LIMIT, keyGenerator: (req) => req.ip } },
      },
      async (request, reply) => {
        const file = await calendar.feedCalendar(ctx.db, request.params.token);
        return reply.type(ICS_MIME).header('cache-control', 'private, no-store').send(file.content);
      },
    );
  };
}
