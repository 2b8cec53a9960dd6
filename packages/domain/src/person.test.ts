import { describe, expect, it } from 'vitest';
import { checkPersonFacts, isValidCitizenId, membershipFromDates } from './person.js';

const TODAY = '2026-11-23';
const base = { birthDate: '1985-06-15', category: 'cong_chuc' };

describe('checkPersonFacts', () => {
  it.each([
    ['a valid record', {}, []],
    ['a future birth date', { birthDate: '2027-01-01' }, [{ field: 'birthDate', code: 'DATE_IN_FUTURE' }]],
    ['a 15-year-old', { birthDate: '2011-06-15' }, [{ field: 'birthDate', code: 'AGE_OUT_OF_RANGE' }]],
    ['exactly 16 today', { birthDate: '2010-11-23' }, []],
    ['81 years old', { birthDate: '1945-01-01' }, [{ field: 'birthDate', code: 'AGE_OUT_OF_RANGE' }]],
    ['joined the party at 17', { partyJoinedOn: '2003-01-01' }, [{ field: 'partyJoinedOn', code: 'PARTY_TOO_YOUNG' }]],
    ['joined the party on the 18th birthday', { partyJoinedOn: '2003-06-15' }, []],
    ['official before joining', { partyJoinedOn: '2010-01-01', partyOfficialOn: '2009-12-31' }, [{ field: 'partyOfficialOn', code: 'DATE_BEFORE_START' }]],
    ['official without joining', { partyOfficialOn: '2010-01-01' }, [{ field: 'partyOfficialOn', code: 'PARTY_OFFICIAL_WITHOUT_JOIN' }]],
    ['joining in the future', { partyJoinedOn: '2027-01-01' }, [{ field: 'partyJoinedOn', code: 'DATE_IN_FUTURE' }]],
  ])('%s', (_name, over, expected) => {
    expect(checkPersonFacts({ ...base, ...over }, TODAY)).toEqual(expected);
  });
});

describe('checkPersonFacts: membership against its dates', () => {
  const member = { partyJoinedOn: '2010-01-01', partyOfficialOn: '2011-01-01' };
  it.each([
    ['a member with both dates', { partyMembership: 'member', ...member }, []],
    ['a member, dates unknown', { partyMembership: 'member' }, []],
    ['a probationary member admitted 3 months ago', { partyMembership: 'probationary', partyJoinedOn: '2026-08-23' }, []],
    ['a probationary member with an official date', { partyMembership: 'probationary', ...member }, [{ field: 'partyOfficialOn', code: 'PARTY_PROBATIONARY_OFFICIAL' }]],
    ['an official member admitted 3 months ago', { partyMembership: 'member', partyJoinedOn: '2026-08-23' }, [{ field: 'partyMembership', code: 'PARTY_STILL_PROBATIONARY' }]],
    ['an official member admitted exactly a year ago', { partyMembership: 'member', partyJoinedOn: '2025-11-23' }, []],
    ['not a member, with an admission date', { partyMembership: 'not_member', partyJoinedOn: '2010-01-01' }, [{ field: 'partyJoinedOn', code: 'PARTY_DATE_NOT_MEMBER' }]],
    ['not a member, no dates', { partyMembership: 'not_member' }, []],
    ['unknown, with an admission date', { partyMembership: null, partyJoinedOn: '2010-01-01' }, [{ field: 'partyMembership', code: 'PARTY_MEMBERSHIP_REQUIRED' }]],
    ['unknown, no dates', { partyMembership: null }, []],
  ] as const)('%s', (_name, over, expected) => {
    expect(checkPersonFacts({ ...base, ...over }, TODAY)).toEqual(expected);
  });
});

describe('membershipFromDates', () => {
  it.each([
    ['no dates: unknown, not "not a member"', null, null, null],
    ['an official date', '2010-01-01', '2011-01-01', 'member'],
    ['admitted a year ago or more', '2025-11-23', null, 'member'],
    ['admitted less than a year ago', '2025-11-24', null, 'probationary'],
  ] as const)('%s', (_name, joined, official, expected) => {
    expect(membershipFromDates(joined, official, TODAY)).toBe(expected);
  });
});

describe('isValidCitizenId', () => {
  it.each([
    ['008080000001', true],
    ['00808000000', false],
    ['0080800000012', false],
    ['00808000000a', false],
    ['', false],
  ])('%s → %s', (id, ok) => {
    expect(isValidCitizenId(id)).toBe(ok);
  });
});
