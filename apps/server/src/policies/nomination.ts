/**
 * The nomination policy: who may approve, refuse, enrol (the school's acceptance) or withdraw one
 * nomination, and who may nominate into a class. The rules are the training domain's
 * (`training.decideNomination`, `withdrawNomination`, `classRefusesNominations`: the lifecycle's
 * one home, docs/decisions/0013); this module feeds them the user and the loaded facts and answers
 * in the policies' shape. Reach is decided before: a nomination out of the user's sight answers
 * 404 from the repository's visibility (nominations.repository `Visibility`).
 */
import { NOMINATION_ACTIONS, type ClassNominationAction, type NominationAction, type NominationDecision } from '@nang-tam/contracts';
import { training, unitInScope, type IsoDate } from '@nang-tam/domain';
import type { classesRepo } from '@nang-tam/db';
import type { AuthUser } from '../auth/auth-user.js';
import { allowed, definePolicy, refuse, refusalError as policyRefusalError, type Refusal, type Verdict } from './policy.js';

/** What the nomination rules need, loaded by the service (the class row, the nomination, today). */
export interface NominationFacts extends training.NominationFacts {
  /** The class's organiser unit (the school step and an enrolled learner's withdrawal). */
  organiserPath: string;
  /** The nominated person's unit (the agency's withdrawal). */
  personUnitPath: string;
  today: IsoDate;
}

type ClassRow = Pick<
  classesRepo.ClassRow,
  'name' | 'status' | 'end_date' | 'approver' | 'programme_name' | 'organiser_name' | 'organiser_path'
>;

/** The nomination rules' view of a class row. */
export function nominationClassOf(c: ClassRow): training.NominationClassFacts {
  return {
    name: c.name,
    status: c.status,
    endDate: c.end_date,
    approver: c.approver,
    programmeName: c.programme_name,
    organiserName: c.organiser_name,
  };
}

/** The facts of a nomination (its status and person's unit path) in a class (its row). */
export function nominationFactsOf(cls: ClassRow, n: { status: string; unit_path: string }, today: IsoDate): NominationFacts {
  return {
    status: n.status as training.NominationStatus,
    cls: nominationClassOf(cls),
    organiserPath: cls.organiser_path,
    personUnitPath: n.unit_path,
    today,
  };
}

/** The user as the nomination rules see them, relative to this nomination. */
export function nominationActorOf(user: AuthUser, f: Pick<NominationFacts, 'organiserPath' | 'personUnitPath'>): training.NominationActor {
  return {
    role: user.role,
    organiserInScope: unitInScope(user.scope, f.organiserPath),
    personInScope: unitInScope(user.scope, f.personUnitPath),
  };
}

/** A domain refusal in the policies' shape (an ALREADY_NOMINATED one names its field). */
function toRefusal(r: training.NominationRefusal): Refusal {
  return refuse(r.code, r.message, r.path !== undefined ? [{ path: r.path, code: r.code, message: r.message }] : undefined);
}

export function refusalError(r: training.NominationRefusal) {
  return policyRefusalError(toRefusal(r));
}

const verdictOf = (v: training.NominationVerdict<unknown>): Verdict => (v.ok ? allowed : toRefusal(v.refusal));

const decision = (user: AuthUser, f: NominationFacts, d: training.Decision) => training.decideNomination(nominationActorOf(user, f), f, d);

export const nominationPolicy = definePolicy<NominationFacts, NominationAction>('nomination', NOMINATION_ACTIONS, {
  approve: (user, f) => verdictOf(decision(user, f, { step: 'board', decision: 'approved' })),
  // at the step a refusal is due (the board's for a waitlisted one); a final one is refused at the board's
  refuse: (user, f) => verdictOf(decision(user, f, { step: training.refusalStep(f.status) ?? 'board', decision: 'refused' })),
  enrol: (user, f) => verdictOf(decision(user, f, { step: 'school', decision: 'approved' })),
  withdraw: (user, f) => verdictOf(training.withdrawNomination(nominationActorOf(user, f), f, f.today)),
});

/**
 * The policy action a decision asks for: the board's approval (`approve`), the school's
 * acceptance (`enrol`), or a refusal (`refuse`, at the step that is due: a refusal naming another
 * step is refused by the chain, as is an approval out of turn). The decision route declares the
 * three as alternatives and this picks the one its body applies.
 */
export function decisionAction(
  d: Pick<NominationDecision, 'step' | 'decision'>,
): Extract<NominationAction, 'approve' | 'refuse' | 'enrol'> {
  if (d.decision === 'refused') return 'refuse';
  return d.step === 'school' ? 'enrol' : 'approve';
}

/** The decision's outcome for the requested step, or throws its refusal (403 / 409 with the chain's message). */
export function authorizeDecision(
  user: AuthUser,
  f: NominationFacts,
  d: Pick<NominationDecision, 'step' | 'decision'>,
): training.DecisionOutcome {
  const v = decision(user, f, d);
  if (!v.ok) throw refusalError(v.refusal);
  return v.value;
}

/** The withdrawal's outcome, or throws its refusal. */
export function authorizeWithdrawal(user: AuthUser, f: NominationFacts): training.WithdrawalOutcome {
  const v = training.withdrawNomination(nominationActorOf(user, f), f, f.today);
  if (!v.ok) throw refusalError(v.refusal);
  return v.value;
}

/** Refuses (CLASS_FINISHED / CLASS_CLOSED with the class's message) a class that does not take nominations today. */
export function refuseUnlessTakesNominations(cls: ClassRow, today: IsoDate): void {
  const refusal = training.classRefusesNominations(nominationClassOf(cls), today);
  if (refusal) throw refusalError(refusal);
}

/**
 * What the user may do with the class's nominations: nominate, when they may and the class takes
 * them; override the rules engine's refusal with a reason, when they may too.
 */
export function classNominationActions(user: AuthUser, cls: ClassRow, today: IsoDate): ClassNominationAction[] {
  if (!training.mayNominateInto(user.role, nominationClassOf(cls), today)) return [];
  return training.mayOverrideEligibility(user.role) ? ['nominate', 'override'] : ['nominate'];
}
