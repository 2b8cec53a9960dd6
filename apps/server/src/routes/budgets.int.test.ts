import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Db } from '@nang-tam/db';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, seedFixture, type Fixture, type Session } from '../../../../tests/support/fixtures.js';
import { enrol, insertTrainingClass } from '../../../../tests/support/learners.js';
import { insertPeople } from '../../../../tests/support/classes.js';
import { jobsClient } from '../../../../tests/support/jobs.js';
import { pdfText } from '../../../../tests/support/pdf-text.js';

/**
 * Budgets of classes and plan lines through the API (issue 11 point 2), and the yearly report checked
 * against hand-written SQL over the same tables (a differential test).
 */
let db: Db;
let app: FastifyInstance;
let fx: Fixture;
const USERS = ['board', 'sysadmin', 'registrar', 'officerA', 'lecturer'] as const;
type Who = (typeof USERS)[number];
const s = {} as Record<Who, Session>;
const YEAR = 2026;
let lineSchool = 0;
let lineB = 0;
let classLinked = 0;
let classOutside = 0;
let classB = 0;
let classOtherYear = 0;
const modules = [{ code: 'HP1', name: 'Học phần 1', periods: 20 }];

const send = (who: Who, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
  app.inject({ method, url, headers: as(s[who]), payload: payload as object | undefined });

const estimate = (o: Record<string, unknown> = {}) => ({
  version: null,
  lecturers: [
    { rateCategory: 'senior', sessions: 10 },
    { rateCategory: 'local_staff', sessions: 4 },
  ],
  learners: 3,
  supportPerLearner: 300_000,
  venue: 5_000_000,
  materials: 1_000_000,
  other: 0,
  ...o,
});

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  app = await buildTestApp(db);
  for (const u of USERS) s[u] = await loginAs(app, u);
  const plan = (await send('sysadmin', 'POST', '/api/v1/plans/annual', { year: YEAR, title: `Kế hoạch ${YEAR}` })).json();
  const v = plan.versions[0];
  const line = (organiserUnitId: number, estimatedCost: number) => ({ programmeCode: 'TC_LLCT', mode: 'full_time', classes: 1, learners: 50, year: YEAR, quarter: 2, organiserUnitId, siteKind: 'school', site: 'Trường', estimatedCost });
  const res = await send('sysadmin', 'POST', `/api/v1/plans/versions/${v.id}/lines`, { rowVersion: v.rowVersion, lines: [line(fx.units.department, 400_000_000), line(fx.units.communeB, 90_000_000)] });
  if (res.statusCode >= 300) throw new Error(res.body);
  [lineSchool, lineB] = res.json().lines.map((l: { lineId: number }) => l.lineId);
  classLinked = (await insertTrainingClass(db, { organiserUnitId: fx.units.department, cohortCode: 'KP-1', startDate: '2026-03-02', endDate: '2026-06-30', modules })).id;
  classOutside = (await insertTrainingClass(db, { organiserUnitId: fx.units.department, cohortCode: 'KP-2', startDate: '2026-09-01', endDate: '2026-11-30', modules })).id;
  classB = (await insertTrainingClass(db, { organiserUnitId: fx.units.communeB, cohortCode: 'KP-3', startDate: '2026-04-01', endDate: '2026-05-30', modules })).id;
  classOtherYear = (await insertTrainingClass(db, { organiserUnitId: fx.units.department, cohortCode: 'KP-4', startDate: '2025-03-01', endDate: '2025-06-30', modules })).id;
  await db.query('UPDATE classes SET plan_line_id = $1 WHERE id = $2', [lineSchool, classLinked]);
  await db.query('UPDATE classes SET outside_plan = true WHERE id = ANY($1::int[])', [[classOutside, classB, classOtherYear]]);
  const people = await insertPeople(db, 4, { unitId: fx.units.communeA });
  // three learners in the linked class, two in the outside class (one of them in both), one withdrawn
  for (const p of people.slice(0, 3)) await enrol(db, classLinked, p.id);
  await enrol(db, classOutside, people[0]!.id);
  await enrol(db, classOutside, people[3]!.id);
  const w = await enrol(db, classOutside, fx.people.an);
  await db.query("UPDATE enrolments SET status = 'withdrawn' WHERE id = $1", [w]);
  await enrol(db, classB, fx.people.cuong);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const count = async (table: string) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;

describe('a class budget', () => {
  it('computes the estimate from the rates in force on the first day and keeps it with its items, audited', async () => {
    const res = await send('registrar', 'PUT', `/api/v1/classes/${classLinked}/budget/estimate`, estimate());
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json();
    // 10 × 1,200,000 + 4 × 500,000 (TT 36/2018/TT-BTC) + 3 × 300,000 + 5,000,000 + 1,000,000
    expect(b.estimate).toMatchObject({ version: 1, learners: 3, total: 12_000_000 + 2_000_000 + 900_000 + 6_000_000 });
    expect(b.estimate.items.filter((i: { category: string }) => i.category === 'lecturers').map((i: { unitAmount: number; quantity: number }) => [i.quantity, i.unitAmount])).toEqual([
      [10, 1_200_000],
      [4, 500_000],
    ]);
    expect(b.asOf).toBe('2026-03-02');
    expect(b.actions).toEqual(['editEstimate', 'recordCost']);
    const audit = await db.query<{ action: string }>("SELECT action FROM audit_log WHERE entity = 'budget_estimate'");
    expect(audit.rows.map((r) => r.action)).toEqual(['create']);
  });

  it.each([
    ['a negative amount', { venue: -1 }, 'venue'],
    ['a missing amount', { materials: undefined }, 'materials'],
    ['a fractional amount', { other: 10.5 }, 'other'],
    ['a lecturer category without a rate', { lecturers: [{ rateCategory: 'astronaut', sessions: 2 }] }, 'lecturers.0.rateCategory'],
    ['zero sessions', { lecturers: [{ rateCategory: 'senior', sessions: 0 }] }, 'lecturers.0.sessions'],
  ])('refuses %s with nothing changed', async (_, patch, field) => {
    const before = await count('budget_estimate_items');
    const res = await send('registrar', 'PUT', `/api/v1/classes/${classLinked}/budget/estimate`, estimate({ version: 1, ...patch }));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(field);
    expect(res.json().error.message).toMatch(/[àáảãạăâđêôơư]/);
    expect(await count('budget_estimate_items')).toBe(before);
    expect((await send('registrar', 'GET', `/api/v1/classes/${classLinked}/budget`)).json().estimate.version).toBe(1);
  });

  it('refuses a stale version (409) and saves a fresh one', async () => {
    expect((await send('registrar', 'PUT', `/api/v1/classes/${classLinked}/budget/estimate`, estimate({ version: null }))).statusCode).toBe(409);
    const res = await send('registrar', 'PUT', `/api/v1/classes/${classLinked}/budget/estimate`, estimate({ version: 1, other: 100_000 }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().estimate).toMatchObject({ version: 2, total: 21_000_000 });
  });

  it('records vouchers in one transaction and compares; cost per learner rounded half up', async () => {
    const before = await count('budget_cost_entries');
    const bad = await send('registrar', 'POST', `/api/v1/classes/${classLinked}/budget/costs`, {
      entries: [
        { category: 'venue', spentOn: '2026-03-05', amount: 4_000_000, documentNo: 'PC-01' },
        { category: 'other', spentOn: '2026-03-05', amount: -5, documentNo: 'PC-02' },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(await count('budget_cost_entries')).toBe(before);
    const res = await send('registrar', 'POST', `/api/v1/classes/${classLinked}/budget/costs`, {
      entries: [
        { category: 'lecturers', spentOn: '2026-06-30', amount: 13_000_000, documentNo: 'PC-11', description: 'Thù lao giảng viên' },
        { category: 'venue', spentOn: '2026-03-05', amount: 4_000_001, documentNo: 'PC-12' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const f = res.json().figures;
    expect(f).toMatchObject({ estimate: 21_000_000, actual: 17_000_001, difference: -3_999_999, learners: 3, personTimes: 3, costPerLearner: 5_666_667 });
    expect(res.json().entries.map((e: { documentNo: string }) => e.documentNo)).toEqual(['PC-12', 'PC-11']);
    expect((await db.query("SELECT count(*)::int AS n FROM audit_log WHERE entity = 'budget_cost_entry'")).rows[0]).toEqual({ n: 2 });
  });

  it('answers 404 for a class out of scope, and to roles that do not keep budgets', async () => {
    const before = await count('budget_cost_entries');
    const entry = { entries: [{ category: 'venue', spentOn: '2026-04-02', amount: 1_000, documentNo: 'X' }] };
    expect((await send('registrar', 'POST', `/api/v1/classes/${classB}/budget/costs`, entry)).statusCode).toBe(404);
    expect((await send('registrar', 'GET', `/api/v1/classes/${classB}/budget`)).statusCode).toBe(404);
    expect((await send('registrar', 'POST', '/api/v1/classes/999999/budget/costs', entry)).statusCode).toBe(404);
    expect((await send('officerA', 'GET', `/api/v1/classes/${classLinked}/budget`)).statusCode).toBe(404);
    expect((await send('lecturer', 'GET', `/api/v1/classes/${classLinked}/budget`)).statusCode).toBe(404);
    // the board reads every class's budget but the school keeps it
    expect((await send('board', 'GET', `/api/v1/classes/${classB}/budget`)).json().actions).toEqual([]);
    expect((await send('board', 'POST', `/api/v1/classes/${classB}/budget/costs`, entry)).statusCode).toBe(403);
    expect(await count('budget_cost_entries')).toBe(before);
  });
});

describe('a plan line budget and the yearly report', () => {
  beforeAll(async () => {
    let res = await send('board', 'PUT', `/api/v1/plan-lines/${lineSchool}/budget/estimate`, estimate({ learners: 50, lecturers: [{ rateCategory: 'provincial_staff', sessions: 60 }], venue: 20_000_000, materials: 7_500_000 }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().estimate.total).toBe(60_000_000 + 15_000_000 + 27_500_000);
    res = await send('board', 'POST', `/api/v1/plan-lines/${lineSchool}/budget/costs`, { entries: [{ category: 'materials', spentOn: '2026-02-01', amount: 2_500_000, documentNo: 'UNC-3' }] });
    expect(res.statusCode, res.body).toBe(200);
    res = await send('registrar', 'PUT', `/api/v1/classes/${classOutside}/budget/estimate`, estimate({ learners: 2 }));
    expect(res.statusCode, res.body).toBe(200);
    await send('registrar', 'POST', `/api/v1/classes/${classOutside}/budget/costs`, { entries: [{ category: 'support', spentOn: '2026-11-30', amount: 700_000, documentNo: 'PC-40' }] });
    await send('registrar', 'POST', `/api/v1/classes/${classOtherYear}/budget/costs`, { entries: [{ category: 'support', spentOn: '2025-06-30', amount: 999_000, documentNo: 'PC-2025' }] });
    await db.query("INSERT INTO budget_cost_entries (class_id, category, spent_on, amount, document_no) VALUES ($1, 'venue', '2026-04-02', 3000000, 'B-1')", [classB]);
  });

  it("shows a line's own vouchers and its classes'", async () => {
    const b = (await send('board', 'GET', `/api/v1/plan-lines/${lineSchool}/budget`)).json();
    expect(b.figures).toMatchObject({ actual: 2_500_000 + 17_000_001, learners: 3, personTimes: 3 });
    expect(b.entries.map((e: { class: { id: number } | null }) => e.class?.id ?? null)).toEqual([null, classLinked, classLinked]);
  });

  it('adds up per line, programme, unit and year as hand-written SQL does', async () => {
    const sql = await db.query<{ estimate: string; actual: string }>(
      `WITH lines AS (
         SELECT lv.line_id, lv.estimated_cost FROM plan_line_versions lv
         WHERE lv.version_id = (SELECT v.id FROM plan_versions v JOIN annual_plans ap ON ap.id = v.plan_id WHERE ap.year = $1 ORDER BY v.number DESC LIMIT 1)),
       own AS (
         SELECT c.id FROM classes c
         WHERE c.start_date <= make_date($1, 12, 31) AND c.end_date >= make_date($1, 1, 1)
           AND (c.plan_line_id IS NULL OR c.plan_line_id NOT IN (SELECT line_id FROM lines)))
       SELECT
         ((SELECT COALESCE(sum(COALESCE(e.total, l.estimated_cost)), 0) FROM lines l LEFT JOIN budget_estimates e ON e.plan_line_id = l.line_id)
          + (SELECT COALESCE(sum(e.total), 0) FROM budget_estimates e WHERE e.class_id IN (SELECT id FROM own)))::text AS estimate,
         (SELECT COALESCE(sum(ce.amount), 0) FROM budget_cost_entries ce LEFT JOIN classes c ON c.id = ce.class_id
          WHERE ce.voided_at IS NULL AND (ce.plan_line_id IN (SELECT line_id FROM lines) OR c.plan_line_id IN (SELECT line_id FROM lines) OR c.id IN (SELECT id FROM own)))::text AS actual`,
      [YEAR],
    );
    const want = sql.rows[0]!;
    for (const by of ['line', 'programme', 'unit', 'year'] as const) {
      const res = await send('board', 'GET', `/api/v1/budgets/report?year=${YEAR}&by=${by}`);
      expect(res.statusCode, res.body).toBe(200);
      const r = res.json();
      expect([r.total.estimate, r.total.actual].map(String), by).toEqual([want.estimate, want.actual]);
      expect(r.rows.reduce((t: number, x: { figures: { actual: number } }) => t + x.figures.actual, 0), by).toBe(r.total.actual);
    }
    const byLine = (await send('board', 'GET', `/api/v1/budgets/report?year=${YEAR}&by=line`)).json();
    // lines: the school's (detailed) and commune B's (plan estimate only); classes outside the plan by first day: KP-3, KP-2
    expect(byLine.rows.map((r: { key: string; planEstimateOnly: boolean }) => [r.key, r.planEstimateOnly])).toEqual([
      [`line:${lineSchool}`, false],
      [`line:${lineB}`, true],
      [`class:${classB}`, false],
      [`class:${classOutside}`, false],
    ]);
    // the year: 3 + 2 + 1 person-times; people: 3 in the linked class, one of them again plus one in KP-2, Cường in KP-3
    expect(byLine.total).toMatchObject({ personTimes: 6, learners: 5 });
    expect(byLine.total.costPerPersonTime).toBe(Math.floor((Number(want.actual) * 2 + 6) / 12));
    expect(byLine.total.estimate).toBe(102_500_000 + 90_000_000 + 20_600_000);
  });

  it('bounds the report by the scope: the school sees its own lines and classes', async () => {
    const r = (await send('registrar', 'GET', `/api/v1/budgets/report?year=${YEAR}&by=line`)).json();
    expect(r.rows.map((x: { key: string }) => x.key)).toEqual([`line:${lineSchool}`, `class:${classOutside}`]);
    expect((await send('officerA', 'GET', `/api/v1/budgets/report?year=${YEAR}`)).statusCode).toBe(403);
  });

  it('exports the report to PDF and Excel as background jobs', { timeout: 60_000 }, async () => {
    const jobs = jobsClient(app, db);
    for (const format of ['pdf', 'xlsx'] as const) {
      const res = await send('board', 'POST', '/api/v1/exports/budget-report', { year: YEAR, by: 'programme', format });
      expect(res.statusCode, res.body).toBe(202);
      await jobs.run();
      const job = await jobs.get(s.board, res.json().id);
      expect(job.status, JSON.stringify(job)).toBe('succeeded');
      const file = await jobs.file(s.board, job.id);
      expect(file.status).toBe(200);
      if (format === 'pdf') {
        const text = pdfText(file.body);
        expect(text).toContain('BÁO CÁO KINH PHÍ');
        expect(text).toContain('làm tròn đến đồng');
      } else expect(file.body.subarray(0, 2).toString()).toBe('PK');
    }
  });
});

describe('voiding a voucher (decision 0063)', () => {
  it('a voucher entered by mistake is voided with its reason: still listed, out of the actual cost and the report, audited, once only', async () => {
    const reportActual = async () => (await send('board', 'GET', `/api/v1/budgets/report?year=${YEAR}&by=line`)).json().total.actual as number;
    const before = await reportActual();
    const rec = await send('registrar', 'POST', `/api/v1/classes/${classLinked}/budget/costs`, { entries: [{ category: 'venue', spentOn: '2026-03-06', amount: 9_999_999, documentNo: 'PC-NHAM' }] });
    expect(rec.statusCode, rec.body).toBe(200);
    const entry = rec.json().entries.find((e: { documentNo: string }) => e.documentNo === 'PC-NHAM');
    expect(entry.voided).toBeNull();
    expect(await reportActual()).toBe(before + 9_999_999);

    expect((await send('registrar', 'POST', `/api/v1/classes/${classLinked}/budget/costs/${entry.id}/void`, { reason: '  ' })).statusCode).toBe(400);
    // another holder's path, the line of the class, a role that does not keep the class's budget
    const other = await send('registrar', 'POST', `/api/v1/classes/${classOutside}/budget/costs/${entry.id}/void`, { reason: 'Ghi nhầm' });
    expect(other.statusCode, other.body).toBe(404);
    expect((await send('board', 'POST', `/api/v1/plan-lines/${lineSchool}/budget/costs/${entry.id}/void`, { reason: 'Ghi nhầm' })).statusCode).toBe(404);
    expect((await send('board', 'POST', `/api/v1/classes/${classLinked}/budget/costs/${entry.id}/void`, { reason: 'Ghi nhầm' })).statusCode).toBe(403);
    expect((await send('officerA', 'POST', `/api/v1/classes/${classLinked}/budget/costs/${entry.id}/void`, { reason: 'Ghi nhầm' })).statusCode).toBe(403);
    expect((await db.query('SELECT voided_at FROM budget_cost_entries WHERE id = $1', [entry.id])).rows[0]).toEqual({ voided_at: null });

    const res = await send('registrar', 'POST', `/api/v1/classes/${classLinked}/budget/costs/${entry.id}/void`, { reason: 'Ghi nhầm số tiền' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().figures.actual).toBe(rec.json().figures.actual - 9_999_999);
    expect(res.json().entries.find((e: { id: number }) => e.id === entry.id).voided).toMatchObject({ reason: 'Ghi nhầm số tiền', by: expect.any(String) });
    expect(await reportActual()).toBe(before);
    const audit = await db.query<{ action: string; before: { amount: string }; after: { reason: string } }>(
      "SELECT action, before, after FROM audit_log WHERE entity = 'budget_cost_entry' AND entity_id = $1 ORDER BY id",
      [String(entry.id)],
    );
    expect(audit.rows.map((r) => [r.action, r.before?.amount ?? null, r.after.reason ?? null])).toEqual([
      ['create', null, null],
      ['void', '9999999', 'Ghi nhầm số tiền'],
    ]);
    const again = await send('registrar', 'POST', `/api/v1/classes/${classLinked}/budget/costs/${entry.id}/void`, { reason: 'Lần nữa' });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'COST_ENTRY_VOIDED']);
  });
});
