import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Db } from '@nang-tam/db';
import { todayInVietnam } from '@nang-tam/domain';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, seedFixture, type Fixture, type Session } from '../../../../tests/support/fixtures.js';
import { insertPeople } from '../../../../tests/support/classes.js';
import { jobsClient } from '../../../../tests/support/jobs.js';
import { pdfText } from '../../../../tests/support/pdf-text.js';

/** Issue 11 point 5 for reimbursement: the case list as Excel and PDF, and the agency's people under commitment. */
let db: Db;
let app: FastifyInstance;
let fx: Fixture;
const USERS = ['board', 'officerA', 'officerD', 'learner'] as const;
type Who = (typeof USERS)[number];
const s = {} as Record<Who, Session>;
let leaver = 0;
let serving = 0;
let studying = 0;

async function master(personId: number, start: string, end: string, status: 'sent' | 'completed'): Promise<number> {
  const r = await db.query<{ id: number }>(
    `INSERT INTO outside_trainings (person_id, programme_code, mode, institution, start_date, end_date, cost, status, eligibility, proposed_by,
       decision_no, decision_date, decision_signer, result, result_date)
     VALUES ($1, 'SDH_THS', 'full_time', 'Học viện Hành chính quốc gia', $2, $3, 120000000, $4, '{}'::jsonb, $5, '7-QĐ/TU', $6, 'Trưởng ban', $7, $8) RETURNING id`,
    [personId, start, end, status, fx.users.board!.id, start, status === 'completed' ? 'graduated' : null, status === 'completed' ? end : null],
  );
  return r.rows[0]!.id;
}

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  app = await buildTestApp(db);
  for (const u of USERS) s[u] = await loginAs(app, u);
  const people = await insertPeople(db, 3, { unitId: fx.units.communeA });
  [leaver, serving, studying] = people.map((p) => p.id) as [number, number, number];
  // NĐ 101/2017: 24 months to 31/8/2023, commitment 48 months from 1/9/2023
  await master(leaver, '2021-09-01', '2023-08-31', 'completed');
  await master(serving, '2021-09-01', '2023-08-31', 'completed');
  await master(studying, '2025-09-01', '2027-08-31', 'sent');
  const res = await app.inject({ method: 'POST', url: `/api/v1/people/${leaver}/leaving`, headers: as(s.officerA), payload: { leftOn: '2025-02-28', reason: 'resigned' } });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().openedCaseIds).toHaveLength(1);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('the agency sees its people under commitment', () => {
  it('lists who, the programme, the commitment period and the months served, in its subtree only', async () => {
    const res = await app.inject({ url: '/api/v1/commitments?state=all', headers: as(s.officerA) });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.asOf).toBe(todayInVietnam());
    const byPerson = new Map(body.items.map((i: { person: { id: number } }) => [i.person.id, i]));
    expect(byPerson.get(leaver)).toMatchObject({ state: 'left', from: '2023-09-01', to: '2027-08-31', months: 48, served: 18, remaining: 30, source: '101/2017/NĐ-CP' });
    expect(byPerson.get(serving)).toMatchObject({ state: 'serving', months: 48 });
    expect(byPerson.get(studying)).toMatchObject({ state: 'in_course', served: 0 });
    const servingOnly = (await app.inject({ url: '/api/v1/commitments', headers: as(s.officerA) })).json();
    expect(servingOnly.items.map((i: { person: { id: number } }) => i.person.id)).toEqual([serving]);
    expect((await app.inject({ url: '/api/v1/commitments?state=all', headers: as(s.officerD) })).json().total).toBe(0);
    expect((await app.inject({ url: '/api/v1/commitments?state=all', headers: as(s.learner) })).json().total).toBe(0);
  });
});

describe('the list of reimbursement cases', () => {
  it('exports to PDF and Excel with the amount and its explanation; agencies may not', { timeout: 60_000 }, async () => {
    const jobs = jobsClient(app, db);
    for (const format of ['pdf', 'xlsx'] as const) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/exports/reimbursement-cases', headers: as(s.board), payload: { format } });
      expect(res.statusCode, res.body).toBe(202);
      await jobs.run();
      const job = await jobs.get(s.board, res.json().id);
      expect(job.status, JSON.stringify(job)).toBe('succeeded');
      expect(job.result).toMatchObject({ rows: 1 });
      const file = await jobs.file(s.board, job.id);
      if (format === 'pdf') {
        const text = pdfText(file.body);
        expect(text).toContain('DANH SÁCH HỒ SƠ ĐỀN BÙ');
        // 120,000,000 × (48 − 18) / 48 = 75,000,000 (the amount column may wrap)
        expect(text.replace(/\s/g, '')).toContain('75.000.000');
      } else expect(file.body.subarray(0, 2).toString()).toBe('PK');
    }
    expect((await app.inject({ method: 'POST', url: '/api/v1/exports/reimbursement-cases', headers: as(s.officerA), payload: { format: 'pdf' } })).statusCode).toBe(403);
  });
});
