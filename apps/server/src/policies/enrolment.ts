/**
 * The enrolment policy: one learner in one class. Four parties reach a learner: the school running
 * the class, the home agency sending the person (nominations.write or conduct.write over the
 * person's unit), a lecturer teaching in the class, and the learner themself. Anyone else gets 404.
 * Writes also need the class not graduated (CLASS_FINISHED) and the learner still enrolled
 * (NOT_IN_CLASS), decided on the facts loaded under the class lock.
 */
import { ENROLMENT_ACTIONS, MY_LEARNERS_ACTIONS, type EnrolmentAction } from '@nang-tam/contracts';
import { hasPermission, training, unitInScope } from '@nang-tam/domain';
import type { AuthUser } from '../auth/auth-user.js';
import { runsClass, type ClassFacts } from './class.js';
import { allowed, definePolicy, forbidden, hidden, refuse, type Verdict } from './policy.js';

export interface EnrolmentFacts {
  personId: number;
  fullName: string;
  /** Materialised path of the person's unit. */
  personUnitPath: string;
  status: 'enrolled' | 'completed' | 'failed' | 'withdrawn';
  class: ClassFacts;
}

/** How the caller reaches the learner (the first that applies), or null. */
export type EnrolmentReach = 'school' | 'agency' | 'self' | 'lecturer';

/** The home agency: nominates or reports on its people, and the person's unit lies in its subtree. */
export function sendsPerson(user: AuthUser, personUnitPath: string): boolean {
  return (hasPermission(user.role, 'nominations.write') || hasPermission(user.role, 'conduct.write')) && unitInScope(user.scope, personUnitPath);
}

export function isSelf(user: AuthUser, personId: number): boolean {
  return user.role === 'learner' && user.personId !== null && user.personId === personId;
}

/** Every way the caller reaches the learner, in the order school, agency, self, lecturer. */
export function reachesOf(user: AuthUser, e: EnrolmentFacts): EnrolmentReach[] {
  const out: EnrolmentReach[] = [];
  if (runsClass(user, e.class.organiserPath)) out.push('school');
  if (sendsPerson(user, e.personUnitPath)) out.push('agency');
  if (isSelf(user, e.personId)) out.push('self');
  if (e.class.teaches) out.push('lecturer');
  return out;
}

/** How the caller reaches the learner among the ways an action allows (the first that applies). */
export function reachOf(user: AuthUser, e: EnrolmentFacts, ways: readonly EnrolmentReach[]): EnrolmentReach | null {
  return reachesOf(user, e).find((r) => ways.includes(r)) ?? null;
}

/** A learner's record still open for writing: class not graduated, learner still enrolled. */
function writable(e: EnrolmentFacts): Verdict {
  if (e.class.status === 'finished') return refuse('CLASS_FINISHED', `${training.classPhrase(e.class.name, 'start')} đã xét tốt nghiệp nên không ghi thêm được thông tin học viên.`);
  if (e.status !== 'enrolled') return refuse('NOT_IN_CLASS', `${e.fullName} không còn học trong ${training.classPhrase(e.class.name)}.`);
  return allowed;
}

/** Only a learner checks in (themself): asked before the QR token is even read. */
export function checkInRole(user: AuthUser): Verdict {
  return user.role === 'learner' ? allowed : forbidden('Chỉ học viên tự điểm danh bằng mã QR (bằng tài khoản học viên của mình).');
}

/** Who may do each action to a learner. */
export const ENROLMENT_REACH: Record<EnrolmentAction, readonly EnrolmentReach[]> = {
  view: ['school', 'agency', 'lecturer', 'self'],
  recall: ['school', 'agency'],
  makeUp: ['school', 'lecturer'],
  fillConductReport: ['agency'],
  grade: ['school', 'lecturer'],
  checkIn: ['self'],
};

const writeBy = (action: EnrolmentAction) => (user: AuthUser, e: EnrolmentFacts): Verdict => (reachOf(user, e, ENROLMENT_REACH[action]) ? writable(e) : hidden);

export const enrolmentPolicy = definePolicy<EnrolmentFacts, EnrolmentAction>('enrolment', ENROLMENT_ACTIONS, {
  view: (user, e) => (reachOf(user, e, ENROLMENT_REACH.view) ? allowed : hidden),
  recall: writeBy('recall'),
  makeUp: writeBy('makeUp'),
  fillConductReport: (user, e) => (hasPermission(user.role, 'conduct.write') ? writeBy('fillConductReport')(user, e) : hidden),
  grade: (user, e) => {
    const reach = reachOf(user, e, ENROLMENT_REACH.grade);
    if (!reach || (reach === 'lecturer' && !e.class.teachesModule)) return hidden;
    if (e.class.status === 'finished') return refuse('CLASS_FINISHED', `${training.classPhrase(e.class.name, 'start')} đã xét tốt nghiệp nên không sửa được điểm nữa.`);
    return e.status === 'enrolled' ? allowed : refuse('NOT_IN_CLASS', `${e.fullName} không còn học trong ${training.classPhrase(e.class.name)}.`);
  },
  checkIn: (user, e) => {
    const who = checkInRole(user);
    if (who !== true) return who;
    if (!isSelf(user, e.personId) || e.status !== 'enrolled') return hidden;
    return e.class.status === 'finished'
      ? refuse('CLASS_FINISHED', `${training.classPhrase(e.class.name, 'start')} đã xét tốt nghiệp nên không sửa được điểm danh, điểm hay nhận xét nữa.`)
      : allowed;
  },
});

/**
 * The agency's "my learners" list: the conduct reports it owes are listed because their people lie
 * in its scope and their classes have not graduated, so filling them needs only the role's right.
 */
export const myLearnersPolicy = definePolicy<null, (typeof MY_LEARNERS_ACTIONS)[number]>('learners', MY_LEARNERS_ACTIONS, {
  fillConductReports: (user) => (hasPermission(user.role, 'conduct.write') ? allowed : forbidden()),
});
