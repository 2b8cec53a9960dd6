/**
 * Classes and learners at school scale (issue 4), on a scratch copy of the bench database of
 * bench/run.ts (`<db>_classes`, made with CREATE DATABASE … TEMPLATE and dropped at the end, so
 * nothing the benchmark writes stays behind):
 *
 * (a) graduating a class of 500 through the API (the training rules decide each learner, the class
 *     finishes, 500 certificates are numbered, signed and written with their qualification), then
 *     rendering all 500 PDFs through the API; baselines: the same rows written through bare `pg`
 *     as multi-row statements (rolled back), and pdfmake rendering the same certificates alone;
 * (b) a bulk nomination of 5,000 eligible people through the job (API + job runner); baseline: the
 *     same rows through bare `pg`, one transaction per person under the class lock as the job does;
 * (c) the registrar's class board of a school year of 50 classes and 5,000 learners through the API;
 *     baseline: one hand-written SQL statement computing the same figures (exam eligibility
 *     included, written for these data), whose answer is compared with the API's class by class.
 *
 * The data (classes, modules, sessions, enrolments, nominations, attendance, recalls, make-ups,
 * grades, conduct reports) are made here, set-based, under a unit and accounts of the benchmark's own.
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import pg from 'pg';
import {
  boardsRepo,
  catalogueRepo,
  certificatesRepo,
  createDb,
  lecturersRepo,
  loadMigrations,
  migrate,
  personFactsRepo,
  rulesRepo,
  unitsRepo,
  usersRepo,
  type Db,
} from '@nang-tam/db';
import { todayInVietnam, training } from '@nang-tam/domain';
import type { ClassBoard, EligibilityResult } from '@nang-tam/contracts';
import { buildApp } from '../apps/server/src/app.js';
import { loadConfig } from '../apps/server/src/config.js';
import { hashPassword } from '../apps/server/src/auth/password.js';
import { toAuthUser, type AuthUser } from '../apps/server/src/auth/auth-user.js';
import { getClassBoard } from '../apps/server/src/services/boards.service.js';
import { prepareClass } from '../apps/server/src/services/nominations.service.js';
import { toEligibilityResult } from '../apps/server/src/services/eligibility.service.js';
import { pdfDataOf } from '../apps/server/src/services/certificates.service.js';
import { renderCertificatePdf } from '../apps/server/src/certificates/pdf.js';
import { runPendingJobs } from '../apps/server/src/jobs/runner.js';
import { timeRounds as timeRoundsOf, type Timed } from './lib.js';

export interface ClassesBench {
  asOf: string;
  /** The machine's 1-minute load average when each measurement started (other work shares it). */
  load: { board: number; graduation: number; bulk: number };
  graduation: {
    learners: number;
    completed: number;
    failed: number;
    apiMs: number;
    baselineMs: number;
    /** All downloaded one after another; `sample`: every RENDER_EVERY-th, through the API and by pdfmake alone (mean ms). */
    pdf: { count: number; apiMs: number; meanBytes: number; sample: { count: number; apiMeanMs: number; renderMeanMs: number } };
  };
  bulk: { people: number; nominated: number; waitlisted: number; refused: number; jobMs: number; baselineMs: number };
  board: {
    year: number;
    classes: number;
    carriedOver: number;
    learners: number;
    runs: number;
    apiMs: number;
    serviceMs: number;
    /** The service's reads alone (classes, modules, sessions, the learners' facts), in the same rounds. */
    readMs: number;
    baselineMs: number;
    match: boolean;
    mismatches: string[];
    bytes: number;
    examEligibility: { eligible: number; notEligible: number; pending: number };
  };
}

const PASSWORD = 'BenchClasses@2026';
const BOARD_CLASSES = 50;
const LEARNERS_PER_CLASS = 100;
const CARRIED_OVER = 12;
const GRADUATING = 500;
const BULK = 5000;
const BULK_CAPACITY = 4900;
const RUNS = 7;
const WARM_UP = 3;
const RENDER_EVERY = 10;

const addDays = (date: string, days: number): string => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
};
const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
const maxDate = (a: string, b: string) => (a > b ? a : b);


const timeRounds = <const T extends readonly (() => Promise<unknown>)[]>(fns: T) => timeRoundsOf(fns, { warmUp: WARM_UP, runs: RUNS });

// ---------- the scratch database ----------

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** The first migration of classes and learners: the copy's schema from it on is rebuilt from the current files. */
const CLASSES_MIGRATION = 7;

/**
 * The bench database may have applied an earlier draft of the classes migrations (a migration is
 * recorded by number, not content). In the scratch copy, what they created is dropped — the tables
 * they create and the columns they add, read from the files — and they run again as they are now.
 * Classes, nominations and the rest are then empty: the benchmark makes its own.
 */
async function rebuildClassesSchema(db: Db): Promise<void> {
  const later = loadMigrations()
    .filter((m) => m.version >= CLASSES_MIGRATION)
    .reverse();
  await db.transaction(async (tx) => {
    for (const m of later) {
      const sql = m.sql.replace(/--.*$/gm, '');
      const tables = [...sql.matchAll(/CREATE TABLE (?:IF NOT EXISTS )?(\w+)/gi)].map((x) => x[1]!);
      const columns: [string, string][] = [];
      for (const statement of sql.split(';')) {
        const alter = /^\s*ALTER TABLE (?:IF EXISTS )?(\w+)\s([\s\S]*)$/i.exec(statement);
        if (!alter) continue;
        for (const c of alter[2]!.matchAll(/ADD COLUMN (?:IF NOT EXISTS )?(\w+)/gi)) columns.push([alter[1]!, c[1]!]);
      }
      if (tables.length > 0) await tx.exec(`DROP TABLE IF EXISTS ${tables.join(', ')} CASCADE`);
      for (const [table, column] of columns) {
        if (!tables.includes(table)) await tx.exec(`ALTER TABLE ${table} DROP COLUMN IF EXISTS ${column} CASCADE`);
      }
      await tx.query('DELETE FROM schema_migrations WHERE version = $1', [m.version]);
    }
  });
  await migrate(db);
}

// ---------- the benchmark's unit, accounts and lecturers ----------

interface Setup {
  /** The board's classes are organised here, by its registrar… */
  unit: { id: number; path: string };
  registrar: AuthUser;
  /** …the class that graduates and the bulk nomination's classes here, so that the board holds exactly its 50 classes. */
  otherUnit: { id: number; path: string };
  otherRegistrar: AuthUser;
  board: AuthUser;
  lecturers: number[];
}

