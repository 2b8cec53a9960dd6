/**
 * Results at two years at province scale (issue 11 point 4, decision 0052), on the bench database of
 * bench/run.ts: ten years of trung cấp and sơ cấp cohorts (30 classes a year, 60 graduates each,
 * drawn among the province's people in service at each class start) are added once, then the
 * two-year evaluation of every cohort that is due is computed:
 *
 * - through the service (`gatherCohorts` + the domain's comparison per class and overall), the two
 *   set-based statements of the repository for all cohorts at once;
 * - baseline: the same two SQL statements through bare `pg` (no shaping, no domain), timed in
 *   alternation on the same database;
 * - for one class, the reference: decision 0052's statements over the records (before the kept
 *   `evaluation_spans` of decision 0065), whose comparable totals the kept path must equal.
 *
 * The graduates' totals are compared, not only timed.
 */
import { loadavg } from 'node:os';
import pg from 'pg';
import { createDb, evaluationResultsRepo as repo } from '@nang-tam/db';
import { evaluationResults as er, todayInVietnam, training } from '@nang-tam/domain';
import { cohortWindow, gatherCohorts } from '../apps/server/src/services/evaluation-results.service.js';

/** One class through the statements over the records (decision 0052): graduates, then comparable people of their strata. */
async function viaRecords(db: Awaited<ReturnType<typeof createDb>>, c: repo.CohortClassRow): Promise<repo.ControlTotalsRow[]> {
  const { windows: _w, ...win } = cohortWindow(c);
  const graduates = await repo.listGraduateFacts(db, [win], '/');
  const strata = new Map<string, repo.StratumOfCohort>();
  for (const g of graduates) {
    const band = er.ageBandOn(g.birth_date, win.matchOn);
    const b = er.ageBandBirthBounds(band, win.matchOn);
    strata.set(`${g.category}|${g.title_level}|${band}`, {
      classId: c.id,
      category: g.category,
      titleLevel: g.title_level,
      ageBand: band,
      bornAfter: b.bornAfter,
      bornUntil: b.bornOnOrBefore,
    });
  }
  return repo.sumControlsFromRecords(db, [win], [...strata.values()], '/');
}

export interface EvaluationBench {
  people: number;
  cohorts: number;
  graduates: number;
  runs: number;
  /** Timed rounds of every cohort (no untimed round). */
  allRuns: number;
  serviceMs: number;
  baselineMs: number;
  /** One class (the latest due), median of `runs`. */
  classMs: number;
  classBaselineMs: number;
  /** One class through decision 0052's statements over the records (the reference), same rounds. */
  classRecordsMs: number;
  /** The kept path's comparable totals equal the records' for the class (every stratum). */
  classSameAsRecords: boolean;
  /** The machine's 1-minute load average after the one-class and the every-cohort rounds. */
  load: { one: number; all: number };
  match: boolean;
}

const RUNS = 5;
const ALL_RUNS = Number(process.env.EVALUATION_ALL_RUNS ?? 1);
const PER_YEAR = 30;
const SIZE = 60;

async function ensureCohorts(url: string, today: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const have = (await c.query("SELECT count(*)::int AS n FROM classes WHERE cohort_code LIKE 'BENCH-%'")).rows[0].n as number;
    if (have > 0) return;
    const y = Number(today.slice(0, 4));
    const school = (await c.query("SELECT id FROM units WHERE code = 'TCT'")).rows[0].id as number;
    await c.query('BEGIN');
    for (let year = y - 10; year < y; year++) {
      for (let k = 0; k < PER_YEAR; k++) {
        const programme = k % 3 === 0 ? 'SC_LLCT' : 'TC_LLCT';
        const start = `${year}-${String(1 + (k % 10)).padStart(2, '0')}-0${1 + (k % 8)}`;
        const cls = await c.query(
          `INSERT INTO classes (programme_code, cohort_code, name, mode, organiser_unit_id, site, start_date, end_date, capacity, status, grading_scheme, graduation_conditions, outside_plan)
           VALUES ($1, $2, $3, 'full_time', $4, 'Trường', $5::date, $5::date + 120, $6, 'finished', $7, $8, true) RETURNING id`,
          [
            programme,
            `BENCH-${year}-${k}`,
            `Lớp đo ${year}-${k}`,
            school,
            start,
            SIZE,
            JSON.stringify(training.DEFAULT_GRADING_SCHEME),
            JSON.stringify(training.DEFAULT_GRADUATION_CONDITIONS),
          ],
        );
        // graduates: people in service at the start, not yet in the programme, spread by a hash of the class
        await c.query(
          `INSERT INTO enrolments (person_id, programme_code, status, started_on, ended_on, class_id, graduated_on)
           SELECT p.id, $2, 'completed', $3::date, $3::date + 120, $1, $3::date + 130
           FROM people p
           WHERE EXISTS (SELECT 1 FROM assignments y WHERE y.person_id = p.id AND y.started_on <= $3::date AND (y.ended_on IS NULL OR y.ended_on >= $3::date))
             AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.person_id = p.id AND e.programme_code = $2)
             AND (p.id * 7919 + $1) % 97 = 0
           ORDER BY p.id LIMIT $4`,
          [cls.rows[0].id, programme, start, SIZE],
        );
      }
    }
    await c.query('COMMIT');
    await c.query('ANALYZE');
  } finally {
    await c.end();
  }
}

