import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { todayInVietnam, training } from '@nang-tam/domain';
import type { Db } from '@nang-tam/db';
import type { ClassBoard, ClassLearnersBoard, EnrolmentProgress, MyLearners, MyLearning } from '@nang-tam/contracts';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, seedFixture, type Fixture, type Session } from '../../../../tests/support/fixtures.js';
import {
  addDays,
  addUser,
  assignLecturer,
  enrol,
  insertLecturer,
  insertSession,
  insertTrainingClass,
} from '../../../../tests/support/learners.js';
import { insertPeople } from '../../../../tests/support/classes.js';

/**
 * The read models of issue 4 through the API: the class board of a school year and of one class,
 * the agency's "my learners" and the learner's own learning.
 *
 * Class K (trung cấp LLCT conditions: 80% attendance, final exam, conduct report required), run by
 * Sở Y tế (the fixture registrar's unit) from 40 days ago to 20 days ahead, HP1 (30 periods, taught
 * by the fixture lecturer) and HP2 (20): five lessons held, an exam session five days ago, a lesson
 * ahead. An attended everything, has both grades and a satisfactory report: may sit the exam.
 * Bình was recalled for the fourth lesson and has not made it up, has only HP1, and her report is
 * overdue: may not. Cường missed one lesson and one is not marked (60%, 80% still reachable), has
 * no grades and joined after the reports were asked for: cannot be told yet. Dung and a colleague
 * wait for a place; a person of commune A awaits the board's approval.
 * Class KB is run by commune B; KC was opened last year and runs on (carried over); KO ran last
 * year only; KG (Sở Y tế) graduated Bình yesterday-ish and issued her certificate.
 */
let db: Db;
let app: FastifyInstance;
let fx: Fixture;
const today = todayInVietnam();
const year = Number(today.slice(0, 4));
const s: Record<string, Session> = {};
const classes: Record<string, number> = {};
const enrolments: Record<string, number> = {};
let modules: Record<string, number>;
let waitingColleague: number;
let nominee: number;

async function insertNomination(classId: number, personId: number, status: string, nominatedAt: string): Promise<number> {
  const r = await db.query<{ id: number }>(
    `INSERT INTO nominations (class_id, person_id, status, eligibility, nominated_by, nominated_at)
     VALUES ($1, $2, $3, '{"outcome":"eligible","summary":"","rules":[]}', $4, $5) RETURNING id`,
    [classId, personId, status, fx.users.officerA!.id, nominatedAt],
  );
  return r.rows[0]!.id;
}

const get = (who: string, url: string) => app.inject({ url, headers: as(s[who]!) });
const send = (method: 'PUT' | 'POST', who: string, url: string, payload: object) =>
  app.inject({ method, url, headers: as(s[who]!), payload });

