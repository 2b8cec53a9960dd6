/**
 * Training statistics and dashboards (issue 10, decision 0047) on the bench database of
 * bench/run.ts (a generated province): ten years of training history are added once when missing
 * (classes of the last ten years with their enrolments, ≈ 90,000, and ≈ 10,000 outside-training
 * records; cohort codes 'BENCH-…'), then each endpoint is measured through the API (app.inject,
 * validation, session, service, SQL, response) against a baseline in the same run: the same SQL
 * statements the repository builds (statisticsRepo.statisticsTableSql), through bare `pg` (JIT off, as the
 * repository runs them). "Before" (decision 0056): the same statistic opened from the records on the
 * spot (statisticsTableSql(q, 'records'), what every statistic ran before the person-times were kept in
 * stat_person_times), one timed round; the API's answer is compared with it.
 */
import { cpus, loadavg } from 'node:os';
import pg from 'pg';
import { createDb, statisticsRepo, type Db } from '@nang-tam/db';
import { statistics, training } from '@nang-tam/domain';
import type { Statistics, StatisticsQuery } from '@nang-tam/contracts';
import { buildApp } from '../apps/server/src/app.js';
import { loadConfig } from '../apps/server/src/config.js';
import { timeRounds as timeRoundsOf } from './lib.js';

export interface StatisticsBenchRow {
  name: string;
  apiMs: number;
  baselineMs: number;
  /** The same statistic from the records on the spot (before decision 0056), one timed round. */
  beforeMs: number | null;
  /** The API's answer equals the records' (and the baseline's). */
  match: boolean | null;
}
export interface StatisticsBench {
  people: number;
  enrolments: number;
  outside: number;
  years: string;
  runs: number;
  /** The 1-minute load average at the start and the end of the measurement (the machine is shared). */
  load: string;
  rows: StatisticsBenchRow[];
}

const RUNS = 5;
const WARM_UP = 1;
const YEARS = 10;
const CLASSES_PER_YEAR = 150;
const PER_CLASS = 60;
const OUTSIDE_PER_YEAR = 1_000;
const PROGRAMMES = ['TC_LLCT', 'SC_LLCT', 'QLNN_CV', 'QLNN_CVC', 'NHAN_THUC_DANG', 'DANG_VIEN_MOI', 'CCHC', 'CHUYEN_DOI_SO', 'CNKT_NHOM_3'];
const OUTSIDE_PROGRAMMES = ['CC_LLCT', 'SDH_THS', 'BD_NUOC_NGOAI'];

