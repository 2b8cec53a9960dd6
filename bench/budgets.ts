/**
 * The budget report of a province's year (issue 11 point 2), on the bench database of bench/run.ts:
 * a year of ≈ 500 classes (400 realising 100 plan lines, 100 outside the plan), 30 learners each,
 * every line and class with a detailed estimate and every class with four vouchers:
 *
 * - through the API (`GET /api/v1/budgets/report?year=…&by=line` and `by=programme`): SQL gathers the
 *   holders, their estimates and actual costs by category and the realisation facts with their
 *   people; the domain adds them up;
 * - baseline: the same SQL statements (the repository's, in the same order) through a bare `pg`
 *   client, with no HTTP, session, validation, domain or response shaping.
 *
 * The totals are compared with a hand-written SQL sum. The year's data is made for the run and
 * deleted afterwards.
 */
import pg from 'pg';
import { budgetsRepo, catalogueRepo, createDb, migrate, rulesRepo, type Queryable } from '@nang-tam/db';
import type { BudgetReport } from '@nang-tam/contracts';
import { buildApp } from '../apps/server/src/app.js';
import { loadConfig } from '../apps/server/src/config.js';
import { timeRounds as timeRoundsOf } from './lib.js';

export interface BudgetsBench {
  people: number;
  classes: number;
  lines: number;
  enrolments: number;
  entries: number;
  runs: number;
  apiLineMs: number;
  apiProgrammeMs: number;
  baselineMs: number;
  match: boolean;
}

const RUNS = 9;
const WARM_UP = 3;
const YEAR = 2098;

