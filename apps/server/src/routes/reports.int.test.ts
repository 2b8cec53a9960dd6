import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { reports } from '@nang-tam/domain';
import { reportsRepo, type Db } from '@nang-tam/db';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, seedFixture, type Fixture, type Session } from '../../../../tests/support/fixtures.js';
import { enrol, insertTrainingClass } from '../../../../tests/support/learners.js';
import { jobsClient, readSheet, type JobsClient } from '../../../../tests/support/jobs.js';

/**
 * Official report forms (issue 10 point 3, decision 0048): filling a form for a year and a unit as a
 * job (grid and Excel), the differential test of every data cell against hand-written SQL, the
 * refusals (period, unknown form, unit out of scope) and a definition corrected through the API.
 */
let db: Db;
let app: FastifyInstance;
let fx: Fixture;
let jobs: JobsClient;
const s: Record<string, Session> = {};

const QUALITY = 'NT-01-CLCB';
const TRAINING = 'NT-02-KQDT';

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  await reportsRepo.seedShippedReports(db);
  app = await buildTestApp(db);
  jobs = jobsClient(app, db);
  for (const u of ['noivu', 'officerA', 'board', 'learner', 'lecturer']) s[u] = await loginAs(app, u);
  const { an, binh, cuong, dung } = fx.people;
  // registry history from 2015; qualifications with their dates (Cường: cao cấp in June 2024)
  await db.query(`INSERT INTO assignments (person_id, unit_id, started_on, reason) VALUES ($1, $2, '2016-03-01', 'recruitment')`, [
    an,
    fx.units.communeA,
  ]);
  await db.query(
    `INSERT INTO qualifications (person_id, kind, level, awarded_on, source) VALUES
       ($1, 'political_theory', 'cao_cap', '2024-06-01', 'entered'), ($2, 'state_management', 'chuyen_vien', '2020-01-01', 'entered'),
       ($3, 'political_theory', 'so_cap', '2019-05-01', 'entered'), ($3, 'education', 'tien_si', '2030-01-01', 'entered')`,
    [cuong, binh, dung],
  );
  const programmes = (
    await db.query<{ code: string; kind: string; level: string | null }>('SELECT code, kind, level FROM programmes ORDER BY code')
  ).rows;
  const cc = programmes.find((p) => p.kind === 'political_theory' && p.level === 'cao_cap')!.code;
  const qlnn = programmes.find((p) => p.kind === 'state_management')!.code;
  // 2024: trung cấp (An, Bình, Dung; Cường withdrew), cao cấp part-time (An); 2023: trung cấp (Cường)
  const tc = await insertTrainingClass(db, {
    organiserUnitId: fx.units.root,
    cohortCode: 'TC24',
    startDate: '2024-03-01',
    endDate: '2024-12-20',
    modules: [],
  });
  for (const p of [an, binh, dung]) await enrol(db, tc.id, p);
  await db.query(`UPDATE enrolments SET status = 'withdrawn' WHERE id = $1`, [await enrol(db, tc.id, cuong)]);
  const c2 = await insertTrainingClass(db, {
    organiserUnitId: fx.units.root,
    cohortCode: 'CC24',
    startDate: '2024-09-01',
    endDate: '2025-06-30',
    programmeCode: cc,
    modules: [],
  });
  await db.query(`UPDATE classes SET mode = 'part_time' WHERE id = $1`, [c2.id]);
  await enrol(db, c2.id, an);
  const old = await insertTrainingClass(db, {
    organiserUnitId: fx.units.root,
    cohortCode: 'TC23',
    startDate: '2023-02-01',
    endDate: '2023-11-30',
    modules: [],
  });
  await enrol(db, old.id, cuong);
  // sent to an outside institution (Bình, state management, 2024) and a proposal that never left (not counted)
  const proposer = fx.users.noivu!.id;
  await db.query(
    `INSERT INTO outside_trainings (person_id, programme_code, mode, institution, start_date, end_date, status, result, result_date, decision_no, decision_date, eligibility, proposed_by)
     VALUES ($1, $3, 'full_time', 'Học viện Hành chính quốc gia', '2024-04-01', '2024-05-30', 'completed', 'graduated', '2024-05-30', '12-QĐ/TU', '2024-03-15', '{}'::jsonb, $4),
            ($2, $3, 'full_time', 'Học viện Hành chính quốc gia', '2024-04-01', '2024-05-30', 'proposed', NULL, NULL, NULL, NULL, '{}'::jsonb, $4)`,
    [binh, dung, qlnn, proposer],
  );
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

async function fill(session: Session, code: string, body: Record<string, unknown>) {
  return app.inject({ method: 'POST', url: `/api/v1/reports/forms/${code}/fill`, headers: as(session), payload: body });
}

