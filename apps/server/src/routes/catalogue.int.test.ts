import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { catalogueRepo, usersRepo, type Db } from '@nang-tam/db';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, seedFixture, type Fixture, type Session } from '../../../../tests/support/fixtures.js';
import { hashPassword } from '../auth/password.js';

/**
 * The programme catalogue's teaching side (seeded, read, corrected by the board) and the lecturer
 * pool (search without diacritics, account links, scope of writes).
 */
let db: Db;
let app: FastifyInstance;
let fx: Fixture;
let board: Session;
let registrar: Session;
let registrarA: Session;
let lecturer: Session;
let officerA: Session;

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  // a political centre's registrar in commune A: another subtree than the school's registrar (Sở Y tế)
  await usersRepo.insertUser(db, {
    username: 'registrarA',
    passwordHash: await hashPassword('Test@12345'),
    displayName: 'registrarA',
    role: 'school_registrar',
    unitId: fx.units.communeA,
  });
  app = await buildTestApp(db);
  board = await loginAs(app, 'board');
  registrar = await loginAs(app, 'registrar');
  registrarA = await loginAs(app, 'registrarA');
  lecturer = await loginAs(app, 'lecturer');
  officerA = await loginAs(app, 'officerA');
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const get = (s: Session, url: string) => app.inject({ url, headers: as(s) });
const send = (s: Session, method: 'POST' | 'PUT' | 'PATCH', url: string, payload: unknown) =>
  app.inject({ method, url, headers: as(s), payload: payload as object });

async function auditCount(entity: string, entityId?: string): Promise<number> {
  const r = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM audit_log WHERE entity = $1 AND ($2::text IS NULL OR entity_id = $2)',
    [entity, entityId ?? null],
  );
  return r.rows[0]!.n;
}

describe('the shipped programme catalogue', () => {
  it.each([
    ['TC_LLCT', 'province_board', true, 'Khoa học lãnh đạo, quản lý'],
    ['CC_LLCT', 'province_board', true, 'Kỹ năng lãnh đạo, quản lý'],
    ['SC_LLCT', 'province_board', false, 'Những vấn đề cơ bản của chủ nghĩa Mác-Lênin, tư tưởng Hồ Chí Minh'],
    ['QLNN_CV', 'home_affairs', false, 'Kỹ năng thực thi công vụ của chuyên viên'],
    ['QLNN_CVCC', 'home_affairs', false, 'Nghiên cứu thực tế trong nước'],
  ])('%s: approver %s, conduct report required %s, module "%s"', async (code, approver, conduct, moduleName) => {
    const res = await get(lecturer, `/api/v1/programmes/${code}/catalogue`);
    expect(res.statusCode).toBe(200);
    const c = res.json();
    expect(c.approver).toBe(approver);
    expect(c.graduationConditions.conductReportRequired).toBe(conduct);
    expect(c.modules.map((m: { name: string }) => m.name)).toContain(moduleName);
    expect(c.modules.every((m: { periods: number }) => m.periods > 0)).toBe(true);
    expect(c.totalPeriods).toBe(c.modules.reduce((n: number, m: { periods: number }) => n + m.periods, 0));
    expect(c.gradingScheme).toMatchObject({ scale: { min: 0, max: 10 }, passMark: 5 });
    expect(c.gradingScheme.bands.map((b: { label: string }) => b.label)).toEqual([
      'Xuất sắc',
      'Giỏi',
      'Khá',
      'Trung bình khá',
      'Trung bình',
    ]);
    expect(c.duration).toBeTruthy();
  });

  it('trung cấp LLCT lists its six modules in teaching order', async () => {
    const c = (await get(registrar, '/api/v1/programmes/TC_LLCT/catalogue')).json();
    expect(c.modules.map((m: { code: string; name: string }) => `${m.code} ${m.name}`)).toEqual([
      'TC.1 Những vấn đề cơ bản của chủ nghĩa Mác-Lênin, tư tưởng Hồ Chí Minh',
      'TC.2 Đường lối, chính sách của Đảng, Nhà nước',
      'TC.3 Khoa học lãnh đạo, quản lý',
      'TC.4 Kỹ năng lãnh đạo, quản lý',
      'TC.5 Nghiệp vụ công tác Đảng, chính quyền, Mặt trận và đoàn thể',
      'TC.6 Thực tế',
    ]);
    expect(c.graduationConditions).toMatchObject({
      allModulesPassed: true,
      minAttendanceRate: 0.8,
      finalExam: 'exam',
      thesisAllowedInsteadOfExam: true,
    });
  });

  it('answers 404 for an unknown programme and 403 to a learner', async () => {
    const res = await get(board, '/api/v1/programmes/KHONG_CO/catalogue');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('UNKNOWN_PROGRAMME');
    expect((await get(await loginAs(app, 'learner'), '/api/v1/programmes/TC_LLCT/catalogue')).statusCode).toBe(403);
  });

  it('seeding again writes nothing', async () => {
    expect(await catalogueRepo.seedProgrammeCatalogue(db)).toBeNull();
    expect(await auditCount('programme_catalogue', 'shipped')).toBe(1);
  });
});

