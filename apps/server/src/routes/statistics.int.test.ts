import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Db } from '@nang-tam/db';
import { statistics, type IsoDate } from '@nang-tam/domain';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, seedFixture, type Fixture, type Session } from '../../../../tests/support/fixtures.js';
import { enrol, insertTrainingClass } from '../../../../tests/support/learners.js';
import { jobsClient, readSheet } from '../../../../tests/support/jobs.js';
import { pdfText } from '../../../../tests/support/pdf-text.js';
import { closeWorkerPool } from '../workers/pool.js';

/**
 * Training statistics through the API (issue 10, decision 0047): every statistic is compared with
 * a hand-written SQL over the same data (the differential test) and with the domain's reference
 * grouping; the subtree bounds what a unit officer sees (another unit answers 404); a period that
 * ends before it starts is refused; drill-down and exports.
 */
let db: Db;
let app: FastifyInstance;
let fx: Fixture;
let board: Session;
let officer: Session;
let registrar: Session;
let learner: Session;

const FROM = '2021-01-01';
const TO = '2024-12-31';

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  app = await buildTestApp(db);
  [board, officer, registrar, learner] = [await loginAs(app, 'board'), await loginAs(app, 'officerA'), await loginAs(app, 'registrar'), await loginAs(app, 'learner')];
  const { an, binh, cuong, dung } = fx.people;
  // more people: young, old, minority, in every unit
  const extra: number[] = [];
  const births = ['2000-02-29', '1990-06-01', '1960-01-01', '1995-12-31', '1989-03-15', '1999-07-07'];
  for (const [i, b] of births.entries()) {
    const unit = [fx.units.communeA, fx.units.communeB, fx.units.department][i % 3]!;
    const r = await db.query<{ id: number }>(
      `INSERT INTO people (citizen_id, full_name, search_name, sort_key, birth_date, gender, ethnicity_code, category, unit_id, party_joined_on)
       VALUES ($1, $2, $2, $2, $3, $4, $5, 'cong_chuc', $6, $7) RETURNING id`,
      [`00819900${String(i).padStart(4, '0')}`, `Người thử ${i}`, b, i % 2 === 0 ? 'female' : 'male', i % 3 === 0 ? '03' : '01', unit, i % 2 === 1 ? '2022-06-01' : null],
    );
    extra.push(r.rows[0]!.id);
  }
  const school = fx.units.department;
  const mk = async (code: string, programme: string, start: string, end: string, people: number[], status: 'open' | 'finished' = 'open') => {
    const c = await insertTrainingClass(db, { cohortCode: code, organiserUnitId: school, startDate: start, endDate: end, programmeCode: programme, modules: [] });
    for (const p of people) await enrol(db, c.id, p);
    if (status === 'finished') await db.query("UPDATE classes SET status = 'finished' WHERE id = $1", [c.id]);
    return c.id;
  };
  // a class spanning two years (counted in each), one finished with graduates and a withdrawal, one outside the period
  const c1 = await mk('K1', 'TC_LLCT', '2022-09-01', '2023-06-30', [an!, binh!, extra[0]!, extra[1]!], 'finished');
  await db.query("UPDATE enrolments SET status = 'completed' WHERE class_id = $1 AND person_id IN ($2, $3)", [c1, an, binh]);
  const c2 = await mk('K2', 'SC_LLCT', '2024-03-01', '2024-04-30', [cuong!, dung!, extra[2]!, extra[3]!, binh!]);
  await db.query("UPDATE enrolments SET status = 'withdrawn' WHERE class_id = $1 AND person_id = $2", [c2, dung]);
  await mk('K3', 'NHAN_THUC_DANG', '2021-05-01', '2021-05-10', [extra[4]!, extra[5]!, an!]);
  await mk('K0', 'TC_LLCT', '2019-01-01', '2020-12-31', [an!, binh!]);
  // outside-training records: sent, completed (graduated, abroad), proposed (not counted)
  const board_ = fx.users.board!.id;
  const ot = async (person: number, programme: string, status: string, start: string, end: string, country: string | null, result: string | null) =>
    db.query(
      `INSERT INTO outside_trainings (person_id, programme_code, mode, institution, country, start_date, end_date, status, eligibility, proposed_by, decision_no, decision_date, result, result_date)
       VALUES ($1, $2, 'full_time', 'Học viện Chính trị quốc gia Hồ Chí Minh', $3, $4, $5, $6, '{}'::jsonb, $7, $8, $9, $10, $11)`,
      [person, programme, country, start, end, status, board_, status === 'proposed' ? null : '1-QĐ/TU', status === 'proposed' ? null : start, result, result ? end : null],
    );
  await ot(cuong!, 'CC_LLCT', 'sent', '2023-03-01', '2025-03-01', null, null);
  await ot(extra[1]!, 'SDH_THS', 'completed', '2021-09-01', '2023-09-01', 'Liên bang Nga', 'graduated');
  await ot(extra[2]!, 'CC_LLCT', 'proposed', '2024-01-01', '2024-12-01', null, null);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
  await closeWorkerPool();
});