async function setUp(db: Db): Promise<Setup> {
  const school = (
    await db.query<{ id: number; code: string; path: string; depth: number; kind: string }>(
      "SELECT id, code, path, depth, kind FROM units WHERE kind = 'school' ORDER BY depth, id LIMIT 1",
    )
  ).rows[0];
  const root = (await db.query<{ id: number; code: string; path: string }>('SELECT id, code, path FROM units WHERE depth = 0 ORDER BY id LIMIT 1')).rows[0]!;
  const parent = school ?? { ...root, depth: 0, kind: 'school' };
  const addUnit = async (code: string, name: string) => {
    const id = (await unitsRepo.insertUnits(db, [{ code, name, kind: parent.kind, parentCode: parent.code }])).get(code)!;
    return { id, path: `${parent.path}${id}/` };
  };
  const unit = await addUnit('BENCH-PH', 'Phân hiệu đo hiệu năng');
  const otherUnit = await addUnit('BENCH-PH2', 'Phân hiệu đo hiệu năng số 2');
  const hash = await hashPassword(PASSWORD);
  const addUser = (username: string, role: string, unitId: number) =>
    usersRepo.insertUser(db, { username, passwordHash: hash, displayName: username, role, unitId });
  const registrarId = await addUser('bench_registrar', 'school_registrar', unit.id);
  const otherRegistrarId = await addUser('bench_registrar2', 'school_registrar', otherUnit.id);
  const boardId = await addUser('bench_board', 'province_board', root.id);
  const authOf = async (id: number) => toAuthUser((await usersRepo.findUserById(db, id))!, 'bench', '');
  const lecturers: number[] = [];
  for (let i = 1; i <= 20; i++) {
    const full = `Giảng Viên Đo ${String(i).padStart(2, '0')}`;
    lecturers.push(
      await lecturersRepo.insertLecturer(db, { fullName: full, kind: 'school', title: 'ThS.', organisation: null, userId: null, unitId: unit.id, active: true }),
    );
  }
  // a stable hash in [0, 1000) of a text, for the data's spread
  await db.exec(
    'CREATE FUNCTION bench_h(text) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT ((hashtext($1)::bigint + 2147483648) % 1000)::int $$',
  );
  return {
    unit,
    registrar: await authOf(registrarId),
    otherUnit,
    otherRegistrar: await authOf(otherRegistrarId),
    board: await authOf(boardId),
    lecturers,
  };
}

// ---------- classes ----------

interface PlannedClass {
  cohort: string;
  programme: 'TC_LLCT' | 'SC_LLCT' | 'QLNN_CV';
  start: string;
  end: string;
  capacity: number;
  status: 'open' | 'closed';
  modules: { code: string; name: string; periods: number }[];
  lessons: number;
}

const PROGRAMME_KINDS = { TC_LLCT: 'political_theory', SC_LLCT: 'political_theory', QLNN_CV: 'state_management' } as const;
const MODULE_NAMES = [
  'Những vấn đề cơ bản của chủ nghĩa Mác - Lênin, tư tưởng Hồ Chí Minh',
  'Những vấn đề cơ bản về Đảng Cộng sản và lịch sử Đảng Cộng sản Việt Nam',
  'Những vấn đề cơ bản về hệ thống chính trị, Nhà nước và pháp luật',
  'Đường lối, chính sách của Đảng, Nhà nước Việt Nam về các lĩnh vực của đời sống xã hội',
  'Kỹ năng lãnh đạo, quản lý và nghiệp vụ công tác',
  'Thực tiễn và kinh nghiệm của địa phương',
];