async function filled(code: string, from: string, to: string, unitId = fx.units.root, format = 'xlsx') {
  const res = await fill(s.noivu!, code, { from, to, unitId, format });
  expect(res.statusCode, res.body).toBe(202);
  await jobs.run();
  const job = await jobs.get(s.noivu!, res.json().id);
  expect(job.status, JSON.stringify(job.result)).toBe('succeeded');
  return { job, grid: job.result!.grid as { rows: { key: string; values: Record<string, number> }[] } };
}

const cell = (grid: { rows: { key: string; values: Record<string, number> }[] }, row: string, col: string) =>
  grid.rows.find((r) => r.key === row)!.values[col];

describe('filling a form', () => {
  it('fills the yearly training report for the province: person-times by programme, with totals', async () => {
    const { grid } = await filled(TRAINING, '2024-01-01', '2024-12-31');
    expect(cell(grid, 'llct_tc', 'total')).toBe(3); // Cường withdrew
    expect(cell(grid, 'llct_tc', 'female')).toBe(2);
    expect(cell(grid, 'llct_tc', 'minority')).toBe(2);
    expect(cell(grid, 'llct_cc', 'part_time')).toBe(1);
    expect(cell(grid, 'llct', 'total')).toBe(4);
    expect(cell(grid, 'qlnn', 'outside')).toBe(1);
    expect(cell(grid, 'all', 'total')).toBe(5);
  });

  it('counts a headcount as of the period end: a qualification awarded later does not count yet', async () => {
    const y2023 = (await filled(QUALITY, '2023-01-01', '2023-12-31')).grid;
    const y2024 = (await filled(QUALITY, '2024-01-01', '2024-12-31')).grid;
    expect(cell(y2023, 'cong_chuc', 'llct_cc')).toBe(0);
    expect(cell(y2024, 'cong_chuc', 'llct_cc')).toBe(1);
    expect(cell(y2024, 'vien_chuc', 'cm_ts')).toBe(0); // awarded in 2030
    expect(cell(y2024, 'all', 'total')).toBe(4);
  });

  it('a unit officer fills for their commune only; another unit is not found', async () => {
    const mine = await fill(s.officerA!, TRAINING, { from: '2024-01-01', to: '2024-12-31', unitId: fx.units.communeA });
    expect(mine.statusCode, mine.body).toBe(202);
    const other = await fill(s.officerA!, TRAINING, { from: '2024-01-01', to: '2024-12-31', unitId: fx.units.communeB });
    expect(other.statusCode).toBe(404);
    await jobs.run();
    const job = await jobs.get(s.officerA!, mine.json().id);
    expect(cell(job.result!.grid as Parameters<typeof cell>[0], 'llct_tc', 'total')).toBe(2); // An and Bình of commune A
  });

  it('exports the form in its layout: title, form code, period, units, grid, signatures', async () => {
    const { job } = await filled(TRAINING, '2024-01-01', '2024-12-31');
    const file = await jobs.file(s.noivu!, job.id);
    expect(file.status).toBe(200);
    const rows = await readSheet(file.body);
    const text = rows
      .flat()
      .filter((v) => typeof v === 'string')
      .join('\n');
    expect(text).toContain('KẾT QUẢ ĐÀO TẠO, BỒI DƯỠNG CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC');
    expect(text).toContain('Biểu số: NT-02-KQDT');
    expect(text).toContain('Đơn vị nhận báo cáo: Bộ Nội vụ');
    expect(text).toContain('Năm 2024');
    expect(text).toContain('NGƯỜI LẬP BIỂU');
    const tc = rows.find((r) => r.some((v) => typeof v === 'string' && v.trim() === '- Trung cấp'))!;
    expect(tc.filter((v) => typeof v === 'number').slice(0, 3)).toEqual([3, 2, 2]);
    const pdf = await filled(TRAINING, '2024-01-01', '2024-12-31', fx.units.root, 'pdf');
    const pdfFile = await jobs.file(s.noivu!, pdf.job.id);
    expect(pdfFile.body.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('differential: every data cell against hand-written SQL', () => {
  /** One cell, written out plainly: a subquery per condition, no shared grouping. */
  async function handCount(measure: string, f: reports.ResolvedFilter, from: string, to: string, unitPath: string): Promise<number> {
    const params: unknown[] = [];
    const $ = (v: unknown) => `$${params.push(v)}`;
    const where: string[] = [`u.path LIKE ${$(`${unitPath}%`)}`];
    if (f.gender) where.push(`p.gender = ${$(f.gender)}`);
    if (f.ethnicMinority !== undefined)
      where.push(`(SELECT minority FROM ethnicities WHERE code = p.ethnicity_code) = ${$(f.ethnicMinority)}`);
    if (measure === 'headcount') {
      if (f.categories) where.push(`p.category = ANY(${$(f.categories)})`);
      if (f.partyMember !== undefined)
        where.push(
          `(p.party_membership IN ('member', 'probationary') AND (p.party_joined_on IS NULL OR p.party_joined_on <= ${$(to)}::date)) = ${$(f.partyMember)}`,
        );
      for (const q of f.qualifications) {
        const best = `(SELECT coalesce(max(l.rank), 0) FROM qualifications x JOIN qualification_levels l ON l.kind = x.kind AND l.code = x.level
                       WHERE x.person_id = p.id AND x.kind = ${$(q.kind)} AND (x.awarded_on IS NULL OR x.awarded_on <= ${$(to)}::date))`;
        where.push(`${best} >= ${$(q.minRank)}`);
        if (q.maxRank !== null) where.push(`${best} <= ${$(q.maxRank)}`);
      }
      where.push(`NOT EXISTS (SELECT 1 FROM service_leavings sl WHERE sl.person_id = p.id AND sl.left_on < ${$(to)}::date)`);
      const r = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM people p JOIN units u ON u.id = p.unit_id WHERE ${where.join(' AND ')}`,
        params,
      );
      return r.rows[0]!.n;
    }
    if (f.partyMember !== undefined)
      where.push(`(p.party_joined_on IS NOT NULL AND p.party_joined_on <= t.start_date) = ${$(f.partyMember)}`);
    if (f.programmeKinds) where.push(`pr.kind = ANY(${$(f.programmeKinds)})`);
    if (f.programmeLevels) where.push(`pr.level = ANY(${$(f.programmeLevels)})`);
    if (f.modes) where.push(`t.mode = ANY(${$(f.modes)})`);
    if (f.organiserTypes) where.push(`t.organiser = ANY(${$(f.organiserTypes)})`);
    const a = $(from);
    const b = $(to);
    const trainings = `
      SELECT e.person_id, c.programme_code, c.mode, c.start_date, pc.organiser_type AS organiser
        FROM enrolments e JOIN classes c ON c.id = e.class_id JOIN programmes pc ON pc.code = c.programme_code
       WHERE e.status <> 'withdrawn' AND c.start_date <= ${b}::date AND c.end_date >= ${a}::date
      UNION ALL
      SELECT o.person_id, o.programme_code, o.mode, o.start_date, CASE WHEN o.country IS NULL THEN 'outside_institution' ELSE 'abroad' END
        FROM outside_trainings o WHERE o.status IN ('sent', 'completed') AND o.start_date <= ${b}::date AND o.end_date >= ${a}::date`;
    const what = measure === 'people_trained' ? 'count(DISTINCT t.person_id)' : 'count(*)';
    const r = await db.query<{ n: number }>(
      `SELECT ${what}::int AS n FROM (${trainings}) t JOIN people p ON p.id = t.person_id JOIN units u ON u.id = p.unit_id
       JOIN programmes pr ON pr.code = t.programme_code WHERE ${where.join(' AND ')}`,
      params,
    );
    return r.rows[0]!.n;
  }

  for (const [code, year] of [
    [QUALITY, 2024],
    [TRAINING, 2024],
    [TRAINING, 2023],
  ] as const) {
    it(`${code} ${year}: every data cell equals its hand-written count`, async () => {
      const from = `${year}-01-01`;
      const to = `${year}-12-31`;
      const { grid } = await filled(code, from, to);
      const version = (await reportsRepo.versionInForce(db, code, to))!;
      const vocab = await reportsRepo.vocabulary(db);
      const rootPath = (await db.query<{ path: string }>('SELECT path FROM units WHERE id = $1', [fx.units.root])).rows[0]!.path;
      let nonZero = 0;
      for (const c of reports.cellQueries(version.body, vocab.levels)) {
        const expected = c.filter === null ? 0 : await handCount(c.measure, c.filter, from, to, rootPath);
        expect(cell(grid, c.row, c.column), `${c.row} × ${c.column}`).toBe(expected);
        if (expected > 0) nonZero += 1;
      }
      expect(nonZero).toBeGreaterThan(3);
    });
  }
});

describe('bad input is refused with its reason', () => {
  const cases: {
    name: string;
    user: string;
    code: string;
    body: Record<string, unknown>;
    status: number;
    detail?: string;
    text?: string;
  }[] = [
    {
      name: 'a period that ends before it starts',
      user: 'noivu',
      code: TRAINING,
      body: { from: '2024-12-31', to: '2024-01-01' },
      status: 400,
      detail: 'PERIOD_REVERSED',
    },
    {
      name: 'not a calendar year for a yearly form',
      user: 'noivu',
      code: TRAINING,
      body: { from: '2024-03-01', to: '2024-12-31' },
      status: 400,
      detail: 'PERIOD_NOT_YEAR',
    },
    {
      name: 'a year before the first training records (says what is missing)',
      user: 'noivu',
      code: TRAINING,
      body: { from: '2016-01-01', to: '2016-12-31' },
      status: 400,
      detail: 'PERIOD_BEFORE_DATA',
      text: 'chỉ có từ năm 2023 (bản ghi sớm nhất ngày 01/02/2023): thiếu số liệu từ 01/01/2016 đến 31/12/2022',
    },
    {
      name: 'a year before the registry history',
      user: 'noivu',
      code: QUALITY,
      body: { from: '2015-01-01', to: '2015-12-31' },
      status: 400,
      detail: 'PERIOD_BEFORE_DATA',
    },
    {
      name: 'a year before the form applies',
      user: 'noivu',
      code: QUALITY,
      body: { from: '2014-01-01', to: '2014-12-31' },
      status: 400,
      detail: 'REPORT_FORM_NOT_IN_FORCE',
    },
    { name: 'an unknown form', user: 'noivu', code: 'NO-SUCH-FORM', body: { from: '2024-01-01', to: '2024-12-31' }, status: 404 },
    { name: 'a role without statistics', user: 'lecturer', code: TRAINING, body: { from: '2024-01-01', to: '2024-12-31' }, status: 403 },
  ];
  it.each(cases)('$name', async (c) => {
    const before = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM jobs')).rows[0]!.n;
    const res = await fill(s[c.user]!, c.code, { unitId: fx.units.root, ...c.body });
    expect(res.statusCode, res.body).toBe(c.status);
    if (c.detail) expect(res.json().error.details[0].code).toBe(c.detail);
    if (c.text) expect(res.json().error.message).toContain(c.text);
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM jobs')).rows[0]!.n).toBe(before);
  });
});

describe('correcting a definition without code', () => {
  const put = (session: Session, code: string, payload: unknown) =>
    app.inject({ method: 'PUT', url: `/api/v1/reports/forms/${code}`, headers: as(session), payload: payload as object });

  it('refuses unknown codes and measures with the field and a clear message, writing nothing', async () => {
    const current = (await app.inject({ url: `/api/v1/reports/forms/${TRAINING}`, headers: as(s.noivu!) })).json().current;
    const body = structuredClone(current.body);
    body.rows[1].filter.programmeKinds = ['political_theory', 'alchemy'];
    body.columns[0].measure = 'salary';
    const res = await put(s.noivu!, TRAINING, { body, source: current.source, reason: 'Thử', periodFrom: '2025-01-01' });
    expect(res.statusCode).toBe(400);
    const details = res.json().error.details as { path: string; code: string; message: string }[];
    expect(details).toContainEqual(expect.objectContaining({ path: 'body.rows[1].filter.programmeKinds[1]', code: 'UNKNOWN_CODE' }));
    expect(details).toContainEqual(expect.objectContaining({ path: 'body.columns[0].measure', code: 'UNKNOWN_MEASURE' }));
    expect(details.find((d) => d.code === 'UNKNOWN_CODE')!.message).toContain('alchemy');
    expect((await reportsRepo.formVersions(db, TRAINING)).length).toBe(1);
  });

  it('saves a corrected label as version 2 from its date, audited; the next fill uses it; a unit officer may not edit', async () => {
    const current = (await app.inject({ url: `/api/v1/reports/forms/${TRAINING}`, headers: as(s.noivu!) })).json().current;
    const body = structuredClone(current.body);
    body.rows[2].label = 'Cao cấp lý luận chính trị';
    expect(
      (await put(s.officerA!, TRAINING, { body, source: current.source, reason: 'Sửa tên dòng', periodFrom: '2024-01-01' })).statusCode,
    ).toBe(403);
    const res = await put(s.noivu!, TRAINING, { body, source: current.source, reason: 'Sửa tên dòng', periodFrom: '2024-01-01' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().current.version).toBe(2);
    expect(res.json().versions[1].periodTo).toBe('2023-12-31');
    const audit = (
      await db.query<{ action: string; before: unknown; after: { version: number } }>(
        "SELECT action, before, after FROM audit_log WHERE entity = 'report_form' AND entity_id = $1",
        [TRAINING],
      )
    ).rows;
    expect(audit).toEqual([expect.objectContaining({ action: 'update', after: expect.objectContaining({ version: 2 }) })]);
    expect(audit[0]!.before).not.toBeNull();
    const { grid } = await filled(TRAINING, '2024-01-01', '2024-12-31');
    expect((grid.rows as unknown as { key: string; label: string }[]).find((r) => r.key === 'llct_cc')!.label).toBe(
      'Cao cấp lý luận chính trị',
    );
    const old = await filled(TRAINING, '2023-01-01', '2023-12-31');
    expect((old.grid.rows as unknown as { key: string; label: string }[]).find((r) => r.key === 'llct_cc')!.label).toBe('Cao cấp');
  });
});