const post = (s: Session, url: string, payload: unknown) => app.inject({ method: 'POST', url, headers: as(s), payload: payload as object });

/** The hand-written SQL: person-times of the period, written independently of the repository. */
async function handWritten(from: string, to: string, subtree: string, basis: 'enrolled' | 'completed'): Promise<statistics.PersonTime[]> {
  const r = await db.query<{ source: 'class' | 'outside_training'; fact_id: number; person_id: number; start: string; end: string; completed: boolean; keys: Record<string, string> }>(
    `SELECT 'class' AS source, c.id AS fact_id, e.person_id, c.start_date::text AS start, c.end_date::text AS "end",
       (c.status = 'finished' AND e.status = 'completed') AS completed,
       jsonb_build_object('programme', c.programme_code, 'mode', c.mode, 'organiserType', pr.organiser_type, 'gender', p.gender,
         'ethnicMinority', eth.minority::text, 'source', 'class', 'programmeKind', pr.kind) AS keys
     FROM classes c JOIN enrolments e ON e.class_id = c.id JOIN people p ON p.id = e.person_id JOIN units u ON u.id = p.unit_id
     JOIN programmes pr ON pr.code = c.programme_code JOIN ethnicities eth ON eth.code = p.ethnicity_code
     WHERE e.status <> 'withdrawn' AND c.start_date <= $2::date AND c.end_date >= $1::date AND u.path LIKE $3 || '%'
     UNION ALL
     SELECT 'outside_training', o.id, o.person_id, o.start_date::text, o.end_date::text, (o.status = 'completed' AND o.result = 'graduated'),
       jsonb_build_object('programme', o.programme_code, 'mode', o.mode, 'organiserType', CASE WHEN o.country IS NULL THEN 'outside_institution' ELSE 'abroad' END,
         'gender', p.gender, 'ethnicMinority', eth.minority::text, 'source', 'outside_training', 'programmeKind', pr.kind)
     FROM outside_trainings o JOIN people p ON p.id = o.person_id JOIN units u ON u.id = p.unit_id
     JOIN programmes pr ON pr.code = o.programme_code JOIN ethnicities eth ON eth.code = p.ethnicity_code
     WHERE o.status IN ('sent', 'completed') AND o.start_date <= $2::date AND o.end_date >= $1::date AND u.path LIKE $3 || '%'`,
    [from, to, subtree],
  );
  return r.rows
    .filter((x) => basis === 'enrolled' || x.completed)
    .map((x) => ({ source: x.source, factId: x.fact_id, personId: x.person_id, start: x.start as IsoDate, end: x.end as IsoDate, completed: x.completed, keys: x.keys }));
}

async function pathOf(unitId: number): Promise<string> {
  return (await db.query<{ path: string }>('SELECT path FROM units WHERE id = $1', [unitId])).rows[0]!.path;
}