/** Inserts a class with its modules and an evenly spread schedule (lessons, then the exam on the eve of the end). */
async function insertClass(db: Db, s: Setup, c: PlannedClass, index: number, organiser = s.unit.id): Promise<number> {
  const conditions = training.graduationConditionsFor({ code: c.programme, kind: PROGRAMME_KINDS[c.programme] });
  const id = (
    await db.query<{ id: number }>(
      `INSERT INTO classes (programme_code, cohort_code, name, mode, organiser_unit_id, site, start_date, end_date, capacity, status, grading_scheme, graduation_conditions)
     VALUES ($1, $2, $3, 'full_time', $4, 'Trường Chính trị tỉnh', $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        c.programme,
        c.cohort,
        `Lớp ${c.cohort}`,
        organiser,
        c.start,
        c.end,
        c.capacity,
        c.status,
        JSON.stringify(training.DEFAULT_GRADING_SCHEME),
        JSON.stringify(conditions),
      ],
    )
  ).rows[0]!.id;
  const moduleIds: number[] = [];
  for (const [i, m] of c.modules.entries()) {
    moduleIds.push(
      (
        await db.query<{ id: number }>(
          'INSERT INTO class_modules (class_id, code, name, periods, sort_order) VALUES ($1, $2, $3, $4, $5) RETURNING id',
          [id, m.code, m.name, m.periods, i + 1],
        )
      ).rows[0]!.id,
    );
  }
  const span = Math.max(1, daysBetween(c.start, c.end) - 2);
  const rows: unknown[][] = [];
  for (let k = 0; k < c.lessons; k++) {
    const date = addDays(c.start, Math.floor((k * span) / c.lessons));
    const module = moduleIds[Math.min(moduleIds.length - 1, Math.floor((k * moduleIds.length) / c.lessons))]!;
    const morning = k % 2 === 0;
    rows.push([
      id,
      module,
      'lesson',
      date,
      morning ? '07:30' : '13:30',
      morning ? '11:00' : '17:00',
      `P.${index % 30}`,
      s.lecturers[(index + k) % s.lecturers.length],
    ]);
  }
  rows.push([id, null, 'exam', addDays(c.end, -1), '07:30', '10:30', `P.${index % 30}`, null]);
  const values = rows.map(
    (_, i) =>
      `($${i * 9 + 1}::int, $${i * 9 + 2}::int, $${i * 9 + 3}, $${i * 9 + 4}::date, $${i * 9 + 5}::time, $${i * 9 + 6}::time, $${i * 9 + 7}, $${i * 9 + 8}::int, $${i * 9 + 9})`,
  );
  await db.query(
    `INSERT INTO class_sessions (class_id, class_module_id, kind, on_date, starts_at, ends_at, room, lecturer_id, checkin_secret) VALUES ${values.join(', ')}`,
    rows.flatMap((r) => [...r, randomBytes(24).toString('base64url')]),
  );
  return id;
}

function modulesOf(count: number): PlannedClass['modules'] {
  const periods = [40, 30, 30, 20, 20, 20];
  return Array.from({ length: count }, (_, i) => ({ code: `HP${i + 1}`, name: MODULE_NAMES[i]!, periods: periods[i]! }));
}

/** Enrols the people (one per class slot, in order), each through an 'enrolled' nomination. */
async function enrolAll(db: Db, s: Setup, classIds: readonly number[], people: readonly number[], perClass: number): Promise<void> {
  const cls: number[] = [];
  const ppl: number[] = [];
  classIds.forEach((c, i) => {
    for (let k = 0; k < perClass; k++) {
      cls.push(c);
      ppl.push(people[i * perClass + k]!);
    }
  });
  await db.query(
    `WITH n AS (
       INSERT INTO nominations (class_id, person_id, status, eligibility, nominated_by, nominated_at, decided_at)
       SELECT x.c, x.p, 'enrolled', '{"outcome":"eligible","summary":"Đủ điều kiện","rules":[]}', $3, c.start_date - 30, c.start_date - 5
       FROM unnest($1::int[], $2::int[]) AS x(c, p) JOIN classes c ON c.id = x.c
       RETURNING id, class_id, person_id)
     INSERT INTO enrolments (person_id, programme_code, status, started_on, ended_on, class_id, nomination_id)
     SELECT n.person_id, c.programme_code, 'enrolled', c.start_date, c.end_date, c.id, n.id FROM n JOIN classes c ON c.id = n.class_id`,
    [cls, ppl, s.board.id],
  );
}

/**
 * Attendance of the held sessions (90.5% present, 4% excused, 5.5% unexcused, 2% not marked),
 * recalls of 5% of the learners over their third and fourth lessons with half of those made up,
 * module grades for the modules taught to the end (96% entered, 3% of them below the pass mark),
 * final grades once the exam has passed, conduct reports asked 40 days into the classes that
 * require them (80% received, a few unsatisfactory).
 */
async function fillRecords(
  db: Db,
  classIds: readonly number[],
  today: string,
  spread: {
    unmarkedPerMille: number;
    absentPerMille: number;
    gradedPerMille: number;
    failPerMille: number;
    recallPerMille: number;
    madeUpPerMille: number;
    receivedPerMille: number;
    unsatisfactoryPerMille: number;
  },
): Promise<void> {
  const ids = [...classIds];
  const absentUnexcusedFrom = 1000 - Math.round(spread.absentPerMille * 0.58);
  const absentFrom = 1000 - spread.absentPerMille;
  await db.query(
    `INSERT INTO attendance (session_id, enrolment_id, mark, source)
     SELECT s.id, e.id, CASE WHEN x.h < $3 THEN 'present' WHEN x.h < $4 THEN 'absent_excused' ELSE 'absent_unexcused' END, 'registrar'
     FROM class_sessions s JOIN enrolments e ON e.class_id = s.class_id
     CROSS JOIN LATERAL (SELECT bench_h(s.id || ':' || e.id) AS h) x
     WHERE s.class_id = ANY($1::int[]) AND s.kind <> 'exam' AND s.on_date <= $2 AND bench_h('u' || s.id || ':' || e.id) >= $5`,
    [ids, today, absentFrom, absentUnexcusedFrom, spread.unmarkedPerMille],
  );
  await db.query(
    `WITH hs AS (
       SELECT s.class_id, s.on_date, row_number() OVER (PARTITION BY s.class_id ORDER BY s.on_date, s.starts_at, s.id) AS k
       FROM class_sessions s WHERE s.class_id = ANY($1::int[]) AND s.kind <> 'exam' AND s.on_date <= $2)
     INSERT INTO recalls (enrolment_id, from_date, to_date, reason)
     SELECT e.id, a.on_date, b.on_date, 'Cơ quan triệu tập về phục vụ công tác đột xuất'
     FROM enrolments e JOIN hs a ON a.class_id = e.class_id AND a.k = 3 JOIN hs b ON b.class_id = e.class_id AND b.k = 4
     WHERE e.class_id = ANY($1::int[]) AND bench_h('r' || e.id) < $3`,
    [ids, today, spread.recallPerMille],
  );
  // the sessions of a recall are marked recalled (as recording a recall does for unmarked ones)
  await db.query(
    `INSERT INTO attendance (session_id, enrolment_id, mark, source)
     SELECT s.id, r.enrolment_id, 'recalled', 'recall' FROM recalls r JOIN enrolments e ON e.id = r.enrolment_id
     JOIN class_sessions s ON s.class_id = e.class_id AND s.kind <> 'exam' AND s.on_date BETWEEN r.from_date AND r.to_date
     WHERE e.class_id = ANY($1::int[])
     ON CONFLICT (session_id, enrolment_id) DO UPDATE SET mark = 'recalled', source = 'recall'`,
    [ids],
  );
  await db.query(
    `INSERT INTO make_ups (enrolment_id, session_id, done_on)
     SELECT a.enrolment_id, a.session_id, least(s.on_date + 3, $2::date) FROM attendance a JOIN class_sessions s ON s.id = a.session_id
     WHERE s.class_id = ANY($1::int[]) AND a.mark = 'recalled' AND bench_h('m' || a.enrolment_id) < $3`,
    [ids, today, spread.madeUpPerMille],
  );
  await db.query(
    `WITH done AS (
       SELECT m.id, m.class_id FROM class_modules m
       WHERE m.class_id = ANY($1::int[]) AND (SELECT max(s.on_date) FROM class_sessions s WHERE s.class_module_id = m.id) <= $2)
     INSERT INTO grades (enrolment_id, class_module_id, value)
     SELECT e.id, d.id, CASE WHEN bench_h('f' || e.id || ':' || d.id) < $4 THEN 4 + (bench_h('v' || e.id || ':' || d.id) % 10) / 10.0
                             ELSE 5 + (bench_h('v' || e.id || ':' || d.id) % 51) / 10.0 END
     FROM done d JOIN enrolments e ON e.class_id = d.class_id WHERE bench_h('g' || e.id || ':' || d.id) < $3`,
    [ids, today, spread.gradedPerMille, spread.failPerMille],
  );
  await db.query(
    `INSERT INTO grades (enrolment_id, class_module_id, value)
     SELECT e.id, NULL, 5 + (bench_h('x' || e.id) % 51) / 10.0
     FROM enrolments e JOIN class_sessions s ON s.class_id = e.class_id AND s.kind = 'exam'
     WHERE e.class_id = ANY($1::int[]) AND s.on_date <= $2 AND bench_h('y' || e.id) < $3`,
    [ids, today, spread.gradedPerMille],
  );
  await db.query(
    `INSERT INTO conduct_reports (enrolment_id, requested_at, due_on, received_at, satisfactory, content)
     SELECT e.id, now(), c.start_date + 40,
       CASE WHEN bench_h('c' || e.id) < $3 THEN now() END,
       CASE WHEN bench_h('c' || e.id) < $3 THEN bench_h('s' || e.id) >= $4 END,
       CASE WHEN bench_h('c' || e.id) < $3 THEN '{"conduct":"Có ý thức tốt","discipline":"Chấp hành nghiêm","workDuringCourse":""}'::jsonb END
     FROM enrolments e JOIN classes c ON c.id = e.class_id
     WHERE e.class_id = ANY($1::int[]) AND (c.graduation_conditions->>'conductReportRequired')::boolean AND c.start_date + 30 <= $2`,
    [ids, today, spread.receivedPerMille, spread.unsatisfactoryPerMille],
  );
}

// ---------- who takes part ----------

/** People eligible for sơ cấp LLCT in the bulk class (the rules engine decides), with their answers. */
async function eligibleForBulk(
  db: Db,
  classId: number,
  count: number,
): Promise<{ ids: number[]; answers: Map<number, EligibilityResult> }> {
  const prepared = await prepareClass(db, classId);
  const ids: number[] = [];
  const answers = new Map<number, EligibilityResult>();
  let after = 0;
  while (ids.length < count) {
    const batch = (
      await db.query<{ id: number }>(
        `SELECT p.id FROM people p WHERE p.id > $1 AND p.political_theory_level IS NULL
         AND (p.party_joined_on IS NOT NULL OR p.category IN ('cong_chuc', 'khong_chuyen_trach'))
       ORDER BY p.id LIMIT 2000`,
        [after],
      )
    ).rows.map((r) => r.id);
    if (batch.length === 0) throw new Error(`only ${ids.length} people are eligible for the bulk nomination`);
    after = batch[batch.length - 1]!;
    for (const f of await personFactsRepo.loadFactsOf(db, batch, personFactsRepo.ALL_FACTS)) {
      const answer = toEligibilityResult(prepared.evaluate(personFactsRepo.factsOn(f, prepared.cls.start_date), null));
      if (answer.outcome === 'eligible' && ids.length < count) {
        ids.push(f.id);
        answers.set(f.id, answer);
      }
    }
  }
  return { ids, answers };
}

// ---------- (c) the board's baseline ----------

/**
 * The year board's figures per class in one statement, written for these data: counts, attendance
 * (a session inside a recall counts as recalled unless present), make-ups outstanding, and exam
 * eligibility as the training rules decide it (modules passed, attendance at the minimum with the
 * unmarked sessions deciding "pending", make-ups done, the conduct report received and satisfactory).
 */
const BOARD_SQL = `
WITH cls AS (
  SELECT c.id, c.status, (c.graduation_conditions->>'allModulesPassed')::boolean AS all_modules,
    CASE WHEN jsonb_typeof(c.graduation_conditions->'minAttendanceRate') = 'number' THEN (c.graduation_conditions->>'minAttendanceRate')::float8 END AS min_rate,
    (c.graduation_conditions->>'conductReportRequired')::boolean AS conduct_required,
    (c.grading_scheme->>'passMark')::numeric AS pass, (c.grading_scheme->'scale'->>'min')::numeric AS lo,
    (c.grading_scheme->'scale'->>'max')::numeric AS hi, (c.grading_scheme->'scale'->>'step')::numeric AS step
  FROM classes c
  WHERE c.organiser_unit_id = ANY (ARRAY(SELECT u.id FROM units u WHERE u.path LIKE $2 || '%')) AND c.end_date >= $3::date AND c.start_date <= $4::date),
le AS (SELECT e.id, e.class_id, e.status FROM enrolments e JOIN cls ON cls.id = e.class_id WHERE e.status <> 'withdrawn'),
held AS (SELECT s.id, s.class_id, s.on_date FROM class_sessions s JOIN cls ON cls.id = s.class_id WHERE s.kind <> 'exam' AND s.on_date <= $1::date),
held_count AS (SELECT class_id, count(*) AS n FROM held GROUP BY class_id),
-- the marks taken in held sessions
am AS (SELECT a.enrolment_id, a.session_id, a.mark FROM attendance a JOIN held h ON h.id = a.session_id JOIN le ON le.id = a.enrolment_id),
-- held sessions inside one of the learner's recalls
in_recall AS (
  SELECT DISTINCT le.id AS enrolment_id, h.id AS session_id
  FROM le JOIN recalls r ON r.enrolment_id = le.id JOIN held h ON h.class_id = le.class_id AND h.on_date BETWEEN r.from_date AND r.to_date),
-- counted as recalled: in a recall and not present, or marked recalled
recalled AS (
  SELECT x.enrolment_id, x.session_id FROM in_recall x LEFT JOIN am ON am.enrolment_id = x.enrolment_id AND am.session_id = x.session_id
  WHERE am.mark IS DISTINCT FROM 'present'
  UNION
  SELECT am.enrolment_id, am.session_id FROM am WHERE am.mark = 'recalled'),
rec AS (
  SELECT r.enrolment_id, count(*) AS recalled, count(*) FILTER (WHERE mu.enrolment_id IS NULL) AS outstanding
  FROM recalled r LEFT JOIN make_ups mu ON mu.enrolment_id = r.enrolment_id AND mu.session_id = r.session_id AND mu.done_on <= $1::date
  GROUP BY r.enrolment_id),
marks AS (
  SELECT am.enrolment_id, count(*) FILTER (WHERE am.mark = 'present') AS present,
    count(*) FILTER (WHERE am.mark IN ('absent_excused', 'absent_unexcused') AND x.session_id IS NULL) AS absent
  FROM am LEFT JOIN in_recall x ON x.enrolment_id = am.enrolment_id AND x.session_id = am.session_id
  GROUP BY am.enrolment_id),
gr AS (
  SELECT le.id AS enrolment_id, count(*) AS modules,
    count(*) FILTER (WHERE v.valid AND g.value < cls.pass) AS failed,
    count(*) FILTER (WHERE v.valid IS NOT TRUE) AS unknown,
    count(g.value) AS entered
  FROM le JOIN cls ON cls.id = le.class_id JOIN class_modules m ON m.class_id = le.class_id
  LEFT JOIN grades g ON g.enrolment_id = le.id AND g.class_module_id = m.id
  CROSS JOIN LATERAL (SELECT g.value BETWEEN cls.lo AND cls.hi AND mod(g.value - cls.lo, cls.step) = 0 AS valid) v
  GROUP BY le.id),
ev AS (
  SELECT le.id, le.class_id, le.status, coalesce(hc.n, 0) AS held,
    coalesce(mk.present, 0) + coalesce(rec.recalled, 0) AS attended,
    coalesce(hc.n, 0) - coalesce(mk.present, 0) - coalesce(rec.recalled, 0) - coalesce(mk.absent, 0) AS unmarked,
    coalesce(rec.outstanding, 0) AS outstanding, coalesce(gr.entered, 0) AS entered,
    cls.all_modules, cls.min_rate, cls.conduct_required, gr.modules AS modules, gr.failed, gr.unknown,
    cr.enrolment_id IS NOT NULL AS conduct_asked, cr.received_at IS NOT NULL AS conduct_received, cr.satisfactory, cr.due_on, cls.status AS class_status
  FROM le JOIN cls ON cls.id = le.class_id LEFT JOIN held_count hc ON hc.class_id = le.class_id LEFT JOIN marks mk ON mk.enrolment_id = le.id
  LEFT JOIN rec ON rec.enrolment_id = le.id LEFT JOIN gr ON gr.enrolment_id = le.id LEFT JOIN conduct_reports cr ON cr.enrolment_id = le.id),
checks AS (
  SELECT ev.*,
    CASE WHEN NOT all_modules THEN true WHEN coalesce(modules, 0) = 0 THEN NULL WHEN failed > 0 THEN false WHEN unknown > 0 THEN NULL ELSE true END AS modules_ok,
    CASE WHEN min_rate IS NULL THEN true WHEN held = 0 THEN NULL
         WHEN attended::float8 / held >= min_rate - 1e-9 THEN true
         WHEN (attended + unmarked)::float8 / held >= min_rate - 1e-9 THEN NULL ELSE false END AS attendance_ok,
    outstanding = 0 AS make_up_ok,
    CASE WHEN NOT conduct_required THEN true WHEN NOT conduct_received THEN NULL ELSE satisfactory END AS conduct_ok
  FROM ev),
outcome AS (
  SELECT checks.*, CASE WHEN status <> 'enrolled' THEN NULL
    WHEN modules_ok IS FALSE OR attendance_ok IS FALSE OR NOT make_up_ok OR conduct_ok IS FALSE THEN 'not_eligible'
    WHEN modules_ok IS NULL OR attendance_ok IS NULL OR conduct_ok IS NULL THEN 'pending' ELSE 'eligible' END AS exam
  FROM checks),
places AS (
  SELECT n.class_id, count(*) FILTER (WHERE n.status IN ('nominated', 'approved_agency', 'approved_board', 'enrolled')) AS places_taken,
    count(*) FILTER (WHERE n.status = 'waitlisted') AS waitlisted
  FROM nominations n JOIN cls ON cls.id = n.class_id GROUP BY n.class_id),
mods AS (SELECT m.class_id, count(*) AS modules FROM class_modules m JOIN cls ON cls.id = m.class_id GROUP BY m.class_id),
per AS (
  SELECT o.class_id, count(*) AS learners, sum(o.held) AS possible, sum(o.attended) AS attended, sum(o.unmarked) AS unmarked,
    sum(o.outstanding) AS make_ups_outstanding, count(*) FILTER (WHERE o.attendance_ok IS FALSE) AS below_minimum,
    sum(o.entered) AS grades_entered, count(*) FILTER (WHERE o.exam = 'eligible') AS eligible,
    count(*) FILTER (WHERE o.exam = 'not_eligible') AS not_eligible, count(*) FILTER (WHERE o.exam = 'pending') AS pending,
    count(*) FILTER (WHERE o.conduct_asked AND NOT o.conduct_received) AS conduct_missing,
    count(*) FILTER (WHERE o.conduct_asked AND NOT o.conduct_received AND o.due_on < $1::date AND o.class_status <> 'finished') AS conduct_overdue
  FROM outcome o GROUP BY o.class_id)
SELECT cls.id, coalesce(pl.places_taken, 0)::int AS places_taken, coalesce(pl.waitlisted, 0)::int AS waitlisted,
  coalesce(per.learners, 0)::int AS learners, coalesce(per.possible, 0)::int AS possible, coalesce(per.attended, 0)::int AS attended,
  coalesce(per.unmarked, 0)::int AS unmarked, coalesce(per.make_ups_outstanding, 0)::int AS make_ups_outstanding,
  coalesce(per.below_minimum, 0)::int AS below_minimum, coalesce(per.grades_entered, 0)::int AS grades_entered,
  coalesce(mods.modules, 0)::int AS modules, coalesce(per.eligible, 0)::int AS eligible, coalesce(per.not_eligible, 0)::int AS not_eligible,
  coalesce(per.pending, 0)::int AS pending, coalesce(per.conduct_missing, 0)::int AS conduct_missing,
  coalesce(per.conduct_overdue, 0)::int AS conduct_overdue
FROM cls LEFT JOIN places pl ON pl.class_id = cls.id LEFT JOIN mods ON mods.class_id = cls.id LEFT JOIN per ON per.class_id = cls.id
ORDER BY cls.id`;

interface BaselineRow {
  id: number;
  places_taken: number;
  waitlisted: number;
  learners: number;
  possible: number;
  attended: number;
  unmarked: number;
  make_ups_outstanding: number;
  below_minimum: number;
  grades_entered: number;
  modules: number;
  eligible: number;
  not_eligible: number;
  pending: number;
  conduct_missing: number;
  conduct_overdue: number;
}

/** The differences between the API's board and the baseline's rows, class by class ([] when they agree). */
function compareBoards(api: ClassBoard, base: readonly BaselineRow[]): string[] {
  const out: string[] = [];
  const byId = new Map(base.map((b) => [b.id, b]));
  if (api.items.length !== base.length) out.push(`classes: API ${api.items.length}, SQL ${base.length}`);
  for (const { class: c, facts: f } of api.items) {
    const b = byId.get(c.id);
    if (!b) {
      out.push(`class ${c.id}: not in the SQL answer`);
      continue;
    }
    const pairs: [string, number, number][] = [
      ['placesTaken', c.placesTaken, b.places_taken],
      ['waitlisted', c.waitlisted, b.waitlisted],
      ['learners', f.learners, b.learners],
      ['attendance.possible', f.attendance.possible, b.possible],
      ['attendance.attended', f.attendance.attended, b.attended],
      ['attendance.unmarked', f.attendance.unmarked, b.unmarked],
      ['attendance.belowMinimum', f.attendance.belowMinimum, b.below_minimum],
      ['makeUpsOutstanding', f.makeUpsOutstanding, b.make_ups_outstanding],
      ['grades.entered', f.grades.entered, b.grades_entered],
      ['grades.pending', f.grades.pending, b.learners * b.modules - b.grades_entered],
      ['conductReports.missing', f.conductReports.missing, b.conduct_missing],
      ['conductReports.overdue', f.conductReports.overdue, b.conduct_overdue],
      ['examEligibility.eligible', f.examEligibility.eligible, b.eligible],
      ['examEligibility.notEligible', f.examEligibility.notEligible, b.not_eligible],
      ['examEligibility.pending', f.examEligibility.pending, b.pending],
    ];
    for (const [what, x, y] of pairs) if (x !== y) out.push(`class ${c.id} ${what}: API ${x}, SQL ${y}`);
  }
  return out;
}

// ---------- the benchmark ----------

export async function benchClasses(dbUrl: string): Promise<ClassesBench> {
  const source = new URL(dbUrl).pathname.slice(1);
  const scratch = `${source}_classes`;
  await adminQuery(dbUrl, `DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
  console.log(`Copying ${source} to ${scratch}…`);
  await adminQuery(dbUrl, `CREATE DATABASE ${scratch} TEMPLATE ${source} STRATEGY FILE_COPY`);
  const url = withDatabase(dbUrl, scratch);
  const db = await createDb({ databaseUrl: url, poolSize: 4 });
  try {
    return await run(db, url);
  } catch (err) {
    // reported before the scratch database is dropped under any connection still open
    console.error(err);
    throw err;
  } finally {
    await db.close();
    await adminQuery(dbUrl, `DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
  }
}

async function run(db: Db, url: string): Promise<ClassesBench> {
  await migrate(db);
  await rebuildClassesSchema(db);
  await rulesRepo.seedShippedRules(db);
  await catalogueRepo.seedShippedProgrammes(db, todayInVietnam());
  await catalogueRepo.seedProgrammeCatalogue(db);
  const today = todayInVietnam();
  const year = Number(today.slice(0, 4));
  const s = await setUp(db);

  // ---------- the data ----------
  console.log('Setting up: the bulk class and its eligible people…');
  const bulkPlan = (cohort: string): PlannedClass => ({
    cohort,
    programme: 'SC_LLCT',
    start: addDays(today, 30),
    end: addDays(today, 120),
    capacity: BULK_CAPACITY,
    status: 'open',
    modules: modulesOf(4),
    lessons: 24,
  });
  const bulkClass = await insertClass(db, s, bulkPlan('BENCH-BULK'), 0, s.otherUnit.id);
  const bulkBaseClass = await insertClass(db, s, bulkPlan('BENCH-BULK-PG'), 1, s.otherUnit.id);
  const bulk = await eligibleForBulk(db, bulkClass, BULK);
  const others = (
    await db.query<{ id: number }>(`SELECT id FROM people WHERE NOT (id = ANY($1::int[])) ORDER BY bench_h('p' || id), id LIMIT $2`, [
      bulk.ids,
      BOARD_CLASSES * LEARNERS_PER_CLASS + GRADUATING,
    ])
  ).rows.map((r) => r.id);
  const boardPeople = others.slice(0, BOARD_CLASSES * LEARNERS_PER_CLASS);
  const graduatingPeople = others.slice(BOARD_CLASSES * LEARNERS_PER_CLASS);

  console.log(`Setting up: ${BOARD_CLASSES} classes of ${year} with ${boardPeople.length} learners…`);
  const boardClasses: number[] = [];
  for (let i = 0; i < BOARD_CLASSES; i++) {
    const programme = (['TC_LLCT', 'SC_LLCT', 'QLNN_CV'] as const)[i % 3]!;
    let start: string;
    let end: string;
    if (i < CARRIED_OVER) {
      start = addDays(`${year - 1}-09-01`, 7 * i);
      end = addDays(maxDate(today, `${year}-01-15`), 30 + i);
    } else {
      const j = i - CARRIED_OVER;
      start = maxDate(`${year}-01-05`, addDays(today, -(15 + 8 * j)));
      end = addDays(start, 75 + (j % 4) * 15);
    }
    boardClasses.push(
      await insertClass(
        db,
        s,
        {
          cohort: `BENCH-${String(i + 1).padStart(2, '0')}`,
          programme,
          start,
          end,
          capacity: LEARNERS_PER_CLASS + 3,
          status: end < today ? 'closed' : 'open',
          modules: modulesOf(5),
          lessons: 36,
        },
        i,
      ),
    );
  }
  await enrolAll(db, s, boardClasses, boardPeople, LEARNERS_PER_CLASS);
  // three more await the school, six wait for a place (learners of the next classes)
  const pending: [number, number, string, number][] = [];
  boardClasses.forEach((c, i) => {
    const learnerOf = (classOffset: number, k: number) => boardPeople[((i + classOffset) % BOARD_CLASSES) * LEARNERS_PER_CLASS + k]!;
    for (let k = 0; k < 3; k++) pending.push([c, learnerOf(2, 10 + k), 'approved_board', k]);
    for (let k = 0; k < 6; k++) pending.push([c, learnerOf(1, k), 'waitlisted', k]);
  });
  await db.query(
    `INSERT INTO nominations (class_id, person_id, status, eligibility, nominated_by, nominated_at)
     SELECT x.c, x.p, x.s, '{"outcome":"eligible","summary":"Đủ điều kiện","rules":[]}', $5, now() - make_interval(days => 10 - x.k)
     FROM unnest($1::int[], $2::int[], $3::text[], $4::int[]) AS x(c, p, s, k)`,
    [pending.map((p) => p[0]), pending.map((p) => p[1]), pending.map((p) => p[2]), pending.map((p) => p[3]), s.board.id],
  );
  await fillRecords(db, boardClasses, today, {
    unmarkedPerMille: 20,
    absentPerMille: 95,
    gradedPerMille: 960,
    failPerMille: 30,
    recallPerMille: 50,
    madeUpPerMille: 500,
    receivedPerMille: 800,
    unsatisfactoryPerMille: 15,
  });
  // classes that ended more than two weeks ago have graduated: 96% of their learners
  await db.query(
    `WITH done AS (
       UPDATE classes SET status = 'finished', graduated_at = (end_date + 7)::timestamptz
       WHERE id = ANY($1::int[]) AND end_date < $2::date - 14 RETURNING id, end_date)
     UPDATE enrolments e SET
       status = CASE WHEN bench_h('z' || e.id) < 960 THEN 'completed' ELSE 'failed' END,
       classification = CASE WHEN bench_h('z' || e.id) < 960 THEN 'kha' END, average = 7.5,
       graduated_on = CASE WHEN bench_h('z' || e.id) < 960 THEN done.end_date + 7 END, ended_on = done.end_date + 7
     FROM done WHERE e.class_id = done.id`,
    [boardClasses, today],
  );

  console.log(`Setting up: a class of ${GRADUATING} that has finished its course…`);
  const gradClass = await insertClass(
    db,
    s,
    {
      cohort: 'BENCH-TN',
      programme: 'TC_LLCT',
      start: addDays(today, -150),
      end: addDays(today, -1),
      capacity: GRADUATING,
      status: 'closed',
      modules: modulesOf(6),
      lessons: 40,
    },
    99,
    s.otherUnit.id,
  );
  await enrolAll(db, s, [gradClass], graduatingPeople, GRADUATING);
  await fillRecords(db, [gradClass], today, {
    unmarkedPerMille: 0,
    absentPerMille: 30,
    gradedPerMille: 1000,
    failPerMille: 4,
    recallPerMille: 20,
    madeUpPerMille: 1000,
    receivedPerMille: 1000,
    unsatisfactoryPerMille: 10,
  });
  await db.exec('ANALYZE');

  const app = await buildApp(
    { db, config: { ...loadConfig({ LOG_LEVEL: 'silent', DEMO: 'off', DATABASE_URL: url }), webDist: '/nonexistent' } },
    { logger: false },
  );
  await app.ready();
  try {
    const login = async (username: string) => {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: PASSWORD } });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode}`);
      return {
        cookie: `nt_session=${res.cookies.find((k) => k.name === 'nt_session')!.value}`,
        'x-csrf-token': res.json().csrfToken as string,
      };
    };
    const registrar = await login('bench_registrar');
    const graduating = await login('bench_registrar2');
    const board = await login('bench_board');

    // ---------- (c) the class board ----------
    console.log(`Class board of ${year} (${BOARD_CLASSES} classes, ${boardPeople.length} learners)…`);
    const load = { board: loadavg()[0]!, graduation: 0, bulk: 0 };
    let bytes = 0;
    const viaApi = async () => {
      const res = await app.inject({ url: `/api/v1/classes/board?year=${year}`, headers: registrar });
      if (res.statusCode !== 200) throw new Error(`board: ${res.statusCode} ${res.body.slice(0, 300)}`);
      bytes = res.rawPayload.length;
      return res.json() as ClassBoard;
    };
    const baseline = async () => (await db.query<BaselineRow>(BOARD_SQL, [today, s.unit.path, `${year}-01-01`, `${year}-12-31`])).rows;
    // what the service reads, without running the rules: its share of the service's time
    const reads = async () => {
      const rows = await boardsRepo.listBoardClasses(
        db,
        { kind: 'organiser', scope: s.registrar.scope },
        { runningFrom: `${year}-01-01`, runningTo: `${year}-12-31` },
        today,
      );
      const ids = rows.map((r) => r.id);
      await Promise.all([boardsRepo.listModulesOf(db, ids), boardsRepo.listSessionsOf(db, ids), boardsRepo.listClassLearnerFacts(db, ids)]);
    };
    const [api, service, read, base] = await timeRounds([viaApi, () => getClassBoard(db, s.registrar, { year }), reads, baseline]);
    const mismatches = compareBoards(api.result, base.result);
    if (JSON.stringify(service.result.totals) !== JSON.stringify(api.result.totals)) mismatches.push('the service and the API disagree');
    console.log(
      `  API ${api.ms.toFixed(0)} ms, service ${service.ms.toFixed(0)} ms (reading ${read.ms.toFixed(0)} ms), SQL ${base.ms.toFixed(0)} ms; same answer: ${mismatches.length === 0}` +
        (mismatches.length > 0 ? ` (${mismatches.slice(0, 5).join('; ')})` : ''),
    );

    // ---------- (a) graduation and certificates ----------
    console.log(`Graduating ${GRADUATING} learners…`);
    load.graduation = loadavg()[0]!;
    const baseMs = await graduationBaseline(url, gradClass, today, s);
    const t0 = performance.now();
    const graduated = await app.inject({
      method: 'POST',
      url: `/api/v1/classes/${gradClass}/graduation`,
      headers: graduating,
      payload: { decidedOn: today },
    });
    const graduationMs = performance.now() - t0;
    if (graduated.statusCode !== 200) throw new Error(`graduation: ${graduated.statusCode} ${graduated.body.slice(0, 500)}`);
    const result = graduated.json() as { completed: number; failed: number; certificates: { enrolmentId: number; number: string }[] };
    console.log(
      `  ${graduationMs.toFixed(0)} ms (bare pg, the same rows: ${baseMs.toFixed(0)} ms): ${result.completed} graduated, ${result.failed} not`,
    );
    const certificateIds = (
      await db.query<{ id: number }>(
        'SELECT ce.id FROM certificates ce JOIN enrolments e ON e.id = ce.enrolment_id WHERE e.class_id = $1 ORDER BY ce.number',
        [gradClass],
      )
    ).rows.map((r) => r.id);
    console.log(`Rendering the ${certificateIds.length} certificates through the API, one after another…`);
    // every RENDER_EVERY-th certificate is also rendered by pdfmake alone right after its download: the same load for both
    const viewer = { scope: s.otherRegistrar.scope, managesCertificates: true };
    let pdfBytes = 0;
    let pdfMs = 0;
    const sampled = { api: 0, direct: 0, n: 0 };
    for (const [i, id] of certificateIds.entries()) {
      const t1 = performance.now();
      const res = await app.inject({ url: `/api/v1/certificates/${id}/pdf`, headers: graduating });
      const ms = performance.now() - t1;
      if (res.statusCode !== 200 || !res.rawPayload.subarray(0, 5).equals(Buffer.from('%PDF-')))
        throw new Error(`pdf ${id}: ${res.statusCode}`);
      pdfMs += ms;
      pdfBytes += res.rawPayload.length;
      if (i % RENDER_EVERY === 0) {
        const data = pdfDataOf((await certificatesRepo.findCertificate(db, viewer, id))!, 'https://daotao.example.gov.vn');
        const t2 = performance.now();
        await renderCertificatePdf(data);
        sampled.direct += performance.now() - t2;
        sampled.api += ms;
        sampled.n += 1;
      }
    }
    console.log(
      `  ${(pdfMs / 1000).toFixed(1)} s (${(pdfMs / certificateIds.length).toFixed(0)} ms each; of ${sampled.n} sampled: API ${(sampled.api / sampled.n).toFixed(0)} ms, pdfmake alone ${(sampled.direct / sampled.n).toFixed(0)} ms)`,
    );

    // ---------- (b) bulk nomination ----------
    console.log(`Bulk nomination of ${BULK} people through the job…`);
    load.bulk = loadavg()[0]!;
    const t3 = performance.now();
    const queued = await app.inject({
      method: 'POST',
      url: `/api/v1/classes/${bulkClass}/nominations/bulk`,
      headers: board,
      payload: { personIds: bulk.ids },
    });
    if (queued.statusCode !== 202) throw new Error(`bulk: ${queued.statusCode} ${queued.body.slice(0, 300)}`);
    await runPendingJobs({ db, config: loadConfig({ LOG_LEVEL: 'silent', DEMO: 'off', DATABASE_URL: url }) });
    const job = (await app.inject({ url: `/api/v1/jobs/${queued.json().id}`, headers: board })).json() as {
      status: string;
      result: { nominated: number; waitlisted: number; refused: number };
    };
    const jobMs = performance.now() - t3;
    if (job.status !== 'succeeded') throw new Error(`bulk job ${job.status}: ${JSON.stringify(job.result).slice(0, 300)}`);
    const bulkBaseMs = await bulkBaseline(url, bulkBaseClass, bulk.ids, bulk.answers, s.board);
    console.log(
      `  job ${(jobMs / 1000).toFixed(1)} s (${job.result.nominated} nominated, ${job.result.waitlisted} waitlisted, ${job.result.refused} refused); bare pg ${(bulkBaseMs / 1000).toFixed(1)} s`,
    );

    return {
      asOf: today,
      load,
      graduation: {
        learners: GRADUATING,
        completed: result.completed,
        failed: result.failed,
        apiMs: graduationMs,
        baselineMs: baseMs,
        pdf: {
          count: certificateIds.length,
          apiMs: pdfMs,
          meanBytes: pdfBytes / Math.max(1, certificateIds.length),
          sample: {
            count: sampled.n,
            apiMeanMs: sampled.api / Math.max(1, sampled.n),
            renderMeanMs: sampled.direct / Math.max(1, sampled.n),
          },
        },
      },
      bulk: {
        people: BULK,
        nominated: job.result.nominated,
        waitlisted: job.result.waitlisted,
        refused: job.result.refused,
        jobMs,
        baselineMs: bulkBaseMs,
      },
      board: {
        year,
        classes: api.result.classes.total,
        carriedOver: api.result.classes.carriedOver,
        learners: api.result.totals.learners,
        runs: RUNS,
        apiMs: api.ms,
        serviceMs: service.ms,
        readMs: read.ms,
        baselineMs: base.ms,
        match: mismatches.length === 0,
        mismatches: mismatches.slice(0, 10),
        bytes,
        examEligibility: api.result.totals.examEligibility,
      },
    };
  } finally {
    await app.close();
  }
}

/**
 * What the graduation writes, as bare multi-row statements in one transaction that is rolled back:
 * the enrolments' outcomes, the class, the number counter, the qualifications, the certificates,
 * the people's highest level, one audit record per write. No reads, no rules, no signing.
 */
async function graduationBaseline(url: string, classId: number, today: string, s: Setup): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const learners = (
      await client.query<{ id: number; person_id: number; full_name: string; birth_date: string }>(
        "SELECT e.id, e.person_id, p.full_name, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date FROM enrolments e JOIN people p ON p.id = e.person_id WHERE e.class_id = $1 ORDER BY e.id",
        [classId],
      )
    ).rows;
    const ids = learners.map((l) => l.id);
    const people = learners.map((l) => l.person_id);
    const year = Number(today.slice(0, 4));
    const t0 = performance.now();
    await client.query('BEGIN');
    await client.query(
      `UPDATE enrolments e SET status = 'completed', average = 7.5, classification = 'kha', graduated_on = $2, ended_on = $2
       FROM unnest($1::int[]) AS x(id) WHERE e.id = x.id`,
      [ids, today],
    );
    await client.query("UPDATE classes SET status = 'finished', graduated_at = now(), version = version + 1 WHERE id = $1", [classId]);
    await client.query(
      `INSERT INTO certificate_counters (programme_code, year, last_number) VALUES ('TC_LLCT', $1, $2)
       ON CONFLICT (programme_code, year) DO UPDATE SET last_number = certificate_counters.last_number + EXCLUDED.last_number`,
      [year, ids.length],
    );
    const q = await client.query<{ id: number }>(
      `INSERT INTO qualifications (person_id, kind, level, field, awarded_on, institution, source)
       SELECT x.p, 'political_theory', 'trung_cap', NULL, $2, 'Phân hiệu đo hiệu năng số 2', 'graduated' FROM unnest($1::int[]) AS x(p) RETURNING id`,
      [people, today],
    );
    const signatures = learners.map(() => randomBytes(64).toString('base64url'));
    const numbers = learners.map((_, i) => `TC-LLCT/${year}/B${String(i + 1).padStart(6, '0')}`);
    const c = await client.query<{ id: number }>(
      `INSERT INTO certificates (number, enrolment_id, person_id, programme_code, holder_name, holder_birth_date, classification, issued_on, signature, qualification_id)
       SELECT x.n, x.e, x.p, 'TC_LLCT', x.h, x.b, 'kha', $7, x.s, x.q
       FROM unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::date[], $6::text[], $8::int[]) AS x(n, e, p, h, b, s, q) RETURNING id`,
      [
        numbers,
        ids,
        people,
        learners.map((l) => l.full_name),
        learners.map((l) => l.birth_date),
        signatures,
        today,
        q.rows.map((r) => r.id),
      ],
    );
    await client.query("UPDATE people SET political_theory_level = 'trung_cap', updated_at = now() WHERE id = ANY($1::int[])", [people]);
    const audit = [
      ...ids.map((id, i) => ['graduate', 'enrolment', String(id), people[i], JSON.stringify({ classId, status: 'completed' })]),
      ['graduate', 'class', String(classId), null, JSON.stringify({ status: 'finished' })],
      ...c.rows.map((r, i) => ['issue', 'certificate', String(r.id), people[i], JSON.stringify({ number: numbers[i] })]),
      ...q.rows.map((r, i) => ['create', 'qualification', String(r.id), people[i], JSON.stringify({ kind: 'political_theory' })]),
    ];
    await client.query(
      `INSERT INTO audit_log (actor_id, actor_name, action, entity, entity_id, person_id, after)
       SELECT $1, 'bench_registrar2', x.a, x.e, x.i, x.p, x.j::jsonb FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::text[]) AS x(a, e, i, p, j)`,
      [
        s.otherRegistrar.id,
        audit.map((a) => a[0]),
        audit.map((a) => a[1]),
        audit.map((a) => a[2]),
        audit.map((a) => a[3]),
        audit.map((a) => a[4]),
      ],
    );
    const ms = performance.now() - t0;
    await client.query('ROLLBACK');
    return ms;
  } finally {
    await client.end();
  }
}

