import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZLoginRequest, ZMe } from '@nang-tam/contracts';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { login, logout } from '../services/auth.service.js';
import { clearSessionCookie, setSessionCookie, userOf } from '../auth/plugin.js';
import { toMe } from '../auth/auth-user.js';

export function authRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/v1/auth/login',
      {
        schema: { tags: ['auth'], summary: 'Đăng nhập', body: ZLoginRequest, response: { 200: ZMe } },
        // the login limit (per username and per address, shared by every node) is kept in the database by the service
        config: { access: 'public' },
      },
      async (request, reply) => {
        const { token, user } = await login(ctx.db, request.body, ctx.config.sessionTtlMinutes, {
          address: request.ip,
          perUsername: ctx.config.loginRateLimit,
          perAddress: ctx.config.loginAddressRateLimit,
          windowSeconds: ctx.config.loginRateWindowSeconds,
        });
        setSessionCookie(reply, token, ctx.config.sessionTtlMinutes, ctx.config.cookieSecure);
        return toMe(user);
      },
    );

    app.post(
      '/api/v1/auth/logout',
      { schema: { tags: ['auth'], summary: 'Đăng xuất', response: { 204: z.null() } }, config: { access: 'authenticated' } },
      async (request, reply) => {
        const user = userOf(request);
        await logout(ctx.db, user);
        // this node forgets the session at once; the others hear of it from the database (decision 0059)
        app.sessionCache.forget(user.sessionId);
        clearSessionCookie(reply);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/v1/auth/me',
      { schema: { tags: ['auth'], summary: 'Người dùng hiện tại', response: { 200: ZMe } }, config: { access: 'authenticated' } },
      async (request) => toMe(userOf(request)),
    );
  };
}

export const rateLimitError = () => new AppError('RATE_LIMITED');