describe('the differential: every grouping equals a hand-written SQL', () => {
  const dims: statistics.StatDimension[][] = [[], ['year'], ['programme'], ['programmeKind'], ['mode'], ['organiserType'], ['source'], ['gender'], ['ethnicMinority'], ['year', 'programme'], ['organiserType', 'gender']];
  for (const basis of ['enrolled', 'completed'] as const) {
    for (const groupBy of dims) {
      it(`${basis} by [${groupBy.join(', ')}]`, async () => {
        const res = await post(board, '/api/v1/statistics/query', { from: FROM, to: TO, basis, groupBy });
        expect(res.statusCode, res.body).toBe(200);
        const body = res.json();
        const expected = statistics.group(await handWritten(FROM, TO, await pathOf(fx.units.root), basis), groupBy, FROM as IsoDate, TO as IsoDate);
        if (groupBy.length === 0) {
          const all = expected.get('') ?? { personTimes: 0, people: 0 };
          expect({ personTimes: body.total.personTimes, people: body.total.people }).toEqual(all);
        } else {
          const got = new Map(body.rows.map((r: { keys: { code: string }[]; personTimes: number; people: number }) => [r.keys.map((k) => k.code).join('|'), { personTimes: r.personTimes, people: r.people }]));
          expect(got).toEqual(expected);
        }
      });
    }
  }

  it('counts what the fixture says by hand: 2021–2024, enrolled', async () => {
    const body = (await post(board, '/api/v1/statistics/query', { from: FROM, to: TO, groupBy: ['year'] })).json();
    // K1 4 + K2 4 (one withdrawn) + K3 3 + outside sent 1 + outside completed 1 = 13; K0 and the proposed record are out
    expect(body.total.personTimes).toBe(13);
    const byYear = Object.fromEntries(body.rows.map((r: { keys: { code: string }[]; personTimes: number }) => [r.keys[0]!.code, r.personTimes]));
    // 2021: K3 3 + abroad 1; 2022: K1 4 + abroad; 2023: K1 4 + abroad + sent; 2024: K2 4 + sent
    expect(byYear).toEqual({ '2021': 4, '2022': 5, '2023': 6, '2024': 5 });
  });

  it('shares young / female / minority as person-times, young by the age on the start date (setting: under 35)', async () => {
    const body = (await post(board, '/api/v1/statistics/query', { from: FROM, to: TO })).json();
    const rows = await handWritten(FROM, TO, await pathOf(fx.units.root), 'enrolled');
    const births = new Map((await db.query<{ id: number; b: string; gender: string }>("SELECT id, birth_date::text AS b, gender FROM people")).rows.map((r) => [r.id, r]));
    const young = rows.filter((r) => statistics.isYoung(births.get(r.personId)!.b as IsoDate, r.start, 35)).length;
    const female = rows.filter((r) => births.get(r.personId)!.gender === 'female').length;
    expect(body.young.underAge).toBe(35);
    expect(body.total.young).toBe(young);
    expect(body.total.female).toBe(female);
    expect(body.shares.female.value).toBe(statistics.shares({ personTimes: rows.length, young, female, minority: 0, partyMember: 0 }).female.value);
  });

  it('a filter narrows like the hand-written SQL (female, by programme)', async () => {
    const body = (await post(board, '/api/v1/statistics/query', { from: FROM, to: TO, groupBy: ['programme'], filters: { gender: 'female' } })).json();
    const rows = (await handWritten(FROM, TO, await pathOf(fx.units.root), 'enrolled')).filter((r) => r.keys.gender === 'female');
    const expected = statistics.group(rows, ['programme'], FROM as IsoDate, TO as IsoDate);
    expect(new Map(body.rows.map((r: { keys: { code: string }[]; personTimes: number; people: number }) => [r.keys[0]!.code, { personTimes: r.personTimes, people: r.people }]))).toEqual(expected);
  });

  it('by child unit sums to the total, each child equal to its own subtree', async () => {
    const body = (await post(board, '/api/v1/statistics/query', { from: FROM, to: TO, groupBy: ['unit'] })).json();
    expect(body.rows.reduce((a: number, r: { personTimes: number }) => a + r.personTimes, 0)).toBe(body.total.personTimes);
    const a = body.rows.find((r: { keys: { code: string }[] }) => r.keys[0]!.code === String(fx.units.communeA));
    const own = (await post(board, '/api/v1/statistics/query', { from: FROM, to: TO, unitId: fx.units.communeA })).json();
    expect(a.personTimes).toBe(own.total.personTimes);
    expect(own.total.personTimes).toBe((await handWritten(FROM, TO, await pathOf(fx.units.communeA), 'enrolled')).length);
  });
});