/** Service and bare-pg baseline over `classes`: medians of `runs` after `warm` untimed rounds. */
async function measure(
  db: Awaited<ReturnType<typeof createDb>>,
  client: pg.Client,
  classes: readonly repo.CohortClassRow[],
  runs: number,
  warm: number,
): Promise<{ serviceMs: number; baselineMs: number; graduates: number; match: boolean }> {
  // the baseline: the very SQL the repository sends, captured once, replayed through bare pg
  const captured: { sql: string; params: unknown[] }[] = [];
  const spy = { query: async (sql: string, params: unknown[]) => (captured.push({ sql, params }), db.query(sql, params)) };
  const first = await gatherCohorts(spy as never, classes, '/');
  const service: number[] = [];
  const baseline: number[] = [];
  let graduates = 0;
  let match = true;
  for (let i = 0; i < runs + warm; i++) {
    const t0 = performance.now();
    const facts = await gatherCohorts(db, classes, '/');
    const overall = er.compare([...facts.cells.values()].flat());
    for (const c of classes) er.compare(facts.cells.get(c.id) ?? []);
    const t1 = performance.now();
    const g = await client.query(captured[0]!.sql, captured[0]!.params);
    await client.query(captured[1]!.sql, captured[1]!.params);
    const t2 = performance.now();
    graduates = overall.graduates.people;
    match = match && g.rowCount === facts.graduates.length && first.graduates.length === facts.graduates.length;
    if (i >= warm) {
      service.push(t1 - t0);
      baseline.push(t2 - t1);
    }
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { serviceMs: median(service), baselineMs: median(baseline), graduates, match };
}

export async function benchEvaluation(url: string): Promise<EvaluationBench> {
  const today = todayInVietnam();
  await ensureCohorts(url, today);
  const db = await createDb({ databaseUrl: url });
  const people = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM people')).rows[0]!.n;
  const classes = (await repo.listCohortClasses(db, { limit: 100_000 })).filter((c) => er.evaluationReady(c.end_date, today));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // one class (the latest due), then every cohort due (one timed round: it is the slow case)
  const one = await measure(db, client, classes.slice(0, 1), RUNS, 1);
  const loadOne = loadavg()[0]!;
  // the same class through the statements over the records (decision 0052), and whether the kept
  // path's comparable totals equal them
  const records: number[] = [];
  let reference: repo.ControlTotalsRow[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const t0 = performance.now();
    reference = await viaRecords(db, classes[0]!);
    if (i > 0) records.push(performance.now() - t0);
  }
  const kept = (await gatherCohorts(db, classes.slice(0, 1), '/')).cells.get(classes[0]!.id) ?? [];
  const key = (r: { category: string; titleLevel: string; ageBand: string }) => `${r.category}|${r.titleLevel}|${r.ageBand}`;
  const byStratum = new Map(reference.map((r) => [key({ category: r.category, titleLevel: r.title_level, ageBand: r.age_band }), r]));
  const classSameAsRecords =
    kept.length > 0 &&
    kept.every((c) => {
      const r = byStratum.get(key(c.stratum));
      return (
        (r?.people ?? 0) === c.controls.people && (r?.after_good ?? 0) === c.controls.afterGood && (r?.planned ?? 0) === c.controls.planned
      );
    });
  const all = await measure(db, client, classes, ALL_RUNS, 0);
  const loadAll = loadavg()[0]!;
  await client.end();
  await db.close();
  return {
    people,
    cohorts: classes.length,
    graduates: all.graduates,
    runs: RUNS,
    allRuns: ALL_RUNS,
    serviceMs: all.serviceMs,
    baselineMs: all.baselineMs,
    classMs: one.serviceMs,
    classBaselineMs: one.baselineMs,
    classRecordsMs: records.sort((a, b) => a - b)[Math.floor(records.length / 2)]!,
    classSameAsRecords,
    load: { one: loadOne, all: loadAll },
    match: one.match && all.match,
  };
}
