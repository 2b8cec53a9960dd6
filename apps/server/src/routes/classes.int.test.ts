import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { usersRepo, type Db } from '@nang-tam/db';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, seedFixture, type Fixture, type Session } from '../../../../tests/support/fixtures.js';
import { hashPassword } from '../auth/password.js';

/**
 * Classes and their schedule through the API: the school's registrar (unit: Sở Y tế in the
 * fixture) opens classes; a political centre's registrar in commune A is another subtree.
 */
let db: Db;
let app: FastifyInstance;
let fx: Fixture;
let registrar: Session;
let registrarA: Session;
let sysadmin: Session;
let lecturerSession: Session;
let officerA: Session;
let board: Session;

const TC = {
  programmeCode: 'TC_LLCT',
  cohortCode: 'TC-2026-01',
  name: 'Lớp Trung cấp lý luận chính trị K12',
  mode: 'full_time',
  site: 'Trường Chính trị tỉnh',
  startDate: '2026-03-02',
  endDate: '2026-08-28',
  capacity: 60,
};

const ids = { tc: 0, qlnn: 0, carried: 0, lecturerA: 0, lecturerB: 0 };
const modules: Record<string, number> = {};

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  await usersRepo.insertUser(db, {
    username: 'registrarA',
    passwordHash: await hashPassword('Test@12345'),
    displayName: 'registrarA',
    role: 'school_registrar',
    unitId: fx.units.communeA,
  });
  app = await buildTestApp(db);
  registrar = await loginAs(app, 'registrar');
  registrarA = await loginAs(app, 'registrarA');
  sysadmin = await loginAs(app, 'sysadmin');
  lecturerSession = await loginAs(app, 'lecturer');
  officerA = await loginAs(app, 'officerA');
  board = await loginAs(app, 'board');
  const a = await send(registrar, 'POST', '/api/v1/lecturers', {
    fullName: 'Đặng Văn Dũng',
    kind: 'school',
    title: 'ThS.',
    userId: fx.users.lecturer!.id,
  });
  const b = await send(registrar, 'POST', '/api/v1/lecturers', {
    fullName: 'Nguyễn Thị Hồng Nhung',
    kind: 'guest',
    title: 'Phó Bí thư Tỉnh ủy',
    organisation: 'Tỉnh ủy',
  });
  ids.lecturerA = a.json().id;
  ids.lecturerB = b.json().id;
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

