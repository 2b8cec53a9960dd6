import { describe, expect, it } from 'vitest';
import { officialDate, officialDateLine } from './date-line.js';

describe('officialDate and officialDateLine', () => {
  it.each([
    ['2026-12-07', 'ngày 07 tháng 12 năm 2026'],
    ['2026-02-05', 'ngày 05 tháng 02 năm 2026'],
    ['2026-01-31', 'ngày 31 tháng 01 năm 2026'],
    ['2026-03-09', 'ngày 09 tháng 3 năm 2026'],
    ['2026-04-05', 'ngày 05 tháng 4 năm 2026'],
    ['2026-10-10', 'ngày 10 tháng 10 năm 2026'],
    ['2028-02-29', 'ngày 29 tháng 02 năm 2028'],
  ])('%s → %s (leading zero for days below 10 and months below 3)', (iso, text) => {
    expect(officialDate(iso)).toBe(text);
  });

  it.each([
    ['Long An', '2026-12-07', 'vi', 'Long An, ngày 07 tháng 12 năm 2026'],
    ['  Long An ', '2026-12-07', 'vi', 'Long An, ngày 07 tháng 12 năm 2026'],
    [undefined, '2026-12-07', 'vi', 'Ngày 07 tháng 12 năm 2026'],
    ['', '2026-03-01', 'vi', 'Ngày 01 tháng 3 năm 2026'],
    ['Long An', '2026-12-07', 'en', 'Long An, 7 December 2026'],
    [undefined, '2027-01-15', 'en', '15 January 2027'],
  ] as const)('place %j, %s (%s) → %s', (place, iso, locale, line) => {
    expect(officialDateLine(place, iso, locale)).toBe(line);
  });

  it.each(['2026-02-30', '2026-13-01', '07/12/2026', '2026-1-5', ''])('refuses %j', (bad) => {
    expect(() => officialDate(bad)).toThrow(RangeError);
  });
});
