/**
 * The payment list of a class of 500 learners (issue 11 point 1), on the bench database of
 * bench/run.ts: a class made for the run (500 people of the province enrolled, half of them already
 * paid), its list read
 *
 * - through the API (`GET /api/v1/classes/:id/support`: session, validation, the service's SQL, the
 *   domain's assessment of every learner with its explanations, the response schema);
 * - baseline: the very SQL statements the service issued (recorded from one call) replayed through
 *   bare `pg` on one client, with no assessment, no shaping and no HTTP;
 *
 * timed in alternation, median of the runs after three untimed rounds. The class, its enrolments,
 * payments and (when no policy covers it) the bench's policy are deleted afterwards.
 */
import pg from 'pg';
import { createDb, migrate, rulesRepo, catalogueRepo, supportRepo, type Queryable } from '@nang-tam/db';
import { training } from '@nang-tam/domain';
import type { SupportList } from '@nang-tam/contracts';
import type { AuthUser } from '../apps/server/src/auth/auth-user.js';
import { buildApp } from '../apps/server/src/app.js';
import { loadConfig } from '../apps/server/src/config.js';
import { getClassSupport, loadPolicies } from '../apps/server/src/services/support.service.js';

export interface PaymentsBench {
  learners: number;
  paid: number;
  runs: number;
  apiMs: number;
  serviceMs: number;
  baselineMs: number;
  statements: number;
  owed: number;
}

const RUNS = 15;
const WARM_UP = 3;
const LEARNERS = 500;
const START = '2031-03-03';
const END = '2031-03-28';