function get(s: Session, url: string) {
  return app.inject({ url, headers: as(s) });
}
function send(s: Session, method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) {
  return app.inject({ method, url, headers: as(s), payload: payload as object | undefined });
}
async function count(table: string): Promise<number> {
  return (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
}

describe('opening a class', () => {
  it('opens a class from the programme catalogue and reads it back', async () => {
    const res = await send(registrar, 'POST', '/api/v1/classes', TC);
    expect(res.statusCode, res.body).toBe(201);
    ids.tc = res.json().id;
    const read = await get(officerA, `/api/v1/classes/${ids.tc}`);
    expect(read.statusCode).toBe(200);
    const c = read.json();
    expect(c).toMatchObject({
      programme: { code: 'TC_LLCT', name: 'Trung cấp lý luận chính trị' },
      cohortCode: 'TC-2026-01',
      name: 'Lớp Trung cấp lý luận chính trị K12',
      mode: 'full_time',
      organiser: { id: fx.units.department, name: 'Sở Y tế' },
      startDate: '2026-03-02',
      endDate: '2026-08-28',
      capacity: 60,
      status: 'open',
      placesTaken: 0,
      freePlaces: 60,
      waitlisted: 0,
      version: 1,
      graduationConditions: { conductReportRequired: true, finalExam: 'exam' },
      gradingScheme: { passMark: 5 },
      sessions: 0,
    });
    expect(c.modules.map((m: { code: string }) => m.code)).toEqual(['TC.1', 'TC.2', 'TC.3', 'TC.4', 'TC.5', 'TC.6']);
    for (const m of c.modules) modules[m.code] = m.id;
    const audit = await db.query<{ actor_name: string; after: { cohortCode: string; modules: unknown[] } }>(
      "SELECT actor_name, after FROM audit_log WHERE entity = 'class' AND entity_id = $1",
      [String(ids.tc)],
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]).toMatchObject({ actor_name: 'registrar', after: { cohortCode: 'TC-2026-01' } });
    expect(audit.rows[0]!.after.modules).toHaveLength(6);
  });

  const BAD: [string, Record<string, unknown>, number, string, string, string][] = [
    ['a mode the programme does not offer', { mode: 'online' }, 400, 'UNSUPPORTED_MODE', 'mode', 'UNSUPPORTED_MODE'],
    ['an end before the start', { endDate: '2026-03-01' }, 400, 'VALIDATION_FAILED', 'endDate', 'DATE_BEFORE_START'],
    ['a date that does not exist', { startDate: '2026-02-30' }, 400, 'VALIDATION_FAILED', 'startDate', 'INVALID_DATE'],
    ['an unknown programme', { programmeCode: 'KHONG_CO' }, 404, 'UNKNOWN_PROGRAMME', 'programmeCode', 'UNKNOWN_PROGRAMME'],
    ['a cohort code already taken', {}, 409, 'DUPLICATE', 'cohortCode', 'COHORT_CODE_TAKEN'],
    ['a cohort code taken in another case', { cohortCode: 'tc-2026-01' }, 409, 'DUPLICATE', 'cohortCode', 'COHORT_CODE_TAKEN'],
    ['a cohort code with spaces', { cohortCode: 'K 12' }, 400, 'VALIDATION_FAILED', 'cohortCode', 'INVALID_COHORT_CODE'],
    ['a capacity of zero', { capacity: 0 }, 400, 'VALIDATION_FAILED', 'capacity', 'OUT_OF_RANGE'],
    [
      "an organiser outside the caller's subtree",
      { cohortCode: 'TC-2026-09', organiserUnitId: 0 },
      400,
      'VALIDATION_FAILED',
      'organiserUnitId',
      'UNIT_OUT_OF_SCOPE',
    ],
    ['a missing site', { site: undefined }, 400, 'VALIDATION_FAILED', 'site', 'REQUIRED'],
  ];

  it.each(BAD)('refuses %s and opens nothing', async (_label, over, status, code, path, fieldCode) => {
    const before = await count('classes');
    const body = { ...TC, ...over, ...(over.organiserUnitId === 0 ? { organiserUnitId: fx.units.communeA } : {}) };
    const res = await send(registrar, 'POST', '/api/v1/classes', body);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().error.code).toBe(code);
    expect(res.json().error.details).toContainEqual(expect.objectContaining({ path, code: fieldCode }));
    expect(res.json().error.message).toMatch(/[ạảãáàâấầẩẫậăắằẳẵặđêếềểễệôốồổỗộơớờởỡợưứừửữựíìỉĩịúùủũụ]/);
    expect(await count('classes')).toBe(before);
  });

  it('names the mode in Vietnamese when it is not offered', async () => {
    const res = await send(registrar, 'POST', '/api/v1/classes', { ...TC, cohortCode: 'TC-ONLINE', mode: 'online' });
    expect(res.json().error.message).toBe('Chương trình Trung cấp lý luận chính trị không tổ chức theo hình thức trực tuyến.');
  });

  it('refuses roles without classes.manage with 403', async () => {
    for (const s of [lecturerSession, officerA, board]) {
      const res = await send(s, 'POST', '/api/v1/classes', { ...TC, cohortCode: 'TC-2026-99' });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
  });

  it('lets a system administrator open a class for another unit in scope', async () => {
    const res = await send(sysadmin, 'POST', '/api/v1/classes', {
      programmeCode: 'QLNN_CV',
      cohortCode: 'CV-2026-01',
      name: 'Bồi dưỡng ngạch chuyên viên tại xã Minh Quang',
      mode: 'online',
      site: 'Hội trường UBND xã Minh Quang',
      startDate: '2026-05-04',
      endDate: '2026-06-12',
      capacity: 40,
      organiserUnitId: fx.units.communeA,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      organiser: { id: fx.units.communeA },
      graduationConditions: { conductReportRequired: false, finalExam: 'thesis' },
    });
    ids.qlnn = res.json().id;
  });
});

