import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Db } from '@nang-tam/db';
import { rules, todayInVietnam } from '@nang-tam/domain';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, seedFixture, type Fixture, type Session } from '../../../../tests/support/fixtures.js';
import { insertPeople } from '../../../../tests/support/classes.js';

/**
 * Indicators through the API on the fixture province with generated histories (moves between
 * units, leavings, degrees awarded over the years, CCHC training in classes and outside): every
 * value is checked against a hand-written SQL over the same records (a differential test), as of
 * today and as of past dates, for the whole province and for a unit officer's subtree.
 */
let db: Db;
let app: FastifyInstance;
let fx: Fixture;
const USERS = ['board', 'noivu', 'officerA', 'officerD', 'registrar'] as const;
type Who = (typeof USERS)[number];
const s = {} as Record<Who, Session>;
const today = todayInVietnam();

const get = (who: Who, url: string) => app.inject({ url, headers: as(s[who]) });
const send = (who: Who, method: 'POST' | 'PUT', url: string, payload: unknown) => app.inject({ method, url, headers: as(s[who]), payload: payload as object });

let btvTu = 0;
let thJobPosition = 0;
let masters = 0;
let cchc = 0;
let titled = 0;
/** Two titles some assignments (and some records without history) hold: a population read by title as of a date. */
let titleIds: number[] = [];