async function ok<T>(who: string, url: string): Promise<T> {
  const res = await get(who, url);
  expect(res.statusCode, `${who} ${url}: ${res.body}`).toBe(200);
  return res.json() as T;
}

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  app = await buildTestApp(db);
  await addUser(db, 'registrarB', 'school_registrar', fx.units.communeB);
  await addUser(db, 'learnerCuong', 'learner', fx.units.communeB, fx.people.cuong);

  const k = await insertTrainingClass(db, {
    organiserUnitId: fx.units.department,
    cohortCode: 'K-BANG',
    startDate: addDays(today, -40),
    endDate: addDays(today, 20),
    modules: [
      { code: 'HP1', name: 'Triết học Mác - Lênin', periods: 30 },
      { code: 'HP2', name: 'Xây dựng Đảng', periods: 20 },
    ],
  });
  classes.K = k.id;
  modules = k.modules;
  const lecturer = await insertLecturer(db, 'Giảng Viên Một', fx.units.department, fx.users.lecturer!.id);
  await assignLecturer(db, modules.HP1!, lecturer, 30);
  const held: number[] = [];
  for (const [i, code] of ['HP1', 'HP1', 'HP1', 'HP2', 'HP2'].entries()) {
    held.push(
      await insertSession(db, classes.K, {
        moduleId: modules[code]!,
        date: addDays(today, -30 + i * 5),
        lecturerId: code === 'HP1' ? lecturer : null,
      }),
    );
  }
  await insertSession(db, classes.K, { moduleId: null, kind: 'exam', date: addDays(today, -5) });
  await insertSession(db, classes.K, { moduleId: modules.HP2!, date: addDays(today, 5) });

  enrolments.an = await enrol(db, classes.K, fx.people.an);
  enrolments.binh = await enrol(db, classes.K, fx.people.binh);
  for (const [person, status] of [
    [fx.people.an, 'enrolled'],
    [fx.people.binh, 'enrolled'],
  ] as const) {
    await insertNomination(classes.K, person, status, addDays(today, -50));
  }
  const mark = (enrolment: number, session: number, m: string) =>
    db.query("INSERT INTO attendance (session_id, enrolment_id, mark, source) VALUES ($1, $2, $3, 'registrar')", [session, enrolment, m]);
  for (const session of held) await mark(enrolments.an, session, 'present');
  for (const session of [held[0]!, held[1]!, held[2]!, held[4]!]) await mark(enrolments.binh, session, 'present');

  for (const u of [
    'registrar',
    'registrarB',
    'lecturer',
    'officerA',
    'officerD',
    'board',
    'noivu',
    'sysadmin',
    'learner',
    'learnerCuong',
  ]) {
    s[u] = await loginAs(app, u);
  }
  // Bình's agency calls her back for the fourth lesson
  const recall = await send('POST', 'officerA', `/api/v1/enrolments/${enrolments.binh}/recalls`, {
    fromDate: addDays(today, -15),
    toDate: addDays(today, -15),
    reason: 'Triệu tập về cơ quan phục vụ kỳ họp HĐND',
  });
  expect(recall.statusCode, recall.body).toBe(201);
  // the school asks for the conduct reports; An's agency answers; Bình's misses the due date
  expect(
    (await send('POST', 'registrar', `/api/v1/classes/${classes.K}/conduct-reports/request`, { dueOn: addDays(today, 3) })).statusCode,
  ).toBe(200);
  const report = { satisfactory: true, conduct: 'Có ý thức học tập tốt', discipline: 'Chấp hành nghiêm nội quy' };
  expect((await send('PUT', 'officerA', `/api/v1/enrolments/${enrolments.an}/conduct-report`, report)).statusCode).toBe(200);
  await db.query('UPDATE conduct_reports SET due_on = $1 WHERE enrolment_id = $2', [addDays(today, -2), enrolments.binh]);
  // Cường joins afterwards: no report asked for yet
  enrolments.cuong = await enrol(db, classes.K, fx.people.cuong);
  await insertNomination(classes.K, fx.people.cuong, 'enrolled', addDays(today, -45));
  for (const session of [held[0]!, held[1]!, held[2]!]) await mark(enrolments.cuong, session, 'present');
  await mark(enrolments.cuong, held[3]!, 'absent_unexcused');
  const grades = await send('PUT', 'registrar', `/api/v1/classes/${classes.K}/grades`, {
    grades: [
      { enrolmentId: enrolments.an, moduleId: modules.HP1, value: 8 },
      { enrolmentId: enrolments.an, moduleId: modules.HP2, value: 7 },
      { enrolmentId: enrolments.binh, moduleId: modules.HP1, value: 6 },
    ],
  });
  expect(grades.statusCode, grades.body).toBe(200);

  // waiting for a place: a colleague of Dung's first, then Dung; a person of commune A awaits the board
  waitingColleague = (await insertPeople(db, 1, { unitId: fx.units.department, namePrefix: 'Đỗ Văn Chờ' }))[0]!.id;
  await insertNomination(classes.K, waitingColleague, 'waitlisted', addDays(today, -20));
  await insertNomination(classes.K, fx.people.dung, 'waitlisted', addDays(today, -10));
  nominee = (await insertPeople(db, 1, { unitId: fx.units.communeA, namePrefix: 'Phạm Thị Đề Cử' }))[0]!.id;
  await insertNomination(classes.K, nominee, 'nominated', addDays(today, -1));

  const simple: training.GraduationConditions = {
    allModulesPassed: true,
    minAttendanceRate: null,
    finalExam: 'none',
    conductReportRequired: false,
  };
  classes.KB = (
    await insertTrainingClass(db, {
      organiserUnitId: fx.units.communeB,
      cohortCode: 'KB-XA',
      startDate: `${year}-03-01`,
      endDate: `${year}-03-20`,
      programmeCode: 'SC_LLCT',
      conditions: simple,
      modules: [{ code: 'HP1', name: 'Chủ nghĩa Mác - Lênin', periods: 10 }],
    })
  ).id;
  classes.KC = (
    await insertTrainingClass(db, {
      organiserUnitId: fx.units.department,
      cohortCode: 'KC-CT',
      startDate: `${year - 1}-11-01`,
      endDate: addDays(today, 30),
      modules: [{ code: 'HP1', name: 'Triết học', periods: 10 }],
    })
  ).id;
  classes.KO = (
    await insertTrainingClass(db, {
      organiserUnitId: fx.units.department,
      cohortCode: 'KO-CU',
      startDate: `${year - 1}-02-01`,
      endDate: `${year - 1}-06-30`,
      modules: [{ code: 'HP1', name: 'Triết học', periods: 10 }],
    })
  ).id;
  const kg = await insertTrainingClass(db, {
    organiserUnitId: fx.units.department,
    cohortCode: 'KG-TN',
    startDate: addDays(today, -10),
    endDate: today,
    programmeCode: 'SC_LLCT',
    conditions: simple,
    modules: [{ code: 'HP1', name: 'Những vấn đề cơ bản về Đảng', periods: 20 }],
  });
  classes.KG = kg.id;
  enrolments.binhKG = await enrol(db, classes.KG, fx.people.binh);
  await db.query('INSERT INTO grades (enrolment_id, class_module_id, value) VALUES ($1, $2, 8.5)', [enrolments.binhKG, kg.modules.HP1]);
  const graduated = await send('POST', 'registrar', `/api/v1/classes/${classes.KG}/graduation`, { decidedOn: today });
  expect(graduated.statusCode, graduated.body).toBe(200);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const progressOf = (enrolment: number) => ok<EnrolmentProgress>('registrar', `/api/v1/enrolments/${enrolment}/progress`);

