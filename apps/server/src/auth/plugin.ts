import '@fastify/cookie';
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { hasPermission, type Permission } from '@nang-tam/domain';
import type { Db } from '@nang-tam/db';
import { AppError } from '../errors.js';
import { resolveSession } from '../services/auth.service.js';
import type { AuthUser } from './auth-user.js';

export const SESSION_COOKIE = 'nt_session';
export const CSRF_HEADER = 'x-csrf-token';

/** What a route requires: a permission, any signed-in user, or nothing. */
export type RouteAccess = Permission | 'authenticated' | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    auth: AuthUser | null;
  }
  interface FastifyInstance {
    /** Every API route with the access it declared (the access-matrix test walks it). */
    routeAccess: { method: string; url: string; access: RouteAccess }[];
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function setSessionCookie(reply: FastifyReply, token: string, ttlMinutes: number, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/', maxAge: ttlMinutes * 60 });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/**
 * One access mechanism for every route: each /api route must declare `config.access` (checked
 * when routes are registered, so a route without one cannot start); the session is resolved
 * from the HttpOnly cookie; writes need the session's CSRF token in the X-CSRF-Token header.
 */
export function registerAuth(app: FastifyInstance, db: Db): void {
  app.decorateRequest('auth', null);
  const table: FastifyInstance['routeAccess'] = [];
  app.decorate('routeAccess', table);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.method === 'HEAD') return;
    const access = route.config?.access;
    if (!access) throw new Error(`Route ${String(route.method)} ${route.url} declares no access`);
    for (const method of [route.method].flat()) table.push({ method, url: route.url, access });
  });

  app.addHook('onRequest', async (request, reply) => {
    const access = request.routeOptions.config?.access;
    if (!access || access === 'public') return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) throw new AppError('UNAUTHENTICATED');
    const session = await resolveSession(db, token);
    if (session.kind !== 'ok') {
      clearSessionCookie(reply);
      throw new AppError(session.kind === 'expired' ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
    }
    request.auth = session.user;
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameToken(sent, session.user.csrfToken)) throw new AppError('CSRF_INVALID');
    }
    if (access !== 'authenticated' && !hasPermission(session.user.role, access)) throw new AppError('FORBIDDEN');
  });
}

/** The signed-in user of a route that declared an access other than 'public'. */
export function userOf(request: { auth: AuthUser | null }): AuthUser {
  if (!request.auth) throw new AppError('UNAUTHENTICATED');
  return request.auth;
}