/** A deterministic pseudo-random sequence (the same data on both databases). */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pad = (n: number) => String(n).padStart(2, '0');
const day = (r: () => number, fromYear: number, toYear: number) => `${fromYear + Math.floor(r() * (toYear - fromYear + 1))}-${pad(1 + Math.floor(r() * 12))}-${pad(1 + Math.floor(r() * 28))}`;

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  app = await buildTestApp(db);
  for (const u of USERS) s[u] = await loginAs(app, u);
  btvTu = (await db.query<{ id: number }>("SELECT id FROM management_scopes WHERE code = 'BTV_TU'")).rows[0]!.id;
  thJobPosition = (await db.query<{ id: number }>("SELECT id FROM job_positions WHERE code = 'TH'")).rows[0]!.id;
  titleIds = (await db.query<{ id: number }>('SELECT id FROM titles ORDER BY id LIMIT 2')).rows.map((t) => t.id);
  const r = rng(29);
  const units = [fx.units.communeA, fx.units.communeB, fx.units.department];
  const people = [
    ...(await insertPeople(db, 20, { unitId: fx.units.communeA, namePrefix: 'Chỉ Tiêu A' })),
    ...(await insertPeople(db, 20, { unitId: fx.units.communeB, namePrefix: 'Chỉ Tiêu B' })),
    ...(await insertPeople(db, 20, { unitId: fx.units.department, namePrefix: 'Chỉ Tiêu D' })),
  ];
  for (const [i, p] of people.entries()) {
    const current = units[Math.floor(i / 20)]!;
    const scope = r() < 0.6 ? btvTu : null;
    const jp = r() < 0.5 ? thJobPosition : null;
    await db.query('UPDATE people SET management_scope_id = $2, job_position_id = $3 WHERE id = $1', [p.id, scope, jp]);
    // history: one to three contiguous assignments, the last open at the current unit; some have none
    const kind = r();
    if (kind < 0.85) {
      const n = 1 + Math.floor(r() * 3);
      let start = day(r, 2015, 2018);
      for (let k = 0; k < n; k++) {
        const last = k === n - 1;
        const next = last ? null : day(r, Number(start.slice(0, 4)) + 1, Number(start.slice(0, 4)) + 3);
        const end = next ? `${next.slice(0, 4)}-${next.slice(5, 7)}-01` : null;
        const startOn = start;
        const unit = last ? current : units[Math.floor(r() * 3)]!;
        await db.query(
          "INSERT INTO assignments (person_id, unit_id, title_id, started_on, ended_on, reason) VALUES ($1, $2, $5, $3, $4, 'appointment')",
          [p.id, unit, startOn, end && end > startOn ? end : null, r() < 0.4 ? titleIds[Math.floor(r() * 2)]! : null],
        );
        if (!next || !(end! > startOn)) break;
        start = end!;
      }
      // a late starter: joined this year (absent from earlier dates)
      if (kind < 0.1) {
        await db.query('DELETE FROM assignments WHERE person_id = $1', [p.id]);
        await db.query("INSERT INTO assignments (person_id, unit_id, started_on, reason) VALUES ($1, $2, $3, 'recruitment')", [p.id, current, `${today.slice(0, 4)}-01-01`]);
      }
    }
    else if (r() < 0.5) await db.query('UPDATE people SET title_id = $2 WHERE id = $1', [p.id, titleIds[0]]);
    if (r() < 0.08) await db.query("INSERT INTO service_leavings (person_id, left_on, reason, recorded_by) VALUES ($1, $2, 'resigned', $3)", [p.id, day(r, 2022, 2024), fx.users.board!.id]);
    // education: a degree, then for some a master's or doctorate awarded over the years (a few undated)
    await db.query("INSERT INTO qualifications (person_id, kind, level, awarded_on, source) VALUES ($1, 'education', 'dai_hoc', $2, 'imported')", [p.id, day(r, 1998, 2010)]);
    const m = r();
    if (m < 0.5) {
      const awarded = m < 0.05 ? null : day(r, 2014, 2025);
      await db.query("INSERT INTO qualifications (person_id, kind, level, awarded_on, source) VALUES ($1, 'education', $2, $3, 'imported')", [p.id, m < 0.1 ? 'tien_si' : 'thac_si', awarded]);
    }
    // CCHC training: a graduated class enrolment, or a completed outside course, or a failed one
    const c = r();
    if (c < 0.35) {
      const ended = day(r, 2016, 2025);
      await db.query(
        "INSERT INTO enrolments (person_id, programme_code, status, started_on, ended_on, graduated_on) VALUES ($1, 'CCHC', $2, $3, $3, $4)",
        [p.id, c < 0.3 ? 'completed' : 'failed', ended, c < 0.3 ? ended : null],
      );
    } else if (c < 0.55) {
      const end = day(r, 2016, 2025);
      const graduated = c < 0.5;
      await db.query(
        `INSERT INTO outside_trainings (person_id, programme_code, mode, institution, start_date, end_date, status, eligibility, proposed_by, decision_no, decision_date, result, result_date)
         VALUES ($1, 'CCHC', 'full_time', 'Học viện Hành chính quốc gia', $2, $2, 'completed', '{}'::jsonb, $3, '1-QĐ', $2, $4, $2)`,
        [p.id, end, fx.users.board!.id, graduated ? 'graduated' : 'not_graduated'],
      );
    }
  }
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const SOURCE = { kind: 'resolution', number: '09-NQ/TU', issuedOn: '2016-10-20', issuer: 'Ban Chấp hành Đảng bộ tỉnh', title: 'Nâng cao chất lượng đội ngũ cán bộ lãnh đạo, quản lý các cấp' };
const mastersBody = () => ({
  code: 'BTV-THS',
  name: 'Cán bộ diện BTV Tỉnh ủy quản lý có trình độ thạc sĩ trở lên',
  population: { managementScopeId: btvTu },
  condition: { kind: 'qualification', qualificationKind: 'education', minLevel: 'thac_si' },
  target: { kind: 'share', value: 40 },
  startOn: '2016-10-20',
  deadline: '2030-12-31',
  source: SOURCE,
  ownerUnitId: fx.units.root,
});
const cchcBody = () => ({
  code: 'CCHC-85',
  name: 'CBCCVC làm công tác CCHC được bồi dưỡng',
  population: { adminReformPost: true },
  condition: { kind: 'adminReformTraining', withinYears: 5 },
  target: { kind: 'share', comparison: 'above', value: 85 },
  startOn: '2023-05-16',
  deadline: '2025-12-31',
  source: { kind: 'plan', number: '83/KH-UBND', issuedOn: '2023-05-16', issuer: 'UBND tỉnh' },
  ownerUnitId: fx.units.root,
});