describe('correcting a programme catalogue', () => {
  async function current(code: string) {
    const c = (await get(board, `/api/v1/programmes/${code}/catalogue`)).json();
    return {
      duration: c.duration,
      approver: c.approver,
      gradingScheme: {
        code: c.gradingScheme.code,
        name: c.gradingScheme.name,
        scale: c.gradingScheme.scale,
        passMark: c.gradingScheme.passMark,
        bands: c.gradingScheme.bands,
      },
      graduationConditions: {
        allModulesPassed: c.graduationConditions.allModulesPassed,
        minAttendanceRate: c.graduationConditions.minAttendanceRate,
        finalExam: c.graduationConditions.finalExam,
        conductReportRequired: c.graduationConditions.conductReportRequired,
      },
      modules: c.modules,
    };
  }

  type Body = Awaited<ReturnType<typeof current>>;
  const BAD: [string, (b: Body) => void, string, string][] = [
    ['a pass mark above the scale', (b) => (b.gradingScheme.passMark = 11), 'gradingScheme.passMark', 'PASS_MARK_INVALID'],
    ['a pass mark off the step', (b) => (b.gradingScheme.passMark = 5.05), 'gradingScheme.passMark', 'PASS_MARK_INVALID'],
    ['bands listed from the lowest up', (b) => b.gradingScheme.bands.reverse(), 'gradingScheme.bands.1.min', 'BANDS_NOT_DESCENDING'],
    ['a band above the scale', (b) => (b.gradingScheme.bands[0].min = 12), 'gradingScheme.bands.0', 'BAND_INVALID'],
    ['a band below the pass mark', (b) => (b.gradingScheme.bands[4].min = 4), 'gradingScheme.bands.4.min', 'BAND_BELOW_PASS_MARK'],
    ['an empty scale', (b) => (b.gradingScheme.scale = { min: 10, max: 10, step: 0.1 }), 'gradingScheme.scale', 'SCALE_INVALID'],
    ['a module of 0 periods', (b) => (b.modules[0].periods = 0), 'modules.0.periods', 'OUT_OF_RANGE'],
    ['two modules with one code', (b) => (b.modules[1].code = b.modules[0].code), 'modules.1.code', 'MODULE_CODE_DUPLICATE'],
    [
      'an attendance rate above 100%',
      (b) => (b.graduationConditions.minAttendanceRate = 1.5),
      'graduationConditions.minAttendanceRate',
      'OUT_OF_RANGE',
    ],
    ['an unknown approver', (b) => ((b as { approver: string }).approver = 'school'), 'approver', 'INVALID_VALUE'],
  ];

  it.each(BAD)('refuses %s with its field path and changes nothing', async (_label, spoil, path, code) => {
    const before = await current('TC_LLCT');
    const body = structuredClone(before);
    spoil(body);
    const audits = await auditCount('programme_catalogue');
    const res = await send(board, 'PUT', '/api/v1/programmes/TC_LLCT/catalogue', body);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.details).toContainEqual(expect.objectContaining({ path, code }));
    expect(await current('TC_LLCT')).toEqual(before);
    expect(await auditCount('programme_catalogue')).toBe(audits);
  });

  it('lets only the board (rules.write) correct it', async () => {
    const body = await current('SC_LLCT');
    expect((await send(registrar, 'PUT', '/api/v1/programmes/SC_LLCT/catalogue', body)).statusCode).toBe(403);
    expect((await send(officerA, 'PUT', '/api/v1/programmes/SC_LLCT/catalogue', body)).statusCode).toBe(403);
  });

  it('writes a valid correction with its audit record; classes already open keep their snapshot', async () => {
    const opened = await send(registrar, 'POST', '/api/v1/classes', {
      programmeCode: 'SC_LLCT',
      cohortCode: 'SC-2026-01',
      name: 'Lớp Sơ cấp lý luận chính trị khóa 1',
      mode: 'full_time',
      site: 'Trường Chính trị tỉnh',
      startDate: '2026-04-01',
      endDate: '2026-05-29',
      capacity: 50,
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const body = await current('SC_LLCT');
    body.duration = '10 tuần (tập trung)';
    body.gradingScheme.passMark = 5.5;
    body.gradingScheme.bands[4].min = 5.5;
    body.modules = [...body.modules, { code: 'SC.6', name: 'Chuyên đề chuyển đổi số trong hệ thống chính trị', periods: 12 }];
    const res = await send(board, 'PUT', '/api/v1/programmes/SC_LLCT/catalogue', body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ duration: '10 tuần (tập trung)', gradingScheme: { passMark: 5.5 } });
    expect(res.json().modules.at(-1)).toEqual({ code: 'SC.6', name: 'Chuyên đề chuyển đổi số trong hệ thống chính trị', periods: 12 });

    const audit = await db.query<{
      actor_name: string;
      before: { gradingScheme: { passMark: number }; modules: unknown[] };
      after: { gradingScheme: { passMark: number }; modules: unknown[] };
    }>(
      "SELECT actor_name, before, after FROM audit_log WHERE entity = 'programme_catalogue' AND entity_id = 'SC_LLCT' ORDER BY id DESC LIMIT 1",
    );
    expect(audit.rows[0]).toMatchObject({
      actor_name: 'board',
      before: { gradingScheme: { passMark: 5 } },
      after: { gradingScheme: { passMark: 5.5 } },
    });
    expect(audit.rows[0]!.after.modules).toHaveLength(audit.rows[0]!.before.modules.length + 1);

    // the class opened before keeps the scheme and modules it was opened with
    const cls = (await get(registrar, `/api/v1/classes/${opened.json().id}`)).json();
    expect(cls.gradingScheme.passMark).toBe(5);
    expect(cls.modules.map((m: { code: string }) => m.code)).not.toContain('SC.6');
    // a class opened now copies the corrected catalogue
    const later = await send(registrar, 'POST', '/api/v1/classes', {
      programmeCode: 'SC_LLCT',
      cohortCode: 'SC-2026-02',
      name: 'Lớp Sơ cấp lý luận chính trị khóa 2',
      mode: 'part_time',
      site: 'Trường Chính trị tỉnh',
      startDate: '2026-06-01',
      endDate: '2026-08-28',
      capacity: 50,
    });
    expect(later.json().gradingScheme.passMark).toBe(5.5);
    expect(later.json().modules.map((m: { code: string }) => m.code)).toContain('SC.6');
    // and the seed leaves the board's correction alone
    expect(await catalogueRepo.seedProgrammeCatalogue(db)).toBeNull();
    expect((await current('SC_LLCT')).gradingScheme.passMark).toBe(5.5);
  });

  it('refuses to open a class of a programme whose catalogue has no modules', async () => {
    // administrative reform: run by the school (issue 9's catalogue), shipped without modules
    const res = await send(registrar, 'POST', '/api/v1/classes', {
      programmeCode: 'CCHC',
      cohortCode: 'CCHC-2026',
      name: 'Cải cách hành chính 2026',
      mode: 'full_time',
      site: 'Trường Chính trị tỉnh',
      startDate: '2026-09-01',
      endDate: '2026-09-03',
      capacity: 10,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('CATALOGUE_INCOMPLETE');
  });
});

describe('the lecturer pool', () => {
  const create = (s: Session, body: Record<string, unknown>) => send(s, 'POST', '/api/v1/lecturers', body);
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    for (const [key, body] of [
      ['nhung', { fullName: 'Nguyễn Thị Hồng Nhung', kind: 'guest', title: 'Phó Bí thư Tỉnh ủy', organisation: 'Tỉnh ủy Tuyên Quang' }],
      ['dung', { fullName: 'Đặng Văn Dũng', kind: 'school', title: 'ThS.', organisation: 'Khoa Xây dựng Đảng' }],
      ['hong', { fullName: 'Hoàng Minh Hồng', kind: 'school', title: 'TS.' }],
    ] as const) {
      const res = await create(registrar, body);
      expect(res.statusCode, res.body).toBe(201);
      ids[key] = res.json().id;
    }
  });

  it("keeps a guest lecturer with title and organisation in the caller's unit, and audits it", async () => {
    const res = await get(officerA, `/api/v1/lecturers/${ids.nhung}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      fullName: 'Nguyễn Thị Hồng Nhung',
      kind: 'guest',
      title: 'Phó Bí thư Tỉnh ủy',
      organisation: 'Tỉnh ủy Tuyên Quang',
      unit: { id: fx.units.department },
      user: null,
      active: true,
    });
    expect(await auditCount('lecturer', String(ids.nhung))).toBe(1);
  });

  it.each([
    ['hong nhung', ['nhung']],
    ['Hồng', ['hong', 'nhung']],
    ['dang van dung', ['dung']],
    ['DUNG', ['dung']],
    ['ung', []],
  ])('finds "%s" without diacritics, by word prefix', async (q, expected) => {
    const res = await get(lecturer, `/api/v1/lecturers?q=${encodeURIComponent(q)}`);
    expect(res.statusCode).toBe(200);
    expect(
      res
        .json()
        .items.map((l: { id: number }) => l.id)
        .sort(),
    ).toEqual(expected.map((k) => ids[k]).sort());
  });

  it('filters by kind and by active', async () => {
    const guests = (await get(board, '/api/v1/lecturers?kind=guest')).json();
    expect(guests.items.map((l: { id: number }) => l.id)).toEqual([ids.nhung]);
    const changed = await send(registrar, 'PATCH', `/api/v1/lecturers/${ids.hong}`, { active: false, organisation: 'Khoa Lý luận cơ sở' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ active: false, organisation: 'Khoa Lý luận cơ sở', title: 'TS.' });
    const active = (await get(board, '/api/v1/lecturers?active=true')).json();
    expect(active.items.map((l: { id: number }) => l.id)).not.toContain(ids.hong);
    expect(active.total).toBe(2);
  });

  it('links an account once; refuses a second link, an unknown account and an account outside the scope', async () => {
    const lecturerUser = fx.users.lecturer!.id;
    const linked = await send(registrar, 'PATCH', `/api/v1/lecturers/${ids.dung}`, { userId: lecturerUser });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json().user).toEqual({ id: lecturerUser, username: 'lecturer', displayName: 'lecturer' });

    const twice = await create(registrar, { fullName: 'Lê Văn Tám', kind: 'school', userId: lecturerUser });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toMatchObject({ code: 'DUPLICATE', details: [{ path: 'userId', code: 'LECTURER_ACCOUNT_TAKEN' }] });
    const unknown = await create(registrar, { fullName: 'Lê Văn Tám', kind: 'school', userId: 999_999 });
    expect(unknown.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'userId', code: 'UNKNOWN_USER' }] });
    // officer A's account lives in commune A, outside the school registrar's subtree
    const outside = await create(registrar, { fullName: 'Lê Văn Tám', kind: 'school', userId: fx.users.officerA!.id });
    expect(outside.json().error.details).toEqual([expect.objectContaining({ path: 'userId', code: 'UNKNOWN_USER' })]);
    const count = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM lecturers WHERE full_name = 'Lê Văn Tám'");
    expect(count.rows[0]!.n).toBe(0);
  });

  it('answers 404 to a registrar of another subtree, 403 without classes.manage, 400 for a unit outside the scope', async () => {
    expect((await send(registrarA, 'PATCH', `/api/v1/lecturers/${ids.nhung}`, { title: 'Bí thư' })).statusCode).toBe(404);
    expect((await create(officerA, { fullName: 'Lò Văn Pả', kind: 'guest' })).statusCode).toBe(403);
    expect((await create(lecturer, { fullName: 'Lò Văn Pả', kind: 'guest' })).statusCode).toBe(403);
    const res = await create(registrar, { fullName: 'Lò Văn Pả', kind: 'guest', unitId: fx.units.communeA });
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'unitId', code: 'UNIT_OUT_OF_SCOPE' }] });
    expect((await get(registrarA, `/api/v1/lecturers/${ids.nhung}`)).statusCode).toBe(200);
  });

  it('validates the body at the edge', async () => {
    const res = await create(registrar, { fullName: '  ', kind: 'visitor', extra: 1 });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .error.details.map((d: { path: string; code: string }) => `${d.path}:${d.code}`)
        .sort(),
    ).toEqual(['extra:UNKNOWN_FIELD', 'fullName:REQUIRED', 'kind:INVALID_VALUE']);
  });
});
