import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { rules, training } from '@nang-tam/domain';
import { peopleRepo, rulesRepo, type Db } from '@nang-tam/db';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, personWrite, seedFixture, type Fixture, type Session } from '../../../../tests/support/fixtures.js';

/** Rules and standards as data: the shipped seed, listing with history, and versioned edits. */
let db: Db;
let app: FastifyInstance;
let fx: Fixture;
let board: Session;
let sysadmin: Session;
let officerA: Session;
let giang: number;

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  const title = (await db.query<{ id: number }>("SELECT id FROM titles WHERE code = 'PCT_UBND_X'")).rows[0]!.id;
  const inserted = await peopleRepo.insertPeople(db, [
    personWrite({ fullName: 'Phạm Văn Giang', unitId: fx.units.communeA, citizenId: '008085000201', titleId: title, partyJoinedOn: '2010-03-01', partyOfficialOn: '2011-03-01' }),
  ]);
  giang = inserted[0]!;
  await db.query("INSERT INTO qualifications (person_id, kind, level, source) VALUES ($1, 'education', 'cao_dang', 'imported')", [giang]);
  for (const year of [2024, 2025, 2026]) await db.query("INSERT INTO appraisals (person_id, year, classification) VALUES ($1, $2, 'good')", [giang, year]);
  app = await buildTestApp(db);
  board = await loginAs(app, 'board');
  sysadmin = await loginAs(app, 'sysadmin');
  officerA = await loginAs(app, 'officerA');
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const SOURCE = { code: '99-QĐ/TU', title: 'Quy định thử nghiệm của Tỉnh ủy', issuer: 'Tỉnh ủy', issuedOn: '2026-10-01', article: 'Điều 2' };

const post = (s: Session, url: string, payload: unknown) => app.inject({ method: 'POST', url, headers: as(s), payload: payload as object });

