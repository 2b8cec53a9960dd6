import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInVietnam } from '@nang-tam/domain';
import type { Db } from '@nang-tam/db';
import { createTestDb } from '../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, type Session } from '../../tests/support/fixtures.js';
import { DEMO_PASSWORD } from './accounts.js';
import { seedDemoProvince } from './generate.js';

/** Issue 9 wired in the demo province (decision 0035): outside training in plan against actual, next year's plan from needs. */
const today = todayInVietnam();
const year = Number(today.slice(0, 4));
let db: Db;
let app: FastifyInstance;
let admin: Session;
const progress: string[] = [];

beforeAll(async () => {
  db = await createTestDb();
  await seedDemoProvince(db, { people: 1_500, onProgress: (m) => progress.push(m) });
  app = await buildTestApp(db);
  admin = await loginAs(app, 'admin', DEMO_PASSWORD);
}, 180_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('the demo plans and outside training', () => {
  it('links every planned outside record of last year and this year to a line of people sent; the rest stay outside the plan', async () => {
    const rows = (
      await db.query<{ plan_line_id: number | null; outside_plan: boolean; status: string; y: number; classes: number | null }>(
        `SELECT o.plan_line_id, o.outside_plan, o.status, extract(year FROM o.start_date)::int AS y,
           (SELECT lv.classes FROM plan_line_versions lv WHERE lv.line_id = o.plan_line_id LIMIT 1) AS classes
         FROM outside_trainings o`,
      )
    ).rows;
    const planned = rows.filter((r) => !r.outside_plan && !['refused', 'withdrawn'].includes(r.status) && (r.y === year || r.y === year - 1));
    expect(planned.length).toBeGreaterThan(0);
    expect(planned.every((r) => r.plan_line_id !== null && r.classes === 0)).toBe(true);
    expect(rows.some((r) => r.outside_plan)).toBe(true);
    expect(progress.some((m) => m.startsWith('plan wiring: '))).toBe(true);
  });

  it('shows this year’s people sent outside in plan against actual, with their records in the drill-down', async () => {
    const r = (await app.inject({ url: `/api/v1/plans/annual/${year}/realisation?asOf=${year}-12-31`, headers: as(admin) })).json();
    const sent = r.lines.filter((l: { line: { classes: number } }) => l.line.classes === 0);
    expect(sent.length).toBeGreaterThan(0);
    const counted = sent.filter((l: { figures: { doneLearners: number } }) => l.figures.doneLearners > 0);
    expect(counted.length).toBeGreaterThan(0);
    expect(counted.every((l: { figures: { doneClasses: number } }) => l.figures.doneClasses === 0)).toBe(true);
    const drill = (await app.inject({ url: `/api/v1/plans/annual/${year}/realisation/drill?asOf=${year}-12-31&row=${counted[0].row}&measure=done`, headers: as(admin) })).json();
    expect(drill.outside.length).toBe(counted[0].figures.doneLearners);
    expect(drill.outside[0].person.fullName.length).toBeGreaterThan(3);
  });

  it('has next year’s plan as a draft whose lines came from this year’s needs campaign', async () => {
    const plan = (await app.inject({ url: `/api/v1/plans/annual/${year + 1}`, headers: as(admin) })).json();
    expect(plan.versions).toHaveLength(1);
    expect(plan.versions[0].status).toBe('draft');
    const v = (await app.inject({ url: `/api/v1/plans/versions/${plan.versions[0].id}`, headers: as(admin) })).json();
    expect(v.lines.length).toBeGreaterThan(0);
    expect(v.lines.every((l: { note: string | null }) => (l.note ?? '').startsWith('Từ nhu cầu: '))).toBe(true);
  });
});
