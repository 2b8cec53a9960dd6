import '@fastify/cookie';
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { hasPermission, type Permission, type Role } from '@nang-tam/domain';
import type { Db } from '@nang-tam/db';
import { AppError } from '../errors.js';
import { resolveSession, sessionIdOf } from '../services/auth.service.js';
import { SessionCache } from './session-cache.js';
import type { AuthUser } from './auth-user.js';
import { isPolicyRef, type PolicyRef } from '../policies/index.js';

export const SESSION_COOKIE = 'nt_session';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * What a route requires: a permission, any one of several permissions (callers reach the record
 * in different ways: the agency or the school), any signed-in user, or nothing.
 */
export type RouteAccess = Permission | readonly [Permission, ...Permission[]] | 'authenticated' | 'public';

/** Whether a role meets a route's declared access (a signed-in user of that role). */
export function roleMeetsAccess(role: Role, access: RouteAccess): boolean {
  if (access === 'public' || access === 'authenticated') return true;
  return typeof access === 'string' ? hasPermission(role, access) : access.some((p) => hasPermission(role, p));
}

/** One row of `app.routeAccess`: the route's permission and the policy decisions its service applies. */
export interface RouteAccessEntry {
  method: string;
  url: string;
  access: RouteAccess;
  /**
   * The record-level policy actions the service authorizes (empty: the permission alone decides).
   * All of them apply, unless `chosenBy` is set: then they are alternatives and the request's body
   * picks the one applied (a decision approves, refuses or enrols).
   */
  policies: PolicyRef[];
  chosenBy: ((body: unknown) => PolicyRef) | null;
}

/**
 * A route whose policy action depends on the request's body: `anyOf` lists every action it may
 * apply, `chosenBy` names the one a given body asks for (the service authorizes exactly that one).
 */
export interface PolicyChoice {
  anyOf: readonly [PolicyRef, ...PolicyRef[]];
  chosenBy: (body: unknown) => PolicyRef;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission checked before the handler runs (the honest minimum every allowed caller has). */
    access?: RouteAccess;
    /**
     * The policy action(s) the service authorizes on the record once it has loaded it
     * (apps/server/src/policies): "class.update", "enrolment.recall" … (a list: all of them), or
     * a `PolicyChoice` when the body picks one of several (any of them, as the body says).
     */
    policy?: PolicyRef | readonly PolicyRef[] | PolicyChoice;
  }
  interface FastifyRequest {
    auth: AuthUser | null;
  }
  interface FastifyInstance {
    /** Every API route with the access it declared (the access-matrix test walks it). */
    routeAccess: RouteAccessEntry[];
    /** The sessions this node keeps for a while (decision 0059); logout forgets its own at once. */
    sessionCache: SessionCache;
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
 * when routes are registered, so a route without one cannot start) and may name the policy
 * actions its service applies to the record (`config.policy`, checked against the registry); the
 * permission is enforced here, the policy by the service once the record's facts are loaded
 * (see apps/server/src/policies/README.md); the session is resolved
 * from the HttpOnly cookie (kept by the node for a while: SessionCache); writes need the session's CSRF token in the X-CSRF-Token header.
 */
export function registerAuth(app: FastifyInstance, db: Db, sessionCacheSeconds = 0): void {
  app.decorateRequest('auth', null);
  // sessions kept for a while, forgotten on any change of users, sessions or units (decision 0059);
  // it listens once the app is ready, before it serves
  const sessions = new SessionCache(sessionCacheSeconds * 1000);
  app.decorate('sessionCache', sessions);
  app.addHook('onReady', async () => sessions.start(db));
  app.addHook('onClose', async () => sessions.close());
  const table: FastifyInstance['routeAccess'] = [];
  app.decorate('routeAccess', table);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.method === 'HEAD') return;
    const access = route.config?.access;
    if (!access) throw new Error(`Route ${String(route.method)} ${route.url} declares no access`);
    const declared = route.config?.policy ?? [];
    const choice = typeof declared === 'object' && 'anyOf' in declared ? declared : null;
    const policies = (choice ? [...choice.anyOf] : [declared].flat()) as string[];
    for (const ref of policies) if (!isPolicyRef(ref)) throw new Error(`Route ${String(route.method)} ${route.url} names an unknown policy ${ref}`);
    const chosenBy = choice
      ? (body: unknown) => {
          const ref = choice.chosenBy(body);
          if (!choice.anyOf.includes(ref)) throw new Error(`Route ${String(route.method)} ${route.url} chose ${ref}, not one of its policies`);
          return ref;
        }
      : null;
    for (const method of [route.method].flat()) table.push({ method, url: route.url, access, policies: policies as PolicyRef[], chosenBy });
  });

  app.addHook('onRequest', async (request, reply) => {
    const access = request.routeOptions.config?.access;
    if (!access || access === 'public') return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) throw new AppError('UNAUTHENTICATED');
    const session = await sessions.resolve(sessionIdOf(token), () => resolveSession(db, token));
    if (session.kind !== 'ok') {
      clearSessionCookie(reply);
      throw new AppError(session.kind === 'expired' ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
    }
    request.auth = session.user;
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameToken(sent, session.user.csrfToken)) throw new AppError('CSRF_INVALID');
    }
    if (!roleMeetsAccess(session.user.role, access)) throw new AppError('FORBIDDEN');
  });
}

/** The signed-in user of a route that declared an access other than 'public'. */
export function userOf(request: { auth: AuthUser | null }): AuthUser {
  if (!request.auth) throw new AppError('UNAUTHENTICATED');
  return request.auth;
}
