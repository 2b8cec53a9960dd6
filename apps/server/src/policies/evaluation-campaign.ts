/**
 * The evaluation-campaign policy (issue 11 point 4, docs/decisions/0052). A campaign is opened,
 * closed and reported on by the school running the class (classes.manage over the organiser unit)
 * or by the board / home affairs (nominations.approve over the organiser unit: the province). The
 * graduate's agency (conduct.write over the graduate's unit, the one who owes the assessment) gives
 * the assessment while the campaign is open. Out of reach is 404; a closed campaign refuses changes
 * with CAMPAIGN_CLOSED.
 */
import { ASSESSMENT_ACTIONS, CAMPAIGN_ACTIONS } from '@nang-tam/contracts';
import { hasPermission, unitInScope } from '@nang-tam/domain';
import type { AuthUser } from '../auth/auth-user.js';
import { allowed, definePolicy, hidden, refuse, type Verdict } from './policy.js';

/** Opens, closes and reports on the campaigns of a class organised at `organiserPath`. */
export function runsEvaluation(user: AuthUser, organiserPath: string): boolean {
  if (!unitInScope(user.scope, organiserPath)) return false;
  return hasPermission(user.role, 'classes.manage') || hasPermission(user.role, 'nominations.approve');
}

export interface CampaignFacts {
  status: 'open' | 'closed';
  organiserPath: string;
}

const closedRefusal = refuse('CAMPAIGN_CLOSED');

export const evaluationCampaignPolicy = definePolicy<CampaignFacts, (typeof CAMPAIGN_ACTIONS)[number]>(
  'evaluationCampaign',
  CAMPAIGN_ACTIONS,
  {
    close: (user, f) => (!runsEvaluation(user, f.organiserPath) ? hidden : f.status === 'open' ? allowed : closedRefusal),
    report: (user, f) => (runsEvaluation(user, f.organiserPath) ? allowed : hidden),
  },
);

export interface AssessmentFacts {
  campaignStatus: 'open' | 'closed';
  /** The graduate's unit at opening (who owes the assessment). */
  unitPath: string;
}

export const evaluationAssessmentPolicy = definePolicy<AssessmentFacts, (typeof ASSESSMENT_ACTIONS)[number]>(
  'evaluationAssessment',
  ASSESSMENT_ACTIONS,
  {
    assess: (user, f): Verdict => {
      if (!hasPermission(user.role, 'conduct.write') || !unitInScope(user.scope, f.unitPath)) return hidden;
      return f.campaignStatus === 'open' ? allowed : closedRefusal;
    },
  },
);