describe('the class board of one class', () => {
  it('states, learner by learner, what their progress says', async () => {
    const board = await ok<ClassLearnersBoard>('registrar', `/api/v1/classes/${classes.K}/board`);
    expect(board.learners.map((l) => l.enrolmentId).sort()).toEqual([enrolments.an, enrolments.binh, enrolments.cuong].sort());
    for (const l of board.learners) {
      const p = await progressOf(l.enrolmentId);
      const missingGrades = p.grades.modules.filter((m) => m.value === null).map((m) => m.module.code);
      expect(l, p.enrolment.person.fullName).toMatchObject({
        attendance: { held: p.attendance.held, attended: p.attendance.attended, unmarked: p.attendance.unmarked, rate: p.attendance.rate },
        recalls: p.recalls.length,
        makeUps: { required: p.makeUps.required.length, outstanding: p.makeUps.outstanding },
        conductReport: {
          state: p.conductReport === null ? 'not_requested' : p.conductReport.status,
          dueOn: p.conductReport?.dueOn ?? null,
          overdue: p.conductReport?.overdue ?? false,
        },
        grades: { entered: p.grades.modules.length - missingGrades.length, final: p.grades.finalExam.value },
        examEligibility: {
          outcome: p.examEligibility.outcome,
          summary: p.examEligibility.summary,
          missing: p.examEligibility.missing,
          checks: p.examEligibility.checks.map((c) => ({ code: c.code, label: c.label, passed: c.passed, detail: c.detail })),
        },
      });
      expect(l.grades.missing.map((m) => m.code)).toEqual(missingGrades);
    }
  });

  it('tells who may sit the exam and why the others may not yet', async () => {
    const board = await ok<ClassLearnersBoard>('registrar', `/api/v1/classes/${classes.K}/board`);
    const by = (id: number) => board.learners.find((l) => l.enrolmentId === id)!;
    const rows = [
      ['an', 'eligible', 1, 0, 'received', false],
      ['binh', 'not_eligible', 1, 1, 'pending', true],
      ['cuong', 'pending', 0.6, 0, 'not_requested', false],
    ] as const;
    for (const [who, outcome, rate, outstanding, state, overdue] of rows) {
      const l = by(enrolments[who]!);
      expect([
        who,
        l.examEligibility?.outcome,
        l.attendance.rate,
        l.makeUps.outstanding,
        l.conductReport.state,
        l.conductReport.overdue,
      ]).toEqual([who, outcome, rate, outstanding, state, overdue]);
    }
    expect(by(enrolments.binh!).examEligibility!.checks.find((c) => c.code === 'make_up')).toMatchObject({ passed: false });
    expect(by(enrolments.cuong!).examEligibility!.missing.map((m) => m.label)).toEqual([
      'điểm học phần HP1 Triết học Mác - Lênin',
      'điểm học phần HP2 Xây dựng Đảng',
      'điểm danh các buổi học',
      'nhận xét của cơ quan cử đi học',
    ]);
    expect(by(enrolments.binh!).grades).toMatchObject({ entered: 1, missing: [{ code: 'HP2', name: 'Xây dựng Đảng' }], failed: [] });
  });

  it('adds up to the class figures, which equal the sums over the learners’ progress', async () => {
    const board = await ok<ClassLearnersBoard>('registrar', `/api/v1/classes/${classes.K}/board`);
    const progress = await Promise.all([enrolments.an!, enrolments.binh!, enrolments.cuong!].map(progressOf));
    const sum = (f: (p: EnrolmentProgress) => number) => progress.reduce((n, p) => n + f(p), 0);
    const count = (f: (p: EnrolmentProgress) => boolean) => progress.filter(f).length;
    expect(board.facts).toEqual({
      learners: 3,
      enrolled: 3,
      completed: 0,
      failed: 0,
      attendance: {
        heldSessions: 5,
        possible: sum((p) => p.attendance.held),
        attended: sum((p) => p.attendance.attended),
        unmarked: sum((p) => p.attendance.unmarked),
        rate: sum((p) => p.attendance.attended) / sum((p) => p.attendance.held),
        belowMinimum: count((p) => p.examEligibility.checks.some((c) => c.code === 'attendance' && c.passed === false)),
      },
      makeUpsOutstanding: sum((p) => p.makeUps.outstanding),
      conductReports: {
        required: true,
        notRequested: count((p) => p.conductReport === null),
        missing: count((p) => p.conductReport?.status === 'pending'),
        overdue: count((p) => p.conductReport?.overdue === true),
        received: count((p) => p.conductReport?.status === 'received'),
        unsatisfactory: 0,
      },
      grades: {
        modules: 2,
        expected: 6,
        entered: sum((p) => p.grades.modules.filter((m) => m.value !== null).length),
        pending: sum((p) => p.grades.modules.filter((m) => m.value === null).length),
        finalExam: { required: true, entered: 0, pending: 3 },
      },
      examEligibility: {
        eligible: count((p) => p.examEligibility.outcome === 'eligible'),
        notEligible: count((p) => p.examEligibility.outcome === 'not_eligible'),
        pending: count((p) => p.examEligibility.outcome === 'pending'),
      },
    });
    // and the figures themselves, as a registrar reads them
    expect(board.facts.attendance).toMatchObject({ possible: 15, attended: 13, unmarked: 1 });
    expect(board.facts.examEligibility).toEqual({ eligible: 1, notEligible: 1, pending: 1 });
    expect(board.facts.conductReports).toMatchObject({ notRequested: 1, missing: 1, overdue: 1, received: 1 });
    expect(board.facts.grades).toMatchObject({ entered: 3, pending: 3 });
    expect(board.class).toMatchObject({
      capacity: 60,
      placesTaken: 4,
      freePlaces: 56,
      waitlisted: 2,
      minAttendanceRate: 0.8,
      finalExam: 'exam',
    });
  });
});

