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

/** How the caller teaches in a class: at all (a module's or a session's lecturer), and a module of it. */
export interface Teaching {
  teaches: boolean;
  teachesModule: boolean;
}

export const NOT_TEACHING: Teaching = Object.freeze({ teaches: false, teachesModule: false });

/** How the caller teaches in the class, with the modules they teach (grades are entered per module). */
export async function teachingIn(db: Queryable, user: AuthUser, classId: number): Promise<Teaching & { modules: number[] }> {
  const lecturerId = await lecturerIdOf(db, user);
  if (lecturerId === null) return { ...NOT_TEACHING, modules: [] };
  const modules = await learnersRepo.lecturerModuleIds(db, lecturerId, classId);
  const teaches = modules.length > 0 || (await learnersRepo.lecturerTeachesClass(db, lecturerId, classId));
  return { teaches, teachesModule: modules.length > 0, modules };
}

/** How the caller teaches in each of the given classes (one query; none for a user who does not teach). */
export async function teachingInClasses(db: Queryable, user: AuthUser, classIds: readonly number[]): Promise<(classId: number) => Teaching> {
  const lecturerId = await lecturerIdOf(db, user);
  if (lecturerId === null) return () => NOT_TEACHING;
  const taught = new Map((await lecturersRepo.classesTaughtBy(db, lecturerId, classIds)).map((t) => [t.classId, t.teachesModule]));
  return (classId) => (taught.has(classId) ? { teaches: true, teachesModule: taught.get(classId)! } : NOT_TEACHING);
}

/** Class facts from a row that already holds them. */
export function classFactsOf(
  row: { name: string; status: ClassFacts['status']; end_date: string; organiser_path: string },
  teaching: Teaching = NOT_TEACHING,
  today = todayInVietnam(),
): ClassFacts {
  return {
    name: row.name,
    status: row.status,
    endDate: row.end_date,
    organiserPath: row.organiser_path,
    teaches: teaching.teaches,
    teachesModule: teaching.teachesModule,
    today,
  };
}

/** The facts of one class, or null when there is no such class. */
export async function loadClassFacts(db: Queryable, user: AuthUser, classId: number): Promise<ClassFacts | null> {
  const row = await learnersRepo.findClassContext(db, classId);
  return row ? classFactsOf(row, await teachingIn(db, user, classId)) : null;
}
