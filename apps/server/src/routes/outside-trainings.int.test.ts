import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { todayInVietnam, training } from '@nang-tam/domain';
import { outsideTrainingsRepo, type Db } from '@nang-tam/db';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, seedFixture, type Fixture, type Session } from '../../../../tests/support/fixtures.js';
import { insertPeople } from '../../../../tests/support/classes.js';

/**
 * Training outside the province's classes through the API, on the fixture province: commune A's
 * civil servants without political theory are eligible for sơ cấp LLCT (used here as a course at an
 * outside institution); An is not eligible for cao cấp LLCT, so the board overrides.
 */
let db: Db;
let app: FastifyInstance;
let fx: Fixture;
const USERS = ['board', 'sysadmin', 'noivu', 'officerA', 'officerD', 'registrar'] as const;
type Who = (typeof USERS)[number];
const s = {} as Record<Who, Session>;

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  app = await buildTestApp(db);
  for (const u of USERS) s[u] = await loginAs(app, u);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const post = (who: Who, url: string, payload: unknown) =>
  app.inject({ method: 'POST', url, headers: as(s[who]), payload: payload as object });
const get = (who: Who, url: string) => app.inject({ url, headers: as(s[who]) });
const ACADEMY = 'Học viện Chính trị quốc gia Hồ Chí Minh';
const base = (personId: number, over: Record<string, unknown> = {}) => ({
  personId,
  programmeCode: 'SC_LLCT',
  mode: 'full_time',
  institution: ACADEMY,
  startDate: '2024-09-01',
  endDate: '2025-01-31',
  cost: 12_500_000,
  ...over,
});
const propose = (who: Who, body: Record<string, unknown>) => post(who, '/api/v1/outside-trainings', body);
const count = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM outside_trainings')).rows[0]!.n;
const auditOf = async (id: number) =>
  (
    await db.query<{ action: string }>("SELECT action FROM audit_log WHERE entity = 'outside_training' AND entity_id = $1 ORDER BY id", [
      String(id),
    ])
  ).rows.map((r) => r.action);