/** The hand-written SQL: the people in service on $1 and their unit then, written differently from the repository. */
async function expected(date: string, unitPathPrefix: string, which: 'masters' | 'cchc' | 'titled'): Promise<{ population: number; counted: number }> {
  const base = `
    WITH latest AS (
      SELECT DISTINCT ON (a.person_id) a.person_id, a.unit_id, a.title_id, a.ended_on
      FROM assignments a WHERE a.started_on <= $1::date ORDER BY a.person_id, a.started_on DESC, a.id DESC
    ),
    live AS (
      SELECT p.id, p.management_scope_id, p.job_position_id, coalesce(l.unit_id, p.unit_id) AS unit_id, coalesce(l.title_id, CASE WHEN l.person_id IS NULL THEN p.title_id END) AS title_id
      FROM people p LEFT JOIN latest l ON l.person_id = p.id
      WHERE ((l.person_id IS NOT NULL AND (l.ended_on IS NULL OR l.ended_on >= $1::date))
             OR (l.person_id IS NULL AND p.id NOT IN (SELECT person_id FROM assignments)))
        AND p.id NOT IN (SELECT person_id FROM service_leavings WHERE left_on < $1::date)
    )`;
  if (which === 'masters' || which === 'titled') {
    // titled: the two titles on the date, under commune A on the date, whatever the management scope
    const where = which === 'masters' ? 'u.path LIKE $2 AND live.management_scope_id = $3' : 'u.path LIKE $2 AND u.path LIKE $4 AND live.title_id = ANY($3::int[])';
    const args = which === 'masters' ? [date, `${unitPathPrefix}%`, btvTu] : [date, `${unitPathPrefix}%`, titleIds, `${await pathOf(fx.units.communeA)}%`];
    const r = await db.query<{ population: number; counted: number }>(
      `${base},
      best AS (
        SELECT q.person_id, max(ql.rank) AS top FROM qualifications q JOIN qualification_levels ql ON (ql.kind, ql.code) = (q.kind, q.level)
        WHERE q.kind = 'education' AND (q.awarded_on IS NULL OR q.awarded_on <= $1::date) GROUP BY q.person_id
      )
      SELECT count(*)::int AS population, coalesce(sum(CASE WHEN b.top >= 5 THEN 1 ELSE 0 END), 0)::int AS counted
      FROM live JOIN units u ON u.id = live.unit_id LEFT JOIN best b ON b.person_id = live.id
      WHERE ${where}`,
      args,
    );
    return r.rows[0]!;
  }
  const r = await db.query<{ population: number; counted: number }>(
    `${base},
    trained AS (
      SELECT person_id, coalesce(graduated_on, ended_on) AS trained_on FROM enrolments WHERE status = 'completed' AND programme_code IN (SELECT code FROM programmes WHERE kind = 'admin_reform')
      UNION ALL
      SELECT person_id, result_date FROM outside_trainings WHERE status = 'completed' AND result = 'graduated' AND programme_code IN (SELECT code FROM programmes WHERE kind = 'admin_reform')
    ),
    recent AS (SELECT DISTINCT person_id FROM trained WHERE trained_on <= $1::date AND trained_on > ($1::date - interval '5 years')::date)
    SELECT count(*)::int AS population, count(recent.person_id)::int AS counted
    FROM live JOIN units u ON u.id = live.unit_id LEFT JOIN recent ON recent.person_id = live.id
    WHERE u.path LIKE $2 AND (live.job_position_id IN (SELECT id FROM job_positions WHERE admin_reform) OR live.title_id IN (SELECT id FROM titles WHERE admin_reform))`,
    [date, `${unitPathPrefix}%`],
  );
  return r.rows[0]!;
}

