import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluationResultsRepo as repo, peopleRepo, type Db } from '@nang-tam/db';
import { AGE_BANDS, evaluationResults as er, type AgeBand } from '@nang-tam/domain';
import { cohortWindow, comparableTotals } from '../services/evaluation-results.service.js';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { personWrite, seedFixture, type Fixture } from '../../../../tests/support/fixtures.js';
import { enrol, insertTrainingClass } from '../../../../tests/support/learners.js';

/**
 * The differential test of the kept `evaluation_spans` (migration 048, decision 0065). On a generated
 * registry (people born on band limits and on 29 February, overlapping assignments, titles of both
 * levels, leavers before, inside and after the windows, appraisals, planning entries with and without
 * an approval day, rotations, transfers, higher titles, enrolments withdrawn or not in two programmes,
 * classes ending before and after 30 June, two classes starting the same day):
 *
 * - the table equals hand-written SQL over the records (written here, not the migration's view);
 * - the comparable people's sums read from it, both ways (`sumControls`, one statement; and the
 *   domain's `sumComparable` over the spans read once, used for many cohorts) equal decision 0052's
 *   statement over the records (`sumControlsFromRecords`) for EVERY stratum (category × title level
 *   × age band) of every class, for the whole province and for one commune;
 *
 * and both again after each write of a sequence to appraisals, assignments, planning entries,
 * enrolments, service leavings, people and titles.
 */
let db: Db;
let fx: Fixture;
const classes: { id: number; programme: string; start: string; end: string }[] = [];
const persons: number[] = [];
let communePath = '';
let titleCommune = 0;
let titleProvince = 0;
let titleProvince2 = 0;