async function makeYear(db: Queryable, root: { id: number; path: string }): Promise<{ classes: number; lines: number; enrolments: number; entries: number }> {
  const school = (await db.query<{ id: number }>("SELECT id FROM units WHERE path LIKE $1 || '%' ORDER BY (kind = 'school') DESC, depth, id LIMIT 1", [root.path])).rows[0]!.id;
  const plan = (await db.query<{ id: number }>("INSERT INTO annual_plans (year, title) VALUES ($1, 'Benchmark: kế hoạch kinh phí') RETURNING id", [YEAR])).rows[0]!.id;
  const version = (await db.query<{ id: number }>('INSERT INTO plan_versions (plan_id, number) VALUES ($1, 1) RETURNING id', [plan])).rows[0]!.id;
  await db.query('INSERT INTO plan_lines (plan_id) SELECT $1 FROM generate_series(1, 100)', [plan]);
  await db.query(
    `INSERT INTO plan_line_versions (version_id, line_id, programme_code, mode, classes, learners, year, quarter, organiser_unit_id, site_kind, site, estimated_cost)
     SELECT $1, l.id, (ARRAY['TC_LLCT', 'SC_LLCT', 'QLNN_CV', 'QLNN_CVC'])[1 + row_number() OVER (ORDER BY l.id) % 4], 'full_time', 4, 120, $2,
       1 + row_number() OVER (ORDER BY l.id) % 4, $3, 'school', 'Trường', 400000000
     FROM plan_lines l WHERE l.plan_id = $4`,
    [version, YEAR, school, plan],
  );
  await db.query(
    `INSERT INTO classes (programme_code, cohort_code, name, mode, organiser_unit_id, site, start_date, end_date, capacity, grading_scheme, graduation_conditions, plan_line_id, outside_plan)
     SELECT lv.programme_code, 'BENCH-KP-' || g, 'Lớp benchmark ' || g, 'full_time', $1, 'Trường', make_date($2, 1 + g % 11, 1), make_date($2, 1 + g % 11, 25), 60,
       '{}'::jsonb, '{}'::jsonb,
       CASE WHEN g <= 400 THEN lv.line_id END, g > 400
     FROM generate_series(1, 500) g
     JOIN LATERAL (SELECT line_id, programme_code FROM plan_line_versions WHERE version_id = $3 ORDER BY line_id OFFSET (g - 1) % 100 LIMIT 1) lv ON true`,
    [school, YEAR, version],
  );
  const enrolled = await db.query(
    `INSERT INTO enrolments (person_id, programme_code, status, started_on, ended_on, class_id)
     SELECT p.id, c.programme_code, 'enrolled', c.start_date, c.end_date, c.id
     FROM classes c
     JOIN LATERAL (SELECT id FROM people ORDER BY id OFFSET (c.id * 53) % greatest(1, (SELECT count(*) FROM people) - 30) LIMIT 30) p ON true
     WHERE c.cohort_code LIKE 'BENCH-KP-%'`,
  );
  await db.query(
    `INSERT INTO budget_estimates (class_id, plan_line_id, as_of, learners, total)
     SELECT c.id, NULL, c.start_date, 30, 0 FROM classes c WHERE c.cohort_code LIKE 'BENCH-KP-%'
     UNION ALL SELECT NULL, lv.line_id, make_date($2, 1, 1), 120, 0 FROM plan_line_versions lv WHERE lv.version_id = $1`,
    [version, YEAR],
  );
  const rate = (await db.query<{ id: number; amount: string }>("SELECT id, amount::text AS amount FROM lecturer_rates WHERE category = 'senior' ORDER BY effective_from LIMIT 1")).rows[0]!;
  await db.query(
    `INSERT INTO budget_estimate_items (estimate_id, category, description, lecturer_rate_id, quantity, unit_amount, amount, sort_order)
     SELECT e.id, x.category, x.category, CASE WHEN x.category = 'lecturers' THEN $1::int END, x.q, x.u, x.q::bigint * x.u, x.n
     FROM budget_estimates e
     JOIN annual_plans ap ON ap.year = $3
     CROSS JOIN LATERAL (VALUES ('lecturers', 20 + e.id % 7, $2::bigint, 0), ('support', e.learners, 300000::bigint, 1), ('venue', 1, 5000000::bigint + e.id % 9 * 100000, 2),
                                ('materials', 1, 2000000::bigint, 3), ('other', 1, 500000::bigint, 4)) x(category, q, u, n)
     WHERE e.class_id IN (SELECT id FROM classes WHERE cohort_code LIKE 'BENCH-KP-%') OR e.plan_line_id IN (SELECT id FROM plan_lines WHERE plan_id = ap.id)`,
    [rate.id, rate.amount, YEAR],
  );
  await db.query(
    `UPDATE budget_estimates e SET total = (SELECT sum(amount) FROM budget_estimate_items i WHERE i.estimate_id = e.id)
     WHERE e.class_id IN (SELECT id FROM classes WHERE cohort_code LIKE 'BENCH-KP-%') OR e.plan_line_id IN (SELECT l.id FROM plan_lines l JOIN annual_plans ap ON ap.id = l.plan_id WHERE ap.year = $1)`,
    [YEAR],
  );
  const entries = await db.query(
    `INSERT INTO budget_cost_entries (class_id, category, spent_on, amount, document_no)
     SELECT c.id, x.category, c.end_date, x.amount + c.id % 13 * 1000, 'PC-B-' || c.id || '-' || x.n
     FROM classes c CROSS JOIN LATERAL (VALUES ('lecturers', 24000000::bigint, 1), ('support', 9000000::bigint, 2), ('venue', 5000000::bigint, 3), ('materials', 1900000::bigint, 4)) x(category, amount, n)
     WHERE c.cohort_code LIKE 'BENCH-KP-%'`,
  );
  for (const t of ['classes', 'enrolments', 'budget_estimates', 'budget_estimate_items', 'budget_cost_entries', 'plan_line_versions']) await db.query(`ANALYZE ${t}`);
  return { classes: 500, lines: 100, enrolments: enrolled.rowCount ?? 0, entries: entries.rowCount ?? 0 };
}

async function dropYear(db: Queryable): Promise<void> {
  await db.query("DELETE FROM budget_cost_entries WHERE class_id IN (SELECT id FROM classes WHERE cohort_code LIKE 'BENCH-KP-%')");
  await db.query("DELETE FROM budget_estimates WHERE class_id IN (SELECT id FROM classes WHERE cohort_code LIKE 'BENCH-KP-%')");
  await db.query("DELETE FROM enrolments WHERE class_id IN (SELECT id FROM classes WHERE cohort_code LIKE 'BENCH-KP-%')");
  await db.query("DELETE FROM classes WHERE cohort_code LIKE 'BENCH-KP-%'");
  await db.query('DELETE FROM annual_plans WHERE year = $1', [YEAR]);
}