/** Adds ten years of classes, enrolments and outside-training records once (marked 'BENCH-'). */
async function ensureHistory(db: Db, lastYear: number): Promise<void> {
  const have = (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM classes WHERE cohort_code LIKE 'BENCH-%'")).rows[0]!.n;
  if (have > 0) return;
  console.log('Adding ten years of training history…');
  const school = (await db.query<{ id: number }>("SELECT id FROM units WHERE kind = 'school' ORDER BY id LIMIT 1")).rows[0]?.id
    ?? (await db.query<{ id: number }>('SELECT id FROM units WHERE depth = 0 ORDER BY id LIMIT 1')).rows[0]!.id;
  const programmes = (await db.query<{ code: string }>('SELECT code FROM programmes WHERE code = ANY($1::text[])', [PROGRAMMES])).rows.map((r) => r.code);
  const outsideProgrammes = (await db.query<{ code: string }>('SELECT code FROM programmes WHERE code = ANY($1::text[])', [OUTSIDE_PROGRAMMES])).rows.map((r) => r.code);
  const board = (await db.query<{ id: number }>("SELECT id FROM users WHERE role = 'province_board' ORDER BY id LIMIT 1")).rows[0]!.id;
  const first = lastYear - YEARS + 1;
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO classes (programme_code, cohort_code, name, mode, organiser_unit_id, site, start_date, end_date, capacity, status, grading_scheme, graduation_conditions, outside_plan)
       SELECT ($1::text[])[1 + (i % cardinality($1::text[]))], 'BENCH-' || y || '-' || i, 'Lớp lịch sử ' || y || '-' || i,
         (ARRAY['full_time', 'part_time', 'online'])[1 + (i % 3)], $2, 'Trường Chính trị tỉnh',
         make_date(y, 1 + (i % 11), 1), make_date(y, 1 + (i % 11), 1) + (30 + (i % 7) * 60), $3, 'finished', $4::jsonb, $5::jsonb, true
       FROM generate_series($6::int, $7::int) AS y, generate_series(1, $8::int) AS i`,
      [programmes, school, PER_CLASS + 20, JSON.stringify(training.DEFAULT_GRADING_SCHEME), JSON.stringify(training.PROGRAMME_GRADUATION_CONDITIONS.TC_LLCT), first, lastYear, CLASSES_PER_YEAR],
    );
    await tx.query(
      `WITH pool AS (SELECT array_agg(id ORDER BY id) AS ids FROM people),
       c AS (SELECT id, programme_code, start_date, end_date FROM classes WHERE cohort_code LIKE 'BENCH-%')
       INSERT INTO enrolments (person_id, programme_code, status, started_on, ended_on, class_id)
       SELECT pool.ids[1 + ((c.id::bigint * 7919 + k * 104729) % cardinality(pool.ids))], c.programme_code,
         CASE WHEN k % 17 = 0 THEN 'failed' WHEN k % 29 = 0 THEN 'withdrawn' ELSE 'completed' END, c.start_date, c.end_date, c.id
       FROM c CROSS JOIN pool CROSS JOIN generate_series(1, $1::int) AS k
       ON CONFLICT DO NOTHING`,
      [PER_CLASS],
    );
    await tx.query(
      `WITH pool AS (SELECT array_agg(id ORDER BY id) AS ids FROM people)
       INSERT INTO outside_trainings (person_id, programme_code, mode, institution, country, start_date, end_date, status, eligibility, proposed_by,
         decision_no, decision_date, result, result_date, outside_plan)
       SELECT pool.ids[1 + ((y::bigint * 31337 + i * 7919) % cardinality(pool.ids))], ($1::text[])[1 + (i % cardinality($1::text[]))], 'full_time',
         CASE WHEN i % 10 = 0 THEN 'Đại học Quốc gia Liên bang Nga' ELSE 'Học viện Chính trị quốc gia Hồ Chí Minh' END,
         CASE WHEN i % 10 = 0 THEN 'Liên bang Nga' END,
         make_date(y, 1 + (i % 12), 1), make_date(y, 1 + (i % 12), 1) + 365, CASE WHEN y < $3 THEN 'completed' ELSE 'sent' END, '{}'::jsonb, $2,
         'BENCH-' || y || '-' || i, make_date(y, 1 + (i % 12), 1), CASE WHEN y < $3 THEN 'graduated' END, CASE WHEN y < $3 THEN make_date(y, 1 + (i % 12), 1) + 365 END, true
       FROM pool, generate_series($4::int, $3::int) AS y, generate_series(1, $5::int) AS i`,
      [outsideProgrammes, board, lastYear, first, OUTSIDE_PER_YEAR],
    );
  });
  await db.exec('ANALYZE classes; ANALYZE enrolments; ANALYZE outside_trainings');
}

const timeRounds = <const T extends readonly (() => Promise<unknown>)[]>(fns: T) => timeRoundsOf(fns, { warmUp: WARM_UP, runs: RUNS });

export async function benchStatistics(dbUrl: string): Promise<StatisticsBench> {
  const db = await createDb({ databaseUrl: dbUrl, poolSize: 4 });
  const bare = new pg.Client({ connectionString: dbUrl });
  await bare.connect();
  // the repository runs these statements with JIT off (statisticsRepo.runWithoutJit): so does the baseline
  await bare.query('SET jit = off');
  await bare.query("SET work_mem = '64MB'");
  try {
    const lastYear = new Date().getFullYear();
    await ensureHistory(db, lastYear);
    const first = lastYear - YEARS + 1;
    const root = (await db.query<{ id: number; path: string }>('SELECT id, path FROM units WHERE depth = 0 ORDER BY id LIMIT 1')).rows[0]!;
    const district = (await db.query<{ id: number; path: string }>('SELECT id, path FROM units WHERE depth = 1 ORDER BY (SELECT count(*) FROM units c WHERE c.path LIKE units.path || \'%\') DESC LIMIT 1')).rows[0]!;
    const counts = (
      await db.query<{ people: number; enrolments: number; outside: number }>(
        `SELECT (SELECT count(*)::int FROM people) AS people, (SELECT count(*)::int FROM enrolments WHERE class_id IS NOT NULL) AS enrolments,
           (SELECT count(*)::int FROM outside_trainings) AS outside`,
      )
    ).rows[0]!;
    const young = statistics.DEFAULT_YOUNG_AGE.underAge;
    const from = `${first}-01-01`;
    const to = `${lastYear}-12-31`;
    const app = await buildApp({ db, config: { ...loadConfig({ LOG_LEVEL: 'silent', DEMO: 'off' }), webDist: '/nonexistent', loginRateLimit: 1000 } }, { logger: false });
    await app.ready();
    try {
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'NangTam@2025' } });
      if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode}`);
      const session = login.cookies.find((k) => k.name === 'nt_session')!.value;
      const csrf = (login.json() as { csrfToken?: string; user?: { csrfToken?: string } }).csrfToken ?? (login.json() as { user?: { csrfToken?: string } }).user?.csrfToken ?? '';
      const headers = { cookie: `nt_session=${session}`, 'x-csrf-token': csrf };
      const repoQ = (q: StatisticsQuery, path: string): statisticsRepo.StatQuery => ({
        from: q.from,
        to: q.to,
        subtreePath: path,
        unitBasis: q.unitBasis ?? 'learner',
        basis: q.basis ?? 'enrolled',
        youngUnderAge: young,
        filters: q.filters ?? {},
        groupBy: q.groupBy ?? [],
      });
      const bareRun = async (q: statisticsRepo.StatQuery, source: statisticsRepo.PersonTimesSource = 'facts') => {
        const { text, values } = statisticsRepo.statisticsTableSql(q, source);
        return statisticsRepo.toTableRows(q, (await bare.query(text, values)).rows);
      };
      /** One timed round of `fn` (the records' form is slow: one round is what it is given). */
      const once = async <T>(fn: () => Promise<T>) => {
        const t0 = performance.now();
        const result = await fn();
        return { ms: performance.now() - t0, result };
      };
      const sameRows = (a: statisticsRepo.StatTableRow[], b: statisticsRepo.StatTableRow[]) => JSON.stringify(a) === JSON.stringify(b);
      const scenarios: { name: string; q: StatisticsQuery; path: string }[] = [
        { name: 'province, 10 years, by year', q: { from, to, groupBy: ['year'] }, path: root.path },
        { name: 'province, 10 years, by programme × year', q: { from, to, groupBy: ['programme', 'year'] }, path: root.path },
        { name: 'province, 10 years, by child unit, women only', q: { from, to, groupBy: ['unit'], filters: { gender: 'female' } }, path: root.path },
        { name: 'province, 10 years, by organiser × young', q: { from, to, groupBy: ['organiserType', 'young'] }, path: root.path },
        { name: 'largest district, last year, by programme', q: { from: `${lastYear - 1}-01-01`, to: `${lastYear - 1}-12-31`, unitId: district.id, groupBy: ['programme'] }, path: district.path },
      ];
      const loadBefore = loadavg()[0]!.toFixed(1);
      const rows: StatisticsBenchRow[] = [];
      for (const s of scenarios) {
        const rq = repoQ(s.q, s.path);
        const [api, base] = await timeRounds([
          async () => {
            const res = await app.inject({ method: 'POST', url: '/api/v1/statistics/query', headers, payload: s.q });
            if (res.statusCode !== 200) throw new Error(`statistics: ${res.statusCode} ${res.body.slice(0, 300)}`);
            return res.json() as Statistics;
          },
          async () => ({ total: (await bareRun({ ...rq, groupBy: [] }))[0], rows: await bareRun(rq) }),
        ]);
        const a = api!.result as Statistics;
        const b = base!.result as { total: statisticsRepo.StatTableRow; rows: statisticsRepo.StatTableRow[] };
        const before = await once(async () => ({ total: (await bareRun({ ...rq, groupBy: [] }, 'records'))[0]!, rows: await bareRun(rq, 'records') }));
        const match =
          a.total.personTimes === b.total.person_times &&
          a.total.people === b.total.people &&
          JSON.stringify(a.rows.map((r) => [r.keys.map((k) => k.code), r.personTimes, r.people])) === JSON.stringify(b.rows.map((r) => [r.codes, r.person_times, r.people])) &&
          sameRows([b.total], [before.result.total]) &&
          sameRows(b.rows, before.result.rows);
        console.log(`  ${s.name}: API ${api!.ms.toFixed(0)} ms, SQL ${base!.ms.toFixed(0)} ms, before ${before.ms.toFixed(0)} ms, same: ${match}`);
        rows.push({ name: `\`POST /statistics/query\` — ${s.name}`, apiMs: api!.ms, baselineMs: base!.ms, beforeMs: before.ms, match });
      }
      // drill-down: one cell, first page
      {
        const q: StatisticsQuery = { from, to, groupBy: ['year'] };
        const [api, base] = await timeRounds([
          async () => {
            const res = await app.inject({ method: 'POST', url: '/api/v1/statistics/drill', headers, payload: { ...q, cell: [String(lastYear - 1)], limit: 50 } });
            if (res.statusCode !== 200) throw new Error(`drill: ${res.statusCode} ${res.body.slice(0, 300)}`);
            return res.json() as { total: number };
          },
          async () => bareRun({ ...repoQ({ from: `${lastYear - 1}-01-01`, to: `${lastYear - 1}-12-31` }, root.path) }),
        ]);
        const before = await once(() => bareRun({ ...repoQ({ from: `${lastYear - 1}-01-01`, to: `${lastYear - 1}-12-31` }, root.path) }, 'records'));
        const match =
          (api!.result as { total: number }).total === (base!.result as statisticsRepo.StatTableRow[])[0]!.person_times && sameRows(base!.result as statisticsRepo.StatTableRow[], before.result);
        console.log(`  drill: API ${api!.ms.toFixed(0)} ms, SQL ${base!.ms.toFixed(0)} ms, before ${before.ms.toFixed(0)} ms, same count: ${match}`);
        rows.push({ name: '`POST /statistics/drill` — province, one year\'s cell, first 50 (with its counts)', apiMs: api!.ms, baselineMs: base!.ms, beforeMs: before.ms, match });
      }
      // dashboards
      for (const [name, unit] of [
        ['province', root],
        ['largest district', district],
      ] as const) {
        const base = repoQ({ from, to }, unit.path);
        const [api, sql] = await timeRounds([
          async () => {
            const res = await app.inject({ url: `/api/v1/statistics/dashboard?unitId=${unit.id}&fromYear=${first}&toYear=${lastYear}`, headers });
            if (res.statusCode !== 200) throw new Error(`dashboard: ${res.statusCode} ${res.body.slice(0, 300)}`);
            return res.json() as { total: { personTimes: number } };
          },
          // the dashboard's statistics statements one after another (total, by year, by programme)
          async () => {
            const total = await bareRun({ ...base, groupBy: [] });
            await bareRun({ ...base, groupBy: ['year'] });
            await bareRun({ ...base, groupBy: ['programme'] });
            return total;
          },
        ]);
        // before: the four statements it ran one after another, from the records
        const before = await once(async () => {
          const total = await bareRun({ ...base, groupBy: [] }, 'records');
          await bareRun({ ...base, groupBy: ['year'] }, 'records');
          await bareRun({ ...base, groupBy: [] }, 'records');
          await bareRun({ ...base, groupBy: ['programme'] }, 'records');
          return total;
        });
        const match =
          (api!.result as { total: { personTimes: number } }).total.personTimes === (sql!.result as statisticsRepo.StatTableRow[])[0]!.person_times &&
          sameRows(sql!.result as statisticsRepo.StatTableRow[], before.result);
        console.log(`  dashboard ${name}: API ${api!.ms.toFixed(0)} ms, SQL ${sql!.ms.toFixed(0)} ms, before ${before.ms.toFixed(0)} ms, same total: ${match}`);
        rows.push({ name: `\`GET /statistics/dashboard\` — ${name}, ${YEARS} years (with plan against actual)`, apiMs: api!.ms, baselineMs: sql!.ms, beforeMs: before.ms, match });
      }
      return { people: counts.people, enrolments: counts.enrolments, outside: counts.outside, years: `${first}–${lastYear}`, runs: RUNS, load: `${loadBefore} → ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`, rows };
    } finally {
      await app.close();
    }
  } finally {
    await bare.end();
    await db.close();
  }
}
