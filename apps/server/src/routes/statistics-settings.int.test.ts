import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { statisticsRepo, type Db } from '@nang-tam/db';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, seedFixture, type Session } from '../../../../tests/support/fixtures.js';

/**
 * The statistics' "young" age limit through the API (decision 0057): readers of statistics see the
 * version in force and the history; the board and the administrator add a version from a date with
 * its source (audited), which the statistics then read; bad input is refused with its field.
 */
let db: Db;
let app: FastifyInstance;
const s = {} as Record<'board' | 'sysadmin' | 'officerA' | 'lecturer', Session>;
const URL = '/api/v1/statistics/settings/young';
const post = (who: keyof typeof s, payload: unknown) => app.inject({ method: 'POST', url: URL, headers: as(s[who]), payload: payload as object });
const count = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM statistics_settings')).rows[0]!.n;

beforeAll(async () => {
  db = await createTestDb();
  await seedFixture(db);
  app = await buildTestApp(db);
  for (const u of ['board', 'sysadmin', 'officerA', 'lecturer'] as const) s[u] = await loginAs(app, u);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('the young age limit', () => {
  it('shows the shipped limit with its source; only the board and the administrator may change it', async () => {
    const board = (await app.inject({ url: URL, headers: as(s.board) })).json();
    expect(board.current).toMatchObject({ underAge: 35, validFrom: '1900-01-01' });
    expect(board.current.source).toMatch(/dưới 35 tuổi/);
    expect(board.canChange).toBe(true);
    const officer = await app.inject({ url: URL, headers: as(s.officerA) });
    expect(officer.statusCode).toBe(200);
    expect(officer.json().canChange).toBe(false);
    expect((await post('officerA', { underAge: 30, validFrom: '2026-01-01', source: 'x' })).statusCode).toBe(403);
    expect((await app.inject({ url: URL, headers: as(s.lecturer) })).statusCode).toBe(403);
  });

  it.each([
    ['an age under 16', { underAge: 10, validFrom: '2026-01-01', source: 'Căn cứ' }, 'underAge'],
    ['an age over 60', { underAge: 70, validFrom: '2026-01-01', source: 'Căn cứ' }, 'underAge'],
    ['no source', { underAge: 30, validFrom: '2026-01-01', source: '   ' }, 'source'],
    ['a date that is not one', { underAge: 30, validFrom: '2026-02-30', source: 'Căn cứ' }, 'validFrom'],
  ])('refuses %s with its field, and writes nothing', async (_, body, path) => {
    const before = await count();
    const res = await post('board', body);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    expect(await count()).toBe(before);
  });

  it('adds a version from a date with an audit record; the statistics read it from that date on', async () => {
    const source = 'Chỉ thị 35-CT/TW ngày 30/5/2019 của Bộ Chính trị (cấp ủy viên trẻ) — áp dụng thử';
    const res = await post('sysadmin', { underAge: 40, validFrom: '2026-01-01', source });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().versions.map((v: { underAge: number; validFrom: string }) => [v.validFrom, v.underAge])).toEqual([
      ['2026-01-01', 40],
      ['1900-01-01', 35],
    ]);
    expect(res.json().versions[0]).toMatchObject({ source, createdBy: 'sysadmin' });
    const audit = await db.query("SELECT action, after FROM audit_log WHERE entity = 'statistics_setting'");
    expect(audit.rows).toEqual([{ action: 'create', after: { youngUnderAge: 40, validFrom: '2026-01-01', source } }]);
    expect((await statisticsRepo.youngSetting(db, '2026-06-30'))?.underAge).toBe(40);
    expect((await statisticsRepo.youngSetting(db, '2025-12-31'))?.underAge).toBe(35);
  });

  it('refuses a second version from the same date (409, with the field), and writes nothing', async () => {
    const before = await count();
    const res = await post('board', { underAge: 30, validFrom: '2026-01-01', source: 'Căn cứ khác' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details[0]).toMatchObject({ path: 'validFrom', code: 'DUPLICATE', message: 'Đã có ngưỡng cán bộ trẻ áp dụng từ ngày 01/01/2026; chọn một ngày khác.' });
    expect(await count()).toBe(before);
  });
});
