/**
 * Classes (lớp, khóa): the class row with its snapshot of the programme's scheme and conditions,
 * its modules and their lecturers, its sessions (the schedule), and the place counts read from
 * nominations. One class row shape (`ClassRow`) for every repository that reads a class. Reads are
 * province-wide; writes lock the class row (under the caller's scope, when given).
 */
import { foldVietnamese, type Scope, type training } from '@nang-tam/domain';
import type { Queryable } from '../create-db.js';
import { insertRows } from '../batch.js';
import { Params, likeEscape, scopeCondition } from './scope.js';
import { placeCountColumns } from './nominations.repository.js';

// ---------- diacritic-free matching of class names in SQL ----------

/**
 * translate() arguments that fold every precomposed Vietnamese letter (either case) to its plain
 * Latin letter, as foldVietnamese does; lower() then takes care of plain capitals. Text reaches
 * the database in NFC (every free-text field is normalised at the edge).
 */
function buildFoldMap(): { from: string; to: string } {
  let from = '';
  let to = '';
  for (const vowel of ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y']) {
    for (const mark of ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323']) {
      for (const base of [vowel, vowel.toUpperCase()]) {
        const letter = `${base}${mark}`.normalize('NFC');
        const folded = foldVietnamese(letter);
        if ([...letter].length !== 1 || folded.length !== 1 || folded === letter) continue;
        from += letter;
        to += folded;
      }
    }
  }
  return { from: `${from}đĐ`, to: `${to}dd` };
}
const FOLD = buildFoldMap();

function foldedSql(expr: string, p: Params): string {
  return `lower(translate(${expr}, ${p.add(FOLD.from)}, ${p.add(FOLD.to)}))`;
}

// ---------- classes ----------

/**
 * A class as every repository reads it (classes, nominations, boards): the row with its
 * programme's name, kind and approver and its organiser unit.
 */
export interface ClassRow {
  id: number;
  programme_code: string;
  programme_name: string;
  programme_kind: string;
  /** Who approves its nominations after the agency (programmes.approver). */
  approver: 'province_board' | 'home_affairs';
  cohort_code: string;
  name: string;
  mode: 'full_time' | 'part_time' | 'online';
  organiser_unit_id: number;
  organiser_name: string;
  organiser_path: string;
  site: string;
  start_date: string;
  end_date: string;
  capacity: number;
  status: 'open' | 'closed' | 'finished';
  grading_scheme: training.GradingScheme;
  graduation_conditions: training.GraduationConditions;
  graduated_at: string | null;
  version: number;
  created_at: string;
}

/** The class's places, counted from its nominations (nominations.repository's placeCountColumns). */
export interface ClassPlaces {
  places_taken: number;
  waitlisted: number;
  enrolled: number;
}

export type ClassWithPlacesRow = ClassRow & ClassPlaces;

/** The class row a write has locked (lockClass). */
export type LockedClass = ClassRow;

/** The columns of ClassRow over `classes c` joined by CLASS_JOINS. */
export const CLASS_COLUMNS = `c.id, c.programme_code, pr.name AS programme_name, pr.kind AS programme_kind, pr.approver, c.cohort_code, c.name, c.mode,
    c.organiser_unit_id, ou.name AS organiser_name, ou.path AS organiser_path, c.site, c.start_date, c.end_date, c.capacity,
    c.status, c.grading_scheme, c.graduation_conditions, c.graduated_at, c.version, c.created_at`;
export const CLASS_JOINS = 'JOIN programmes pr ON pr.code = c.programme_code JOIN units ou ON ou.id = c.organiser_unit_id';

export interface ClassListFilter {
  /** Classes whose dates meet this period (inclusive). */
  runningFrom?: string;
  runningTo?: string;
  programmeCode?: string;
  status?: string;
  /** The organiser unit's subtree. */
  organiserPath?: string;
  words: string[];
}

/** Classes with their places: one lateral count per class row, in the same statement. */
const CLASS_WITH_PLACES_SELECT = `
  SELECT ${CLASS_COLUMNS},
    coalesce(n.places_taken, 0) AS places_taken, coalesce(n.waitlisted, 0) AS waitlisted, coalesce(n.enrolled, 0) AS enrolled
  FROM classes c ${CLASS_JOINS}
  LEFT JOIN LATERAL (SELECT ${placeCountColumns('nm')} FROM nominations nm WHERE nm.class_id = c.id) n ON true`;

