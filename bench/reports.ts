/**
 * Official report forms at province scale (issue 10 point 3, decision 0048), on the bench database
 * of bench/run.ts: the yearly training report (NT-02-KQDT: person-times by programme kind and level
 * × female, minority, party, mode, organiser) filled for the whole province for the year with the
 * most training records:
 *
 * - through the API: `POST /api/v1/reports/forms/NT-02-KQDT/fill` (the checks, the job queued), the
 *   job run (every cell counted, the grid laid out, the Excel rendered in the worker pool), then
 *   `GET /api/v1/jobs/:id` (the grid); and the fill alone through the service (`fillReport`);
 * - baseline: the same SQL statements the fill issues (captured from one run), replayed one after
 *   another through a bare `pg` client.
 *
 * The grid's total person-times is compared with a hand-written count over the same records.
 */
import { cpus, loadavg } from 'node:os';
import pg from 'pg';
import { createDb, reportsRepo, type Queryable } from '@nang-tam/db';
import type { AuthUser } from '../apps/server/src/auth/auth-user.js';
import { buildApp } from '../apps/server/src/app.js';
import { loadConfig } from '../apps/server/src/config.js';
import { runPendingJobs } from '../apps/server/src/jobs/runner.js';
import { fillReport } from '../apps/server/src/services/reports.service.js';

export interface ReportsBench {
  people: number;
  year: number;
  personTimes: number;
  statements: number;
  runs: number;
  apiMs: number;
  serviceMs: number;
  baselineMs: number;
  match: boolean;
  /** the 1-minute load average when the timing started, and the cores (other benchmarks share the machine) */
  load: string;
}

const RUNS = 7;
const WARM_UP = 2;
const FORM = 'NT-02-KQDT';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchReports(dbUrl: string): Promise<ReportsBench> {
  const db = await createDb({ databaseUrl: dbUrl, poolSize: 4 });
  const bare = new pg.Client({ connectionString: dbUrl });
  await bare.connect();
  try {
    await reportsRepo.seedShippedReports(db);
    const people = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM people')).rows[0]!.n;
    const root = (await db.query<{ id: number; path: string }>('SELECT id, path FROM units WHERE parent_id IS NULL ORDER BY id LIMIT 1'))
      .rows[0]!;
    const yearRow = (
      await db.query<{ y: number }>(
        `SELECT y FROM (SELECT extract(year FROM c.start_date)::int AS y, count(*) AS n FROM enrolments e JOIN classes c ON c.id = e.class_id GROUP BY 1) t ORDER BY n DESC, y DESC LIMIT 1`,
      )
    ).rows[0];
    const year = yearRow?.y ?? new Date().getFullYear();
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const user = {
      id: 1,
      username: 'bench',
      displayName: 'bench',
      role: 'province_board',
      unitId: root.id,
      scope: { kind: 'subtree', unitPath: root.path },
    } as unknown as AuthUser;

    // the statements one fill issues, to replay through bare pg
    const captured: { sql: string; params: unknown[] }[] = [];
    const recorder: Queryable = {
      query: (sql, params) => {
        captured.push({ sql, params: params ?? [] });
        return db.query(sql, params);
      },
    };
    const first = await fillReport(recorder, user, FORM, from, to, root.id);
    const hand = (
      await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM (
           SELECT e.person_id FROM enrolments e JOIN classes c ON c.id = e.class_id
            WHERE e.status <> 'withdrawn' AND c.start_date <= $2::date AND c.end_date >= $1::date
           UNION ALL
           SELECT o.person_id FROM outside_trainings o WHERE o.status IN ('sent', 'completed') AND o.start_date <= $2::date AND o.end_date >= $1::date) t
         JOIN people p ON p.id = t.person_id JOIN units u ON u.id = p.unit_id WHERE u.path LIKE $3`,
        [from, to, `${root.path}%`],
      )
    ).rows[0]!.n;
    const total = first.grid.rows.find((r) => r.key === 'all')!.values.total!;
    const match = total === hand;

    const app = await buildApp(
      { db, config: { ...loadConfig({ LOG_LEVEL: 'silent', DEMO: 'off' }), webDist: '/nonexistent', loginRateLimit: 1000 } },
      { logger: false },
    );
    await app.ready();
    try {
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'noivu', password: 'NangTam@2025' },
      });
      if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode}`);
      const cookie = `nt_session=${login.cookies.find((k) => k.name === 'nt_session')!.value}`;
      const csrf = (login.json() as { csrfToken: string }).csrfToken;
      const unitId = (login.json() as { unit: { id: number } }).unit.id;
      const config = { ...loadConfig({ LOG_LEVEL: 'silent', DEMO: 'off' }), webDist: '/nonexistent' };
      const viaApi = async () => {
        const res = await app.inject({
          method: 'POST',
          url: `/api/v1/reports/forms/${FORM}/fill`,
          headers: { cookie, 'x-csrf-token': csrf },
          payload: { from, to, unitId, format: 'xlsx' },
        });
        if (res.statusCode !== 202) throw new Error(`fill: ${res.statusCode} ${res.body.slice(0, 300)}`);
        await runPendingJobs({ db, config });
        const job = await app.inject({ url: `/api/v1/jobs/${res.json().id}`, headers: { cookie } });
        if (job.json().status !== 'succeeded') throw new Error(`job: ${job.body.slice(0, 300)}`);
        return job.json();
      };
      const viaService = () => fillReport(db, user, FORM, from, to, root.id);
      const viaBare = async () => {
        for (const s of captured) await bare.query(s.sql, s.params);
      };
      const load = `${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`;
      const times: number[][] = [[], [], []];
      const fns = [viaApi, viaService, viaBare];
      for (let i = 0; i < WARM_UP + RUNS; i++) {
        for (const [j, fn] of fns.entries()) {
          const t0 = performance.now();
          await fn();
          if (i >= WARM_UP) times[j]!.push(performance.now() - t0);
        }
      }
      const [apiMs, serviceMs, baselineMs] = times.map(median) as [number, number, number];
      console.log(
        `Report ${FORM} ${year}: ${total} person-times; API ${apiMs.toFixed(0)} ms, service ${serviceMs.toFixed(0)} ms, bare pg ${baselineMs.toFixed(0)} ms; hand count ${hand}, match ${match}`,
      );
      return { people, year, personTimes: total, statements: captured.length, runs: RUNS, apiMs, serviceMs, baselineMs, match, load };
    } finally {
      await app.close();
    }
  } finally {
    await bare.end();
    await db.close();
  }
}
