import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { todayInVietnam } from '@nang-tam/domain';
import type { Db } from '@nang-tam/db';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, seedFixture, type Fixture, type Session } from '../../../../tests/support/fixtures.js';
import { addDays, addUser, assignLecturer, enrol, insertLecturer, insertSession, insertTrainingClass } from '../../../../tests/support/learners.js';
import { remindOverdueConductReports } from '../services/learners.service.js';

/**
 * The end of a course through the API: the school asks the home agencies for their conduct
 * reports, the agencies see what they owe (overdue after the due date, reminded) and fill them in;
 * grades are entered and checked against the class's scheme; the class graduates in one action.
 *
 * Class K (trung cấp LLCT: 80% attendance, final exam, conduct report required; HP1 40 periods
 * taught by the fixture lecturer, HP2 20 periods by another) ran from 60 days ago to yesterday,
 * organised by Sở Y tế. An and Bình (commune A, officer A) and Cường (commune B) are enrolled.
 */
let db: Db;
let app: FastifyInstance;
let fx: Fixture;
const today = todayInVietnam();
const s: Record<string, Session> = {};
let classId: number;
let modules: Record<string, number>;
let otherClassId: number;
const enrolments: Record<string, number> = {};
const sessionIds: number[] = [];

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  app = await buildTestApp(db);
  await addUser(db, 'lecturer2', 'lecturer', fx.units.department);
  const cls = await insertTrainingClass(db, {
    organiserUnitId: fx.units.department,
    cohortCode: 'K-TN',
    startDate: addDays(today, -60),
    endDate: addDays(today, -1),
    modules: [
      { code: 'HP1', name: 'Những vấn đề cơ bản của chủ nghĩa Mác - Lênin', periods: 40 },
      { code: 'HP2', name: 'Kỹ năng lãnh đạo, quản lý', periods: 20 },
    ],
  });
  classId = cls.id;
  modules = cls.modules;
  const mine = await insertLecturer(db, 'Giảng Viên Một', fx.units.department, fx.users.lecturer!.id);
  const other = await insertLecturer(db, 'Giảng Viên Hai', fx.units.department, (await db.query<{ id: number }>("SELECT id FROM users WHERE username = 'lecturer2'")).rows[0]!.id);
  await assignLecturer(db, modules.HP1!, mine, 40);
  await assignLecturer(db, modules.HP2!, other, 20);
  for (const [i, code] of ['HP1', 'HP1', 'HP1', 'HP2', 'HP2'].entries()) {
    sessionIds.push(await insertSession(db, classId, { moduleId: modules[code]!, date: addDays(today, -50 + i * 7), lecturerId: code === 'HP1' ? mine : other }));
  }
  enrolments.an = await enrol(db, classId, fx.people.an);
  enrolments.binh = await enrol(db, classId, fx.people.binh);
  enrolments.cuong = await enrol(db, classId, fx.people.cuong);
  // everyone attended every session
  for (const sessionId of sessionIds) {
    for (const e of Object.values(enrolments)) {
      await db.query("INSERT INTO attendance (session_id, enrolment_id, mark, source) VALUES ($1, $2, 'present', 'registrar')", [sessionId, e]);
    }
  }
  const elsewhere = await insertTrainingClass(db, {
    organiserUnitId: fx.units.department,
    cohortCode: 'K-KHAC',
    startDate: addDays(today, -30),
    endDate: addDays(today, 30),
    modules: [{ code: 'HP1', name: 'Triết học', periods: 10 }],
  });
  otherClassId = elsewhere.id;
  enrolments.dungElsewhere = await enrol(db, otherClassId, fx.people.dung);
  for (const u of ['registrar', 'lecturer', 'lecturer2', 'officerA', 'board', 'learner']) s[u] = await loginAs(app, u);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const send = (method: 'PUT' | 'POST', who: string, url: string, payload: object) => app.inject({ method, url, headers: as(s[who]!), payload });
