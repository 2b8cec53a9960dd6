/**
 * Following the learner: attendance marks (by the school or a QR check-in), recalls and make-up
 * study, the home agency's conduct reports, grades, and the graduation outcome written onto the
 * enrolments. Reads return plain rows; the services decide who may see what (the class's organiser
 * unit for the school, the person's unit for the agency, the lecturer's own sessions and modules).
 */
import type { Scope } from '@nang-tam/domain';
import type { Queryable } from '../create-db.js';
import { Params, scopeCondition } from './scope.js';

const ROWS_PER_STATEMENT = 1000;

function chunks<T>(rows: readonly T[], size = ROWS_PER_STATEMENT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** "($1, $2, …), (…)" for rows of `width` values, each cast as given. */
function valuesSql(p: Params, rows: readonly (readonly unknown[])[], casts: readonly string[]): string {
  return rows.map((row) => `(${row.map((v, i) => `${p.add(v)}${casts[i] ? `::${casts[i]}` : ''}`).join(', ')})`).join(', ');
}

// ---------- the class and its sessions ----------

export interface ClassContextRow {
  id: number;
  name: string;
  cohort_code: string;
  programme_code: string;
  programme_name: string;
  start_date: string;
  end_date: string;
  status: 'open' | 'closed' | 'finished';
  organiser_path: string;
  grading_scheme: unknown;
  graduation_conditions: unknown;
}

const CLASS_CONTEXT = `
  SELECT c.id, c.name, c.cohort_code, c.programme_code, pr.name AS programme_name, c.start_date, c.end_date, c.status,
    ou.path AS organiser_path, c.grading_scheme, c.graduation_conditions
  FROM classes c
  JOIN programmes pr ON pr.code = c.programme_code
  JOIN units ou ON ou.id = c.organiser_unit_id`;

export async function findClassContext(db: Queryable, classId: number): Promise<ClassContextRow | null> {
  const r = await db.query<ClassContextRow>(`${CLASS_CONTEXT} WHERE c.id = $1`, [classId]);
  return r.rows[0] ?? null;
}

/**
 * Takes a share lock on the class row until the transaction ends: learner writes run side by side,
 * while the graduation (which locks the row for update) waits for them and they wait for it.
 */
export async function lockClassShared(tx: Queryable, classId: number): Promise<ClassContextRow | null> {
  const r = await tx.query<ClassContextRow>(`${CLASS_CONTEXT} WHERE c.id = $1 FOR SHARE OF c`, [classId]);
  return r.rows[0] ?? null;
}

export interface SessionContextRow {
  id: number;
  class_id: number;
  class_module_id: number | null;
  module_code: string | null;
  module_name: string | null;
  kind: 'lesson' | 'field_trip' | 'exam';
  on_date: string;
  starts_at: string;
  ends_at: string;
  lecturer_id: number | null;
  checkin_secret: string;
  class_name: string;
  cohort_code: string;
  class_status: 'open' | 'closed' | 'finished';
  organiser_path: string;
  /** The given lecturer teaches it: the session's lecturer or, when it names none, a lecturer of its module. */
  taught_by_lecturer: boolean;
}

/** One session with its class; `lecturerId` (the caller's lecturer record, if any) fills `taught_by_lecturer`. */
export async function findSessionContext(db: Queryable, sessionId: number, lecturerId: number | null): Promise<SessionContextRow | null> {
  const r = await db.query<SessionContextRow>(
    `SELECT s.id, s.class_id, s.class_module_id, m.code AS module_code, m.name AS module_name, s.kind, s.on_date,
       to_char(s.starts_at, 'HH24:MI') AS starts_at, to_char(s.ends_at, 'HH24:MI') AS ends_at, s.lecturer_id, s.checkin_secret,
       c.name AS class_name, c.cohort_code, c.status AS class_status, ou.path AS organiser_path,
       (s.lecturer_id = $2 OR (s.lecturer_id IS NULL AND EXISTS (
          SELECT 1 FROM class_module_lecturers ml WHERE ml.class_module_id = s.class_module_id AND ml.lecturer_id = $2))) IS TRUE AS taught_by_lecturer
     FROM class_sessions s
     JOIN classes c ON c.id = s.class_id
     JOIN units ou ON ou.id = c.organiser_unit_id
     LEFT JOIN class_modules m ON m.id = s.class_module_id
     WHERE s.id = $1`,
    [sessionId, lecturerId],
  );
  return r.rows[0] ?? null;
}

/** Sessions of a class by id, with their module (for answers naming sessions). */
export interface SessionBriefRow {
  id: number;
  class_id: number;
  class_module_id: number | null;
  module_code: string | null;
  module_name: string | null;
  kind: 'lesson' | 'field_trip' | 'exam';
  on_date: string;
  starts_at: string;
  ends_at: string;
  lecturer_id: number | null;
}

export async function listClassSessions(db: Queryable, classId: number): Promise<SessionBriefRow[]> {
  const r = await db.query<SessionBriefRow>(
    `SELECT s.id, s.class_id, s.class_module_id, m.code AS module_code, m.name AS module_name, s.kind, s.on_date,
       to_char(s.starts_at, 'HH24:MI') AS starts_at, to_char(s.ends_at, 'HH24:MI') AS ends_at, s.lecturer_id
     FROM class_sessions s LEFT JOIN class_modules m ON m.id = s.class_module_id
     WHERE s.class_id = $1 ORDER BY s.on_date, s.starts_at, s.id`,
    [classId],
  );
  return r.rows;
}

/** The lecturer teaches in the class: a session of it, or a module of it. */
export async function lecturerTeachesClass(db: Queryable, lecturerId: number, classId: number): Promise<boolean> {
  const r = await db.query(
    `SELECT 1 WHERE EXISTS (SELECT 1 FROM class_sessions s WHERE s.class_id = $1 AND s.lecturer_id = $2)
       OR EXISTS (SELECT 1 FROM class_module_lecturers ml JOIN class_modules m ON m.id = ml.class_module_id WHERE m.class_id = $1 AND ml.lecturer_id = $2)`,
    [classId, lecturerId],
  );
  return r.rows.length > 0;
}

/** The modules of the class the lecturer is assigned to (class_module_lecturers). */
export async function lecturerModuleIds(db: Queryable, lecturerId: number, classId: number): Promise<number[]> {
  const r = await db.query<{ id: number }>(
    `SELECT m.id FROM class_module_lecturers ml JOIN class_modules m ON m.id = ml.class_module_id WHERE m.class_id = $1 AND ml.lecturer_id = $2 ORDER BY m.id`,
    [classId, lecturerId],
  );
  return r.rows.map((x) => x.id);
}

// ---------- enrolments ----------

export interface EnrolmentRow {
  id: number;
  class_id: number;
  status: 'enrolled' | 'completed' | 'failed' | 'withdrawn';
  person_id: number;
  full_name: string;
  birth_date: string;
  unit_id: number;
  unit_name: string;
  unit_path: string;
  average: number | null;
  final_grade: number | null;
  classification: string | null;
  graduated_on: string | null;
}

const ENROLMENT_SELECT = `
  SELECT e.id, e.class_id, e.status, e.person_id, p.full_name, p.birth_date, p.unit_id, u.name AS unit_name, u.path AS unit_path,
    e.average, e.final_grade, e.classification, e.graduated_on
  FROM enrolments e
  JOIN people p ON p.id = e.person_id
  JOIN units u ON u.id = p.unit_id`;

/** The class's learners (withdrawn ones left out), by name. */
export async function listClassEnrolments(db: Queryable, classId: number): Promise<EnrolmentRow[]> {
  const r = await db.query<EnrolmentRow>(`${ENROLMENT_SELECT} WHERE e.class_id = $1 AND e.status <> 'withdrawn' ORDER BY p.sort_key, e.id`, [classId]);
  return r.rows;
}

/** An enrolment in a class (any status; null for an enrolment recorded before classes existed). */
export async function findEnrolment(db: Queryable, enrolmentId: number): Promise<EnrolmentRow | null> {
  const r = await db.query<EnrolmentRow>(`${ENROLMENT_SELECT} WHERE e.id = $1 AND e.class_id IS NOT NULL`, [enrolmentId]);
  return r.rows[0] ?? null;
}

/** Several enrolments in classes (any status), e.g. to decide what a list's rows offer. */
export async function findEnrolments(db: Queryable, enrolmentIds: readonly number[]): Promise<EnrolmentRow[]> {
  if (enrolmentIds.length === 0) return [];
  const r = await db.query<EnrolmentRow>(`${ENROLMENT_SELECT} WHERE e.id = ANY($1::int[]) AND e.class_id IS NOT NULL`, [enrolmentIds]);
  return r.rows;
}

/** The person's enrolment in the class (any status). */
export async function findPersonEnrolment(db: Queryable, classId: number, personId: number): Promise<EnrolmentRow | null> {
  const r = await db.query<EnrolmentRow>(`${ENROLMENT_SELECT} WHERE e.class_id = $1 AND e.person_id = $2`, [classId, personId]);
  return r.rows[0] ?? null;
}

// ---------- attendance ----------

export interface AttendanceRow {
  session_id: number;
  enrolment_id: number;
  mark: 'present' | 'absent_excused' | 'absent_unexcused' | 'recalled';
  source: 'registrar' | 'lecturer' | 'qr' | 'recall';
  client_id: string | null;
  checked_in_at: string | null;
  marked_by_name: string | null;
  marked_at: string;
}

const ATTENDANCE_SELECT = `
  SELECT a.session_id, a.enrolment_id, a.mark, a.source, a.client_id, a.checked_in_at, us.username AS marked_by_name, a.marked_at
  FROM attendance a LEFT JOIN users us ON us.id = a.marked_by`;

export async function listSessionAttendance(db: Queryable, sessionId: number): Promise<AttendanceRow[]> {
  const r = await db.query<AttendanceRow>(`${ATTENDANCE_SELECT} WHERE a.session_id = $1`, [sessionId]);
  return r.rows;
}

/** Marks of one enrolment, or of every enrolment of a class. */
export async function listAttendance(db: Queryable, target: { enrolmentId: number } | { classId: number }): Promise<AttendanceRow[]> {
  if ('enrolmentId' in target) {
    const r = await db.query<AttendanceRow>(`${ATTENDANCE_SELECT} WHERE a.enrolment_id = $1`, [target.enrolmentId]);
    return r.rows;
  }
  const r = await db.query<AttendanceRow>(
    `${ATTENDANCE_SELECT} JOIN class_sessions s ON s.id = a.session_id WHERE s.class_id = $1`,
    [target.classId],
  );
  return r.rows;
}

/** The marks of these learners in one session, locked until the transaction ends. */
export async function lockSessionMarks(tx: Queryable, sessionId: number, enrolmentIds: readonly number[]): Promise<AttendanceRow[]> {
  if (enrolmentIds.length === 0) return [];
  const r = await tx.query<AttendanceRow>(
    `SELECT a.session_id, a.enrolment_id, a.mark, a.source, a.client_id, a.checked_in_at, NULL::text AS marked_by_name, a.marked_at
     FROM attendance a WHERE a.session_id = $1 AND a.enrolment_id = ANY($2::int[]) FOR UPDATE`,
    [sessionId, [...enrolmentIds]],
  );
  return r.rows;
}

export interface MarkWrite {
  enrolmentId: number;
  mark: string;
}

/** Writes the marks of one session (a mark already there is replaced, keeping a check-in's time and id). */
export async function upsertMarks(tx: Queryable, sessionId: number, marks: readonly MarkWrite[], source: 'registrar' | 'lecturer', markedBy: number): Promise<void> {
  for (const chunk of chunks(marks)) {
    const p = new Params();
    const values = valuesSql(
      p,
      chunk.map((m) => [sessionId, m.enrolmentId, m.mark, source, markedBy]),
      ['int', 'int', 'text', 'text', 'int'],
    );
    await tx.query(
      `INSERT INTO attendance (session_id, enrolment_id, mark, source, marked_by) VALUES ${values}
       ON CONFLICT (session_id, enrolment_id) DO UPDATE
         SET mark = EXCLUDED.mark, source = EXCLUDED.source, marked_by = EXCLUDED.marked_by, marked_at = now()`,
      p.values,
    );
  }
}

export async function findAttendance(db: Queryable, sessionId: number, enrolmentId: number): Promise<AttendanceRow | null> {
  const r = await db.query<AttendanceRow>(`${ATTENDANCE_SELECT} WHERE a.session_id = $1 AND a.enrolment_id = $2`, [sessionId, enrolmentId]);
  return r.rows[0] ?? null;
}

export async function findAttendanceByClientId(db: Queryable, clientId: string): Promise<AttendanceRow | null> {
  const r = await db.query<AttendanceRow>(`${ATTENDANCE_SELECT} WHERE a.client_id = $1`, [clientId]);
  return r.rows[0] ?? null;
}

export interface CheckinWrite {
  sessionId: number;
  enrolmentId: number;
  clientId: string;
  checkedInAt: string;
  markedBy: number;
}

/**
 * Records a QR check-in as 'present' unless the learner already has a mark in the session or the
 * client id was used: true when this call wrote the row.
 */
export async function insertCheckin(tx: Queryable, w: CheckinWrite): Promise<boolean> {
  const r = await tx.query(
    `INSERT INTO attendance (session_id, enrolment_id, mark, source, client_id, checked_in_at, marked_by)
     VALUES ($1, $2, 'present', 'qr', $3, $4, $5) ON CONFLICT DO NOTHING RETURNING session_id`,
    [w.sessionId, w.enrolmentId, w.clientId, w.checkedInAt, w.markedBy],
  );
  return r.rows.length > 0;
}

/** A check-in replaces a mark that only a recorded recall put there (the learner came after all). */
export async function replaceRecallMarkWithCheckin(tx: Queryable, w: CheckinWrite): Promise<boolean> {
  const r = await tx.query(
    `UPDATE attendance SET mark = 'present', source = 'qr', client_id = $3, checked_in_at = $4, marked_by = $5, marked_at = now()
     WHERE session_id = $1 AND enrolment_id = $2 AND source = 'recall' RETURNING session_id`,
    [w.sessionId, w.enrolmentId, w.clientId, w.checkedInAt, w.markedBy],
  );
  return r.rows.length > 0;
}

// ---------- recalls ----------

export interface RecallRow {
  id: number;
  enrolment_id: number;
  from_date: string;
  to_date: string;
  reason: string;
  recorded_by_name: string | null;
  recorded_at: string;
}

const RECALL_SELECT = `
  SELECT r.id, r.enrolment_id, r.from_date, r.to_date, r.reason, us.username AS recorded_by_name, r.recorded_at
  FROM recalls r LEFT JOIN users us ON us.id = r.recorded_by`;

export async function listRecalls(db: Queryable, target: { enrolmentId: number } | { classId: number }): Promise<RecallRow[]> {
  const r =
    'enrolmentId' in target
      ? await db.query<RecallRow>(`${RECALL_SELECT} WHERE r.enrolment_id = $1 ORDER BY r.from_date, r.id`, [target.enrolmentId])
      : await db.query<RecallRow>(`${RECALL_SELECT} JOIN enrolments e ON e.id = r.enrolment_id WHERE e.class_id = $1 ORDER BY r.from_date, r.id`, [target.classId]);
  return r.rows;
}

export async function insertRecall(
  tx: Queryable,
  w: { enrolmentId: number; fromDate: string; toDate: string; reason: string; recordedBy: number },
): Promise<RecallRow> {
  const r = await tx.query<{ id: number }>(
    'INSERT INTO recalls (enrolment_id, from_date, to_date, reason, recorded_by) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [w.enrolmentId, w.fromDate, w.toDate, w.reason, w.recordedBy],
  );
  const row = await tx.query<RecallRow>(`${RECALL_SELECT} WHERE r.id = $1`, [r.rows[0]!.id]);
  return row.rows[0]!;
}

/** Marks every unmarked lesson and field trip of the class in [from, to] as recalled; returns the session ids. */
export async function markRecalledSessions(
  tx: Queryable,
  w: { classId: number; enrolmentId: number; fromDate: string; toDate: string; markedBy: number },
): Promise<number[]> {
  const r = await tx.query<{ session_id: number }>(
    `INSERT INTO attendance (session_id, enrolment_id, mark, source, marked_by)
     SELECT s.id, $2, 'recalled', 'recall', $5 FROM class_sessions s
     WHERE s.class_id = $1 AND s.kind <> 'exam' AND s.on_date BETWEEN $3 AND $4
     ORDER BY s.on_date, s.starts_at, s.id
     ON CONFLICT (session_id, enrolment_id) DO NOTHING
     RETURNING session_id`,
    [w.classId, w.enrolmentId, w.fromDate, w.toDate, w.markedBy],
  );
  return r.rows.map((x) => x.session_id);
}

// ---------- make-ups ----------

export interface MakeUpRow {
  id: number;
  enrolment_id: number;
  session_id: number;
  done_on: string;
  note: string | null;
  recorded_by_name: string | null;
  recorded_at: string;
}

const MAKE_UP_SELECT = `
  SELECT mu.id, mu.enrolment_id, mu.session_id, mu.done_on, mu.note, us.username AS recorded_by_name, mu.recorded_at
  FROM make_ups mu LEFT JOIN users us ON us.id = mu.recorded_by`;

export async function listMakeUps(db: Queryable, target: { enrolmentId: number } | { classId: number }): Promise<MakeUpRow[]> {
  const r =
    'enrolmentId' in target
      ? await db.query<MakeUpRow>(`${MAKE_UP_SELECT} WHERE mu.enrolment_id = $1 ORDER BY mu.done_on, mu.id`, [target.enrolmentId])
      : await db.query<MakeUpRow>(`${MAKE_UP_SELECT} JOIN enrolments e ON e.id = mu.enrolment_id WHERE e.class_id = $1 ORDER BY mu.done_on, mu.id`, [target.classId]);
  return r.rows;
}

/** Records a make-up; null when one is already recorded for that session. */
export async function insertMakeUp(
  tx: Queryable,
  w: { enrolmentId: number; sessionId: number; doneOn: string; note: string | null; recordedBy: number },
): Promise<MakeUpRow | null> {
  const r = await tx.query<{ id: number }>(
    `INSERT INTO make_ups (enrolment_id, session_id, done_on, note, recorded_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (enrolment_id, session_id) DO NOTHING RETURNING id`,
    [w.enrolmentId, w.sessionId, w.doneOn, w.note, w.recordedBy],
  );
  if (r.rows.length === 0) return null;
  const row = await tx.query<MakeUpRow>(`${MAKE_UP_SELECT} WHERE mu.id = $1`, [r.rows[0]!.id]);
  return row.rows[0]!;
}

// ---------- conduct reports ----------

export interface ConductReportRow {
  enrolment_id: number;
  enrolment_status: string;
  person_id: number;
  full_name: string;
  birth_date: string;
  unit_id: number;
  unit_name: string;
  class_id: number;
  class_name: string;
  cohort_code: string;
  programme_code: string;
  programme_name: string;
  start_date: string;
  end_date: string;
  class_status: 'open' | 'closed' | 'finished';
  requested_at: string;
  requested_by_name: string | null;
  due_on: string;
  reminders: number;
  last_reminded_at: string | null;
  received_at: string | null;
  satisfactory: boolean | null;
  content: { conduct?: string; discipline?: string; workDuringCourse?: string } | null;
  filled_by_name: string | null;
}

const CONDUCT_FROM = `
  FROM conduct_reports cr
  JOIN enrolments e ON e.id = cr.enrolment_id
  JOIN people p ON p.id = e.person_id
  JOIN units pu ON pu.id = p.unit_id
  JOIN classes c ON c.id = e.class_id
  JOIN programmes pr ON pr.code = c.programme_code
  JOIN units ou ON ou.id = c.organiser_unit_id
  LEFT JOIN users rq ON rq.id = cr.requested_by
  LEFT JOIN users fb ON fb.id = cr.filled_by`;

const CONDUCT_COLUMNS = `
  cr.enrolment_id, e.status AS enrolment_status, p.id AS person_id, p.full_name, p.birth_date, pu.id AS unit_id, pu.name AS unit_name,
  c.id AS class_id, c.name AS class_name, c.cohort_code, c.programme_code, pr.name AS programme_name, c.start_date, c.end_date,
  c.status AS class_status, cr.requested_at, rq.username AS requested_by_name, cr.due_on, cr.reminders, cr.last_reminded_at,
  cr.received_at, cr.satisfactory, cr.content, fb.username AS filled_by_name`;

/** Who sees which reports: the agency its people's (`personScope`), the school its classes' (`organiserScope`). */
export interface ConductVisibility {
  personScope: Scope | null;
  organiserScope: Scope | null;
}

export interface ConductFilter {
  status: 'pending' | 'received' | 'all';
  overdueOn?: string;
  classId?: number;
}

export async function listConductReports(
  db: Queryable,
  v: ConductVisibility,
  filter: ConductFilter,
  limit: number,
  offset: number,
): Promise<{ rows: ConductReportRow[]; total: number }> {
  const p = new Params();
  const seen: string[] = [];
  if (v.personScope) seen.push(scopeCondition(v.personScope, p, 'pu', 'p'));
  if (v.organiserScope) seen.push(scopeCondition(v.organiserScope, p, 'ou'));
  if (seen.length === 0) return { rows: [], total: 0 };
  // a request left unanswered when the class graduated is owed by nobody any more
  const conds = [`(${seen.join(' OR ')})`, "e.status <> 'withdrawn'", "(cr.received_at IS NOT NULL OR c.status <> 'finished')"];
  if (filter.status === 'pending') conds.push('cr.received_at IS NULL');
  if (filter.status === 'received') conds.push('cr.received_at IS NOT NULL');
  if (filter.overdueOn !== undefined) conds.push(`cr.received_at IS NULL AND cr.due_on < ${p.add(filter.overdueOn)}`);
  if (filter.classId !== undefined) conds.push(`c.id = ${p.add(filter.classId)}`);
  const where = conds.join(' AND ');
  const page = await db.query<ConductReportRow>(
    `SELECT ${CONDUCT_COLUMNS} ${CONDUCT_FROM} WHERE ${where}
     ORDER BY (cr.received_at IS NULL) DESC, cr.due_on, c.id, p.sort_key, cr.enrolment_id LIMIT ${limit | 0} OFFSET ${offset | 0}`,
    p.values,
  );
  const count = await db.query<{ n: number }>(`SELECT count(*)::int AS n ${CONDUCT_FROM} WHERE ${where}`, p.values);
  return { rows: page.rows, total: count.rows[0]?.n ?? 0 };
}

export async function findConductReport(db: Queryable, enrolmentId: number, forUpdate = false): Promise<ConductReportRow | null> {
  const r = await db.query<ConductReportRow>(
    `SELECT ${CONDUCT_COLUMNS} ${CONDUCT_FROM} WHERE cr.enrolment_id = $1 ${forUpdate ? 'FOR UPDATE OF cr' : ''}`,
    [enrolmentId],
  );
  return r.rows[0] ?? null;
}

export async function listClassConductReports(db: Queryable, classId: number): Promise<ConductReportRow[]> {
  const r = await db.query<ConductReportRow>(`SELECT ${CONDUCT_COLUMNS} ${CONDUCT_FROM} WHERE c.id = $1`, [classId]);
  return r.rows;
}

/** Asks for a report on every enrolled learner of the class who has none; returns the enrolments asked. */
export async function insertConductRequests(
  tx: Queryable,
  w: { classId: number; dueOn: string; requestedBy: number },
): Promise<{ enrolment_id: number; person_id: number }[]> {
  const r = await tx.query<{ enrolment_id: number; person_id: number }>(
    `INSERT INTO conduct_reports (enrolment_id, due_on, requested_by)
     SELECT e.id, $2, $3 FROM enrolments e WHERE e.class_id = $1 AND e.status = 'enrolled' ORDER BY e.id
     ON CONFLICT (enrolment_id) DO NOTHING
     RETURNING enrolment_id, (SELECT person_id FROM enrolments WHERE id = enrolment_id) AS person_id`,
    [w.classId, w.dueOn, w.requestedBy],
  );
  return r.rows;
}

export async function countConductRequests(db: Queryable, classId: number): Promise<number> {
  const r = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM conduct_reports cr JOIN enrolments e ON e.id = cr.enrolment_id WHERE e.class_id = $1 AND e.status = 'enrolled'`,
    [classId],
  );
  return r.rows[0]?.n ?? 0;
}

/** Records the agency's report (a request not yet made is made now, due on `dueOnIfNew`). */
export async function saveConductReport(
  tx: Queryable,
  w: { enrolmentId: number; satisfactory: boolean; content: Record<string, string>; filledBy: number; dueOnIfNew: string },
): Promise<void> {
  await tx.query(
    `INSERT INTO conduct_reports (enrolment_id, due_on, received_at, satisfactory, content, filled_by)
     VALUES ($1, $2, now(), $3, $4, $5)
     ON CONFLICT (enrolment_id) DO UPDATE
       SET received_at = now(), satisfactory = EXCLUDED.satisfactory, content = EXCLUDED.content, filled_by = EXCLUDED.filled_by`,
    [w.enrolmentId, w.dueOnIfNew, w.satisfactory, JSON.stringify(w.content), w.filledBy],
  );
}

/**
 * One reminder a day for each report past its due date and not received, of learners still
 * enrolled in a class not finished: reminders + 1 and last_reminded_at = now(), unless already
 * reminded since `since` (the start of today). Returns what was reminded.
 */
export async function remindOverdueConductReports(
  db: Queryable,
  today: string,
  since: string,
): Promise<{ enrolment_id: number; person_id: number; reminders: number; due_on: string }[]> {
  const r = await db.query<{ enrolment_id: number; person_id: number; reminders: number; due_on: string }>(
    `UPDATE conduct_reports cr SET reminders = cr.reminders + 1, last_reminded_at = now()
     FROM enrolments e JOIN classes c ON c.id = e.class_id
     WHERE e.id = cr.enrolment_id AND cr.received_at IS NULL AND cr.due_on < $1
       AND e.status = 'enrolled' AND c.status <> 'finished'
       AND (cr.last_reminded_at IS NULL OR cr.last_reminded_at < $2::timestamptz)
     RETURNING cr.enrolment_id, e.person_id, cr.reminders, cr.due_on`,
    [today, since],
  );
  return r.rows;
}

// ---------- grades ----------

export interface GradeRow {
  enrolment_id: number;
  class_module_id: number | null;
  value: number;
  entered_by_name: string | null;
  entered_at: string;
  version: number;
}

const GRADE_SELECT = `
  SELECT g.enrolment_id, g.class_module_id, g.value, us.username AS entered_by_name, g.entered_at, g.version
  FROM grades g LEFT JOIN users us ON us.id = g.entered_by`;

export async function listGrades(db: Queryable, target: { enrolmentId: number } | { classId: number }): Promise<GradeRow[]> {
  const r =
    'enrolmentId' in target
      ? await db.query<GradeRow>(`${GRADE_SELECT} WHERE g.enrolment_id = $1`, [target.enrolmentId])
      : await db.query<GradeRow>(`${GRADE_SELECT} JOIN enrolments e ON e.id = g.enrolment_id WHERE e.class_id = $1`, [target.classId]);
  return r.rows;
}

/** The grades of these learners, locked until the transaction ends. */
export async function lockGrades(tx: Queryable, enrolmentIds: readonly number[]): Promise<GradeRow[]> {
  if (enrolmentIds.length === 0) return [];
  const r = await tx.query<GradeRow>(
    `SELECT g.enrolment_id, g.class_module_id, g.value, NULL::text AS entered_by_name, g.entered_at, g.version
     FROM grades g WHERE g.enrolment_id = ANY($1::int[]) FOR UPDATE`,
    [[...enrolmentIds]],
  );
  return r.rows;
}

export interface GradeWrite {
  enrolmentId: number;
  moduleId: number | null;
  value: number;
}

/** Writes grades (a grade already there is replaced and its version bumped). */
export async function upsertGrades(tx: Queryable, grades: readonly GradeWrite[], enteredBy: number): Promise<void> {
  const modules = grades.filter((g) => g.moduleId !== null);
  const finals = grades.filter((g) => g.moduleId === null);
  const set = 'SET value = EXCLUDED.value, entered_by = EXCLUDED.entered_by, entered_at = now(), version = grades.version + 1';
  for (const chunk of chunks(modules)) {
    const p = new Params();
    const values = valuesSql(p, chunk.map((g) => [g.enrolmentId, g.moduleId, g.value, enteredBy]), ['int', 'int', 'numeric', 'int']);
    await tx.query(
      `INSERT INTO grades (enrolment_id, class_module_id, value, entered_by) VALUES ${values}
       ON CONFLICT (enrolment_id, class_module_id) WHERE class_module_id IS NOT NULL DO UPDATE ${set}`,
      p.values,
    );
  }
  for (const chunk of chunks(finals)) {
    const p = new Params();
    const values = valuesSql(p, chunk.map((g) => [g.enrolmentId, null, g.value, enteredBy]), ['int', 'int', 'numeric', 'int']);
    await tx.query(
      `INSERT INTO grades (enrolment_id, class_module_id, value, entered_by) VALUES ${values}
       ON CONFLICT (enrolment_id) WHERE class_module_id IS NULL DO UPDATE ${set}`,
      p.values,
    );
  }
}

export async function deleteGrades(tx: Queryable, grades: readonly { enrolmentId: number; moduleId: number | null }[]): Promise<void> {
  for (const g of grades) {
    await tx.query(
      g.moduleId === null
        ? 'DELETE FROM grades WHERE enrolment_id = $1 AND class_module_id IS NULL'
        : 'DELETE FROM grades WHERE enrolment_id = $1 AND class_module_id = $2',
      g.moduleId === null ? [g.enrolmentId] : [g.enrolmentId, g.moduleId],
    );
  }
}

// ---------- graduation ----------

export interface OutcomeWrite {
  enrolmentId: number;
  status: 'completed' | 'failed';
  average: number | null;
  finalGrade: number | null;
  classification: string | null;
  graduatedOn: string | null;
  /** The day the learner's enrolment ends (the decision), not before it started. */
  endedOn: string;
}

export async function writeOutcomes(tx: Queryable, outcomes: readonly OutcomeWrite[]): Promise<void> {
  for (const chunk of chunks(outcomes)) {
    const p = new Params();
    const values = valuesSql(
      p,
      chunk.map((o) => [o.enrolmentId, o.status, o.average, o.finalGrade, o.classification, o.graduatedOn, o.endedOn]),
      ['int', 'text', 'numeric', 'numeric', 'text', 'date', 'date'],
    );
    await tx.query(
      `UPDATE enrolments e SET status = v.status, average = v.average, final_grade = v.final_grade, classification = v.classification,
         graduated_on = v.graduated_on, ended_on = GREATEST(e.started_on, v.ended_on)
       FROM (VALUES ${values}) AS v(id, status, average, final_grade, classification, graduated_on, ended_on)
       WHERE e.id = v.id`,
      p.values,
    );
  }
}

export async function finishClass(tx: Queryable, classId: number): Promise<void> {
  await tx.query("UPDATE classes SET status = 'finished', graduated_at = now(), version = version + 1 WHERE id = $1", [classId]);
}