/** The repository's statements, in the service's order, through any client: the baseline runs them on bare pg. */
async function sameSql(db: Queryable, year: number): Promise<number> {
  const [lines, facts] = await Promise.all([budgetsRepo.reportLines(db, year, '/'), budgetsRepo.reportFacts(db, year, '/')]);
  const lineIds = lines.map((l) => l.line_id);
  const set = new Set(lineIds);
  const own = facts.filter((f) => f.source === 'class' && (f.plan_line_id === null || !set.has(f.plan_line_id))).map((f) => f.id);
  const rows = await Promise.all([
    budgetsRepo.reportClasses(db, own),
    budgetsRepo.reportEstimates(db, lineIds, own),
    budgetsRepo.estimatedHolders(db, lineIds, own),
    budgetsRepo.reportActuals(db, lineIds, own),
    budgetsRepo.reportPeople(db, facts.filter((f) => f.source === 'class').map((f) => f.id), facts.filter((f) => f.source !== 'class').map((f) => f.id)),
  ]);
  return rows.length;
}

const timeRounds = <const T extends readonly (() => Promise<unknown>)[]>(fns: T) => timeRoundsOf(fns, { warmUp: WARM_UP, runs: RUNS });

export async function benchBudgets(dbUrl: string): Promise<BudgetsBench> {
  const db = await createDb({ databaseUrl: dbUrl, poolSize: 4 });
  const bare = new pg.Pool({ connectionString: dbUrl, max: 4 });
  pg.types.setTypeParser(1082, (v) => v);
  try {
    await migrate(db);
    await rulesRepo.seedShippedRules(db);
    await catalogueRepo.seedProgrammeCatalogue(db);
    await dropYear(db);
    const root = (await db.query<{ id: number; path: string }>('SELECT id, path FROM units WHERE depth = 0 ORDER BY id LIMIT 1')).rows[0]!;
    const people = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM people')).rows[0]!.n;
    const made = await makeYear(db, root);
    console.log(`Budgets: ${made.classes} classes, ${made.lines} lines, ${made.enrolments} enrolments, ${made.entries} vouchers in ${YEAR}…`);
    const app = await buildApp({ db, config: { ...loadConfig({ LOG_LEVEL: 'silent', DEMO: 'off' }), webDist: '/nonexistent', loginRateLimit: 1000 } }, { logger: false });
    await app.ready();
    try {
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'NangTam@2025' } });
      if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode}`);
      const cookie = `nt_session=${login.cookies.find((k) => k.name === 'nt_session')!.value}`;
      const viaApi = (by: string) => async () => {
        const res = await app.inject({ url: `/api/v1/budgets/report?year=${YEAR}&by=${by}`, headers: { cookie } });
        if (res.statusCode !== 200) throw new Error(`report: ${res.statusCode} ${res.body.slice(0, 200)}`);
        return res.json() as BudgetReport;
      };
      const [byLine, byProgramme, baseline] = await timeRounds([viaApi('line'), viaApi('programme'), () => sameSql(bare as unknown as Queryable, YEAR)]);
      const want = (
        await db.query<{ estimate: string; actual: string }>(
          `SELECT (SELECT sum(total) FROM budget_estimates e WHERE e.plan_line_id IN (SELECT l.id FROM plan_lines l JOIN annual_plans ap ON ap.id = l.plan_id WHERE ap.year = $1)
                     OR e.class_id IN (SELECT id FROM classes WHERE cohort_code LIKE 'BENCH-KP-%' AND plan_line_id IS NULL))::text AS estimate,
                  (SELECT sum(amount) FROM budget_cost_entries WHERE class_id IN (SELECT id FROM classes WHERE cohort_code LIKE 'BENCH-KP-%'))::text AS actual`,
          [YEAR],
        )
      ).rows[0]!;
      const r = byLine!.result as BudgetReport;
      const p = byProgramme!.result as BudgetReport;
      const match = String(r.total.estimate) === want.estimate && String(r.total.actual) === want.actual && p.total.actual === r.total.actual;
      return { people, ...made, runs: RUNS, apiLineMs: byLine!.ms, apiProgrammeMs: byProgramme!.ms, baselineMs: baseline!.ms, match };
    } finally {
      await app.close();
    }
  } finally {
    await dropYear(db).catch(() => undefined);
    await bare.end();
    await db.close();
  }
}
