/**
 * A lecturer's own reaction results (branch lecturer-views, docs/decisions/0066): a lecturer reads
 * and exports the learners' anonymous answers about themselves, in the classes whose survey rated
 * them, and nothing about a colleague (a survey that did not rate them is out of their reach: 404).
 * The school and the board read every lecturer's results through the evaluation.read routes
 * (decision 0051), scoped by the classes' organiser.
 */
import { TEACHING_RESULTS_ACTIONS } from '@nang-tam/contracts';
import { hasPermission } from '@nang-tam/domain';
import type { AuthUser } from '../auth/auth-user.js';
import { allowed, definePolicy, hidden, type Verdict } from './policy.js';

export interface TeachingResultsFacts {
  /** The lecturer record linked to the caller's account (null: none). */
  ownLecturerId: number | null;
  /** The lecturers the class's survey rated (fixed when it was opened). */
  ratedLecturerIds: readonly number[];
}

const own = (user: AuthUser, f: TeachingResultsFacts): Verdict =>
  hasPermission(user.role, 'reaction.ownResults') && f.ownLecturerId !== null && f.ratedLecturerIds.includes(f.ownLecturerId) ? allowed : hidden;

export const teachingResultsPolicy = definePolicy<TeachingResultsFacts, (typeof TEACHING_RESULTS_ACTIONS)[number]>('teachingResults', TEACHING_RESULTS_ACTIONS, {
  read: own,
  export: own,
});
