import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { todayInVietnam } from '@nang-tam/domain';
import type { Db } from '@nang-tam/db';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, seedFixture, type Fixture, type Session } from '../../../../tests/support/fixtures.js';
import { addDays, addUser, assignLecturer, enrol, insertLecturer, insertSession, insertTrainingClass } from '../../../../tests/support/learners.js';
import { checkinWindowOf, signCheckinToken } from '../services/attendance.service.js';

/**
 * Attendance through the API: the school and the lecturer mark sessions, learners check in with
 * the session's QR code (also offline, synced later), the home agency recalls a learner and the
 * school records the make-up. The class runs from 20 days ago to 20 days ahead, organised by Sở Y
 * tế (the fixture registrar's unit); An and Bình (commune A, officer A's people) and Cường
 * (commune B) are enrolled, Dung is not.
 */
let db: Db;
let app: FastifyInstance;
let fx: Fixture;
const today = todayInVietnam();
const s: Record<string, Session> = {};
let classId: number;
let otherClassEnrolment: number;
const sessions: Record<string, number> = {};
const enrolments: Record<string, number> = {};

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  app = await buildTestApp(db);
  await addUser(db, 'learnerCuong', 'learner', fx.units.communeB, fx.people.cuong);
  await addUser(db, 'learnerDung', 'learner', fx.units.department, fx.people.dung);
  await addUser(db, 'registrarB', 'school_registrar', fx.units.communeB);
  const cls = await insertTrainingClass(db, {
    organiserUnitId: fx.units.department,
    cohortCode: 'K-DD',
    startDate: addDays(today, -20),
    endDate: addDays(today, 20),
    modules: [
      { code: 'HP1', name: 'Triết học Mác - Lênin', periods: 30 },
      { code: 'HP2', name: 'Xây dựng Đảng', periods: 20 },
    ],
  });
  classId = cls.id;
  const mine = await insertLecturer(db, 'Giảng Viên Một', fx.units.department, fx.users.lecturer!.id);
  const other = await insertLecturer(db, 'Giảng Viên Hai', fx.units.department);
  await assignLecturer(db, cls.modules.HP1!, mine, 20);
  await assignLecturer(db, cls.modules.HP2!, other, 20);
  const add = (key: string, moduleCode: 'HP1' | 'HP2', date: string, lecturerId: number | null, start = '07:30', end = '11:00') =>
    insertSession(db, classId, { moduleId: cls.modules[moduleCode]!, date, lecturerId, start, end }).then((id) => (sessions[key] = id));
  await add('past1', 'HP1', addDays(today, -10), mine);
  await add('past2', 'HP1', addDays(today, -9), other);
  await add('past3', 'HP2', addDays(today, -8), mine);
  await add('yesterday', 'HP1', addDays(today, -1), mine);
  await add('today', 'HP2', today, mine, '00:00', '23:59');
  await add('future', 'HP1', addDays(today, 5), mine);
  await add('concurrent', 'HP1', addDays(today, -5), mine);
  enrolments.an = await enrol(db, classId, fx.people.an);
  enrolments.binh = await enrol(db, classId, fx.people.binh);
  enrolments.cuong = await enrol(db, classId, fx.people.cuong);
  const elsewhere = await insertTrainingClass(db, {
    organiserUnitId: fx.units.department,
    cohortCode: 'K-KHAC',
    startDate: addDays(today, -20),
    endDate: addDays(today, 20),
    modules: [{ code: 'HP1', name: 'Triết học', periods: 10 }],
  });
  otherClassEnrolment = await enrol(db, elsewhere.id, fx.people.dung);
  for (const u of ['registrar', 'registrarB', 'lecturer', 'officerA', 'board', 'learner', 'learnerCuong', 'learnerDung']) s[u] = await loginAs(app, u);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const put = (who: string, url: string, payload: object) => app.inject({ method: 'PUT', url, headers: as(s[who]!), payload });
const post = (who: string, url: string, payload: object) => app.inject({ method: 'POST', url, headers: as(s[who]!), payload });
const get = (who: string, url: string) => app.inject({ url, headers: as(s[who]!) });

