import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { todayInVietnam } from '@nang-tam/domain';
import type { Db } from '@nang-tam/db';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, seedFixture, type Fixture, type Session } from '../../../../tests/support/fixtures.js';
import { addDays, insertTrainingClass } from '../../../../tests/support/learners.js';

/**
 * Issue 14, point 6: a class whose list is locked and whose dates include today shows as under way
 * ("Đang học"), not as "Đã khóa danh sách"; the server decides it from the status, dates and today.
 */
let db: Db;
let app: FastifyInstance;
let fx: Fixture;
let registrar: Session;
const ids: Record<string, number> = {};

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  app = await buildTestApp(db);
  registrar = await loginAs(app, 'registrar');
  const today = todayInVietnam();
  const classes: [string, string, string, string][] = [
    ['open', 'open', addDays(today, 10), addDays(today, 60)],
    ['locked', 'closed', addDays(today, 3), addDays(today, 60)],
    ['underway', 'closed', addDays(today, -10), addDays(today, 20)],
    ['lastday', 'closed', addDays(today, -30), today],
    ['ended', 'closed', addDays(today, -60), addDays(today, -1)],
    ['graduated', 'finished', addDays(today, -90), addDays(today, -30)],
  ];
  for (const [key, status, startDate, endDate] of classes) {
    const c = await insertTrainingClass(db, { organiserUnitId: fx.units.root, cohortCode: `ST-${key}`, startDate, endDate, modules: [] });
    await db.query('UPDATE classes SET status = $1 WHERE id = $2', [status, c.id]);
    ids[key] = c.id;
  }
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('displayStatus of a class', () => {
  it.each<[string, string, string]>([
    ['open', 'open', 'taking nominations'],
    ['locked', 'closed', 'locked, not started'],
    ['underway', 'in_progress', 'locked and under way'],
    ['lastday', 'in_progress', 'on its last day'],
    ['ended', 'awaiting_graduation', 'past its last day, not graduated'],
    ['graduated', 'finished', 'graduated'],
  ])('%s → %s (%s), in the class and in the class board', async (key, shown) => {
    const detail = await app.inject({ url: `/api/v1/classes/${ids[key]}`, headers: as(registrar) });
    expect(detail.statusCode).toBe(200);
    expect(detail.json().displayStatus).toBe(shown);
    const list = await app.inject({ url: '/api/v1/classes?limit=100', headers: as(registrar) });
    expect(list.json().items.find((c: { id: number }) => c.id === ids[key]).displayStatus).toBe(shown);
  });
});