const pathOf = async (unitId: number) => (await db.query<{ path: string }>('SELECT path FROM units WHERE id = $1', [unitId])).rows[0]!.path;

describe('defining indicators', () => {
  it('marks a job position as an administrative-reform post, with an audit record', async () => {
    const res = await send('noivu', 'PUT', '/api/v1/indicators/admin-reform-posts', { jobPositions: [{ id: thJobPosition, adminReform: true }] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().jobPositions.find((j: { id: number }) => j.id === thJobPosition).adminReform).toBe(true);
    const audit = await db.query("SELECT before, after FROM audit_log WHERE entity = 'job_position' AND entity_id = $1", [String(thJobPosition)]);
    expect(audit.rows).toEqual([{ before: { adminReform: false }, after: { adminReform: true } }]);
  });

  it('refuses marking an unknown post, and changes nothing', async () => {
    const res = await send('noivu', 'PUT', '/api/v1/indicators/admin-reform-posts', { jobPositions: [{ id: 1, adminReform: true }, { id: 999_999, adminReform: true }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ path: 'jobPositions.1.id', message: 'Vị trí việc làm (mã số 999999) không có trong danh mục.' });
    expect((await db.query('SELECT admin_reform FROM job_positions WHERE id = 1')).rows[0]).toEqual({ admin_reform: thJobPosition === 1 });
    expect((await send('officerA', 'PUT', '/api/v1/indicators/admin-reform-posts', { jobPositions: [] })).statusCode).toBe(403);
  });

  it('defines the indicators, each with its first version and an audit record', async () => {
    const a = await send('board', 'POST', '/api/v1/indicators', mastersBody());
    expect(a.statusCode, a.body).toBe(201);
    masters = a.json().id;
    expect(a.json()).toMatchObject({ version: 1, populationText: 'Cán bộ, công chức, viên chức Diện Ban Thường vụ Tỉnh ủy quản lý', conditionText: 'Trình độ chuyên môn từ Thạc sĩ trở lên' });
    const b = await send('noivu', 'POST', '/api/v1/indicators', cchcBody());
    expect(b.statusCode, b.body).toBe(201);
    cchc = b.json().id;
    const c = await send('board', 'POST', '/api/v1/indicators', {
      ...mastersBody(),
      code: 'XA-A-CD',
      name: 'Hai chức danh ở xã A có trình độ thạc sĩ trở lên',
      population: { titleIds, unitId: fx.units.communeA },
    });
    expect(c.statusCode, c.body).toBe(201);
    titled = c.json().id;
    expect((await db.query("SELECT action FROM audit_log WHERE entity = 'indicator' ORDER BY id")).rows).toEqual([{ action: 'create' }, { action: 'create' }, { action: 'create' }]);
    expect((await send('board', 'POST', '/api/v1/indicators', mastersBody())).json().error.code).toBe('DUPLICATE');
    expect((await send('officerA', 'POST', '/api/v1/indicators', { ...mastersBody(), code: 'X-1' })).statusCode).toBe(403);
  });

  it.each([
    ['an unknown title', (b: Record<string, unknown>) => ({ ...b, population: { titleIds: [999_999] } }), 'population.titleIds', 'Chức danh không có trong danh mục: 999999.'],
    ['an unknown management scope', (b: Record<string, unknown>) => ({ ...b, population: { managementScopeId: 999_999 } }), 'population.managementScopeId', 'Diện quản lý (mã số 999999) không có trong danh mục.'],
    ['an unknown level', (b: Record<string, unknown>) => ({ ...b, condition: { kind: 'qualification', qualificationKind: 'education', minLevel: 'master' } }), 'condition.minLevel', 'Trình độ "master" không có trong danh mục trình độ chuyên môn.'],
    ['an unknown ethnicity', (b: Record<string, unknown>) => ({ ...b, population: { ethnicity: 'ZZ' } }), 'population.ethnicity', 'Dân tộc "ZZ" không có trong danh mục.'],
    ['a share over 100%', (b: Record<string, unknown>) => ({ ...b, target: { kind: 'share', value: 120 } }), 'target.value', 'Chỉ tiêu tỷ lệ phải từ 0% đến 100%.'],
    ['a deadline before the start', (b: Record<string, unknown>) => ({ ...b, deadline: '2015-12-31' }), 'deadline', 'Thời hạn đạt chỉ tiêu không được trước ngày bắt đầu.'],
  ])('refuses %s with its field and message, and writes nothing', async (_, change, path, message) => {
    const before = (await db.query('SELECT count(*)::int AS n FROM indicators')).rows[0];
    const res = await send('board', 'POST', '/api/v1/indicators', change({ ...mastersBody(), code: 'REFUSED' }));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details).toContainEqual(expect.objectContaining({ path, message }));
    expect((await db.query('SELECT count(*)::int AS n FROM indicators')).rows[0]).toEqual(before);
    // the same checks on a change
    const upd = await send('board', 'PUT', `/api/v1/indicators/${masters}`, { ...change(mastersBody()), code: undefined, version: 1 });
    expect(upd.statusCode).toBe(400);
    expect((await db.query('SELECT version FROM indicators WHERE id = $1', [masters])).rows[0]).toEqual({ version: 1 });
  });

  it('versions a change and refuses a stale one', async () => {
    const { code: _c, ...body } = mastersBody();
    const res = await send('board', 'PUT', `/api/v1/indicators/${masters}`, { ...body, note: 'Theo Nghị quyết Đại hội', version: 1 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().version).toBe(2);
    expect(res.json().versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect((await send('board', 'PUT', `/api/v1/indicators/${masters}`, { ...body, version: 1 })).json().error.code).toBe('CONFLICT');
    const audit = (await db.query<{ before: { note: string | null }; after: { note: string } }>("SELECT before, after FROM audit_log WHERE entity = 'indicator' AND action = 'update'")).rows;
    expect(audit).toHaveLength(1);
    expect([audit[0]!.before.note, audit[0]!.after.note]).toEqual([null, 'Theo Nghị quyết Đại hội']);
  });
});

describe('values as of a date (differential against hand-written SQL)', () => {
  const dates = () => [today, '2024-12-31', '2021-06-30', '2018-01-01'];
  it.each([
    ['masters', 'board'],
    ['cchc', 'board'],
    ['masters', 'officerA'],
    ['cchc', 'officerA'],
    ['masters', 'officerD'],
    ['titled', 'board'],
    ['titled', 'officerA'],
  ] as const)('%s as seen by %s', async (which, who) => {
    const id = which === 'masters' ? masters : which === 'cchc' ? cchc : titled;
    const unit = who === 'officerA' ? fx.units.communeA : who === 'officerD' ? fx.units.department : fx.units.root;
    const prefix = await pathOf(unit);
    let nonEmpty = 0;
    for (const date of dates()) {
      const res = await get(who, `/api/v1/indicators/${id}?asOf=${date}`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      const want = await expected(date, prefix, which);
      expect({ date, population: body.population, counted: body.counted }).toEqual({ date, ...want });
      if (want.population > 0) {
        nonEmpty += 1;
        expect(body.value).toBe(Math.round((want.counted * 1000) / want.population) / 10);
      }
      // the list answers the same figures
      const list = (await get(who, `/api/v1/indicators?asOf=${date}`)).json();
      expect(list.items.find((i: { id: number }) => i.id === id)).toMatchObject({ population: want.population, counted: want.counted, status: body.status });
    }
    expect(nonEmpty).toBeGreaterThan(1);
  });

  it('has a trend at each year end from the start to the date asked, the last point being the value', async () => {
    const body = (await get('board', `/api/v1/indicators/${masters}?asOf=2024-06-30`)).json();
    expect(body.trend.map((p: { date: string }) => p.date)).toEqual([
      '2016-12-31', '2017-12-31', '2018-12-31', '2019-12-31', '2020-12-31', '2021-12-31', '2022-12-31', '2023-12-31', '2024-06-30',
    ]);
    for (const p of body.trend) expect({ date: p.date, population: p.population, counted: p.counted }).toEqual({ date: p.date, ...(await expected(p.date, '/', 'masters')) });
    expect(body.trend.at(-1)).toMatchObject({ population: body.population, counted: body.counted, value: body.value });
    expect(body.projection).toMatchObject({ deadline: '2030-12-31', points: 6 });
    expect(['met', 'on_track', 'at_risk']).toContain(body.status);
    expect(body.statusExplanation).toMatch(/chỉ tiêu từ 40%/);
    // with trend=true the list carries the same trend; without, none
    const list = (await get('board', '/api/v1/indicators?asOf=2024-06-30&trend=true')).json();
    expect(list.items.find((i: { id: number }) => i.id === masters).trend).toEqual(body.trend);
    expect((await get('board', '/api/v1/indicators?asOf=2024-06-30')).json().items[0].trend).toBeUndefined();
  });
});

describe('drill-down and scope', () => {
  it('lists the people counted and missing, who add up to the population, within the scope', async () => {
    for (const who of ['board', 'officerA'] as const) {
      const head = (await get(who, `/api/v1/indicators/${masters}?asOf=2021-06-30`)).json();
      const counted = (await get(who, `/api/v1/indicators/${masters}/people?asOf=2021-06-30&set=counted&limit=200`)).json();
      const missing = (await get(who, `/api/v1/indicators/${masters}/people?asOf=2021-06-30&set=missing&limit=200`)).json();
      expect([counted.total, missing.total]).toEqual([head.counted, head.population - head.counted]);
      expect(counted.items).toHaveLength(counted.total);
      for (const p of counted.items) expect(['Thạc sĩ', 'Tiến sĩ']).toContain(p.evidence);
      if (who === 'officerA') for (const p of [...counted.items, ...missing.items]) expect(p.unit.id).toBe(fx.units.communeA);
    }
  });

  it("answers 404 for another unit's figures and drill-down, and refuses the export to those without people.export", async () => {
    for (const url of [
      `/api/v1/indicators?unitId=${fx.units.communeB}`,
      `/api/v1/indicators/${masters}?unitId=${fx.units.communeB}`,
      `/api/v1/indicators/${masters}/people?unitId=${fx.units.communeB}`,
      `/api/v1/indicators/999999`,
    ]) {
      expect((await get('officerA', url)).statusCode, url).toBe(404);
    }
    const res = await send('officerA', 'POST', `/api/v1/indicators/${masters}/people/export`, { set: 'missing', unitId: fx.units.communeB });
    expect(res.statusCode).toBe(404);
    expect((await get('registrar', '/api/v1/indicators')).statusCode).toBe(403);
    // the board narrows to commune B
    const b = (await get('board', `/api/v1/indicators/${masters}?unitId=${fx.units.communeB}`)).json();
    expect({ population: b.population, counted: b.counted }).toEqual(await expected(today, await pathOf(fx.units.communeB), 'masters'));
  });

  it('queues the Excel export of the drill-down', async () => {
    const res = await send('officerA', 'POST', `/api/v1/indicators/${masters}/people/export`, { set: 'missing' });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ kind: 'indicator_people_export', status: 'queued' });
  });
});

describe('a standard of the rules engine as the condition (differential against the engine)', () => {
  const STD = 'STD.TEST_TH.education';
  let std = 0;
  beforeAll(async () => {
    // two versions: a master's until 2020, then a doctorate, or a master's for an ethnic minority
    const ins = `INSERT INTO standard_versions (id, version, job_position_code, requirement_kind, min_level, alternatives, description, source, period_from, period_to)
      VALUES ($1, $2, 'TH', 'education', $3, $4::jsonb, $5, '{"kind":"other","number":"1/TEST","issuedOn":"2010-01-01","issuer":"Test"}'::jsonb, $6, $7)`;
    await db.query(ins, [STD, 1, 'thac_si', '[]', 'Thạc sĩ trở lên', '2010-01-01', '2020-12-31']);
    await db.query(ins, [STD, 2, 'tien_si', JSON.stringify([{ when: 'ethnic_minority', level: 'thac_si' }]), 'Tiến sĩ (dân tộc thiểu số: thạc sĩ)', '2021-01-01', null]);
    // some holders of a master's are of an ethnic minority, so the alternative decides for them
    await db.query(
      `UPDATE people SET ethnicity_code = (SELECT code FROM ethnicities WHERE minority ORDER BY code LIMIT 1)
       WHERE id IN (SELECT person_id FROM qualifications WHERE level = 'thac_si' ORDER BY person_id LIMIT 6)`,
    );
  });

  it('refuses an unknown standard with its field and message, and writes nothing', async () => {
    const res = await send('board', 'POST', '/api/v1/indicators', { ...mastersBody(), code: 'STD-X', condition: { kind: 'standard', standardId: 'STD.NO_SUCH' } });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details).toContainEqual(expect.objectContaining({ path: 'condition.standardId', code: 'UNKNOWN_CODE', message: 'Tiêu chuẩn "STD.NO_SUCH" không có trong bộ quy tắc.' }));
    expect((await db.query("SELECT count(*)::int AS n FROM indicators WHERE code = 'STD-X'")).rows[0]).toEqual({ n: 0 });
  });

  it('counts, as of each date, the people the engine finds meeting the version in force then', async () => {
    const res = await send('board', 'POST', '/api/v1/indicators', { ...mastersBody(), code: 'STD-TH', condition: { kind: 'standard', standardId: STD } });
    expect(res.statusCode, res.body).toBe(201);
    std = res.json().id;
    expect(res.json().conditionText).toContain(STD);
    const levels = rules.levelCatalogueFromRows((await db.query<{ kind: string; code: string; name: string; rank: number }>('SELECT kind, code, name, rank FROM qualification_levels')).rows);
    const versions: rules.Requirement[] = [
      { kind: 'education', minLevel: 'thac_si' },
      { kind: 'education', minLevel: 'tien_si', alternatives: [{ when: 'ethnic_minority', level: 'thac_si' }] },
    ];
    let alternativeUsed = 0;
    for (const date of ['2019-06-30', '2024-12-31', today]) {
      const head = (await get('board', `/api/v1/indicators/${std}?asOf=${date}`)).json();
      // the same population as the masters indicator (management scope BTV), by hand-written SQL
      expect(head.population).toBe((await expected(date, '/', 'masters')).population);
      const req = date <= '2020-12-31' ? versions[0]! : versions[1]!;
      for (const set of ['counted', 'missing'] as const) {
        const page = (await get('board', `/api/v1/indicators/${std}/people?asOf=${date}&set=${set}&limit=200`)).json();
        expect(page.total).toBe(set === 'counted' ? head.counted : head.population - head.counted);
        for (const p of page.items as { id: number }[]) {
          const qs = (await db.query<{ kind: string; level: string; awarded_on: string | null }>('SELECT kind, level, awarded_on FROM qualifications WHERE person_id = $1', [p.id])).rows;
          const minority = (await db.query<{ m: boolean }>('SELECT coalesce(e.minority, false) AS m FROM people x LEFT JOIN ethnicities e ON e.code = x.ethnicity_code WHERE x.id = $1', [p.id])).rows[0]!.m;
          const held = rules.highestHeld(qs.map((q) => ({ kind: q.kind, level: q.level, field: null, awardedOn: q.awarded_on })), levels, 'education', date);
          const verdict = rules.meetsRequirement(req, held, levels, { ethnicMinority: minority });
          expect({ date, id: p.id, met: verdict.met }).toEqual({ date, id: p.id, met: set === 'counted' });
          if (verdict.alternativeApplied) alternativeUsed += 1;
        }
      }
    }
    expect(alternativeUsed).toBeGreaterThan(0);
  });
});