async function marksOf(sessionId: number): Promise<{ enrolment_id: number; mark: string; source: string; client_id: string | null }[]> {
  const r = await db.query<{ enrolment_id: number; mark: string; source: string; client_id: string | null }>(
    'SELECT enrolment_id, mark, source, client_id FROM attendance WHERE session_id = $1 ORDER BY enrolment_id',
    [sessionId],
  );
  return r.rows;
}

describe('marking attendance', () => {
  it('records the marks of a held session in one go, audited, and shows them', async () => {
    const res = await put('registrar', `/api/v1/sessions/${sessions.past1}/attendance`, {
      marks: [
        { enrolmentId: enrolments.an, mark: 'present' },
        { enrolmentId: enrolments.binh, mark: 'absent_excused' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.held).toBe(true);
    expect(body.counts).toEqual({ present: 1, absentExcused: 1, absentUnexcused: 0, recalled: 0, unmarked: 1 });
    const byPerson = Object.fromEntries(body.items.map((i: { person: { fullName: string }; mark: string | null; source: string | null }) => [i.person.fullName, [i.mark, i.source]]));
    expect(byPerson).toEqual({ 'Nguyễn Văn An': ['present', 'registrar'], 'Nguyễn Thị Bình': ['absent_excused', 'registrar'], 'Trần Văn Cường': [null, null] });
    const audit = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE entity = 'attendance' AND entity_id LIKE $1", [`${sessions.past1}:%`]);
    expect(audit.rows[0]!.n).toBe(2);
    const read = await get('registrar', `/api/v1/sessions/${sessions.past1}/attendance`);
    expect(read.json().counts.present).toBe(1);
  });

  it('lets the lecturer mark the sessions they teach', async () => {
    const res = await put('lecturer', `/api/v1/sessions/${sessions.past3}/attendance`, { marks: [{ enrolmentId: enrolments.cuong, mark: 'absent_unexcused' }] });
    expect(res.statusCode, res.body).toBe(200);
    expect(await marksOf(sessions.past3!)).toEqual([{ enrolment_id: enrolments.cuong, mark: 'absent_unexcused', source: 'lecturer', client_id: null }]);
  });

  const refusals = [
    {
      what: 'a session that has not happened yet',
      who: 'registrar',
      session: 'future',
      marks: () => [{ enrolmentId: enrolments.an, mark: 'present' }],
      status: 422,
      code: 'SESSION_NOT_HELD',
      details: [],
    },
    {
      what: 'a person not in the class (named by row)',
      who: 'registrar',
      session: 'past2',
      marks: () => [
        { enrolmentId: enrolments.an, mark: 'present' },
        { enrolmentId: otherClassEnrolment, mark: 'present' },
      ],
      status: 422,
      code: 'NOT_IN_CLASS',
      details: [{ path: 'marks.1.enrolmentId', code: 'NOT_IN_CLASS' }],
    },
    {
      what: 'the same learner twice',
      who: 'registrar',
      session: 'past2',
      marks: () => [
        { enrolmentId: enrolments.an, mark: 'present' },
        { enrolmentId: enrolments.an, mark: 'absent_unexcused' },
      ],
      status: 400,
      code: 'VALIDATION_FAILED',
      details: [{ path: 'marks.1.enrolmentId', code: 'DUPLICATE_ENTRY' }],
    },
    {
      what: 'a mark that does not exist',
      who: 'registrar',
      session: 'past2',
      marks: () => [{ enrolmentId: enrolments.an, mark: 'late' }],
      status: 400,
      code: 'VALIDATION_FAILED',
      details: [{ path: 'marks.0.mark', code: 'INVALID_VALUE' }],
    },
    { what: 'a lecturer on a session they do not teach', who: 'lecturer', session: 'past2', marks: () => [{ enrolmentId: enrolments.an, mark: 'present' }], status: 404, code: 'NOT_FOUND', details: [] },
    { what: 'a registrar of another unit', who: 'registrarB', session: 'past2', marks: () => [{ enrolmentId: enrolments.an, mark: 'present' }], status: 404, code: 'NOT_FOUND', details: [] },
    { what: 'an agency officer', who: 'officerA', session: 'past2', marks: () => [{ enrolmentId: enrolments.an, mark: 'present' }], status: 403, code: 'FORBIDDEN', details: [] },
  ];
  it.each(refusals)('refuses $what and writes nothing', async ({ who, session, marks, status, code, details }) => {
    const before = await marksOf(sessions[session]!);
    const res = await put(who, `/api/v1/sessions/${sessions[session]}/attendance`, { marks: marks() });
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().error.code).toBe(code);
    expect(res.json().error.details.map((d: { path: string; code: string }) => ({ path: d.path, code: d.code }))).toEqual(details);
    expect(await marksOf(sessions[session]!)).toEqual(before);
  });
});

describe('two people marking the same session at once', () => {
  const url = () => `/api/v1/sessions/${sessions.concurrent}/attendance`;

  it('refuses the second save where the first changed what it saw, names each learner, and saves nothing', async () => {
    const first = await put('lecturer', url(), {
      marks: [
        { enrolmentId: enrolments.an, mark: 'present', expected: null },
        { enrolmentId: enrolments.binh, mark: 'absent_excused', expected: null },
      ],
    });
    expect(first.statusCode, first.body).toBe(200);
    // the school loaded the session before the lecturer saved: it still believes all three unmarked
    const second = await put('registrar', url(), {
      marks: [
        { enrolmentId: enrolments.cuong, mark: 'present', expected: null },
        { enrolmentId: enrolments.an, mark: 'absent_unexcused', expected: null },
      ],
    });
    expect(second.statusCode, second.body).toBe(409);
    const err = second.json().error;
    expect(err.code).toBe('ATTENDANCE_CONFLICT');
    expect(err.message).toMatch(/người khác/);
    expect(err.details).toEqual([{ path: 'marks.1.mark', code: 'ATTENDANCE_CHANGED', message: 'Nguyễn Văn An: người khác vừa điểm danh là "có mặt".' }]);
    // nothing of the refused request was written, not even the row that did not clash
    expect((await marksOf(sessions.concurrent!)).map((m) => [m.enrolment_id, m.mark, m.source])).toEqual([
      [enrolments.an, 'present', 'lecturer'],
      [enrolments.binh, 'absent_excused', 'lecturer'],
    ]);
    const audit = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE entity = 'attendance' AND entity_id LIKE $1", [`${sessions.concurrent}:%`]);
    expect(audit.rows[0]!.n).toBe(2);

    // after reloading, the school's save names what it now sees and goes through
    const again = await put('registrar', url(), {
      marks: [
        { enrolmentId: enrolments.cuong, mark: 'present', expected: null },
        { enrolmentId: enrolments.an, mark: 'absent_unexcused', expected: 'present' },
      ],
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().counts).toEqual({ present: 1, absentExcused: 1, absentUnexcused: 1, recalled: 0, unmarked: 0 });
  });

  it('lets exactly one of two simultaneous saves of the same learner through', async () => {
    const body = (mark: string) => ({ marks: [{ enrolmentId: enrolments.cuong, mark, expected: 'present' }] });
    const [a, b] = await Promise.all([put('lecturer', url(), body('absent_excused')), put('registrar', url(), body('absent_unexcused'))]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const winner = a.statusCode === 200 ? 'absent_excused' : 'absent_unexcused';
    expect((await marksOf(sessions.concurrent!)).find((m) => m.enrolment_id === enrolments.cuong)!.mark).toBe(winner);
  });
});

describe('QR check-in', () => {
  let token = '';
  let binhScan = '';

  it('gives the school a short-lived code on the session day only', async () => {
    const res = await get('registrar', `/api/v1/sessions/${sessions.today}/checkin-code`);
    expect(res.statusCode, res.body).toBe(200);
    token = res.json().token;
    expect(res.json().path).toBe(`/checkin/${token}`);
    expect(Date.parse(res.json().expiresAt)).toBeGreaterThan(Date.now());
    expect(Date.parse(res.json().expiresAt) - Date.now()).toBeLessThanOrEqual(res.json().windowSeconds * 1000);
    expect((await get('lecturer', `/api/v1/sessions/${sessions.today}/checkin-code`)).statusCode).toBe(200);
    const otherDay = await get('registrar', `/api/v1/sessions/${sessions.past1}/checkin-code`);
    expect([otherDay.statusCode, otherDay.json().error.code]).toEqual([422, 'CHECKIN_NOT_OPEN']);
    expect((await get('lecturer', `/api/v1/sessions/${sessions.past2}/checkin-code`)).statusCode).toBe(404);
  });

  it('checks the learner in once, however often the same scan is synced', async () => {
    const clientId = (binhScan = randomUUID());
    const checkedInAt = new Date().toISOString();
    const first = await post('learner', '/api/v1/checkins', { token, clientId, checkedInAt });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ status: 'checked_in', enrolmentId: enrolments.binh, mark: 'present', checkedInAt });
    const again = await post('learner', '/api/v1/checkins', { token, clientId, checkedInAt });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const otherScan = await post('learner', '/api/v1/checkins', { token, clientId: randomUUID(), checkedInAt: new Date().toISOString() });
    expect(otherScan.statusCode).toBe(200);
    expect(otherScan.json().status).toBe('already_checked_in');
    expect(await marksOf(sessions.today!)).toEqual([{ enrolment_id: enrolments.binh, mark: 'present', source: 'qr', client_id: clientId }]);
  });

  it('counts a scan taken offline yesterday and synced today, once', async () => {
    const secret = (await db.query<{ checkin_secret: string }>('SELECT checkin_secret FROM class_sessions WHERE id = $1', [sessions.yesterday])).rows[0]!.checkin_secret;
    const scannedAt = new Date(`${addDays(today, -1)}T08:05:00+07:00`);
    const offlineToken = signCheckinToken(secret, sessions.yesterday!, checkinWindowOf(scannedAt));
    const clientId = randomUUID();
    const body = { token: offlineToken, clientId, checkedInAt: `${addDays(today, -1)}T08:05:00+07:00` };
    for (const attempt of [1, 2]) {
      const res = await post('learnerCuong', '/api/v1/checkins', body);
      expect(res.statusCode, `sync ${attempt}: ${res.body}`).toBe(200);
      expect(res.json()).toMatchObject({ status: 'checked_in', enrolmentId: enrolments.cuong, checkedInAt: scannedAt.toISOString() });
    }
    expect(await marksOf(sessions.yesterday!)).toEqual([{ enrolment_id: enrolments.cuong, mark: 'present', source: 'qr', client_id: clientId }]);
    // the same code with a scan time that does not match it, or outside the session
    for (const checkedInAt of [`${addDays(today, -1)}T10:30:00+07:00`, `${addDays(today, -1)}T06:00:00+07:00`]) {
      const res = await post('learner', '/api/v1/checkins', { token: offlineToken, clientId: randomUUID(), checkedInAt });
      expect([res.statusCode, res.json().error.code, res.json().error.details[0].path]).toEqual([422, 'CHECKIN_INVALID', 'checkedInAt']);
    }
  });

  const bad = [
    { what: 'a tampered code', token: () => { const i = token.length - 20; return `${token.slice(0, i)}${token[i] === 'x' ? 'y' : 'x'}${token.slice(i + 1)}`; }, path: 'token' },
    { what: 'a code respelled in its last character', token: () => `${token.slice(0, -1)}${String.fromCharCode(token.charCodeAt(token.length - 1) ^ 1)}`, path: 'token' },
    { what: 'the code of another session', token: () => token.replace(/^\d+\./, `${sessions.past1}.`), path: 'token' },
    { what: 'another time window', token: () => token.replace(/\.(\d+)\./, (_m, w: string) => `.${Number(w) - 100}.`), path: 'token' },
    { what: 'text that is no code', token: () => 'not-a-code', path: 'token' },
  ];
  it.each(bad)('refuses $what', async ({ token: make, path }) => {
    const res = await post('learner', '/api/v1/checkins', { token: make(), clientId: randomUUID(), checkedInAt: new Date().toISOString() });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.code).toBe('CHECKIN_INVALID');
    expect(res.json().error.details[0].path).toBe(path);
  });

  it('never lets one learner check in for another', async () => {
    const before = await marksOf(sessions.today!);
    // Dung is not in the class: the valid code does not make her a learner of it
    const notEnrolled = await post('learnerDung', '/api/v1/checkins', { token, clientId: randomUUID(), checkedInAt: new Date().toISOString() });
    expect(notEnrolled.statusCode).toBe(404);
    // Cường replaying Bình's scan id cannot touch Bình's record
    const replay = await post('learnerCuong', '/api/v1/checkins', { token, clientId: before[0]!.client_id, checkedInAt: new Date().toISOString() });
    expect([replay.statusCode, replay.json().error.details[0].path]).toEqual([422, 'clientId']);
    // staff accounts do not check in
    expect((await post('registrar', '/api/v1/checkins', { token, clientId: randomUUID(), checkedInAt: new Date().toISOString() })).statusCode).toBe(403);
    expect(await marksOf(sessions.today!)).toEqual(before);
  });

  it('answers a scan synced after the school corrected the mark with the mark that counts', async () => {
    await put('registrar', `/api/v1/sessions/${sessions.today}/attendance`, { marks: [{ enrolmentId: enrolments.binh, mark: 'absent_unexcused' }] });
    const res = await post('learner', '/api/v1/checkins', { token, clientId: binhScan, checkedInAt: new Date().toISOString() });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'already_marked', mark: 'absent_unexcused' });
    expect((await marksOf(sessions.today!)).filter((m) => m.enrolment_id === enrolments.binh)).toEqual([
      { enrolment_id: enrolments.binh, mark: 'absent_unexcused', source: 'registrar', client_id: binhScan },
    ]);
  });

  it('lets a learner recalled for the day who came anyway check in over the recall mark', async () => {
    const recall = await post('board', `/api/v1/enrolments/${enrolments.cuong}/recalls`, { fromDate: today, toDate: today, reason: 'Triệu tập họp đột xuất' });
    expect(recall.statusCode, recall.body).toBe(201);
    expect((await marksOf(sessions.today!)).find((m) => m.enrolment_id === enrolments.cuong)).toMatchObject({ mark: 'recalled', source: 'recall' });
    const res = await post('learnerCuong', '/api/v1/checkins', { token, clientId: randomUUID(), checkedInAt: new Date().toISOString() });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'checked_in', mark: 'present' });
    expect((await marksOf(sessions.today!)).find((m) => m.enrolment_id === enrolments.cuong)).toMatchObject({ mark: 'present', source: 'qr' });
  });
});