/** A small deterministic generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(20261207);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const day = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

const CLASSES: { programme: string; start: string; end: string }[] = [
  { programme: 'TC_LLCT', start: '2018-03-01', end: '2018-06-30' },
  { programme: 'TC_LLCT', start: '2018-03-01', end: '2018-11-15' },
  { programme: 'SC_LLCT', start: '2019-01-10', end: '2019-04-10' },
  { programme: 'TC_LLCT', start: '2019-09-02', end: '2020-07-01' },
  { programme: 'SC_LLCT', start: '2020-02-29', end: '2020-05-31' },
  { programme: 'TC_LLCT', start: '2021-05-04', end: '2021-12-20' },
  { programme: 'SC_LLCT', start: '2022-03-01', end: '2022-06-30' },
  { programme: 'TC_LLCT', start: '2023-01-03', end: '2023-03-31' },
  // the same programme, days and windows as another class: the domain counts such cohorts once
  { programme: 'TC_LLCT', start: '2021-05-04', end: '2021-12-20' },
];
const CATEGORIES = ['cong_chuc', 'vien_chuc', 'can_bo'] as const;

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  communePath = (await db.query<{ path: string }>('SELECT path FROM units WHERE id = $1', [fx.units.communeA])).rows[0]!.path;
  const t = await db.query<{ id: number; level: string }>(
    "SELECT id, level FROM titles WHERE level IN ('commune', 'province') ORDER BY level, sort_order, id",
  );
  titleCommune = t.rows.find((r) => r.level === 'commune')!.id;
  const prov = t.rows.filter((r) => r.level === 'province');
  titleProvince = prov[0]!.id;
  titleProvince2 = prov[prov.length - 1]!.id;
  for (const [i, c] of CLASSES.entries()) {
    const k = await insertTrainingClass(db, {
      organiserUnitId: fx.units.department,
      cohortCode: `SP${i}`,
      programmeCode: c.programme,
      startDate: c.start,
      endDate: c.end,
      modules: [{ code: 'HP1', name: 'Học phần 1', periods: 40 }],
    });
    classes.push({ id: k.id, ...c });
  }
  // people: birth dates around the band limits of the class starts, some on 29 February
  const rows = [];
  for (let i = 0; i < 220; i++) {
    const c = pick(CLASSES);
    const age = pick([25, 29, 30, 34, 39, 40, 45, 49, 50, 55, 59, 60, 62]);
    const [y, m, d] = c.start.split('-').map(Number) as [number, number, number];
    const shift = pick([-1, 0, 0, 1, 17, -40]);
    const birth = i % 23 === 0 ? day(1972 + 4 * (i % 5), 2, 29) : new Date(Date.UTC(y - age, m - 1, d + shift)).toISOString().slice(0, 10);
    rows.push(
      personWrite({
        fullName: `Người So Sánh ${String(i).padStart(3, '0')}`,
        unitId: i % 3 === 0 ? fx.units.communeB : fx.units.communeA,
        citizenId: `07901000${String(i).padStart(4, '0')}`,
        birthDate: birth,
        category: CATEGORIES[i % 3]!,
      }),
    );
  }
  persons.push(...(await peopleRepo.insertPeople(db, rows)));
  for (const [i, id] of persons.entries()) {
    // assignments: from 2010 or later, 1-3 of them, titles of both levels, some overlapping, the last open
    let from = day(2010 + Math.floor(rand() * 10), 1 + Math.floor(rand() * 12), 1 + Math.floor(rand() * 28));
    const n = 1 + Math.floor(rand() * 3);
    for (let k = 0; k < n; k++) {
      const last = k === n - 1;
      const to = last
        ? null
        : new Date(Date.UTC(Number(from.slice(0, 4)) + 1 + Math.floor(rand() * 4), Math.floor(rand() * 12), 1 + Math.floor(rand() * 28)))
            .toISOString()
            .slice(0, 10);
      const title = pick([null, null, titleCommune, titleProvince, titleProvince2]);
      const reason = k === 0 ? 'recruitment' : pick(['appointment', 'rotation', 'transfer', 'reorganisation']);
      await db.query(
        'INSERT INTO assignments (person_id, unit_id, title_id, started_on, ended_on, reason) VALUES ($1, $2, $3, $4, $5, $6)',
        [id, rows[i]!.unitId, title, from, to, reason],
      );
      if (to === null) break;
      // overlapping: the next one starts before this one ends, sometimes
      const next = new Date(`${to}T00:00:00Z`);
      next.setUTCDate(next.getUTCDate() + (i % 11 === 0 ? -30 : 1));
      from = next.toISOString().slice(0, 10);
    }
    // appraisals over 2014-2025, some years missing
    const years = [];
    for (let y = 2014; y <= 2025; y++) if (rand() < 0.8) years.push(y);
    if (years.length > 0)
      await db.query(
        'INSERT INTO appraisals (person_id, year, classification) SELECT $1, y, c FROM unnest($2::int[], $3::text[]) AS x(y, c)',
        [id, years, years.map(() => pick(['excellent', 'good', 'good', 'completed', 'not_completed']))],
      );
    if (i % 4 === 0)
      await db.query("INSERT INTO planning_entries (person_id, title_id, term, approved_on) VALUES ($1, $2, '2020-2025', $3)", [
        id,
        titleProvince,
        i % 8 === 0 ? null : day(2016 + (i % 8), 1 + (i % 12), 1 + (i % 27)),
      ]);
    if (i % 9 === 0)
      await db.query("INSERT INTO service_leavings (person_id, left_on, reason, recorded_by) VALUES ($1, $2, 'resigned', $3)", [
        id,
        day(2017 + (i % 7), 1 + (i % 12), 1 + (i % 28)),
        fx.users.board!.id,
      ]);
  }
  // enrolments: graduates of each class, and others withdrawn or enrolled in the programme elsewhere
  for (const [i, id] of persons.entries()) {
    if (i % 5 === 0) continue;
    const k = classes[i % classes.length]!;
    const e = await enrol(db, k.id, id);
    const status = i % 7 === 0 ? 'withdrawn' : i % 6 === 0 ? 'enrolled' : 'completed';
    await db.query('UPDATE enrolments SET status = $2 WHERE id = $1', [e, status]);
  }
}, 180_000);
afterAll(async () => {
  await db?.close();
});

const COLUMNS = `assignment_id, person_id, category, birth_date::text AS birth_date, unit_id, started_on::text AS started_on, ended_on::text AS ended_on,
  title_level, left_on::text AS left_on, programmes, rated, good, planned::text[] AS planned, rotated::text[] AS rotated, promoted::text[] AS promoted`;

/** The spans written by hand from the records (grouped aggregates joined, not the migration's lateral view). */
async function fromRecords(): Promise<unknown[]> {
  return (
    await db.query(
      `WITH en AS (SELECT person_id, array_agg(DISTINCT programme_code ORDER BY programme_code) AS programmes FROM enrolments WHERE status <> 'withdrawn' GROUP BY person_id),
            ap AS (SELECT person_id, array_agg(year ORDER BY year) AS rated,
                          coalesce(array_agg(year ORDER BY year) FILTER (WHERE classification = 'good' OR classification = 'excellent'), '{}') AS good
                   FROM appraisals GROUP BY person_id),
            pl AS (SELECT person_id, array_agg(approved_on ORDER BY approved_on) AS planned FROM planning_entries WHERE approved_on IS NOT NULL GROUP BY person_id),
            ro AS (SELECT person_id, array_agg(started_on ORDER BY started_on) AS rotated FROM assignments WHERE reason = 'rotation' OR reason = 'transfer' GROUP BY person_id),
            rk AS (SELECT a.id, a.person_id, a.started_on, a.ended_on,
                          CASE WHEN t.id IS NULL THEN 0 WHEN t.level = 'province' THEN 2000 - t.sort_order ELSE 1000 - t.sort_order END AS rank
                   FROM assignments a LEFT JOIN titles t ON t.id = a.title_id),
            pr AS (SELECT x.person_id, array_agg(x.started_on ORDER BY x.started_on) AS promoted
                   FROM rk x
                   WHERE x.rank > 0 AND x.rank > coalesce((
                     SELECT z.rank FROM rk z WHERE z.person_id = x.person_id AND z.started_on < x.started_on AND coalesce(z.ended_on, 'infinity') >= x.started_on - 1
                     ORDER BY z.started_on DESC LIMIT 1), 0)
                   GROUP BY x.person_id)
       SELECT ${COLUMNS} FROM (
         SELECT a.id AS assignment_id, p.id AS person_id, p.category, p.birth_date, p.unit_id, a.started_on, a.ended_on,
                coalesce((SELECT t.level FROM titles t WHERE t.id = a.title_id), 'none') AS title_level,
                (SELECT l.left_on FROM service_leavings l WHERE l.person_id = p.id) AS left_on,
                coalesce(en.programmes, '{}') AS programmes, coalesce(ap.rated, '{}') AS rated, coalesce(ap.good, '{}') AS good,
                pl.planned, ro.rotated, pr.promoted
         FROM assignments a JOIN people p ON p.id = a.person_id
         LEFT JOIN en ON en.person_id = p.id LEFT JOIN ap ON ap.person_id = p.id LEFT JOIN pl ON pl.person_id = p.id
         LEFT JOIN ro ON ro.person_id = p.id LEFT JOIN pr ON pr.person_id = p.id
       ) r ORDER BY assignment_id`,
    )
  ).rows;
}

