/**
 * Read models of the class boards, the agency's "my learners" and the learner's own learning.
 * Counting is done here, set-based: places and waitlists, learners by status, conduct reports
 * asked / received / overdue, grades entered. What a training rule decides (attendance rate,
 * make-ups, exam eligibility) is not: the learners' raw facts are read in one statement, packed
 * per enrolment, for the services to run the rules over.
 */
import type { Scope } from '@nang-tam/domain';
import type { Queryable } from '../create-db.js';
import { Params, scopeCondition } from './scope.js';
import { CLASS_COLUMNS, CLASS_JOINS, type ClassRow } from './classes.repository.js';
import { CLOSED_SQL, placeCountColumns, waitlistPositionSql } from './nominations.repository.js';

/** Which classes a board shows: every class, those organised in a subtree, or those a lecturer teaches. */
export type BoardVisibility = { kind: 'all' } | { kind: 'organiser'; scope: Scope } | { kind: 'lecturer'; lecturerId: number };

function visibleClass(v: BoardVisibility, p: Params): string {
  if (v.kind === 'all') return 'true';
  if (v.kind === 'organiser') return scopeCondition(v.scope, p, 'ou');
  const id = p.add(v.lecturerId);
  return `(EXISTS (SELECT 1 FROM class_sessions ls WHERE ls.class_id = c.id AND ls.lecturer_id = ${id})
    OR EXISTS (SELECT 1 FROM class_module_lecturers ml JOIN class_modules lm ON lm.id = ml.class_module_id WHERE lm.class_id = c.id AND ml.lecturer_id = ${id}))`;
}

// ---------- classes with their counts ----------

/** A class of a board: the class row, its places, and its learners' counts. */
export interface BoardClassRow extends ClassRow {
  places_taken: number;
  waitlisted: number;
  /** Enrolments not withdrawn, and of them by status. */
  learners: number;
  enrolled: number;
  completed: number;
  failed: number;
  modules: number;
  /** Module grades of those learners (in the class's own modules), and final exam / thesis grades. */
  module_grades: number;
  final_grades: number;
  /** Conduct reports of those learners: asked for, received, asked and not received, of them past due, received unsatisfactory. */
  conduct_requested: number;
  conduct_received: number;
  conduct_missing: number;
  conduct_overdue: number;
  conduct_unsatisfactory: number;
}

export type BoardClassFilter = { runningFrom: string; runningTo: string } | { classId: number };

/**
 * The classes of a board with their counts, in one statement. `today` decides what is overdue: a
 * report asked for, not received, due before today, in a class that has not graduated.
 */