describe('proposing', () => {
  it('records an eligible person proposed by their agency, with the engine answer as of the start date', async () => {
    const [p] = await insertPeople(db, 1, { unitId: fx.units.communeA, namePrefix: 'Đặng Văn Được' });
    const res = await propose('officerA', base(p!.id, { note: 'Theo kế hoạch' }));
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      status: 'proposed',
      eligibilityOutcome: 'eligible',
      institution: ACADEMY,
      cost: 12_500_000,
      country: null,
      outsidePlan: false,
      planLineId: null,
    });
    expect(body.actions).toEqual(['withdraw']);
    expect(body.steps.map((x: { step: string }) => x.step)).toEqual(['agency']);
    expect((await get('board', `/api/v1/outside-trainings/${body.id}`)).json().actions).toEqual(['approve', 'refuse', 'withdraw']);
    expect(await auditOf(body.id)).toEqual(['create']);
  });

  it('answers 404 for a person or a record outside the scope', async () => {
    expect((await propose('officerA', base(fx.people.cuong))).statusCode).toBe(404);
    const [p] = await insertPeople(db, 1, { unitId: fx.units.communeA });
    const made = (await propose('officerA', base(p!.id))).json();
    for (const url of [`/api/v1/outside-trainings/${made.id}`]) expect((await get('officerD', url)).statusCode).toBe(404);
    for (const [path, body] of [
      ['decision', { decision: 'approved' }],
      ['sending-decision', { number: '1-QĐ/TU', date: '2024-08-01', signer: 'X' }],
      ['result', { result: 'not_graduated', date: '2025-02-01' }],
      ['withdraw', {}],
    ] as const) {
      expect((await post('officerD', `/api/v1/outside-trainings/${made.id}/${path}`, body)).statusCode, path).toBe(404);
    }
    const list = (await get('officerD', '/api/v1/outside-trainings')).json();
    expect(list.items.every((x: { person: { unit: { id: number } } }) => x.person.unit.id === fx.units.department)).toBe(true);
  });

  it('refuses bad input at the field, in Vietnamese, and writes nothing', async () => {
    const [p] = await insertPeople(db, 1, { unitId: fx.units.communeA });
    const before = await count();
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ endDate: '2024-08-31' }, 400, 'endDate', 'DATE_BEFORE_START'],
      [{ cost: -1 }, 400, 'cost', 'INVALID_COST'],
      [{ cost: 1000.5 }, 400, 'cost', 'INVALID_COST'],
      [{ institution: '   ' }, 400, 'institution', 'REQUIRED'],
      [{ abroad: true }, 400, 'country', 'REQUIRED'],
      [{ programmeCode: 'KHONG_CO' }, 400, 'programmeCode', 'UNKNOWN_PROGRAMME'],
      [{ mode: 'online' }, 400, 'mode', 'UNSUPPORTED_MODE'],
      [{ startDate: '2024-02-30' }, 400, 'startDate', 'INVALID_DATE'],
    ];
    for (const [over, status, path, code] of cases) {
      const res = await propose('officerA', base(p!.id, over));
      expect(res.statusCode, JSON.stringify(over)).toBe(status);
      const detail = res.json().error.details.find((d: { path: string }) => d.path === path);
      expect(detail, `${JSON.stringify(over)}: ${res.body}`).toMatchObject({ code });
      expect(detail.message).toMatch(/[^\x00-\x7F]/u);
    }
    expect(await count()).toBe(before);
  });

  it('refuses a second record of the same programme overlapping in time, and takes one after it', async () => {
    const [p] = await insertPeople(db, 1, { unitId: fx.units.communeA });
    expect((await propose('officerA', base(p!.id))).statusCode).toBe(201);
    const before = await count();
    const dup = await propose(
      'officerA',
      base(p!.id, { startDate: '2025-01-31', endDate: '2025-03-31', institution: 'Trường Đại học Luật Hà Nội' }),
    );
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'DUPLICATE', details: [{ path: 'startDate', code: 'OUTSIDE_DUPLICATE' }] });
    expect(dup.json().error.message).toContain('trùng thời gian');
    expect(await count()).toBe(before);
    expect((await propose('officerA', base(p!.id, { startDate: '2025-02-01', endDate: '2025-03-31' }))).statusCode).toBe(201);
  });

  it('explains each failing rule, and takes an ineligible person only with the board override', async () => {
    const cc = base(fx.people.an, { programmeCode: 'CC_LLCT', startDate: '2024-03-01', endDate: '2025-02-28' });
    const refused = await propose('officerA', cc);
    expect(refused.statusCode).toBe(422);
    const err = refused.json().error;
    expect(err.code).toBe('NOT_ELIGIBLE');
    expect(err.details.length).toBeGreaterThan(0);
    for (const d of err.details) {
      expect(d.path).toMatch(/^rules\./);
      expect(d.message).toContain('căn cứ');
    }
    const notAllowed = await propose('officerA', { ...cc, overrideReason: 'Cán bộ nguồn' });
    expect(notAllowed.statusCode).toBe(422);
    expect(notAllowed.json().error.details.map((d: { code: string }) => d.code)).toContain('OVERRIDE_NOT_ALLOWED');
    const ok = await propose('board', { ...cc, overrideReason: 'Cán bộ nguồn diện Ban Thường vụ quản lý' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ overridden: true, override: { reason: 'Cán bộ nguồn diện Ban Thường vụ quản lý' } });
    expect(ok.json().steps.map((x: { step: string }) => x.step)).toEqual(['override', 'agency']);
  });
});