describe('the class board of a school year', () => {
  it('lists the year’s classes with the same figures as each class’s board, carried-over ones flagged', async () => {
    const board = await ok<ClassBoard>('registrar', `/api/v1/classes/board?year=${year}`);
    expect(board.items.map((i) => i.class.cohortCode).sort()).toEqual(['K-BANG', 'KC-CT', 'KG-TN']);
    const k = board.items.find((i) => i.class.id === classes.K)!;
    const one = await ok<ClassLearnersBoard>('registrar', `/api/v1/classes/${classes.K}/board`);
    expect(k.facts).toEqual(one.facts);
    const kc = board.items.find((i) => i.class.id === classes.KC)!;
    expect(kc.class.carriedOver).toBe(true);
    expect(k.class.carriedOver).toBe(training.isCarriedOver({ startDate: k.class.startDate, endDate: k.class.endDate }, year));
    const kg = board.items.find((i) => i.class.id === classes.KG)!;
    expect(kg.class.status).toBe('finished');
    expect(kg.facts).toMatchObject({
      learners: 1,
      enrolled: 0,
      completed: 1,
      examEligibility: { eligible: 0, notEligible: 0, pending: 0 },
    });
    expect(board.classes).toEqual({
      total: 3,
      opened: 3 - board.items.filter((i) => i.class.carriedOver).length,
      carriedOver: board.items.filter((i) => i.class.carriedOver).length,
    });
    expect(board.totals.learners).toBe(4);
    expect(board.totals.examEligibility).toEqual({ eligible: 1, notEligible: 1, pending: 1 });
  });

  it('defaults to this year and shows another year on request', async () => {
    const now = await ok<ClassBoard>('registrar', '/api/v1/classes/board');
    expect(now.year).toBe(year);
    const last = await ok<ClassBoard>('registrar', `/api/v1/classes/board?year=${year - 1}`);
    // K and KG started 40 and 10 days ago: last year too in early January
    const startedLastYear = (
      [
        ['K-BANG', -40],
        ['KG-TN', -10],
      ] as const
    )
      .filter(([, days]) => addDays(today, days) < `${year}-01-01`)
      .map(([c]) => c);
    expect(last.items.map((i) => i.class.cohortCode).sort()).toEqual(['KC-CT', 'KO-CU', ...startedLastYear].sort());
  });

  it('refuses a year that is not a year', async () => {
    const res = await get('registrar', '/api/v1/classes/board?year=20x6');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toEqual(['year']);
  });

  const visible = [
    ['registrar', ['K-BANG', 'KC-CT', 'KG-TN']],
    ['registrarB', ['KB-XA']],
    ['board', ['K-BANG', 'KB-XA', 'KC-CT', 'KG-TN']],
    ['noivu', ['K-BANG', 'KB-XA', 'KC-CT', 'KG-TN']],
    ['sysadmin', ['K-BANG', 'KB-XA', 'KC-CT', 'KG-TN']],
    ['lecturer', ['K-BANG']],
    ['officerA', []],
  ] as const;
  it.each(visible)('shows %s the classes %j', async (who, cohorts) => {
    const board = await ok<ClassBoard>(who, `/api/v1/classes/board?year=${year}`);
    expect(board.items.map((i) => i.class.cohortCode).sort()).toEqual([...cohorts]);
  });

  const oneClass = [
    ['registrar', 'K', 200],
    ['registrarB', 'K', 404],
    ['registrarB', 'KB', 200],
    ['lecturer', 'K', 200],
    ['lecturer', 'KC', 404],
    ['officerA', 'K', 404],
    ['board', 'KB', 200],
    ['learner', 'K', 403],
  ] as const;
  it.each(oneClass)('answers %s on the board of class %s with %i', async (who, cls, status) => {
    expect((await get(who, `/api/v1/classes/${classes[cls]}/board`)).statusCode).toBe(status);
  });

  it('answers 404 for a class that does not exist and 403 to a learner on the year board', async () => {
    expect((await get('registrar', '/api/v1/classes/999999/board')).statusCode).toBe(404);
    expect((await get('learner', '/api/v1/classes/board')).statusCode).toBe(403);
  });
});

