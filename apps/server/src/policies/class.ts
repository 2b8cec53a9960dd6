/**
 * The class policy: who may do what to one class, and to the class list. The school (classes.manage
 * over the organiser unit's subtree) runs the class; a lecturer teaching in it marks attendance and
 * grades; an agency (nominations.write / conduct.write) nominates its people and reports on them.
 * A class out of the user's reach answers 404; a graduated class ("finished") refuses every change
 * with CLASS_FINISHED and a message naming what can no longer change.
 */
import { CLASS_ACTIONS, CLASS_LIST_ACTIONS, type SessionAction } from '@nang-tam/contracts';
import { hasPermission, training, unitInScope, type IsoDate } from '@nang-tam/domain';
import type { AuthUser } from '../auth/auth-user.js';
import { allowed, definePolicy, forbidden, hidden, refuse, type Verdict } from './policy.js';

/** What the class policy needs to know about a class (loaded by the service). */
export interface ClassFacts {
  name: string;
  status: 'open' | 'closed' | 'finished';
  endDate: IsoDate | string;
  /** Materialised path of the organiser unit ("/1/7/"). */
  organiserPath: string;
  /** The caller teaches in the class (has a lecturer record assigned to one of its modules or sessions). */
  teaches: boolean;
  /** The caller is a lecturer of one of the class's modules (grades are entered per module). */
  teachesModule: boolean;
  /** Today in Vietnam: whether the class has ended. */
  today: IsoDate | string;
}

/** The school running the class: manages classes, and the organiser unit lies in its subtree. */
export function runsClass(user: AuthUser, organiserPath: string): boolean {
  return hasPermission(user.role, 'classes.manage') && unitInScope(user.scope, organiserPath);
}

const finished = (c: ClassFacts, message: string): Verdict => (c.status === 'finished' ? refuse('CLASS_FINISHED', `${training.classPhrase(c.name, 'start')} ${message}`) : allowed);

/** The school, on a class that has not graduated. */
function schoolChanges(user: AuthUser, c: ClassFacts): Verdict {
  if (!runsClass(user, c.organiserPath)) return hasPermission(user.role, 'classes.manage') ? hidden : forbidden();
  return finished(c, 'đã kết thúc (đã xét tốt nghiệp) nên không sửa được nữa.');
}

const school = (user: AuthUser, c: ClassFacts): Verdict => (runsClass(user, c.organiserPath) ? allowed : hidden);
const schoolOrLecturer = (user: AuthUser, c: ClassFacts): Verdict => (runsClass(user, c.organiserPath) || c.teaches ? allowed : hidden);
const schoolOrModuleLecturer = (user: AuthUser, c: ClassFacts): Verdict => (runsClass(user, c.organiserPath) || c.teachesModule ? allowed : hidden);
const sendsPeople = (user: AuthUser) => hasPermission(user.role, 'nominations.write') || hasPermission(user.role, 'conduct.write');

/**
 * One grade cell (a learner × a module, or the final exam when `moduleId` is null): the school
 * enters every cell, a lecturer only those of the modules they teach (`taughtModules`).
 */
export function mayGradeCell(user: AuthUser, c: ClassFacts, taughtModules: ReadonlySet<number>, moduleId: number | null): boolean {
  if (runsClass(user, c.organiserPath)) return true;
  return moduleId !== null && taughtModules.has(moduleId);
}

/** Whoever issues or revokes certificates at all (certificates.manage). */
export function certificateManager(user: AuthUser): Verdict {
  return hasPermission(user.role, 'certificates.manage') ? allowed : forbidden();
}

/** Issuing or revoking a certificate of a class organised at `organiserPath`: a certificate manager whose subtree holds the organiser. */
export function managesCertificatesOf(user: AuthUser, organiserPath: string): Verdict {
  const role = certificateManager(user);
  if (role !== true) return role;
  return unitInScope(user.scope, organiserPath) ? allowed : hidden;
}

/**
 * The class's printed documents (decisions, summons, lists, sheets, register): the school running
 * the class, or the board (nominations.override: the provincial organisation board and the
 * administrator) over its subtree. Everyone else: not found.
 */