export async function benchPayments(dbUrl: string): Promise<PaymentsBench> {
  const db = await createDb({ databaseUrl: dbUrl, poolSize: 4 });
  const bare = new pg.Client({ connectionString: dbUrl });
  await bare.connect();
  let classId: number | null = null;
  let benchPolicy = false;
  try {
    await migrate(db);
    await rulesRepo.seedShippedRules(db);
    await catalogueRepo.seedProgrammeCatalogue(db);
    const root = (await db.query<{ id: number; path: string }>('SELECT id, path FROM units WHERE depth = 0 ORDER BY id LIMIT 1')).rows[0]!;
    const school = (await db.query<{ id: number }>("SELECT id FROM units WHERE kind = 'school' ORDER BY id LIMIT 1")).rows[0] ?? root;
    const probe = training.selectSupportPolicy(await loadPolicies(db), { category: 'cong_chuc', gender: 'male', ethnicMinority: false }, {
      kind: 'class',
      programmeCode: 'TC_LLCT',
      programmeKind: 'political_theory',
      mode: 'full_time',
      organiserUnitId: school.id,
      place: 'in_province',
      startDate: START,
      endDate: END,
      studyDays: 20,
      cost: null,
    });
    if (!probe.policy) {
      benchPolicy = true;
      await supportRepo.insertPolicyVersion(db, {
        id: 'BENCH_SUPPORT',
        version: 1,
        name: 'Chính sách thử cho đo hiệu năng',
        source: { code: 'BENCH', title: 'Dữ liệu đo', issuer: 'bench', issuedOn: '2030-12-01' },
        verified: false,
        coverage: { courseKinds: ['class'] },
        rates: {
          daily: { full_time: { inProvince: 50_000, outsideProvince: 100_000 }, part_time: { inProvince: 30_000, outsideProvince: 60_000 }, online: { inProvince: 0, outsideProvince: 0 } },
          accommodationPerNight: { inProvince: 0, outsideProvince: 150_000 },
          travelPerCourse: { inProvince: 100_000, outsideProvince: 400_000 },
          tuitionPercent: 0,
          women: { perDay: 10_000, perCourse: 0 },
          ethnicMinority: { perDay: 0, perCourse: 200_000 },
          capPerCourse: 10_000_000,
          capPerYear: 15_000_000,
        },
        periodFrom: '2031-01-01',
        periodTo: '2031-12-31',
        corrects: null,
        note: null,
        createdBy: null,
      });
    }
    const scheme = JSON.stringify(training.DEFAULT_GRADING_SCHEME);
    const conditions = JSON.stringify(training.PROGRAMME_GRADUATION_CONDITIONS.TC_LLCT);
    classId = (
      await db.query<{ id: number }>(
        `INSERT INTO classes (programme_code, cohort_code, name, mode, organiser_unit_id, site, start_date, end_date, capacity, grading_scheme, graduation_conditions)
         VALUES ('TC_LLCT', $1, 'Lớp đo hiệu năng 500 học viên', 'full_time', $2, 'Trường Chính trị tỉnh', $3, $4, 600, $5, $6) RETURNING id`,
        [`BENCH-${Date.now()}`, school.id, START, END, scheme, conditions],
      )
    ).rows[0]!.id;
    await db.query(
      `INSERT INTO enrolments (person_id, programme_code, status, started_on, ended_on, class_id)
       SELECT p.id, 'TC_LLCT', 'enrolled', $2, $3, $1 FROM people p ORDER BY p.id LIMIT ${LEARNERS}`,
      [classId, START, END],
    );
    const user = { id: 1, username: 'bench', role: 'province_board', unitId: root.id, scope: { kind: 'subtree', unitPath: root.path } } as unknown as AuthUser;
    // half the learners already paid part of what they are owed (a first instalment of 100,000 đ)
    const first = await getClassSupport(db, user, classId);
    const admin = (await db.query<{ id: number }>("SELECT id FROM users WHERE username = 'admin'")).rows[0]!.id;
    let paid = 0;
    for (const [i, r] of first.rows.entries()) {
      if (i % 2 === 1 || !r.policy || r.owed < 100_000) continue;
      await supportRepo.insertPayment(db, {
        personId: r.person.id,
        classId,
        outsideTrainingId: null,
        policyId: r.policy.id,
        policyVersion: r.policy.version,
        courseStart: START,
        amount: 100_000n,
        paidOn: '2031-03-29',
        voucherNo: null,
        note: null,
        recordedBy: admin,
      });
      paid += 1;
    }
    await db.exec('ANALYZE support_payments; ANALYZE enrolments');

    // the statements the service issues for one list, recorded
    const recorded: { sql: string; params: unknown[] }[] = [];
    const recorder: Queryable = {
      query: (sql, params) => {
        recorded.push({ sql, params: params ?? [] });
        return db.query(sql, params);
      },
    };
    const shaped = await getClassSupport(recorder, user, classId);
    console.log(`Payment list: ${shaped.rows.length} learners, ${paid} paid in part, ${recorded.length} statements…`);

    const app = await buildApp({ db, config: { ...loadConfig({ LOG_LEVEL: 'silent', DEMO: 'off' }), webDist: '/nonexistent', loginRateLimit: 1000 } }, { logger: false });
    await app.ready();
    try {
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'NangTam@2025' } });
      if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode}`);
      const cookie = `nt_session=${login.cookies.find((k) => k.name === 'nt_session')!.value}`;
      // timed to the whole answer received (the client's own JSON.parse of ~700 kB is not the server's time)
      const viaApi = async () => {
        const res = await app.inject({ url: `/api/v1/classes/${classId}/support`, headers: { cookie } });
        if (res.statusCode !== 200 || res.body.length < 1000) throw new Error(`support list: ${res.statusCode} ${res.body.slice(0, 200)}`);
        return res;
      };
      const baseline = async () => {
        for (const s of recorded) await bare.query(s.sql, s.params);
      };
      const times: number[][] = [[], [], []];
      const fns = [viaApi, () => getClassSupport(db, user, classId!), baseline];
      for (let i = 0; i < WARM_UP; i++) for (const fn of fns) await fn();
      for (let i = 0; i < RUNS; i++) {
        for (const [j, fn] of fns.entries()) {
          const t0 = performance.now();
          await fn();
          times[j]!.push(performance.now() - t0);
        }
      }
      const median = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
      const api = (await viaApi()).json() as SupportList;
      return {
        learners: api.rows.length,
        paid,
        runs: RUNS,
        apiMs: median(times[0]!),
        serviceMs: median(times[1]!),
        baselineMs: median(times[2]!),
        statements: recorded.length,
        owed: api.totals.owed,
      };
    } finally {
      await app.close();
    }
  } finally {
    if (classId !== null) {
      await db.query('DELETE FROM support_payments WHERE class_id = $1', [classId]);
      await db.query('DELETE FROM enrolments WHERE class_id = $1', [classId]);
      await db.query('DELETE FROM classes WHERE id = $1', [classId]);
    }
    if (benchPolicy) await db.query("DELETE FROM support_policy_versions WHERE id = 'BENCH_SUPPORT'");
    await bare.end();
    await db.close();
  }
}