const get = (who: string, url: string) => app.inject({ url, headers: as(s[who]!) });
const detailsOf = (res: { json(): { error: { details: { path: string; code: string }[] } } }) => res.json().error.details.map((d) => ({ path: d.path, code: d.code }));

async function gradeCount(): Promise<number> {
  return (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM grades')).rows[0]!.n;
}

describe('conduct reports', () => {
  it('refuses a due date in the past', async () => {
    const res = await send('POST', 'registrar', `/api/v1/classes/${classId}/conduct-reports/request`, { dueOn: addDays(today, -1) });
    expect([res.statusCode, detailsOf(res)]).toEqual([400, [{ path: 'dueOn', code: 'DATE_IN_PAST' }]]);
  });

  it('goes from the school’s request to the agency’s list, overdue and reminded, to the filled report the school receives', async () => {
    const asked = await send('POST', 'registrar', `/api/v1/classes/${classId}/conduct-reports/request`, { dueOn: addDays(today, 3) });
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json()).toMatchObject({ requested: 3, alreadyRequested: 0 });
    expect((await send('POST', 'registrar', `/api/v1/classes/${classId}/conduct-reports/request`, { dueOn: addDays(today, 5) })).json()).toMatchObject({ requested: 0, alreadyRequested: 3 });

    // officer A owes reports on their own people only
    const owed = (await get('officerA', '/api/v1/conduct-reports?status=pending')).json();
    expect(owed.items.map((r: { person: { fullName: string }; overdue: boolean; dueOn: string }) => [r.person.fullName, r.overdue, r.dueOn])).toEqual([
      ['Nguyễn Văn An', false, addDays(today, 3)],
      ['Nguyễn Thị Bình', false, addDays(today, 3)],
    ]);

    // the due date passes
    await db.query('UPDATE conduct_reports SET due_on = $1', [addDays(today, -1)]);
    const overdue = (await get('officerA', '/api/v1/conduct-reports?status=pending&overdue=true')).json();
    expect(overdue.total).toBe(2);
    expect(overdue.items.every((r: { overdue: boolean }) => r.overdue)).toBe(true);
    expect(await remindOverdueConductReports(db)).toBe(3);
    expect(await remindOverdueConductReports(db)).toBe(0); // once a day
    expect((await get('officerA', '/api/v1/conduct-reports?status=pending')).json().items.map((r: { reminders: number }) => r.reminders)).toEqual([1, 1]);

    const content = { conduct: 'Có ý thức học tập tốt', discipline: 'Chấp hành nghiêm nội quy', workDuringCourse: 'Hoàn thành nhiệm vụ được giao' };
    const report = { satisfactory: true, ...content };
    const filled = await send('PUT', 'officerA', `/api/v1/enrolments/${enrolments.an}/conduct-report`, report);
    expect(filled.statusCode, filled.body).toBe(200);
    expect(filled.json()).toMatchObject({ status: 'received', overdue: false, satisfactory: true, content, filledBy: 'officerA' });
    expect((await send('PUT', 'officerA', `/api/v1/enrolments/${enrolments.cuong}/conduct-report`, report)).statusCode).toBe(404);
    expect((await send('PUT', 'officerA', `/api/v1/enrolments/${enrolments.binh}/conduct-report`, report)).statusCode).toBe(200);
    expect((await get('officerA', '/api/v1/conduct-reports?status=pending')).json().total).toBe(0);

    const school = (await get('registrar', `/api/v1/conduct-reports?classId=${classId}`)).json();
    expect(school.items.map((r: { person: { fullName: string }; status: string; overdue: boolean }) => [r.person.fullName, r.status, r.overdue])).toEqual([
      ['Trần Văn Cường', 'pending', true],
      ['Nguyễn Văn An', 'received', false],
      ['Nguyễn Thị Bình', 'received', false],
    ]);
    const audit = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE entity = 'conduct_report' AND action IN ('create', 'update')");
    expect(audit.rows[0]!.n).toBe(2);
  });
});