describe('the shipped seed', () => {
  it('is written once, with programmes, rules, notes, standards and job-position fields', async () => {
    expect(await rulesRepo.seedShippedRules(db)).toBeNull(); // the fixture already wrote it
    const n = async (table: string) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
    // the eight rule programmes and the rest of the catalogue (issue 9)
    expect(await n('programmes')).toBe(training.shippedProgrammeCodes().length);
    expect(await n('rule_versions')).toBe(rules.SHIPPED_RULE_SETS.reduce((k, s) => k + s.rules.length, 0) + rules.SHIPPED_SUPERSEDED_RULES.length);
    expect(await n('standard_versions')).toBe(rules.SHIPPED_STANDARDS.length);
    expect(await n('programme_notes')).toBe(4); // the service commitment under NĐ 171/2025 (3×) and NĐ 101/2017 (2×), for SDH_THS and SDH_TS
    const kt = (await db.query<{ fields: string[] }>("SELECT fields FROM job_positions WHERE code = 'KT'")).rows[0]!.fields;
    expect(kt).toEqual(['kế toán', 'kiểm toán', 'tài chính']);
  });

  it('round-trips: what the database holds validates and equals the shipped data', async () => {
    const res = (await app.inject({ url: '/api/v1/rules?programme=TC_LLCT&asOf=2026-01-01', headers: as(board) })).json();
    const shipped = rules.SHIPPED_RULE_SETS.find((s) => s.programmeCode === 'TC_LLCT')!.rules;
    expect(res.items.map((r: { id: string }) => r.id)).toEqual(shipped.map((r) => r.id));
    const target = res.items.find((r: { id: string }) => r.id === 'TC_LLCT_350.target_post');
    expect(target.current).toMatchObject({ version: 1, params: shipped.find((r) => r.id === 'TC_LLCT_350.target_post')!.params, source: { code: '350-QĐ/TW' }, active: true, inForce: true, createdBy: null });
    expect(res.items.find((r: { id: string }) => r.id === 'TC_LLCT_57.target_post').current).toBeNull();
  });

  it('lists programmes for any signed-in user, and rules only for those who may read them', async () => {
    const programmes = (await app.inject({ url: '/api/v1/programmes', headers: as(officerA) })).json();
    expect(programmes.items.find((p: { code: string }) => p.code === 'TC_LLCT')).toEqual({
      code: 'TC_LLCT',
      name: 'Trung cấp lý luận chính trị',
      kind: 'political_theory',
      modes: ['full_time', 'part_time'],
      grants: { kind: 'political_theory', level: 'trung_cap', levelName: 'Trung cấp' },
      opensClasses: true,
    });
    // issue 9: postgraduate study is run by outside institutions
    expect(programmes.items.find((p: { code: string }) => p.code === 'SDH_THS').opensClasses).toBe(false);
    const learner = await loginAs(app, 'learner');
    expect((await app.inject({ url: '/api/v1/rules', headers: as(learner) })).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/v1/rules?programme=NOPE', headers: as(board) })).json().error.code).toBe('UNKNOWN_PROGRAMME');
  });
});

describe('adding a rule version', () => {
  const url = '/api/v1/rules/TC_LLCT_350.appraisal_streak/versions';
  const streak = (over: Record<string, unknown> = {}) => ({
    kind: 'appraisal_streak',
    params: { minClassification: 'good', years: 3 },
    description: 'Ba năm liên tục liền kề được xếp loại hoàn thành tốt nhiệm vụ trở lên.',
    source: SOURCE,
    period: { from: '2027-01-01', to: null },
    ...over,
  });

  it('changes a rule from a date: the open version closes the day before, and answers follow the date', async () => {
    const res = await post(board, url, streak({ baseVersion: 1 }));
    expect(res.statusCode).toBe(201);
    const rule = res.json();
    expect(rule.versions.map((v: { version: number; period: unknown }) => [v.version, v.period])).toEqual([
      [1, { from: '2025-08-29', to: '2026-12-31' }],
      [2, { from: '2027-01-01', to: null }],
    ]);
    expect(rule.versions[1]).toMatchObject({ createdBy: 'board', source: SOURCE, params: { years: 3 } });

    const audit = await db.query<{ action: string; entity: string; entity_id: string; actor_name: string; before: { changed: { period: unknown }[] } }>(
      "SELECT action, entity, entity_id, actor_name, before FROM audit_log WHERE entity = 'rule_version' ORDER BY id",
    );
    expect(audit.rows).toMatchObject([{ action: 'create', entity_id: 'TC_LLCT_350.appraisal_streak@2', actor_name: 'board' }]);
    expect(audit.rows[0]!.before.changed[0]!.period).toEqual({ from: '2025-08-29', to: null });

    const check = async (asOf: string) =>
      (await app.inject({ url: `/api/v1/people/${giang}/eligibility?programme=TC_LLCT&mode=full_time&asOf=${asOf}`, headers: as(board) })).json().results[0];
    const before = await check('2026-12-31');
    expect(before.rules.find((r: { kind: string }) => r.kind === 'appraisal_streak')).toMatchObject({ version: 1, outcome: 'pass' });
    const after = await check('2027-01-01');
    expect(after.rules.find((r: { kind: string }) => r.kind === 'appraisal_streak')).toMatchObject({ version: 2, outcome: 'pass', facts: { years: [2026, 2025, 2024] } });
  });

  it('refuses an overlapping period with a clear Vietnamese error', async () => {
    const res = await post(board, url, streak({ period: { from: '2026-06-01', to: null } }));
    expect(res.statusCode).toBe(409);
    const { error } = res.json();
    expect(error.code).toBe('RULE_PERIOD_OVERLAP');
    expect(error.message).toMatch(/trùng/);
    expect(error.details).toEqual([{ path: 'period', code: 'OVERLAPPING_PERIOD', message: expect.stringMatching(/trùng với phiên bản 1, 2/) }]);
  });

  it('refuses an unknown qualification level or kind, a period ending before it starts, and a stale edit', async () => {
    const level = await post(board, '/api/v1/rules/TC_LLCT_350.education/versions', {
      kind: 'min_qualification',
      params: { kind: 'education', minLevel: 'tien_si_x' },
      description: 'Tốt nghiệp …',
      source: SOURCE,
      period: { from: '2027-01-01', to: null },
    });
    expect(level.statusCode).toBe(400);
    expect(level.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'params.minLevel', code: 'UNKNOWN_LEVEL' }] });
    expect(level.json().error.details[0].message).toMatch(/tien_si_x/);

    const kind = await post(board, '/api/v1/rules/TC_LLCT_350.education/versions', {
      kind: 'min_qualification',
      params: { kind: 'cooking', minLevel: 'dai_hoc' },
      description: 'Tốt nghiệp …',
      source: SOURCE,
      period: { from: '2027-01-01', to: null },
    });
    expect(kind.json().error.details).toEqual([expect.objectContaining({ path: 'params.kind', code: 'UNKNOWN_QUALIFICATION_KIND' })]);

    const backwards = await post(board, url, streak({ period: { from: '2028-01-01', to: '2027-12-31' } }));
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.details).toEqual([expect.objectContaining({ path: 'period.to', code: 'PERIOD_ENDS_BEFORE_START' })]);

    const stale = await post(board, url, streak({ baseVersion: 1, period: { from: '2028-01-01', to: null } }));
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('RULE_VERSION_CONFLICT');

    const shape = await post(board, url, streak({ params: { minClassification: 'good' } }));
    expect(shape.json().error.details).toEqual([expect.objectContaining({ path: 'params.years', code: 'REQUIRED' })]);

    const changedKind = await post(board, url, { ...streak(), kind: 'min_service_years', params: { years: 3 } });
    expect(changedKind.json().error.details).toEqual([expect.objectContaining({ path: 'kind', code: 'KIND_MISMATCH' })]);
    // nothing was written by the refusals
    const versions = (await app.inject({ url: '/api/v1/rules/TC_LLCT_350.appraisal_streak', headers: as(board) })).json().versions;
    expect(versions).toHaveLength(2);
  });

  it('corrects a version over its own period, keeping the old one for history', async () => {
    const res = await post(sysadmin, url, streak({ corrects: 2, params: { minClassification: 'excellent', years: 3 } }));
    expect(res.statusCode).toBe(201);
    const versions = res.json().versions;
    expect(versions.map((v: { version: number; active: boolean; supersededBy: number | null; corrects: number | null }) => [v.version, v.active, v.supersededBy, v.corrects])).toEqual([
      [1, true, null, null],
      [2, false, 3, null],
      [3, true, null, 2],
    ]);
    const mismatch = await post(sysadmin, url, streak({ corrects: 3, period: { from: '2027-02-01', to: null } }));
    expect(mismatch.json().error.details).toEqual([expect.objectContaining({ code: 'CORRECTION_PERIOD_MISMATCH' })]);
  });

  it('creates a new rule for a programme, which then takes part in every answer', async () => {
    const missing = await post(board, '/api/v1/rules/TC_LLCT_TU99.age_max/versions', { kind: 'age_limit', params: { max: 45 }, description: 'Không quá 45 tuổi.', source: SOURCE, period: { from: '2027-01-01', to: null } });
    expect(missing.json().error.details).toEqual([expect.objectContaining({ path: 'programmeCode', code: 'REQUIRED' })]);
    const unknown = await post(board, '/api/v1/rules/TC_LLCT_TU99.age_max/versions', {
      programmeCode: 'XX',
      kind: 'age_limit',
      params: { max: 45 },
      description: 'Không quá 45 tuổi.',
      source: SOURCE,
      period: { from: '2027-01-01', to: null },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('UNKNOWN_PROGRAMME');
    const created = await post(board, '/api/v1/rules/TC_LLCT_TU99.age_max/versions', {
      programmeCode: 'TC_LLCT',
      kind: 'age_limit',
      params: { max: 30 },
      description: 'Không quá 30 tuổi.',
      source: SOURCE,
      period: { from: '2027-01-01', to: null },
      baseVersion: 0,
    });
    expect(created.statusCode).toBe(201);
    const result = (await app.inject({ url: `/api/v1/people/${giang}/eligibility?programme=TC_LLCT&mode=full_time&asOf=2027-06-01`, headers: as(board) })).json().results[0];
    expect(result.outcome).toBe('not_eligible');
    expect(result.rules.at(-1)).toMatchObject({ ruleId: 'TC_LLCT_TU99.age_max', outcome: 'fail', source: { code: '99-QĐ/TU' } });
  });

  it('is refused to roles without rules.write', async () => {
    expect((await post(officerA, url, streak())).statusCode).toBe(403);
  });
});

