/**
 * `npm run bench`: benchmarks on a PostgreSQL database of a generated province (default 100,000
 * people), each against a baseline measured in the same run, written to docs/PERFORMANCE.md.
 *
 *   npm run bench -- [--people 100000] [--seconds 10] [--only search|import|eligibility|classes|responsiveness|needs|budgets|payments|statistics|reports|evaluation|indicators]
 *     [--stall-rows 100000] [--pglite-rows 20000,100000]   (responsiveness: import sizes on PostgreSQL / PGlite)
 *
 * With --only, the sections not run keep their previous figures in docs/PERFORMANCE.md.
 *
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/nangtam_bench) is dropped and
 * rebuilt when it does not hold a province of the requested size.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createDb, migrate, peopleRepo } from '@nang-tam/db';
import { ZPeopleQuery } from '@nang-tam/contracts';
import { seedDemoProvince } from '../tools/demo/generate.js';
import { resolvePeopleFilter } from '../apps/server/src/services/people.service.js';
import type { AuthUser } from '../apps/server/src/auth/auth-user.js';
import { cpuMs, load, startBaseline, startServer, stop, waitForHttp, type LoadResult } from './lib.js';
import { benchImport, type ImportBench } from './import.js';
import { benchEligibility, type EligibilityBench } from './eligibility.js';
import { benchClasses, type ClassesBench } from './classes.js';
import { benchResponsiveness, type ResponsivenessBench } from './responsiveness.js';
import { benchEvaluation, type EvaluationBench } from './evaluation.js';
import { benchNeeds, type NeedsBench } from './needs.js';
import { benchBudgets, type BudgetsBench } from './budgets.js';
// official statistical reports (issue 10 point 3, decision 0048)
import { benchReports, type ReportsBench } from './reports.js';
import { benchIndicators, type IndicatorsBench } from './indicators.js';
import { writeReport } from './report.js';
// support payment lists (issue 11 point 1)
import { benchPayments, type PaymentsBench } from './payments.js';
// training statistics and dashboards (issue 10, decision 0047)
import { benchStatistics, type StatisticsBench } from './statistics.js';

const { values: args } = parseArgs({
  options: {
    people: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '10' },
    only: { type: 'string' },
    'stall-rows': { type: 'string', default: '100000' },
    'pglite-rows': { type: 'string', default: '20000,100000' },
  },
});
const PEOPLE = Number(args.people);
const SECONDS = Number(args.seconds);
const DB_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/nangtam_bench';
// pglite-pause (decision 0054): ports overridable, so benchmarks of several checkouts can run at once
const API_PORT = Number(process.env.BENCH_API_PORT) || 3901;
const BASE_PORT = Number(process.env.BENCH_BASE_PORT) || 3902;

async function ensureProvince(): Promise<void> {
  const url = new URL(DB_URL);
  const name = url.pathname.slice(1);
  const adminUrl = new URL(DB_URL);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  let count = -1;
  if (exists) {
    const c = new pg.Client({ connectionString: DB_URL });
    await c.connect();
    count = await c
      .query('SELECT count(*)::int AS n FROM people')
      .then((r) => r.rows[0].n as number)
      .catch(() => -1);
    await c.end();
  }
  if (count === PEOPLE) {
    await admin.end();
    console.log(`Using ${name}: ${PEOPLE} people.`);
    return;
  }
  console.log(`Building ${name} with ${PEOPLE} people…`);
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const db = await createDb({ databaseUrl: DB_URL });
  await migrate(db);
  const t0 = performance.now();
  await seedDemoProvince(db, { people: PEOPLE, onProgress: (m) => console.log(`  ${m}`) });
  await db.exec('ANALYZE');
  console.log(`  built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await db.close();
}

export interface SearchBench {
  scenarios: string[];
  throughput: { api: LoadResult; baseline: LoadResult };
  fixedRate: { rate: number; api: LoadResult; baseline: LoadResult };
  // people list (issue 13 point 1, decision 0059): the machine's 1-minute load average after each phase
  loadAverage: { throughput: number; fixedRate: number };
  // people-list (decision 0069): server CPU per request in the throughput runs, and the fixed-rate runs
  // repeated with the load generator in the benchmark's own process (the former method), same run
  cpuPerRequestMs?: { api: number; baseline: number; postgresApi: number; postgresBaseline: number };
  clientInProcess?: { api: LoadResult; baseline: LoadResult };
}

async function benchSearch(): Promise<SearchBench> {
  const db = await createDb({ databaseUrl: DB_URL });
  const root = (await db.query<{ path: string }>('SELECT path FROM units WHERE depth = 0 ORDER BY id LIMIT 1')).rows[0]!.path;
  const commune = (await db.query<{ id: number }>("SELECT id FROM units WHERE kind = 'commune' ORDER BY code LIMIT 1")).rows[0]!.id;
  const scenarios = [
    'q=nguyen%20van',
    'q=hoang%20thi&ethnicity=minority',
    'sort=name',
    'politicalTheoryLevel=none&ageBand=30_39&gender=female',
    `unitId=${commune}&limit=50`,
    'q=ma&offset=100',
  ];
  // the baseline runs exactly the SQL our repository builds for the same filters
  const admin = { scope: { kind: 'subtree', unitPath: root } } as AuthUser;
  const sql = [];
  for (const s of scenarios) {
    const q = ZPeopleQuery.parse(Object.fromEntries(new URLSearchParams(s)));
    sql.push({ ...peopleRepo.buildPeopleListSql(admin.scope, await resolvePeopleFilter(db, admin, q), q.limit, q.offset), limit: q.limit, offset: q.offset });
  }
  await db.close();

  const server = startServer({ DATABASE_URL: DB_URL, PORT: String(API_PORT) });
  const baseline = await startBaseline([DB_URL, String(BASE_PORT), JSON.stringify(sql)]);
  try {
    const api = `http://127.0.0.1:${API_PORT}`;
    await waitForHttp(`${api}/api/health`);
    const login = await fetch(`${api}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'NangTam@2025' }),
    });
    if (!login.ok) throw new Error(`login failed: ${login.status}`);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const apiPaths = scenarios.map((s) => `/api/v1/people?${s}`);
    const basePaths = scenarios.map((_, i) => `/${i}`);
    const baseUrl = `http://127.0.0.1:${BASE_PORT}`;
    // warm both up (plans, connections, JIT)
    await load(api, apiPaths, { seconds: 2, connections: 10, headers: { cookie } });
    await load(baseUrl, basePaths, { seconds: 2, connections: 10 });
    console.log('Throughput (10 connections)…');
    // people-list (decision 0069): the load generator runs in a child process (bench/load-client.mjs);
    // the CPU the server and the baseline used per request is read from /proc around each run
    // and so is the CPU of this database's PostgreSQL backends (a backend that appears during a run counts
    // from zero: a pool closes its idle connections after a while and opens new ones)
    const pgCpu = async () => {
      const c = new pg.Client({ connectionString: DB_URL });
      await c.connect();
      const pids = (await c.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()')).rows;
      await c.end();
      const ms = new Map<number, number>();
      for (const { pid } of pids) {
        try {
          ms.set(pid, cpuMs(pid));
        } catch {
          /* ended meanwhile */
        }
      }
      return ms;
    };
    const pgDelta = (before: Map<number, number>, after: Map<number, number>) => {
      let ms = 0;
      for (const [pid, t] of after) ms += t - (before.get(pid) ?? 0);
      return ms;
    };
    const [c0, p0] = [cpuMs(server.pid!), await pgCpu()];
    const tApi = await load(api, apiPaths, { seconds: SECONDS, connections: 10, headers: { cookie } });
    const [c1, p1] = [cpuMs(server.pid!), await pgCpu()];
    const [b0, q0] = [cpuMs(baseline.pid!), await pgCpu()];
    const tBase = await load(baseUrl, basePaths, { seconds: SECONDS, connections: 10 });
    const [b1, q1] = [cpuMs(baseline.pid!), await pgCpu()];
    const cpuPerRequestMs = {
      api: (c1 - c0) / (tApi.rps * SECONDS),
      baseline: (b1 - b0) / (tBase.rps * SECONDS),
      postgresApi: pgDelta(p0, p1) / (tApi.rps * SECONDS),
      postgresBaseline: pgDelta(q0, q1) / (tBase.rps * SECONDS),
    };
    const tLoad = loadavg()[0]!; // people list (decision 0059)
    console.log(
      `  API ${tApi.rps.toFixed(0)} req/s, baseline ${tBase.rps.toFixed(0)} req/s → ${((tApi.rps / tBase.rps) * 100).toFixed(0)}%; CPU/request ${cpuPerRequestMs.api.toFixed(2)} vs ${cpuPerRequestMs.baseline.toFixed(2)} ms, PostgreSQL ${cpuPerRequestMs.postgresApi.toFixed(2)} vs ${cpuPerRequestMs.postgresBaseline.toFixed(2)} ms`,
    );
    console.log('Latency at 200 req/s…');
    const fApi = await load(api, apiPaths, { seconds: SECONDS, connections: 20, rate: 200, headers: { cookie } });
    const fBase = await load(baseUrl, basePaths, { seconds: SECONDS, connections: 20, rate: 200 });
    console.log(`  API p99 ${fApi.p99} ms, baseline p99 ${fBase.p99} ms`);
    // people list (decision 0059): the load average next to the figures
    const loadAverage = { throughput: tLoad, fixedRate: loadavg()[0]! };
    console.log(`  load average ${loadAverage.throughput.toFixed(1)} / ${loadAverage.fixedRate.toFixed(1)}`);
    // the same runs with autocannon in this process, as before decision 0069 (a change of method, compared in one run)
    const iApi = await load(api, apiPaths, { seconds: SECONDS, connections: 20, rate: 200, headers: { cookie }, inProcess: true });
    const iBase = await load(baseUrl, basePaths, { seconds: SECONDS, connections: 20, rate: 200, inProcess: true });
    console.log(`  client in this process: API p99 ${iApi.p99} ms, baseline p99 ${iBase.p99} ms`);
    const clientInProcess = { api: iApi, baseline: iBase };
    return {
      scenarios,
      throughput: { api: tApi, baseline: tBase },
      fixedRate: { rate: 200, api: fApi, baseline: fBase },
      loadAverage,
      cpuPerRequestMs,
      clientInProcess,
    };
  } finally {
    await stop(server);
    await stop(baseline);
  }
}

