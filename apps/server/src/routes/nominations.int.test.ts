import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Db } from '@nang-tam/db';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, seedFixture, type Fixture, type Session } from '../../../../tests/support/fixtures.js';
import { insertClass, insertPeople, type ClassInput } from '../../../../tests/support/classes.js';
import { jobsClient, multipart, readSheet, xlsx, type JobsClient } from '../../../../tests/support/jobs.js';
import { xlsxBomb } from '../../../../tests/support/xlsx-bomb.js';

/**
 * Nomination and enrolment through the API, on the fixture province. Classes are sơ cấp LLCT from
 * 1/3/2027, organised by the department (the registrar's unit); commune A's civil servants without
 * political theory are eligible, holders of sơ cấp LLCT and non-party public employees are not.
 */
let db: Db;
let app: FastifyInstance;
let fx: Fixture;
let jobs: JobsClient;
const USERS = ['board', 'sysadmin', 'noivu', 'officerA', 'officerD', 'registrar', 'lecturer'] as const;
type Who = (typeof USERS)[number];
const s = {} as Record<Who, Session>;

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  app = await buildTestApp(db);
  jobs = jobsClient(app, db);
  for (const u of USERS) s[u] = await loginAs(app, u);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const post = (who: Who, url: string, payload: unknown) =>
  app.inject({ method: 'POST', url, headers: as(s[who]), payload: payload as object });
const get = (who: Who, url: string) => app.inject({ url, headers: as(s[who]) });
const nominate = (who: Who, classId: number, body: Record<string, unknown>) => post(who, `/api/v1/classes/${classId}/nominations`, body);
const decide = (who: Who, id: number, body: Record<string, unknown>) => post(who, `/api/v1/nominations/${id}/decision`, body);
const withdraw = (who: Who, id: number, note?: string) => post(who, `/api/v1/nominations/${id}/withdraw`, note ? { note } : {});
const newClass = (over: Partial<ClassInput> = {}) => insertClass(db, { organiserUnitId: fx.units.department, ...over });
const eligibleA = (n: number) => insertPeople(db, n, { unitId: fx.units.communeA });

async function rows<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await db.query<T>(sql, params)).rows;
}
const nominationCount = async (classId: number) =>
  (await rows<{ n: number }>('SELECT count(*)::int AS n FROM nominations WHERE class_id = $1', [classId]))[0]!.n;

interface RuleLine {
  ruleId: string;
  outcome: string;
  description: string;
  source: { code: string };
}

/** The engine's own answer through the eligibility API, for comparison. */
async function engineAnswer(personId: number, programme = 'SC_LLCT', asOf = '2027-03-01') {
  const res = await get('board', `/api/v1/people/${personId}/eligibility?programme=${programme}&mode=full_time&asOf=${asOf}`);
  expect(res.statusCode).toBe(200);
  return res.json().results[0] as { outcome: string; rules: RuleLine[] };
}