describe('standards', () => {
  it('lists the standards of a title with their sources and versions', async () => {
    const res = (await app.inject({ url: '/api/v1/standards?titleCode=TP_T&asOf=2026-01-01', headers: as(board) })).json();
    const leadership = res.items.find((s: { id: string }) => s.id === 'STD.TP_T.leadership');
    expect(leadership.targetName).toBe('Trưởng phòng và tương đương (cấp tỉnh)');
    expect(leadership.versions.map((v: { version: number; source: { code: string } }) => [v.version, v.source.code])).toEqual([
      [1, '101/2017/NĐ-CP'],
      [2, '171/2025/NĐ-CP'],
    ]);
    expect(leadership.current.version).toBe(2);
  });

  it('adds a version that changes gaps from its date, and refuses an unknown level', async () => {
    const url = '/api/v1/standards/STD.PCT_UBND_X.political_theory/versions';
    const body = {
      requirement: { kind: 'political_theory', minLevel: 'cao_cap' },
      description: 'Có trình độ cao cấp lý luận chính trị.',
      source: SOURCE,
      period: { from: '2027-01-01', to: null },
    };
    const bad = await post(board, url, { ...body, requirement: { kind: 'political_theory', minLevel: 'super' } });
    expect(bad.json().error.details).toEqual([expect.objectContaining({ path: 'requirement.minLevel', code: 'UNKNOWN_LEVEL' })]);
    const wrongTitle = await post(board, url, { ...body, titleCode: 'BT_X' });
    expect(wrongTitle.json().error.details).toEqual([expect.objectContaining({ path: 'titleCode', code: 'ID_MISMATCH' })]);
    const ok = await post(board, url, body);
    expect(ok.statusCode).toBe(201);
    expect(ok.json().versions.map((v: { period: { to: string | null } }) => v.period.to)).toEqual(['2026-12-31', null]);
    const gaps = async (asOf: string) => (await app.inject({ url: `/api/v1/people/${giang}/gaps?asOf=${asOf}`, headers: as(board) })).json().summary.needs;
    expect(await gaps('2026-12-31')).toEqual([expect.objectContaining({ kind: 'political_theory', level: 'trung_cap' })]);
    expect(await gaps('2027-01-01')).toEqual([expect.objectContaining({ kind: 'political_theory', level: 'cao_cap' })]);
    const audit = await db.query("SELECT 1 FROM audit_log WHERE entity = 'standard_version' AND entity_id = 'STD.PCT_UBND_X.political_theory@2'");
    expect(audit.rows).toHaveLength(1);
  });

  it('creates a standard for a job position', async () => {
    const res = await post(board, '/api/v1/standards/STD.JP.KT.it/versions', {
      jobPositionCode: 'KT',
      requirement: { kind: 'it', minLevel: 'co_ban' },
      description: 'Ứng dụng CNTT cơ bản.',
      source: SOURCE,
      period: { from: '2026-01-01', to: null },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ jobPositionCode: 'KT', targetName: 'Kế toán', current: { requirement: { minLevelName: 'Ứng dụng CNTT cơ bản' } } });
    const both = await post(board, '/api/v1/standards/STD.X.it/versions', {
      titleCode: 'BT_X',
      jobPositionCode: 'KT',
      requirement: { kind: 'it', minLevel: 'co_ban' },
      description: 'x',
      source: SOURCE,
      period: { from: '2026-01-01', to: null },
    });
    expect(both.json().error.details).toEqual([expect.objectContaining({ code: 'TARGET_REQUIRED' })]);
  });
});

describe('job-position fields', () => {
  it('replaces the fields of a position, audited', async () => {
    const res = await app.inject({ method: 'PUT', url: '/api/v1/job-positions/KT/fields', headers: as(board), payload: { fields: ['kế toán', 'kiểm toán', 'tài chính', 'thuế'] } });
    expect(res.statusCode).toBe(200);
    expect(res.json().fields).toContain('thuế');
    const list = (await app.inject({ url: '/api/v1/job-positions', headers: as(officerA) })).json();
    expect(list.items.find((j: { code: string }) => j.code === 'KT').fields).toHaveLength(4);
    expect((await app.inject({ method: 'PUT', url: '/api/v1/job-positions/NOPE/fields', headers: as(board), payload: { fields: [] } })).statusCode).toBe(404);
    const audit = await db.query<{ before: { fields: string[] } }>("SELECT before FROM audit_log WHERE entity = 'job_position_fields'");
    expect(audit.rows[0]!.before.fields).toHaveLength(3);
  });
});
