import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Role } from '@nang-tam/domain';
import type { Db } from '@nang-tam/db';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, PASSWORD, seedFixture } from '../../../../tests/support/fixtures.js';
import { homePathOf } from '../auth/home.js';

/** The session names each role's first screen: its daily work, decided by the server. */
let db: Db;
let app: FastifyInstance;

beforeAll(async () => {
  db = await createTestDb();
  await seedFixture(db);
  app = await buildTestApp(db);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('the first screen of each role', () => {
  it.each<[string, Role, string]>([
    ['board', 'province_board', '/people'],
    ['noivu', 'home_affairs', '/people'],
    ['sysadmin', 'system_admin', '/people'],
    ['registrar', 'school_registrar', '/classes'],
    ['officerA', 'unit_officer', '/my-learners'],
    ['lecturer', 'lecturer', '/teaching'],
    ['learner', 'learner', '/learning'],
  ])('%s (%s) lands on %s, in the login answer and in /auth/me', async (username, role, home) => {
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: PASSWORD } });
    expect(login.statusCode).toBe(200);
    expect(login.json()).toMatchObject({ role, home });
    const session = await loginAs(app, username);
    const me = (await app.inject({ url: '/api/v1/auth/me', headers: as(session) })).json();
    expect(me).toMatchObject({ role, home });
  });

  it('a role whose page its permissions do not allow falls back to a page they do', () => {
    expect(homePathOf({ role: 'unit_officer', permissions: ['people.read'] })).toBe('/people');
    expect(homePathOf({ role: 'school_registrar', permissions: [] })).toBe('/learning');
    expect(homePathOf({ role: 'lecturer', permissions: ['classes.read'] })).toBe('/teaching');
  });
});