describe('grades', () => {
  const ok = (enrolment: string, moduleCode: string | null, value: number | null) => ({
    enrolmentId: enrolments[enrolment],
    moduleId: moduleCode === null ? null : modules[moduleCode],
    value,
  });

  const refusals = [
    { what: 'a grade above the scale', who: 'registrar', grades: () => [ok('an', 'HP1', 9), ok('binh', 'HP1', 7), ok('cuong', 'HP1', 11)], status: 400, details: [{ path: 'grades.2.value', code: 'GRADE_OUT_OF_SCALE' }] },
    { what: 'a negative grade', who: 'registrar', grades: () => [ok('an', 'HP1', -1)], status: 400, details: [{ path: 'grades.0.value', code: 'GRADE_OUT_OF_SCALE' }] },
    { what: 'a grade off the step', who: 'registrar', grades: () => [ok('an', 'HP1', 9), ok('binh', 'HP1', 7), ok('cuong', 'HP1', 7.25)], status: 400, details: [{ path: 'grades.2.value', code: 'GRADE_NOT_ON_STEP' }] },
    { what: 'the same cell twice', who: 'registrar', grades: () => [ok('an', 'HP1', 9), ok('an', 'HP1', 8)], status: 400, details: [{ path: 'grades.1.enrolmentId', code: 'DUPLICATE_ENTRY' }] },
    { what: 'a module of another class', who: 'registrar', grades: () => [{ ...ok('an', null, 9), moduleId: 999999 }], status: 400, details: [{ path: 'grades.0.moduleId', code: 'UNKNOWN_MODULE' }] },
    { what: 'a learner of another class', who: 'registrar', grades: () => [ok('an', 'HP1', 9), ok('dungElsewhere', 'HP1', 8)], status: 422, details: [{ path: 'grades.1.enrolmentId', code: 'NOT_IN_CLASS' }] },
    { what: 'a lecturer grading a module they do not teach', who: 'lecturer', grades: () => [ok('an', 'HP1', 9), ok('an', 'HP2', 9)], status: 403, details: [{ path: 'grades.1.moduleId', code: 'MODULE_NOT_TAUGHT' }] },
    { what: 'a lecturer grading the final exam', who: 'lecturer', grades: () => [ok('an', null, 9)], status: 403, details: [{ path: 'grades.0.moduleId', code: 'MODULE_NOT_TAUGHT' }] },
  ];
  it.each(refusals)('refuses $what, naming the row, and writes nothing', async ({ who, grades, status, details }) => {
    const res = await send('PUT', who, `/api/v1/classes/${classId}/grades`, { grades: grades() });
    expect(res.statusCode, res.body).toBe(status);
    expect(detailsOf(res)).toEqual(details);
    expect(await gradeCount()).toBe(0);
  });

  it('explains an out-of-scale grade with the class’s scale', async () => {
    const res = await send('PUT', 'registrar', `/api/v1/classes/${classId}/grades`, { grades: [ok('an', 'HP1', 11)] });
    expect(res.json().error.details[0].message).toBe('Điểm 11: điểm nằm ngoài thang điểm (thang điểm từ 0 đến 10, bước 0,1).');
  });

  it('answers 404 to a lecturer who teaches nothing in the class', async () => {
    expect((await get('lecturer', `/api/v1/classes/${otherClassId}/grades`)).statusCode).toBe(404);
    expect((await send('PUT', 'lecturer', `/api/v1/classes/${otherClassId}/grades`, { grades: [ok('dungElsewhere', null, 5)] })).statusCode).toBe(404);
  });

  it('lets each lecturer grade their module and the school the rest, auditing every change with its value before', async () => {
    const hp1 = await send('PUT', 'lecturer', `/api/v1/classes/${classId}/grades`, { grades: [ok('an', 'HP1', 9), ok('binh', 'HP1', 7), ok('cuong', 'HP1', 6)] });
    expect(hp1.statusCode, hp1.body).toBe(200);
    expect(hp1.json().modules.map((m: { code: string; editable: boolean }) => [m.code, m.editable])).toEqual([['HP1', true], ['HP2', false]]);
    expect(hp1.json().finalEditable).toBe(false);
    const hp2 = await send('PUT', 'lecturer2', `/api/v1/classes/${classId}/grades`, { grades: [ok('an', 'HP2', 9.3), ok('binh', 'HP2', 7)] });
    expect(hp2.statusCode, hp2.body).toBe(200);
    // the school corrects An's HP1 from 9 to 8.9, then back
    await send('PUT', 'registrar', `/api/v1/classes/${classId}/grades`, { grades: [ok('an', 'HP1', 8.9)] });
    const back = await send('PUT', 'registrar', `/api/v1/classes/${classId}/grades`, { grades: [ok('an', 'HP1', 9)] });
    const an = back.json().rows.find((r: { enrolmentId: number }) => r.enrolmentId === enrolments.an);
    expect(an.modules.map((c: { value: number }) => c.value)).toEqual([9, 9.3]);
    expect(an.average).toBe(9.1);
    const audit = await db.query<{ action: string; before: { value: number } | null; after: { value: number } | null }>(
      "SELECT action, before, after FROM audit_log WHERE entity = 'grade' AND entity_id = $1 ORDER BY id",
      [`${enrolments.an}:HP1`],
    );
    expect(audit.rows.map((r) => [r.action, r.before?.value ?? null, r.after?.value ?? null])).toEqual([
      ['create', null, 9],
      ['update', 9, 8.9],
      ['update', 8.9, 9],
    ]);
  });
});

