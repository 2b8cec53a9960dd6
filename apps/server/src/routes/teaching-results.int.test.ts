import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { todayInVietnam } from '@nang-tam/domain';
import { feedbackRepo, type Db } from '@nang-tam/db';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, seedFixture, type Fixture, type Session } from '../../../../tests/support/fixtures.js';
import { insertPeople } from '../../../../tests/support/classes.js';
import { addDays, addUser, assignLecturer, enrol, insertLecturer, insertTrainingClass } from '../../../../tests/support/learners.js';
import { teachingResultsDocument } from '../jobs/feedback.job.js';
import { myTeachingResults } from '../services/feedback.service.js';
import { toAuthUser } from '../auth/auth-user.js';

/**
 * A lecturer's own survey results (branch lecturer-views, decision 0066): the lecturer sees what
 * learners said about them — their classes, their own lecturer questions, anonymous, under the
 * threshold — and nothing about a colleague; the school sees every lecturer (decision 0051).
 */
let db: Db;
let app: FastifyInstance;
let fx: Fixture;
const today = todayInVietnam();
const s: Record<string, Session> = {};
let mine = 0; // the fixture's `lecturer` account's lecturer record
let colleague = 0;
const cls: Record<'both' | 'few' | 'theirs', number> = { both: 0, few: 0, theirs: 0 };

/** A class that ended `ago` days ago, taught by `lecturers`, with 6 learners and a survey of the given answers. */
async function surveyed(code: string, lecturers: number[], answers: Record<string, Record<string, number>>[]): Promise<number> {
  const c = await insertTrainingClass(db, { organiserUnitId: fx.units.department, cohortCode: code, startDate: addDays(today, -40), endDate: addDays(today, -2), modules: [{ code: 'HP1', name: 'Học phần 1', periods: 30 }] });
  for (const l of lecturers) await assignLecturer(db, c.modules.HP1!, l, 10);
  for (const p of await insertPeople(db, 6, { unitId: fx.units.communeA, namePrefix: `Học viên ${code}` })) await enrol(db, c.id, p.id);
  const opened = await app.inject({ method: 'PUT', url: `/api/v1/classes/${c.id}/survey`, headers: as(s.registrar!), payload: { opensOn: addDays(today, -2), closesOn: addDays(today, 10) } });
  expect(opened.statusCode, opened.body).toBe(200);
  const surveyId = (await db.query<{ id: number }>('SELECT id FROM reaction_surveys WHERE class_id = $1', [c.id])).rows[0]!.id;
  for (const l of answers) {
    await feedbackRepo.insertResponse(db, surveyId, { items: { content_1: 3, content_2: 3, organisation_1: 3, organisation_2: 3, usefulness_1: 3 }, lecturers: l }, 'Thầy Bình giảng hay');
  }
  return c.id;
}

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  app = await buildTestApp(db);
  for (const u of ['registrar', 'board', 'lecturer', 'officerA', 'learner']) s[u] = await loginAs(app, u);
  await addUser(db, 'lecturer2', 'lecturer', fx.units.department);
  await addUser(db, 'lecturer3', 'lecturer', fx.units.department); // no lecturer record
  for (const u of ['lecturer2', 'lecturer3']) s[u] = await loginAs(app, u);
  mine = await insertLecturer(db, 'Nguyễn Thị Giảng', fx.units.department, fx.users.lecturer!.id);
  const second = (await db.query<{ id: number }>("SELECT id FROM users WHERE username = 'lecturer2'")).rows[0]!.id;
  colleague = await insertLecturer(db, 'Lê Văn Đồng', fx.units.department, second);
  const me = (a: number, b: number) => ({ [String(mine)]: { lecturer_1: a, lecturer_2: b }, [String(colleague)]: { lecturer_1: 1, lecturer_2: 1 } });
  // both taught the first class: 5 responses about each (the colleague always rated 1)
  cls.both = await surveyed('GV-1', [mine, colleague], [me(5, 4), me(4, 4), me(4, 4), me(3, 5), me(5, 5)]);
  // two responses only about the lecturer: under the threshold of 5
  cls.few = await surveyed('GV-2', [mine], [{ [String(mine)]: { lecturer_1: 1, lecturer_2: 1 } }, { [String(mine)]: { lecturer_1: 1, lecturer_2: 1 } }]);
  // the colleague's own class
  cls.theirs = await surveyed('GV-3', [colleague], Array.from({ length: 5 }, () => ({ [String(colleague)]: { lecturer_1: 5, lecturer_2: 5 } })));
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const get = (who: string, url: string) => app.inject({ url, headers: as(s[who]!) });

