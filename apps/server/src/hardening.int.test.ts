import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Db } from '@nang-tam/db';
import { createTestDb } from '../../../tests/support/test-db.js';
import { PASSWORD, as, buildTestApp, loginAs, seedFixture, type Fixture, type Session } from '../../../tests/support/fixtures.js';
import { insertClass } from '../../../tests/support/classes.js';
import { multipart, peopleFile, personRow } from '../../../tests/support/jobs.js';

/** The reproductions of issue 12 (bad input answering 500, the login limit's bypasses, unaudited exports and logins). */
let db: Db;
let app: FastifyInstance;
let fx: Fixture;
let board: Session;
let classId: number;

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  classId = await insertClass(db, { organiserUnitId: fx.units.department });
  app = await buildTestApp(db);
  board = await loginAs(app, 'board');
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const auditCount = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log')).rows[0]!.n;
const detailsOf = (res: { json: () => unknown }) =>
  (res.json() as { error: { code: string; details: Array<{ path: string; code: string }> } }).error;

describe('ids are strict positive integers that fit the integer columns', () => {
  it.each(['0x10', '1e1', '2147483648', '9007199254740991', '0', '-1', '+16', '16.0', '%2016'])(
    'GET /people/%s is a 400 on the field "id"',
    async (id) => {
      const res = await app.inject({ url: `/api/v1/people/${id}`, headers: as(board) });
      expect(res.statusCode).toBe(400);
      expect(detailsOf(res)).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'id' }] });
    },
  );

  it('still finds a person by a plain id, and the largest id is a clean "not found"', async () => {
    expect((await app.inject({ url: `/api/v1/people/${fx.people.an}`, headers: as(board) })).statusCode).toBe(200);
    const max = await app.inject({ url: '/api/v1/people/2147483647', headers: as(board) });
    expect(max.statusCode).toBe(404);
  });

  it('refuses an id past the integer range in a body and in a query string', async () => {
    const body = await app.inject({
      method: 'POST',
      url: `/api/v1/classes/${classId}/nominations`,
      headers: as(board),
      payload: { personId: 9_007_199_254_740_991 },
    });
    expect(body.statusCode).toBe(400);
    expect(detailsOf(body).details).toEqual([expect.objectContaining({ path: 'personId', code: 'OUT_OF_RANGE' })]);
    const query = await app.inject({ url: '/api/v1/classes?organiserUnitId=2147483648', headers: as(board) });
    expect(query.statusCode).toBe(400);
    expect(detailsOf(query).details[0]).toMatchObject({ path: 'organiserUnitId' });
  });
});

describe('a NUL byte or a broken character in any text is a 400 on its field', () => {
  it('before login', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'a\u0000b', password: 'x' } });
    expect(res.statusCode).toBe(400);
    expect(detailsOf(res).details).toEqual([
      expect.objectContaining({ path: 'username', code: 'INVALID_CHARACTER', message: expect.stringMatching(/ký tự/) }),
    ]);
  });

  it('in a search', async () => {
    const res = await app.inject({ url: '/api/v1/people?q=%00', headers: as(board) });
    expect(res.statusCode).toBe(400);
    expect(detailsOf(res).details).toEqual([expect.objectContaining({ path: 'q', code: 'INVALID_CHARACTER' })]);
  });

  it('in text bound for a JSON column (a conduct report, an export filter), and nothing is written', async () => {
    const before = await auditCount();
    const report = await app.inject({
      method: 'PUT',
      url: '/api/v1/enrolments/1/conduct-report',
      headers: { ...as(board), 'content-type': 'application/json' },
      payload: `{"satisfactory": true, "conduct": "Tốt \\ud800", "discipline": "Tốt"}`,
    });
    expect(report.statusCode).toBe(400);
    expect(detailsOf(report).details).toEqual([expect.objectContaining({ path: 'conduct', code: 'INVALID_CHARACTER' })]);
    const exported = await app.inject({ method: 'POST', url: '/api/v1/exports/people', headers: as(board), payload: { q: 'An\u0000' } });
    expect(exported.statusCode).toBe(400);
    expect(detailsOf(exported).details).toEqual([expect.objectContaining({ path: 'q', code: 'INVALID_CHARACTER' })]);
    expect(await auditCount()).toBe(before);
    expect((await db.query('SELECT 1 FROM jobs')).rows).toEqual([]);
  });

  it("cleans an upload's file name of NUL and control characters before it is stored", async () => {
    const m = multipart('danh\u0000sách\u0007.xlsx', await peopleFile([personRow()]));
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/imports/people',
      headers: { ...as(board), ...m.headers },
      payload: m.payload,
    });
    expect(res.statusCode).toBe(202);
    const row = (await db.query<{ params: { fileName: string } }>('SELECT params FROM jobs WHERE id = $1', [res.json().id])).rows[0]!;
    expect(row.params.fileName).toBe('danhsách.xlsx');
  });
});

