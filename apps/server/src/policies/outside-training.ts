/**
 * The outside-training policy: who may approve, refuse, record the sending decision, record the
 * result or withdraw one record of training outside the province's classes. The rules are the
 * training domain's (`training.decideOutside`, the lifecycle's one home); this module feeds them the
 * user and the loaded facts. Reach is decided before: a record whose person lies outside the user's
 * scope answers 404 from the repository.
 */
import type { OutsideAction, OutsideListAction } from '@nang-tam/contracts';
import { OUTSIDE_ACTIONS } from '@nang-tam/contracts';
import { training, unitInScope } from '@nang-tam/domain';
import type { AuthUser } from '../auth/auth-user.js';
import { allowed, definePolicy, refuse, refusalError, type Verdict } from './policy.js';

/** What the rules need, loaded by the service (the record's status, the programme's approver, the person's unit). */
export interface OutsideTrainingFacts extends training.OutsideFacts {
  personUnitPath: string;
}

/** The facts of a record row. */
export function outsideFactsOf(r: {
  status: string;
  approver: training.Approver;
  programme_name: string;
  unit_path: string;
}): OutsideTrainingFacts {
  return { status: r.status as training.OutsideStatus, approver: r.approver, programmeName: r.programme_name, personUnitPath: r.unit_path };
}

export function outsideActorOf(user: AuthUser, f: Pick<OutsideTrainingFacts, 'personUnitPath'>): training.OutsideActor {
  return { role: user.role, personInScope: unitInScope(user.scope, f.personUnitPath) };
}

const verdictOf = (v: training.OutsideVerdict<unknown>): Verdict => (v.ok ? allowed : refuse(v.refusal.code, v.refusal.message));

const rule = (action: OutsideAction) => (user: AuthUser, f: OutsideTrainingFacts) =>
  verdictOf(training.decideOutside(outsideActorOf(user, f), f, action));

export const outsideTrainingPolicy = definePolicy<OutsideTrainingFacts, OutsideAction>('outsideTraining', OUTSIDE_ACTIONS, {
  approve: rule('approve'),
  refuse: rule('refuse'),
  recordDecision: rule('recordDecision'),
  recordResult: rule('recordResult'),
  withdraw: rule('withdraw'),
});

/** The status the action moves the record to, or throws its refusal (403 / 409 with the chain's message). */
export function authorizeOutside(user: AuthUser, f: OutsideTrainingFacts, action: OutsideAction): training.OutsideStatus {
  const v = training.decideOutside(outsideActorOf(user, f), f, action);
  if (!v.ok) throw refusalError(refuse(v.refusal.code, v.refusal.message));
  return v.value;
}

/** The policy action a decision asks for. */
export const outsideDecisionAction = (d: { decision: 'approved' | 'refused' }): Extract<OutsideAction, 'approve' | 'refuse'> =>
  d.decision === 'approved' ? 'approve' : 'refuse';

/** What the user may do with the list: propose; override an ineligible person with a reason. */
export function outsideListActions(user: AuthUser): OutsideListAction[] {
  if (!training.mayProposeOutside(user.role)) return [];
  return training.mayOverrideEligibility(user.role) ? ['propose', 'override'] : ['propose'];
}