export async function listBoardClasses(
  db: Queryable,
  v: BoardVisibility,
  filter: BoardClassFilter,
  today: string,
): Promise<BoardClassRow[]> {
  const p = new Params();
  const where =
    'classId' in filter
      ? `c.id = ${p.add(filter.classId)}`
      : `c.end_date >= ${p.add(filter.runningFrom)} AND c.start_date <= ${p.add(filter.runningTo)}`;
  const visible = visibleClass(v, p);
  const todayParam = p.add(today);
  const r = await db.query<BoardClassRow>(
    `WITH cls AS (
       SELECT c.id FROM classes c JOIN units ou ON ou.id = c.organiser_unit_id WHERE ${where} AND ${visible}
     ),
     places AS (
       SELECT n.class_id, ${placeCountColumns('n')}
       FROM nominations n JOIN cls ON cls.id = n.class_id GROUP BY n.class_id
     ),
     le AS (
       SELECT e.id, e.class_id, e.status FROM enrolments e JOIN cls ON cls.id = e.class_id WHERE e.status <> 'withdrawn'
     ),
     learners AS (
       SELECT class_id, count(*)::int AS learners, count(*) FILTER (WHERE status = 'enrolled')::int AS enrolled,
         count(*) FILTER (WHERE status = 'completed')::int AS completed, count(*) FILTER (WHERE status = 'failed')::int AS failed
       FROM le GROUP BY class_id
     ),
     mods AS (
       SELECT m.class_id, count(*)::int AS modules FROM class_modules m JOIN cls ON cls.id = m.class_id GROUP BY m.class_id
     ),
     marks AS (
       SELECT le.class_id, count(m.id)::int AS module_grades, count(*) FILTER (WHERE g.class_module_id IS NULL)::int AS final_grades
       FROM grades g JOIN le ON le.id = g.enrolment_id
       LEFT JOIN class_modules m ON m.id = g.class_module_id AND m.class_id = le.class_id
       GROUP BY le.class_id
     ),
     conduct AS (
       SELECT le.class_id, count(*)::int AS conduct_requested,
         count(*) FILTER (WHERE cr.received_at IS NOT NULL)::int AS conduct_received,
         count(*) FILTER (WHERE cr.received_at IS NULL)::int AS conduct_missing,
         count(*) FILTER (WHERE cr.received_at IS NULL AND cr.due_on < ${todayParam}::date)::int AS conduct_past_due,
         count(*) FILTER (WHERE cr.received_at IS NOT NULL AND cr.satisfactory = false)::int AS conduct_unsatisfactory
       FROM conduct_reports cr JOIN le ON le.id = cr.enrolment_id GROUP BY le.class_id
     )
     SELECT ${CLASS_COLUMNS},
       coalesce(pl.places_taken, 0) AS places_taken, coalesce(pl.waitlisted, 0) AS waitlisted,
       coalesce(l.learners, 0) AS learners, coalesce(l.enrolled, 0) AS enrolled,
       coalesce(l.completed, 0) AS completed, coalesce(l.failed, 0) AS failed,
       coalesce(md.modules, 0) AS modules,
       coalesce(mk.module_grades, 0) AS module_grades, coalesce(mk.final_grades, 0) AS final_grades,
       coalesce(cd.conduct_requested, 0) AS conduct_requested, coalesce(cd.conduct_received, 0) AS conduct_received,
       coalesce(cd.conduct_missing, 0) AS conduct_missing,
       CASE WHEN c.status = 'finished' THEN 0 ELSE coalesce(cd.conduct_past_due, 0) END AS conduct_overdue,
       coalesce(cd.conduct_unsatisfactory, 0) AS conduct_unsatisfactory
     FROM cls
     JOIN classes c ON c.id = cls.id
     ${CLASS_JOINS}
     LEFT JOIN places pl ON pl.class_id = c.id
     LEFT JOIN learners l ON l.class_id = c.id
     LEFT JOIN mods md ON md.class_id = c.id
     LEFT JOIN marks mk ON mk.class_id = c.id
     LEFT JOIN conduct cd ON cd.class_id = c.id
     ORDER BY c.start_date, c.programme_code, c.cohort_code, c.id`,
    p.values,
  );
  return r.rows;
}

// ---------- modules and sessions of several classes ----------

export interface BoardModuleRow {
  id: number;
  class_id: number;
  code: string;
  name: string;
  periods: number;
}

export async function listModulesOf(db: Queryable, classIds: readonly number[]): Promise<BoardModuleRow[]> {
  if (classIds.length === 0) return [];
  const r = await db.query<BoardModuleRow>(
    'SELECT id, class_id, code, name, periods FROM class_modules WHERE class_id = ANY($1::int[]) ORDER BY class_id, sort_order, id',
    [[...classIds]],
  );
  return r.rows;
}

export interface BoardSessionRow {
  id: number;
  class_id: number;
  module_code: string | null;
  kind: 'lesson' | 'field_trip' | 'exam';
  on_date: string;
}

/** What the attendance rules read of each session of these classes. */
export async function listSessionsOf(db: Queryable, classIds: readonly number[]): Promise<BoardSessionRow[]> {
  if (classIds.length === 0) return [];
  const r = await db.query<BoardSessionRow>(
    `SELECT s.id, s.class_id, m.code AS module_code, s.kind, s.on_date
     FROM class_sessions s LEFT JOIN class_modules m ON m.id = s.class_module_id
     WHERE s.class_id = ANY($1::int[]) ORDER BY s.class_id, s.on_date, s.starts_at, s.id`,
    [[...classIds]],
  );
  return r.rows;
}

export interface ScheduleRow extends BoardSessionRow {
  module_name: string | null;
  starts_at: string;
  ends_at: string;
  room: string | null;
  online_link: string | null;
  lecturer_name: string | null;
  lecturer_title: string | null;
}

