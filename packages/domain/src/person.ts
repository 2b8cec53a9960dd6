import { ageOn, type IsoDate } from './dates.js';

/** Facts of a person checked across fields; shape and formats are checked at the edge. */
export interface PersonFacts {
  birthDate: IsoDate;
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
  return out;
}
