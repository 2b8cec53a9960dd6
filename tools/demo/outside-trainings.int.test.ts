import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInVietnam, training } from '@nang-tam/domain';
import { outsideTrainingsRepo, type Db } from '@nang-tam/db';
import { createTestDb } from '../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, type Session } from '../../tests/support/fixtures.js';
import { DEMO_PASSWORD } from './accounts.js';
import { seedDemoProvince } from './generate.js';

/** The demo province's training outside its classes, as the tables and the demo accounts see it. */
const today = todayInVietnam();
const year = Number(today.slice(0, 4));
let db: Db;
let app: FastifyInstance;
const sessions: Record<string, Session> = {};
const progress: string[] = [];

beforeAll(async () => {
  db = await createTestDb();
  await seedDemoProvince(db, { people: 1_500, onProgress: (m) => progress.push(m) });
  app = await buildTestApp(db);
  for (const u of ['admin', 'noivu', 'unit']) sessions[u] = await loginAs(app, u, DEMO_PASSWORD);
}, 180_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
});

interface Row {
  id: number;
  person_id: number;
  programme_code: string;
  status: string;
  start_date: string;
  end_date: string;
  decision_date: string | null;
  result: string | null;
  result_date: string | null;
  qualification_id: number | null;
}

describe('demo outside trainings', () => {
  it('holds records at every stage, never dated after the reference date', async () => {
    const rows = (
      await db.query<Row>(
        'SELECT id, person_id, programme_code, status, start_date::text, end_date::text, decision_date::text, result, result_date::text, qualification_id FROM outside_trainings ORDER BY id',
      )
    ).rows;
    expect(rows.length).toBe(10);
    expect(progress.some((m) => m.startsWith('outside trainings: 10'))).toBe(true);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['completed', 'sent', 'approved', 'proposed', 'refused']));
    for (const r of rows) {
      if (r.decision_date) {
        expect(r.decision_date <= r.start_date && r.decision_date <= today, `decision of ${r.id}`).toBe(true);
      }
      if (r.result_date) expect(r.result_date >= r.end_date && r.result_date <= today, `result of ${r.id}`).toBe(true);
      for (const o of rows)
        if (o.id < r.id && o.person_id === r.person_id && o.programme_code === r.programme_code)
          expect(
            training.periodsOverlap({ startDate: o.start_date, endDate: o.end_date }, { startDate: r.start_date, endDate: r.end_date }),
          ).toBe(false);
    }
  });

  it('overrides only rules of standing, never "already holds it"', async () => {
    const rows = (
      await db.query<{ eligibility: { outcome: string; rules: { kind: string; outcome: string }[] }; override_reason: string | null }>(
        'SELECT eligibility, override_reason FROM outside_trainings',
      )
    ).rows;
    for (const r of rows) {
      if (r.eligibility.outcome === 'eligible') expect(r.override_reason).toBeNull();
      else {
        expect(r.override_reason).not.toBeNull();
        expect(r.eligibility.rules.filter((x) => x.outcome === 'fail').map((x) => x.kind)).not.toContain('not_already_holding');
      }
    }
  });

  it('wrote the graduates’ qualifications into the registry', async () => {
    const q = (
      await db.query<{ kind: string; level: string; source: string; holds: string | null }>(
        `SELECT q.kind, q.level, q.source, CASE q.kind WHEN 'political_theory' THEN p.political_theory_level WHEN 'education' THEN p.education_level END AS holds
       FROM outside_trainings o JOIN qualifications q ON q.id = o.qualification_id JOIN people p ON p.id = o.person_id`,
      )
    ).rows;
    expect(q.length).toBe(3);
    expect(q.map((x) => x.level).sort()).toEqual(['cao_cap', 'cao_cap', 'thac_si']);
    for (const x of q) {
      expect(x.source).toBe('graduated');
      expect(x.holds).not.toBeNull();
    }
  });

  it('counts this year’s person-times, with carried-over study', async () => {
    const counts = await outsideTrainingsRepo.countOutsideTrainingsByYear(db, { kind: 'subtree', unitPath: '/' }, year);
    expect(counts.reduce((n, r) => n + r.carried_over, 0)).toBeGreaterThanOrEqual(2);
  });

  it('shows the unit officer the records of their commune, and the board all of them', async () => {
    const unit = (await app.inject({ url: '/api/v1/outside-trainings', headers: as(sessions.unit!) })).json();
    expect(unit.total).toBeGreaterThanOrEqual(3);
    const all = (await app.inject({ url: '/api/v1/outside-trainings', headers: as(sessions.admin!) })).json();
    expect(all.total).toBe(10);
    expect(all.institutions).toContain('Học viện Chính trị quốc gia Hồ Chí Minh');
    const abroad = all.items.find((x: { country: string | null }) => x.country !== null);
    expect(abroad).toMatchObject({ country: 'Úc', approver: 'home_affairs' });
  });
});

describe('service commitments and reimbursement in the demo (issue 11 point 3)', () => {
  it("opens one agreed case for the master's graduate who resigned, with the prorated amount", async () => {
    expect(progress.some((m) => m.includes('reimbursement cases: 1'))).toBe(true);
    const list = (await app.inject({ url: '/api/v1/reimbursement-cases', headers: as(sessions.noivu!) })).json();
    expect(list.total).toBe(1);
    const c = list.items[0];
    expect(c).toMatchObject({ status: 'agreed', basis: 'partial', cause: 'left_service', paid: 0, actions: ['recordPayment', 'waive'] });
    expect(c.amount).toBeGreaterThan(0);
    expect(c.amount).toBeLessThan(c.cost);
    expect(c.explanation).toContain('S = F / T1 × (T1 − T2)');
    const person = (await app.inject({ url: `/api/v1/people/${c.person.id}/commitments`, headers: as(sessions.noivu!) })).json();
    expect(person.leaving).toMatchObject({ reason: 'resigned' });
    expect(person.commitments).toHaveLength(1);
    expect(person.commitments[0].served).toBe(c.monthsServed);
  });
});