/**
 * The bulk nomination's writes through bare `pg`, one transaction per person as the job does:
 * lock the class, count its places and waitlist, insert the nomination (with the stored
 * eligibility answer), its steps and its audit record.
 */
async function bulkBaseline(
  url: string,
  classId: number,
  people: readonly number[],
  answers: Map<number, EligibilityResult>,
  by: AuthUser,
): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const t0 = performance.now();
    for (const personId of people) {
      await client.query('BEGIN');
      const cls = (await client.query<{ capacity: number }>('SELECT capacity FROM classes WHERE id = $1 FOR UPDATE', [classId])).rows[0]!;
      const places = (
        await client.query<{ taken: number; waitlisted: number }>(
          `SELECT count(*) FILTER (WHERE status IN ('nominated', 'approved_agency', 'approved_board', 'enrolled'))::int AS taken,
           count(*) FILTER (WHERE status = 'waitlisted')::int AS waitlisted
         FROM nominations WHERE class_id = $1`,
          [classId],
        )
      ).rows[0]!;
      const status = places.taken < cls.capacity ? 'nominated' : 'waitlisted';
      const answer = answers.get(personId)!;
      const id = (
        await client.query<{ id: number }>(
          'INSERT INTO nominations (class_id, person_id, status, eligibility, nominated_by) VALUES ($1, $2, $3, $4, $5) RETURNING id',
          [classId, personId, status, JSON.stringify(answer), by.id],
        )
      ).rows[0]!.id;
      await client.query(
        `INSERT INTO nomination_steps (nomination_id, step, decision, decided_by) VALUES ($1, 'agency', 'approved', $2)
         ${status === 'waitlisted' ? ", ($1, 'waitlist', 'recorded', $2)" : ''}`,
        [id, by.id],
      );
      await client.query(
        `INSERT INTO audit_log (actor_id, actor_name, action, entity, entity_id, person_id, after) VALUES ($1, $2, 'create', 'nomination', $3, $4, $5)`,
        [
          by.id,
          by.username,
          String(id),
          personId,
          JSON.stringify({ classId, status, eligibility: { outcome: answer.outcome, summary: answer.summary } }),
        ],
      );
      await client.query('COMMIT');
    }
    return performance.now() - t0;
  } finally {
    await client.end();
  }
}
