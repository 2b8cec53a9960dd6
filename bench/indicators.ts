/**
 * Indicators as of a date at province scale (issue 10 point 1, docs/decisions/0046), on the bench
 * database of bench/run.ts (the demo province: its indicators are seeded by tools/demo/indicators.ts):
 *
 * - through the API: GET /api/v1/indicators/:id?asOf=… (value, status, whole yearly trend and
 *   projection) and GET /api/v1/indicators?asOf=… (every indicator with value and status), as of
 *   today and as of a past date;
 * - the value alone through the repository's statement (one date);
 * - baseline: a hand-written SQL of the same value (DISTINCT ON for the assignment in force, a
 *   grouped best level) through the same pool, timed in alternation.
 *
 * The answers (population and counted) are compared, not only timed.
 */
import { loadavg } from 'node:os';
import { createDb, indicatorsRepo, type Db } from '@nang-tam/db';
import { todayInVietnam } from '@nang-tam/domain';
import { buildApp } from '../apps/server/src/app.js';
import { loadConfig } from '../apps/server/src/config.js';
import { resolveDefinition } from '../apps/server/src/services/indicators.service.js';
import { timeRounds as timeRoundsOf } from './lib.js';

export interface IndicatorTiming {
  code: string;
  asOf: string;
  population: number;
  counted: number;
  trendPoints: number;
  apiDetailMs: number;
  valueMs: number;
  baselineMs: number;
  match: boolean;
}

export interface IndicatorsBench {
  people: number;
  runs: number;
  rows: IndicatorTiming[];
  list: { asOf: string; indicators: number; ms: number }[];
  /** The 1-minute load average at the start and at the end of the section (the machine is shared). */
  load: string;
}

const RUNS = 7;
const WARM_UP = 2;

/** The hand-written baseline: masters (education ≥ thạc sĩ) among the BTV_TU-managed people in service on $1. */
const BASELINE_MASTERS = `
WITH latest AS (
  SELECT DISTINCT ON (a.person_id) a.person_id, a.unit_id, a.ended_on
  FROM assignments a JOIN people p ON p.id = a.person_id
  WHERE a.started_on <= $1::date AND p.management_scope_id = $2
  ORDER BY a.person_id, a.started_on DESC, a.id DESC
),
live AS (
  SELECT p.id FROM people p LEFT JOIN latest l ON l.person_id = p.id
  WHERE p.management_scope_id = $2
    AND ((l.person_id IS NOT NULL AND (l.ended_on IS NULL OR l.ended_on >= $1::date))
         OR (l.person_id IS NULL AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.person_id = p.id)))
    AND NOT EXISTS (SELECT 1 FROM service_leavings s WHERE s.person_id = p.id AND s.left_on < $1::date)
),
best AS (
  SELECT q.person_id, max(ql.rank) AS top FROM qualifications q JOIN qualification_levels ql ON (ql.kind, ql.code) = (q.kind, q.level)
  WHERE q.kind = 'education' AND (q.awarded_on IS NULL OR q.awarded_on <= $1::date) AND q.person_id IN (SELECT id FROM live)
  GROUP BY q.person_id
)
SELECT count(*)::int AS population, count(*) FILTER (WHERE b.top >= 5)::int AS counted FROM live LEFT JOIN best b ON b.person_id = live.id`;

/** The baseline of the CCHC indicator: holders of a flagged job position trained within 5 years of $1. */
const BASELINE_CCHC = `
WITH latest AS (
  SELECT DISTINCT ON (a.person_id) a.person_id, a.unit_id, a.ended_on
  FROM assignments a JOIN people p ON p.id = a.person_id
  WHERE a.started_on <= $1::date AND p.job_position_id IN (SELECT id FROM job_positions WHERE admin_reform)
  ORDER BY a.person_id, a.started_on DESC, a.id DESC
),
live AS (
  SELECT p.id FROM people p LEFT JOIN latest l ON l.person_id = p.id
  WHERE p.job_position_id IN (SELECT id FROM job_positions WHERE admin_reform)
    AND ((l.person_id IS NOT NULL AND (l.ended_on IS NULL OR l.ended_on >= $1::date))
         OR (l.person_id IS NULL AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.person_id = p.id)))
    AND NOT EXISTS (SELECT 1 FROM service_leavings s WHERE s.person_id = p.id AND s.left_on < $1::date)
),
trained AS (
  SELECT e.person_id, coalesce(e.graduated_on, e.ended_on) AS on_date FROM enrolments e
  WHERE e.status = 'completed' AND e.programme_code IN (SELECT code FROM programmes WHERE kind = 'admin_reform')
  UNION ALL
  SELECT o.person_id, o.result_date FROM outside_trainings o
  WHERE o.status = 'completed' AND o.result = 'graduated' AND o.programme_code IN (SELECT code FROM programmes WHERE kind = 'admin_reform')
),
recent AS (SELECT DISTINCT person_id FROM trained WHERE on_date <= $1::date AND on_date > ($1::date - interval '5 years')::date)
SELECT count(*)::int AS population, count(r.person_id)::int AS counted FROM live LEFT JOIN recent r ON r.person_id = live.id`;

