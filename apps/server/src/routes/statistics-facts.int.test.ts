import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { statisticsRepo, type Db } from '@nang-tam/db';
import type { statistics } from '@nang-tam/domain';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, seedFixture, type Fixture, type Session } from '../../../../tests/support/fixtures.js';
import { enrol, insertTrainingClass } from '../../../../tests/support/learners.js';

/**
 * The differential test of the precomputed person-times (migration 039, decision 0056): after every
 * write of a sequence (enrolments, withdrawals, graduation, a class moved, outside-training records
 * through their life, plan lines re-organised, people changed), the table `stat_person_times` kept by
 * triggers equals a hand-written SQL over the records, and every statistic read from it equals the
 * same statistic opened from plans' realisation facts on the spot (statisticsTableSql(q, 'records')),
 * so statistics and plan against actual keep counting the same person-times.
 */
let db: Db;
let app: FastifyInstance;
let fx: Fixture;
let board: Session;

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  app = await buildTestApp(db);
  board = await loginAs(app, 'board');
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const COLUMNS = `source, fact_id, person_id, programme_code, mode, start_date::text AS start_date, end_date::text AS end_date, graduated, abroad,
  organiser_unit_id, person_unit_id, gender, minority, birth_date::text AS birth_date, party_joined_on::text AS party_joined_on, management_scope_id`;

/** Person-times written by hand from the records (not through the migration's view). */
async function fromRecords(): Promise<unknown[]> {
  return (
    await db.query(
      `SELECT ${COLUMNS} FROM (
         SELECT 'class' AS source, c.id AS fact_id, e.person_id, c.programme_code, c.mode, c.start_date, c.end_date,
           c.status = 'finished' AND e.status = 'completed' AS graduated, false AS abroad, c.organiser_unit_id,
           p.unit_id AS person_unit_id, p.gender, eth.minority, p.birth_date, p.party_joined_on, p.management_scope_id
         FROM enrolments e JOIN classes c ON c.id = e.class_id JOIN people p ON p.id = e.person_id JOIN ethnicities eth ON eth.code = p.ethnicity_code
         WHERE e.status IN ('enrolled', 'completed', 'failed')
         UNION ALL
         SELECT 'outside_training', o.id, o.person_id, o.programme_code, o.mode, o.start_date,
           CASE WHEN o.result = 'withdrawn' AND o.result_date < o.end_date THEN o.result_date ELSE o.end_date END,
           o.status = 'completed' AND o.result IS NOT DISTINCT FROM 'graduated', o.country IS NOT NULL,
           (SELECT plv.organiser_unit_id FROM plan_line_versions plv
             WHERE plv.line_id = o.plan_line_id AND plv.version_id = (SELECT max(x.version_id) FROM plan_line_versions x WHERE x.line_id = o.plan_line_id)),
           p.unit_id, p.gender, eth.minority, p.birth_date, p.party_joined_on, p.management_scope_id
         FROM outside_trainings o JOIN people p ON p.id = o.person_id JOIN ethnicities eth ON eth.code = p.ethnicity_code
         WHERE o.status = 'sent' OR o.status = 'completed'
       ) r ORDER BY source, fact_id, person_id`,
    )
  ).rows;
}

async function kept(): Promise<unknown[]> {
  return (await db.query(`SELECT ${COLUMNS} FROM stat_person_times ORDER BY source, fact_id, person_id`)).rows;
}

const QUERIES: { groupBy: statistics.StatDimension[]; basis?: statistics.StatBasis; unitBasis?: statistics.StatUnitBasis; filters?: statisticsRepo.StatFiltersRow }[] = [
  { groupBy: [] },
  { groupBy: ['year'] },
  { groupBy: ['programme', 'year'], basis: 'completed' },
  { groupBy: ['unit'], filters: { gender: 'female' } },
  { groupBy: ['organiserType', 'young'] },
  { groupBy: ['unit', 'source'], unitBasis: 'organiser' },
  { groupBy: ['ethnicMinority', 'partyMember'], filters: { programmeKinds: ['political_theory'] } },
  { groupBy: ['managementScope'], filters: { young: true, modes: ['full_time'] } },
];

