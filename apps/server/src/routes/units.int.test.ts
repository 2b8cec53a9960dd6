import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { unitsRepo, type Db } from '@nang-tam/db';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, seedFixture, type Fixture, type Session } from '../../../../tests/support/fixtures.js';

/**
 * The unit tree lists units in existence today; a unit merged away (its last day passed) appears
 * only when historical units are asked for, and a parent counts only the children it would list.
 */
let db: Db;
let app: FastifyInstance;
let fx: Fixture;
let board: Session;

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  app = await buildTestApp(db);
  board = await loginAs(app, 'board');
  await unitsRepo.insertUnits(db, [
    { code: 'HG_OLD', name: 'Xã Hà Giang Cũ', kind: 'commune', parentCode: 'T99', validFrom: '2000-01-01', validTo: '2025-06-30' },
    { code: 'HG_OLD_V', name: 'Thôn Cũ Một', kind: 'other', parentCode: 'HG_OLD', validTo: '2025-06-30' },
    { code: 'SYT_OLD', name: 'Phòng Y tế Cũ', kind: 'department', parentCode: 'SYT', validTo: '2025-06-30' },
  ]);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

type U = { id: number; name: string; childCount: number; validTo: string | null };
const list = async (query: string): Promise<U[]> => {
  const res = await app.inject({ url: `/api/v1/units?${query}`, headers: as(board) });
  expect(res.statusCode).toBe(200);
  return res.json().items;
};

describe('GET /api/v1/units: historical units only when asked', () => {
  it('the children of a province are the live units; merged-away ones only with historical=true', async () => {
    const live = await list(`parentId=${fx.units.root}`);
    expect(live.map((u) => u.name)).not.toContain('Xã Hà Giang Cũ');
    expect(live.map((u) => u.name)).toEqual(expect.arrayContaining(['Xã Minh Quang', 'Phường Hà Giang 1', 'Sở Y tế']));
    const all = await list(`parentId=${fx.units.root}&historical=true`);
    const old = all.find((u) => u.name === 'Xã Hà Giang Cũ');
    expect(old).toMatchObject({ validTo: '2025-06-30', childCount: 1 });
    expect(all.length).toBe(live.length + 1);
  });

  it('a live unit counts only its live children unless historical units are asked for', async () => {
    const live = await list(`parentId=${fx.units.root}`);
    const all = await list(`parentId=${fx.units.root}&historical=true`);
    expect(live.find((u) => u.id === fx.units.department)?.childCount).toBe(0);
    expect(all.find((u) => u.id === fx.units.department)?.childCount).toBe(1);
    expect(await list(`parentId=${fx.units.department}`)).toEqual([]);
    expect((await list(`parentId=${fx.units.department}&historical=true`)).map((u) => u.name)).toEqual(['Phòng Y tế Cũ']);
  });

  it('searching finds a merged-away unit only with historical=true', async () => {
    expect((await list('q=ha giang')).map((u) => u.name)).toEqual(['Phường Hà Giang 1']);
    expect((await list('q=ha giang&historical=true')).map((u) => u.name).sort()).toEqual(['Phường Hà Giang 1', 'Xã Hà Giang Cũ']);
  });

  it('an unknown value of historical is refused', async () => {
    const res = await app.inject({ url: `/api/v1/units?parentId=${fx.units.root}&historical=yes`, headers: as(board) });
    expect(res.statusCode).toBe(400);
  });
});