const timeRounds = <const T extends readonly (() => Promise<unknown>)[]>(fns: T) => timeRoundsOf(fns, { warmUp: WARM_UP, runs: RUNS });

export async function benchIndicators(dbUrl: string): Promise<IndicatorsBench> {
  const db: Db = await createDb({ databaseUrl: dbUrl, poolSize: 4 });
  const loadAtStart = loadavg()[0]!.toFixed(1);
  try {
    const people = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM people')).rows[0]!.n;
    const root = (await db.query<{ path: string }>('SELECT path FROM units WHERE depth = 0 ORDER BY id LIMIT 1')).rows[0]!;
    const btvTu = (await db.query<{ id: number }>("SELECT id FROM management_scopes WHERE code = 'BTV_TU'")).rows[0]!.id;
    const app = await buildApp(
      { db, config: { ...loadConfig({ LOG_LEVEL: 'silent', DEMO: 'off' }), webDist: '/nonexistent', loginRateLimit: 1000 } },
      { logger: false },
    );
    await app.ready();
    try {
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'NangTam@2025' } });
      if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode}`);
      const cookie = `nt_session=${login.cookies.find((k) => k.name === 'nt_session')!.value}`;
      const get = async (url: string) => {
        const res = await app.inject({ url, headers: { cookie } });
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        return res.json() as { population: number; counted: number; trend?: unknown[]; items?: unknown[] };
      };
      const today = todayInVietnam();
      const past = `${Number(today.slice(0, 4)) - 4}-12-31`;
      const rows: IndicatorTiming[] = [];
      for (const [code, baseline, params] of [
        ['BTV-THACSI', BASELINE_MASTERS, (d: string) => [d, btvTu]],
        ['CCHC-2030', BASELINE_CCHC, (d: string) => [d]],
      ] as const) {
        const ind = (await indicatorsRepo.listIndicators(db)).find((i) => i.code === code);
        if (!ind) throw new Error(`the bench province has no indicator ${code} (built before the indicators were seeded?)`);
        const r = await resolveDefinition(db, ind);
        for (const asOf of [today, past]) {
          const [api, value, base] = await timeRounds([
            () => get(`/api/v1/indicators/${ind.id}?asOf=${asOf}`),
            () => indicatorsRepo.countIndicator(db, { kind: 'subtree', unitPath: root.path }, r.population, r.condition, [asOf]),
            async () => (await db.query<{ population: number; counted: number }>(baseline, params(asOf))).rows[0]!,
          ]);
          const a = api!.result as { population: number; counted: number; trend: unknown[] };
          const v = (value!.result as indicatorsRepo.CountRow[])[0]!;
          const b = base!.result as { population: number; counted: number };
          const match = a.population === b.population && a.counted === b.counted && v.population === b.population && v.counted === b.counted;
          rows.push({ code, asOf, population: b.population, counted: b.counted, trendPoints: a.trend.length, apiDetailMs: api!.ms, valueMs: value!.ms, baselineMs: base!.ms, match });
          console.log(`  ${code} as of ${asOf}: API ${api!.ms.toFixed(0)} ms (${a.trend.length} trend points), value ${value!.ms.toFixed(0)} ms, SQL ${base!.ms.toFixed(0)} ms, same answer: ${match}`);
        }
      }
      const list: IndicatorsBench['list'] = [];
      for (const asOf of [today, past]) {
        const [l] = await timeRounds([() => get(`/api/v1/indicators?asOf=${asOf}`)]);
        list.push({ asOf, indicators: ((l!.result as { items: unknown[] }).items ?? []).length, ms: l!.ms });
        console.log(`  list as of ${asOf}: ${l!.ms.toFixed(0)} ms`);
      }
      return { people, runs: RUNS, rows, list, load: `${loadAtStart} at the start, ${loadavg()[0]!.toFixed(1)} at the end (2 cores)` };
    } finally {
      await app.close();
    }
  } finally {
    await db.close();
  }
}
