import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Db } from '@nang-tam/db';
import { createTestDb } from '../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, seedFixture } from '../../../tests/support/fixtures.js';

let db: Db;
let app: FastifyInstance;

beforeAll(async () => {
  db = await createTestDb();
  await seedFixture(db);
  app = await buildTestApp(db, { loginRateLimit: 3 });
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('the HTTP edge', () => {
  it('publishes an OpenAPI document with the people routes and their schemas', async () => {
    const res = await app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/people', '/api/v1/people/{id}', '/api/v1/auth/login', '/api/health']));
    const params = doc.paths['/api/v1/people'].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(expect.arrayContaining(['q', 'unitId', 'ageBand', 'politicalTheoryLevel', 'plannedTitleId', 'limit', 'offset']));
    expect((await app.inject({ url: '/api/docs' })).statusCode).toBeLessThan(400);
  });

  it('rate-limits login attempts per address and account', async () => {
    const attempt = () => app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'noivu', password: 'wrong' } });
    for (let i = 0; i < 3; i += 1) expect((await attempt()).statusCode).toBe(401);
    const limited = await attempt();
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/thử lại/) });
    // another account from the same address is not locked out
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'board', password: 'wrong' } })).statusCode).toBe(401);
  });

  it('answers unknown API paths with the JSON error shape', async () => {
    const res = await app.inject({ url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'Không tìm thấy dữ liệu.', details: [] } });
  });

  it('refuses an over-large JSON body and a wrong content type', async () => {
    const s = await loginAs(app, 'board');
    const big = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: { ...as(s), 'content-type': 'application/json' },
      payload: JSON.stringify({ fullName: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const xml = await app.inject({ method: 'POST', url: '/api/v1/people', headers: { ...as(s), 'content-type': 'application/xml' }, payload: '<a/>' });
    expect(xml.statusCode).toBe(415);
    expect(xml.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});