describe('nominating one person', () => {
  it("nominates an eligible person and stores the rules engine's explanation with it", async () => {
    const cls = await newClass({ capacity: 5 });
    const [p] = await eligibleA(1);
    const res = await nominate('officerA', cls, { personId: p!.id, note: 'Theo kế hoạch đào tạo năm 2027' });
    expect(res.statusCode, res.body).toBe(201);
    const n = res.json();
    expect(n).toMatchObject({
      classId: cls,
      status: 'nominated',
      eligibilityOutcome: 'eligible',
      overridden: false,
      waitlistPosition: null,
      person: { id: p!.id, fullName: p!.fullName },
      note: 'Theo kế hoạch đào tạo năm 2027',
      override: null,
      enrolmentId: null,
      class: { id: cls, programme: { code: 'SC_LLCT' }, approver: 'province_board', capacity: 5 },
    });
    expect(n.eligibility).toMatchObject({ programmeCode: 'SC_LLCT', mode: 'full_time', asOf: '2027-03-01', outcome: 'eligible' });
    expect(n.eligibility.rules.length).toBeGreaterThan(1);
    for (const r of n.eligibility.rules as RuleLine[]) {
      expect(r.outcome).toBe('pass');
      expect(r.source.code).toBe('350-QĐ/TW');
    }
    expect(n.steps).toEqual([
      {
        step: 'agency',
        decision: 'approved',
        note: 'Theo kế hoạch đào tạo năm 2027',
        decidedBy: 'officerA',
        decidedAt: expect.any(String),
      },
    ]);

    // what is stored is the engine's answer as of the class start date
    const engine = await engineAnswer(p!.id);
    const [stored] = await rows<{ eligibility: { outcome: string; summary: string; rules: RuleLine[] } }>(
      'SELECT eligibility FROM nominations WHERE id = $1',
      [n.id],
    );
    expect(stored!.eligibility.outcome).toBe('eligible');
    expect(stored!.eligibility.summary).toMatch(/Đủ điều kiện/);
    const lines = (rs: RuleLine[]) => rs.map((r) => [r.ruleId, r.outcome, r.source.code]);
    expect(lines(stored!.eligibility.rules)).toEqual(lines(engine.rules));

    const audit = await rows("SELECT action, person_id, actor_name FROM audit_log WHERE entity = 'nomination' AND entity_id = $1", [
      String(n.id),
    ]);
    expect(audit).toEqual([{ action: 'create', person_id: p!.id, actor_name: 'officerA' }]);
    const again = await get('officerA', `/api/v1/nominations/${n.id}`);
    expect(again.json()).toEqual(n);
  });

  it('refuses an ineligible person with each failed rule and its source, and writes nothing', async () => {
    const cls = await newClass();
    const [holder] = await insertPeople(db, 1, { unitId: fx.units.communeA, politicalTheory: 'so_cap' });
    const [employee] = await insertPeople(db, 1, { unitId: fx.units.communeA, category: 'vien_chuc' });
    for (const person of [holder!, employee!]) {
      const engine = await engineAnswer(person.id);
      expect(engine.outcome).toBe('not_eligible');
      const failed = engine.rules.filter((r) => r.outcome === 'fail');
      const res = await nominate('officerA', cls, { personId: person.id });
      expect(res.statusCode).toBe(422);
      const error = res.json().error;
      expect(error.code).toBe('NOT_ELIGIBLE');
      expect(error.message).toMatch(/chưa đủ điều kiện/);
      expect(error.details.map((d: { path: string; code: string }) => [d.path, d.code])).toEqual(
        failed.map((r) => [`rules.${r.ruleId}`, 'RULE_NOT_MET']),
      );
      error.details.forEach((d: { message: string }, i: number) => {
        expect(d.message).toContain(failed[i]!.description);
        expect(d.message).toContain('350-QĐ/TW');
      });
    }
    expect(await nominationCount(cls)).toBe(0);
    const audit = await rows("SELECT 1 FROM audit_log WHERE entity = 'nomination' AND person_id = ANY($1::int[])", [
      [holder!.id, employee!.id],
    ]);
    expect(audit).toEqual([]);
  });

  it('refuses a person the registry lacks the facts to decide for, naming the missing facts', async () => {
    const cls = await newClass({ programmeCode: 'TC_LLCT', name: 'Lớp trung cấp lý luận chính trị' });
    const [p] = await eligibleA(1);
    // a commune vice-chairman, party member, with a degree, but no appraisal for 2026 on record
    await db.query(
      "UPDATE people SET title_id = (SELECT id FROM titles WHERE code = 'PCT_UBND_X'), party_membership = 'member', party_joined_on = '2010-01-01', party_official_on = '2011-01-01' WHERE id = $1",
      [p!.id],
    );
    await db.query(
      "INSERT INTO qualifications (person_id, kind, level, awarded_on, source) VALUES ($1, 'education', 'dai_hoc', '2008-06-01', 'imported')",
      [p!.id],
    );
    await db.query("INSERT INTO appraisals (person_id, year, classification) VALUES ($1, 2025, 'good')", [p!.id]);
    const engine = await engineAnswer(p!.id, 'TC_LLCT');
    expect(engine.outcome).toBe('cannot_decide');
    const res = await nominate('officerA', cls, { personId: p!.id });
    expect(res.statusCode).toBe(422);
    const error = res.json().error;
    expect(error.message).toMatch(/Chưa thể kết luận/);
    const missing = engine.rules.filter((r) => r.outcome === 'missing_fact');
    expect(missing.length).toBeGreaterThan(0);
    expect(error.details.map((d: { path: string; code: string }) => [d.path, d.code])).toEqual(
      missing.map((r) => [`rules.${r.ruleId}`, 'FACT_MISSING']),
    );
    expect(await nominationCount(cls)).toBe(0);
  });

  // An override attempt by a role without nominations.override is answered 422 NOT_ELIGIBLE (not 403):
  // the caller may nominate, the person is what is refused; the details list the failed rules plus
  // overrideReason / OVERRIDE_NOT_ALLOWED, so the agency sees both why and who can decide otherwise.
  it.each([
    { who: 'board' as const, reason: 'Cán bộ nguồn quy hoạch, cần học ngay để kịp bố trí', status: 201 },
    { who: 'sysadmin' as const, reason: 'Theo chỉ đạo của Thường trực Tỉnh ủy', status: 201 },
    { who: 'officerA' as const, reason: 'Đơn vị đề nghị', status: 422, overrideRefused: true },
    { who: 'noivu' as const, reason: 'Sở Nội vụ đề nghị', status: 422, overrideRefused: true },
    { who: 'board' as const, reason: undefined, status: 422, overrideRefused: false },
  ])('override of an ineligible person by $who with reason "$reason" → $status', async ({ who, reason, status, overrideRefused }) => {
    const cls = await newClass();
    const [p] = await insertPeople(db, 1, { unitId: fx.units.communeA, politicalTheory: 'so_cap' });
    const res = await nominate(who, cls, { personId: p!.id, ...(reason ? { overrideReason: reason } : {}) });
    expect(res.statusCode, res.body).toBe(status);
    if (status === 422) {
      const error = res.json().error;
      expect(error.code).toBe('NOT_ELIGIBLE');
      const override = error.details.find((d: { path: string }) => d.path === 'overrideReason');
      expect(Boolean(override)).toBe(overrideRefused);
      if (override)
        expect(override).toMatchObject({ code: 'OVERRIDE_NOT_ALLOWED', message: expect.stringContaining('Ban Tổ chức Tỉnh ủy') });
      expect(await nominationCount(cls)).toBe(0);
      return;
    }
    const n = res.json();
    expect(n).toMatchObject({ status: 'nominated', eligibilityOutcome: 'not_eligible', overridden: true, override: { reason, by: who } });
    expect(n.steps.map((x: { step: string; decision: string; note: string }) => [x.step, x.decision, x.note])).toEqual([
      ['override', 'approved', reason],
      ['agency', 'approved', null],
    ]);
    const [row] = await rows<{ override_reason: string; override_by: number }>(
      'SELECT override_reason, override_by FROM nominations WHERE id = $1',
      [n.id],
    );
    expect(row).toEqual({ override_reason: reason, override_by: fx.users[who]!.id });
  });

  it('refuses a second live nomination of the same person into the same class, but not after a withdrawal', async () => {
    const cls = await newClass();
    const [p] = await eligibleA(1);
    const first = await nominate('officerA', cls, { personId: p!.id });
    expect(first.statusCode).toBe(201);
    for (const who of ['officerA', 'board'] as const) {
      const second = await nominate(who, cls, { personId: p!.id });
      expect(second.statusCode).toBe(409);
      expect(second.json().error).toMatchObject({ code: 'ALREADY_NOMINATED', details: [{ path: 'personId', code: 'ALREADY_NOMINATED' }] });
    }
    expect(await nominationCount(cls)).toBe(1);
    expect((await withdraw('officerA', first.json().id, 'Đơn vị cử người khác')).json().status).toBe('withdrawn');
    const again = await nominate('officerA', cls, { personId: p!.id });
    expect(again.statusCode).toBe(201);
    expect(again.json().status).toBe('nominated');
  });

  it.each([
    { what: 'a closed class', over: { status: 'closed' as const }, code: 'CLASS_CLOSED' },
    { what: 'a finished class', over: { status: 'finished' as const }, code: 'CLASS_FINISHED' },
    { what: 'a class that has ended', over: { startDate: '2025-03-01', endDate: '2025-05-30' }, code: 'CLASS_FINISHED' },
  ])('refuses a nomination into $what with $code and writes nothing', async ({ over, code }) => {
    const cls = await newClass(over);
    const [p] = await eligibleA(1);
    const res = await nominate('officerA', cls, { personId: p!.id });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe(code);
    expect(res.json().error.message).toMatch(/không nhận thêm người được cử/);
    const bulk = await post('officerA', `/api/v1/classes/${cls}/nominations/bulk`, { personIds: [p!.id] });
    expect(bulk.statusCode).toBe(409);
    expect(bulk.json().error.code).toBe(code);
    expect(await nominationCount(cls)).toBe(0);
  });

  it("answers 404 for a person outside the caller's unit subtree, exactly as for one that does not exist", async () => {
    const cls = await newClass();
    const outside = await nominate('officerA', cls, { personId: fx.people.cuong });
    const missing = await nominate('officerA', cls, { personId: 999_999 });
    expect(outside.statusCode).toBe(404);
    expect(outside.json()).toEqual(missing.json());
    expect(outside.json().error.code).toBe('NOT_FOUND');
    expect((await nominate('officerA', 999_999, { personId: fx.people.an })).statusCode).toBe(404);
    expect(await nominationCount(cls)).toBe(0);
  });

  it('validates the body at the edge', async () => {
    const cls = await newClass();
    const res = await nominate('officerA', cls, { personId: 'x', extra: 1 });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .error.details.map((d: { path: string; code: string }) => [d.path, d.code])
        .sort(),
    ).toEqual([
      ['extra', 'UNKNOWN_FIELD'],
      ['personId', 'INVALID_TYPE'],
    ]);
    const empty = await nominate('board', cls, { personId: fx.people.an, overrideReason: '   ' });
    expect(empty.json().error.details).toEqual([expect.objectContaining({ path: 'overrideReason', code: 'REQUIRED' })]);
  });
});