describe('my learners (the sending agency)', () => {
  it('shows commune A where each of its people is and what it owes the school', async () => {
    const mine = await ok<MyLearners>('officerA', '/api/v1/me/learners');
    const rows = Object.fromEntries(mine.items.map((r) => [r.person.id, r]));
    expect(Object.keys(rows).map(Number).sort()).toEqual([fx.people.an, fx.people.binh, nominee].sort());
    expect(mine.total).toBe(3);
    const an = rows[fx.people.an]!;
    expect(an).toMatchObject({
      class: { id: classes.K },
      nomination: { status: 'enrolled', awaiting: null, waitlistPosition: null },
      enrolment: { id: enrolments.an, status: 'enrolled' },
      attendance: { held: 5, attended: 5, rate: 1 },
      recalls: [],
      makeUpsOutstanding: 0,
      conductReport: { state: 'received', overdue: false },
    });
    const binh = rows[fx.people.binh]!;
    const binhProgress = await progressOf(enrolments.binh!);
    expect(binh).toMatchObject({
      attendance: { held: binhProgress.attendance.held, attended: binhProgress.attendance.attended, rate: binhProgress.attendance.rate },
      recalls: [{ fromDate: addDays(today, -15), toDate: addDays(today, -15) }],
      makeUpsOutstanding: binhProgress.makeUps.outstanding,
      conductReport: { state: 'pending', dueOn: addDays(today, -2), overdue: true },
    });
    const approver = (await db.query<{ approver: string }>("SELECT approver FROM programmes WHERE code = 'TC_LLCT'")).rows[0]!.approver;
    expect(rows[nominee]).toMatchObject({
      nomination: {
        status: 'nominated',
        awaiting: approver,
        awaitingLabel: approver === 'home_affairs' ? 'Sở Nội vụ' : 'Ban Tổ chức Tỉnh ủy',
      },
      enrolment: null,
      attendance: null,
      makeUpsOutstanding: null,
      conductReport: null,
    });
    expect(mine.owed).toEqual({
      pending: 1,
      overdue: 1,
      items: [
        {
          enrolmentId: enrolments.binh,
          person: { id: fx.people.binh, fullName: 'Nguyễn Thị Bình' },
          class: { id: classes.K, name: 'Lớp trung cấp lý luận chính trị K-BANG', cohortCode: 'K-BANG' },
          dueOn: addDays(today, -2),
          overdue: true,
          reminders: 0,
        },
      ],
    });
  });

  it('shows Sở Y tế its people waiting for a place, in waitlist order', async () => {
    const mine = await ok<MyLearners>('officerD', '/api/v1/me/learners');
    expect(mine.items.map((r) => [r.person.id, r.nomination?.status, r.nomination?.waitlistPosition])).toEqual(
      expect.arrayContaining([
        [waitingColleague, 'waitlisted', 1],
        [fx.people.dung, 'waitlisted', 2],
      ]),
    );
    expect(mine.total).toBe(2);
    expect(mine.owed).toEqual({ pending: 0, overdue: 0, items: [] });
  });

  it('pages, filters by class, and leaves finished classes out', async () => {
    const page = await ok<MyLearners>('board', '/api/v1/me/learners?limit=2&offset=0');
    expect([page.total, page.items.length]).toEqual([6, 2]);
    const past = await ok<MyLearners>('board', '/api/v1/me/learners?limit=2&offset=10');
    expect([past.total, past.items.length]).toEqual([6, 0]);
    const other = await ok<MyLearners>('board', `/api/v1/me/learners?classId=${classes.KG}`);
    expect(other.total).toBe(0);
  });

  it.each([
    ['registrar', 403],
    ['lecturer', 403],
    ['learner', 403],
  ] as const)('refuses %s (%i)', async (who, status) => {
    expect((await get(who, '/api/v1/me/learners')).statusCode).toBe(status);
  });
});