await ensureProvince();
const runs = (name: string) => args.only === undefined || args.only === name;
const search = runs('search') ? await benchSearch() : null;
const imported: ImportBench | null = runs('import') ? await benchImport(DB_URL, { rows: PEOPLE, port: API_PORT }) : null;
const eligibility: EligibilityBench | null = runs('eligibility') ? await benchEligibility(DB_URL) : null;
const classes: ClassesBench | null = runs('classes') ? await benchClasses(DB_URL) : null;
const responsiveness: ResponsivenessBench | null = runs('responsiveness')
  ? await benchResponsiveness(DB_URL, {
      rows: Number(args['stall-rows']),
      pgliteRows: String(args['pglite-rows'])
        .split(',')
        .map(Number)
        .filter((x) => x > 0),
      port: API_PORT,
    })
  : null;
const needsAggregation: NeedsBench | null = runs('needs') ? await benchNeeds(DB_URL) : null;
// budgets (issue 11 point 2): the report of a year of ≈ 500 classes
const budgetReport: BudgetsBench | null = runs('budgets') ? await benchBudgets(DB_URL) : null;
const payments: PaymentsBench | null = runs('payments') ? await benchPayments(DB_URL) : null;
// official statistical reports (issue 10 point 3, decision 0048)
const reportForms: ReportsBench | null = runs('reports') ? await benchReports(DB_URL) : null;
const trainingStatistics: StatisticsBench | null = runs('statistics') ? await benchStatistics(DB_URL) : null;
// results at two years (issue 11 point 4)
const evaluation: EvaluationBench | null = runs('evaluation') ? await benchEvaluation(DB_URL) : null;
const indicators: IndicatorsBench | null = runs('indicators') ? await benchIndicators(DB_URL) : null;
writeReport({
  people: PEOPLE,
  seconds: SECONDS,
  machine: `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  search,
  imported,
  eligibility,
  classes,
  responsiveness,
  needs: needsAggregation,
  budgets: budgetReport,
  payments,
  reports: reportForms,
  statistics: trainingStatistics,
  evaluation,
  indicators,
});
console.log('Results written to docs/PERFORMANCE.md');
process.exit(0);
