import { describe, expect, it } from 'vitest';
import { checkPeriod, group, isYoung, shares, yearsCounted, type PersonTime } from './index.js';
import type { IsoDate } from '../dates.js';

const d = (s: string) => s as IsoDate;

describe('isYoung: the whole-year age on the start date below the limit', () => {
  it.each([
    ['1990-06-01', '2025-05-31', 35, true], // 34 the day before the birthday
    ['1990-06-01', '2025-06-01', 35, false], // 35 on the birthday
    ['2000-02-29', '2035-02-28', 35, true], // born on 29 Feb: 35 only on 1 March in a common year
    ['2000-02-29', '2035-03-01', 35, false],
    ['1996-01-01', '2025-12-31', 30, true],
    ['1995-01-01', '2025-01-01', 30, false],
  ])('%s on %s under %i → %s', (birth, on, limit, expected) => {
    expect(isYoung(d(birth), d(on), limit)).toBe(expected);
  });
});

describe('checkPeriod', () => {
  it.each([
    ['2024-01-01', '2024-12-31', []],
    ['2024-01-01', '2024-01-01', []],
    ['2024-01-02', '2024-01-01', [{ path: 'to', code: 'STAT_PERIOD_ENDS_BEFORE_START' }]],
    ['2024-02-30', '2024-12-31', [{ path: 'from', code: 'INVALID_DATE' }]],
    ['1970-01-01', '2024-12-31', [{ path: 'to', code: 'STAT_PERIOD_TOO_LONG' }]],
  ])('%s – %s', (from, to, expected) => {
    expect(checkPeriod(from, to)).toEqual(expected);
  });
});

describe('yearsCounted: each year the training runs in within the period', () => {
  it.each([
    ['2022-09-01', '2023-06-30', '2021-01-01', '2024-12-31', [2022, 2023]],
    ['2022-09-01', '2023-06-30', '2023-01-01', '2023-12-31', [2023]],
    ['2019-01-01', '2020-12-31', '2021-01-01', '2024-12-31', []],
    ['2024-12-31', '2025-01-01', '2024-12-31', '2024-12-31', [2024]],
    ['2020-01-01', '2030-01-01', '2024-06-01', '2025-06-01', [2024, 2025]],
  ])('%s–%s in %s–%s', (s, e, f, t, expected) => {
    expect(yearsCounted(d(s), d(e), d(f), d(t))).toEqual(expected);
  });
});

describe('shares: person-times of a group over all, one decimal half up', () => {
  it.each([
    [{ personTimes: 35_000, young: 10_500, female: 14_350, minority: 17_500, partyMember: 34_000 }, { young: 30, female: 41, minority: 50, partyMember: 97.1 }],
    [{ personTimes: 3, young: 1, female: 2, minority: 0, partyMember: 3 }, { young: 33.3, female: 66.7, minority: 0, partyMember: 100 }],
    [{ personTimes: 0, young: 0, female: 0, minority: 0, partyMember: 0 }, { young: null, female: null, minority: null, partyMember: null }],
  ])('%o', (counts, expected) => {
    const s = shares(counts);
    expect({ young: s.young.value, female: s.female.value, minority: s.minority.value, partyMember: s.partyMember.value }).toEqual(expected);
  });
});

describe('group: the reference model of the SQL', () => {
  const pt = (factId: number, personId: number, start: string, end: string, programme: string): PersonTime => ({
    source: 'class',
    factId,
    personId,
    start: d(start),
    end: d(end),
    completed: false,
    keys: { programme },
  });
  const rows = [pt(1, 10, '2022-09-01', '2023-06-30', 'TC'), pt(1, 11, '2022-09-01', '2023-06-30', 'TC'), pt(2, 10, '2023-03-01', '2023-03-10', 'SC'), pt(3, 12, '2019-01-01', '2019-02-01', 'SC')];
  it.each([
    [[], [['', { personTimes: 3, people: 2 }]]],
    [['year'], [['2022', { personTimes: 2, people: 2 }], ['2023', { personTimes: 3, people: 2 }]]],
    [['programme'], [['TC', { personTimes: 2, people: 2 }], ['SC', { personTimes: 1, people: 1 }]]],
    [['year', 'programme'], [['2022|TC', { personTimes: 2, people: 2 }], ['2023|TC', { personTimes: 2, people: 2 }], ['2023|SC', { personTimes: 1, people: 1 }]]],
  ] as const)('by %o', (dims, expected) => {
    expect(group(rows, dims, d('2021-01-01'), d('2024-12-31'))).toEqual(new Map(expected as unknown as [string, { personTimes: number; people: number }][]));
  });
});