describe('my learning (the learner)', () => {
  it('gives Bình her classes, schedule with her marks, grades, progress and certificate', async () => {
    const mine = await ok<MyLearning>('learner', '/api/v1/me/learning');
    expect(mine.person).toEqual({ id: fx.people.binh, fullName: 'Nguyễn Thị Bình' });
    expect(mine.classes.map((c) => c.class.id).sort()).toEqual([classes.K, classes.KG].sort());
    const k = mine.classes.find((c) => c.class.id === classes.K)!;
    const p = await progressOf(enrolments.binh!);
    expect(k).toMatchObject({
      enrolmentId: enrolments.binh,
      status: 'enrolled',
      attendance: { held: p.attendance.held, attended: p.attendance.attended, rate: p.attendance.rate, minRate: 0.8 },
      makeUpsOutstanding: 1,
      grades: {
        modules: [
          { code: 'HP1', value: 6, passed: true },
          { code: 'HP2', value: null, passed: null },
        ],
        finalExam: { kind: 'exam', value: null, passed: null },
        average: null,
      },
      progress: {
        examEligibility: { outcome: p.examEligibility.outcome, summary: p.examEligibility.summary },
        graduation: { outcome: p.graduation.outcome, summary: p.graduation.summary },
        classification: null,
      },
      certificateId: null,
    });
    expect(k.sessions!.map((x) => [x.date, x.kind, x.mark, x.makeUp])).toEqual(
      p.attendance.sessions.map((x) => [
        x.session.date,
        x.session.kind,
        x.mark,
        x.session.date === addDays(today, -15) ? { doneOn: null } : null,
      ]),
    );
    expect(k.sessions![0]).toMatchObject({
      startTime: '07:30',
      endTime: '11:00',
      room: 'Phòng 201',
      lecturer: 'Giảng Viên Một',
      module: { code: 'HP1' },
    });

    const kg = mine.classes.find((c) => c.class.id === classes.KG)!;
    expect(kg).toMatchObject({
      status: 'completed',
      sessions: null,
      progress: { graduation: { outcome: 'graduated' }, classification: { label: 'Giỏi' }, graduatedOn: today },
    });
    expect(mine.certificates).toHaveLength(1);
    const cert = mine.certificates[0]!;
    expect(cert).toMatchObject({
      id: kg.certificateId,
      programme: { code: 'SC_LLCT' },
      classification: { label: 'Giỏi' },
      revoked: false,
      issuedOn: today,
    });
    const pdf = await get('learner', cert.pdfPath);
    expect([pdf.statusCode, pdf.headers['content-type']]).toEqual([200, 'application/pdf']);
  });

  it('gives another learner only their own', async () => {
    const mine = await ok<MyLearning>('learnerCuong', '/api/v1/me/learning');
    expect([mine.person.id, mine.classes.map((c) => c.enrolmentId), mine.certificates]).toEqual([fx.people.cuong, [enrolments.cuong], []]);
  });

  it.each(['registrar', 'board', 'officerA', 'lecturer'])('has nothing for %s, whose account is not a learner’s (404)', async (who) => {
    const res = await get(who, '/api/v1/me/learning');
    expect([res.statusCode, res.json().error.code]).toEqual([404, 'NOT_FOUND']);
  });
});
