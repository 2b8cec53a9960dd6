import { randomBytes } from 'node:crypto';
import { training, type Role } from '@nang-tam/domain';
import { lecturersRepo, usersRepo, type Db } from '@nang-tam/db';
import { hashPassword } from '../../apps/server/src/auth/password.js';
import { PASSWORD } from './fixtures.js';

/**
 * Classes with modules, sessions, lecturers and enrolments for the learner tests, written straight
 * into the tables of 007_classes.sql (dates relative to today, so sessions are held or not as the
 * test needs, whatever day it runs).
 */

/** The date `days` days after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export interface TrainingClassInput {
  organiserUnitId: number;
  cohortCode: string;
  startDate: string;
  endDate: string;
  programmeCode?: string;
  /** Default: the shipped 10-point scheme (step 0.1, pass at 5). */
  scheme?: training.GradingScheme;
  /** Default: trung cấp LLCT's (80% attendance, final exam, conduct report required). */
  conditions?: training.GraduationConditions;
  modules: { code: string; name: string; periods: number }[];
}

/** Inserts an open class with its modules; returns its id and module ids by code. */
export async function insertTrainingClass(db: Db, c: TrainingClassInput): Promise<{ id: number; modules: Record<string, number> }> {
  const r = await db.query<{ id: number }>(
    `INSERT INTO classes (programme_code, cohort_code, name, mode, organiser_unit_id, site, start_date, end_date, capacity, grading_scheme, graduation_conditions)
     VALUES ($1, $2, $3, 'full_time', $4, 'Trường Chính trị tỉnh', $5, $6, 60, $7, $8) RETURNING id`,
    [
      c.programmeCode ?? 'TC_LLCT',
      c.cohortCode,
      `Lớp trung cấp lý luận chính trị ${c.cohortCode}`,
      c.organiserUnitId,
      c.startDate,
      c.endDate,
      JSON.stringify(c.scheme ?? training.DEFAULT_GRADING_SCHEME),
      JSON.stringify(c.conditions ?? training.PROGRAMME_GRADUATION_CONDITIONS.TC_LLCT),
    ],
  );
  const id = r.rows[0]!.id;
  const modules: Record<string, number> = {};
  for (const [i, m] of c.modules.entries()) {
    const x = await db.query<{ id: number }>('INSERT INTO class_modules (class_id, code, name, periods, sort_order) VALUES ($1, $2, $3, $4, $5) RETURNING id', [
      id,
      m.code,
      m.name,
      m.periods,
      i + 1,
    ]);
    modules[m.code] = x.rows[0]!.id;
  }
  return { id, modules };
}

export async function insertLecturer(db: Db, fullName: string, unitId: number, userId: number | null = null): Promise<number> {
  return lecturersRepo.insertLecturer(db, { fullName, kind: 'school', title: null, organisation: null, userId, unitId, active: true });
}

export async function assignLecturer(db: Db, moduleId: number, lecturerId: number, periods: number): Promise<void> {
  await db.query('INSERT INTO class_module_lecturers (class_module_id, lecturer_id, periods) VALUES ($1, $2, $3)', [moduleId, lecturerId, periods]);
}

export interface SessionInput {
  moduleId: number | null;
  date: string;
  start?: string;
  end?: string;
  kind?: 'lesson' | 'field_trip' | 'exam';
  lecturerId?: number | null;
}

export async function insertSession(db: Db, classId: number, s: SessionInput): Promise<number> {
  const r = await db.query<{ id: number }>(
    `INSERT INTO class_sessions (class_id, class_module_id, kind, on_date, starts_at, ends_at, room, lecturer_id, checkin_secret)
     VALUES ($1, $2, $3, $4, $5, $6, 'Phòng 201', $7, $8) RETURNING id`,
    [classId, s.moduleId, s.kind ?? 'lesson', s.date, s.start ?? '07:30', s.end ?? '11:00', s.lecturerId ?? null, randomBytes(32).toString('base64url')],
  );
  return r.rows[0]!.id;
}

/** An enrolment of the person in the class (as the school's acceptance would write it). */
export async function enrol(db: Db, classId: number, personId: number): Promise<number> {
  const r = await db.query<{ id: number }>(
    `INSERT INTO enrolments (person_id, programme_code, status, started_on, ended_on, class_id)
     SELECT $2, c.programme_code, 'enrolled', c.start_date, c.end_date, c.id FROM classes c WHERE c.id = $1 RETURNING id`,
    [classId, personId],
  );
  return r.rows[0]!.id;
}

/** One more account (password PASSWORD). */
export async function addUser(db: Db, username: string, role: Role, unitId: number, personId: number | null = null): Promise<number> {
  return usersRepo.insertUser(db, { username, passwordHash: await hashPassword(PASSWORD), displayName: username, role, unitId, personId });
}