describe('recalls and make-up study', () => {
  const missingDates = [
    { what: 'no dates at all', body: { reason: 'Công văn 12/UBND' }, details: [{ path: 'fromDate', code: 'RECALL_DATES_REQUIRED' }, { path: 'toDate', code: 'RECALL_DATES_REQUIRED' }] },
    { what: 'no end date', body: { fromDate: today, toDate: null, reason: 'Công văn 12/UBND' }, details: [{ path: 'toDate', code: 'RECALL_DATES_REQUIRED' }] },
    { what: 'an end before the start', body: { fromDate: today, toDate: addDays(today, -2), reason: 'Công văn 12/UBND' }, details: [{ path: 'toDate', code: 'RECALL_PERIOD_INVALID' }] },
    { what: 'a period outside the class', body: { fromDate: addDays(today, 40), toDate: addDays(today, 41), reason: 'Công văn 12/UBND' }, details: [{ path: 'fromDate', code: 'RECALL_OUTSIDE_CLASS' }] },
  ];
  it.each(missingDates)('refuses a recall with $what (400) and records nothing', async ({ body, details }) => {
    const res = await post('officerA', `/api/v1/enrolments/${enrolments.an}/recalls`, body);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details.map((d: { path: string; code: string }) => ({ path: d.path, code: d.code }))).toEqual(details);
    expect((await db.query('SELECT 1 FROM recalls WHERE enrolment_id = $1', [enrolments.an])).rows).toHaveLength(0);
  });

  it('answers 404 to an agency for someone else’s person', async () => {
    const res = await post('officerA', `/api/v1/enrolments/${enrolments.cuong}/recalls`, { fromDate: addDays(today, -9), toDate: addDays(today, -9), reason: 'Họp' });
    expect(res.statusCode).toBe(404);
  });

  it('marks the unmarked sessions of the period recalled, which then need make-up until it is recorded', async () => {
    // An was marked present on day −10 (kept); day −9 has no mark yet
    const res = await post('officerA', `/api/v1/enrolments/${enrolments.an}/recalls`, { fromDate: addDays(today, -10), toDate: addDays(today, -9), reason: 'Công văn số 45/UBND triệu tập về họp HĐND' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().markedSessions.map((x: { id: number }) => x.id)).toEqual([sessions.past2]);
    expect((await marksOf(sessions.past1!)).find((m) => m.enrolment_id === enrolments.an)!.mark).toBe('present');
    expect((await marksOf(sessions.past2!)).find((m) => m.enrolment_id === enrolments.an)).toMatchObject({ mark: 'recalled', source: 'recall' });

    const progress = await get('registrar', `/api/v1/enrolments/${enrolments.an}/progress`);
    expect(progress.statusCode, progress.body).toBe(200);
    expect(progress.json().makeUps.required.map((r: { session: { id: number }; madeUpOn: string | null }) => [r.session.id, r.madeUpOn])).toEqual([[sessions.past2, null]]);
    const makeUpCheck = progress.json().examEligibility.checks.find((c: { code: string }) => c.code === 'make_up');
    expect(makeUpCheck.passed).toBe(false);
    expect(makeUpCheck.detail).toContain('Còn 1/1 buổi phải học bổ sung');

    // a session An attended needs no make-up; a date before the missed session is refused; the lecturer of another session cannot record it
    const notRequired = await post('registrar', `/api/v1/enrolments/${enrolments.an}/make-ups`, { sessionId: sessions.past1, doneOn: today });
    expect([notRequired.statusCode, notRequired.json().error.code]).toEqual([422, 'MAKE_UP_NOT_REQUIRED']);
    const tooEarly = await post('registrar', `/api/v1/enrolments/${enrolments.an}/make-ups`, { sessionId: sessions.past2, doneOn: addDays(today, -12) });
    expect([tooEarly.statusCode, tooEarly.json().error.details[0].code]).toEqual([400, 'DATE_BEFORE_SESSION']);
    expect((await post('lecturer', `/api/v1/enrolments/${enrolments.an}/make-ups`, { sessionId: sessions.past2, doneOn: today })).statusCode).toBe(404);

    const done = await post('registrar', `/api/v1/enrolments/${enrolments.an}/make-ups`, { sessionId: sessions.past2, doneOn: today, note: 'Học bù với lớp K-KHAC' });
    expect(done.statusCode, done.body).toBe(201);
    expect(done.json()).toMatchObject({ enrolmentId: enrolments.an, doneOn: today, session: { id: sessions.past2 } });
    const twice = await post('registrar', `/api/v1/enrolments/${enrolments.an}/make-ups`, { sessionId: sessions.past2, doneOn: today });
    expect([twice.statusCode, twice.json().error.code]).toEqual([409, 'DUPLICATE']);

    const after = (await get('officerA', `/api/v1/enrolments/${enrolments.an}/progress`)).json();
    expect(after.makeUps.outstanding).toBe(0);
    expect(after.makeUps.required[0].madeUpOn).toBe(today);
    expect(after.examEligibility.checks.find((c: { code: string }) => c.code === 'make_up').passed).toBe(true);
    expect(after.attendance).toMatchObject({ present: 1, recalled: 1 });
    expect(after.recalls).toHaveLength(1);
  });

  it('shows the progress to the school, the agency, the lecturer and the learner themself only', async () => {
    const cases: [string, number, number][] = [
      ['registrar', enrolments.cuong!, 200],
      ['lecturer', enrolments.cuong!, 200],
      ['officerA', enrolments.binh!, 200],
      ['officerA', enrolments.cuong!, 404],
      ['learner', enrolments.binh!, 200],
      ['learner', enrolments.an!, 404],
      ['registrarB', enrolments.an!, 404],
    ];
    for (const [who, id, status] of cases) expect((await get(who, `/api/v1/enrolments/${id}/progress`)).statusCode, `${who} → ${id}`).toBe(status);
  });
});

describe('the API document', () => {
  it('lists the learner routes', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    for (const [path, method] of [
      ['/api/v1/sessions/{id}/attendance', 'put'],
      ['/api/v1/sessions/{id}/checkin-code', 'get'],
      ['/api/v1/checkins', 'post'],
      ['/api/v1/enrolments/{id}/recalls', 'post'],
      ['/api/v1/enrolments/{id}/make-ups', 'post'],
      ['/api/v1/enrolments/{id}/progress', 'get'],
      ['/api/v1/enrolments/{id}/conduct-report', 'put'],
      ['/api/v1/conduct-reports', 'get'],
      ['/api/v1/classes/{id}/conduct-reports/request', 'post'],
      ['/api/v1/classes/{id}/grades', 'put'],
      ['/api/v1/classes/{id}/graduation', 'post'],
      ['/api/v1/classes/{id}/graduation/preview', 'get'],
    ] as const) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
  });
});