describe('graduation', () => {
  async function state() {
    const cls = (await db.query<{ status: string }>('SELECT status FROM classes WHERE id = $1', [classId])).rows[0]!.status;
    const enr = await db.query<{ id: number; status: string; classification: string | null; average: number | null; graduated_on: string | null }>(
      'SELECT id, status, classification, average, graduated_on FROM enrolments WHERE class_id = $1 ORDER BY id',
      [classId],
    );
    const certificates = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM certificates')).rows[0]!.n;
    return { cls, enrolments: enr.rows, certificates };
  }

  it('answers 409 listing who lacks what, and changes nothing', async () => {
    // missing: Cường's HP2 grade and conduct report, every final exam grade
    const before = await state();
    const res = await send('POST', 'registrar', `/api/v1/classes/${classId}/graduation`, { decidedOn: today });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.code).toBe('GRADUATION_PENDING');
    const details = res.json().error.details as { path: string; code: string; message: string }[];
    expect(details.map((d) => d.path)).toEqual([
      `enrolments.${enrolments.an}.finalExam`,
      `enrolments.${enrolments.binh}.finalExam`,
      `enrolments.${enrolments.cuong}.grades.HP2`,
      `enrolments.${enrolments.cuong}.conductReport`,
      `enrolments.${enrolments.cuong}.finalExam`,
    ]);
    expect(details[2]!.message).toBe('Trần Văn Cường: còn thiếu điểm học phần HP2 Kỹ năng lãnh đạo, quản lý.');
    expect(details[3]!.message).toBe('Trần Văn Cường: còn thiếu nhận xét của cơ quan cử đi học.');
    expect(await state()).toEqual(before);
    expect(before.cls).toBe('open');

    const preview = (await get('registrar', `/api/v1/classes/${classId}/graduation/preview`)).json();
    expect(preview).toMatchObject({ ready: false, counts: { graduated: 0, notGraduated: 0, pending: 3 } });
  });

  it('graduates a complete class: classifications written, the failing learner failed, certificates issued', async () => {
    // Cường fails HP2 (4.0 below the pass mark of 5); the board files his agency's report
    const grades = await send('PUT', 'registrar', `/api/v1/classes/${classId}/grades`, {
      grades: [
        { enrolmentId: enrolments.cuong, moduleId: modules.HP2, value: 4 },
        ...['an', 'binh', 'cuong'].map((k) => ({ enrolmentId: enrolments[k], moduleId: null, value: 8 })),
      ],
    });
    expect(grades.statusCode, grades.body).toBe(200);
    const report = await send('PUT', 'board', `/api/v1/enrolments/${enrolments.cuong}/conduct-report`, { satisfactory: true, conduct: 'Tốt', discipline: 'Tốt' });
    expect(report.statusCode, report.body).toBe(200);

    const preview = (await get('registrar', `/api/v1/classes/${classId}/graduation/preview`)).json();
    expect(preview).toMatchObject({ ready: true, counts: { graduated: 2, notGraduated: 1, pending: 0 } });

    const res = await send('POST', 'registrar', `/api/v1/classes/${classId}/graduation`, { decidedOn: today });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ decidedOn: today, completed: 2, failed: 1, class: { status: 'finished' } });
    expect(body.certificates).toHaveLength(2);
    const byName = Object.fromEntries(
      body.learners.map((l: { person: { fullName: string }; decision: { outcome: string; classification: { label: string } | null; average: number } }) => [
        l.person.fullName,
        [l.decision.outcome, l.decision.classification?.label ?? null, l.decision.average],
      ]),
    );
    expect(byName).toEqual({
      'Nguyễn Văn An': ['graduated', 'Xuất sắc', 9.1],
      'Nguyễn Thị Bình': ['graduated', 'Khá', 7],
      'Trần Văn Cường': ['not_graduated', null, 5.33],
    });
    const cuong = body.learners.find((l: { enrolmentId: number }) => l.enrolmentId === enrolments.cuong);
    expect(cuong.decision.checks.find((c: { code: string }) => c.code === 'modules_passed').detail).toContain('HP2');

    const after = await state();
    expect(after.cls).toBe('finished');
    expect(after.enrolments.map((e) => [e.id, e.status, e.classification, e.average, e.graduated_on])).toEqual([
      [enrolments.an, 'completed', 'xuat_sac', 9.1, today],
      [enrolments.binh, 'completed', 'kha', 7, today],
      [enrolments.cuong, 'failed', null, 5.33, null],
    ]);
    expect(after.certificates).toBe(2);
    const audit = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'graduate'");
    expect(audit.rows[0]!.n).toBe(4);
  });

  it('refuses to graduate the class twice, or to change it afterwards', async () => {
    const again = await send('POST', 'registrar', `/api/v1/classes/${classId}/graduation`, { decidedOn: today });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'CLASS_FINISHED']);
    const grade = await send('PUT', 'registrar', `/api/v1/classes/${classId}/grades`, { grades: [{ enrolmentId: enrolments.an, moduleId: modules.HP1, value: 5 }] });
    expect([grade.statusCode, grade.json().error.code]).toEqual([409, 'CLASS_FINISHED']);
    const marks = await send('PUT', 'registrar', `/api/v1/sessions/${sessionIds[0]}/attendance`, { marks: [{ enrolmentId: enrolments.an, mark: 'absent_unexcused' }] });
    expect([marks.statusCode, marks.json().error.code]).toEqual([409, 'CLASS_FINISHED']);
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM certificates')).rows[0]!.n).toBe(2);
  });

  it('shows the learner their graduation in their own progress', async () => {
    const res = await get('learner', `/api/v1/enrolments/${enrolments.binh}/progress`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().enrolment).toMatchObject({ status: 'completed', classification: { code: 'kha', label: 'Khá' }, graduatedOn: today });
    expect(res.json().conductReport).toMatchObject({ status: 'received', content: null });
  });
});
