import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Db } from '@nang-tam/db';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, seedFixture, type Fixture, type Session } from '../../../../tests/support/fixtures.js';
import { insertTrainingClass } from '../../../../tests/support/learners.js';

/**
 * Lecturers' rates changed in the app (issue 11 point 2, decision 0063): a new amount from a date,
 * a correction, a new category; estimates read the rate in force on the class's first day, and an
 * estimate already saved keeps the amount it used.
 */
let db: Db;
let app: FastifyInstance;
let fx: Fixture;
const USERS = ['board', 'registrar', 'officerA', 'lecturer'] as const;
type Who = (typeof USERS)[number];
const s = {} as Record<Who, Session>;
let class2026 = 0;
let class2027 = 0;
const modules = [{ code: 'HP1', name: 'Học phần 1', periods: 20 }];

const send = (who: Who, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
  app.inject({ method, url, headers: as(s[who]), payload: payload as object | undefined });

const SOURCE = { code: '06/2023/TT-BTC', title: 'Thông tư sửa đổi, bổ sung Thông tư 36/2018/TT-BTC' };
const rate = (o: Record<string, unknown> = {}) => ({
  category: 'senior',
  label: 'Phó Giáo sư; Tiến sĩ; Giảng viên chính',
  amount: 1_500_000,
  per: 'session',
  source: SOURCE,
  period: { from: '2027-01-01', to: null },
  ...o,
});
const estimate = (version: number | null) => ({ version, lecturers: [{ rateCategory: 'senior', sessions: 10 }], learners: 1, supportPerLearner: 0, venue: 0, materials: 0, other: 0 });
const lecturerFee = (b: { estimate: { items: { category: string; unitAmount: number }[] } }) => b.estimate.items.find((i) => i.category === 'lecturers')!.unitAmount;
type Item = { category: string; version: number; amount: number; effectiveFrom: string; effectiveTo: string | null; supersededBy: number | null };
const versionsOf = (list: { items: Item[] }, category: string) =>
  list.items.filter((i) => i.category === category).map((i) => [i.version, i.amount, i.effectiveFrom, i.effectiveTo, i.supersededBy]);
const count = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM lecturer_rates')).rows[0]!.n;

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  app = await buildTestApp(db);
  for (const u of USERS) s[u] = await loginAs(app, u);
  class2026 = (await insertTrainingClass(db, { organiserUnitId: fx.units.department, cohortCode: 'TL-1', startDate: '2026-10-01', endDate: '2026-12-30', modules })).id;
  class2027 = (await insertTrainingClass(db, { organiserUnitId: fx.units.department, cohortCode: 'TL-2', startDate: '2027-02-01', endDate: '2027-05-30', modules })).id;
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe("lecturers' rates", () => {
  it('lists the shipped rates with their source; only the board and home affairs may add one', async () => {
    const board = await send('board', 'GET', '/api/v1/lecturer-rates');
    expect(board.statusCode, board.body).toBe(200);
    expect(versionsOf(board.json(), 'senior')).toEqual([[1, 1_200_000, '2018-05-15', null, null]]);
    expect(board.json().items.every((i: { source: { code: string } }) => i.source.code === '36/2018/TT-BTC')).toBe(true);
    expect(board.json().actions).toEqual(['create']);
    const registrar = await send('registrar', 'GET', '/api/v1/lecturer-rates');
    expect(registrar.statusCode, registrar.body).toBe(200);
    expect(registrar.json().actions).toEqual([]);
    expect((await send('registrar', 'POST', '/api/v1/lecturer-rates', rate())).statusCode).toBe(403);
    expect((await send('lecturer', 'GET', '/api/v1/lecturer-rates')).statusCode).toBe(403);
  });

  it('a new amount from a date closes the one in use the day before, audited; estimates read the rate of their first day', async () => {
    const res = await send('board', 'POST', '/api/v1/lecturer-rates', rate());
    expect(res.statusCode, res.body).toBe(200);
    expect(versionsOf(res.json(), 'senior')).toEqual([
      [1, 1_200_000, '2018-05-15', '2026-12-31', null],
      [2, 1_500_000, '2027-01-01', null, null],
    ]);
    const audit = await db.query<{ action: string; before: { amount: string }; after: { amount: string } }>("SELECT action, before, after FROM audit_log WHERE entity = 'lecturer_rate'");
    expect(audit.rows.map((r) => [r.action, r.before.amount, r.after.amount])).toEqual([['add_version', '1200000', '1500000']]);

    const old = await send('registrar', 'PUT', `/api/v1/classes/${class2026}/budget/estimate`, estimate(null));
    expect(old.statusCode, old.body).toBe(200);
    expect(lecturerFee(old.json())).toBe(1_200_000);
    const next = await send('registrar', 'PUT', `/api/v1/classes/${class2027}/budget/estimate`, estimate(null));
    expect(next.statusCode, next.body).toBe(200);
    expect(lecturerFee(next.json())).toBe(1_500_000);
  });

  it('a correction replaces a version over its period; the estimate already saved keeps its amount, a new one reads the correction', async () => {
    const res = await send('board', 'POST', '/api/v1/lecturer-rates', rate({ amount: 1_400_000, corrects: 2 }));
    expect(res.statusCode, res.body).toBe(200);
    expect(versionsOf(res.json(), 'senior')).toEqual([
      [1, 1_200_000, '2018-05-15', '2026-12-31', null],
      [2, 1_500_000, '2027-01-01', null, 3],
      [3, 1_400_000, '2027-01-01', null, null],
    ]);
    expect(lecturerFee((await send('registrar', 'GET', `/api/v1/classes/${class2027}/budget`)).json())).toBe(1_500_000);
    const again = await send('registrar', 'PUT', `/api/v1/classes/${class2027}/budget/estimate`, estimate(1));
    expect(again.statusCode, again.body).toBe(200);
    expect(lecturerFee(again.json())).toBe(1_400_000);
  });

  it('a new category gets its first version', async () => {
    const res = await send('board', 'POST', '/api/v1/lecturer-rates', rate({ category: 'foreign_expert', label: 'Chuyên gia nước ngoài', amount: 3_000_000, period: { from: '2026-01-01', to: null } }));
    expect(res.statusCode, res.body).toBe(200);
    expect(versionsOf(res.json(), 'foreign_expert')).toEqual([[1, 3_000_000, '2026-01-01', null, null]]);
  });

  it.each<[string, Record<string, unknown>, number, string, string]>([
    ['a zero amount', { amount: 0, period: { from: '2028-01-01', to: null } }, 422, 'LECTURER_RATE_INVALID', 'amount'],
    ['a negative amount', { amount: -1 }, 400, 'VALIDATION_FAILED', 'amount'],
    ['a fractional amount', { amount: 1.5 }, 400, 'VALIDATION_FAILED', 'amount'],
    ['no source document', { source: { code: '', title: 'x' } }, 400, 'VALIDATION_FAILED', 'source.code'],
    ['a category code with accents', { category: 'giảng_viên' }, 400, 'VALIDATION_FAILED', 'category'],
    ['a date inside the period of the rate in use', { period: { from: '2020-01-01', to: null } }, 409, 'LECTURER_RATE_OVERLAP', 'period'],
    ['a correction of an unknown version', { corrects: 9 }, 400, 'VALIDATION_FAILED', 'corrects'],
  ])('refuses %s, nothing changed', async (_, patch, status, code, field) => {
    const before = await count();
    const res = await send('board', 'POST', '/api/v1/lecturer-rates', rate(patch));
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().error.code).toBe(code);
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(field);
    expect(res.json().error.message).toMatch(/[àáảãạăâđêôơư]/);
    expect(await count()).toBe(before);
  });
});