async function kept(): Promise<unknown[]> {
  return (await db.query(`SELECT ${COLUMNS} FROM evaluation_spans ORDER BY assignment_id`)).rows;
}

/** Every stratum of every class (not only the graduates'): categories × title levels × age bands. */
function everyStratum(): { windows: repo.CohortWindow[]; strata: repo.StratumOfCohort[] } {
  const windows: repo.CohortWindow[] = [];
  const strata: repo.StratumOfCohort[] = [];
  for (const c of classes) {
    const { windows: _w, ...window } = cohortWindow({ id: c.id, programme_code: c.programme, start_date: c.start, end_date: c.end });
    windows.push(window);
    for (const category of CATEGORIES)
      for (const titleLevel of er.TITLE_LEVEL_BANDS)
        for (const b of AGE_BANDS) {
          const bounds = er.ageBandBirthBounds(b.code as AgeBand, window.matchOn);
          strata.push({
            classId: c.id,
            category,
            titleLevel,
            ageBand: b.code,
            bornAfter: bounds.bornAfter,
            bornUntil: bounds.bornOnOrBefore,
          });
        }
  }
  return { windows, strata };
}

const sorted = (rows: repo.ControlTotalsRow[]) =>
  [...rows].sort(
    (a, b) =>
      a.class_id - b.class_id ||
      `${a.category}|${a.title_level}|${a.age_band}`.localeCompare(`${b.category}|${b.title_level}|${b.age_band}`),
  );

async function expectEqual(step: string): Promise<void> {
  expect(await kept(), step).toEqual(await fromRecords());
  const { windows, strata } = everyStratum();
  for (const path of ['/', communePath]) {
    const reference = sorted(await repo.sumControlsFromRecords(db, windows, strata, path));
    expect(sorted(await repo.sumControls(db, windows, strata, path)), `${step} (${path}, statement)`).toEqual(reference);
    expect(sorted(await comparableTotals(db, windows, strata, path, 'domain')), `${step} (${path}, domain)`).toEqual(reference);
    // the comparison is not empty: the test would not notice a path that returns nothing on both sides
    expect(reference.length, step).toBeGreaterThan(path === '/' ? 40 : 15);
  }
  // one class alone equals the same class among all
  const one = everyStratum();
  const k = one.windows[3]!;
  const alone = sorted((await repo.sumControlsFromRecords(db, one.windows, one.strata, '/')).filter((r) => r.class_id === k.classId));
  const strataOfK = one.strata.filter((s) => s.classId === k.classId);
  expect(sorted(await repo.sumControls(db, [k], strataOfK, '/'))).toEqual(alone);
  expect(sorted(await comparableTotals(db, [k], strataOfK, '/', 'domain'))).toEqual(alone);
}