describe('access and bad input', () => {
  it('a unit officer sees their subtree only; another unit and its drill-down answer 404; a learner 403', async () => {
    const mine = (await post(officer, '/api/v1/statistics/query', { from: FROM, to: TO })).json();
    expect(mine.unit.id).toBe(fx.units.communeA);
    expect(mine.total.personTimes).toBe((await handWritten(FROM, TO, await pathOf(fx.units.communeA), 'enrolled')).length);
    expect((await post(officer, '/api/v1/statistics/query', { from: FROM, to: TO, unitId: fx.units.communeB })).statusCode).toBe(404);
    expect((await post(officer, '/api/v1/statistics/drill', { from: FROM, to: TO, unitId: fx.units.communeB })).statusCode).toBe(404);
    expect((await post(officer, '/api/v1/exports/statistics', { query: { from: FROM, to: TO, unitId: fx.units.communeB } })).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/v1/statistics/dashboard?unitId=${fx.units.communeB}`, headers: as(officer) })).statusCode).toBe(404);
    expect((await post(learner, '/api/v1/statistics/query', { from: FROM, to: TO })).statusCode).toBe(403);
  });

  it('refuses a period that ends before it starts, in Vietnamese, on the field', async () => {
    const res = await post(board, '/api/v1/statistics/query', { from: '2024-01-01', to: '2023-12-31' });
    expect(res.statusCode).toBe(400);
    const d = res.json().error.details[0];
    expect(d).toMatchObject({ path: 'to', code: 'STAT_PERIOD_ENDS_BEFORE_START' });
    expect(d.message).toContain('ngày kết thúc');
    expect((await post(board, '/api/v1/statistics/query', { from: FROM, to: TO, groupBy: ['year', 'year'] })).statusCode).toBe(400);
    expect((await post(board, '/api/v1/statistics/drill', { from: FROM, to: TO, groupBy: ['year'], cell: [] })).statusCode).toBe(400);
  });
});

describe('drill-down and exports', () => {
  it('drills a cell down to its person-times, paged, equal to the cell', async () => {
    const body = (await post(board, '/api/v1/statistics/query', { from: FROM, to: TO, groupBy: ['year', 'source'] })).json();
    for (const row of body.rows) {
      const cell = row.keys.map((k: { code: string }) => k.code);
      const d = (await post(board, '/api/v1/statistics/drill', { from: FROM, to: TO, groupBy: ['year', 'source'], cell, limit: 2 })).json();
      expect([d.total, d.people]).toEqual([row.personTimes, row.people]);
      expect(d.rows.length).toBe(Math.min(2, row.personTimes));
    }
    const all = (await post(board, '/api/v1/statistics/drill', { from: FROM, to: TO, limit: 200 })).json();
    expect(all.total).toBe(13);
    expect(new Set(all.rows.map((r: { personId: number; source: string; factId: number }) => `${r.source}:${r.factId}:${r.personId}`)).size).toBe(13);
  });

  it('exports the table to Excel and a cell to PDF as background jobs', async () => {
    const jobs = jobsClient(app, db);
    let res = await post(board, '/api/v1/exports/statistics', { query: { from: FROM, to: TO, groupBy: ['programme'] }, format: 'xlsx' });
    expect(res.statusCode, res.body).toBe(202);
    await jobs.run();
    let job = await jobs.get(board, res.json().id);
    expect(job.status, JSON.stringify(job)).toBe('succeeded');
    const sheet = (await readSheet((await jobs.file(board, job.id)).body)).map((r) => r.join(' '));
    expect(sheet.join('\n')).toContain('THỐNG KÊ ĐÀO TẠO');
    expect(sheet.join('\n')).toContain('Trung cấp lý luận chính trị');
    res = await post(board, '/api/v1/exports/statistics', { query: { from: FROM, to: TO, groupBy: ['source'] }, cell: ['outside_training'], format: 'pdf' });
    expect(res.statusCode, res.body).toBe(202);
    await jobs.run();
    job = await jobs.get(board, res.json().id);
    expect(job.status, JSON.stringify(job)).toBe('succeeded');
    const text = pdfText((await jobs.file(board, job.id)).body);
    expect(text).toContain('DANH SÁCH LƯỢT NGƯỜI');
    expect(text).toContain('Trần Văn Cường');
  });
});

describe('dashboards', () => {
  it('the board: person-times by year and programme equal to the statistic; the school: its classes', async () => {
    const d = (await app.inject({ url: '/api/v1/statistics/dashboard?fromYear=2021&toYear=2024', headers: as(board) })).json();
    const s = (await post(board, '/api/v1/statistics/query', { from: FROM, to: TO, groupBy: ['year'] })).json();
    expect(d.byYear).toEqual(s.rows);
    expect(d.total).toEqual(s.total);
    expect(d.planVsActual).toEqual([]);
    const school = (await app.inject({ url: '/api/v1/statistics/dashboard?fromYear=2021&toYear=2024', headers: as(registrar) })).json();
    expect(school.unitBasis).toBe('organiser');
    // the school (department unit) organises the three classes in the period: 11 person-times
    expect(school.total.personTimes).toBe(11);
    const off = (await app.inject({ url: '/api/v1/statistics/dashboard?fromYear=2024&toYear=2021', headers: as(board) }));
    expect(off.statusCode).toBe(400);
  });

  it('gaps over time answers one point per year end', async () => {
    // Bình takes An's post (a commune chairman: political theory required) and gets the degree in
    // mid-2023: lacking it at the end of 2022, not after
    await db.query('UPDATE people SET title_id = (SELECT title_id FROM people WHERE id = $1) WHERE id = $2', [fx.people.an, fx.people.binh]);
    await db.query(`INSERT INTO qualifications (person_id, kind, level, awarded_on, source) VALUES ($1, 'political_theory', 'trung_cap', '2023-06-01', 'imported')`, [
      fx.people.binh,
    ]);
    const res = await app.inject({ url: '/api/v1/statistics/gaps-trend?fromYear=2022&toYear=2024', headers: as(board) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().points.map((p: { asOf: string }) => p.asOf)).toEqual(['2022-12-31', '2023-12-31', '2024-12-31']);
    // every point is the unit's gaps on that date (one scan for all dates, decision 0070, answers
    // what a scan per date answers): people with a standard, people lacking political theory
    const root = res.json().unit.id as number;
    const points = res.json().points as { asOf: string; withStandards: number; lacking: number }[];
    for (const point of points) {
      const g = (await app.inject({ url: `/api/v1/units/${root}/gaps?asOf=${point.asOf}`, headers: as(board) })).json();
      const lacking = (g.totals.needs as { kind: string; people: number }[]).filter((n) => n.kind === 'political_theory').reduce((a, n) => a + n.people, 0);
      expect(point).toEqual({ asOf: point.asOf, withStandards: g.totals.withStandards, lacking });
    }
    expect(points.map((p) => [p.withStandards, p.lacking])).toEqual([[2, 1], [2, 0], [2, 0]]);
  });
});
