import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ROLE_PERMISSIONS, type Role } from '@nang-tam/domain';
import type { Db } from '@nang-tam/db';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, seedFixture, type Fixture, type Session } from '../../../../tests/support/fixtures.js';

/**
 * Every API route × every role: a role without the route's permission gets 403; a role with it
 * never does. Then every record route × a record outside the user's scope answers 404.
 */
let db: Db;
let app: FastifyInstance;
let fx: Fixture;
const sessions = new Map<Role, Session>();
const USER_OF_ROLE: Record<Role, string> = {
  system_admin: 'sysadmin',
  province_board: 'board',
  home_affairs: 'noivu',
  unit_officer: 'officerA',
  school_registrar: 'registrar',
  lecturer: 'lecturer',
  learner: 'learner',
};

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  app = await buildTestApp(db);
  for (const [role, username] of Object.entries(USER_OF_ROLE)) sessions.set(role as Role, await loginAs(app, username));
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const fill = (url: string, id: number) => url.replace(':id', String(id)).replace(':itemId', '999999');

describe('access matrix', () => {
  it('every /api route declares its access', () => {
    expect(app.routeAccess.length).toBeGreaterThan(10);
    for (const r of app.routeAccess) expect(r.access, `${r.method} ${r.url}`).toBeTruthy();
  });

  it('refuses each route to each role without its permission, and to anonymous callers', async () => {
    const rows: string[] = [];
    for (const route of app.routeAccess) {
      if (route.access === 'public' || route.url === '/api/v1/auth/logout') continue; // logout is tested on its own
      const url = fill(route.url, fx.people.an);
      const anon = await app.inject({ method: route.method as 'GET', url, payload: route.method === 'GET' ? undefined : {} });
      rows.push(`${route.method} ${route.url} anonymous → ${anon.statusCode}`);
      expect(anon.statusCode, `${route.method} ${route.url} anonymous`).toBe(401);
      for (const [role, session] of sessions) {
        const res = await app.inject({ method: route.method as 'GET', url, headers: as(session), payload: route.method === 'GET' ? undefined : {} });
        const allowed = route.access === 'authenticated' || ROLE_PERMISSIONS[role].includes(route.access);
        if (allowed) expect([401, 403], `${route.method} ${route.url} as ${role}: ${res.body}`).not.toContain(res.statusCode);
        else expect(res.statusCode, `${route.method} ${route.url} as ${role}`).toBe(403);
      }
    }
    expect(rows.length).toBeGreaterThan(5);
  });

  it('answers 404 for a person outside the scope on every person route', async () => {
    const officer = sessions.get('unit_officer')!; // commune A; Cường lives in commune B
    const learner = sessions.get('learner')!; // Bình; An is someone else
    const personRoutes = app.routeAccess.filter((r) => r.url.startsWith('/api/v1/people/:id'));
    expect(personRoutes.length).toBeGreaterThan(5);
    for (const route of personRoutes) {
      for (const [who, session, target] of [
        ['officer', officer, fx.people.cuong],
        ['learner', learner, fx.people.an],
      ] as const) {
        const allowed = route.access === 'authenticated' || ROLE_PERMISSIONS[who === 'officer' ? 'unit_officer' : 'learner'].includes(route.access as never);
        if (!allowed) continue;
        const res = await app.inject({ method: route.method as 'GET', url: fill(route.url, target), headers: as(session), payload: validBody(route.url) });
        expect(res.statusCode, `${route.method} ${route.url} as ${who}: ${res.body}`).toBe(404);
      }
    }
  });

  it('lets a learner read their own profile only', async () => {
    const learner = sessions.get('learner')!;
    expect((await app.inject({ url: `/api/v1/people/${fx.people.binh}`, headers: as(learner) })).statusCode).toBe(200);
    const list = (await app.inject({ url: '/api/v1/people', headers: as(learner) })).json();
    expect(list.items.map((p: { id: number }) => p.id)).toEqual([fx.people.binh]);
  });

  it('answers 404 for a unit outside the scope', async () => {
    const officer = sessions.get('unit_officer')!;
    expect((await app.inject({ url: `/api/v1/units/${fx.units.communeB}`, headers: as(officer) })).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/v1/units?parentId=${fx.units.root}`, headers: as(officer) })).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/v1/people?unitId=${fx.units.communeB}`, headers: as(officer) })).statusCode).toBe(404);
    const roots = (await app.inject({ url: '/api/v1/units', headers: as(officer) })).json();
    expect(roots.items.map((u: { id: number }) => u.id)).toEqual([fx.units.communeA]);
  });
});

/** A body that passes validation for each write route, so only scope decides the answer. */
function validBody(url: string): Record<string, unknown> | undefined {
  if (url.endsWith('/qualifications')) return { kind: 'education', level: 'dai_hoc' };
  if (url.endsWith('/assignments')) return { unitId: fx.units.communeA, startedOn: '2020-01-01', reason: 'appointment' };
  if (url.endsWith('/planning-entries')) return { titleId: 1, term: '2025-2030' };
  if (url.endsWith('/appraisals')) return { year: 2023, classification: 'good' };
  if (url === '/api/v1/people/:id')
    return {
      fullName: 'Trần Văn Cường', citizenId: '008075000003', birthDate: '1975-07-07', gender: 'male', ethnicityCode: '01',
      category: 'cong_chuc', unitId: fx.units.communeA, version: 1,
    };
  return undefined;
}