describe('the chain', () => {
  it('goes proposal → approval → sending decision → graduation, writing the qualification in the same transaction', async () => {
    const [p] = await insertPeople(db, 1, { unitId: fx.units.communeA, namePrefix: 'Hoàng Thị Ánh' });
    const id = (await propose('officerA', base(p!.id))).json().id as number;
    // home affairs does not approve a programme of the board; the agency does not approve at all
    const wrong = await post('noivu', `/api/v1/outside-trainings/${id}/decision`, { decision: 'approved' });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.message).toContain('Ban Tổ chức Tỉnh ủy');
    expect((await post('officerA', `/api/v1/outside-trainings/${id}/decision`, { decision: 'approved' })).statusCode).toBe(403);
    // a decision before the approval is out of order
    const early = await post('board', `/api/v1/outside-trainings/${id}/sending-decision`, {
      number: '12-QĐ/TU',
      date: '2024-08-01',
      signer: 'Phó Trưởng ban',
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('OUTSIDE_STEP_ORDER');
    expect((await post('board', `/api/v1/outside-trainings/${id}/decision`, { decision: 'approved' })).json().status).toBe('approved');
    // signed after the first day: refused at the field
    const late = await post('board', `/api/v1/outside-trainings/${id}/sending-decision`, {
      number: '12-QĐ/TU',
      date: '2024-09-02',
      signer: 'Phó Trưởng ban',
    });
    expect(late.statusCode).toBe(400);
    expect(late.json().error.details).toMatchObject([{ path: 'date', code: 'DECISION_AFTER_START' }]);
    expect(
      (await post('officerA', `/api/v1/outside-trainings/${id}/sending-decision`, { number: '12-QĐ/TU', date: '2024-08-20', signer: 'X' }))
        .statusCode,
    ).toBe(403);
    const sent = await post('board', `/api/v1/outside-trainings/${id}/sending-decision`, {
      number: '12-QĐ/TU',
      date: '2024-08-20',
      signer: 'Phó Trưởng ban Tổ chức Tỉnh ủy',
    });
    expect(sent.json()).toMatchObject({ status: 'sent', decision: { number: '12-QĐ/TU', date: '2024-08-20' } });
    expect(sent.json().actions).toEqual(['recordResult']);
    // while sent, the person counts as enrolled in the programme: not nominated for it elsewhere
    const during = (await get('board', `/api/v1/people/${p!.id}/eligibility?programme=SC_LLCT&mode=full_time&asOf=2024-10-01`)).json();
    const notEnrolled = during.results[0].rules.find((x: { kind: string }) => x.kind === 'not_enrolled');
    expect(notEnrolled.outcome).toBe('fail');
    const before = (await get('board', `/api/v1/people/${p!.id}/eligibility?programme=SC_LLCT&mode=full_time&asOf=2024-08-31`)).json();
    expect(before.results[0].rules.find((x: { kind: string }) => x.kind === 'not_enrolled').outcome).toBe('pass');
    // no withdrawal once sent
    expect((await post('officerA', `/api/v1/outside-trainings/${id}/withdraw`, {})).json().error.code).toBe('OUTSIDE_STEP_ORDER');
    // a result before the end, a graduate without a classification
    const early2 = await post('officerA', `/api/v1/outside-trainings/${id}/result`, {
      result: 'graduated',
      classification: 'kha',
      date: '2025-01-30',
    });
    expect(early2.json().error.details).toMatchObject([{ path: 'date', code: 'RESULT_BEFORE_END' }]);
    const noClass = await post('officerA', `/api/v1/outside-trainings/${id}/result`, { result: 'graduated', date: '2025-02-10' });
    expect(noClass.json().error.details).toMatchObject([{ path: 'classification', code: 'REQUIRED' }]);
    expect((await db.query('SELECT 1 FROM qualifications WHERE person_id = $1', [p!.id])).rows).toHaveLength(0);

    const done = await post('officerA', `/api/v1/outside-trainings/${id}/result`, {
      result: 'graduated',
      classification: 'gioi',
      date: '2025-02-10',
      certificateNo: 'SC-2025/0042',
    });
    expect(done.statusCode, done.body).toBe(200);
    const body = done.json();
    expect(body).toMatchObject({
      status: 'completed',
      result: { result: 'graduated', classification: { code: 'gioi', label: 'Giỏi' }, certificateNo: 'SC-2025/0042' },
    });
    expect(body.actions).toEqual([]);
    expect(body.steps.map((x: { step: string }) => x.step)).toEqual(['agency', 'board', 'decision', 'result']);
    const q = (
      await db.query<{ id: number; level: string; institution: string; awarded_on: string; source: string }>(
        "SELECT id, level, institution, awarded_on::text, source FROM qualifications WHERE person_id = $1 AND kind = 'political_theory'",
        [p!.id],
      )
    ).rows;
    expect(q).toEqual([
      { id: body.result.qualificationId, level: 'so_cap', institution: ACADEMY, awarded_on: '2025-02-10', source: 'graduated' },
    ]);
    const person = (await get('board', `/api/v1/people/${p!.id}`)).json();
    expect(person.politicalTheoryLevel).toBe('so_cap');
    expect(await auditOf(id)).toEqual(['create', 'decide', 'record_decision', 'record_result']);
    const qa = await db.query("SELECT 1 FROM audit_log WHERE entity = 'qualification' AND entity_id = $1 AND action = 'create'", [
      String(body.result.qualificationId),
    ]);
    expect(qa.rows).toHaveLength(1);
  });

  it('routes a postgraduate record to home affairs, and lets the agency withdraw before the decision', async () => {
    const thS = base(fx.people.binh, {
      programmeCode: 'SDH_THS',
      institution: 'Đại học Quốc gia Singapore',
      abroad: true,
      country: 'Singapore',
      startDate: '2026-01-05',
      endDate: '2027-12-20',
      cost: 850_000_000,
      overrideReason: 'Đề án đào tạo ở nước ngoài',
    });
    const made = await propose('board', thS);
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ approver: 'home_affairs', country: 'Singapore' });
    const id = made.json().id as number;
    expect((await post('board', `/api/v1/outside-trainings/${id}/decision`, { decision: 'approved' })).statusCode).toBe(403);
    expect((await post('noivu', `/api/v1/outside-trainings/${id}/decision`, { decision: 'approved' })).json().status).toBe('approved');
    const w = await post('officerA', `/api/v1/outside-trainings/${id}/withdraw`, { note: 'Không thu xếp được công việc' });
    expect(w.json()).toMatchObject({ status: 'withdrawn', actions: [] });
    expect((await post('noivu', `/api/v1/outside-trainings/${id}/decision`, { decision: 'refused', note: 'x' })).json().error.code).toBe(
      'OUTSIDE_CLOSED',
    );
  });

  it('needs a reason to refuse', async () => {
    const [p] = await insertPeople(db, 1, { unitId: fx.units.communeA });
    const id = (await propose('officerA', base(p!.id))).json().id as number;
    const bare = await post('board', `/api/v1/outside-trainings/${id}/decision`, { decision: 'refused' });
    expect(bare.json().error.details).toMatchObject([{ path: 'note', code: 'REQUIRED' }]);
    expect(
      (await post('board', `/api/v1/outside-trainings/${id}/decision`, { decision: 'refused', note: 'Chưa bố trí được người thay' })).json()
        .status,
    ).toBe('refused');
  });
});