describe('evaluation_spans kept by triggers', () => {
  it('equals the records and the reference sums on the generated registry', async () => {
    const all = await repo.sumControlsFromRecords(db, everyStratum().windows, everyStratum().strata, '/');
    // the registry exercises what the sums count
    const total = (k: keyof repo.ControlTotalsRow) => all.reduce((n, r) => n + Number(r[k]), 0);
    for (const k of [
      'people',
      'left',
      'before_rated',
      'before_good',
      'after_rated',
      'after_good',
      'planned',
      'rotated',
      'promoted',
    ] as const)
      expect(total(k), k).toBeGreaterThan(0);
    await expectEqual('generated');
  });

  it('stays equal after each write to appraisals, assignments, planning, enrolments, leavings, people and titles', async () => {
    const p = persons;
    const steps: [string, string, unknown[]][] = [
      [
        'appraisal added',
        "INSERT INTO appraisals (person_id, year, classification) VALUES ($1, 2013, 'good') ON CONFLICT DO NOTHING",
        [p[1]],
      ],
      [
        'appraisal re-rated',
        "UPDATE appraisals SET classification = CASE WHEN classification = 'good' THEN 'completed' ELSE 'good' END WHERE person_id = $1",
        [p[2]],
      ],
      [
        'appraisal moved to another year',
        'UPDATE appraisals SET year = 2026 WHERE person_id = $1 AND year = (SELECT max(year) FROM appraisals WHERE person_id = $1)',
        [p[3]],
      ],
      ['appraisals deleted', 'DELETE FROM appraisals WHERE person_id = $1', [p[4]]],
      [
        'assignment ended',
        "UPDATE assignments SET ended_on = greatest(started_on, '2019-06-30') WHERE person_id = $1 AND ended_on IS NULL",
        [p[6]],
      ],
      [
        'assignment to a higher title',
        "INSERT INTO assignments (person_id, unit_id, title_id, started_on, reason) VALUES ($1, $2, $3, '2019-07-01', 'appointment')",
        [p[6], fx.units.communeA, titleProvince],
      ],
      ['assignment re-titled', 'UPDATE assignments SET title_id = $2 WHERE person_id = $1', [p[7], titleCommune]],
      ['assignment by transfer', "UPDATE assignments SET reason = 'transfer' WHERE person_id = $1", [p[8]]],
      ['assignment deleted', 'DELETE FROM assignments WHERE id = (SELECT max(id) FROM assignments WHERE person_id = $1)', [p[10]]],
      [
        'planning approved',
        "INSERT INTO planning_entries (person_id, title_id, term, approved_on) VALUES ($1, $2, '2025-2030', '2020-03-01')",
        [p[11], titleCommune],
      ],
      ['planning approval cleared', 'UPDATE planning_entries SET approved_on = NULL WHERE person_id = $1', [p[12]]],
      ['planning deleted', 'DELETE FROM planning_entries WHERE person_id = $1', [p[16]]],
      ['enrolment withdrawn', "UPDATE enrolments SET status = 'withdrawn' WHERE person_id = $1", [p[13]]],
      ['enrolment back', "UPDATE enrolments SET status = 'completed' WHERE person_id = $1", [p[14]]],
      ['enrolment graded only', 'UPDATE enrolments SET ended_on = ended_on WHERE person_id = $1', [p[17]]],
      ['enrolment deleted', 'DELETE FROM enrolments WHERE person_id = $1', [p[18]]],
      [
        'a whole class enrolled in one statement',
        "INSERT INTO enrolments (person_id, programme_code, status, started_on, ended_on, class_id) SELECT x, 'SC_LLCT', 'completed', '2022-03-01', '2022-06-30', $2 FROM unnest($1::int[]) x WHERE NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.person_id = x AND e.class_id = $2)",
        [p.slice(100, 140), classes[6]!.id],
      ],
      [
        'left the service',
        "INSERT INTO service_leavings (person_id, left_on, reason, recorded_by) VALUES ($1, '2021-02-01', 'resigned', $2)",
        [p[19], fx.users.board!.id],
      ],
      ['leaving day moved', "UPDATE service_leavings SET left_on = '2016-01-01' WHERE person_id = $1", [p[9]]],
      ['leaving deleted', 'DELETE FROM service_leavings WHERE person_id = $1', [p[18]]],
      ['category changed', "UPDATE people SET category = 'vien_chuc' WHERE id = $1", [p[20]]],
      ['birth date on a band limit', "UPDATE people SET birth_date = '1979-03-01' WHERE id = $1", [p[21]]],
      ['unit changed', 'UPDATE people SET unit_id = $2 WHERE id = $1', [p[22], fx.units.communeB]],
      ['title order changed', 'UPDATE titles SET sort_order = sort_order + 500 WHERE id = $1', [titleProvince]],
      ['title level changed', "UPDATE titles SET level = 'province' WHERE id = $1", [titleCommune]],
      ['person deleted', 'DELETE FROM people WHERE id = $1', [p[23]]],
    ];
    for (const [step, sql, params] of steps) {
      const r = await db.query(sql, params);
      expect(r.rowCount ?? 0, step).toBeGreaterThan(0);
      await expectEqual(step);
    }
  }, 180_000);
});
