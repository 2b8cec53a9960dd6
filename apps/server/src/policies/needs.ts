/**
 * The needs policies: who may change a campaign (the board and home affairs over the campaign's
 * owner unit), see its aggregation (they and the school: counts only, province-wide), and write,
 * submit or return one unit's answer (the unit's officers over their subtree; the board returns).
 * The answer's lifecycle and the answering window are the domain's (`needs.editRefusal` …).
 * Reach before role before state: a campaign none of whose units the user reaches, or another
 * unit's answer, answers 404.
 */
import {
  NEEDS_ANSWER_ACTIONS,
  NEEDS_CAMPAIGN_ACTIONS,
  NEEDS_CAMPAIGN_LIST_ACTIONS,
  type NeedsAnswerAction,
  type NeedsCampaignAction,
} from '@nang-tam/contracts';
import { hasPermission, needs, unitInScope, type IsoDate } from '@nang-tam/domain';
import type { AuthUser } from '../auth/auth-user.js';
import { allowed, definePolicy, forbidden, hidden, refuse, type Verdict } from './policy.js';

export interface NeedsCampaignFacts {
  ownerPath: string;
  /** The user reaches at least one unit the campaign asks. */
  asksMyUnits: boolean;
}

/** Runs the campaign: needs.manage over its owner unit. */
export function runsCampaign(user: AuthUser, ownerPath: string): boolean {
  return hasPermission(user.role, 'needs.manage') && unitInScope(user.scope, ownerPath);
}

/** Sees the campaign at all: runs it, is asked by it, or reads the province's aggregation. */
export function reachesCampaign(user: AuthUser, f: NeedsCampaignFacts): boolean {
  if (!hasPermission(user.role, 'needs.read') && !hasPermission(user.role, 'needs.manage')) return false;
  return runsCampaign(user, f.ownerPath) || f.asksMyUnits || hasPermission(user.role, 'needs.aggregate');
}

const manage = (user: AuthUser, f: NeedsCampaignFacts): Verdict => {
  if (!reachesCampaign(user, f)) return hidden;
  return runsCampaign(user, f.ownerPath) ? allowed : forbidden();
};
const aggregate = (user: AuthUser, f: NeedsCampaignFacts): Verdict => {
  if (!reachesCampaign(user, f)) return hidden;
  return hasPermission(user.role, 'needs.aggregate') ? allowed : forbidden();
};

export const needsCampaignPolicy = definePolicy<NeedsCampaignFacts, NeedsCampaignAction>('needsCampaign', NEEDS_CAMPAIGN_ACTIONS, {
  update: manage,
  reopenUnit: manage,
  viewAggregate: aggregate,
  export: aggregate,
});

export const needsCampaignListPolicy = definePolicy<null, (typeof NEEDS_CAMPAIGN_LIST_ACTIONS)[number]>(
  'needsCampaigns',
  NEEDS_CAMPAIGN_LIST_ACTIONS,
  {
    create: (user) => (hasPermission(user.role, 'needs.manage') ? allowed : forbidden()),
  },
);

export interface NeedsAnswerFacts extends needs.AnswerFacts {
  ownerPath: string;
  unitPath: string;
}

/** Reaches the answer: the unit lies in the user's subtree, or the user runs the campaign. */
export function reachesAnswer(user: AuthUser, f: Pick<NeedsAnswerFacts, 'ownerPath' | 'unitPath'>): boolean {
  if (!hasPermission(user.role, 'needs.read') && !hasPermission(user.role, 'needs.manage')) return false;
  return unitInScope(user.scope, f.unitPath) || runsCampaign(user, f.ownerPath);
}

const stateVerdict = (r: needs.NeedsRefusal | null): Verdict =>
  r ? refuse(r.code, r.message, [{ path: 'status', code: r.code, message: r.message }]) : allowed;

const writes =
  (check: (a: needs.AnswerFacts) => needs.NeedsRefusal | null) =>
  (user: AuthUser, f: NeedsAnswerFacts): Verdict => {
    if (!reachesAnswer(user, f)) return hidden;
    if (!hasPermission(user.role, 'needs.write') || !unitInScope(user.scope, f.unitPath)) return forbidden();
    return stateVerdict(check(f));
  };

export const needsAnswerPolicy = definePolicy<NeedsAnswerFacts, NeedsAnswerAction>('needsAnswer', NEEDS_ANSWER_ACTIONS, {
  edit: writes(needs.editRefusal),
  submit: writes(needs.submitRefusal),
  return: (user, f) => {
    if (!reachesAnswer(user, f)) return hidden;
    if (!runsCampaign(user, f.ownerPath)) return forbidden();
    return stateVerdict(needs.returnRefusal(f));
  },
  export: (user, f) => (reachesAnswer(user, f) ? allowed : hidden),
});

/** The facts of an answer. */
export function needsAnswerFactsOf(
  campaign: { year: number; status: 'open' | 'closed'; deadline: string; owner_path: string },
  unit: { unit_path: string; reopened_until: string | null; status: 'draft' | 'submitted' | 'returned' | null },
  today: IsoDate,
): NeedsAnswerFacts {
  return {
    campaign: { year: campaign.year, status: campaign.status, deadline: campaign.deadline },
    status: unit.status ?? 'not_started',
    reopenedUntil: unit.reopened_until,
    today,
    ownerPath: campaign.owner_path,
    unitPath: unit.unit_path,
  };
}
