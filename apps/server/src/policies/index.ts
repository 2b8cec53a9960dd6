/**
 * Every policy, by resource name. A route declares the policy it applies as "<resource>.<action>"
 * (`config: { access: 'classes.manage', policy: 'class.update' }`); the auth plugin refuses to
 * register a route naming an unknown one, and `app.routeAccess` lists it for the access matrix.
 */
import type { Policy } from './policy.js';
import { certificatePolicy } from './certificate.js';
import { classListPolicy, classPolicy } from './class.js';
import { documentSettingsPolicy } from './document-settings.js';
import { enrolmentPolicy, myLearnersPolicy } from './enrolment.js';
import { nominationPolicy } from './nomination.js';
import { outsideTrainingPolicy } from './outside-training.js';
import { needsAnswerPolicy, needsCampaignListPolicy, needsCampaignPolicy } from './needs.js';
import { peopleListPolicy, personPolicy } from './person.js';
import { programmeListPolicy, programmePolicy } from './programme.js';
import { reimbursementCasePolicy } from './reimbursement-case.js';
import { budgetPolicy } from './budget.js';
import { agencyFeedbackPolicy, surveyPolicy } from './feedback.js';
import { indicatorListPolicy, indicatorPolicy } from './indicator.js';
import { fiveYearPolicy, planLinePolicy, planListPolicy, planVersionPolicy } from './plan.js';

export const POLICIES = {
  certificate: certificatePolicy,
  class: classPolicy,
  classes: classListPolicy,
  documentSettings: documentSettingsPolicy,
  enrolment: enrolmentPolicy,
  learners: myLearnersPolicy,
  nomination: nominationPolicy,
  outsideTraining: outsideTrainingPolicy,
  needsCampaign: needsCampaignPolicy,
  needsCampaigns: needsCampaignListPolicy,
  needsAnswer: needsAnswerPolicy,
  person: personPolicy,
  people: peopleListPolicy,
  programme: programmePolicy,
  programmes: programmeListPolicy,
  plans: planListPolicy,
  planVersion: planVersionPolicy,
  planLine: planLinePolicy,
  fiveYearPlan: fiveYearPolicy,
  reimbursementCase: reimbursementCasePolicy,
  budget: budgetPolicy,
  // evaluation after training (issue 11 point 4; decision 0051)
  survey: surveyPolicy,
  agencyFeedback: agencyFeedbackPolicy,
  indicator: indicatorPolicy,
  indicators: indicatorListPolicy,
} as const;

type ActionOf<P> = P extends Policy<never, infer A> ? A : P extends Policy<infer _F, infer A> ? A : never;
export type PolicyResource = keyof typeof POLICIES;
/** "class.update", "enrolment.recall" …: a policy and one of its actions. */
export type PolicyRef = { [R in PolicyResource]: `${R}.${ActionOf<(typeof POLICIES)[R]>}` }[PolicyResource];

/** True when `ref` names a registered policy and one of its actions. */
export function isPolicyRef(ref: string): ref is PolicyRef {
  const [resource, action, ...rest] = ref.split('.');
  const policy = (POLICIES as Record<string, Policy<unknown, string> | undefined>)[resource ?? ''];
  return rest.length === 0 && !!policy && policy.actions.includes(action ?? '');
}

export function parsePolicyRef(ref: PolicyRef): { resource: PolicyResource; action: string } {
  const [resource, action] = ref.split('.') as [PolicyResource, string];
  return { resource, action };
}

export * from './policy.js';