describe('malformed multipart is a 400', () => {
  const routes = () => ['/api/v1/imports/people', `/api/v1/classes/${classId}/nominations/bulk`];
  it('without a boundary', async () => {
    for (const url of routes()) {
      const res = await app.inject({
        method: 'POST',
        url,
        headers: { ...as(board), 'content-type': 'multipart/form-data' },
        payload: '--x\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\n\r\nPK\r\n--x--\r\n',
      });
      expect(res.statusCode, url).toBe(400);
      expect(detailsOf(res)).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'file' }] });
    }
  });

  it('cut off in the middle', async () => {
    for (const url of routes()) {
      const m = multipart('a.xlsx', Buffer.from('PK\u0003\u0004 and then nothing'));
      const truncated = m.payload.subarray(0, m.payload.length - 20);
      const res = await app.inject({ method: 'POST', url, headers: { ...as(board), ...m.headers }, payload: truncated });
      expect(res.statusCode, url).toBe(400);
      expect(detailsOf(res).code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('exports of personal data and logins are audited', () => {
  it('records who exported which list, and who downloaded the file', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/exports/people',
      headers: as(board),
      payload: { unitId: String(fx.units.communeA) },
    });
    expect(res.statusCode).toBe(202);
    const audit = await db.query<{
      actor_name: string;
      action: string;
      entity_id: string;
      after: { kind: string; params: { unitId: number } };
    }>("SELECT actor_name, action, entity_id, after FROM audit_log WHERE entity = 'job' AND action = 'export'");
    expect(audit.rows).toEqual([
      {
        actor_name: 'board',
        action: 'export',
        entity_id: String(res.json().id),
        after: { kind: 'people_export', params: expect.objectContaining({ unitId: fx.units.communeA }) },
      },
    ]);
  });

  it('records a successful and a failed login, with the address and without the password', async () => {
    await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: ' NoiVu ', password: 'Sai-mat-khau-1' } });
    await loginAs(app, 'noivu');
    const rows = await db.query<{ action: string; actor_name: string; actor_id: number | null; after: unknown; before: unknown }>(
      "SELECT action, actor_name, actor_id, before, after FROM audit_log WHERE entity = 'session' AND actor_name = 'noivu' ORDER BY id",
    );
    expect(rows.rows).toEqual([
      { action: 'login_failed', actor_name: 'noivu', actor_id: fx.users.noivu!.id, before: null, after: { address: '127.0.0.1' } },
      { action: 'login', actor_name: 'noivu', actor_id: fx.users.noivu!.id, before: null, after: { address: '127.0.0.1' } },
    ]);
    const all = JSON.stringify((await db.query('SELECT * FROM audit_log')).rows);
    expect(all).not.toContain('Sai-mat-khau-1');
    expect(all).not.toContain(PASSWORD);
  });
});

