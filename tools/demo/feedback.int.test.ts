import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@nang-tam/db';
import { createTestDb } from '../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, type Session } from '../../tests/support/fixtures.js';
import { DEMO_PASSWORD } from './accounts.js';
import { seedDemoProvince } from './generate.js';

/** The demo's evaluation after training (decision 0051), as its accounts meet it. */
let db: Db;
let app: FastifyInstance;
const sessions: Record<string, Session> = {};
const progress: string[] = [];
const get = (who: string, url: string) => app.inject({ url, headers: as(sessions[who]!) });

beforeAll(async () => {
  db = await createTestDb();
  await seedDemoProvince(db, { people: 1_500, onProgress: (m) => progress.push(m) });
  app = await buildTestApp(db);
  for (const u of ['truong', 'unit', 'hocvien', 'admin']) sessions[u] = await loginAs(app, u, DEMO_PASSWORD);
}, 180_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('evaluation after training in the demo', () => {
  it('gives the learner an open survey not yet answered, four classmates short of nothing', async () => {
    const mine = (await get('hocvien', '/api/v1/me/surveys')).json();
    const open = mine.items.find((s: { state: string }) => s.state === 'open');
    expect(open).toMatchObject({ answered: false });
    const school = (await get('truong', '/api/v1/reaction/surveys')).json();
    const same = school.items.find((s: { id: number }) => s.id === open.id);
    expect(same.responses).toBe(4);
  });

  it("shows the finished classes' results and the agencies' feedback to the school", async () => {
    const list = (await get('truong', '/api/v1/reaction/surveys?limit=50')).json();
    const closed = list.items.filter((s: { state: string }) => s.state === 'closed');
    expect(closed.length).toBeGreaterThanOrEqual(3);
    const first = (await get('truong', `/api/v1/classes/${closed[0].classId}/survey`)).json();
    expect(first.results.responses).toBeGreaterThan(0);
    const results = (await get('admin', '/api/v1/agency-feedback/results?groupBy=class')).json();
    expect(results.rows.some((r: { milestones: { submitted: number }[] }) => r.milestones[0]!.submitted > 0)).toBe(true);
    expect(progress.some((m) => m.startsWith('evaluation: '))).toBe(true);
  });

  it('gives the unit officer 6-month feedback due, submitted ones and overdue ones elsewhere', async () => {
    const owed = (await get('unit', '/api/v1/agency-feedback?status=due')).json();
    expect(owed.items.length).toBeGreaterThan(0);
    expect(owed.items.every((i: { milestone: number; actions: string[] }) => i.milestone === 6 && i.actions.includes('submit'))).toBe(true);
    expect((await get('unit', '/api/v1/agency-feedback?status=submitted')).json().total).toBeGreaterThan(0);
    expect((await get('admin', '/api/v1/agency-feedback?status=overdue')).json().total).toBeGreaterThan(0);
  });
});