/** The schedule of these classes: times, place or link, lecturer. */
export async function listScheduleOf(db: Queryable, classIds: readonly number[]): Promise<ScheduleRow[]> {
  if (classIds.length === 0) return [];
  const r = await db.query<ScheduleRow>(
    `SELECT s.id, s.class_id, m.code AS module_code, m.name AS module_name, s.kind, s.on_date,
       to_char(s.starts_at, 'HH24:MI') AS starts_at, to_char(s.ends_at, 'HH24:MI') AS ends_at, s.room, s.online_link,
       l.full_name AS lecturer_name, l.title AS lecturer_title
     FROM class_sessions s LEFT JOIN class_modules m ON m.id = s.class_module_id LEFT JOIN lecturers l ON l.id = s.lecturer_id
     WHERE s.class_id = ANY($1::int[]) ORDER BY s.class_id, s.on_date, s.starts_at, s.id`,
    [[...classIds]],
  );
  return r.rows;
}

// ---------- the learners' raw facts ----------

/**
 * One enrolment's facts, packed: `marks` "code,…" with code = sessionId × 4 + 0 present, 1 absent
 * excused, 2 absent unexcused, 3 recalled; `recalls` "id:from:to,…"; `make_ups` "sessionId:doneOn,…";
 * `grades` "moduleId:value,…" with module id 0 for the final exam or thesis. Null when there are none.
 */
export interface LearnerFactsRow {
  enrolment_id: number;
  class_id: number;
  status: 'enrolled' | 'completed' | 'failed' | 'withdrawn';
  person_id: number;
  marks: string | null;
  recalls: string | null;
  make_ups: string | null;
  grades: string | null;
  /** The conduct report: null due date when none was asked for. */
  conduct_due_on: string | null;
  conduct_received: boolean;
  conduct_satisfactory: boolean | null;
  conduct_reminders: number;
}

export interface LearnerFactsWithPersonRow extends LearnerFactsRow {
  full_name: string;
  birth_date: string;
  unit_id: number;
  unit_name: string;
}

/** The enrolments a read is about: not withdrawn in these classes, or these enrolments (in a class). */
type FactsTarget = { classIds: readonly number[] } | { enrolmentIds: readonly number[] };

function targetCondition(t: FactsTarget): string {
  return 'classIds' in t ? "e.class_id = ANY($1::int[]) AND e.status <> 'withdrawn'" : 'e.id = ANY($1::int[]) AND e.class_id IS NOT NULL';
}

const MARK_CODE = "CASE x.mark WHEN 'present' THEN 0 WHEN 'absent_excused' THEN 1 WHEN 'absent_unexcused' THEN 2 ELSE 3 END";

/**
 * Each fact packed per enrolment by its own statement, the statements run side by side: a plain
 * GROUP BY over one table each keeps every plan simple (no row estimate multiplied through joins).
 */
async function readFacts<T extends LearnerFactsRow>(db: Queryable, t: FactsTarget, base: string, order: string): Promise<T[]> {
  const ids = 'classIds' in t ? [...t.classIds] : [...t.enrolmentIds];
  if (ids.length === 0) return [];
  const where = targetCondition(t);
  const packed = (expr: string, table: string, order = '') =>
    db.query<{ enrolment_id: number; packed: string }>(
      `SELECT x.enrolment_id, string_agg(${expr}, ','${order}) AS packed
       FROM ${table} x JOIN enrolments e ON e.id = x.enrolment_id WHERE ${where} GROUP BY x.enrolment_id`,
      [ids],
    );
  const [rows, marks, recalls, makeUps, grades] = await Promise.all([
    db.query<T>(
      `SELECT e.id AS enrolment_id, e.class_id, e.status, e.person_id, NULL AS marks, NULL AS recalls, NULL AS make_ups, NULL AS grades,
         cr.due_on AS conduct_due_on, (cr.received_at IS NOT NULL) AS conduct_received, cr.satisfactory AS conduct_satisfactory,
         coalesce(cr.reminders, 0) AS conduct_reminders ${base}
       WHERE ${where} ORDER BY ${order}`,
      [ids],
    ),
    packed(`(x.session_id * 4 + ${MARK_CODE})::text`, 'attendance'),
    packed(
      "x.id || ':' || to_char(x.from_date, 'YYYY-MM-DD') || ':' || to_char(x.to_date, 'YYYY-MM-DD')",
      'recalls',
      ' ORDER BY x.from_date, x.id',
    ),
    packed("x.session_id || ':' || to_char(x.done_on, 'YYYY-MM-DD')", 'make_ups'),
    packed("coalesce(x.class_module_id, 0) || ':' || x.value", 'grades'),
  ]);
  const byId = new Map(rows.rows.map((r) => [r.enrolment_id, r]));
  const put = (result: { rows: { enrolment_id: number; packed: string }[] }, key: 'marks' | 'recalls' | 'make_ups' | 'grades') => {
    for (const p of result.rows) {
      const row = byId.get(p.enrolment_id);
      if (row) row[key] = p.packed;
    }
  };
  put(marks, 'marks');
  put(recalls, 'recalls');
  put(makeUps, 'make_ups');
  put(grades, 'grades');
  return rows.rows;
}