describe('changing a class', () => {
  async function version(id: number): Promise<number> {
    return (await get(registrar, `/api/v1/classes/${id}`)).json().version;
  }

  it('changes the site and closes nominations, with the version read; a stale version answers 409', async () => {
    const v = await version(ids.tc);
    const res = await send(registrar, 'PATCH', `/api/v1/classes/${ids.tc}`, {
      version: v,
      site: 'Cơ sở 2 Trường Chính trị tỉnh',
      status: 'closed',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ site: 'Cơ sở 2 Trường Chính trị tỉnh', status: 'closed', version: v + 1 });
    const stale = await send(registrar, 'PATCH', `/api/v1/classes/${ids.tc}`, { version: v, status: 'open' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('CONFLICT');
    const reopened = await send(registrar, 'PATCH', `/api/v1/classes/${ids.tc}`, { version: v + 1, status: 'open' });
    expect(reopened.json().status).toBe('open');
    const audit = await db.query<{ before: { site: string }; after: { site: string } }>(
      "SELECT before, after FROM audit_log WHERE entity = 'class' AND entity_id = $1 AND action = 'update' ORDER BY id LIMIT 1",
      [String(ids.tc)],
    );
    expect(audit.rows[0]).toMatchObject({ before: { site: 'Trường Chính trị tỉnh' }, after: { site: 'Cơ sở 2 Trường Chính trị tỉnh' } });
  });

  it('counts places from nominations and refuses a capacity below the places taken', async () => {
    const eligibility = JSON.stringify({ outcome: 'eligible', summary: '', rules: [] });
    const nominate = (personId: number, status: string) =>
      db.query('INSERT INTO nominations (class_id, person_id, status, eligibility, nominated_by) VALUES ($1, $2, $3, $4, $5)', [
        ids.tc,
        personId,
        status,
        eligibility,
        fx.users.officerA!.id,
      ]);
    await nominate(fx.people.an, 'enrolled');
    await nominate(fx.people.binh, 'approved_board');
    await nominate(fx.people.cuong, 'nominated');
    await nominate(fx.people.dung, 'waitlisted');
    await nominate(fx.people.binh, 'refused');
    const c = (await get(officerA, `/api/v1/classes/${ids.tc}`)).json();
    expect(c).toMatchObject({ placesTaken: 3, freePlaces: 57, waitlisted: 1, enrolled: 1 });

    const below = await send(registrar, 'PATCH', `/api/v1/classes/${ids.tc}`, { version: c.version, capacity: 2 });
    expect(below.statusCode).toBe(400);
    expect(below.json().error.details).toEqual([
      {
        path: 'capacity',
        code: 'CAPACITY_BELOW_PLACES_TAKEN',
        message: 'Lớp đã có 3 học viên được cử đang giữ chỗ; chỉ tiêu không được ít hơn 3.',
      },
    ]);
    const exact = await send(registrar, 'PATCH', `/api/v1/classes/${ids.tc}`, { version: c.version, capacity: 3 });
    expect(exact.statusCode).toBe(200);
    expect(exact.json()).toMatchObject({ capacity: 3, placesTaken: 3, freePlaces: 0 });
    // more places: the waitlisted nomination moves up, with its step recorded
    const raised = await send(registrar, 'PATCH', `/api/v1/classes/${ids.tc}`, { version: c.version + 1, capacity: 60 });
    expect(raised.json()).toMatchObject({ capacity: 60, placesTaken: 4, waitlisted: 0 });
    const promoted = await db.query<{ status: string; step: string }>(
      'SELECT n.status, s.step FROM nominations n JOIN nomination_steps s ON s.nomination_id = n.id WHERE n.class_id = $1 AND n.person_id = $2',
      [ids.tc, fx.people.dung],
    );
    expect(promoted.rows).toEqual([{ status: 'nominated', step: 'promoted' }]);
  });

  it('refuses a mode not offered and an end before the start', async () => {
    const v = await version(ids.tc);
    const mode = await send(registrar, 'PATCH', `/api/v1/classes/${ids.tc}`, { version: v, mode: 'online' });
    expect(mode.json().error).toMatchObject({ code: 'UNSUPPORTED_MODE', details: [{ path: 'mode' }] });
    const dates = await send(registrar, 'PATCH', `/api/v1/classes/${ids.tc}`, { version: v, endDate: '2026-01-01' });
    expect(dates.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'endDate', code: 'DATE_BEFORE_START' }] });
    expect(await version(ids.tc)).toBe(v);
  });

  it('answers 404 to a registrar of another subtree, who can still read the class', async () => {
    const v = await version(ids.tc);
    const res = await send(registrarA, 'PATCH', `/api/v1/classes/${ids.tc}`, { version: v, name: 'Đổi tên' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
    expect(
      (
        await send(registrarA, 'POST', `/api/v1/classes/${ids.tc}/sessions`, {
          moduleId: modules['TC.1'],
          date: '2026-03-03',
          startTime: '07:30',
          endTime: '11:00',
          room: 'P.101',
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await send(registrarA, 'PUT', `/api/v1/classes/${ids.tc}/modules/${modules['TC.1']}/lecturers`, { lecturers: [] })).statusCode,
    ).toBe(404);
    expect((await get(registrarA, `/api/v1/classes/${ids.tc}`)).statusCode).toBe(200);
    expect((await get(registrarA, '/api/v1/classes/999999')).statusCode).toBe(404);
    expect(await version(ids.tc)).toBe(v);
  });
});

describe('module lecturers and teaching hours', () => {
  it('assigns lecturers with their periods and totals them per lecturer', async () => {
    const put = (moduleCode: string, lecturers: unknown[]) =>
      send(registrar, 'PUT', `/api/v1/classes/${ids.tc}/modules/${modules[moduleCode]}/lecturers`, { lecturers });
    expect(
      (
        await put('TC.1', [
          { lecturerId: ids.lecturerA, periods: 150 },
          { lecturerId: ids.lecturerB, periods: 50 },
        ])
      ).statusCode,
    ).toBe(200);
    const res = await put('TC.3', [{ lecturerId: ids.lecturerA, periods: 60 }]);
    expect(res.statusCode).toBe(200);
    const c = res.json();
    expect(c.modules.find((m: { code: string }) => m.code === 'TC.1')).toMatchObject({
      periods: 200,
      assignedPeriods: 200,
      lecturers: [
        { lecturer: { id: ids.lecturerA, fullName: 'Đặng Văn Dũng', kind: 'school', title: 'ThS.' }, periods: 150 },
        { lecturer: { id: ids.lecturerB, fullName: 'Nguyễn Thị Hồng Nhung', kind: 'guest' }, periods: 50 },
      ],
    });
    expect(c.lecturers.map((l: { lecturer: { id: number }; periods: number }) => [l.lecturer.id, l.periods])).toEqual([
      [ids.lecturerA, 210],
      [ids.lecturerB, 50],
    ]);
    const audit = await db.query("SELECT 1 FROM audit_log WHERE entity = 'class_module_lecturers' AND entity_id = $1", [
      String(modules['TC.1']),
    ]);
    expect(audit.rows).toHaveLength(1);
  });

  it.each([
    [
      'more periods than the module has',
      [
        { lecturerId: 'A', periods: 150 },
        { lecturerId: 'B', periods: 51 },
      ],
      'lecturers',
      'PERIODS_EXCEED_MODULE',
    ],
    [
      'the same lecturer twice',
      [
        { lecturerId: 'A', periods: 10 },
        { lecturerId: 'A', periods: 10 },
      ],
      'lecturers.1.lecturerId',
      'DUPLICATE_LECTURER',
    ],
    ['an unknown lecturer', [{ lecturerId: 999_999, periods: 10 }], 'lecturers.0.lecturerId', 'UNKNOWN_LECTURER'],
    ['zero periods', [{ lecturerId: 'A', periods: 0 }], 'lecturers.0.periods', 'OUT_OF_RANGE'],
  ])('refuses %s and keeps the assignment', async (_label, lecturers, path, code) => {
    const resolved = lecturers.map((l) => ({
      ...l,
      lecturerId: l.lecturerId === 'A' ? ids.lecturerA : l.lecturerId === 'B' ? ids.lecturerB : l.lecturerId,
    }));
    const res = await send(registrar, 'PUT', `/api/v1/classes/${ids.tc}/modules/${modules['TC.1']}/lecturers`, { lecturers: resolved });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toContainEqual(expect.objectContaining({ path, code }));
    const c = (await get(registrar, `/api/v1/classes/${ids.tc}`)).json();
    expect(c.modules.find((m: { code: string }) => m.code === 'TC.1').assignedPeriods).toBe(200);
  });

  it('answers 404 for a module of another class', async () => {
    const other = (await get(registrar, `/api/v1/classes/${ids.qlnn}`)).json().modules[0].id;
    expect((await send(registrar, 'PUT', `/api/v1/classes/${ids.tc}/modules/${other}/lecturers`, { lecturers: [] })).statusCode).toBe(404);
  });
});

describe('sessions', () => {
  const session = (over: Record<string, unknown> = {}) => ({
    moduleId: modules['TC.1'],
    kind: 'lesson',
    date: '2026-03-10',
    startTime: '07:30',
    endTime: '11:00',
    room: 'Phòng 301',
    lecturerId: ids.lecturerA,
    ...over,
  });
  let first = 0;
  let other = 0;

  it('schedules a lesson and lists it', async () => {
    const res = await send(registrar, 'POST', `/api/v1/classes/${ids.tc}/sessions`, session());
    expect(res.statusCode, res.body).toBe(201);
    first = res.json().id;
    expect(res.json()).toMatchObject({
      classId: ids.tc,
      kind: 'lesson',
      date: '2026-03-10',
      startTime: '07:30',
      endTime: '11:00',
      room: 'Phòng 301',
      onlineLink: null,
      module: { id: modules['TC.1'], code: 'TC.1' },
      lecturer: { id: ids.lecturerA, fullName: 'Đặng Văn Dũng' },
    });
    expect(res.json()).not.toHaveProperty('checkinSecret');
    const secret = await db.query<{ checkin_secret: string }>('SELECT checkin_secret FROM class_sessions WHERE id = $1', [first]);
    expect(secret.rows[0]!.checkin_secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const list = (await get(officerA, `/api/v1/classes/${ids.tc}/sessions`)).json();
    expect(list.items.map((s: { id: number }) => s.id)).toEqual([first]);
  });

  const BAD: [string, Record<string, unknown>, string, string][] = [
    ['a date before the class starts', { date: '2026-03-01' }, 'date', 'DATE_OUTSIDE_CLASS'],
    ['a date after the class ends', { date: '2026-08-29' }, 'date', 'DATE_OUTSIDE_CLASS'],
    ['an end before the start', { startTime: '14:00', endTime: '13:30' }, 'endTime', 'TIME_END_BEFORE_START'],
    ['a time that does not exist', { startTime: '25:00' }, 'startTime', 'INVALID_TIME'],
    ['neither a room nor a link', { room: null }, 'room', 'ROOM_OR_LINK_REQUIRED'],
    ['a lesson without a module', { moduleId: null }, 'moduleId', 'MODULE_REQUIRED'],
    ['a link that is not a web address', { onlineLink: 'javascript:alert(1)' }, 'onlineLink', 'INVALID_VALUE'],
    ['an unknown lecturer', { lecturerId: 999_999 }, 'lecturerId', 'UNKNOWN_LECTURER'],
  ];

  it.each(BAD)('refuses %s with 400 and schedules nothing', async (_label, over, path, code) => {
    const before = await count('class_sessions');
    const res = await send(registrar, 'POST', `/api/v1/classes/${ids.tc}/sessions`, session({ date: '2026-03-12', ...over }));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details).toContainEqual(expect.objectContaining({ path, code }));
    expect(await count('class_sessions')).toBe(before);
  });

  it('refuses a room taken by another class at an overlapping time, naming that class and time', async () => {
    const res = await send(sysadmin, 'POST', `/api/v1/classes/${ids.qlnn}/sessions`, {
      kind: 'field_trip',
      date: '2026-03-10',
      startTime: '09:00',
      endTime: '10:30',
      room: 'phòng  301',
      lecturerId: ids.lecturerB,
    });
    // the QLNN class runs from May: the date is refused before any clash
    expect(res.json().error.details).toEqual([expect.objectContaining({ path: 'date', code: 'DATE_OUTSIDE_CLASS' })]);

    const v = (await get(sysadmin, `/api/v1/classes/${ids.qlnn}`)).json().version;
    await send(sysadmin, 'PATCH', `/api/v1/classes/${ids.qlnn}`, { version: v, startDate: '2026-03-02' });
    const before = await count('class_sessions');
    const clash = await send(sysadmin, 'POST', `/api/v1/classes/${ids.qlnn}/sessions`, {
      kind: 'field_trip',
      date: '2026-03-10',
      startTime: '09:00',
      endTime: '10:30',
      room: 'phòng  301',
      lecturerId: ids.lecturerB,
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error).toEqual({
      code: 'SESSION_ROOM_CLASH',
      message: 'Phòng 301 đã được xếp cho lớp Trung cấp lý luận chính trị K12 (TC-2026-01) ngày 10/03/2026 từ 07:30 đến 11:00.',
      details: [
        {
          path: 'room',
          code: 'ROOM_CLASH',
          message:
            'Phòng 301 đã được xếp cho lớp Trung cấp lý luận chính trị K12 (TC-2026-01) ngày 10/03/2026 từ 07:30 đến 11:00.',
        },
      ],
    });
    expect(await count('class_sessions')).toBe(before);
    // back to back is no clash
    const after = await send(sysadmin, 'POST', `/api/v1/classes/${ids.qlnn}/sessions`, {
      kind: 'field_trip',
      date: '2026-03-10',
      startTime: '11:00',
      endTime: '12:00',
      room: 'Phòng 301',
      lecturerId: ids.lecturerB,
    });
    expect(after.statusCode, after.body).toBe(201);
    other = after.json().id;
  });

  it('refuses a lecturer who teaches another class at an overlapping time', async () => {
    const res = await send(sysadmin, 'POST', `/api/v1/classes/${ids.qlnn}/sessions`, {
      moduleId: (await get(sysadmin, `/api/v1/classes/${ids.qlnn}`)).json().modules[0].id,
      date: '2026-03-10',
      startTime: '10:30',
      endTime: '11:30',
      onlineLink: 'https://hop.tuyenquang.gov.vn/cv-2026',
      lecturerId: ids.lecturerA,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'SESSION_LECTURER_CLASH',
      message:
        'Giảng viên Đặng Văn Dũng đã có lịch giảng lớp Trung cấp lý luận chính trị K12 (TC-2026-01) ngày 10/03/2026 từ 07:30 đến 11:00.',
      details: [{ path: 'lecturerId', code: 'LECTURER_CLASH' }],
    });
  });

  it('reports both clashes when the room and the lecturer are taken', async () => {
    const res = await send(
      registrar,
      'POST',
      `/api/v1/classes/${ids.tc}/sessions`,
      session({ moduleId: modules['TC.2'], startTime: '08:00', endTime: '09:00' }),
    );
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('SESSION_ROOM_CLASH');
    expect(res.json().error.details.map((d: { code: string }) => d.code)).toEqual(['ROOM_CLASH', 'LECTURER_CLASH']);
  });

  it('accepts exactly one of several simultaneous bookings of one room by different classes', async () => {
    const classIds: number[] = [];
    for (let i = 1; i <= 5; i += 1) {
      const res = await send(registrar, 'POST', '/api/v1/classes', {
        ...TC,
        cohortCode: `TC-2026-P${i}`,
        name: `Lớp Trung cấp lý luận chính trị P${i}`,
      });
      classIds.push(res.json().id);
    }
    const modulesOf = await Promise.all(
      classIds.map(async (id) => (await get(registrar, `/api/v1/classes/${id}`)).json().modules[0].id as number),
    );
    const results = await Promise.all(
      classIds.map((id, i) =>
        send(registrar, 'POST', `/api/v1/classes/${id}/sessions`, {
          moduleId: modulesOf[i],
          date: '2026-04-07',
          startTime: '08:00',
          endTime: '10:00',
          room: 'Hội trường A',
        }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409]);
    const booked = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM class_sessions WHERE room = 'Hội trường A'");
    expect(booked.rows[0]!.n).toBe(1);
    await db.query('DELETE FROM class_sessions WHERE class_id = ANY($1::int[])', [classIds]);
    await db.query('DELETE FROM class_modules WHERE class_id = ANY($1::int[])', [classIds]);
    await db.query('DELETE FROM classes WHERE id = ANY($1::int[])', [classIds]);
  });

  it('moves a session without clashing with itself, and refuses a move onto another session', async () => {
    const moved = await send(registrar, 'PATCH', `/api/v1/classes/${ids.tc}/sessions/${first}`, { startTime: '07:00', endTime: '10:30' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ startTime: '07:00', endTime: '10:30', room: 'Phòng 301' });
    const onto = await send(registrar, 'PATCH', `/api/v1/classes/${ids.tc}/sessions/${first}`, { startTime: '10:00', endTime: '11:30' });
    expect(onto.statusCode).toBe(409);
    expect(onto.json().error.message).toContain(
      'lớp Bồi dưỡng ngạch chuyên viên tại xã Minh Quang (CV-2026-01) ngày 10/03/2026 từ 11:00 đến 12:00',
    );
    const audit = await db.query<{ before: { startTime: string }; after: { startTime: string } }>(
      "SELECT before, after FROM audit_log WHERE entity = 'class_session' AND entity_id = $1 AND action = 'update'",
      [String(first)],
    );
    expect(audit.rows).toEqual([
      expect.objectContaining({
        before: expect.objectContaining({ startTime: '07:30' }),
        after: expect.objectContaining({ startTime: '07:00' }),
      }),
    ]);
  });

  it('refuses class dates that would leave a session outside them', async () => {
    const v = (await get(registrar, `/api/v1/classes/${ids.tc}`)).json().version;
    const res = await send(registrar, 'PATCH', `/api/v1/classes/${ids.tc}`, { version: v, startDate: '2026-03-11' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([expect.objectContaining({ path: 'startDate', code: 'SESSIONS_OUTSIDE_DATES' })]);
  });

  it('shows a lecturer their own sessions across classes', async () => {
    const mine = await get(lecturerSession, '/api/v1/me/sessions?from=2026-03-01&to=2026-03-31');
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ from: '2026-03-01', to: '2026-03-31', lecturer: { id: ids.lecturerA } });
    expect(mine.json().items.map((s: { id: number; class: { cohortCode: string } }) => [s.id, s.class.cohortCode])).toEqual([
      [first, 'TC-2026-01'],
    ]);
    expect((await get(lecturerSession, '/api/v1/me/sessions?from=2026-04-01&to=2026-04-30')).json().items).toEqual([]);
    const none = (await get(board, '/api/v1/me/sessions')).json();
    expect(none).toMatchObject({ lecturer: null, items: [] });
    const backwards = await get(lecturerSession, '/api/v1/me/sessions?from=2026-03-31&to=2026-03-01');
    expect(backwards.json().error.details).toEqual([expect.objectContaining({ path: 'to', code: 'DATE_BEFORE_START' })]);
    expect((await get(await loginAs(app, 'learner'), '/api/v1/me/sessions')).statusCode).toBe(403);
  });

  it('counts sessions per module and lecturer in the class detail', async () => {
    const c = (await get(registrar, `/api/v1/classes/${ids.tc}`)).json();
    expect(c.sessions).toBe(1);
    expect(c.modules.find((m: { code: string }) => m.code === 'TC.1').sessions).toBe(1);
    expect(c.lecturers.find((l: { lecturer: { id: number } }) => l.lecturer.id === ids.lecturerA).sessions).toBe(1);
    // a guest speaker with sessions but no assigned periods still shows
    const q = (await get(sysadmin, `/api/v1/classes/${ids.qlnn}`)).json();
    expect(q.lecturers).toEqual([{ lecturer: expect.objectContaining({ id: ids.lecturerB }), periods: 0, sessions: 1 }]);
  });

  it('deletes a session without attendance and refuses one with attendance', async () => {
    const enrolment = await db.query<{ id: number }>(
      "INSERT INTO enrolments (person_id, programme_code, status, started_on, class_id) VALUES ($1, 'TC_LLCT', 'enrolled', '2026-03-02', $2) RETURNING id",
      [fx.people.an, ids.tc],
    );
    await db.query("INSERT INTO attendance (session_id, enrolment_id, mark, source) VALUES ($1, $2, 'present', 'registrar')", [
      first,
      enrolment.rows[0]!.id,
    ]);
    const refused = await send(registrar, 'DELETE', `/api/v1/classes/${ids.tc}/sessions/${first}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('SESSION_HAS_ATTENDANCE');
    expect((await send(registrar, 'DELETE', `/api/v1/classes/${ids.tc}/sessions/${other}`)).statusCode).toBe(404);
    const deleted = await send(sysadmin, 'DELETE', `/api/v1/classes/${ids.qlnn}/sessions/${other}`);
    expect(deleted.statusCode).toBe(204);
    expect((await get(sysadmin, `/api/v1/classes/${ids.qlnn}/sessions`)).json().items).toEqual([]);
    const audit = await db.query("SELECT 1 FROM audit_log WHERE entity = 'class_session' AND entity_id = $1 AND action = 'delete'", [
      String(other),
    ]);
    expect(audit.rows).toHaveLength(1);
  });

  it('refuses changes to a finished class', async () => {
    await db.query("UPDATE classes SET status = 'finished', graduated_at = now() WHERE id = $1", [ids.qlnn]);
    const v = (await get(sysadmin, `/api/v1/classes/${ids.qlnn}`)).json().version;
    const res = await send(sysadmin, 'PATCH', `/api/v1/classes/${ids.qlnn}`, { version: v, name: 'Đổi tên' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'CLASS_FINISHED',
      message: 'Lớp Bồi dưỡng ngạch chuyên viên tại xã Minh Quang đã kết thúc (đã xét tốt nghiệp) nên không sửa được nữa.',
    });
    const s = await send(sysadmin, 'POST', `/api/v1/classes/${ids.qlnn}/sessions`, {
      kind: 'exam',
      date: '2026-06-01',
      startTime: '08:00',
      endTime: '10:00',
      room: 'P.1',
    });
    expect(s.statusCode).toBe(409);
  });
});

describe('listing classes by year', () => {
  beforeAll(async () => {
    const res = await send(registrar, 'POST', '/api/v1/classes', {
      programmeCode: 'CC_LLCT',
      cohortCode: 'CC-2025-K3',
      name: 'Lớp Cao cấp lý luận chính trị khóa 3 (hệ không tập trung)',
      mode: 'part_time',
      site: 'Trường Chính trị tỉnh',
      startDate: '2025-11-01',
      endDate: '2026-02-28',
      capacity: 45,
    });
    expect(res.statusCode, res.body).toBe(201);
    ids.carried = res.json().id;
  });

  const listed = async (query: string) => {
    const res = await get(officerA, `/api/v1/classes?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { year: number | null; total: number; items: { id: number; carriedOver: boolean }[] };
  };

  it('lists a class spanning the year boundary in the next year, flagged carried over', async () => {
    const y2026 = await listed('year=2026');
    expect(y2026.year).toBe(2026);
    expect(y2026.items.find((c) => c.id === ids.carried)).toMatchObject({ carriedOver: true });
    expect(y2026.items.find((c) => c.id === ids.tc)).toMatchObject({ carriedOver: false });
    const y2025 = await listed('year=2025');
    expect(y2025.items.map((c) => [c.id, c.carriedOver])).toEqual([[ids.carried, false]]);
    expect((await listed('year=2027')).items).toEqual([]);
  });

  it.each([
    ['programme=CC_LLCT', ['carried']],
    ['q=cao cap khoa 3', ['carried']],
    ['q=TRUNG%20CAP%20k12', ['tc']],
    ['q=trung', ['tc', 'carried']],
    ['q=cv-2026', ['qlnn']],
    ['status=finished', ['qlnn']],
    ['year=2026&status=open&programme=TC_LLCT', ['tc']],
  ] as const)('filters with %s', async (query, expected) => {
    const page = await listed(query);
    expect(page.items.map((c) => c.id).sort()).toEqual(expected.map((k) => ids[k]).sort());
    expect(page.total).toBe(expected.length);
  });

  it('filters by organiser subtree', async () => {
    expect((await listed(`organiserUnitId=${fx.units.communeA}`)).items.map((c) => c.id)).toEqual([ids.qlnn]);
    expect((await listed(`organiserUnitId=${fx.units.root}`)).total).toBe(3);
  });

  it('validates the query', async () => {
    const res = await get(officerA, '/api/v1/classes?year=abc&status=running');
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['status', 'year']);
  });
});

describe('the API document', () => {
  it('lists the class, lecturer, catalogue and schedule routes', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/programmes/{code}/catalogue',
        '/api/v1/lecturers',
        '/api/v1/lecturers/{id}',
        '/api/v1/classes',
        '/api/v1/classes/{id}',
        '/api/v1/classes/{id}/modules/{moduleId}/lecturers',
        '/api/v1/classes/{id}/sessions',
        '/api/v1/classes/{id}/sessions/{sessionId}',
        '/api/v1/me/sessions',
      ]),
    );
    expect(Object.keys(doc.paths['/api/v1/classes/{id}/sessions/{sessionId}'])).toEqual(expect.arrayContaining(['patch', 'delete']));
    expect(doc.paths['/api/v1/classes'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['year', 'programme', 'status', 'organiserUnitId', 'q']),
    );
  });
});