export function printsDocumentsOf(user: AuthUser, organiserPath: string): boolean {
  return runsClass(user, organiserPath) || (hasPermission(user.role, 'nominations.override') && unitInScope(user.scope, organiserPath));
}

/** Nominations are taken only into an open class that has not ended (the training domain's rule). */
export function takesNominations(c: ClassFacts): Verdict {
  const refusal = training.classRefusesNominations({ name: c.name, status: c.status, endDate: c.endDate }, c.today);
  return refusal ? refuse(refusal.code, refusal.message) : allowed;
}

export const classPolicy = definePolicy<ClassFacts, (typeof CLASS_ACTIONS)[number]>('class', CLASS_ACTIONS, {
  update: schoolChanges,
  manageSessions: schoolChanges,
  nominate: (user, c) => (hasPermission(user.role, 'nominations.write') ? takesNominations(c) : forbidden()),
  viewAttendance: schoolOrLecturer,
  markAttendance: (user, c) => {
    const reach = schoolOrLecturer(user, c);
    return reach !== true ? reach : finished(c, 'đã xét tốt nghiệp nên không sửa được điểm danh, điểm hay nhận xét nữa.');
  },
  recall: (user, c) => {
    if (!runsClass(user, c.organiserPath) && !sendsPeople(user)) return hidden;
    return finished(c, 'đã xét tốt nghiệp nên không ghi thêm được thông tin học viên.');
  },
  viewGrades: schoolOrModuleLecturer,
  grade: (user, c) => {
    const reach = schoolOrModuleLecturer(user, c);
    return reach !== true ? reach : finished(c, 'đã xét tốt nghiệp nên không sửa được điểm nữa.');
  },
  viewConductReports: (user, c) => (runsClass(user, c.organiserPath) || hasPermission(user.role, 'conduct.write') ? allowed : hidden),
  requestConductReports: (user, c) => {
    const reach = school(user, c);
    return reach !== true ? reach : finished(c, 'đã xét tốt nghiệp nên không ghi thêm được thông tin học viên.');
  },
  fillConductReports: (user, c) => (hasPermission(user.role, 'conduct.write') ? finished(c, 'đã xét tốt nghiệp nên không ghi thêm được thông tin học viên.') : hidden),
  previewGraduation: school,
  graduate: (user, c) => {
    const reach = school(user, c);
    return reach !== true ? reach : finished(c, 'đã được xét tốt nghiệp; không xét lại được.');
  },
  viewCertificates: (user, c) => (hasPermission(user.role, 'certificates.manage') || c.status === 'finished' ? allowed : hidden),
  issueCertificates: (user, c) => managesCertificatesOf(user, c.organiserPath),
  revokeCertificates: (user, c) => managesCertificatesOf(user, c.organiserPath),
  printDocuments: (user, c) => (printsDocumentsOf(user, c.organiserPath) ? allowed : hidden),
});

/** The class list: open a class, keep the lecturer pool. */
export const classListPolicy = definePolicy<null, (typeof CLASS_LIST_ACTIONS)[number]>('classes', CLASS_LIST_ACTIONS, {
  create: (user) => (hasPermission(user.role, 'classes.manage') ? allowed : forbidden()),
  manageLecturers: (user) => (hasPermission(user.role, 'classes.manage') ? allowed : forbidden()),
});

/**
 * What the caller may do with one session: `facts` are the class's, with `teaches` meaning "teaches
 * this session" (its lecturer or, when it names none, a lecturer of its module). The QR code is
 * shown only on the session's date.
 */
export function sessionActions(user: AuthUser, facts: ClassFacts, sessionDate: string): SessionAction[] {
  const out: SessionAction[] = [];
  if (classPolicy.may(user, facts, 'viewAttendance')) out.push('viewAttendance');
  if (classPolicy.may(user, facts, 'markAttendance')) {
    out.push('markAttendance');
    if (sessionDate === facts.today) out.push('showCheckinCode');
  }
  return out;
}