const FACTS_FROM = 'FROM enrolments e LEFT JOIN conduct_reports cr ON cr.enrolment_id = e.id';

/** The facts of every learner (enrolment not withdrawn) of these classes. */
export async function listClassLearnerFacts(db: Queryable, classIds: readonly number[]): Promise<LearnerFactsRow[]> {
  return readFacts<LearnerFactsRow>(db, { classIds }, FACTS_FROM, 'e.class_id, e.id');
}

/** The same facts with the person, for the board of one class, by name. */
export async function listClassLearnerFactsWithPeople(db: Queryable, classId: number): Promise<LearnerFactsWithPersonRow[]> {
  return readFacts<LearnerFactsWithPersonRow>(
    db,
    { classIds: [classId] },
    `, p.full_name, p.birth_date, p.unit_id, pu.name AS unit_name ${FACTS_FROM} JOIN people p ON p.id = e.person_id JOIN units pu ON pu.id = p.unit_id`,
    'p.sort_key, e.id',
  );
}

/** The facts of these enrolments (any status). */
export async function listEnrolmentFacts(db: Queryable, enrolmentIds: readonly number[]): Promise<LearnerFactsRow[]> {
  return readFacts<LearnerFactsRow>(db, { enrolmentIds }, FACTS_FROM, 'e.id');
}

// ---------- the agency's "my learners" ----------

export interface MyLearnerRow {
  person_id: number;
  full_name: string;
  birth_date: string;
  unit_id: number;
  unit_name: string;
  unit_path: string;
  class_id: number;
  class_name: string;
  cohort_code: string;
  programme_code: string;
  programme_name: string;
  approver: 'province_board' | 'home_affairs';
  start_date: string;
  end_date: string;
  class_status: 'open' | 'closed' | 'finished';
  organiser_name: string;
  organiser_path: string;
  nomination_id: number | null;
  nomination_status: 'nominated' | 'approved_agency' | 'approved_board' | 'enrolled' | 'waitlisted' | null;
  /** 1-based among the class's waitlisted nominations by (nominated_at, id). */
  waitlist_position: number | null;
  enrolment_id: number | null;
  enrolment_status: 'enrolled' | 'completed' | 'failed' | 'withdrawn' | null;
  conduct_due_on: string | null;
  conduct_received: boolean;
  conduct_reminders: number;
}

/**
 * People of the scope with a live nomination (not refused or withdrawn) or a current enrolment in a
 * class that has not finished: one row per person and class, by class start, class, name.
 */