describe('the list and person-times', () => {
  it('filters by year, status and institution and finds a name without diacritics', async () => {
    const [p] = await insertPeople(db, 1, { unitId: fx.units.communeA, namePrefix: 'Vương Thị Huệ' });
    await propose('officerA', base(p!.id, { institution: 'Trường Đại học Nội vụ Hà Nội', startDate: '2023-03-01', endDate: '2023-06-30' }));
    const found = (await get('officerA', '/api/v1/outside-trainings?q=vuong%20thi%20hue')).json();
    expect(found.items.map((x: { person: { id: number } }) => x.person.id)).toEqual([p!.id]);
    expect(found.actions).toEqual(['propose']);
    expect((await get('board', '/api/v1/outside-trainings')).json().actions).toEqual(['propose', 'override']);
    const byInst = (
      await get('officerA', `/api/v1/outside-trainings?institution=${encodeURIComponent('Trường Đại học Nội vụ Hà Nội')}`)
    ).json();
    expect(byInst.total).toBe(1);
    expect(byInst.institutions).toContain(ACADEMY);
    expect(
      (await get('officerA', '/api/v1/outside-trainings?year=2023')).json().items.map((x: { person: { id: number } }) => x.person.id),
    ).toEqual([p!.id]);
    const refused = (await get('officerA', '/api/v1/outside-trainings?status=refused')).json();
    expect(refused.items.every((x: { status: string }) => x.status === 'refused')).toBe(true);
    expect((await get('officerA', '/api/v1/outside-trainings?status=nope')).statusCode).toBe(400);
    expect((await get('registrar', '/api/v1/outside-trainings')).statusCode).toBe(403);
  });

  it('counts person-times by year as the domain does', async () => {
    const everyone = { kind: 'subtree' as const, unitPath: '/' };
    const all = (
      await db.query<{
        status: string;
        decision_date: string | null;
        start_date: string;
        end_date: string;
        result: string | null;
        result_date: string | null;
        programme_code: string;
        unit_id: number;
      }>(
        `SELECT o.status, o.decision_date::text, o.start_date::text, o.end_date::text, o.result, o.result_date::text, o.programme_code, p.unit_id
       FROM outside_trainings o JOIN people p ON p.id = o.person_id`,
      )
    ).rows;
    expect(all.some((r) => r.status === 'completed')).toBe(true);
    for (const year of [2023, 2024, 2025, 2026, 2027]) {
      const sql = await outsideTrainingsRepo.countOutsideTrainingsByYear(db, everyone, year);
      const expected = new Map<string, { sent: number; started: number; carried_over: number; finished: number }>();
      for (const r of all) {
        const c = training.outsideYearCounts(
          {
            status: r.status as training.OutsideStatus,
            decisionDate: r.decision_date,
            startDate: r.start_date,
            endDate: r.end_date,
            result: r.result as training.OutsideResult | null,
            resultDate: r.result_date,
          },
          year,
        );
        if (!c.sent && !c.started && !c.carriedOver && !c.finished) continue;
        const key = `${r.programme_code}/${r.unit_id}`;
        const e = expected.get(key) ?? { sent: 0, started: 0, carried_over: 0, finished: 0 };
        e.sent += Number(c.sent);
        e.started += Number(c.started);
        e.carried_over += Number(c.carriedOver);
        e.finished += Number(c.finished);
        expected.set(key, e);
      }
      const got = new Map(
        sql.map((r) => [
          `${r.programme_code}/${r.unit_id}`,
          { sent: r.sent, started: r.started, carried_over: r.carried_over, finished: r.finished },
        ]),
      );
      expect(got, String(year)).toEqual(expected);
    }
    // the graduate of 2025 counts as finished in 2025, in commune A
    const y2025 = await outsideTrainingsRepo.countOutsideTrainingsByYear(db, { kind: 'subtree', unitPath: '/' }, 2025, 'SC_LLCT');
    expect(y2025.reduce((n, r) => n + r.finished, 0)).toBe(1);
    expect(todayInVietnam() >= '2025-02-10').toBe(true);
    // the list gives the year's figures in the caller's scope
    const page = (await get('board', '/api/v1/outside-trainings?year=2025&status=refused')).json();
    const sum = (k: 'sent' | 'started' | 'carried_over' | 'finished') => y2025All.reduce((n, r) => n + r[k], 0);
    const y2025All = await outsideTrainingsRepo.countOutsideTrainingsByYear(db, { kind: 'subtree', unitPath: '/' }, 2025);
    expect(page.personTimes).toEqual({
      year: 2025,
      sent: sum('sent'),
      started: sum('started'),
      carriedOver: sum('carried_over'),
      finished: sum('finished'),
    });
    expect(page.personTimes.finished).toBeGreaterThan(0);
    expect((await get('officerD', '/api/v1/outside-trainings?year=2025')).json().personTimes).toEqual({
      year: 2025,
      sent: 0,
      started: 0,
      carriedOver: 0,
      finished: 0,
    });
    expect((await get('board', '/api/v1/outside-trainings')).json().personTimes).toBeNull();
  });
});
