import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@nang-tam/db';
import { todayInVietnam } from '@nang-tam/domain';
import type { NeedsAggregate, NeedsAnswer, NeedsCampaign, NeedsCampaignDetail } from '@nang-tam/contracts';
import { createTestDb } from '../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, type Session } from '../../tests/support/fixtures.js';
import { DEMO_PASSWORD } from './accounts.js';
import { seedDemoProvince } from './generate.js';

/** The demo's needs campaigns through the API, as the board and the `unit` officer see them on first start. */
let db: Db;
let app: FastifyInstance;
let admin: Session;
let officer: Session;
// the server judges deadlines on the real date: the demo is built on it, as `npm start` does
const TODAY = todayInVietnam();
const YEAR = Number(TODAY.slice(0, 4));

beforeAll(async () => {
  db = await createTestDb();
  await seedDemoProvince(db, { people: 2_000, today: TODAY });
  app = await buildTestApp(db);
  admin = await loginAs(app, 'admin', DEMO_PASSWORD);
  officer = await loginAs(app, 'unit', DEMO_PASSWORD);
}, 180_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('demo needs campaigns', () => {
  it("has last year's campaign closed and this year's open, past its deadline, most units answered and a few late", async () => {
    const list: NeedsCampaign[] = (await app.inject({ url: '/api/v1/needs/campaigns', headers: as(admin) })).json().items;
    expect(list.map((c) => [c.year, c.status])).toEqual([
      [YEAR + 1, 'open'],
      [YEAR, 'closed'],
    ]);
    for (const c of list) {
      expect(c.submittedUnits / c.requiredUnits).toBeGreaterThan(0.75);
      expect(c.submittedUnits).toBeLessThan(c.requiredUnits);
      expect(c.people).toBeGreaterThan(0);
    }
    const current: NeedsCampaignDetail = (await app.inject({ url: `/api/v1/needs/campaigns/${list[0]!.id}`, headers: as(admin) })).json();
    expect(current.pastDeadline).toBe(true);
    const late = current.units.filter((u) => u.late);
    expect(late.length).toBeGreaterThan(0);
    expect(late.every((u) => u.reminders.length === 2)).toBe(true);
    expect(current.units.filter((u) => u.status === 'returned')).toHaveLength(1);
    const agg: NeedsAggregate = (await app.inject({ url: `/api/v1/needs/campaigns/${current.id}/aggregate`, headers: as(admin) })).json();
    expect(agg.total.people).toBeGreaterThan(100);
    expect(agg.total.named).toBeGreaterThan(0);
    expect(agg.byProgramme.length).toBeGreaterThanOrEqual(4);
    expect(agg.notAnswered.length).toBe(current.requiredUnits - current.submittedUnits);
  });

  it("leaves the unit account's commune drafting, reopened, with its reminders", async () => {
    const list: NeedsCampaign[] = (await app.inject({ url: '/api/v1/needs/campaigns', headers: as(officer) })).json().items;
    expect(list.map((c) => c.myUnits)).toEqual([1, 1]);
    const me = (await app.inject({ url: '/api/v1/auth/me', headers: as(officer) })).json();
    const answer: NeedsAnswer = (
      await app.inject({ url: `/api/v1/needs/campaigns/${list[0]!.id}/answers/${me.unit.id}`, headers: as(officer) })
    ).json();
    expect([answer.status, answer.closedMessage, answer.actions]).toEqual(['draft', null, ['edit', 'submit', 'export']]);
    expect(answer.lines.length).toBeGreaterThan(0);
    expect(answer.reminders.map((r) => r.kind).sort()).toEqual(['after_deadline', 'before_deadline']);
    // the gaps suggestion has people to offer there
    const suggestion = (await app.inject({ url: `/api/v1/needs/campaigns/${list[0]!.id}/answers/${me.unit.id}/suggestion`, headers: as(officer) })).json();
    expect(suggestion.lines.length).toBeGreaterThan(0);
  });
});