describe('the login limit', () => {
  let limited: FastifyInstance;
  let secondNode: FastifyInstance;
  beforeAll(async () => {
    // two app instances on one database: two nodes behind a balancer
    limited = await buildTestApp(db, { loginRateLimit: 3, loginAddressRateLimit: 6 });
    secondNode = await buildTestApp(db, { loginRateLimit: 3, loginAddressRateLimit: 6 });
  });
  afterAll(async () => {
    await limited?.close();
    await secondNode?.close();
    await db.query('DELETE FROM login_failures');
  });
  const attempt = (node: FastifyInstance, username: string, password = 'wrong', address = '10.1.1.1') =>
    node.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress: address });

  it('counts every spelling of one account as one, across nodes', async () => {
    expect((await attempt(limited, ' officerD')).statusCode).toBe(401);
    expect((await attempt(secondNode, 'officerD ')).statusCode).toBe(401);
    expect((await attempt(limited, '\tOFFICERD')).statusCode).toBe(401);
    const refused = await attempt(secondNode, 'officerd\n');
    expect(refused.statusCode).toBe(429);
    expect(detailsOf(refused).code).toBe('RATE_LIMITED');
    // even the right password waits out the window
    expect((await attempt(limited, 'officerD', PASSWORD, '10.9.9.9')).statusCode).toBe(429);
  });

  it('limits one address trying many usernames', async () => {
    const address = '10.2.2.2';
    for (let i = 0; i < 6; i += 1)
      expect((await attempt(i % 2 ? limited : secondNode, `nobody${i}`, 'wrong', address)).statusCode).toBe(401);
    expect((await attempt(limited, 'registrar', PASSWORD, address)).statusCode).toBe(429);
    // another address is not affected
    expect((await attempt(limited, 'registrar', PASSWORD, '10.3.3.3')).statusCode).toBe(200);
  });

  it('does not count successful logins (a shared office computer)', async () => {
    for (let i = 0; i < 8; i += 1)
      expect((await attempt(i % 2 ? limited : secondNode, 'lecturer', PASSWORD, '10.4.4.4')).statusCode).toBe(200);
  });

  it('believes X-Forwarded-For only from a trusted proxy', async () => {
    const behindProxy = await buildTestApp(db, { loginRateLimit: 100, loginAddressRateLimit: 2, trustedProxies: ['127.0.0.1'] });
    const direct = await buildTestApp(db, { loginRateLimit: 100, loginAddressRateLimit: 2 });
    try {
      const via = (node: FastifyInstance, forwarded: string, remoteAddress = '127.0.0.1') =>
        node.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username: `x${Math.random()}`, password: 'wrong' },
          headers: { 'x-forwarded-for': forwarded },
          remoteAddress,
        });
      // behind the proxy, each client is counted on its own address
      for (const client of ['192.0.2.1', '192.0.2.2', '192.0.2.3']) {
        expect((await via(behindProxy, client)).statusCode).toBe(401);
        expect((await via(behindProxy, client)).statusCode).toBe(401);
      }
      expect((await via(behindProxy, '192.0.2.1')).statusCode).toBe(429);
      // a client that is not a trusted proxy cannot pick its address with the header
      expect((await via(direct, '198.51.100.1', '203.0.113.5')).statusCode).toBe(401);
      expect((await via(direct, '198.51.100.2', '203.0.113.5')).statusCode).toBe(401);
      expect((await via(direct, '198.51.100.3', '203.0.113.5')).statusCode).toBe(429);
    } finally {
      await behindProxy.close();
      await direct.close();
    }
  });
});

describe('security headers', () => {
  const expectHardened = (headers: Record<string, unknown>) => {
    expect(headers['content-security-policy']).toMatch(/default-src 'self'.*script-src 'self';.*frame-ancestors 'none'/);
    expect(headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe/);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['referrer-policy']).toBe('no-referrer');
  };

  it('are on API answers, errors and the API documentation, and personal data is never cached', async () => {
    const person = await app.inject({ url: `/api/v1/people/${fx.people.an}`, headers: as(board) });
    expectHardened(person.headers);
    expect(person.headers['cache-control']).toBe('no-store');
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'officerA', password: PASSWORD } });
    expect(login.headers['cache-control']).toBe('no-store');
    const refused = await app.inject({ url: '/api/v1/people/0x10', headers: as(board) });
    expectHardened(refused.headers);
    expect(refused.headers['cache-control']).toBe('no-store');
    const docs = await app.inject({ url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expectHardened(docs.headers);
  });

  it('let the public certificate key be cached for a few minutes', async () => {
    const key = await app.inject({ url: '/api/v1/certificates/public-key' });
    expect(key.statusCode).toBe(200);
    expectHardened(key.headers);
    expect(key.headers['cache-control']).toBe('public, max-age=300');
  });
});
