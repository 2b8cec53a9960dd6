import { addYears, ageOn, type IsoDate } from './dates.js';
import type { PartyMembership } from './vocabulary.js';

/** Facts of a person checked across fields; shape and formats are checked at the edge. */
export interface PersonFacts {
  birthDate: IsoDate;
  /** Recorded membership; null = not known. Left out (undefined) only by callers that do not record it. */
  partyMembership?: PartyMembership | null;
  partyJoinedOn?: IsoDate | null;
  partyOfficialOn?: IsoDate | null;
  category: string;
}

export interface RuleViolation {
  field: string;
  code: string;
}

/** Working-age limits for the registry (a record outside them is almost always a typing error). */
export const MIN_WORKING_AGE = 16;
export const MAX_RECORD_AGE = 80;

export function isValidCitizenId(value: string): boolean {
  return /^\d{12}$/.test(value);
}

/** Cross-field checks of a person record as of `today`; returns every violation, not just the first. */
export function checkPersonFacts(p: PersonFacts, today: IsoDate): RuleViolation[] {
  const out: RuleViolation[] = [];
  if (p.birthDate > today) out.push({ field: 'birthDate', code: 'DATE_IN_FUTURE' });
  else {
    const age = ageOn(p.birthDate, today);
    if (age < MIN_WORKING_AGE || age > MAX_RECORD_AGE) out.push({ field: 'birthDate', code: 'AGE_OUT_OF_RANGE' });
  }
  if (p.partyJoinedOn) {
    if (p.partyJoinedOn > today) out.push({ field: 'partyJoinedOn', code: 'DATE_IN_FUTURE' });
    else if (ageOn(p.birthDate, p.partyJoinedOn) < 18) out.push({ field: 'partyJoinedOn', code: 'PARTY_TOO_YOUNG' });
  }
  if (p.partyOfficialOn) {
    if (!p.partyJoinedOn) out.push({ field: 'partyOfficialOn', code: 'PARTY_OFFICIAL_WITHOUT_JOIN' });
    else if (p.partyOfficialOn < p.partyJoinedOn) out.push({ field: 'partyOfficialOn', code: 'DATE_BEFORE_START' });
    if (p.partyOfficialOn > today) out.push({ field: 'partyOfficialOn', code: 'DATE_IN_FUTURE' });
  }
  if (p.partyMembership !== undefined) out.push(...membershipViolations(p, today));
  return out;
}

/** Membership against its dates (decision 0031): dates belong to members, and an official member was admitted a year ago at least. */
function membershipViolations(p: PersonFacts, today: IsoDate): RuleViolation[] {
  const out: RuleViolation[] = [];
  const joined = p.partyJoinedOn ?? null;
  const official = p.partyOfficialOn ?? null;
  switch (p.partyMembership) {
    case null:
      if (joined || official) out.push({ field: 'partyMembership', code: 'PARTY_MEMBERSHIP_REQUIRED' });
      break;
    case 'not_member':
      if (joined) out.push({ field: 'partyJoinedOn', code: 'PARTY_DATE_NOT_MEMBER' });
      if (official) out.push({ field: 'partyOfficialOn', code: 'PARTY_DATE_NOT_MEMBER' });
      break;
    case 'probationary':
      if (official) out.push({ field: 'partyOfficialOn', code: 'PARTY_PROBATIONARY_OFFICIAL' });
      break;
    case 'member':
      if (joined && !official && joined <= today && addYears(joined, 1) > today) out.push({ field: 'partyMembership', code: 'PARTY_STILL_PROBATIONARY' });
      break;
  }
  return out;
}

/**
 * The membership that recorded dates alone establish, for records written without the status (old
 * import templates, old API clients, the 023 migration): an official date, or an admission a year
 * ago or more, makes a member; an admission within the last 12 months a probationary member
 * (probation lasts 12 months); no date, unknown (null) — never "not a member".
 */
export function membershipFromDates(joinedOn: IsoDate | null, officialOn: IsoDate | null, today: IsoDate): PartyMembership | null {
  if (officialOn) return 'member';
  if (!joinedOn) return null;
  return addYears(joinedOn, 1) > today ? 'probationary' : 'member';
}