export async function listMyLearners(
  db: Queryable,
  scope: Scope,
  filter: { classId?: number },
  limit: number,
  offset: number,
): Promise<{ rows: MyLearnerRow[]; total: number }> {
  const p = new Params();
  const inScope = scopeCondition(scope, p, 'pu', 'p');
  const cls = filter.classId !== undefined ? `AND c.id = ${p.add(filter.classId)}` : '';
  const r = await db.query<MyLearnerRow & { total: number }>(
    `WITH live AS (
       SELECT n.class_id, n.person_id FROM nominations n
       JOIN people p ON p.id = n.person_id JOIN units pu ON pu.id = p.unit_id JOIN classes c ON c.id = n.class_id
       WHERE n.status NOT IN (${CLOSED_SQL}) AND c.status <> 'finished' AND ${inScope} ${cls}
       UNION
       SELECT e.class_id, e.person_id FROM enrolments e
       JOIN people p ON p.id = e.person_id JOIN units pu ON pu.id = p.unit_id JOIN classes c ON c.id = e.class_id
       WHERE e.status = 'enrolled' AND c.status <> 'finished' AND ${inScope} ${cls}
     )
     SELECT p.id AS person_id, p.full_name, p.birth_date, p.unit_id, pu.name AS unit_name, pu.path AS unit_path,
       c.id AS class_id, c.name AS class_name, c.cohort_code, c.programme_code, pr.name AS programme_name, pr.approver,
       c.start_date, c.end_date, c.status AS class_status,
       ou.name AS organiser_name, ou.path AS organiser_path,
       n.id AS nomination_id, n.status AS nomination_status, ${waitlistPositionSql('n')} AS waitlist_position,
       e.id AS enrolment_id, e.status AS enrolment_status,
       cr.due_on AS conduct_due_on, (cr.received_at IS NOT NULL) AS conduct_received, coalesce(cr.reminders, 0) AS conduct_reminders,
       count(*) OVER ()::int AS total
     FROM live
     JOIN people p ON p.id = live.person_id
     JOIN units pu ON pu.id = p.unit_id
     JOIN classes c ON c.id = live.class_id
     JOIN programmes pr ON pr.code = c.programme_code
     JOIN units ou ON ou.id = c.organiser_unit_id
     LEFT JOIN nominations n ON n.class_id = live.class_id AND n.person_id = live.person_id AND n.status NOT IN (${CLOSED_SQL})
     LEFT JOIN enrolments e ON e.class_id = live.class_id AND e.person_id = live.person_id
     LEFT JOIN conduct_reports cr ON cr.enrolment_id = e.id
     ORDER BY c.start_date, c.id, p.sort_key, p.id
     LIMIT ${limit | 0} OFFSET ${offset | 0}`,
    p.values,
  );
  if (r.rows.length === 0 && offset > 0) {
    const again = await listMyLearners(db, scope, filter, 1, 0);
    return { rows: [], total: again.total };
  }
  return { rows: r.rows.map(({ total: _total, ...row }) => row), total: r.rows[0]?.total ?? 0 };
}

// ---------- the learner's own classes ----------

export interface PersonEnrolmentRow {
  enrolment_id: number;
  status: 'enrolled' | 'completed' | 'failed' | 'withdrawn';
  average: number | null;
  final_grade: number | null;
  classification: string | null;
  graduated_on: string | null;
  class_id: number;
  class_name: string;
  cohort_code: string;
  programme_code: string;
  programme_name: string;
  mode: 'full_time' | 'part_time' | 'online';
  site: string;
  start_date: string;
  end_date: string;
  class_status: 'open' | 'closed' | 'finished';
  grading_scheme: unknown;
  graduation_conditions: unknown;
  certificate_id: number | null;
}

/** The person's places in classes (withdrawn ones left out), newest class first. */
export async function listPersonEnrolments(db: Queryable, personId: number): Promise<PersonEnrolmentRow[]> {
  const r = await db.query<PersonEnrolmentRow>(
    `SELECT e.id AS enrolment_id, e.status, e.average, e.final_grade, e.classification, e.graduated_on,
       c.id AS class_id, c.name AS class_name, c.cohort_code, c.programme_code, pr.name AS programme_name, c.mode, c.site,
       c.start_date, c.end_date, c.status AS class_status, c.grading_scheme, c.graduation_conditions, ce.id AS certificate_id
     FROM enrolments e
     JOIN classes c ON c.id = e.class_id
     JOIN programmes pr ON pr.code = c.programme_code
     LEFT JOIN certificates ce ON ce.enrolment_id = e.id
     WHERE e.person_id = $1 AND e.status <> 'withdrawn'
     ORDER BY c.start_date DESC, c.id DESC`,
    [personId],
  );
  return r.rows;
}

/** The learner's own name (their account's person record). */
export async function findPersonName(db: Queryable, personId: number): Promise<string | null> {
  const r = await db.query<{ full_name: string }>('SELECT full_name FROM people WHERE id = $1', [personId]);
  return r.rows[0]?.full_name ?? null;
}