/** Every write: the kept table equals the records, and every statistic equals the one opened from the records. */
async function expectEqual(step: string): Promise<void> {
  expect(await kept(), step).toEqual(await fromRecords());
  const root = (await db.query<{ path: string }>('SELECT path FROM units WHERE id = $1', [fx.units.root])).rows[0]!.path;
  for (const x of QUERIES) {
    const q: statisticsRepo.StatQuery = {
      from: '2020-01-01',
      to: '2026-12-31',
      subtreePath: root,
      unitBasis: x.unitBasis ?? 'learner',
      basis: x.basis ?? 'enrolled',
      youngUnderAge: 35,
      filters: x.filters ?? {},
      groupBy: x.groupBy,
    };
    const { text, values } = statisticsRepo.statisticsTableSql(q, 'records');
    const reference = statisticsRepo.toTableRows(q, (await db.query<Record<string, unknown>>(text, values)).rows);
    expect(await statisticsRepo.statisticsTable(db, q), `${step}: ${JSON.stringify(x)}`).toEqual(reference);
  }
}

describe('precomputed person-times equal the records after every write', () => {
  it('follows classes, enrolments, outside-training records, plan lines and people', async () => {
    const { an, binh, cuong, dung } = fx.people;
    await expectEqual('the fixture');

    // a class with four learners
    const c1 = (await insertTrainingClass(db, { cohortCode: 'D1', organiserUnitId: fx.units.department, startDate: '2023-09-01', endDate: '2024-06-30', modules: [] })).id;
    for (const p of [an!, binh!, cuong!, dung!]) await enrol(db, c1, p);
    await expectEqual('four enrolled');
    // a withdrawal, then back
    await db.query("UPDATE enrolments SET status = 'withdrawn' WHERE class_id = $1 AND person_id = $2", [c1, dung]);
    await expectEqual('one withdrawn');
    await db.query("UPDATE enrolments SET status = 'enrolled' WHERE class_id = $1 AND person_id = $2", [c1, dung]);
    await expectEqual('enrolled again');
    // graduation: completed and failed, the class finished
    await db.query("UPDATE enrolments SET status = 'completed' WHERE class_id = $1 AND person_id IN ($2, $3)", [c1, an, binh]);
    await db.query("UPDATE enrolments SET status = 'failed' WHERE class_id = $1 AND person_id = $2", [c1, cuong]);
    await db.query("UPDATE classes SET status = 'finished' WHERE id = $1", [c1]);
    await expectEqual('graduated');
    // the class moved: dates, programme, mode, organiser
    await db.query("UPDATE classes SET start_date = '2021-03-01', end_date = '2022-02-01', programme_code = 'SC_LLCT', mode = 'part_time', organiser_unit_id = $2 WHERE id = $1", [
      c1,
      fx.units.communeA,
    ]);
    await expectEqual('class moved');
    // an enrolment moved to another class, another deleted
    const c2 = (await insertTrainingClass(db, { cohortCode: 'D2', organiserUnitId: fx.units.root, startDate: '2025-01-05', endDate: '2025-03-05', programmeCode: 'CCHC', modules: [] })).id;
    await db.query('UPDATE enrolments SET class_id = $2 WHERE class_id = $1 AND person_id = $3', [c1, c2, dung]);
    await expectEqual('enrolment moved');
    await db.query('DELETE FROM enrolments WHERE class_id = $1 AND person_id = $2', [c1, cuong]);
    await expectEqual('enrolment deleted');

    // an outside-training record through its life
    const boardId = fx.users.board!.id;
    const o = (
      await db.query<{ id: number }>(
        `INSERT INTO outside_trainings (person_id, programme_code, mode, institution, country, start_date, end_date, status, eligibility, proposed_by)
         VALUES ($1, 'CC_LLCT', 'full_time', 'Học viện Chính trị quốc gia Hồ Chí Minh', NULL, '2024-03-01', '2026-03-01', 'proposed', '{}'::jsonb, $2) RETURNING id`,
        [binh, boardId],
      )
    ).rows[0]!.id;
    await expectEqual('outside proposed');
    await db.query("UPDATE outside_trainings SET status = 'sent', decision_no = '12-QĐ/TU', decision_date = '2024-02-20' WHERE id = $1", [o]);
    await expectEqual('outside sent');
    await db.query("UPDATE outside_trainings SET country = 'Liên bang Nga', status = 'completed', result = 'graduated', result_date = '2026-03-01' WHERE id = $1", [o]);
    await expectEqual('outside graduated abroad');
    await db.query("UPDATE outside_trainings SET result = 'withdrawn', result_date = '2025-01-15' WHERE id = $1", [o]);
    await expectEqual('outside withdrawn before its end');

    // the record realises a plan line; a newer version of the line changes its organiser; the version goes
    const plan = (await db.query<{ id: number }>("INSERT INTO annual_plans (year, title) VALUES (2024, 'Kế hoạch 2024') RETURNING id")).rows[0]!.id;
    const v1 = (await db.query<{ id: number }>('INSERT INTO plan_versions (plan_id, number) VALUES ($1, 1) RETURNING id', [plan])).rows[0]!.id;
    const line = (await db.query<{ id: number }>('INSERT INTO plan_lines (plan_id) VALUES ($1) RETURNING id', [plan])).rows[0]!.id;
    const lineVersion = (version: number, organiser: number) =>
      db.query(
        `INSERT INTO plan_line_versions (version_id, line_id, programme_code, mode, classes, learners, year, quarter, organiser_unit_id, site_kind, site, estimated_cost)
         VALUES ($1, $2, 'CC_LLCT', 'full_time', 0, 1, 2024, 1, $3, 'school', 'Học viện', 0)`,
        [version, line, organiser],
      );
    await lineVersion(v1, fx.units.communeB);
    await db.query('UPDATE outside_trainings SET plan_line_id = $2 WHERE id = $1', [o, line]);
    await expectEqual('outside on a plan line');
    const v2 = (await db.query<{ id: number }>('INSERT INTO plan_versions (plan_id, number, based_on_id) VALUES ($1, 2, $2) RETURNING id', [plan, v1])).rows[0]!.id;
    await lineVersion(v2, fx.units.department);
    await expectEqual('the line re-organised in a new version');
    await db.query('UPDATE plan_line_versions SET organiser_unit_id = $3 WHERE version_id = $1 AND line_id = $2', [v2, line, fx.units.communeA]);
    await expectEqual('the new version corrected');
    await db.query('DELETE FROM plan_versions WHERE id = $1', [v2]);
    await expectEqual('the new version deleted');

    // the person changes: unit, gender, ethnicity, birth date, party admission; an ethnicity re-classified
    await db.query("UPDATE people SET unit_id = $2, gender = 'female', ethnicity_code = '03', birth_date = '1999-01-01', party_joined_on = '2021-01-01' WHERE id = $1", [
      an,
      fx.units.communeB,
    ]);
    await expectEqual('a person changed');
    await db.query('UPDATE ethnicities SET minority = NOT minority WHERE code = $1', ['03']);
    await expectEqual('an ethnicity re-classified');
    await db.query('UPDATE ethnicities SET minority = NOT minority WHERE code = $1', ['03']);

    // many rows in one statement; the record refused, then deleted
    await db.query(
      `INSERT INTO enrolments (person_id, programme_code, status, started_on, ended_on, class_id)
       SELECT p.id, 'CCHC', 'enrolled', '2025-01-05', '2025-03-05', $1 FROM people p WHERE p.id <> $2 ON CONFLICT DO NOTHING`,
      [c2, dung],
    );
    await expectEqual('a whole class enrolled at once');
    await db.query("UPDATE outside_trainings SET status = 'refused', result = NULL, result_date = NULL WHERE id = $1", [o]);
    await expectEqual('outside refused');
    await db.query('DELETE FROM outside_trainings WHERE id = $1', [o]);
    await expectEqual('outside deleted');
    // a class is never empty in the table by accident: the statistic sees the moved class's learners
    expect((await kept()).length).toBeGreaterThan(4);
    // ~25 writes, each checked with 17 statements: minutes on a loaded 2-core machine
  }, 300_000);

  it('the API answers from the table what the records say', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/statistics/query', headers: as(board), payload: { from: '2020-01-01', to: '2026-12-31', groupBy: ['year'] } });
    expect(res.statusCode, res.body).toBe(200);
    const root = (await db.query<{ path: string }>('SELECT path FROM units WHERE id = $1', [fx.units.root])).rows[0]!.path;
    const q: statisticsRepo.StatQuery = { from: '2020-01-01', to: '2026-12-31', subtreePath: root, unitBasis: 'learner', basis: 'enrolled', youngUnderAge: 35, filters: {}, groupBy: ['year'] };
    const { text, values } = statisticsRepo.statisticsTableSql(q, 'records');
    const reference = statisticsRepo.toTableRows(q, (await db.query<Record<string, unknown>>(text, values)).rows);
    expect(res.json().rows.map((r: { keys: { code: string }[]; personTimes: number; people: number }) => [r.keys[0]!.code, r.personTimes, r.people])).toEqual(
      reference.map((r) => [r.codes[0], r.person_times, r.people]),
    );
    expect(reference.length).toBeGreaterThan(0);
  });
});
