/**
 * The facts the policies decide on (apps/server/src/policies), loaded through repositories. The
 * policies themselves never query; services (and the access-matrix test) load the facts here and
 * ask the policy.
 */
import { hasPermission, todayInVietnam } from '@nang-tam/domain';
import { learnersRepo, lecturersRepo, type Queryable } from '@nang-tam/db';
import type { AuthUser } from '../auth/auth-user.js';
import type { ClassFacts } from '../policies/class.js';

/** The caller's lecturer record (lecturers.user_id), when their role teaches. */
export async function lecturerIdOf(db: Queryable, user: AuthUser): Promise<number | null> {
  if (!hasPermission(user.role, 'attendance.write') && !hasPermission(user.role, 'grades.write')) return null;
  return (await lecturersRepo.findLecturerByUser(db, user.id))?.id ?? null;
}

/** Whether the caller teaches in the class (a module's lecturer or a session's). */
export async function teachesClass(db: Queryable, user: AuthUser, classId: number): Promise<boolean> {
  const lecturerId = await lecturerIdOf(db, user);
  return lecturerId !== null && (await learnersRepo.lecturerTeachesClass(db, lecturerId, classId));
}

/** Class facts from a row that already holds them. */
export function classFactsOf(
  row: { name: string; status: ClassFacts['status']; end_date: string; organiser_path: string },
  teaches: boolean,
  today = todayInVietnam(),
): ClassFacts {
  return { name: row.name, status: row.status, endDate: row.end_date, organiserPath: row.organiser_path, teaches, today };
}

/** The facts of one class, or null when there is no such class. */
export async function loadClassFacts(db: Queryable, user: AuthUser, classId: number): Promise<ClassFacts | null> {
  const row = await learnersRepo.findClassContext(db, classId);
  return row ? classFactsOf(row, await teachesClass(db, user, classId)) : null;
}
