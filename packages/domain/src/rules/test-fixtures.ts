/** Small factories for the rules tests (not exported from the package). */
import type { EvaluationContext } from './checks.js';
import { checkEligibility, type EligibilityResult } from './evaluate.js';
import type { PersonFacts } from './facts.js';
import { JOB_POSITION_FIELDS, REFERENCE_LEVELS, REFERENCE_TITLES, SHIPPED_PROGRAMMES, SHIPPED_RULE_SETS } from './seed.js';
import type { Rule, SourceDocument, StudyMode } from './types.js';

/** A female commune deputy division head, Kinh, party member since 2015, university graduate. */
export function person(over: Partial<PersonFacts> = {}): PersonFacts {
  return {
    birthDate: '1988-03-10',
    gender: 'female',
    ethnicMinority: false,
    category: 'cong_chuc',
    unitLevel: 'commune',
    rankCode: '01.003',
    partyMembership: 'member',
    partyJoinedOn: '2015-05-19',
    partyOfficialOn: '2016-05-19',
    qualifications: [
      { kind: 'education', level: 'dai_hoc', field: 'Luật', awardedOn: '2010-06-30' },
      { kind: 'political_theory', level: 'so_cap', field: null, awardedOn: '2016-01-15' },
    ],
    currentTitleCode: 'PTP_X',
    jobPositionCode: 'TP',
    plannedTitles: [{ titleCode: 'TP_X', term: '2025-2030' }],
    appraisals: [
      { year: 2021, classification: 'good' },
      { year: 2022, classification: 'good' },
      { year: 2023, classification: 'good' },
      { year: 2024, classification: 'excellent' },
      { year: 2025, classification: 'good' },
    ],
    serviceStartedOn: '2012-08-01',
    enrolledProgrammeCodes: [],
    ...over,
  };
}

export function context(over: Partial<EvaluationContext> = {}): EvaluationContext {
  return {
    person: person(),
    asOf: '2025-10-01',
    mode: 'full_time',
    programmeCode: 'TC_LLCT',
    levels: REFERENCE_LEVELS,
    titles: REFERENCE_TITLES,
    jobPositions: JOB_POSITION_FIELDS,
    studyField: null,
    ...over,
  };
}

/** checkEligibility against the shipped programmes and rules. */
export function check(programme: string, mode: StudyMode, asOf: string, p: PersonFacts = person(), studyField: string | null = null): EligibilityResult {
  return checkEligibility({
    person: p,
    programme,
    mode,
    programmes: SHIPPED_PROGRAMMES,
    rules: SHIPPED_RULE_SETS,
    levels: REFERENCE_LEVELS,
    titles: REFERENCE_TITLES,
    jobPositions: JOB_POSITION_FIELDS,
    studyField,
    asOf,
  });
}

export const TEST_SOURCE: SourceDocument = { code: '1/2025/TEST', title: 'Văn bản thử', issuer: 'Ban thử nghiệm', issuedOn: '2025-01-01', article: 'Điều 1' };

/** A valid rule of the given kind and params, version 1, open from 2025-01-01. */
export function makeRule<R extends Rule>(kind: R['kind'], params: R['params'], over: Partial<Rule> = {}): R {
  return {
    id: 'TEST.rule',
    version: 1,
    period: { from: '2025-01-01', to: null },
    source: TEST_SOURCE,
    description: 'Điều kiện thử nghiệm.',
    kind,
    params,
    ...over,
  } as R;
}
