/**
 * The person policy: a registry record. Officers reach the people of their unit subtree; a learner
 * reaches only their own record, read-only. Out of reach answers 404 (the repositories also carry
 * the scope as a query condition, so lists never hold someone out of reach).
 */
import { PEOPLE_LIST_ACTIONS, PERSON_ACTIONS } from '@nang-tam/contracts';
import { hasPermission, unitInScope } from '@nang-tam/domain';
import type { AuthUser } from '../auth/auth-user.js';
import { allowed, definePolicy, forbidden, hidden, type Verdict } from './policy.js';

export interface PersonFacts {
  personId: number;
  /** Materialised path of the person's unit. */
  unitPath: string;
}

/** In reach: the person's unit lies in the user's subtree, or it is the learner's own record. */
export function reachesPerson(user: AuthUser, p: PersonFacts): boolean {
  return user.scope.kind === 'subtree' ? unitInScope(user.scope, p.unitPath) : user.scope.personId !== null && user.scope.personId === p.personId;
}

const needs =
  (permission: Parameters<typeof hasPermission>[1], officersOnly = false) =>
  (user: AuthUser, p: PersonFacts): Verdict => {
    if (!reachesPerson(user, p)) return hidden;
    if (!hasPermission(user.role, permission)) return forbidden();
    return officersOnly && user.scope.kind !== 'subtree' ? forbidden() : allowed;
  };

export const personPolicy = definePolicy<PersonFacts, (typeof PERSON_ACTIONS)[number]>('person', PERSON_ACTIONS, {
  view: needs('people.read'),
  update: needs('people.write', true),
  viewHistory: needs('audit.read'),
  viewTraining: needs('people.read'),
});

/** The registry as a whole: add a person, import a file, export the list. */
export const peopleListPolicy = definePolicy<null, (typeof PEOPLE_LIST_ACTIONS)[number]>('people', PEOPLE_LIST_ACTIONS, {
  create: (user) => (hasPermission(user.role, 'people.write') ? allowed : forbidden()),
  import: (user) => (hasPermission(user.role, 'people.import') ? allowed : forbidden()),
  export: (user) => (hasPermission(user.role, 'people.export') ? allowed : forbidden()),
});