describe("a lecturer's own survey results", () => {
  it('shows the lecturer their classes and their own questions, a class under the threshold as a count only', async () => {
    const res = await get('lecturer', '/api/v1/me/teaching-results');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.lecturer).toEqual({ id: mine, name: 'Nguyễn Thị Giảng' });
    expect(r.minResponses).toBe(5);
    expect(r.classes.map((c: { classId: number }) => c.classId).sort()).toEqual([cls.both, cls.few].sort());
    const both = r.classes.find((c: { classId: number }) => c.classId === cls.both);
    // lecturer_1 5,4,4,3,5 and lecturer_2 4,4,4,5,5 → 43/10; the colleague's 1s never count
    expect(both).toMatchObject({ responses: 5, learners: 6, suppressed: false, average: 4.3, distribution: [0, 0, 1, 5, 4] });
    expect(both.questions).toEqual([
      { code: 'lecturer_1', text: 'Giảng viên truyền đạt rõ ràng, dễ hiểu', ratings: 5, average: 4.2, distribution: [0, 0, 1, 2, 2] },
      { code: 'lecturer_2', text: 'Giảng viên liên hệ thực tiễn, gợi mở trao đổi', ratings: 5, average: 4.4, distribution: [0, 0, 0, 3, 2] },
    ]);
    const few = r.classes.find((c: { classId: number }) => c.classId === cls.few);
    expect(few).toMatchObject({ responses: 2, suppressed: true, average: null, distribution: null });
    expect(few.questions.every((q: { average: null; distribution: null }) => q.average === null && q.distribution === null)).toBe(true);
    // the pooled figure: only the class shown (the 1s of the small class add nothing)
    expect(r.overall).toMatchObject({ responses: 5, suppressed: false, classesShown: 1, average: 4.3 });
    // no comment, no general question is part of the answer
    expect(res.body).not.toContain('Thầy Bình');
    expect(res.body).not.toContain('content_1');
    expect(r.actions).toEqual(['read', 'export']);
  });

  it("shows nothing about a colleague: each lecturer sees their own, another's results are refused", async () => {
    const theirs = (await get('lecturer2', '/api/v1/me/teaching-results')).json();
    expect(theirs.lecturer.id).toBe(colleague);
    expect(theirs.classes.map((c: { classId: number }) => c.classId).sort()).toEqual([cls.both, cls.theirs].sort());
    expect(theirs.classes.find((c: { classId: number }) => c.classId === cls.both)).toMatchObject({ average: 1 });
    // the school's routes are not the lecturer's
    expect((await get('lecturer', `/api/v1/reaction/lecturers/${colleague}`)).statusCode).toBe(403);
    expect((await get('lecturer', `/api/v1/classes/${cls.theirs}/survey`)).statusCode).toBe(403);
    expect((await get('lecturer', '/api/v1/reaction/surveys')).statusCode).toBe(403);
  });

  it('answers an account with no lecturer record with nothing, and refuses every other role', async () => {
    const none = (await get('lecturer3', '/api/v1/me/teaching-results')).json();
    expect(none).toMatchObject({ lecturer: null, classes: [], actions: [] });
    for (const who of ['registrar', 'board', 'officerA', 'learner']) expect((await get(who, '/api/v1/me/teaching-results')).statusCode, who).toBe(403);
  });

  it("lets the school see every lecturer's results, with the same threshold", async () => {
    const r = (await get('registrar', `/api/v1/reaction/lecturers/${mine}`)).json();
    expect(r.overall).toMatchObject({ responses: 5, suppressed: false, average: 4.3 });
    expect(r.classes.find((c: { classId: number }) => c.classId === cls.few)).toMatchObject({ suppressed: true, average: null });
    expect((await get('board', `/api/v1/reaction/lecturers/${colleague}`)).statusCode).toBe(200);
  });

  it('exports the lecturer’s own results (Excel, PDF), audited, rows from the same figures', async () => {
    for (const format of ['xlsx', 'pdf']) {
      const job = await app.inject({ method: 'POST', url: '/api/v1/me/teaching-results/export', headers: as(s.lecturer!), payload: { format } });
      expect(job.statusCode, job.body).toBe(202);
      expect(job.json().kind).toBe('teaching_results_export');
    }
    expect((await app.inject({ method: 'POST', url: '/api/v1/me/teaching-results/export', headers: as(s.lecturer!), payload: { format: 'doc' } })).statusCode).toBe(400);
    const audit = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'export' AND actor_id = $1", [fx.users.lecturer!.id]);
    expect(audit.rows[0]!.n).toBe(2);
    const doc = teachingResultsDocument(await myTeachingResults(db, await lecturerUser()), 'Nguyễn Thị Giảng', today);
    expect(doc.subtitle).toBe('Giảng viên: Nguyễn Thị Giảng');
    // class shown: its line and its two questions; class under the threshold: its line; the total
    expect(doc.rows).toHaveLength(5);
    expect(doc.rows.filter((r) => (r as Record<string, unknown>).average === 'Dưới ngưỡng')).toHaveLength(1);
    expect(doc.rows.at(-1)).toMatchObject({ average: 4.3, d4: 5, d5: 4 });
  });
});

async function lecturerUser() {
  const row = (
    await db.query(
      'SELECT u.id, u.username, u.display_name, u.role, u.unit_id, un.name AS unit_name, un.path AS unit_path, u.person_id, u.locale FROM users u JOIN units un ON un.id = u.unit_id WHERE u.id = $1',
      [fx.users.lecturer!.id],
    )
  ).rows[0];
  return toAuthUser(row as never, 'test', 'test');
}