export async function listClasses(
  db: Queryable,
  filter: ClassListFilter,
  limit: number,
  offset: number,
): Promise<{ rows: ClassWithPlacesRow[]; total: number }> {
  const p = new Params();
  const conds: string[] = ['true'];
  if (filter.runningFrom !== undefined) conds.push(`c.end_date >= ${p.add(filter.runningFrom)}`);
  if (filter.runningTo !== undefined) conds.push(`c.start_date <= ${p.add(filter.runningTo)}`);
  if (filter.programmeCode !== undefined) conds.push(`c.programme_code = ${p.add(filter.programmeCode)}`);
  if (filter.status !== undefined) conds.push(`c.status = ${p.add(filter.status)}`);
  if (filter.organiserPath !== undefined) conds.push(`ou.path LIKE ${p.add(`${likeEscape(filter.organiserPath)}%`)}`);
  if (filter.words.length > 0) {
    const folded = foldedSql(`c.name || ' ' || c.cohort_code`, p);
    for (const w of filter.words) conds.push(`${folded} LIKE ${p.add(`%${likeEscape(w)}%`)}`);
  }
  const where = conds.join(' AND ');
  const page = await db.query<ClassWithPlacesRow>(
    `${CLASS_WITH_PLACES_SELECT} WHERE ${where} ORDER BY c.start_date DESC, c.programme_code, c.cohort_code, c.id LIMIT ${limit | 0} OFFSET ${offset | 0}`,
    p.values,
  );
  const count = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM classes c JOIN units ou ON ou.id = c.organiser_unit_id WHERE ${where}`,
    p.values,
  );
  return { rows: page.rows, total: count.rows[0]?.n ?? 0 };
}

/** One class with its place counts (classes are readable province-wide). */
export async function findClass(db: Queryable, id: number): Promise<ClassWithPlacesRow | null> {
  const r = await db.query<ClassWithPlacesRow>(`${CLASS_WITH_PLACES_SELECT} WHERE c.id = $1`, [id]);
  return r.rows[0] ?? null;
}

/**
 * Locks the class row until the transaction ends: the one lock that orders every place change
 * (nominations take it before they take or free a place; class changes before they count them).
 * With a scope, only when the organiser unit lies in it; null otherwise (missing or out of scope).
 */
export async function lockClass(tx: Queryable, scope: Scope | null, id: number): Promise<ClassRow | null> {
  const p = new Params();
  const conds = [`c.id = ${p.add(id)}`];
  if (scope !== null) conds.push(scopeCondition(scope, p, 'ou'));
  const r = await tx.query<ClassRow>(
    `SELECT ${CLASS_COLUMNS} FROM classes c ${CLASS_JOINS} WHERE ${conds.join(' AND ')} FOR UPDATE OF c`,
    p.values,
  );
  return r.rows[0] ?? null;
}

export async function cohortCodeTaken(db: Queryable, programmeCode: string, cohortCode: string, exceptClassId = 0): Promise<boolean> {
  const r = await db.query('SELECT 1 FROM classes WHERE programme_code = $1 AND lower(cohort_code) = lower($2) AND id <> $3', [
    programmeCode,
    cohortCode,
    exceptClassId,
  ]);
  return r.rows.length > 0;
}

export interface ClassWrite {
  programmeCode: string;
  cohortCode: string;
  name: string;
  mode: string;
  organiserUnitId: number;
  site: string;
  startDate: string;
  endDate: string;
  capacity: number;
  gradingScheme: training.GradingScheme;
  graduationConditions: training.GraduationConditions;
  createdBy: number;
}

export async function insertClass(tx: Queryable, w: ClassWrite): Promise<number> {
  const [id] = await insertRows<number>(
    tx,
    'classes',
    [
      'programme_code',
      'cohort_code',
      'name',
      'mode',
      'organiser_unit_id',
      'site',
      'start_date',
      'end_date',
      'capacity',
      'grading_scheme',
      'graduation_conditions',
      'created_by',
    ],
    [
      [
        w.programmeCode,
        w.cohortCode,
        w.name,
        w.mode,
        w.organiserUnitId,
        w.site,
        w.startDate,
        w.endDate,
        w.capacity,
        JSON.stringify(w.gradingScheme),
        JSON.stringify(w.graduationConditions),
        w.createdBy,
      ],
    ],
    { returning: 'id' },
  );
  return id!;
}

export interface ClassChange {
  cohortCode: string;
  name: string;
  mode: string;
  site: string;
  startDate: string;
  endDate: string;
  capacity: number;
  status: string;
}

/** Writes the change when the version still matches (and bumps it); false when someone else changed the class. */
export async function updateClass(tx: Queryable, id: number, version: number, w: ClassChange): Promise<boolean> {
  const r = await tx.query(
    `UPDATE classes SET cohort_code = $3, name = $4, mode = $5, site = $6, start_date = $7, end_date = $8, capacity = $9, status = $10,
       version = version + 1
     WHERE id = $1 AND version = $2`,
    [id, version, w.cohortCode, w.name, w.mode, w.site, w.startDate, w.endDate, w.capacity, w.status],
  );
  return r.rowCount === 1;
}

// ---------- modules and their lecturers ----------

export interface ClassModuleRow {
  id: number;
  class_id: number;
  code: string;
  name: string;
  periods: number;
  sort_order: number;
}

export async function insertClassModules(tx: Queryable, classId: number, modules: readonly training.ProgrammeModule[]): Promise<void> {
  await insertRows(
    tx,
    'class_modules',
    ['class_id', 'code', 'name', 'periods', 'sort_order'],
    modules.map((m, i) => [classId, m.code, m.name, m.periods, i + 1]),
  );
}

export async function listClassModules(db: Queryable, classId: number): Promise<ClassModuleRow[]> {
  const r = await db.query<ClassModuleRow>(
    'SELECT id, class_id, code, name, periods, sort_order FROM class_modules WHERE class_id = $1 ORDER BY sort_order, id',
    [classId],
  );
  return r.rows;
}

export async function findClassModule(db: Queryable, classId: number, moduleId: number): Promise<ClassModuleRow | null> {
  const r = await db.query<ClassModuleRow>(
    'SELECT id, class_id, code, name, periods, sort_order FROM class_modules WHERE class_id = $1 AND id = $2',
    [classId, moduleId],
  );
  return r.rows[0] ?? null;
}

/** A lecturer as classes show them. */
export interface LecturerRefRow {
  lecturer_id: number;
  lecturer_full_name: string;
  lecturer_kind: 'school' | 'guest';
  lecturer_title: string | null;
  lecturer_organisation: string | null;
}

const LECTURER_REF = `l.id AS lecturer_id, l.full_name AS lecturer_full_name, l.kind AS lecturer_kind, l.title AS lecturer_title,
  l.organisation AS lecturer_organisation`;

export interface ModuleLecturerRow extends LecturerRefRow {
  class_module_id: number;
  periods: number;
}

export async function listModuleLecturers(db: Queryable, classId: number): Promise<ModuleLecturerRow[]> {
  const r = await db.query<ModuleLecturerRow>(
    `SELECT ml.class_module_id, ml.periods, ${LECTURER_REF}
     FROM class_module_lecturers ml
     JOIN class_modules m ON m.id = ml.class_module_id
     JOIN lecturers l ON l.id = ml.lecturer_id
     WHERE m.class_id = $1 ORDER BY m.sort_order, ml.periods DESC, l.search_name`,
    [classId],
  );
  return r.rows;
}

/** Replaces a module's lecturers; returns the previous ones (lecturer id and periods). */
export async function replaceModuleLecturers(
  tx: Queryable,
  moduleId: number,
  lecturers: readonly { lecturerId: number; periods: number }[],
): Promise<{ lecturerId: number; periods: number }[]> {
  const before = await tx.query<{ lecturer_id: number; periods: number }>(
    'DELETE FROM class_module_lecturers WHERE class_module_id = $1 RETURNING lecturer_id, periods',
    [moduleId],
  );
  await insertRows(
    tx,
    'class_module_lecturers',
    ['class_module_id', 'lecturer_id', 'periods'],
    lecturers.map((l) => [moduleId, l.lecturerId, l.periods]),
  );
  return before.rows.map((r) => ({ lecturerId: r.lecturer_id, periods: r.periods })).sort((a, b) => a.lecturerId - b.lecturerId);
}

// ---------- sessions ----------

export interface SessionRow {
  id: number;
  class_id: number;
  class_module_id: number | null;
  module_code: string | null;
  module_name: string | null;
  kind: 'lesson' | 'field_trip' | 'exam';
  on_date: string;
  starts_at: string;
  ends_at: string;
  room: string | null;
  online_link: string | null;
  lecturer_id: number | null;
  lecturer_full_name: string | null;
  lecturer_kind: 'school' | 'guest' | null;
  lecturer_title: string | null;
  lecturer_organisation: string | null;
}

const SESSION_SELECT = `
  SELECT s.id, s.class_id, s.class_module_id, m.code AS module_code, m.name AS module_name, s.kind, s.on_date,
    to_char(s.starts_at, 'HH24:MI') AS starts_at, to_char(s.ends_at, 'HH24:MI') AS ends_at, s.room, s.online_link,
    s.lecturer_id, l.full_name AS lecturer_full_name, l.kind AS lecturer_kind, l.title AS lecturer_title, l.organisation AS lecturer_organisation
  FROM class_sessions s
  LEFT JOIN class_modules m ON m.id = s.class_module_id
  LEFT JOIN lecturers l ON l.id = s.lecturer_id`;

export async function listSessions(db: Queryable, classId: number): Promise<SessionRow[]> {
  const r = await db.query<SessionRow>(`${SESSION_SELECT} WHERE s.class_id = $1 ORDER BY s.on_date, s.starts_at, s.id`, [classId]);
  return r.rows;
}

export async function findSession(db: Queryable, classId: number, sessionId: number): Promise<SessionRow | null> {
  const r = await db.query<SessionRow>(`${SESSION_SELECT} WHERE s.class_id = $1 AND s.id = $2`, [classId, sessionId]);
  return r.rows[0] ?? null;
}

/** Sessions per module and per lecturer of one class. */
export async function countSessions(
  db: Queryable,
  classId: number,
): Promise<{ class_module_id: number | null; lecturer_id: number | null; n: number }[]> {
  const r = await db.query<{ class_module_id: number | null; lecturer_id: number | null; n: number }>(
    'SELECT class_module_id, lecturer_id, count(*)::int AS n FROM class_sessions WHERE class_id = $1 GROUP BY class_module_id, lecturer_id',
    [classId],
  );
  return r.rows;
}

/** Sessions of the class dated outside [startDate, endDate]. */
export async function countSessionsOutside(db: Queryable, classId: number, startDate: string, endDate: string): Promise<number> {
  const r = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM class_sessions WHERE class_id = $1 AND (on_date < $2 OR on_date > $3)',
    [classId, startDate, endDate],
  );
  return r.rows[0]?.n ?? 0;
}

export async function countAttendance(db: Queryable, sessionId: number): Promise<number> {
  const r = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM attendance WHERE session_id = $1', [sessionId]);
  return r.rows[0]?.n ?? 0;
}

export interface SessionWrite {
  classModuleId: number | null;
  kind: 'lesson' | 'field_trip' | 'exam';
  date: string;
  startTime: string;
  endTime: string;
  room: string | null;
  onlineLink: string | null;
  lecturerId: number | null;
}

export async function insertSession(tx: Queryable, classId: number, w: SessionWrite, checkinSecret: string): Promise<number> {
  const [id] = await insertRows<number>(
    tx,
    'class_sessions',
    ['class_id', 'class_module_id', 'kind', 'on_date', 'starts_at', 'ends_at', 'room', 'online_link', 'lecturer_id', 'checkin_secret'],
    [[classId, w.classModuleId, w.kind, w.date, w.startTime, w.endTime, w.room, w.onlineLink, w.lecturerId, checkinSecret]],
    { returning: 'id' },
  );
  return id!;
}

/** Writes many sessions of a class (with their check-in secrets) in multi-row statements; returns their ids in order. */
export async function insertSessions(tx: Queryable, classId: number, sessions: readonly (SessionWrite & { checkinSecret: string })[]): Promise<number[]> {
  return insertRows<number>(
    tx,
    'class_sessions',
    ['class_id', 'class_module_id', 'kind', 'on_date', 'starts_at', 'ends_at', 'room', 'online_link', 'lecturer_id', 'checkin_secret'],
    sessions.map((w) => [classId, w.classModuleId, w.kind, w.date, w.startTime, w.endTime, w.room, w.onlineLink, w.lecturerId, w.checkinSecret]),
    { returning: 'id' },
  );
}

/** Whether the written values differ from the row's (every SET expression sees the row before the update). */
const SESSION_CHANGED = `(class_module_id, kind, on_date, starts_at, ends_at, room, online_link, lecturer_id)
  IS DISTINCT FROM ($2::int, $3::text, $4::date, $5::time, $6::time, $7::text, $8::text, $9::int)`;

/** Writes a session; a real change raises its sequence (calendars: migration 025). */
export async function updateSession(tx: Queryable, sessionId: number, w: SessionWrite): Promise<void> {
  await tx.query(
    `UPDATE class_sessions SET
       sequence = sequence + CASE WHEN ${SESSION_CHANGED} THEN 1 ELSE 0 END,
       updated_at = CASE WHEN ${SESSION_CHANGED} THEN now() ELSE updated_at END,
       class_module_id = $2, kind = $3, on_date = $4, starts_at = $5, ends_at = $6, room = $7, online_link = $8, lecturer_id = $9
     WHERE id = $1`,
    [sessionId, w.classModuleId, w.kind, w.date, w.startTime, w.endTime, w.room, w.onlineLink, w.lecturerId],
  );
}

/** Deletes a session, keeping it as cancelled for the calendar feeds (same UID, next sequence). */
export async function deleteSession(tx: Queryable, sessionId: number): Promise<void> {
  await tx.query(
    `INSERT INTO cancelled_class_sessions (session_id, class_id, class_module_id, kind, on_date, starts_at, ends_at, room, online_link, lecturer_id, sequence)
     SELECT id, class_id, class_module_id, kind, on_date, starts_at, ends_at, room, online_link, lecturer_id, sequence + 1
     FROM class_sessions WHERE id = $1`,
    [sessionId],
  );
  await tx.query('DELETE FROM class_sessions WHERE id = $1', [sessionId]);
}

/**
 * Serialises schedule writes that touch the same room or lecturer until the transaction ends, so
 * two registrars cannot both pass the clash check. Keys are taken in sorted order (no deadlock).
 */
export async function lockSchedule(tx: Queryable, keys: readonly string[]): Promise<void> {
  for (const key of [...new Set(keys)].sort()) await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
}

/** The lock key of a room: rooms compare without case, spacing or diacritics. */
export function roomKey(room: string): string {
  return `room:${foldVietnamese(room)}`;
}

export function lecturerKey(lecturerId: number): string {
  return `lecturer:${lecturerId}`;
}

export interface ClashRow {
  clash: 'room' | 'lecturer';
  session_id: number;
  class_id: number;
  class_name: string;
  cohort_code: string;
  on_date: string;
  starts_at: string;
  ends_at: string;
  room: string | null;
  lecturer_full_name: string | null;
}

/**
 * Sessions of any class on the same date whose time overlaps [startTime, endTime) and that use
 * the same room (compared without case or diacritics) or the same lecturer.
 */
export async function findClashes(
  db: Queryable,
  q: { date: string; startTime: string; endTime: string; room: string | null; lecturerId: number | null; exceptSessionId?: number },
): Promise<ClashRow[]> {
  if (q.room === null && q.lecturerId === null) return [];
  const p = new Params();
  const kinds: string[] = [];
  if (q.room !== null) kinds.push(`(s.room IS NOT NULL AND ${foldedSql('s.room', p)} = ${p.add(foldVietnamese(q.room))})`);
  if (q.lecturerId !== null) kinds.push(`s.lecturer_id = ${p.add(q.lecturerId)}`);
  const roomTest = q.room !== null ? kinds[0]! : 'false';
  const r = await db.query<ClashRow>(
    `SELECT CASE WHEN ${roomTest} THEN 'room' ELSE 'lecturer' END AS clash,
       s.id AS session_id, s.class_id, c.name AS class_name, c.cohort_code, s.on_date,
       to_char(s.starts_at, 'HH24:MI') AS starts_at, to_char(s.ends_at, 'HH24:MI') AS ends_at, s.room, l.full_name AS lecturer_full_name
     FROM class_sessions s
     JOIN classes c ON c.id = s.class_id
     LEFT JOIN lecturers l ON l.id = s.lecturer_id
     WHERE s.on_date = ${p.add(q.date)} AND s.starts_at < ${p.add(q.endTime)}::time AND ${p.add(q.startTime)}::time < s.ends_at
       AND s.id <> ${p.add(q.exceptSessionId ?? 0)} AND (${kinds.join(' OR ')})
     ORDER BY s.starts_at, s.id`,
    p.values,
  );
  return r.rows;
}

// ---------- a lecturer's sessions ----------

export interface LecturerSessionRow extends SessionRow {
  class_name: string;
  cohort_code: string;
  programme_code: string;
  programme_name: string;
  site: string;
}

export async function listLecturerSessions(db: Queryable, lecturerId: number, from: string, to: string): Promise<LecturerSessionRow[]> {
  const r = await db.query<LecturerSessionRow>(
    `SELECT x.*, c.name AS class_name, c.cohort_code, c.programme_code, pr.name AS programme_name, c.site
     FROM (${SESSION_SELECT} WHERE s.lecturer_id = $1 AND s.on_date BETWEEN $2 AND $3) x
     JOIN classes c ON c.id = x.class_id
     JOIN programmes pr ON pr.code = c.programme_code
     ORDER BY x.on_date, x.starts_at, x.id`,
    [lecturerId, from, to],
  );
  return r.rows;
}

// ---------- the class and its sessions as the learners' records see them ----------

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

/** A session with its class and the caller's part in it. */
export interface SessionContextRow extends SessionBriefRow {
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
