/**
 * The plan policies: who may do what to an annual plan's version, to one of its lines, to the plan
 * list and to a five-year plan. Plans are the province's documents: whoever reads plans reaches
 * every plan (a school registrar sees only the lines its unit organises, by the repository's
 * scope). Lines are written by plans.write over the organiser's subtree (the school drafts its own
 * part), the plan is managed (opened, submitted, adjusted) by plans.manage (the board, home
 * affairs) and approved by plans.approve (the board / standing committee). The state rules are the
 * domain's (`plans.planStep`): an approved version is frozen, a submitted one must be returned.
 */
import { FIVE_YEAR_ACTIONS, PLAN_LINE_ACTIONS, PLAN_LIST_ACTIONS, PLAN_VERSION_ACTIONS, type ErrorCode } from '@nang-tam/contracts';
import { hasPermission, plans, unitInScope, type Permission } from '@nang-tam/domain';
import type { AuthUser } from '../auth/auth-user.js';
import { allowed, definePolicy, forbidden, refuse, hidden, type Verdict } from './policy.js';

/** What the version policy needs (loaded by the service, on the locked row for a change). */
export interface PlanVersionFacts {
  status: plans.PlanStatus;
  lineCount: number;
  latest: boolean;
}

/** What the line policy needs: its version's state and where the line's organiser sits. */
export interface PlanLineFacts {
  status: plans.PlanStatus;
  organiserPath: string;
}

const may = (user: AuthUser, p: Permission): Verdict => (hasPermission(user.role, p) ? allowed : forbidden());

function step(v: PlanVersionFacts, s: plans.PlanStep): Verdict {
  const r = plans.planStep(v, s);
  return r.ok ? allowed : refuse(r.code as ErrorCode, r.message);
}

const both = (a: Verdict, b: () => Verdict): Verdict => (a !== true ? a : b());

export const planVersionPolicy = definePolicy<PlanVersionFacts, (typeof PLAN_VERSION_ACTIONS)[number]>('planVersion', PLAN_VERSION_ACTIONS, {
  addLines: (user, v) => both(may(user, 'plans.write'), () => step(v, 'editLines')),
  submit: (user, v) => both(may(user, 'plans.manage'), () => step(v, 'submit')),
  return: (user, v) => both(may(user, 'plans.approve'), () => step(v, 'return')),
  approve: (user, v) => both(may(user, 'plans.approve'), () => step(v, 'approve')),
  adjust: (user, v) => both(may(user, 'plans.manage'), () => step(v, 'adjust')),
  export: (user) => may(user, 'plans.read'),
});

export const planLinePolicy = definePolicy<PlanLineFacts, (typeof PLAN_LINE_ACTIONS)[number]>('planLine', PLAN_LINE_ACTIONS, {
  update: (user, l) => {
    if (!hasPermission(user.role, 'plans.write')) return forbidden();
    if (!unitInScope(user.scope, l.organiserPath)) return hidden;
    return step({ status: l.status, lineCount: 1, latest: true }, 'editLines');
  },
  delete: (user, l) => {
    if (!hasPermission(user.role, 'plans.write')) return forbidden();
    if (!unitInScope(user.scope, l.organiserPath)) return hidden;
    return step({ status: l.status, lineCount: 1, latest: true }, 'editLines');
  },
});

export const planListPolicy = definePolicy<null, (typeof PLAN_LIST_ACTIONS)[number]>('plans', PLAN_LIST_ACTIONS, {
  create: (user) => may(user, 'plans.manage'),
});

export const fiveYearPolicy = definePolicy<null, (typeof FIVE_YEAR_ACTIONS)[number]>('fiveYearPlan', FIVE_YEAR_ACTIONS, {
  update: (user) => may(user, 'plans.manage'),
});
