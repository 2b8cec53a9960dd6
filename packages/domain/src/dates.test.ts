import { describe, expect, it } from 'vitest';
import { addYears, ageOn, birthDateBounds, formatViDate, isIsoDate, parseDate, todayInVietnam } from './dates.js';

describe('parseDate', () => {
  it.each([
    ['17/05/1980', '1980-05-17'],
    ['1/2/1990', '1990-02-01'],
    ['1980-05-17', '1980-05-17'],
    ['29/02/2024', '2024-02-29'],
    ['29/02/2023', null],
    ['31/02/1990', null],
    ['31/04/1990', null],
    ['00/01/1990', null],
    ['15/13/1990', null],
    ['2024-02-30', null],
    ['17.05.1980', null],
    ['', null],
    ['hôm qua', null],
  ])('%s → %s', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });
});

describe('isIsoDate', () => {
  it.each([
    ['2025-08-29', true],
    ['2025-02-31', false],
    ['25-08-29', false],
    ['2025-8-29', false],
  ])('%s → %s', (input, expected) => {
    expect(isIsoDate(input)).toBe(expected);
  });
});

describe('ageOn', () => {
  it.each([
    ['1980-05-17', '2025-05-16', 44],
    ['1980-05-17', '2025-05-17', 45], // the birthday itself counts
    ['1980-05-17', '2025-05-18', 45],
    ['2000-02-29', '2025-02-28', 24],
    ['2000-02-29', '2025-03-01', 25],
  ])('born %s, on %s → %i', (birth, asOf, age) => {
    expect(ageOn(birth, asOf)).toBe(age);
  });
});

describe('addYears and birthDateBounds', () => {
  it('falls back to 28 February from a leap day', () => {
    expect(addYears('2024-02-29', -1)).toBe('2023-02-28');
  });
  it.each([
    [30, 39, '2025-06-15', { bornAfter: '1985-06-15', bornOnOrBefore: '1995-06-15' }],
    [0, 29, '2025-01-01', { bornAfter: '1995-01-01', bornOnOrBefore: '2025-01-01' }],
  ])('ages %i–%i on %s', (min, max, asOf, expected) => {
    const b = birthDateBounds(min, max, asOf);
    expect(b).toEqual(expected);
    // the edges: born on bornOnOrBefore is exactly `min` (included); born on bornAfter is `max + 1` (excluded)
    expect(ageOn(b.bornOnOrBefore, asOf)).toBe(min);
    expect(ageOn(b.bornAfter, asOf)).toBe(max + 1);
  });
});

describe('formatting and today', () => {
  it('formats dates as vi-VN', () => {
    expect(formatViDate('2025-08-29')).toBe('29/08/2025');
    expect(formatViDate(null)).toBe('');
  });
  it('takes today in Vietnam (UTC+7), not the server zone', () => {
    expect(todayInVietnam(new Date('2025-12-31T17:30:00Z'))).toBe('2026-01-01');
    expect(todayInVietnam(new Date('2025-12-31T16:59:00Z'))).toBe('2025-12-31');
  });
});