describe('places and the waitlist', () => {
  it('waitlists once the class is full and moves the oldest waitlisted up when a place frees', async () => {
    const cls = await newClass({ capacity: 2 });
    const people = await eligibleA(5);
    const ids: number[] = [];
    for (const p of people) ids.push((await nominate('officerA', cls, { personId: p.id })).json().id);
    const statusOf = async () =>
      (await rows<{ id: number; status: string }>('SELECT id, status FROM nominations WHERE class_id = $1 ORDER BY id', [cls])).map(
        (r) => r.status,
      );
    expect(await statusOf()).toEqual(['nominated', 'nominated', 'waitlisted', 'waitlisted', 'waitlisted']);

    const waitlist = async () => {
      const page = (await get('officerA', `/api/v1/classes/${cls}/nominations?status=waitlisted`)).json();
      return { places: page.places, queue: page.items.map((i: { id: number; waitlistPosition: number }) => [i.id, i.waitlistPosition]) };
    };
    expect(await waitlist()).toEqual({
      places: { capacity: 2, taken: 2, free: 0, waitlisted: 3 },
      queue: [
        [ids[2], 1],
        [ids[3], 2],
        [ids[4], 3],
      ],
    });
    const third = (await get('officerA', `/api/v1/nominations/${ids[2]}`)).json();
    expect(third.steps.map((x: { step: string }) => x.step)).toEqual(['agency', 'waitlist']);

    // the agency withdraws one with a place: the oldest waitlisted takes it
    await withdraw('officerA', ids[0]!, 'Được điều động công tác');
    expect(await statusOf()).toEqual(['withdrawn', 'nominated', 'nominated', 'waitlisted', 'waitlisted']);
    const promoted = (await get('officerA', `/api/v1/nominations/${ids[2]}`)).json();
    expect(promoted.steps.map((x: { step: string; decision: string }) => [x.step, x.decision])).toEqual([
      ['agency', 'approved'],
      ['waitlist', 'recorded'],
      ['promoted', 'recorded'],
    ]);
    expect(promoted.waitlistPosition).toBeNull();
    expect((await waitlist()).queue).toEqual([
      [ids[3], 1],
      [ids[4], 2],
    ]);

    // a refusal frees a place too; a refusal needs its reason
    const noReason = await decide('board', ids[1]!, { step: 'board', decision: 'refused' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details).toEqual([expect.objectContaining({ path: 'note', code: 'REQUIRED' })]);
    const refused = await decide('board', ids[1]!, { step: 'board', decision: 'refused', note: 'Chưa bố trí được người thay thế' });
    expect(refused.json().status).toBe('refused');
    expect(await statusOf()).toEqual(['withdrawn', 'refused', 'nominated', 'nominated', 'waitlisted']);

    // withdrawing a waitlisted one frees no place
    await withdraw('officerA', ids[4]!);
    expect(await statusOf()).toEqual(['withdrawn', 'refused', 'nominated', 'nominated', 'withdrawn']);
    const promotions = await rows(
      "SELECT entity_id, person_id FROM audit_log WHERE entity = 'nomination' AND action = 'promote' AND entity_id = ANY($1::text[]) ORDER BY id",
      [ids.map(String)],
    );
    expect(promotions).toEqual([
      { entity_id: String(ids[2]), person_id: people[2]!.id },
      { entity_id: String(ids[3]), person_id: people[3]!.id },
    ]);
    const closed = await withdraw('officerA', ids[4]!);
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe('NOMINATION_CLOSED');
  });

  it('accepts exactly the remaining places out of 50 simultaneous nominations and waitlists the rest', async () => {
    const capacity = 10;
    const cls = await newClass({ capacity });
    for (const p of await eligibleA(3)) expect((await nominate('officerA', cls, { personId: p.id })).statusCode).toBe(201);
    const people = await eligibleA(50);
    const answers = await Promise.all(people.map((p) => nominate('officerA', cls, { personId: p.id })));
    expect(answers.map((a) => a.statusCode)).toEqual(people.map(() => 201));
    const bodies = answers.map((a) => a.json() as { status: string; waitlistPosition: number | null });
    expect(bodies.filter((b) => b.status === 'nominated')).toHaveLength(capacity - 3);
    expect(bodies.filter((b) => b.status === 'waitlisted')).toHaveLength(50 - (capacity - 3));
    const positions = bodies
      .filter((b) => b.status === 'waitlisted')
      .map((b) => b.waitlistPosition!)
      .sort((a, b) => a - b);
    expect(positions).toEqual(Array.from({ length: 43 }, (_, i) => i + 1));

    const [counts] = await rows<{ taken: number; waitlisted: number }>(
      `SELECT count(*) FILTER (WHERE status IN ('nominated', 'approved_agency', 'approved_board', 'enrolled'))::int AS taken,
              count(*) FILTER (WHERE status = 'waitlisted')::int AS waitlisted
       FROM nominations WHERE class_id = $1`,
      [cls],
    );
    expect(counts).toEqual({ taken: capacity, waitlisted: 43 });
    const page = (await get('board', `/api/v1/classes/${cls}/nominations?limit=100`)).json();
    expect(page.places).toEqual({ capacity, taken: capacity, free: 0, waitlisted: 43 });
  });
});

describe('the approval chain', () => {
  it("runs agency → board → school; the school's acceptance enrols the learner; steps out of order are refused", async () => {
    const cls = await newClass({ capacity: 3 });
    const [p] = await eligibleA(1);
    const id = (await nominate('officerA', cls, { personId: p!.id })).json().id as number;

    const early = await decide('registrar', id, { step: 'school', decision: 'approved' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({
      code: 'NOMINATION_STEP_ORDER',
      message: expect.stringContaining('Ban Tổ chức Tỉnh ủy chưa duyệt'),
    });
    for (const who of ['noivu', 'officerA', 'registrar'] as const) {
      const wrong = await decide(who, id, { step: 'board', decision: 'approved' });
      expect(wrong.statusCode, who).toBe(403);
      expect(wrong.json().error.message).toMatch(/Ban Tổ chức Tỉnh ủy/);
    }
    expect((await decide('officerA', id, { step: 'school', decision: 'approved' })).statusCode).toBe(403);

    const board = await decide('board', id, { step: 'board', decision: 'approved', note: 'Đúng đối tượng, đủ tiêu chuẩn' });
    expect(board.statusCode, board.body).toBe(200);
    expect(board.json().status).toBe('approved_board');
    expect((await decide('board', id, { step: 'board', decision: 'approved' })).json().error.code).toBe('NOMINATION_STEP_ORDER');

    const school = await decide('registrar', id, { step: 'school', decision: 'approved' });
    expect(school.statusCode, school.body).toBe(200);
    const n = school.json();
    expect(n.status).toBe('enrolled');
    expect(n.steps.map((x: { step: string; decision: string; decidedBy: string }) => [x.step, x.decision, x.decidedBy])).toEqual([
      ['agency', 'approved', 'officerA'],
      ['board', 'approved', 'board'],
      ['school', 'approved', 'registrar'],
    ]);
    const enrolments = await rows(
      'SELECT id, class_id, nomination_id, person_id, programme_code, started_on, ended_on, status FROM enrolments WHERE nomination_id = $1',
      [id],
    );
    expect(enrolments).toEqual([
      {
        id: n.enrolmentId,
        class_id: cls,
        nomination_id: id,
        person_id: p!.id,
        programme_code: 'SC_LLCT',
        started_on: '2027-03-01',
        ended_on: '2027-05-30',
        status: 'enrolled',
      },
    ]);
    // the registry now knows: no second sơ cấp LLCT while enrolled; a second nomination says why
    const engine = await engineAnswer(p!.id, 'SC_LLCT', '2027-04-01');
    expect(engine.outcome).toBe('not_eligible');
    expect(engine.rules.find((r) => r.ruleId.endsWith('not_enrolled'))?.outcome).toBe('fail');
    const twice = await nominate('officerA', cls, { personId: p!.id });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toMatchObject({ code: 'ALREADY_NOMINATED', message: expect.stringContaining('đã ghi danh vào lớp') });

    const audit = await rows<{ entity: string; action: string; person_id: number }>(
      "SELECT entity, action, person_id FROM audit_log WHERE person_id = $1 AND entity IN ('nomination', 'enrolment') ORDER BY id",
      [p!.id],
    );
    expect(audit.map((a) => [a.entity, a.action])).toEqual([
      ['nomination', 'create'],
      ['nomination', 'decide'],
      ['enrolment', 'create'],
      ['nomination', 'decide'],
    ]);

    // an enrolled learner who leaves is withdrawn by the school, not by the agency
    const byAgency = await withdraw('officerA', id);
    expect(byAgency.statusCode).toBe(403);
    expect(byAgency.json().error.message).toMatch(/cơ sở đào tạo/);
    const left = await withdraw('registrar', id, 'Học viên xin thôi học vì lý do sức khỏe');
    expect(left.json().status).toBe('withdrawn');
    const [ended] = await rows('SELECT status, ended_on FROM enrolments WHERE nomination_id = $1', [id]);
    expect(ended).toEqual({ status: 'withdrawn', ended_on: '2027-03-01' });
  });

  it('sends the board step of a home-affairs programme to the department of home affairs; the administrator may act for either', async () => {
    await db.query("UPDATE programmes SET approver = 'home_affairs' WHERE code = 'QLNN_CV'");
    const cls = await newClass({ programmeCode: 'QLNN_CV', name: 'Lớp bồi dưỡng ngạch chuyên viên' });
    // NĐ 171/2025 state-management courses are for công chức (0025): công chức at the chuyên viên rank
    const cadres = await insertPeople(db, 2, { unitId: fx.units.communeA, category: 'cong_chuc' });
    await db.query("UPDATE people SET rank_id = (SELECT id FROM ranks WHERE code = '01.003') WHERE id = ANY($1::int[])", [cadres.map((c) => c.id)]);
    const [a, b] = await Promise.all(cadres.map(async (c) => (await nominate('officerA', cls, { personId: c.id })).json().id as number));
    const byBoard = await decide('board', a!, { step: 'board', decision: 'approved' });
    expect(byBoard.statusCode).toBe(403);
    expect(byBoard.json().error.message).toMatch(/Sở Nội vụ/);
    expect((await decide('noivu', a!, { step: 'board', decision: 'approved' })).json().status).toBe('approved_board');
    expect((await decide('sysadmin', b!, { step: 'board', decision: 'approved' })).json().status).toBe('approved_board');
    expect((await decide('sysadmin', b!, { step: 'school', decision: 'approved' })).json().status).toBe('enrolled');
  });

  it('keeps the school step to the school that organises the class', async () => {
    const cls = await newClass({ organiserUnitId: fx.units.communeB });
    const [p] = await eligibleA(1);
    const id = (await nominate('officerA', cls, { personId: p!.id })).json().id as number;
    await decide('board', id, { step: 'board', decision: 'approved' });
    // the registrar of another unit does not see the nomination at all
    expect((await decide('registrar', id, { step: 'school', decision: 'approved' })).statusCode).toBe(404);
    expect((await get('registrar', `/api/v1/nominations/${id}`)).statusCode).toBe(404);
  });
});

describe('lists', () => {
  it('shows each caller the nominations of people in their scope; the organising school sees the whole class', async () => {
    const cls = await newClass({ capacity: 10 });
    const fromA = await eligibleA(3);
    const fromD = await insertPeople(db, 2, { unitId: fx.units.department });
    for (const p of fromA) await nominate('officerA', cls, { personId: p.id });
    for (const p of fromD) await nominate('officerD', cls, { personId: p.id });
    const seen = async (who: Who, query = '') => {
      const res = await get(who, `/api/v1/classes/${cls}/nominations${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { total: number; places: unknown; items: { person: { id: number } }[] };
    };
    const idsOf = (page: { items: { person: { id: number } }[] }) => page.items.map((i) => i.person.id).sort((x, y) => x - y);
    const all = [...fromA, ...fromD].map((p) => p.id).sort((x, y) => x - y);
    expect(idsOf(await seen('officerA'))).toEqual(fromA.map((p) => p.id));
    expect(idsOf(await seen('officerD'))).toEqual(fromD.map((p) => p.id));
    expect(idsOf(await seen('board'))).toEqual(all);
    expect(idsOf(await seen('registrar'))).toEqual(all);
    expect((await seen('officerA')).places).toEqual({ capacity: 10, taken: 5, free: 5, waitlisted: 0 });

    const page2 = await seen('board', '?limit=2&offset=2');
    expect(page2.total).toBe(5);
    expect(page2.items).toHaveLength(2);
    expect((await seen('board', '?limit=2&offset=10')).total).toBe(5);
    expect((await seen('board', '?status=waitlisted')).total).toBe(0);
    expect((await get('board', `/api/v1/classes/${cls}/nominations?status=unknown`)).statusCode).toBe(400);

    const aNomination = (await seen('officerA')).items[0] as unknown as { id: number };
    expect((await get('officerD', `/api/v1/nominations/${aNomination.id}`)).statusCode).toBe(404);
    expect((await get('officerA', `/api/v1/nominations/${aNomination.id}`)).statusCode).toBe(200);
    expect((await get('officerA', '/api/v1/classes/999999/nominations')).statusCode).toBe(404);
  });
});

describe('bulk nomination', () => {
  async function uploadBulk(who: Who, classId: number, content: Buffer) {
    const m = multipart('danh-sach-cu.xlsx', content);
    return app.inject({
      method: 'POST',
      url: `/api/v1/classes/${classId}/nominations/bulk`,
      headers: { ...as(s[who]), ...m.headers },
      payload: m.payload,
    });
  }

  it("nominates the people of an Excel file one by one and lists every row's outcome in the result file", async () => {
    const cls = await newClass({ capacity: 20 });
    const eligible = await eligibleA(28);
    const ineligible = await insertPeople(db, 2, { unitId: fx.units.communeA, politicalTheory: 'so_cap' });
    // a title row, the header, then the people: the two ineligible ones sit at rows 7 and 19 of the sheet
    const list = [...eligible.slice(0, 4), ineligible[0]!, ...eligible.slice(4, 15), ineligible[1]!, ...eligible.slice(15)];
    const content = await xlsx((wb) => {
      const ws = wb.addWorksheet('DanhSachCu');
      ws.addRow(['DANH SÁCH CỬ ĐI HỌC SƠ CẤP LÝ LUẬN CHÍNH TRỊ']);
      ws.addRow(['STT', 'Họ và tên', 'Số CCCD']);
      // one id typed as a number, its leading zeros lost
      list.forEach((p, i) => ws.addRow([i + 1, p.fullName, i === 0 ? Number(p.citizenId) : p.citizenId]));
    });
    const res = await uploadBulk('officerA', cls, content);
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ kind: 'nominations_bulk', status: 'queued' });
    await jobs.run();
    const job = await jobs.get(s.officerA, res.json().id);
    expect(job).toMatchObject({ status: 'succeeded', result: { classId: cls, rows: 30, nominated: 20, waitlisted: 8, refused: 2 } });

    const file = await jobs.file(s.officerA, job.id);
    expect(file.status).toBe(200);
    const sheet = await readSheet(file.body);
    expect(String(sheet[0]![0])).toMatch(/^KẾT QUẢ CỬ ĐI HỌC/);
    expect(String(sheet[1]![0])).toMatch(/30 người: 20 đã cử, 8 vào danh sách chờ, 2 không cử được/);
    expect(sheet[2]).toEqual(['STT', 'Dòng trong tệp', 'Số CCCD', 'Họ và tên', 'Đơn vị', 'Kết quả', 'Thứ tự chờ', 'Lý do']);
    const data = sheet.slice(3);
    expect(data).toHaveLength(30);
    expect(data.map((r) => r[2])).toEqual(list.map((p) => p.citizenId));
    expect(data.map((r) => r[3])).toEqual(list.map((p) => p.fullName));
    const outcomes = data.map((r) => r[5]);
    expect(outcomes.filter((o) => o === 'Đã cử')).toHaveLength(20);
    expect(outcomes.filter((o) => o === 'Danh sách chờ')).toHaveLength(8);
    const refused = data.filter((r) => r[5] === 'Không cử được');
    expect(refused.map((r) => [r[1], r[2]])).toEqual([
      [7, ineligible[0]!.citizenId],
      [19, ineligible[1]!.citizenId],
    ]);
    for (const r of refused) expect(String(r[7])).toMatch(/^Chưa đủ điều kiện: .*350-QĐ\/TW/);
    expect(data.filter((r) => r[5] === 'Danh sách chờ').map((r) => r[6])).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);

    const stored = await rows<{ status: string; n: number }>(
      'SELECT status, count(*)::int AS n FROM nominations WHERE class_id = $1 GROUP BY status ORDER BY status',
      [cls],
    );
    expect(stored).toEqual([
      { status: 'nominated', n: 20 },
      { status: 'waitlisted', n: 8 },
    ]);
  });

  it('takes a JSON list: duplicates and people outside the scope are refused on their own rows, without names', async () => {
    const cls = await newClass();
    const [a, b] = await eligibleA(2);
    const res = await post('officerA', `/api/v1/classes/${cls}/nominations/bulk`, {
      personIds: [a!.id, b!.id, a!.id, fx.people.cuong, 999_999],
    });
    expect(res.statusCode, res.body).toBe(202);
    await jobs.run();
    const job = await jobs.get(s.officerA, res.json().id);
    expect(job.result).toMatchObject({ rows: 5, nominated: 2, waitlisted: 0, refused: 3 });
    const data = (await readSheet((await jobs.file(s.officerA, job.id)).body)).slice(3);
    expect(data.map((r) => [r[1], r[3] ?? null, r[5]])).toEqual([
      [a!.id, a!.fullName, 'Đã cử'],
      [b!.id, b!.fullName, 'Đã cử'],
      [a!.id, null, 'Không cử được'],
      [fx.people.cuong, null, 'Không cử được'],
      [999_999, null, 'Không cử được'],
    ]);
    expect(data[2]![7]).toBe('Trùng với mục thứ 1 của danh sách.');
    expect(data[3]![7]).toMatch(/phạm vi quản lý/);
    expect(data[4]![7]).toBe(data[3]![7]);
    expect(await nominationCount(cls)).toBe(2);
    // each person's outcome is also in the job's result (the candidates page shows it): no name out of scope
    expect((job.result as { people: unknown[] }).people).toEqual([
      { personId: a!.id, name: a!.fullName, outcome: 'nominated', waitlistPosition: null, reason: null },
      { personId: b!.id, name: b!.fullName, outcome: 'nominated', waitlistPosition: null, reason: null },
      { personId: null, name: null, outcome: 'refused', waitlistPosition: null, reason: data[2]![7] },
      { personId: null, name: null, outcome: 'refused', waitlistPosition: null, reason: data[3]![7] },
      { personId: null, name: null, outcome: 'refused', waitlistPosition: null, reason: data[3]![7] },
    ]);
  });

  it('refuses a workbook that expands to 1 GiB: at upload when its zip says so, in the job when the zip lies', async () => {
    const cls = await newClass();
    const honest = await uploadBulk('officerA', cls, xlsxBomb({ sharedStringsBytes: 2 ** 30, stylesBytes: 2 ** 20 }));
    expect(honest.statusCode).toBe(413);
    expect(honest.json().error).toMatchObject({ code: 'WORKBOOK_TOO_LARGE', details: [expect.objectContaining({ path: 'file' })] });
    const lying = await uploadBulk('officerA', cls, xlsxBomb({ sharedStringsBytes: 2 ** 30, stylesBytes: 2 ** 20, lieAboutSizes: true }));
    expect(lying.statusCode).toBe(202);
    await jobs.run();
    const job = await jobs.get(s.officerA, lying.json().id);
    expect(job).toMatchObject({ status: 'failed', result: { code: 'WORKBOOK_TOO_LARGE', field: 'file' } });
    expect(await nominationCount(cls)).toBe(0);
  });

  it('fails a file without a "Số CCCD" column with a clear message, and refuses a request with neither list nor file', async () => {
    const cls = await newClass();
    const content = await xlsx((wb) => {
      const ws = wb.addWorksheet('Sheet1');
      ws.addRow(['Họ và tên', 'Đơn vị']);
      ws.addRow(['Nguyễn Văn An', 'Xã Minh Quang']);
    });
    const res = await uploadBulk('officerA', cls, content);
    expect(res.statusCode).toBe(202);
    await jobs.run();
    const job = await jobs.get(s.officerA, res.json().id);
    expect(job).toMatchObject({ status: 'failed', result: { code: 'COLUMNS_MISSING', message: expect.stringContaining('Số CCCD') } });

    const none = await app.inject({ method: 'POST', url: `/api/v1/classes/${cls}/nominations/bulk`, headers: as(s.officerA) });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.details).toEqual([expect.objectContaining({ path: 'personIds', code: 'REQUIRED' })]);
    const registrar = await post('registrar', `/api/v1/classes/${cls}/nominations/bulk`, { personIds: [fx.people.dung] });
    expect(registrar.statusCode).toBe(403);
    expect(await nominationCount(cls)).toBe(0);
  });
});
