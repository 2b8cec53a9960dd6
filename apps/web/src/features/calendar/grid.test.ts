import { describe, expect, it } from 'vitest';
import { classesOf, groupByDate, periodOf, shiftAnchor } from './grid';

describe('periodOf', () => {
  it.each([
    ['week', '2026-12-09', '2026-12-07', '2026-12-13', 7],
    ['week', '2026-12-07', '2026-12-07', '2026-12-13', 7],
    ['week', '2027-01-01', '2026-12-28', '2027-01-03', 7],
    // December 2026 starts on a Tuesday: the grid starts on Monday 30 November
    ['month', '2026-12-19', '2026-11-30', '2027-01-10', 42],
    // February 2027 starts on a Monday
    ['month', '2027-02-14', '2027-02-01', '2027-03-14', 42],
  ] as const)('%s around %s: %s to %s (%i days)', (view, anchor, from, to, count) => {
    const p = periodOf(view, anchor);
    expect([p.from, p.to, p.days.length]).toEqual([from, to, count]);
    expect(p.days[0]).toBe(from);
  });
});

describe('shiftAnchor', () => {
  it.each([
    ['week', '2026-12-09', 1, '2026-12-16'],
    ['week', '2026-12-30', 1, '2027-01-06'],
    ['week', '2026-12-02', -1, '2026-11-25'],
    ['month', '2026-12-19', 1, '2027-01-01'],
    ['month', '2026-01-31', -1, '2025-12-01'],
    ['month', '2026-01-31', 1, '2026-02-01'],
  ] as const)('%s %s %i → %s', (view, anchor, step, next) => expect(shiftAnchor(view, anchor, step)).toBe(next));
});

describe('groupByDate and classesOf', () => {
  const s = (id: number, date: string, startTime: string, classId = 1, className = 'Lớp B') => ({
    id,
    date,
    startTime,
    classId,
    className,
    cohortCode: `K${classId}`,
  });

  it('groups by day in time order', () => {
    const g = groupByDate([
      s(3, '2026-12-08', '13:30'),
      s(1, '2026-12-07', '07:30'),
      s(2, '2026-12-08', '07:30'),
      s(4, '2026-12-08', '07:30'),
    ]);
    expect([...g].map(([d, items]) => [d, items.map((i) => i.id)])).toEqual([
      ['2026-12-07', [1]],
      ['2026-12-08', [2, 4, 3]],
    ]);
  });

  it('lists each class once, by name', () => {
    expect(
      classesOf([
        s(1, '2026-12-07', '07:30', 2, 'Lớp Đảng viên mới'),
        s(2, '2026-12-07', '07:30', 1, 'Lớp Bồi dưỡng'),
        s(3, '2026-12-08', '07:30', 2, 'Lớp Đảng viên mới'),
      ]),
    ).toEqual([
      { id: 1, label: 'Lớp Bồi dưỡng (K1)' },
      { id: 2, label: 'Lớp Đảng viên mới (K2)' },
    ]);
  });
});
